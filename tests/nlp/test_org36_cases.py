"""Nineteenth-pass cases of issue 15 (org36): outlets, documents and polls as speakers
(``cases/org36.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("org36"))
def test_org36_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
