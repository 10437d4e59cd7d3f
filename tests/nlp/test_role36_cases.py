"""Thirty-sixth-pass cases of issue 15: role nouns and definite descriptions as speakers
(``cases/role36.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("role36"))
def test_role36_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
