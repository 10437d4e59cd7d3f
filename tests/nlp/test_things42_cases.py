"""Things42 cases of issue 15: names of things the NER made people
(``cases/things42.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("things42"))
def test_things42_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
