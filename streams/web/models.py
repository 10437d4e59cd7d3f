"""API response models. Listing rows are compact summaries so every worker can hold the whole
cluster's actors in memory; per-actor detail endpoints return the full table values."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, Field

from stancewire.schemas import (
    ActorPositions,
    ActorRef,
    ChangeBasis,
    Label,
    Quote,
    StanceChange,
    StanceEvidence,
    TargetRef,
)

T = TypeVar("T")

_NEVER = datetime.min.replace(tzinfo=UTC)


# Source names kept per position in the read model: enough for a table cell and an export
# column; ``source_count`` always counts them all.
MAX_SUMMARY_SOURCES = 8


# How a position's evidence was learned (``Position.said_count`` / ``did_count``): every row and
# edge that shows an evidence count shows this mix with it.
SAID_COUNT = Field(default=0, description="Of evidence_count: quotes and attributions (basis said).")
DID_COUNT = Field(default=0, description="Of evidence_count: reported acts (basis did).")


class PositionSummary(BaseModel):
    target: TargetRef
    score: float
    label: Label
    evidence_count: int
    said_count: int = SAID_COUNT
    did_count: int = DID_COUNT
    source_count: int
    sources: list[str] = Field(default_factory=list)
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
                target=p.target,
                score=round(p.score, 3),
                label=p.label,
                evidence_count=p.evidence_count,
                said_count=p.said_count,
                did_count=p.did_count,
                source_count=p.source_count,
                sources=sorted(p.sources)[:MAX_SUMMARY_SOURCES],
                first_seen=p.first_seen,
                last_seen=p.last_seen,
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


# --------------------------------------------------------------------------- targets, graph, exports

Window = Literal["day", "week", "month", "all"]


class StanceChangeBrief(BaseModel):
    """What a row shows about a change: when, from which label to which, by how much."""

    change_id: str
    at: datetime  # event time of the evidence that moved it
    emitted_at: datetime
    previous_label: Label | None = None
    new_label: Label
    delta: float
    basis: ChangeBasis = Field(
        default="said",
        description="What the change rests on: quoted words "
        "(said), reported acts (did) or both (said+did); StanceChange.basis.",
    )


class PositionRow(BaseModel):
    """One current position (actor x target) as a flat row: the unit of the positions export."""

    actor: ActorRef
    target: TargetRef
    score: float
    label: Label
    evidence_count: int
    said_count: int = SAID_COUNT
    did_count: int = DID_COUNT
    source_count: int
    sources: list[str] = Field(default_factory=list)
    first_seen: datetime
    last_seen: datetime
    # The newest real change alert (kind "change") on this pair still in the read model.
    last_change: StanceChangeBrief | None = None


class PositionRowPage(Page[PositionRow]):
    pass


class EvidencePage(Page[StanceEvidence]):
    """A page of evidence records read from the stances topic (``total``: all that match)."""


class TimelineSeries(BaseModel):
    """One actor's decayed score over time on the target (``Position.history``)."""

    actor: ActorRef
    label: Label
    points: list[tuple[datetime, float]] = Field(default_factory=list)


class TargetView(BaseModel):
    """Everyone's current position on one target (actor or issue), most cooperative first."""

    target: TargetRef
    # Set when the target is itself an actor with positions of its own (it has an actor page).
    target_actor: ActorRef | None = None
    positions: list[PositionRow]
    counts: dict[str, int] = Field(default_factory=dict)  # by label
    timeline: list[TimelineSeries] = Field(default_factory=list)
    # Actors whose history could not be fetched from the worker holding it (timeline only).
    timeline_missing: list[str] = Field(default_factory=list)
    changes: list[StanceChange] = Field(default_factory=list)


NodeKind = Literal["person", "government", "organisation", "place", "group", "unknown", "issue"]


class GraphNode(BaseModel):
    id: str
    name: str
    kind: NodeKind
    evidence: int  # evidence behind the node's edges in the window (both directions)
    degree: int
    # Whether /actors/{id} has something to show (the node speaks); else it is only a target.
    speaks: bool = False


class GraphEdge(BaseModel):
    id: str
    source: str  # actor id
    target: str  # target id
    score: float
    label: Label
    evidence_count: int
    said_count: int = SAID_COUNT
    did_count: int = DID_COUNT
    source_count: int
    last_seen: datetime
    # A real change alert on this pair with its event time inside the window.
    changed: bool = False
    previous_label: Label | None = None


class Graph(BaseModel):
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    window: Window
    min_evidence: int
    # Event time the window ends at: the newest evidence indexed (the window's "now"), so a
    # replay of old articles shows the same picture as it did live.
    as_of: datetime | None = None
    since: datetime | None = None
    total_edges: int  # edges passing the filters before ``max_edges`` kept the heaviest
    truncated: bool = False
