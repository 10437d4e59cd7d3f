"""Forty-fifth-pass cases of issue 15: role nouns and descriptions that go to the subject
just talked about (``cases/roles45.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("roles45"))
def test_roles45_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
