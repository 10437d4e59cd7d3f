"""Named-speaker cases of issue 15's fourteenth pass (``cases/names11.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("names11"))
def test_names11_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
