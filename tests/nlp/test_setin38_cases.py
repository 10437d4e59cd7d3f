"""Set-in speech frame cases of issue 15: a cue between commas owns the clause around it, and
"seemed/appeared to" with a speech cue (``cases/setin38.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("setin38"))
def test_setin38_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
