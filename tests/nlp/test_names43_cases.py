"""Forty-third-pass cases of issue 15: named speakers given to someone else by a participle
hung low or an aside (``cases/names43.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("names43"))
def test_names43_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
