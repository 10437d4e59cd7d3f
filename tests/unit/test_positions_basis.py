"""Evidence basis (issue 16): "did" (reported acts) vs "said" (quotes) in records and the fold."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from stancewire.positions import PositionRules, apply_evidence, fold, summarize
from stancewire.schemas import ActorRef, Position, StanceEvidence, TargetRef, basis_mix

T0 = datetime(2025, 3, 1, 10, tzinfo=UTC)
ACTOR = ActorRef(id="gov:xzv", name="Zarvonne")  # fictional
TARGET = TargetRef(id="gov:xks", name="Kestovia")  # fictional


def ev(n: int, score: float, basis: str) -> StanceEvidence:
    return StanceEvidence(
        evidence_id=f"e{n}",
        article_id=f"a{n}",
        actor=ACTOR,
        target=TARGET,
        category="SANCTION" if score < 0 else "SUPPORT",
        score=score,
        confidence=0.8,
        basis=basis,  # type: ignore[arg-type]
        sentence_start=0,
        sentence_end=10,
        published_at=T0,
    )


def test_old_records_without_basis_parse_as_said() -> None:
    rec = ev(1, -6.0, "said").model_dump(mode="json")
    del rec["basis"]
    assert StanceEvidence.model_validate(rec).basis == "said"


def test_summary_keeps_the_basis() -> None:
    assert summarize(ev(1, -6.0, "did")).basis == "did"


@pytest.mark.parametrize(("did_weight", "expected"), [(1.0, -0.5), (3.0, -2.75), (0.0, 4.0)])
def test_did_weight_sets_how_much_acts_count_against_words(did_weight: float, expected: float) -> None:
    rules = PositionRules(did_weight=did_weight)
    pos = apply_evidence(None, ev(1, 4.0, "said"), rules)  # said: +4 at weight 0.8
    pos = apply_evidence(pos, ev(2, -5.0, "did"), rules)  # did: -5 at weight 0.8 x did_weight
    assert pos.score == pytest.approx(expected)


def test_position_counts_its_said_did_mix() -> None:
    rules = PositionRules()
    pos = None
    for n, (score, basis) in enumerate(
        [(4.0, "said"), (-5.0, "did"), (-6.0, "did"), (3.0, "said"), (-2.0, "said")]
    ):
        pos = apply_evidence(pos, ev(n, score, basis), rules)
    assert pos is not None
    assert (pos.evidence_count, pos.said_count, pos.did_count) == (5, 3, 2)
    assert basis_mix(pos.said_count, pos.did_count) == "3 said, 2 did"
    # A redelivery changes nothing; the derived said_count is in the JSON (API, changelog).
    assert apply_evidence(pos, ev(1, -5.0, "did"), rules) is pos
    dumped = pos.model_dump(mode="json")
    assert (dumped["said_count"], dumped["did_count"]) == (3, 2)
    assert Position.model_validate(dumped).said_count == 3


def test_mix_survives_compaction_into_the_folded_aggregate() -> None:
    # Two articles kept in detail: the older ones are folded, their did evidence still counted.
    rules = PositionRules(max_articles=2)
    pos = None
    for n, basis in enumerate(["did", "did", "said", "said", "did"]):
        pos = apply_evidence(pos, ev(n, -4.0, basis), rules)
    assert pos is not None and pos.folded is not None and pos.folded.evidence_count == 3
    assert (pos.folded.did_count, pos.did_count, pos.said_count) == (2, 3, 2)


def test_a_value_from_before_the_counts_reads_as_all_said() -> None:
    pos = apply_evidence(None, ev(1, -4.0, "said"), PositionRules())
    old = pos.model_dump(mode="json")
    for key in ("did_count", "said_count"):
        del old[key]
    for c in old["contributions"]:
        for p in c["evidence"]:
            del p["basis"]
    legacy = Position.model_validate(old)
    assert (legacy.said_count, legacy.did_count) == (1, 0)
    later = apply_evidence(legacy, ev(2, -6.0, "did"), PositionRules())
    assert (later.said_count, later.did_count) == (1, 1)


def test_alert_says_which_basis_it_rests_on() -> None:
    rules = PositionRules()
    state, _, _ = fold(None, ev(1, 6.0, "said"), rules)
    state, change, _ = fold(state, ev(2, 5.0, "said"), rules)
    assert change is None
    changes = []
    for n in (3, 4, 5):
        state, change, _ = fold(state, ev(n, -8.0, "did"), rules)
        changes.append(change)
    alert = next(c for c in changes if c is not None)
    assert alert.kind == "change" and alert.previous_label == "cooperative"
    assert alert.basis == "did" and alert.basis_counts == {"said": 0, "did": len(alert.evidence)}
    payload = json.loads(alert.model_dump_json())  # what webhooks and `subscribe --json` send
    assert payload["basis"] == "did" and payload["current"]["did_count"] == alert.current.did_count >= 2
    mixed = alert.model_copy(update={"evidence": [*alert.evidence, summarize(ev(9, -7.0, "said"))]})
    assert mixed.basis == "said+did" and mixed.basis_counts["said"] == 1
