"""Forty-eighth-pass cases of issue 15: a "his"/"her" possessor in the cue's sentence as a
mention of its speaker (``cases/possess48.toml``; ``indexed`` / ``not_indexed`` check the Doc's
mention index)."""

from __future__ import annotations

from typing import Any

import pytest

from stancewire.nlp.extract import Extractor
from tests.nlp.test_cases import _check, _load, check_index


@pytest.mark.parametrize("case", _load("possess48"))
def test_possess48_case(case: dict[str, Any], run: Any, extractor: Extractor) -> None:
    _check(case, run)
    check_index(case, extractor)
