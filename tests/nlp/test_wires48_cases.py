"""Twenty-fourth-pass cases of issue 15: papers and wires named like persons
(``cases/wires48.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("wires48"))
def test_wires48_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
