"""Forty-fourth-pass cases of issue 15: places the NER tags as organisations, no antecedent of "he"
(``cases/pron44.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("pron44"))
def test_pron44_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
