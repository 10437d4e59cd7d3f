"""Role33 cases of issue 15: descriptions of people resolved to the person named before
(``cases/role33.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("role33"))
def test_role33_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
