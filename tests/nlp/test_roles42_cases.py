"""Forty-second-pass cases of issue 15: role nouns resolved to the wrong person
(``cases/roles42.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("roles42"))
def test_roles42_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
