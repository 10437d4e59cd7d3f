"""Pass-49 cases of issue 15: a cue subject joining several people is a group
(``cases/groups49.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("groups49"))
def test_groups49_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
