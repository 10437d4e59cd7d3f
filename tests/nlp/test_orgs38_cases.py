"""Organisation cases of issue 15 (orgs38): outlets and report frames
(``cases/orgs38.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("orgs38"))
def test_orgs38_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
