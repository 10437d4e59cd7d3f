"""Frames33 cases of issue 15: the reporting verb a participle after a reported clause belongs to
(``cases/frames33.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("frames33"))
def test_frames33_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
