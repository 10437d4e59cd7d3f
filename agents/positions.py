"""Stage 4: fold stance evidence into the ``positions`` and ``position-detail`` tables; publish
stance changes.

The ``stances`` topic is keyed by actor id, so one actor's evidence is always handled by one
worker, in order, and the table is co-partitioned with it. One event at a time would rewrite an
actor's whole value per evidence item; instead a batch (``stream.take_events``) is folded per
actor and each actor is written once per batch (``streams.batching``). Single concurrency: Faust
tables must only be written by single-concurrency agents.

An actor's ``positions`` value holds only position summaries; a position's full value (what the
fold works on) is read from ``position-detail`` when the batch first touches it, and only the
positions a batch changed are written back there (``stancewire.positions``, "stored split").
"""

from __future__ import annotations

from datetime import UTC, datetime

from agents.context import AgentContext
from stancewire.positions import PositionRules
from stancewire.settings import Settings
from stancewire.stages import positions as stage
from streams import metrics
from streams.batching import take_settled


def rules(settings: Settings) -> PositionRules:
    return PositionRules(
        half_life_days=settings.half_life_days,
        cooperative_threshold=settings.cooperative_threshold,
        conflictual_threshold=settings.conflictual_threshold,
        min_delta=settings.change_min_delta,
        min_evidence=settings.change_min_evidence,
        min_articles=settings.change_min_articles,
        recent_evidence=settings.recent_evidence,
        did_weight=settings.did_weight,
    )


def register(ctx: AgentContext) -> None:
    settings = ctx.settings
    position_rules = rules(settings)
    tables = ctx.tables

    @ctx.app.agent(ctx.topics.stances)
    async def update_positions(stream):  # type: ignore[no-untyped-def]
        async for events in take_settled(
            stream,
            settings.table_batch_size,
            within=settings.table_batch_within,
            idle=settings.table_batch_idle,
        ):
            out = stage.fold(
                [event.value for event in events], tables.positions, tables.position_detail, position_rules
            )
            # Every alert is acked by the broker before the table records its evidence as applied:
            # a crash in between re-sends the same change_id (subscribers dedupe) rather than losing it.
            await ctx.emit.send_acked(out.records)
            ctx.emit.write(out.writes, events)
            metrics.evidence_redelivered.inc(out.redelivered)
            for record in out.records:
                metrics.changes_published.labels(record.value.kind).inc()
            now = datetime.now(UTC)
            for evidence in out.applied:
                metrics.evidence_applied.inc()
                if evidence.ingested_at is not None:
                    metrics.latency_seconds.observe((now - evidence.ingested_at).total_seconds())
