"""Cases of task ctrl46 (issue 15): subjects of non-finite clauses the parser misattaches
(``cases/ctrl46.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("ctrl46"))
def test_ctrl46_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
