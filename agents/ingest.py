"""Stage 1: validate raw records into ``Article``; reject bad ones to the dead-letter topic."""

from __future__ import annotations

from datetime import UTC, datetime

from agents.dead_letter import dead_letter_event
from stancewire.validation import Limits, RejectedRecord, parse_article
from streams import metrics
from streams.app import app, settings
from streams.topics import articles_topic, valid_articles_topic

LIMITS = Limits(
    max_article_bytes=settings.max_article_bytes,
    max_text_chars=settings.max_text_chars,
    max_sentence_tokens=settings.max_sentence_tokens,
)


@app.agent(articles_topic)
async def ingest(stream):  # type: ignore[no-untyped-def]
    async for event in stream.events():
        metrics.articles_received.inc()
        raw = event.message.value
        try:
            article = parse_article(raw, LIMITS)
        except RejectedRecord as exc:
            await dead_letter_event(
                event, stage="ingest", kind=exc.kind, error=str(exc), article_id=exc.article_id
            )
            continue
        except Exception as exc:  # a validator bug must not stop the stream: dead-letter it
            await dead_letter_event(event, stage="ingest", kind="internal_error", error=repr(exc)[:500])
            continue
        ts = event.message.timestamp
        article.ingested_at = datetime.fromtimestamp(ts, UTC) if ts else datetime.now(UTC)
        metrics.articles_valid.inc()
        # Re-keyed by article id (JSON) so the dedupe table is co-partitioned whatever key the
        # scraper used.
        await valid_articles_topic.send(key=article.id, value=article)
