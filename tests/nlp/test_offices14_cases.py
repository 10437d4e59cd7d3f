"""Parliamentary titles and capitalised offices (issue 15) (``cases/offices14.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("offices14"))
def test_offices14_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
