"""Stage 4: fold stance evidence into the per-actor ``positions`` table; publish stance changes.

The ``stances`` topic is keyed by actor id, so one actor's evidence is always handled by one
worker, in order, and the table is co-partitioned with it. One event at a time would rewrite an
actor's whole value per evidence item; instead a batch (``stream.take_events``) is folded per
actor and each actor is written once per batch (``streams.batching``). Single concurrency: Faust
tables must only be written by single-concurrency agents.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from faust.types import EventT

from stancewire.positions import PositionRules, fold
from stancewire.schemas import ActorPositions, StanceEvidence
from streams import metrics
from streams.app import app, settings
from streams.batching import current_event, take_settled
from streams.tables import positions
from streams.topics import stance_changes_topic, stances_topic

RULES = PositionRules(
    half_life_days=settings.half_life_days,
    cooperative_threshold=settings.cooperative_threshold,
    conflictual_threshold=settings.conflictual_threshold,
    min_delta=settings.change_min_delta,
    min_evidence=settings.change_min_evidence,
    min_articles=settings.change_min_articles,
    recent_evidence=settings.recent_evidence,
)


@app.agent(stances_topic)
async def update_positions(stream):  # type: ignore[no-untyped-def]
    async for events in take_settled(
        stream, settings.table_batch_size, within=settings.table_batch_within, idle=settings.table_batch_idle
    ):
        # Folded in arrival order (so alerts keep their order across actors), with each actor's
        # value read once and written once per batch.
        states: dict[str, ActorPositions | None] = {}
        last_event: dict[str, EventT] = {}
        alerts: list[asyncio.Future] = []
        applied: list[StanceEvidence] = []
        for event in events:
            evidence: StanceEvidence = event.value
            actor_id = evidence.actor.id
            state = states[actor_id] if actor_id in states else positions.get(actor_id)
            state, change, is_new = fold(state, evidence, RULES)
            states[actor_id] = state
            if not is_new:
                metrics.evidence_redelivered.inc()
                continue
            last_event[actor_id] = event
            applied.append(evidence)
            if change is not None:
                change = change.model_copy(update={"ingested_at": evidence.ingested_at})
                alerts.append(await stance_changes_topic.send(key=actor_id, value=change))
                metrics.changes_published.labels(change.kind).inc()
        # Every alert is acked by the broker before the table records its evidence as applied:
        # a crash in between re-sends the same change_id (subscribers dedupe) rather than losing it.
        if alerts:
            await asyncio.gather(*alerts)
        for actor_id, event in last_event.items():
            with current_event(event):
                # Assign a new value (never mutate in place): Faust only logs assignments.
                positions[actor_id] = states[actor_id]
        now = datetime.now(UTC)
        for evidence in applied:
            metrics.evidence_applied.inc()
            if evidence.ingested_at is not None:
                metrics.latency_seconds.observe((now - evidence.ingested_at).total_seconds())
