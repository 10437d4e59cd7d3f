"""Evidence basis (issue 16): "did" (reported acts) vs "said" (quotes) in records and the fold."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from stancewire.positions import PositionRules, apply_evidence, summarize
from stancewire.schemas import ActorRef, StanceEvidence, TargetRef

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
