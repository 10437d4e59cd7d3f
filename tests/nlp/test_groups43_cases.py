"""Forty-third-pass cases of issue 15: groups as speakers (``cases/groups43.toml``), with the
Doc's mention index checked where a case names a phrase (``indexed`` / ``not_indexed``)."""

from __future__ import annotations

from typing import Any

import pytest

from stancewire.nlp.extract import Extractor
from tests.nlp.test_cases import _check, _load, check_index


@pytest.mark.parametrize("case", _load("groups43"))
def test_groups43_case(case: dict[str, Any], run: Any, extractor: Extractor) -> None:
    _check(case, run)
    check_index(case, extractor)
