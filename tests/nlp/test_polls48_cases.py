"""Twenty-fourth-pass cases of issue 15: a bare "in the polls" is a standing, no finding
(``cases/polls48.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("polls48"))
def test_polls48_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
