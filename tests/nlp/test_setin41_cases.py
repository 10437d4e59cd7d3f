"""Set-in frame cases of issue 15: relative clauses, extraposed "that" clauses, joined subjects
(``cases/setin41.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("setin41"))
def test_setin41_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
