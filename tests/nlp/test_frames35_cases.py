"""Frames35 cases of issue 15: which subject a cue inside a frame pairs with
(``cases/frames35.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("frames35"))
def test_frames35_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
