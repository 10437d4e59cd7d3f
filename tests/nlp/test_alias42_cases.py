"""Pass-42 cases of issue 15: business nouns resolved to an organisation they fit, never a place
(``cases/alias42.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("alias42"))
def test_alias42_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
