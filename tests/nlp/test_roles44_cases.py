"""Forty-fourth-pass cases of issue 15: role nouns and definite descriptions
(``cases/roles44.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("roles44"))
def test_roles44_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
