"""Nineteenth-pass cases of issue 15 (frames36): recalled and unmentioned objects
(``cases/frames36.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("frames36"))
def test_frames36_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
