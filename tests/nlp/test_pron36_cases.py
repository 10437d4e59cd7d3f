"""Nineteenth-pass cases of issue 15 (pron36): pronoun speakers
(``cases/pron36.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("pron36"))
def test_pron36_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
