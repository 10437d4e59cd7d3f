"""Per-article limits are settings, and an article over one is dead-lettered whole, never half-processed."""

from __future__ import annotations

import base64
import json

import pytest

from stancewire.schemas import Article, DeadLetter, Quote, StanceEvidence

pytestmark = pytest.mark.broker

NOTE = {"synthetic": True, "note": "Synthetic article: all people and places are fictional."}


def _article(article_id: str, text: str) -> Article:
    return Article(
        id=article_id, text=text, published_at="2025-03-01T10:00:00Z", synthetic=True, metadata=NOTE
    )


# Three direct quotes by one speaker, under 400 characters: fine at ingest, too many for extract.
CHATTY = _article(
    "limits-chatty",
    'Mayor Lena Hart spoke on Monday. "The bridge will reopen." Hart said. '
    '"The ferry will run until then." Hart said. "Nobody will pay a toll." Hart said.',
)
# One quote: passes both limits.
ONE = _article("limits-one", 'Mayor Lena Hart spoke on Tuesday. "The market stays open." Hart said.')
# Over max_text_chars (400), with quotes that would otherwise be extracted.
LONG = _article("limits-long", " ".join(['"The tunnel will be finished next year." Hart said.'] * 12))


def test_quote_and_text_limits_are_settings(make_pipeline) -> None:
    assert len(CHATTY.text) < 400 < len(LONG.text)
    p = make_pipeline(partitions=1, max_quotes_per_article=1, max_text_chars=400)
    worker = p.start_worker()
    p.feed([CHATTY, ONE, LONG])
    p.wait_idle(timeout=120)
    assert worker.alive(), worker.log()[-3000:]

    letters = {d.article_id: d for d in p.read_topic("articles.dead-letter", DeadLetter)}
    assert set(letters) == {CHATTY.id, LONG.id}
    chatty, long_ = letters[CHATTY.id], letters[LONG.id]
    assert (chatty.stage, chatty.error_kind) == ("extract", "too_many_quotes")
    assert "limit 1" in chatty.error
    # The extract stage dead-letters the article as it received it (validated JSON).
    assert Article.model_validate_json(base64.b64decode(chatty.original)).text == CHATTY.text
    assert (long_.stage, long_.error_kind) == ("ingest", "oversize")
    assert "limit 400" in long_.error
    assert json.loads(base64.b64decode(long_.original))["id"] == LONG.id

    # Nothing half-processed: no quote and no evidence of either rejected article went out.
    quotes = p.read_topic("quotes", Quote)
    evidence = p.read_topic("stances", StanceEvidence)
    assert {q.article_id for q in quotes} == {ONE.id}
    assert {e.article_id for e in evidence} <= {ONE.id}
    assert len(quotes) == 1
    counts = p.counts()
    # LONG never got past ingest; CHATTY was accepted, then refused by extract.
    assert counts["articles.valid"] == counts["articles.accepted"] == 2
    print(f"\nlimits: dead letters {[(d.article_id, d.stage, d.error_kind) for d in letters.values()]}")
