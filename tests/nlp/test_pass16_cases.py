"""Sixteenth-pass cases of issue 15: offices, names in apposition, time-only contents
(``cases/pass16.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("pass16"))
def test_pass16_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
