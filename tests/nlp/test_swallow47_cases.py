"""Forty-seventh-pass cases of issue 15: a trailing clause with its own named or noun subject
and its own report ends the content before it (``cases/swallow47.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("swallow47"))
def test_swallow47_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
