"""Event coder (issue 16) on fictional sentences: who did what to whom, table-driven.

Everything here is synthetic: Zarvonne, Kestovia, their capitals, seats, people, the Grey Coast
Alliance and the Iron Vale Brigade are invented (ISO 3166-1 user-assigned codes XZV, XKS).
The parse is the real spaCy pipeline; the registry is a real ActorRegistry over these records.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from stancewire.nlp.events import RegistryResolver, code_events, load_patterns
from stancewire.nlp.events.article import merge_evidence
from stancewire.nlp.model import load_nlp
from stancewire.nlp.registry import ActorRegistry
from stancewire.schemas import ActorRef, StanceEvidence, TargetRef

ACTORS = [
    {"id": "gov:xzv", "name": "Zarvonne", "kind": "government", "country": "XZV",
     "aliases": ["zarvonne", "zarvonnian", "pell harbour", "amber hall"]},
    {"id": "gov:xks", "name": "Kestovia", "kind": "government", "country": "XKS",
     "aliases": ["kestovia", "kestovian", "lunmar", "slate tower"]},
    {"id": "org:grey-coast-alliance", "name": "Grey Coast Alliance", "kind": "organisation",
     "aliases": ["grey coast alliance"]},
    {"id": "group:iron-vale-brigade", "name": "Iron Vale Brigade", "kind": "group",
     "aliases": ["iron vale brigade"]},
    {"id": "person:marta-quillon", "name": "Marta Quillon", "kind": "person", "country": "XZV",
     "aliases": ["quillon"], "roles": [{"title": "foreign minister", "country": "XZV"}]},
    {"id": "person:ivo-brandt", "name": "Ivo Brandt", "kind": "person", "country": "XKS",
     "aliases": ["brandt"]},
]  # fmt: skip

ZV, KS, GCA, IVB, MQ = (
    "gov:xzv",
    "gov:xks",
    "org:grey-coast-alliance",
    "group:iron-vale-brigade",
    "person:marta-quillon",
)

# (sentence, expected {(actor, target, category, modality, sign)}); sign of the score: + 0 -.
CASES = [
    (
        "Zarvonne imposed sanctions on Kestovia over the border incident.",
        {(ZV, KS, "SANCTION", "asserted", "-")},
    ),
    (
        "Sanctions were imposed on Kestovia by Zarvonne and the Grey Coast Alliance.",
        {(ZV, KS, "SANCTION", "asserted", "-"), (GCA, KS, "SANCTION", "asserted", "-")},
    ),
    ("Kestovian troops opened fire on Zarvonnian border guards.", {(KS, ZV, "ASSAULT", "asserted", "-")}),
    ("Lunmar offered to hand over two suspects to Pell Harbour.", {(KS, ZV, "AGREE", "intended", "+")}),
    (
        "Zarvonne and Kestovia signed an accord ending their dispute over the river.",
        {(ZV, KS, "SUPPORT", "asserted", "+"), (KS, ZV, "SUPPORT", "asserted", "+")},
    ),
    ("The Amber Hall did not attack Kestovian ships in the strait.", {(ZV, KS, "ASSAULT", "negated", "0")}),
    ("Zarvonne threatened to impose sanctions on Kestovia.", {(ZV, KS, "THREATEN", "asserted", "-")}),
    (
        "The Zarvonnian Defence Ministry said its artillery had shelled Iron Vale Brigade positions.",
        {(ZV, IVB, "ASSAULT", "asserted", "-")},
    ),
    (
        "Foreign Minister Marta Quillon called on Kestovia to release the detained sailors.",
        {(MQ, KS, "REQUEST", "asserted", "-")},
    ),
    (
        "Kestovia will close its airspace to Zarvonnian airlines if the flights continue.",
        {(KS, ZV, "THREATEN", "conditional", "-")},
    ),
    (
        "Zarvonne could expel Kestovia's ambassador over the spying row.",
        {(ZV, KS, "THREATEN", "hypothetical", "-")},
    ),
    (
        "Zarvonne provided military equipment to Kestovia and the Grey Coast Alliance.",
        {(ZV, KS, "AID", "asserted", "+"), (ZV, GCA, "AID", "asserted", "+")},
    ),
    (
        "A Kestovian army convoy was attacked by Iron Vale Brigade fighters.",
        {(IVB, KS, "ASSAULT", "asserted", "-")},
    ),
    ("The weather in Lunmar was mild on Tuesday.", set()),
    # One politician "attacking" another is criticism; rivals winning races are no event.
    (
        "Marta Quillon attacked Ivo Brandt over the budget.",
        {(MQ, "person:ivo-brandt", "ACCUSE", "asserted", "-")},
    ),
    ("Zarvonne and Kestovia won seats on the council.", set()),
    # A participle used as a preposition names no act: "according to" is no CAMEO "accord"
    # (cooperation), "barring" no ban.
    ("Kestovian troops left the strait, according to Zarvonne.", set()),
    ("Barring a deal with Kestovia, Zarvonne will hold its position.", set()),
]


def _sign(score: float) -> str:
    return "0" if abs(score) <= 0.25 else ("+" if score > 0 else "-")


@pytest.fixture(scope="module")
def resolver(tmp_path_factory: pytest.TempPathFactory) -> RegistryResolver:
    path = Path(tmp_path_factory.mktemp("events")) / "actors.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in ACTORS) + "\n", encoding="utf-8")
    return RegistryResolver(ActorRegistry(paths=[path], use_cache=False))


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_coded_events(text: str, expected: set, resolver: RegistryResolver) -> None:
    doc = load_nlp()(text)
    got = {
        (e.actor.id, e.target.id, e.category, e.modality, _sign(e.score)) for e in code_events(doc, resolver)
    }
    assert got == expected


def test_reported_act_names_its_speaker(resolver: RegistryResolver) -> None:
    doc = load_nlp()(
        "The Zarvonnian Defence Ministry said its artillery had shelled Iron Vale Brigade positions."
    )
    (ev,) = code_events(doc, resolver)
    assert ev.reported_by is not None and ev.reported_by.id == ZV
    assert ev.basis == "did" and 0 < ev.confidence < 1
    assert doc.text[ev.sentence_start : ev.sentence_end].startswith("The Zarvonnian")


def test_scores_come_from_plover() -> None:
    pats = load_patterns()
    assert pats.score("ASSAULT", "") == -9.0
    assert pats.score("SANCTION", "expel") == -5.5
    assert pats.score("AID", "no-such-mode") == 10.0  # unknown mode: the category's own score


def _ev(
    eid: str, sentence_start: int, quote_id: str | None = None, category: str | None = "SANCTION"
) -> StanceEvidence:
    return StanceEvidence(
        evidence_id=eid,
        article_id="a",
        actor=ActorRef(id=ZV, name="Zarvonne"),
        target=TargetRef(id=KS, name="Kestovia"),
        category=category,
        score=-6.0 if category else 0.0,
        confidence=0.7,
        quote_id=quote_id,
        sentence_start=sentence_start,
        sentence_end=sentence_start + 10,
        published_at=datetime(2025, 1, 1, tzinfo=UTC),
    )


def test_merge_keeps_quotes_and_replaces_narrative_items_where_an_event_was_coded() -> None:
    said = [_ev("q1", 0, quote_id="q"), _ev("n1", 0), _ev("n2", 50)]
    did = [_ev("d1", 0)]
    assert [e.evidence_id for e in merge_evidence(said, did)] == ["n1", "q1", "n2"]
    # An act of an actor quoted in the same sentence is that quote's content: counted once.
    assert [e.evidence_id for e in merge_evidence([_ev("n3", 50)], [_ev("d2", 50)])] == ["d2"]


def test_a_neutral_quote_of_the_actor_does_not_swallow_its_coded_act() -> None:
    """ "Veltria bowed to pressure from Meridan and dropped its tariff plan": the act on its own
    plan is a quote whose item codes no category; the CONCEDE event of the sentence stands."""
    said = [_ev("q2", 0, quote_id="q", category=None)]
    did = [_ev("d3", 0)]
    assert [e.evidence_id for e in merge_evidence(said, did)] == ["d3", "q2"]
