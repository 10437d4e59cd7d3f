"""Stage 4: fold stance evidence into the per-actor ``positions`` table; publish stance changes.

The ``stances`` topic is keyed by actor id, so one actor's evidence is always handled by one
worker, in order, and the table is co-partitioned with it. One event at a time (no
concurrency): Faust tables must only be written by single-concurrency agents.
"""

from __future__ import annotations

from datetime import UTC, datetime

from stancewire.positions import PositionRules, fold
from streams import metrics
from streams.app import app, settings
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
    async for evidence in stream:
        state, change, is_new = fold(positions.get(evidence.actor.id), evidence, RULES)
        if not is_new:
            metrics.evidence_redelivered.inc()
            continue
        if change is not None:
            change = change.model_copy(update={"ingested_at": evidence.ingested_at})
            # The alert is acked by the broker before the table records the evidence as
            # applied: a crash in between re-sends the same change_id rather than losing it.
            fut = await stance_changes_topic.send(key=evidence.actor.id, value=change)
            await fut
            metrics.changes_published.labels(change.kind).inc()
        # Assign a new value (never mutate in place): Faust only logs assignments.
        positions[evidence.actor.id] = state
        metrics.evidence_applied.inc()
        if evidence.ingested_at is not None:
            metrics.latency_seconds.observe((datetime.now(UTC) - evidence.ingested_at).total_seconds())
