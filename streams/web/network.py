"""Who stands where: positions as rows, per target, and as a network, from the read model.

Pure functions over a ``ReadModel`` (no Kafka, no Faust), so the graph, the target view and the
export filters are tested directly and answered by any worker: the read model holds every
actor's position summaries cluster-wide.

The time window is anchored at the newest evidence indexed (event time), not the wall clock:
"last week" of a replayed archive then shows the same picture it showed live, and on a live
feed the newest evidence is minutes old, so the two agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from stancewire.schemas import StanceChange, TargetRef
from streams.web.models import (
    ActorSummary,
    Graph,
    GraphEdge,
    GraphNode,
    NodeKind,
    PositionRow,
    PositionSummary,
    StanceChangeBrief,
    TargetView,
    Window,
)
from streams.web.readmodel import ReadModel

WINDOWS: dict[str, timedelta | None] = {
    "day": timedelta(days=1),
    "week": timedelta(days=7),
    "month": timedelta(days=30),
    "all": None,
}
WINDOW_NAMES = tuple(WINDOWS)
# The graph stays readable (and its JSON small) at this many edges; heavier edges are kept.
DEFAULT_MAX_EDGES = 2_000
MAX_EDGES = 10_000
TARGET_CHANGES = 100


@dataclass(frozen=True)
class PositionFilter:
    """The filters every page and export shares. ``target`` matches an id exactly or a
    substring of the target's name (as the dashboard's filter does); ``actor`` is an exact id."""

    actor: str | None = None
    target: str | None = None
    q: str | None = None
    label: str | None = None
    window: Window = "all"
    min_evidence: int = 1

    @property
    def narrows_pairs(self) -> bool:
        """Whether only some (actor, target) pairs pass, beyond actor/target/window."""
        return bool(self.q or self.label or self.min_evidence > 1)


def as_of(model: ReadModel) -> datetime | None:
    """The newest evidence time indexed: where the time window ends."""
    newest = [s.updated_at for s in model.actors.values() if s.updated_at is not None]
    return max(newest) if newest else None


def window_start(model: ReadModel, window: str) -> datetime | None:
    span = WINDOWS[window]
    end = as_of(model)
    return None if span is None or end is None else end - span


def _target_matches(p: PositionSummary, needle: str | None) -> bool:
    return not needle or p.target.id.casefold() == needle or needle in p.target.name.casefold()


def iter_positions(
    model: ReadModel, f: PositionFilter, since: datetime | None = None
) -> Iterator[tuple[PositionSummary, ActorSummary]]:
    """(position, actor summary) pairs passing ``f``; ``since`` is the window's start.

    Iterates over a snapshot of the actor list: a streamed export awaits between chunks while
    the read model's tail keeps applying records.
    """
    needle = f.q.casefold().strip() if f.q else None
    tneedle = f.target.casefold().strip() if f.target else None
    for s in list(model.actors.values()):
        if f.actor and s.actor.id != f.actor:
            continue
        if needle and needle not in s.actor.name.casefold() and needle not in s.actor.id.casefold():
            continue
        for p in s.positions:
            if f.label and p.label != f.label:
                continue
            if p.evidence_count < f.min_evidence or not _target_matches(p, tneedle):
                continue
            if since is not None and p.last_seen < since:
                continue
            yield p, s


def last_changes(model: ReadModel) -> dict[tuple[str, str], StanceChange]:
    """The newest real change (kind "change") per (actor, target) still in the read model."""
    out: dict[tuple[str, str], StanceChange] = {}
    for c in list(model.changes):  # oldest first: later ones replace earlier ones
        if c.kind == "change":
            out[(c.actor.id, c.target.id)] = c
    return out


def brief(c: StanceChange | None) -> StanceChangeBrief | None:
    if c is None:
        return None
    return StanceChangeBrief(
        change_id=c.change_id,
        at=c.at,
        emitted_at=c.emitted_at,
        previous_label=c.previous_label,
        new_label=c.new_label,
        delta=round(c.delta, 3),
        basis=c.basis,
    )


def position_rows(model: ReadModel, f: PositionFilter) -> Iterator[PositionRow]:
    """The positions passing ``f`` as flat rows, actor by actor (newest evidence first within)."""
    changes = last_changes(model)
    for p, s in iter_positions(model, f, window_start(model, f.window)):
        actor = s.actor
        yield PositionRow(
            actor=actor,
            target=p.target,
            score=p.score,
            label=p.label,
            evidence_count=p.evidence_count,
            said_count=p.said_count,
            did_count=p.did_count,
            source_count=p.source_count,
            sources=p.sources,
            first_seen=p.first_seen,
            last_seen=p.last_seen,
            last_change=brief(changes.get((actor.id, p.target.id))),
        )


def selected_pairs(model: ReadModel, f: PositionFilter) -> set[tuple[str, str]]:
    """The (actor id, target id) pairs passing ``f`` (window included)."""
    return {(s.actor.id, p.target.id) for p, s in iter_positions(model, f, window_start(model, f.window))}


# --------------------------------------------------------------------------- per target


def find_target(model: ReadModel, target_id: str) -> TargetRef | None:
    for s in list(model.actors.values()):
        for p in s.positions:
            if p.target.id == target_id:
                return p.target
    return None


def target_view(model: ReadModel, target_id: str, label: str | None = None) -> TargetView | None:
    """Every actor's current position on ``target_id``, most cooperative first (score, then
    evidence); None when nobody has one."""
    target = find_target(model, target_id)
    if target is None:
        return None
    rows = [r for r in position_rows(model, PositionFilter(label=label)) if r.target.id == target_id]
    rows.sort(key=lambda r: (-r.score, -r.evidence_count, r.actor.name.casefold()))
    counts = {name: 0 for name in ("cooperative", "neutral", "conflictual")}
    for r in rows:
        counts[r.label] += 1
    own = model.actors.get(target_id)
    return TargetView(
        target=target,
        target_actor=own.actor if own else None,
        positions=rows,
        counts=counts,
        changes=model.list_changes(target=target_id)[:TARGET_CHANGES],
    )


# --------------------------------------------------------------------------- network


def _node_kind(target: TargetRef, model: ReadModel) -> NodeKind:
    if target.kind == "issue":
        return "issue"
    known = model.actors.get(target.id)
    if known is not None:
        return known.actor.kind.value  # type: ignore[return-value]
    # A target that never spoke: its id prefix says what it is (see stancewire.nlp.registry).
    prefix = target.id.split(":", 1)[0]
    return {
        "person": "person",
        "gov": "government",
        "org": "organisation",  # type: ignore[return-value]
        "group": "group",
    }.get(prefix, "unknown")


def build_graph(
    model: ReadModel,
    *,
    window: Window = "all",
    min_evidence: int = 1,
    label: str | None = None,
    max_edges: int = DEFAULT_MAX_EDGES,
) -> Graph:
    """The stance network: actors and issues as nodes, current positions as edges.

    An edge is ``changed`` when a real change alert on its pair has its event time inside the
    window (any time for "all"). Beyond ``max_edges`` the edges with the least evidence are
    left out (``truncated``), so a huge cluster still gives a drawable graph.
    """
    end = as_of(model)
    since = window_start(model, window)
    f = PositionFilter(label=label, window=window, min_evidence=min_evidence)
    changes = last_changes(model)
    edges: list[GraphEdge] = []
    targets: dict[str, TargetRef] = {}
    for p, s in iter_positions(model, f, since):
        actor_id = s.actor.id
        c = changes.get((actor_id, p.target.id))
        changed = c is not None and (since is None or c.at >= since)
        edges.append(
            GraphEdge(
                id=f"{actor_id}\u2192{p.target.id}",
                source=actor_id,
                target=p.target.id,
                score=p.score,
                label=p.label,
                evidence_count=p.evidence_count,
                said_count=p.said_count,
                did_count=p.did_count,
                source_count=p.source_count,
                last_seen=p.last_seen,
                changed=changed,
                previous_label=c.previous_label if changed and c else None,
            )
        )
        targets.setdefault(p.target.id, p.target)
    total = len(edges)
    if total > max_edges:
        edges.sort(key=lambda e: (-e.evidence_count, e.id))
        edges = edges[:max_edges]
    nodes: dict[str, GraphNode] = {}

    def node(node_id: str) -> GraphNode:
        n = nodes.get(node_id)
        if n is None:
            speaker = model.actors.get(node_id)
            if speaker is not None:
                n = GraphNode(
                    id=node_id,
                    name=speaker.actor.name,
                    kind=speaker.actor.kind.value,
                    evidence=0,
                    degree=0,
                    speaks=True,
                )
            else:
                t = targets[node_id]
                n = GraphNode(id=node_id, name=t.name, kind=_node_kind(t, model), evidence=0, degree=0)
            nodes[node_id] = n
        return n

    for e in edges:
        for end_id in (e.source, e.target):
            n = node(end_id)
            n.evidence += e.evidence_count
            n.degree += 1
    ordered = sorted(nodes.values(), key=lambda n: (-n.evidence, n.id))
    return Graph(
        nodes=ordered,
        edges=edges,
        window=window,
        min_evidence=min_evidence,
        as_of=end,
        since=since,
        total_edges=total,
        truncated=total > len(edges),
    )
