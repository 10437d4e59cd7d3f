"""Forty-eighth-pass cases of issue 15: definite texts that refer back to an announcement
(``cases/orglen48.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("orglen48"))
def test_orglen48_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
