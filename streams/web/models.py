"""API response models. Listing rows are compact summaries so every worker can hold the whole
cluster's actors in memory; per-actor detail endpoints return the full table values."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Generic, TypeVar

from pydantic import BaseModel, Field

from stancewire.schemas import ActorPositions, ActorRef, Label, Quote, StanceChange, TargetRef

T = TypeVar("T")

_NEVER = datetime.min.replace(tzinfo=UTC)


class PositionSummary(BaseModel):
    target: TargetRef
    score: float
    label: Label
    evidence_count: int
    source_count: int
    first_seen: datetime
    last_seen: datetime


class ActorSummary(BaseModel):
    actor: ActorRef
    positions: list[PositionSummary] = Field(default_factory=list)
    # Event time: publication time of the newest evidence folded into the actor's positions.
    updated_at: datetime | None = None
    # Emission time (wall clock) of the newest real change alert (kind "change") and how many
    # there were; first-seen ("new") records are not changes and count in neither.
    last_change_at: datetime | None = None
    change_count: int = 0

    @classmethod
    def from_state(cls, state: ActorPositions) -> ActorSummary:
        rows = [
            PositionSummary(
                target=p.target, score=round(p.score, 3), label=p.label, evidence_count=p.evidence_count,
                source_count=p.source_count, first_seen=p.first_seen, last_seen=p.last_seen,
            )
            for p in state.positions.values()
        ]
        rows.sort(key=lambda r: r.last_seen, reverse=True)
        return cls(actor=state.actor, positions=rows, updated_at=state.updated_at)

    @property
    def recent_key(self) -> tuple[datetime, datetime]:
        """What 'most recent change' sorts by (descending): the last real change, then event time.

        The two clocks are compared only within their own slot: an actor whose position really
        changed ranks above one that merely has newer evidence, however old its articles.
        """
        return (self.last_change_at or _NEVER, self.updated_at or _NEVER)


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


class ActorPage(Page[ActorSummary]):
    pass


class ChangePage(Page[StanceChange]):
    pass


class Counts(BaseModel):
    """Cluster-wide record counts: sums of topic end offsets (records ever written)."""

    articles: int | None = None
    quotes: int | None = None
    dead_letters: int | None = None
    stance_changes: int | None = None
    as_of: datetime | None = None


class ErrorBody(BaseModel):
    error: str
    detail: str | None = None


class QuotePage(Page[Quote]):
    actor: ActorRef
    # Quotes ever indexed for this speaker; only the newest ``recent_quotes`` are kept.
    total_seen: int = 0
