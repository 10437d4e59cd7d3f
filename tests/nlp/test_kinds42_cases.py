"""Organisations the NER tags PERSON get organisation ids (issue 15, kinds42)
(``cases/kinds42.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("kinds42"))
def test_kinds42_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
