"""Stage 4: fold stance evidence into the ``positions`` and ``position-detail`` tables; decide
the stance changes to publish on ``stance-changes``.

A thin layer over the pure ``stancewire.positions.fold_batch``: it reads each actor's summary
and each touched (actor, target) detail at most once from the mappings it is given (the agent
passes its tables; tests pass dicts) and returns the alerts and table writes as plain data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from stancewire.positions import PositionRules, fold_batch
from stancewire.schemas import ActorPositions, Position, StanceEvidence
from stancewire.stages.records import POSITION_DETAIL, POSITIONS, STANCE_CHANGES, Output, Record, TableWrite


@dataclass
class PositionsOutput(Output):
    applied: list[StanceEvidence] = field(default_factory=list)  # evidence folded in (new)
    redelivered: int = 0  # evidence ignored because it was already applied


def fold(
    evidence: Sequence[StanceEvidence],
    summaries: Mapping[str, ActorPositions | None],
    details: Mapping[str, Position | None],
    rules: PositionRules,
) -> PositionsOutput:
    """Fold a batch in arrival order (alerts keep their order across actors).

    ``summaries`` is the ``positions`` table (actor id -> summaries), ``details`` the
    ``position-detail`` table (``detail_key`` -> full position). Each actor is written once per
    batch: the changed details first (they are what the next fold reads), then its summary, all
    under the actor's newest applied evidence. The alerts must be acknowledged by the broker
    before the writes are made: a crash in between repeats an alert (same ``change_id``;
    subscribers dedupe) rather than losing it.
    """
    folded = fold_batch(evidence, summaries.get, details.get, rules)
    out = PositionsOutput()
    for ev, change, is_new in zip(evidence, folded.changes, folded.is_new, strict=True):
        if not is_new:
            out.redelivered += 1
            continue
        out.applied.append(ev)
        if change is not None:
            change = change.model_copy(update={"ingested_at": ev.ingested_at})
            out.records.append(Record(STANCE_CHANGES, ev.actor.id, change))
    for actor_id, write in folded.writes.items():
        # New values only (never mutated in place): Faust logs assignments.
        out.writes.extend(
            TableWrite(POSITION_DETAIL, key, value, write.at) for key, value in write.details.items()
        )
        out.writes.append(TableWrite(POSITIONS, actor_id, write.summary, write.at))
    return out
