"""Forty-fifth-pass cases of issue 15: a clause subject read as the object of "after", and
surnames read as a modal or a preposition (``cases/names45.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("names45"))
def test_names45_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
