"""API response models. Listing rows are compact summaries so every worker can hold the whole
cluster's actors in memory; per-actor detail endpoints return the full table values."""

from __future__ import annotations

from datetime import datetime
from typing import Generic, TypeVar

from pydantic import BaseModel, Field

from stancewire.schemas import ActorPositions, ActorRef, Label, Quote, StanceChange, TargetRef

T = TypeVar("T")


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
    updated_at: datetime | None = None
    # Emission time of the newest stance-change alert for this actor (wall clock).
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
    def recent_key(self) -> datetime | None:
        """What 'most recent change' sorts by: the latest of position update and alert."""
        times = [t for t in (self.updated_at, self.last_change_at) if t is not None]
        return max(times) if times else None


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
