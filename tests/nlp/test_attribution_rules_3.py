"""Attribution rules, third round: role nouns resolve to the person holding the role (title
inside the name entity, equivalent titles, office verbs in relative clauses, cataphoric ledes,
elegant variation for the person just talked about); cue-less quote paragraphs go to a person
introduced since the last quote; short and descriptive organisation names speak as the full name
the article gives, and "<country>'s foreign ministry" as "<Country> Foreign Ministry". Fictional
names, varied domains."""

from __future__ import annotations


def _speaker(res, fragment: str):
    q = next(q for q in res.quotes if fragment in q.text)
    return q.speaker


# ------------------------------------------------------------------ role nouns


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
