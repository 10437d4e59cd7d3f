"""Names42 cases of issue 15: role and title words inside names
(``cases/names42.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("names42"))
def test_names42_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
