"""Outer48 cases of issue 15: a negated verb of saying before an embedded question
(``cases/outer48.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("outer48"))
def test_outer48_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
