"""holder48 cases of issue 15: role nouns whose holder the next sentence names
(``cases/holder48.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("holder48"))
def test_holder48_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
