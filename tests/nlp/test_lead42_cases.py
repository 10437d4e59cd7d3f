"""Cases of the lead's lead42 rule (issue 15): an opening adverb the NER ran into a PERSON name
(``cases/lead42.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("lead42"))
def test_lead42_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
