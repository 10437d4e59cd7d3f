"""Relay cases of issue 15: a direct quote with its frame, relayed by "according to"
(``cases/relay45.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("relay45"))
def test_relay45_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
