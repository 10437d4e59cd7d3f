"""Stage 5: keep each speaker's most recent quotes in the ``actor-quotes`` table for the web view
(the fold: ``stancewire.stages.actor_quotes``).

Batched like the positions agent: each speaker's value is read and written once per batch.
"""

from __future__ import annotations

from agents.context import AgentContext
from stancewire.stages import actor_quotes as stage
from streams.batching import take_settled


def register(ctx: AgentContext) -> None:
    settings = ctx.settings

    @ctx.app.agent(ctx.topics.quotes)
    async def index_quotes(stream):  # type: ignore[no-untyped-def]
        async for events in take_settled(
            stream,
            settings.table_batch_size,
            within=settings.table_batch_within,
            idle=settings.table_batch_idle,
        ):
            out = stage.index_quotes(
                [event.value for event in events], ctx.tables.actor_quotes, settings.recent_quotes
            )
            ctx.emit.write(out.writes, events)
