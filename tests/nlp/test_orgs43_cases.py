"""Forty-third-pass organisation cases of issue 15: campaigns named after a person
(``cases/orgs43.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("orgs43"))
def test_orgs43_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
