"""The stored split of positions: per-actor summaries in ``positions``, full positions in
``position-detail`` (``stancewire.positions.fold_batch``), against the plain sequential fold."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from stancewire.positions import (
    PositionRules,
    detail_key,
    fold,
    fold_batch,
    summarized,
    with_details,
)
from stancewire.schemas import ActorPositions, ActorRef, Position, StanceChange, StanceEvidence, TargetRef
from tests.unit.test_positions import ACTOR, TARGET, ev, run

RULES = PositionRules()
OTHER = ActorRef(id="org:velmora-transport", name="Velmora Transport")
TARGETS = [
    TARGET,
    TargetRef(id="issue:tariffs", name="tariffs"),
    TargetRef(id="org:lunar-ports", name="Lunar Ports"),
]


class Store:
    """Both tables as dicts, written the way the positions agent writes them."""

    def __init__(self) -> None:
        self.positions: dict[str, ActorPositions] = {}
        self.detail: dict[str, Position] = {}
        self.detail_writes = 0
        self.summary_writes = 0

    def apply(self, batch: list[StanceEvidence]) -> list[StanceChange]:
        folded = fold_batch(batch, self.positions.get, self.detail.get, RULES)
        for actor_id, write in folded.writes.items():
            assert batch[write.at].actor.id == actor_id  # written under one of its own events
            self.detail.update(write.details)
            self.detail_writes += len(write.details)
            self.positions[actor_id] = write.summary
            self.summary_writes += 1
        return [c for c in folded.changes if c is not None]

    def full(self, actor_id: str) -> ActorPositions:
        state = self.positions[actor_id]
        return with_details(state, {t: self.detail.get(detail_key(actor_id, t)) for t in state.positions})


def on(target: TargetRef, actor: ActorRef = ACTOR, **kw) -> StanceEvidence:  # type: ignore[no-untyped-def]
    e = ev(**kw)
    return e.model_copy(update={"target": target, "actor": actor})


_items = st.lists(
    st.tuples(
        st.integers(min_value=-10, max_value=10),  # score
        st.integers(min_value=0, max_value=30),  # day
        st.integers(min_value=0, max_value=6),  # article
        st.integers(min_value=0, max_value=2),  # target
        st.booleans(),  # actor
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=80, deadline=None)
@given(items=_items, data=st.data())
def test_any_batching_gives_the_sequential_fold(items: list, data: st.DataObject) -> None:
    days = {art: day for _, day, art, _, _ in items}
    evidence = [
        on(TARGETS[t], ACTOR if a else OTHER, n=i, score=float(s), days=days[art], article=f"a{art}")
        for i, (s, _, art, t, a) in enumerate(items)
    ]
    # Redeliveries anywhere, then cut into batches at arbitrary points.
    stream = [*evidence, *data.draw(st.lists(st.sampled_from(evidence), max_size=5))]
    cuts = sorted(data.draw(st.sets(st.integers(min_value=1, max_value=max(1, len(stream) - 1)), max_size=6)))
    store = Store()
    changes: list[StanceChange] = []
    for lo, hi in zip([0, *cuts], [*cuts, len(stream)], strict=True):
        changes += store.apply(stream[lo:hi])

    expected: dict[str, ActorPositions | None] = {}
    expected_changes: list[StanceChange] = []
    for e in stream:
        state, change, _ = fold(expected.get(e.actor.id), e, RULES)
        expected[e.actor.id] = state
        if change is not None:
            expected_changes.append(change)

    def same(c: StanceChange) -> dict:  # type: ignore[type-arg]
        return c.model_dump(exclude={"emitted_at"})  # wall clock at the fold

    assert [same(c) for c in changes] == [same(c) for c in expected_changes]
    for actor_id, state in expected.items():
        assert state is not None
        assert store.full(actor_id) == state  # every field, detail included
        assert store.positions[actor_id] == summarized(state)


def test_summary_holds_no_detail_and_a_batch_writes_only_what_it_touched() -> None:
    store = Store()
    store.apply(
        [on(t, n=f"{i}-{t.id}", score=3.0, days=i, article=f"a{i}") for i in range(5) for t in TARGETS]
    )
    summary = store.positions[ACTOR.id]
    assert set(summary.positions) == {t.id for t in TARGETS}
    for p in summary.positions.values():
        assert p.contributions == [] and p.recent_evidence == [] and p.history == []
        assert p.evidence_count == 5 and p.articles  # what listings and alerts use stays
    full = store.full(ACTOR.id).positions[TARGET.id]
    assert len(full.contributions) == 5 and len(full.recent_evidence) == 5 and len(full.history) == 5

    before = dict(store.detail)
    store.detail_writes = 0
    store.apply([on(TARGETS[1], n="late", score=-4.0, days=6, article="a9")])
    assert store.detail_writes == 1
    changed = {k for k in store.detail if store.detail[k] is not before.get(k)}
    assert changed == {detail_key(ACTOR.id, TARGETS[1].id)}


def test_redelivered_batch_writes_nothing() -> None:
    store = Store()
    batch = [on(t, n=t.id, score=2.0) for t in TARGETS]
    store.apply(batch)
    store.detail_writes = store.summary_writes = 0
    assert store.apply(batch) == []
    assert (store.detail_writes, store.summary_writes) == (0, 0)


def test_summary_behind_its_detail_is_repaired_by_a_redelivery() -> None:
    # A crash between the detail write and the summary write: the restored summary is the one
    # from before the batch; the detail already holds the batch's evidence.
    store = Store()
    store.apply([on(TARGET, n=1, score=5.0)])
    stale = store.positions[ACTOR.id]
    e2 = on(TARGET, n=2, score=-5.0, days=1)
    store.apply([e2])
    store.positions[ACTOR.id] = stale
    store.summary_writes = store.detail_writes = 0
    store.apply([e2])  # the redelivery after the restart
    assert (store.summary_writes, store.detail_writes) == (1, 0)
    expected = summarized(run([on(TARGET, n=1, score=5.0), e2])[0])
    repaired = store.positions[ACTOR.id]
    assert repaired.positions == expected.positions and repaired.updated_at == expected.updated_at
    # The recent-ids list is not part of the repair: idempotency is decided per position.
    assert repaired.applied == ["e1"]


def test_detail_without_any_summary_is_restored_by_the_redelivery() -> None:
    store = Store()
    batch = [on(TARGET, n=1, score=5.0), on(TARGETS[1], n=2, score=1.0)]
    store.apply(batch)
    expected = store.positions[ACTOR.id]
    del store.positions[ACTOR.id]  # a new actor's summary never reached the changelog
    store.apply(batch)  # its batch is read again after the restart
    assert store.positions[ACTOR.id].positions == expected.positions


def test_value_written_before_the_split_is_split_on_its_next_update() -> None:
    # Before the split, positions held every position in full and there was no detail table.
    legacy, _ = run([on(t, n=f"x-{t.id}", score=4.0) for t in TARGETS])
    assert legacy.positions[TARGET.id].contributions
    store = Store()
    store.positions[ACTOR.id] = legacy
    store.apply([on(TARGET, n="y", score=-2.0, days=1, article="a2")])
    assert store.positions[ACTOR.id].positions[TARGET.id].contributions == []
    assert len(store.detail[detail_key(ACTOR.id, TARGET.id)].contributions) == 2
    # Untouched targets move to the detail table in the same write: nothing is lost.
    for t in TARGETS[1:]:
        assert store.positions[ACTOR.id].positions[t.id].contributions == []
        assert store.full(ACTOR.id).positions[t.id] == legacy.positions[t.id]
    assert len(store.detail) == 3


def test_detail_keys_do_not_collide() -> None:
    assert detail_key("a,b", "c") != detail_key("a", "b,c")
    assert detail_key("person:x", "issue:y") == '["person:x","issue:y"]'
