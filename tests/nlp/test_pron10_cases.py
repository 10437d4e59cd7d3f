"""Pronoun speaker cases of issue 15's thirteenth pass (``cases/pron10.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("pron10"))
def test_pron10_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
