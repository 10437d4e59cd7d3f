"""Stage 1: validate raw records into ``Article``; reject bad ones to the dead-letter topic
(the rules: ``stancewire.stages.ingest``)."""

from __future__ import annotations

from datetime import UTC, datetime

from agents import emit
from agents.dead_letter import max_original_bytes, send_dead_letter
from stancewire.stages import ingest as stage
from stancewire.validation import Limits
from streams import metrics
from streams.app import app, settings
from streams.topics import articles_topic

LIMITS = Limits(
    max_article_bytes=settings.max_article_bytes,
    max_text_chars=settings.max_text_chars,
    max_sentence_tokens=settings.max_sentence_tokens,
)


@app.agent(articles_topic)
async def ingest(stream):  # type: ignore[no-untyped-def]
    async for event in stream.events():
        metrics.articles_received.inc()
        msg = event.message
        raw = stage.RawRecord(msg.value, msg.topic, msg.partition, msg.offset, msg.timestamp)
        out = stage.ingest(raw, LIMITS, max_original_bytes=max_original_bytes(), now=datetime.now(UTC))
        for letter in out.dead_letters:
            await send_dead_letter(letter)
        metrics.articles_valid.inc(len(out.records))
        await emit.send(out.records)
