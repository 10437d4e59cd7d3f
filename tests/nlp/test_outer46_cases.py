"""Outer-act cases of issue 15 (outer46): an act on someone else's stated position
(``cases/outer46.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("outer46"))
def test_outer46_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
