"""The pure position fold (stancewire.positions): decay, labels, alert rules and idempotency."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stancewire.positions import APPLIED_IDS, PositionRules, apply_evidence, decide_change, fold
from stancewire.schemas import (
    ActorPositions,
    ActorRef,
    Position,
    StanceChange,
    StanceEvidence,
    TargetRef,
    stable_id,
)

T0 = datetime(2025, 3, 1, 10, tzinfo=UTC)
RULES = PositionRules()
ACTOR = ActorRef(id="person:ilse-varga-tamm", name="Ilse Varga-Tamm")
TARGET = TargetRef(id="person:tomas-reyel", name="Tomas Reyel")


def ev(
    n: int | str,
    score: float,
    *,
    days: float = 0.0,
    article: str | None = None,
    confidence: float = 1.0,
    source: str = "Example Wire",
    category: str | None = "SUPPORT",
    version: str | None = None,
    ingested: float | None = None,
    target: TargetRef = TARGET,
) -> StanceEvidence:
    """Evidence ``n`` (its id) from ``article`` (default: its own), ``days`` after T0."""
    return StanceEvidence(
        evidence_id=f"e{n}",
        article_id=article or f"a{n}",
        actor=ACTOR,
        target=target,
        category=category,  # type: ignore[arg-type]
        score=score,
        confidence=confidence,
        quote_text=f"quote {n}",
        sentence_start=0,
        sentence_end=10,
        published_at=T0 + timedelta(days=days),
        source=source,
        article_version=version,
        ingested_at=None if ingested is None else T0 + timedelta(hours=ingested),
    )


def run(evidence: list[StanceEvidence], rules: PositionRules = RULES) -> tuple[ActorPositions, list]:
    """Fold ``evidence`` in order through ``fold``; the final state and every alert."""
    state: ActorPositions | None = None
    alerts: list[StanceChange] = []
    for e in evidence:
        state, change, _ = fold(state, e, rules)
        if change is not None:
            alerts.append(change)
    assert state is not None
    return state, alerts


def pos_of(evidence: list[StanceEvidence], rules: PositionRules = RULES) -> Position:
    return run(evidence, rules)[0].positions[TARGET.id]


# ----------------------------------------------------------------------- the position itself


def test_weight_halves_at_exactly_one_half_life_of_event_time() -> None:
    # Old +8, new -4 one half-life later: weights 0.5 and 1, mean (0.5*8 - 4) / 1.5 = 0.
    p = pos_of([ev(1, 8.0, days=0), ev(2, -4.0, days=7)])
    assert p.weight == pytest.approx(1.5)
    assert p.weighted_sum == pytest.approx(0.0, abs=1e-12)
    assert p.score == pytest.approx(0.0, abs=1e-12)
    assert p.last_seen == T0 + timedelta(days=7)


def test_half_life_is_configurable() -> None:
    rules = PositionRules(half_life_days=2.0)
    # Two half-lives apart: weights 0.25 and 1.
    p = pos_of([ev(1, 10.0, days=0), ev(2, 0.0, days=4)], rules)
    assert p.weight == pytest.approx(1.25)
    assert p.score == pytest.approx(2.5 / 1.25)


def test_label_thresholds_are_configurable() -> None:
    evidence = [ev(1, 2.0)]
    assert pos_of(evidence).label == "cooperative"  # default threshold +1.5
    assert pos_of(evidence, PositionRules(cooperative_threshold=2.5)).label == "neutral"
    assert pos_of([ev(1, -2.0)]).label == "conflictual"
    assert pos_of([ev(1, -2.0)], PositionRules(conflictual_threshold=-3.0)).label == "neutral"
    # Exactly at a threshold counts as that label.
    assert pos_of([ev(1, 1.5)]).label == "cooperative"


def test_confidence_weights_the_mean() -> None:
    p = pos_of([ev(1, 8.0, confidence=0.9), ev(2, -4.0, confidence=0.3)])
    assert p.score == pytest.approx((0.9 * 8 - 0.3 * 4) / 1.2)
    assert p.weight == pytest.approx(1.2)


def test_counts_sources_and_first_last_seen() -> None:
    p = pos_of(
        [
            ev(1, 4.0, days=2, source="Wire A"),
            ev(2, 3.0, days=5, article="a1", source="Wire A"),  # second item of article a1
            ev(3, 5.0, days=0, source="Wire B"),
        ]
    )
    assert p.evidence_count == 3
    assert p.sources == ["Wire A", "Wire B"] and p.source_count == 2
    assert p.articles == ["a1", "a3"] and p.article_count == 2
    assert p.first_seen == T0
    assert p.last_seen == T0 + timedelta(days=5)


def test_late_article_folds_in_at_its_own_time() -> None:
    in_order = pos_of([ev(1, 6.0, days=0), ev(2, -2.0, days=3), ev(3, 1.0, days=10)])
    late = pos_of([ev(2, -2.0, days=3), ev(3, 1.0, days=10), ev(1, 6.0, days=0)])
    assert late.score == pytest.approx(in_order.score, abs=1e-12)
    assert late.weight == pytest.approx(in_order.weight, abs=1e-12)
    assert (late.label, late.evidence_count, late.first_seen, late.last_seen) == (
        in_order.label,
        in_order.evidence_count,
        in_order.first_seen,
        in_order.last_seen,
    )


# ----------------------------------------------------------------------- alerts


def test_first_evidence_is_a_first_seen_record_not_an_alert() -> None:
    state, alerts = run([ev(1, 5.0)])
    assert len(alerts) == 1
    new = alerts[0]
    assert new.kind == "new" and new.first_seen and new.previous is None
    assert new.new_label == "cooperative" and new.article_ids == ["a1"]
    # What that first record published is the baseline later changes are measured from.
    assert state.positions[TARGET.id].published_label == "cooperative"


def _kinds(alerts: list[StanceChange]) -> list[str]:
    return [a.kind for a in alerts]


def test_change_when_all_conditions_hold() -> None:
    evidence = [ev(1, 5.0, days=0), ev(2, -6.0, days=14), ev(3, -6.0, days=15)]
    _, alerts = run(evidence)
    assert _kinds(alerts) == ["new", "change"]
    change = alerts[1]
    assert (change.previous_label, change.new_label) == ("cooperative", "conflictual")
    assert change.delta <= -3
    assert change.article_ids == ["a2", "a3"]
    assert {e.evidence_id for e in change.evidence} == {"e2", "e3"}
    # ``previous`` is the position before the deciding evidence; its published label is the
    # one the change is measured from.
    assert change.previous is not None and change.previous.published_label == "cooperative"
    assert change.current.contributions == []  # alerts carry no per-article detail


def test_no_change_when_delta_below_min() -> None:
    # Label flips from cooperative (+1.6) to neutral, but the score moves by less than 3.
    evidence = [ev(1, 1.6), ev(2, 0.0, days=1), ev(3, 0.0, days=1)]
    p = pos_of(evidence)
    assert p.label == "neutral" and abs(p.score - 1.6) < 3
    assert _kinds(run(evidence)[1]) == ["new"]


def test_no_change_when_new_label_backed_by_one_article() -> None:
    # Two strong conflictual items, but both from one article.
    evidence = [ev(1, 5.0), ev(2, -8.0, days=14, article="a2"), ev(3, -8.0, days=14, article="a2")]
    assert pos_of(evidence).label == "conflictual"
    assert _kinds(run(evidence)[1]) == ["new"]
    # The same with a second article does alert.
    evidence[2] = ev(3, -8.0, days=14)
    assert _kinds(run(evidence)[1]) == ["new", "change"]


def test_no_change_with_fewer_than_min_evidence() -> None:
    # One overwhelming conflictual item flips the label with a large delta, but alone.
    evidence = [ev(1, 5.0), ev(2, -9.0, days=30)]
    assert pos_of(evidence).label == "conflictual"
    assert _kinds(run(evidence)[1]) == ["new"]
    # min_evidence / min_articles are rules too.
    assert _kinds(run(evidence, PositionRules(min_evidence=1, min_articles=1))[1]) == ["new", "change"]


def test_change_ids_are_stable_across_runs() -> None:
    evidence = [ev(1, 5.0, days=0), ev(2, -6.0, days=14), ev(3, -6.0, days=15)]
    first = [a.change_id for a in run(evidence)[1]]
    again = [a.change_id for a in run([e.model_copy() for e in evidence])[1]]
    assert first == again and len(set(first)) == 2
    assert first[0] == stable_id("new", ACTOR.id, TARGET.id, "e1")


def test_decide_change_is_none_when_label_unchanged() -> None:
    p1 = apply_evidence(None, ev(1, 5.0), RULES)
    p1 = p1.model_copy(update={"published_label": p1.label, "published_score": p1.score})
    p2 = apply_evidence(p1, ev(2, 4.0, days=1), RULES)
    assert decide_change(p1, p2, ev(2, 4.0, days=1), RULES) is None


# ----------------------------------------------------------------------- idempotency


def test_reapplying_an_evidence_id_is_a_no_op() -> None:
    e1, e2 = ev(1, 5.0), ev(2, -3.0, days=1)
    state, _ = run([e1, e2])
    again, change, is_new = fold(state, e1, RULES)
    assert again is state and change is None and not is_new
    assert apply_evidence(state.positions[TARGET.id], e2, RULES) is state.positions[TARGET.id]


def test_redelivery_is_recognised_after_any_amount_of_other_evidence() -> None:
    # More evidence than the actor-level applied-id list holds (APPLIED_IDS), on other targets.
    others = [
        ev(f"x{i}", 1.0, days=i / 100, target=TargetRef(id=f"t{i % 7}", name=f"T{i % 7}"))
        for i in range(APPLIED_IDS + 50)
    ]
    e1 = ev(1, 5.0)
    state, _ = run([e1, *others])
    before = state.positions[TARGET.id]
    assert e1.evidence_id not in state.applied
    after, change, is_new = fold(state, e1, RULES)
    assert not is_new and change is None and after.positions[TARGET.id] == before


# Two versions of article "a1": the second ingested five hours after the first.
V1: dict = {"article": "a1", "version": "h1", "ingested": 0}
V2: dict = {"article": "a1", "version": "h2", "ingested": 5}


def test_new_version_of_an_article_replaces_its_contribution() -> None:
    # v1 of article "a1" has two items; the corrected v2 (later ingest) has one, with new
    # offsets (so new evidence ids) and a changed score.
    v1 = [ev(1, 5.0, **V1), ev(2, 5.0, **V1)]
    v2 = [ev(3, 3.0, **V2)]
    other = ev(4, 1.0, days=1)
    p = pos_of([*v1, other, *v2])
    expected = pos_of([other, *v2])
    assert p.evidence_count == 2 and p.article_count == 2
    assert p.score == pytest.approx(expected.score, abs=1e-12)
    assert {e.evidence_id for e in p.recent_evidence} == {"e3", "e4"}
    # A late redelivery of v1 after v2 changes nothing.
    state, _ = run([*v1, other, *v2])
    again, change, is_new = fold(state, v1[0], RULES)
    assert not is_new and change is None and again is state


def test_same_evidence_id_in_a_new_version_replaces_not_skips() -> None:
    # An edit after the sentence leaves its offsets, hence its evidence id, unchanged.
    v1 = ev(1, 5.0, **V1)
    v2 = ev(1, -5.0, **V2)
    p = pos_of([v1, v2])
    assert p.evidence_count == 1 and p.score == pytest.approx(-5.0)


def test_corrected_article_raises_no_spurious_alert() -> None:
    v1 = [ev(1, 5.0, **V1), ev(2, 4.0, **V1)]
    v2 = [ev(3, 5.0, **V2), ev(4, 4.0, **V2)]
    _, alerts = run([*v1, *v2, *v1, *v2])
    assert _kinds(alerts) == ["new"]


# ----------------------------------------------------------------------- bounds


def test_detail_is_bounded_and_older_articles_fold_into_the_aggregate() -> None:
    rules = PositionRules(max_articles=4)
    evidence = [ev(i, float(i % 5) - 2, days=i) for i in range(10)]
    p = pos_of(evidence, rules)
    assert len(p.contributions) == 4 and p.articles == ["a6", "a7", "a8", "a9"]
    assert p.folded is not None and p.folded.article_count == 6 and p.folded.evidence_count == 6
    assert (p.evidence_count, p.article_count, p.first_seen) == (10, 10, T0)
    # Folding keeps the decayed mean: the same as with unbounded detail.
    unbounded = pos_of(evidence, PositionRules(max_articles=1000))
    assert p.score == pytest.approx(unbounded.score, abs=1e-9)
    # A redelivery of folded evidence is recognised (recent applied ids); a late article older
    # than the folded cutoff still counts, at its own event time, as with unbounded detail.
    state, _ = run(evidence, rules)
    assert fold(state, evidence[2], rules)[2] is False
    late = ev("late", 9.0, days=0.5)
    after, _, is_new = fold(state, late, rules)
    assert is_new
    assert after.positions[TARGET.id].score == pytest.approx(
        pos_of([*evidence, late], PositionRules(max_articles=1000)).score, abs=1e-9
    )
    assert fold(state, ev("late2", 9.0, days=5.5), rules)[2] is True


def test_articles_beyond_the_horizon_are_folded() -> None:
    rules = PositionRules(horizon_half_lives=2.0)  # 14 days
    p = pos_of([ev(1, 5.0, days=0), ev(2, 5.0, days=10), ev(3, 5.0, days=20)], rules)
    assert p.articles == ["a2", "a3"] and p.article_count == 3
    assert p.folded is not None and p.folded.through == (T0, "a1")


def test_value_without_per_article_detail_still_decodes_and_updates() -> None:
    # A table value written before contributions/folded/article_count existed.
    legacy = {
        "actor": ACTOR.model_dump(),
        "positions": {
            TARGET.id: {
                "actor": ACTOR.model_dump(),
                "target": TARGET.model_dump(),
                "score": 4.0,
                "label": "cooperative",
                "evidence_count": 2,
                "sources": ["Wire A"],
                "articles": ["a1", "a2"],
                "first_seen": T0.isoformat(),
                "last_seen": (T0 + timedelta(days=1)).isoformat(),
                "weighted_sum": 8.0,
                "weight": 2.0,
                "published_label": "cooperative",
                "published_score": 4.0,
            }
        },
        "applied": ["e1", "e2"],
    }
    state = ActorPositions.model_validate_json(ActorPositions.model_validate(legacy).model_dump_json())
    assert fold(state, ev(1, 5.0, article="a1"), RULES)[2] is False  # known from `applied`
    new, _, is_new = fold(state, ev(3, 4.0, days=1), RULES)
    p = new.positions[TARGET.id]
    assert is_new and p.evidence_count == 3 and p.article_count == 3
    assert p.score == pytest.approx(4.0) and p.sources == ["Example Wire", "Wire A"]


# ----------------------------------------------------------------------- order independence

_item = st.tuples(
    st.integers(min_value=-10, max_value=10),  # score
    st.integers(min_value=0, max_value=40),  # day
    st.sampled_from([0.3, 0.65, 1.0]),  # confidence
    st.integers(min_value=0, max_value=5),  # article
)


@settings(max_examples=60, deadline=None)
@given(items=st.lists(_item, min_size=1, max_size=12), data=st.data())
def test_any_arrival_order_gives_the_same_position(items: list, data: st.DataObject) -> None:
    # Evidence of one article shares its event time, as extraction produces it.
    days = {art: day for _, day, _, art in items}
    evidence = [
        ev(i, float(s), days=days[art], confidence=c, article=f"a{art}")
        for i, (s, _, c, art) in enumerate(items)
    ]
    shuffled = data.draw(st.permutations(evidence))
    # Redeliveries mixed in anywhere change nothing either.
    extra = data.draw(st.lists(st.sampled_from(evidence), max_size=4))
    a = pos_of(evidence)
    b = pos_of([*shuffled, *extra])
    assert b.score == pytest.approx(a.score, abs=1e-9)
    assert (b.label, b.evidence_count, b.article_count, b.sources, b.first_seen, b.last_seen) == (
        a.label,
        a.evidence_count,
        a.article_count,
        a.sources,
        a.first_seen,
        a.last_seen,
    )
