"""Pass-34 cases of issue 15: pronoun speakers
(``cases/pron34.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("pron34"))
def test_pron34_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
