"""Nineteenth-pass cases of issue 15 (frames37): frames that close their sentence
(``cases/frames37.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("frames37"))
def test_frames37_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
