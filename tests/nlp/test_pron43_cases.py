"""Forty-third-pass cases of issue 15: pronouns and names resolved to the wrong actor
(``cases/pron43.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("pron43"))
def test_pron43_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
