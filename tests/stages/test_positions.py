"""``stancewire.stages.positions``: evidence in, stance-change alerts and table writes out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from stancewire.positions import PositionRules, detail_key, summarized, with_details
from stancewire.schemas import ActorPositions, ActorRef, StanceChange, StanceEvidence, TargetRef
from stancewire.stages.positions import fold
from stancewire.stages.records import POSITION_DETAIL, POSITIONS, STANCE_CHANGES

from .sink import Sink, batches

RULES = PositionRules()
T0 = datetime(2026, 2, 1, tzinfo=UTC)
INGESTED = datetime(2026, 2, 20, 8, 0, tzinfo=UTC)
# Fictional people and countries (synthetic test data).
ACTORS = [
    ActorRef(id="person:ilse-varga-tamm", name="Ilse Varga-Tamm"),
    ActorRef(id="person:tomas-reyel", name="Tomas Reyel"),
]
TARGETS = [
    TargetRef(id="gov:corvenia", name="Corvenia"),
    TargetRef(id="issue:river-dispute", name="river dispute", kind="issue"),
]


def ev(
    n: int, score: float, *, actor: int = 0, target: int = 0, day: int = 0, article: int | None = None
) -> StanceEvidence:
    return StanceEvidence(
        evidence_id=f"e{n}",
        article_id=f"a{n if article is None else article}",
        actor=ACTORS[actor],
        target=TARGETS[target],
        category="SUPPORT" if score >= 0 else "ACCUSE",
        score=score,
        confidence=1.0,
        sentence_start=0,
        sentence_end=10,
        published_at=T0 + timedelta(days=day),
        ingested_at=INGESTED,
    )


def run(stream: list[list[StanceEvidence]], sink: Sink | None = None) -> Sink:
    sink = sink or Sink()
    for batch in stream:
        out = sink.take(fold(batch, sink.tables[POSITIONS], sink.tables[POSITION_DETAIL], RULES), batch)
        assert len(out.applied) + out.redelivered == len(batch)
        for w in out.writes:  # each actor written under one of its own evidence items
            actor_id = w.key if w.table == POSITIONS else w.value.actor.id
            assert batch[w.at].actor.id == actor_id
    return sink


def alerts(sink: Sink) -> list[dict]:  # type: ignore[type-arg]
    # ``emitted_at`` is the wall clock at the fold.
    return [r.value.model_dump(exclude={"emitted_at"}) for r in sink.records]


def test_first_evidence_publishes_new_then_a_change_needs_two_articles_on_the_new_side() -> None:
    sink = run([[ev(1, 4.0), ev(2, 4.0, day=1)], [ev(3, -8.0, day=2)], [ev(4, -8.0, day=3)]])
    assert [(r.topic, r.key, r.value.kind) for r in sink.records] == [
        (STANCE_CHANGES, ACTORS[0].id, "new"),
        (STANCE_CHANGES, ACTORS[0].id, "change"),
    ]
    new, change = (r.value for r in sink.records)
    assert new.ingested_at == INGESTED and new.first_seen
    assert (change.previous_label, change.new_label) == ("cooperative", "conflictual")
    assert set(change.article_ids) == {"a3", "a4"}
    # The detail holds the full position, the summary only what listings need.
    key = detail_key(ACTORS[0].id, TARGETS[0].id)
    detail = sink.tables[POSITION_DETAIL][key]
    assert detail.evidence_count == 4 and len(detail.contributions) == 4
    summary = sink.tables[POSITIONS][ACTORS[0].id].positions[TARGETS[0].id]
    assert summary.contributions == [] and summary.score == detail.score


def test_a_batch_writes_each_actor_once_details_before_its_summary() -> None:
    batch = [ev(1, 2.0), ev(2, 3.0, actor=1), ev(3, 2.0, target=1), ev(4, 1.0, actor=1, day=1)]
    out = fold(batch, {}, {}, RULES)
    assert [(w.table, w.key, w.at) for w in out.writes] == [
        (POSITION_DETAIL, detail_key(ACTORS[0].id, TARGETS[0].id), 2),
        (POSITION_DETAIL, detail_key(ACTORS[0].id, TARGETS[1].id), 2),
        (POSITIONS, ACTORS[0].id, 2),
        (POSITION_DETAIL, detail_key(ACTORS[1].id, TARGETS[0].id), 3),
        (POSITIONS, ACTORS[1].id, 3),
    ]
    assert [r.value.kind for r in out.records] == ["new", "new", "new"]  # one per new pair


def test_redelivered_batch_publishes_and_writes_nothing() -> None:
    batch = [ev(1, 2.0), ev(2, -3.0, actor=1)]
    sink = run([batch])
    out = fold(batch, sink.tables[POSITIONS], sink.tables[POSITION_DETAIL], RULES)
    assert (out.records, out.writes, out.applied, out.redelivered) == ([], [], [], 2)


_items = st.lists(
    st.tuples(
        st.integers(-10, 10),  # score
        st.integers(0, 20),  # day
        st.integers(0, 5),  # article
        st.integers(0, 1),  # target
        st.integers(0, 1),  # actor
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(items=_items, data=st.data())
def test_any_batching_and_redelivery_give_the_same_tables_and_alerts(
    items: list, data: st.DataObject
) -> None:  # type: ignore[type-arg]
    days = {art: day for _, day, art, _, _ in items}  # an article has one date
    evidence = [
        ev(i, float(s), actor=a, target=t, day=days[art], article=art)
        for i, (s, _, art, t, a) in enumerate(items)
    ]
    one_by_one = run([[e] for e in evidence])

    # Redeliveries anywhere (a replay after a crash), cut into batches at arbitrary points.
    stream = [*evidence, *data.draw(st.lists(st.sampled_from(evidence), max_size=6))]
    cuts = data.draw(st.lists(st.integers(1, max(1, len(stream) - 1)), max_size=6))
    batched = run(batches(stream, cuts))

    assert alerts(batched) == alerts(one_by_one)  # redelivered evidence never alerts again
    assert batched.tables == one_by_one.tables  # nor counts twice
    for actor_id, state in batched.tables[POSITIONS].items():
        assert isinstance(state, ActorPositions)
        full = with_details(
            state, {t: batched.tables[POSITION_DETAIL].get(detail_key(actor_id, t)) for t in state.positions}
        )
        assert summarized(full) == state
        assert sum(p.evidence_count for p in full.positions.values()) == len(
            {e.evidence_id for e in evidence if e.actor.id == actor_id}
        )


def test_alerts_carry_the_ingest_time_of_their_evidence() -> None:
    late = ev(1, 5.0).model_copy(update={"ingested_at": INGESTED + timedelta(hours=3)})
    (record,) = fold([late], {}, {}, RULES).records
    assert isinstance(record.value, StanceChange) and record.value.ingested_at == late.ingested_at
