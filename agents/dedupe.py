"""Stage 2: drop re-sent articles (same id, same content) so scrapers may resend freely (the
rule: ``stancewire.stages.dedupe``).

Articles are handled in batches: every accepted article of a batch is sent, the batch waits for
the broker's acks once, and only then are the articles marked seen. One article at a time cost a
broker round trip each (10-50 ms on a busy loop), and at the start of a burst that left the NLP
process waiting for work for seconds.
"""

from __future__ import annotations

from agents.context import AgentContext
from stancewire.stages import dedupe as stage
from streams import metrics
from streams.batching import take_settled

# A batch closes this long after the last article of a burst arrived: short, because every
# accepted article's latency waits for it.
BURST_IDLE_SECONDS = 0.005


def register(ctx: AgentContext) -> None:
    settings = ctx.settings

    @ctx.app.agent(ctx.topics.valid_articles)
    async def dedupe(stream):  # type: ignore[no-untyped-def]
        async for events in take_settled(
            stream, settings.table_batch_size, within=settings.batch_within, idle=BURST_IDLE_SECONDS
        ):
            out = stage.dedupe([event.value for event in events], ctx.tables.articles_seen)
            metrics.articles_duplicate.inc(out.duplicates)
            # Forwarded and acked *before* being marked seen: a crash in between re-sends them
            # (harmless: downstream ids are content-derived) instead of losing them.
            await ctx.emit.send_acked(out.records)
            ctx.emit.write(out.writes, events)
