"""Stance evidence through the real pipeline (spaCy model + quote attribution + stance rules).

Runs every item of ``tests/data/stance_sentences.jsonl`` (fictional one-to-three sentence
articles) through ``Extractor`` end to end, checks each item's expected actor, target, category,
direction and modality, and holds the aggregate scores above floors set a little under what the
rules reach today. Items listed in ``KNOWN_FAILURES`` are expected to fail (documented misses);
they run as non-strict xfail so that a fix shows up as XPASS.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from stancewire.eval.stance_eval import (
    GoldItem,
    StanceReport,
    actors_sidecar,
    direction,
    load_gold,
    make_extractor,
    name_matches,
    score,
    select,
)
from stancewire.schemas import Article, StanceEvidence

GOLD = Path(__file__).resolve().parent.parent / "data" / "stance_sentences.jsonl"

# Misses at the time of writing (see STANCE_STATUS.md for the reasons): mostly unresolved actors
# in positions the rules do not reach ("Supporters of X", "prosecutors"), multi-sentence items
# where the context sentence wins the selection, and CAMEO modes that differ from the annotation.
# Issue 16's event coder fixed 11 former entries (reported acts by invented countries now code
# to their governments, refusals about the future are REJECT ...) and moved two: "offered to
# mediate" is coded intended (the event gold's convention for "offered to", this gold says
# asserted) and "pressed X for a faster repayment" asks for a change (-) where this gold has 0.
# Issue 15's seventh recall pass fixed st-071 and st-085 (acts: "pressed … for", "investigated …");
# its fifteenth fixed st-016 (recall13: "offered to X" states the offerer's aim).
KNOWN_FAILURES = {
    "st-011",
    "st-035",
    "st-039",
    "st-042",
    "st-046",
    "st-054",
    "st-061",
    "st-065",
    "st-084",
    "st-134",
    "st-140",
    "st-143",
    "st-144",
    "st-147",
    "st-151",
    "st-175",
    "st-185",
}

# Aggregate floors: measured values minus ~0.03 (category 0.889, direction 0.894, source 0.899,
# target 0.879, modality 0.904 on 199 items when these were set).
FLOORS = {
    "category_accuracy": 0.86,
    "direction_accuracy": 0.86,
    "source_match": 0.87,
    "target_match": 0.85,
    "modality_accuracy": 0.87,
}

ITEMS = load_gold(GOLD)


@pytest.fixture(scope="module")
def stance_extractor():
    return make_extractor(None, actors_sidecar(GOLD))


@pytest.fixture(scope="module")
def predictions(stance_extractor) -> dict[str, list[StanceEvidence]]:
    out: dict[str, list[StanceEvidence]] = {}
    for it, res in zip(ITEMS, stance_extractor.extract_many(it.article() for it in ITEMS), strict=True):
        out[it.id] = list(res.stances)
    return out


@pytest.fixture(scope="module")
def report(predictions) -> StanceReport:
    return score(ITEMS, predictions)


def stances(ex, text: str, article_id: str = "t") -> list[StanceEvidence]:
    art = Article(id=article_id, text=text, published_at=datetime(2025, 3, 1, tzinfo=UTC), synthetic=True)
    return list(ex.extract(art).stances)


def find(evs: list[StanceEvidence], actor: str, target: str) -> StanceEvidence:
    hits = [e for e in evs if name_matches(actor, e.actor) and name_matches(target, e.target)]
    assert hits, f"no evidence {actor} -> {target} in {[(e.actor.id, e.target.id, e.category) for e in evs]}"
    return max(hits, key=lambda e: e.confidence)


def test_gold_file_shape() -> None:
    assert len(ITEMS) >= 170
    cats = {it.category for it in ITEMS}
    from stancewire.schemas import PLOVER_CATEGORIES

    assert set(PLOVER_CATEGORIES) <= cats and None in cats
    assert {it.modality for it in ITEMS} >= {
        "asserted",
        "intended",
        "conditional",
        "negated",
        "hypothetical",
        "awaited",
    }
    assert all(it.meta.get("synthetic") for it in ITEMS)


def test_aggregate_floors(report: StanceReport) -> None:
    d = report.to_dict()
    low = {k: d[k] for k, floor in FLOORS.items() if d[k] < floor}
    assert not low, f"below floor: {low}\n{report.format()}"


@pytest.mark.parametrize(
    "item",
    [
        pytest.param(it, id=it.id, marks=[pytest.mark.xfail(strict=False)] if it.id in KNOWN_FAILURES else [])
        for it in ITEMS
    ],
)
def test_gold_item(item: GoldItem, predictions) -> None:
    ev = select(item, predictions[item.id])
    assert ev is not None, "no evidence"
    got = (ev.actor.id, ev.target.id, ev.category, direction(ev.score), ev.modality)
    assert name_matches(item.actor, ev.actor), got
    assert name_matches(item.target, ev.target), got
    assert ev.category == item.category, got
    assert direction(ev.score) == item.direction, got
    assert ev.modality == item.modality, got


# --------------------------------------------------------------------------- focused cases


def test_target_is_object_not_embedded_actor(stance_extractor) -> None:
    evs = stances(stance_extractor, "Veltria accused Corvenia of seeking to manipulate Kaldoria.")
    ev = find(evs, "Veltria", "Corvenia")
    assert ev.category == "ACCUSE" and ev.score < 0
    assert not any(name_matches("Kaldoria", e.target) and name_matches("Veltria", e.actor) for e in evs)


def test_pronoun_target_resolves(stance_extractor) -> None:
    # "her" -> Marta Kiel: resolver first, else the most recent named actor other than the speaker.
    evs = stances(
        stance_extractor,
        "Marta Kiel met Foreign Minister Piet Aldova. He praised her as a courageous negotiator.",
    )
    hits = [
        e
        for e in evs
        if name_matches("Piet Aldova", e.actor)
        and name_matches("Marta Kiel", e.target)
        and e.category == "SUPPORT"
    ]
    assert hits and hits[0].score > 0


def test_negation_flips_cooperation_and_neutralises_conflict(stance_extractor) -> None:
    praise = find(
        stances(stance_extractor, "President Ilse Varga-Tamm praised Tomas Reyel."), "Varga-Tamm", "Reyel"
    )
    no_praise = find(
        stances(stance_extractor, "President Ilse Varga-Tamm did not praise Tomas Reyel."),
        "Varga-Tamm",
        "Reyel",
    )
    assert praise.modality == "asserted" and praise.score > 0
    assert no_praise.modality == "negated" and no_praise.score < 0 and abs(no_praise.score) < praise.score
    no_attack = find(
        stances(stance_extractor, "Veltria did not attack Corvenia on Sunday."), "Veltria", "Corvenia"
    )
    assert no_attack.modality == "negated" and no_attack.score == 0


def test_future_refusal_is_reject(stance_extractor) -> None:
    ev = find(
        stances(stance_extractor, "Marundi will not send aid to Telvania this year."), "Marundi", "Telvania"
    )
    assert ev.category == "REJECT" and ev.modality == "negated" and ev.score < 0


def test_modalities_attenuate(stance_extractor) -> None:
    done = find(stances(stance_extractor, "Veltria imposed sanctions on Corvenia."), "Veltria", "Corvenia")
    cond = find(
        stances(stance_extractor, "Veltria will impose sanctions on Corvenia if the dumping continues."),
        "Veltria",
        "Corvenia",
    )
    hypo = find(
        stances(stance_extractor, "Veltria could impose sanctions on Corvenia."), "Veltria", "Corvenia"
    )
    intent = find(
        stances(stance_extractor, "Veltria plans to impose sanctions on Corvenia."), "Veltria", "Corvenia"
    )
    assert done.category == "SANCTION" and done.modality == "asserted"
    # A stated future sanction is a threat (PLOVER THREATEN), weaker than the act.
    assert (cond.category, cond.modality) == ("THREATEN", "conditional")
    assert (hypo.category, hypo.modality) == ("THREATEN", "hypothetical")
    assert (intent.category, intent.modality) == ("THREATEN", "intended")
    assert done.score < intent.score < 0 and intent.score <= cond.score < 0 and cond.score <= hypo.score < 0


def test_hypothetical_rejection(stance_extractor) -> None:
    ev = find(
        stances(stance_extractor, "Corvenia would reject any deal with Veltria."), "Corvenia", "Veltria"
    )
    assert ev.category == "REJECT" and ev.modality == "hypothetical" and -2.0 < ev.score < 0


def test_issue_target(stance_extractor) -> None:
    ev = find(
        stances(stance_extractor, "Prime Minister Dana Oskarsson welcomed the ceasefire."),
        "Dana Oskarsson",
        "issue:ceasefire",
    )
    assert ev.category == "SUPPORT" and ev.target.kind == "issue"


def test_quote_evidence_carries_quote(stance_extractor) -> None:
    evs = stances(
        stance_extractor, '"We reject this offer from Castellan Group," union leader Bruno Lind said.'
    )
    ev = find(evs, "Bruno Lind", "Castellan Group")
    assert ev.category == "REJECT" and ev.quote_id and ev.quote_text and "reject" in ev.quote_text


def test_reported_attack_in_quote_is_accusation(stance_extractor) -> None:
    evs = stances(
        stance_extractor,
        '"Telvanian troops shelled our villages last night," Marundi\'s defence minister Olaf Renn said.',
    )
    ev = find(evs, "Olaf Renn", "Telvania")
    assert ev.category == "ACCUSE" and ev.score < 0


def test_evidence_ids_are_stable(stance_extractor) -> None:
    text = "Veltria imposed sanctions on Corvenia. Kaldoria praised Sarvonia."
    a = stances(stance_extractor, text, "same")
    b = stances(stance_extractor, text, "same")
    assert [e.evidence_id for e in a] == [e.evidence_id for e in b]
    assert len({e.evidence_id for e in a}) == len(a)
    other = stances(stance_extractor, text, "other-article")
    assert not {e.evidence_id for e in a} & {e.evidence_id for e in other}


def test_evidence_fields(stance_extractor) -> None:
    text = "Veltria imposed sanctions on Corvenia after the border incident."
    art = Article(
        id="fields",
        text=text,
        url="https://example.org/a",
        source="wire",
        published_at=datetime(2025, 3, 1, tzinfo=UTC),
        synthetic=True,
    )
    ev = stance_extractor.extract(art).stances[0]
    assert text[ev.sentence_start : ev.sentence_end].strip() == ev.sentence
    assert ev.published_at == art.published_at and ev.source == "wire" and ev.url == art.url
    assert -10 <= ev.score <= 10 and 0 <= ev.confidence <= 1
