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

import asyncio
from datetime import UTC, datetime

from stancewire.positions import PositionRules, fold_batch
from stancewire.schemas import StanceEvidence
from streams import metrics
from streams.app import app, settings
from streams.batching import current_event, take_settled
from streams.tables import position_detail, positions
from streams.topics import stance_changes_topic, stances_topic

RULES = PositionRules(
    half_life_days=settings.half_life_days,
    cooperative_threshold=settings.cooperative_threshold,
    conflictual_threshold=settings.conflictual_threshold,
    min_delta=settings.change_min_delta,
    min_evidence=settings.change_min_evidence,
    min_articles=settings.change_min_articles,
    recent_evidence=settings.recent_evidence,
    did_weight=settings.did_weight,
)


@app.agent(stances_topic)
async def update_positions(stream):  # type: ignore[no-untyped-def]
    async for events in take_settled(
        stream, settings.table_batch_size, within=settings.table_batch_within, idle=settings.table_batch_idle
    ):
        # Folded in arrival order (so alerts keep their order across actors); each actor's
        # summary and each touched position's detail are read once and written once per batch.
        batch: list[StanceEvidence] = [event.value for event in events]
        folded = fold_batch(batch, positions.get, position_detail.get, RULES)
        alerts: list[asyncio.Future] = []
        for evidence, change, is_new in zip(batch, folded.changes, folded.is_new, strict=True):
            if not is_new:
                metrics.evidence_redelivered.inc()
            elif change is not None:
                change = change.model_copy(update={"ingested_at": evidence.ingested_at})
                alerts.append(await stance_changes_topic.send(key=evidence.actor.id, value=change))
                metrics.changes_published.labels(change.kind).inc()
        # Every alert is acked by the broker before the table records its evidence as applied:
        # a crash in between re-sends the same change_id (subscribers dedupe) rather than losing it.
        if alerts:
            await asyncio.gather(*alerts)
        for actor_id, write in folded.writes.items():
            with current_event(events[write.at]):
                # New values only (never mutate in place): Faust logs assignments. The details
                # first: they are what the next fold reads.
                for key, value in write.details.items():
                    position_detail[key] = value
                positions[actor_id] = write.summary
        now = datetime.now(UTC)
        for evidence, is_new in zip(batch, folded.is_new, strict=True):
            if is_new:
                metrics.evidence_applied.inc()
                if evidence.ingested_at is not None:
                    metrics.latency_seconds.observe((now - evidence.ingested_at).total_seconds())
