"""Attribution rules that need more than one quote and a few speaker fields (the simple cases are
rows of ``cases/speakers.toml``): given-name person detection and name parts, shared surnames,
places tagged PERSON, nicknames; datelines and live-blog headings never speak; descriptions in
apposition name their organisation; role nouns and equivalent titles; a company's short names.
Fictional names, varied domains."""

from __future__ import annotations

from stancewire.nlp.mentions.names import given_names, has_demonym, name_tokens
from stancewire.nlp.registry import normalise
from stancewire.schemas import ActorKind


def _speaker(res, fragment: str):
    q = next(q for q in res.quotes if fragment in q.text)
    return q.speaker


def _speaker_names(res) -> list[str | None]:
    return [q.speaker.name if q.speaker else None for q in res.quotes]


def test_given_names_lexicon_has_genders_across_cultures() -> None:
    g = given_names()
    assert len(g) > 1000
    assert g["marta"] == "f" and g["piet"] == "m"
    assert g["chidinma"] == "f" and g["kwame"] == "m" and g["haruka"] == "f"
    assert "victoria" not in g  # place names are left out: the lexicon also detects names


def test_name_tokens_include_hyphen_pieces() -> None:
    assert name_tokens(["ilse", "varga-tamm"]) == {"ilse", "varga-tamm", "varga", "tamm"}


def test_demonym_marks_a_place() -> None:
    assert has_demonym("kethara", {"kethari", "port"})
    assert has_demonym("isparre", {"isparrean"})
    assert not has_demonym("okwuosa", {"ruth", "samuel"})


def test_nickname_inside_name_is_one_person(run) -> None:
    text = (
        "The court freed Rafael ‘Little Bull’ Quintela, the former boxer, on Wednesday.\n\n"
        "“I knew this day would come,” Quintela said."
    )
    res = run(text)
    names = _speaker_names(res)
    assert names and names[-1] is not None
    assert names[-1].endswith("Quintela") and names[-1].startswith("Rafael")


def test_invented_country_tagged_person_speaks_as_government(run) -> None:
    text = (
        "Kethara expelled four Isparrean diplomats on Wednesday, accusing them of spying on the port.\n\n"
        "Kethari officials said three workers had been arrested in Tamsau."
    )
    res = run(text)
    first = res.quotes[0].speaker
    assert first is not None
    assert first.kind == ActorKind.government
    assert first.name == "Government of Kethara"


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
    assert not any(c.name.startswith("Corrin") for c in m.clusters), (
        "a name ending in an organisation word is not a person"
    )


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


def test_indefinite_role_noun_does_not_pick_an_earlier_holder(run) -> None:
    # "a nurse" introduces someone new; it must not become the doctor named before.
    text = (
        "Dr Feodora Lindqvist-Abe said the ward had been understaffed for months.\n\n"
        "A nurse told the inquiry that shifts were routinely left uncovered."
    )
    sp = _speaker(run(text), "routinely left uncovered")
    assert sp is None or sp.name != "Feodora Lindqvist-Abe"


# ------------------------------------------------------------------ floating quotes


# ------------------------------------------------------------------ organisations


def test_possessive_country_ministry_is_named_by_country(run) -> None:
    text = (
        "Ostravia expelled two diplomats on Monday.\n\n"
        "Hours later, Ostravia's foreign ministry said it was recalling its ambassador."
    )
    sp = _speaker(run(text), "recalling its ambassador")
    assert sp is not None
    assert sp.name.lower().replace("'s", "") in ("ostravia foreign ministry",)


# ------------------------------------------------------------------ conjoined cues


def test_press_release_about_boilerplate_is_not_a_quote(run) -> None:
    text = (
        "KELVORA, June 3 - Brantwick Ceramics said on Tuesday it would open a second kiln.\n\n"
        "About Brantwick Ceramics: Founded in 1962, Brantwick Ceramics makes tiles for "
        "hospitals and schools in three countries."
    )
    res = run(text)
    assert not any("Founded in 1962" in q.text for q in res.quotes)


def test_statement_speaks_for_its_issuer(run) -> None:
    text = (
        "\u201cWe will not sell our best player in the middle of a title race,\u201d the club's "
        "statement said."
    )
    sp = _speaker(run(text), "best player")
    assert sp is not None and "statement" not in (sp.mention or "")
    assert "club" in (sp.mention or "")


def test_transport_and_industry_names_are_organisations(run) -> None:
    # The small NER model takes these for people; their last word says what they are.
    text = (
        "MARSK, Jan 9 - Bus fares in Marsk will not rise this year, Velmora Transport said on "
        "Thursday, after Halvar Freight Lines said it would cut its rail shipments.\n\n"
        '"The network is running at a loss," said Corvenia Rail.\n\n'
        '"We are ready to talk," said Samantha Power, a union negotiator.'
    )
    res = run(text)
    for fragment, name in (
        ("Bus fares", "Velmora Transport"),
        ("rail shipments", "Halvar Freight Lines"),
        ("running at a loss", "Corvenia Rail"),
    ):
        sp = _speaker(res, fragment)
        assert sp is not None and sp.name == name and sp.kind == ActorKind.organisation, (fragment, sp)
    # A known given name keeps a person a person whatever her surname.
    sp = _speaker(res, "ready to talk")
    assert sp is not None and sp.name == "Samantha Power" and sp.kind == ActorKind.person
