"""Names40 cases of issue 15: a headline's capitalised words as names (``cases/names40.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("names40"))
def test_names40_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
