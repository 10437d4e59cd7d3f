"""Forty-fifth-pass cases of issue 15: whom "they" continues after a subject that is people
(``cases/groles45.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("groles45"))
def test_groles45_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
