"""Fortieth-pass pronoun cases of issue 15: "they" after a subject "along with" others
(``cases/pron40.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("pron40"))
def test_pron40_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
