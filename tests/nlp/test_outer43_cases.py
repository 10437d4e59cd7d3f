"""Outer-attribution cases of issue 15 (outer43): an act that reports another report
(``cases/outer43.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("outer43"))
def test_outer43_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
