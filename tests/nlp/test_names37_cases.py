"""Names37 cases of issue 15: names the NER types wrong
(``cases/names37.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("names37"))
def test_names37_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
