"""Outer49 cases of issue 15: a report clause lost behind a fronted phrase
(``cases/outer49.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("outer49"))
def test_outer49_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
