"""Pronoun and person-name speaker cases, sixteenth pass (issue 15) (``cases/pron32.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("pron32"))
def test_pron32_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
