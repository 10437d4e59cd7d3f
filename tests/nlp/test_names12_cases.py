"""Junk person id cases of issue 15's fifteenth pass (``cases/names12.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("names12"))
def test_names12_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
