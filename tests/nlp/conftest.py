"""Shared fixtures: one real spaCy pipeline and one Extractor for the whole NLP test session."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from stancewire.nlp.extract import Extractor
from stancewire.nlp.registry import ActorRegistry, default_registry
from stancewire.schemas import Article, ExtractionResult


@pytest.fixture(scope="session")
def registry() -> ActorRegistry:
    return default_registry()


@pytest.fixture(scope="session")
def extractor(registry: ActorRegistry) -> Extractor:
    return Extractor(registry=registry, with_stance=False)


@pytest.fixture(scope="session")
def run(extractor: Extractor):
    """Extract from a text (published 2025-01-27 unless given) and check the offset invariant."""

    def _run(text: str, published: str = "2025-01-27", article_id: str = "t") -> ExtractionResult:
        art = Article(
            id=article_id,
            text=text,
            published_at=datetime.fromisoformat(published).replace(tzinfo=UTC),
            synthetic=True,
        )
        res = extractor.extract(art)
        for q in res.quotes:
            assert text[q.start : q.end] == q.text
            assert q.text == q.text.strip()
            if q.speaker is not None and q.speaker.mention_start is not None:
                assert text[q.speaker.mention_start : q.speaker.mention_end] == q.speaker.mention
        return res

    return _run
