"""Stage 1: validate raw records into ``Article``; reject bad ones to the dead-letter topic
(the rules: ``stancewire.stages.ingest``)."""

from __future__ import annotations

from datetime import UTC, datetime

from agents.context import AgentContext
from stancewire.stages import ingest as stage
from stancewire.validation import Limits
from streams import metrics


def register(ctx: AgentContext) -> None:
    settings = ctx.settings
    limits = Limits(
        max_article_bytes=settings.max_article_bytes,
        max_text_chars=settings.max_text_chars,
        max_sentence_tokens=settings.max_sentence_tokens,
    )

    @ctx.app.agent(ctx.topics.articles)
    async def ingest(stream):  # type: ignore[no-untyped-def]
        async for event in stream.events():
            metrics.articles_received.inc()
            msg = event.message
            raw = stage.RawRecord(msg.value, msg.topic, msg.partition, msg.offset, msg.timestamp)
            out = stage.ingest(
                raw, limits, max_original_bytes=ctx.dead_letters.max_original_bytes(), now=datetime.now(UTC)
            )
            for letter in out.dead_letters:
                await ctx.dead_letters.send(letter)
            metrics.articles_valid.inc(len(out.records))
            await ctx.emit.send(out.records)
