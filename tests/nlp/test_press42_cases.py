"""Press42 cases of issue 15: press nouns and the outlet they stand for
(``cases/press42.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("press42"))
def test_press42_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
