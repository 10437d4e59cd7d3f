"""Cases of the attribution cues beyond speech verbs (``cases/recall.toml``, issue 15)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("recall"))
def test_recall_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
