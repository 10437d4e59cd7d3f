"""Shared fixtures: one real spaCy pipeline and one Extractor for the whole NLP test session."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from stancewire.nlp.extract import Extractor
from stancewire.nlp.registry import ActorRegistry, default_registry
from stancewire.schemas import Article, ExtractionResult

SEED_ARTICLES = Path(__file__).resolve().parents[2] / "seeds" / "articles.jsonl"
SEED_ID = "kremlin-awaits-us-signals"


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


@pytest.fixture(scope="session")
def seed_article() -> Article:
    """The one real article (Kremlin awaits US signals, 2025-01-27): the first record of the repo's
    ``seeds/articles.jsonl`` (same text, byte for byte, as the shared seed file), so the seed
    tests run on any clone."""
    with SEED_ARTICLES.open(encoding="utf-8") as f:
        first = next(line for line in f if line.strip())
    art = Article.model_validate_json(first)
    assert art.id == SEED_ID, f"first record of {SEED_ARTICLES} is {art.id!r}, not the seed article"
    assert art.published_at == datetime(2025, 1, 27, tzinfo=UTC)
    return art
