"""Cases of task none45 (issue 15): whose reading an appearance or passive view cue reports
(``cases/none45.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("none45"))
def test_none45_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
