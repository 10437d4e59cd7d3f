"""Forty-eighth-pass cases of issue 15: what a source cited by "according to" reports
(``cases/bodies48.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("bodies48"))
def test_bodies48_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
