"""Eighteenth-pass cases of issue 15: quote frames and inverted speakers
(``cases/pass18.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("pass18"))
def test_pass18_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
