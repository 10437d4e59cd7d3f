"""Tags42 cases of issue 15: role nouns the tagger calls proper nouns
(``cases/tags42.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("tags42"))
def test_tags42_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
