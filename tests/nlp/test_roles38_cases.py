"""Role38 cases of issue 15: abbreviated titles, salience of role mentions, ages before a name
(``cases/roles38.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("roles38"))
def test_roles38_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
