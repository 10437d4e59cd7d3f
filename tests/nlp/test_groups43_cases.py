"""Forty-third-pass cases of issue 15: groups as speakers (``cases/groups43.toml``), with the
Doc's mention index checked where a case names a phrase (``indexed`` / ``not_indexed``)."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from stancewire.nlp.extract import Extractor
from stancewire.schemas import Article
from tests.nlp.test_cases import _check, _load, _select


@pytest.mark.parametrize("case", _load("groups43"))
def test_groups43_case(case: dict[str, Any], run: Any, extractor: Extractor) -> None:
    _check(case, run)
    if "indexed" in case or "not_indexed" in case:
        _check_index(case, extractor)


def _check_index(case: dict[str, Any], extractor: Extractor) -> None:
    """Whether the mention index records the case's phrase as a mention of its quote's speaker."""
    text = case["text"]
    art = Article(id="g", text=text, published_at=datetime(2025, 1, 27, tzinfo=UTC), synthetic=True)
    doc = extractor.process(art)
    q = _select(SimpleNamespace(quotes=doc._.quotes), case)
    assert q.speaker is not None
    spans = {text[m.start : m.end] for m in doc._.mentions.mentions if m.actor.id == q.speaker.id}
    if "indexed" in case:
        assert case["indexed"] in spans, f"{case['indexed']!r} not among {sorted(spans)}"
    if "not_indexed" in case:
        assert case["not_indexed"] not in spans, f"{case['not_indexed']!r} among {sorted(spans)}"
