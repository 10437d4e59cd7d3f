"""Junk person id cases, second round (issue 15) (``cases/names13.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("names13"))
def test_names13_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
