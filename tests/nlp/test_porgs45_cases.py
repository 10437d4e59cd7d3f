"""Twenty-third-pass cases of issue 15: names shaped like a body or a group, no person
(``cases/porgs45.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("porgs45"))
def test_porgs45_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
