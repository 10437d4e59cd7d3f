"""Seed article (2025-01-27, Kremlin awaits US signals): the stance evidence it must yield."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from stancewire.nlp.extract import Extractor
from stancewire.schemas import Article, StanceEvidence


@pytest.fixture(scope="module")
def evidence(registry, seed_article: Article) -> list[StanceEvidence]:
    return list(Extractor(registry=registry).extract(seed_article).stances)


def pick(evs: list[StanceEvidence], actor: str, target: str, cats: set[str]) -> list[StanceEvidence]:
    return [e for e in evs if e.actor.id == actor and e.target.id == target and e.category in cats]


def test_putin_praises_trump(evidence) -> None:
    hits = pick(evidence, "person:vladimir-putin", "person:donald-trump", {"SUPPORT"})
    assert hits and all(e.score > 0 and e.modality == "asserted" for e in hits)
    assert any("praising him" in e.sentence for e in hits)


def test_kremlin_and_trump_on_meeting(evidence) -> None:
    kremlin = pick(evidence, "gov:rus", "issue:meeting", {"AGREE", "CONSULT"})
    assert kremlin and kremlin[0].modality == "awaited" and kremlin[0].score > 0
    trump = pick(evidence, "person:donald-trump", "issue:meeting", {"AGREE", "CONSULT"})
    assert trump and trump[0].modality in ("intended", "awaited")
    assert pick(evidence, "person:donald-trump", "person:vladimir-putin", {"AGREE", "CONSULT"})


def test_trump_on_peace_deal(evidence) -> None:
    hits = pick(evidence, "person:donald-trump", "issue:peace-deal", {"REQUEST", "AGREE"})
    assert {e.category for e in hits} >= {"REQUEST", "AGREE"}


def test_kyiv_accuses_putin(evidence) -> None:
    hits = pick(evidence, "gov:ukr", "person:vladimir-putin", {"ACCUSE"})
    assert hits and all(e.score < 0 for e in hits)
    assert any("accusing Putin" in e.sentence for e in hits)


def test_trump_threatens_russia_with_sanctions(evidence) -> None:
    hits = pick(evidence, "person:donald-trump", "gov:rus", {"THREATEN"})
    assert hits, [(e.actor.id, e.target.id, e.category) for e in evidence]
    assert hits[0].modality == "conditional" and -3.5 < hits[0].score < 0


def test_every_speaker_statement_has_evidence(evidence) -> None:
    assert all(e.quote_id for e in evidence if e.quote_text)
    assert all(e.published_at == datetime(2025, 1, 27, tzinfo=UTC) for e in evidence)
