"""Fortieth-pass cases of issue 15: the precision of role nouns as speakers
(``cases/roles40.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("roles40"))
def test_roles40_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
