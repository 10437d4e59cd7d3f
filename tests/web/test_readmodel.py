"""The cluster-wide read model as pure code (no broker): dedupe, order, filters, sort, SSE replay."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from stancewire.schemas import ActorPositions, ActorRef, Position, StanceChange, TargetRef
from streams.web.openapi import build_openapi
from streams.web.readmodel import (
    MAX_CHANGES,
    REPLAY_SKEW,
    REPLAY_WINDOW,
    ReadModel,
    event_id,
    iter_sse,
    parse_event_id,
)

T0 = datetime(2025, 3, 1, 12, tzinfo=UTC)
ACTORS = {"a": "Anja Birk", "b": "Bruno Vale", "c": "Cleo Marr"}


def ref(x: str) -> ActorRef:
    return ActorRef(id=f"person:{x}", name=ACTORS.get(x, x))


def position(actor: str, target: str, label: str = "neutral", seen: datetime = T0) -> Position:
    score = {"cooperative": 3.0, "conflictual": -3.0}.get(label, 0.0)
    return Position(
        actor=ref(actor),
        target=TargetRef(id=f"person:{target}", name=target.title()),
        score=score,
        label=label,
        evidence_count=1,
        first_seen=seen,
        last_seen=seen,
    )  # type: ignore[arg-type]


def state(actor: str, target: str = "t", label: str = "neutral", seen: datetime = T0) -> ActorPositions:
    pos = position(actor, target, label, seen)
    return ActorPositions(actor=ref(actor), positions={pos.target.id: pos}, updated_at=seen)


def change(
    n: int,
    actor: str = "a",
    target: str = "t",
    kind: str = "change",
    label: str = "conflictual",
    emitted: datetime | None = None,
) -> StanceChange:
    return StanceChange(
        change_id=f"c{n:05d}",
        kind=kind,
        first_seen=kind == "new",
        actor=ref(actor),  # type: ignore[arg-type]
        target=TargetRef(id=f"person:{target}", name=target.title()),
        current=position(actor, target, label),
        previous_label=None if kind == "new" else "cooperative",
        new_label=label,
        delta=-6.0,
        at=T0,
        emitted_at=emitted or T0 + timedelta(seconds=n),  # type: ignore[arg-type]
    )


# --------------------------------------------------------------------------- changes


def test_dedupes_by_change_id() -> None:
    m = ReadModel()
    c = change(1)
    assert m.apply_change(c) is True
    assert m.apply_change(c.model_copy()) is False  # redelivered at least once
    assert [x.change_id for x in m.list_changes()] == ["c00001"]
    assert m.actors["person:a"].change_count == 1


def test_changes_are_ordered_by_emission_time_whatever_the_arrival_order() -> None:
    m = ReadModel()
    changes = [change(n) for n in range(20)]
    random.Random(7).shuffle(changes)
    for c in changes:
        m.apply_change(c)
    assert [c.change_id for c in m.list_changes()] == [f"c{n:05d}" for n in reversed(range(20))]


def test_change_filters() -> None:
    m = ReadModel()
    m.apply_change(change(1, "a", "t"))
    m.apply_change(change(2, "b", "t", kind="new"))
    m.apply_change(change(3, "a", "u"))
    assert [c.change_id for c in m.list_changes(actor="person:a")] == ["c00003", "c00001"]
    assert [c.change_id for c in m.list_changes(target="person:t")] == ["c00002", "c00001"]
    assert [c.change_id for c in m.list_changes(kind="new")] == ["c00002"]
    assert m.list_changes(actor="person:a", target="person:u", kind="new") == []


def test_buffer_and_dedupe_memory_are_bounded() -> None:
    m = ReadModel(max_changes=10)
    for n in range(100):
        m.apply_change(change(n))
    assert [c.change_id for c in m.list_changes()] == [f"c{n:05d}" for n in range(99, 89, -1)]
    assert len(m._seen) <= 20


# --------------------------------------------------------------------------- actors


def test_actor_filters_and_tombstone() -> None:
    m = ReadModel()
    m.apply_position("person:a", state("a", "t", "cooperative"))
    m.apply_position("person:b", state("b", "u", "conflictual"))
    m.apply_position("person:c", state("c", "t", "conflictual"))
    assert [s.actor.id for s in m.list_actors(q="bruno")] == ["person:b"]
    assert [s.actor.id for s in m.list_actors(q="PERSON:C")] == ["person:c"]
    # Label and target filter the same position: conflictual towards t is only c.
    assert [s.actor.id for s in m.list_actors(label="conflictual", target="person:t")] == ["person:c"]
    assert [s.actor.id for s in m.list_actors(sort="name")] == ["person:a", "person:b", "person:c"]
    assert m.targets() == [("person:t", "T"), ("person:u", "U")]
    m.apply_position("person:b", None)
    assert "person:b" not in {s.actor.id for s in m.list_actors()}


def test_recent_sort_is_last_real_change_then_event_time() -> None:
    m = ReadModel()
    # a: old articles but a real change; b: the newest articles, only a first-seen record;
    # c: newer articles than a, no alert at all.
    m.apply_position("person:a", state("a", seen=T0 - timedelta(days=30)))
    m.apply_position("person:b", state("b", seen=T0 + timedelta(days=5)))
    m.apply_position("person:c", state("c", seen=T0 + timedelta(days=1)))
    m.apply_change(change(1, "a"))
    m.apply_change(change(2, "b", kind="new"))  # emitted later, but not a change
    assert [s.actor.id for s in m.list_actors()] == ["person:a", "person:b", "person:c"]
    b = m.actors["person:b"]
    assert b.change_count == 0 and b.last_change_at is None
    # A later real change for c puts it first; a new position record keeps the change time.
    m.apply_change(change(3, "c"))
    m.apply_position("person:c", state("c", seen=T0 + timedelta(days=2)))
    assert [s.actor.id for s in m.list_actors()] == ["person:c", "person:a", "person:b"]


# --------------------------------------------------------------------------- live feed and replay


def drain(sub) -> list[str]:  # type: ignore[no-untyped-def]
    out = [c.change_id for _, c in sub.backlog]
    while not sub.queue.empty():
        out.append(sub.queue.get_nowait()[1].change_id)
    return out


def test_subscriber_gets_live_changes_once() -> None:
    m = ReadModel()
    m.apply_change(change(1))
    sub = m.subscribe()  # a first connection replays nothing
    m.apply_change(change(2))
    m.apply_change(change(2))
    assert drain(sub) == ["c00002"]
    m.unsubscribe(sub)
    m.apply_change(change(3))
    assert drain(sub) == []


def test_event_ids_are_cluster_stable_and_resume_on_another_worker() -> None:
    spread = REPLAY_SKEW * 3 / 40  # 40 changes span three skew windows
    changes = [change(n, emitted=T0 + n * spread) for n in range(40)]
    w1, w2 = ReadModel(), ReadModel()
    for c in changes:
        w1.apply_change(c)
    for c in reversed(changes):  # another worker indexes them in another order
        w2.apply_change(c)
    assert parse_event_id(event_id(changes[25])) == (changes[25].emitted_at, changes[25].change_id)
    # The client saw up to c00025 on worker 1 and reconnects to worker 2 with that id.
    seen_on_w1 = {c.change_id for c in changes[:26]}
    replay = drain(w2.subscribe(event_id(changes[25])))
    missed = {c.change_id for c in changes[26:]}
    assert missed <= set(replay), "every missed change is replayed"
    assert "c00025" not in replay
    assert len(replay) < 40 - 10, "replay starts near the resume point, not at the beginning"
    assert set(replay) - missed <= seen_on_w1  # repeats only what the client has (it dedupes)
    ids = [event_id(c) for c in changes]
    assert len(set(ids)) == 40 and all("\n" not in i for i in ids)
    chunk = b"".join(iter_sse(ids[0], changes[0])).decode()
    assert chunk.startswith(f"id: {ids[0]}\nevent: change\ndata: {{")


def test_unknown_last_event_id_replays_the_recent_window_safely() -> None:
    m = ReadModel()
    for n in range(REPLAY_WINDOW + 50):
        m.apply_change(change(n))
    for raw in ("0", "17", "garbage", "-", "12-", "x" * 5000):
        replay = drain(m.subscribe(raw))
        assert replay == [f"c{n:05d}" for n in range(50, REPLAY_WINDOW + 50)], raw
        assert len(set(replay)) == len(replay)


def test_long_replay_does_not_overflow_the_live_queue() -> None:
    m = ReadModel()
    for n in range(600):
        m.apply_change(change(n, emitted=T0 + timedelta(milliseconds=n)))
    sub = m.subscribe(event_id(change(0, emitted=T0)))
    m.apply_change(change(600, emitted=T0 + timedelta(seconds=5)))
    assert not sub.dropped and len(drain(sub)) == 600  # 599 replayed + 1 live


def test_openapi_documents_the_limits() -> None:
    paths = build_openapi()["paths"]
    assert "STANCEWIRE_RECENT_QUOTES" in paths["/api/actors/{actor_id}/quotes"]["get"]["description"]
    assert f"{MAX_CHANGES:,}" in paths["/api/changes"]["get"]["description"]
    assert "any worker" in paths["/api/changes/stream"]["get"]["description"]


def test_latest_per_key_keeps_the_last_record_of_each_key_in_offset_order() -> None:
    from types import SimpleNamespace

    from streams.web.readmodel import latest_per_key

    recs = [SimpleNamespace(key=k, offset=i) for i, k in enumerate([b'"a"', b'"b"', b'"a"', b'"c"', b'"b"'])]
    assert [(r.key, r.offset) for r in latest_per_key(recs)] == [(b'"a"', 2), (b'"c"', 3), (b'"b"', 4)]
    distinct = recs[:2]
    assert latest_per_key(distinct) is distinct
