"""Forty-fifth-pass cases of issue 15: a trailing clause with its own subject and cue ends the
content before it (``cases/swallow45.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("swallow45"))
def test_swallow45_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
