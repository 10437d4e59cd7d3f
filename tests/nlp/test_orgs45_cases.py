"""Forty-fifth-pass cases of issue 15: a bare "the government" and the government the article called so
(``cases/orgs45.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("orgs45"))
def test_orgs45_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
