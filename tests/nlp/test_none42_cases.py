"""Cases of task none42 (issue 15): the agent of a passive view hung inside its predicate, a
speech verb in a comparison (``cases/none42.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("none42"))
def test_none42_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
