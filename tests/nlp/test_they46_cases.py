"""Forty-sixth-pass cases of issue 15: whom "they" is when the parse hides its antecedent
(``cases/they46.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("they46"))
def test_they46_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
