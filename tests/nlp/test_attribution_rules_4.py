"""Attribution rules, fourth round: a company the NER missed or took for a place is named by the
description that refers to it; dates in a dateline never speak; organisation names grown over a
PERSON fragment ("Workers' Guild") drop that fragment; a word opening several institutions' names
is a place, not a short form of one; "the city council" after a bare place subject is that place's
council; hyphenated short forms of a company; "it" after a newly introduced organisation; singular
collective nouns ("the family") are groups; scores are not part of names. Fictional names, varied
domains."""

from __future__ import annotations

from stancewire.schemas import ActorKind


def _speaker(res, fragment: str):
    q = next(q for q in res.quotes if fragment in q.text)
    return q.speaker



# ------------------------------------------------------------------ groups and names


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
