"""Attribution rules, second round: datelines and live-blog headings are never speakers,
descriptions in apposition name their organisation, "the company"/"the band" follow the
article's own description of an organisation, organisation-like PERSON entities, hyphenated
name pieces are not registry aliases. Fictional names, varied domains."""

from __future__ import annotations

from stancewire.nlp.registry import normalise
from stancewire.schemas import ActorKind


def _speaker(res, fragment: str):
    q = next(q for q in res.quotes if fragment in q.text)
    return q.speaker


def test_dateline_is_not_the_speaker(run) -> None:
    text = (
        "PELLORA, May 2 - Ostrava Freight said on Friday it would cut 300 jobs at its depot.\n\n"
        "The cuts follow a fall in orders."
    )
    sp = _speaker(run(text), "cut 300 jobs")
    assert sp is not None
    assert "PELLORA" not in (sp.name or "")


def test_timestamp_heading_does_not_leak_into_pronouns(run) -> None:
    text = (
        "Voting ends at eight in the evening across the province.\n\n"
        "20:30 — Turnout update\n\n"
        "Returning officer Dario Fenwick-Abara said turnout had passed 60%. "
        "He said counting would start at midnight."
    )
    res = run(text)
    assert _speaker(res, "counting would start").name == "Dario Fenwick-Abara"


def test_the_band_follows_the_articles_own_description(run) -> None:
    text = (
        "Tarsel Orchestra, the Orvane ensemble, will tour again next year. The Copper Kites, the "
        "band behind three gold albums, will join them.\n\n"
        "“We missed the road more than we admit,” the band said in a statement."
    )
    sp = _speaker(run(text), "missed the road")
    assert sp is not None
    assert "Copper Kites" in sp.name


def test_company_noun_in_trailing_cue_refers_to_sentence_subject(run) -> None:
    text = (
        "Brellix Holdings posted a record quarterly profit on Tuesday, the company said, helped "
        "by demand for its cooling pumps. Analysts at Tovel Partners had expected less."
    )
    res = run(text)
    q = next(q for q in res.quotes if q.speaker is not None and "company" in (q.speaker.mention or ""))
    assert q.speaker.name == "Brellix Holdings"


def test_person_entity_with_organisation_word_is_an_organisation(extractor) -> None:
    from stancewire.nlp.mentions import ArticleMentions

    doc = extractor.nlp(
        "Corrin Labs, the company behind the Wisp messaging app, said it would add encryption."
    )
    m = ArticleMentions(doc, extractor.registry)
    assert not any(
        c.name.startswith("Corrin") for c in m.clusters
    ), "a name ending in an organisation word is not a person"


def test_hyphenated_name_piece_is_not_a_registry_alias(run) -> None:
    # "Dane" / "Lund" are registry aliases (demonym / city) but here only pieces of a surname.
    text = "Foreign minister Petra Holm-Dane said the talks had been “long and honest”."
    sp = _speaker(run(text), "long and honest")
    assert sp is not None
    assert sp.kind == ActorKind.person
    assert "Government" not in sp.name


def test_normalise_is_cached_and_stable() -> None:
    assert normalise("The Kremlin’s") == normalise("the kremlin's") == "kremlin"
    assert normalise.cache_info().hits >= 0
