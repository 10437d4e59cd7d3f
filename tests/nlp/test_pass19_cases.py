"""Nineteenth-pass cases of issue 15: descriptions, titles, datelines and "according to"
(``cases/pass19.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("pass19"))
def test_pass19_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
