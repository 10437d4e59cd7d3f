"""Pass-33 cases of issue 15: pronoun and relative-pronoun speakers
(``cases/pron33.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("pron33"))
def test_pron33_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
