"""Issue 15 organisation-speaker cases (branch org34)
(``cases/org34.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("org34"))
def test_org34_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
