"""Attribution rules, fourth round: a company the NER missed or took for a place is named by the
description that refers to it; dates in a dateline never speak; organisation names grown over a
PERSON fragment ("Workers' Guild") drop that fragment; a word opening several institutions' names
is a place, not a short form of one; "the city council" after a bare place subject is that place's
council; hyphenated short forms of a company; "it" after a newly introduced organisation; singular
collective nouns ("the family") are groups; scores are not part of names. Fictional names, varied
domains."""

from __future__ import annotations

from stancewire.schemas import ActorKind, MentionKind


def _speaker(res, fragment: str):
    q = next(q for q in res.quotes if fragment in q.text)
    return q.speaker


# ------------------------------------------------------------------ organisations


def test_company_missed_by_ner_is_named_by_trailing_description(run) -> None:
    text = (
        "TORVAL, May 2 - Korvanta swung to a first-half loss on weak holiday bookings, the airline "
        "said on Friday.\n\n"
        '"We will not chase volume at any price," Korvanta said in a statement.'
    )
    res = run(text)
    sp = _speaker(res, "first-half loss")
    assert sp is not None and sp.name == "Korvanta" and sp.kind == ActorKind.organisation


_BREACH = (
    "KAVRANO CITY, Nov 10 — Meridox Systems, the payroll software provider used by about 2,000 "
    "employers in Kavrano, said on Monday that hackers had accessed the names and bank details of "
    "40,000 workers.\n\n"
    'The company said it discovered the intrusion on Nov. 2 and had "contained" it within 48 '
    "hours.\n\n"
    "The Kavrano Data Protection Authority said it was investigating. Shares in Meridox, which "
    "listed on the Kavrano exchange in 2022, fell 14% on Monday."
)


def test_month_in_dateline_is_not_the_speaker(run) -> None:
    sp = _speaker(run(_BREACH), "hackers had accessed")
    assert sp is not None and sp.name == "Meridox Systems"


def test_place_opening_several_institutions_is_not_their_short_form(run) -> None:
    # "employers in Kavrano" must not become the "Kavrano exchange", which "the company" would
    # then pick.
    sp = _speaker(run(_BREACH), "discovered the intrusion")
    assert sp is not None and sp.name == "Meridox Systems"


def test_org_name_grown_over_person_fragment_speaks_as_the_org(run) -> None:
    text = (
        "The deal would close two depots.\n\n"
        "The Harbour Porters' Guild, which represents 900 dockers, called the plan "
        '"a closure notice with a ribbon on it."'
    )
    sp = _speaker(run(text), "closure notice")
    assert sp is not None and sp.name == "Harbour Porters' Guild"
    assert sp.kind == ActorKind.organisation


def test_city_council_after_bare_place_subject(run) -> None:
    text = (
        "Lindmark will scrap the night ferry to the islands from March, the city council "
        "confirmed on Thursday.\n\n"
        "The council said the service carried few passengers last year."
    )
    res = run(text)
    sp = _speaker(res, "scrap the night ferry")
    assert sp is not None and sp.name == "Lindmark City Council"
    sp2 = _speaker(res, "few passengers")
    assert sp2 is not None and sp2.name == "Lindmark City Council"


def test_hyphenated_short_form_of_a_company(run) -> None:
    text = (
        "Almquist-Dorne Insurance cut 200 jobs last year.\n\n"
        "The voice on the claims line now belongs to software. Almquist-Dorne, the country's "
        "second-largest insurer, says the system handles most claims without staff."
    )
    sp = _speaker(run(text), "handles most claims")
    assert sp is not None and sp.name == "Almquist-Dorne Insurance"


def test_it_follows_organisation_introduced_since_last_speaker(run) -> None:
    text = (
        "Fenwick Rail said the new timetable had cut delays by a third.\n\n"
        "The Guild of Train Drivers tells a different story. It says crews are working longer "
        "shifts than before."
    )
    sp = _speaker(run(text), "longer shifts")
    assert sp is not None and sp.name == "Guild of Train Drivers"
    assert sp.mention_kind == MentionKind.pronoun


# ------------------------------------------------------------------ groups and names


def test_the_family_is_a_group_speaker(run) -> None:
    text = (
        "A climber who fell on the north ridge had followed the guide's instructions, an inquest "
        "heard.\n\n"
        'In a statement read outside court, the family said he had been "failed at every step".'
    )
    sp = _speaker(run(text), "failed at every step")
    assert sp is not None and sp.kind == ActorKind.group


def test_score_after_a_name_is_not_part_of_it(run) -> None:
    text = (
        "Ileana Broszko reached the final on Saturday, beating top seed Renske Vallamo-Iwu 4-6 "
        "6-2 7-5.\n\n"
        "Vallamo-Iwu said afterwards that she had struggled with the wind."
    )
    sp = _speaker(run(text), "struggled with the wind")
    assert sp is not None and sp.name == "Renske Vallamo-Iwu"


def test_transport_and_industry_names_are_organisations(run) -> None:
    # The small NER model takes these for people; their last word says what they are.
    text = (
        "MARSK, Jan 9 - Bus fares in Marsk will not rise this year, Velmora Transport said on "
        "Thursday, after Halvar Freight Lines said it would cut its rail shipments.\n\n"
        '"The network is running at a loss," said Corvenia Rail.\n\n'
        '"We are ready to talk," said Samantha Power, a union negotiator.'
    )
    res = run(text)
    for fragment, name in (("Bus fares", "Velmora Transport"), ("rail shipments", "Halvar Freight Lines"),
                           ("running at a loss", "Corvenia Rail")):
        sp = _speaker(res, fragment)
        assert sp is not None and sp.name == name and sp.kind == ActorKind.organisation, (fragment, sp)
    # A known given name keeps a person a person whatever her surname.
    sp = _speaker(res, "ready to talk")
    assert sp is not None and sp.name == "Samantha Power" and sp.kind == ActorKind.person
