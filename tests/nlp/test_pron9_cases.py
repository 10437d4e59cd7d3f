"""Pronoun and person-name speaker cases of issue 15's twelfth pass (``cases/pron9.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("pron9"))
def test_pron9_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
