"""Seventeenth-pass cases of issue 15: which clause a reporting participle belongs to
(``cases/pass17.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("pass17"))
def test_pass17_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
