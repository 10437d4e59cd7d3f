"""Pass-49 cases of issue 15: participles and list verbs hung on the wrong clause
(``cases/relsubj49.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("relsubj49"))
def test_relsubj49_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
