"""Colon-label cases of issue 15: labels that name no one, Q/A transcripts, labels in quote marks
(``cases/labels42.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("labels42"))
def test_labels42_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
