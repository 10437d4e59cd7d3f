"""probe36 cases of issue 15: fictional Canadian/US news probes
(``cases/probe36.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("probe36"))
def test_probe36_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
