"""Role34 cases of issue 15: role nouns whose holder an apposition or the lede names
(``cases/role34.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("role34"))
def test_role34_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
