"""Documents as sources (issue 15): court documents, summaries, editorials, poll averages
(``cases/docs42.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("docs42"))
def test_docs42_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
