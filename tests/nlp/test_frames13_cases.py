"""Direct-quote frames with a noun-tagged reporting verb (issue 15) (``cases/frames13.toml``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("frames13"))
def test_frames13_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)
