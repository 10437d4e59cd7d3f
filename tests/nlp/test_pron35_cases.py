"""Pass-35 cases of issue 15: pronoun and first-person speakers, round two
(``cases/pron35.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("pron35"))
def test_pron35_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
