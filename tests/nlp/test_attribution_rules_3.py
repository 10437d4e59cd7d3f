"""Attribution rules, third round: role nouns resolve to the person holding the role (title
inside the name entity, equivalent titles, office verbs in relative clauses, cataphoric ledes,
elegant variation for the person just talked about); cue-less quote paragraphs go to a person
introduced since the last quote; short and descriptive organisation names speak as the full name
the article gives, and "<country>'s foreign ministry" as "<Country> Foreign Ministry". Fictional
names, varied domains."""

from __future__ import annotations

from stancewire.schemas import MentionKind


def _speaker(res, fragment: str):
    q = next(q for q in res.quotes if fragment in q.text)
    return q.speaker


# ------------------------------------------------------------------ role nouns


def test_title_inside_the_name_entity_is_a_role_fact(run) -> None:
    text = (
        "Recording her conclusion, Senior Coroner Halldis Brenning-Oyo said the boy's death was "
        "avoidable.\n\n"
        "The coroner said the ferry's crew had not been trained to use the rescue boat."
    )
    sp = _speaker(run(text), "not been trained")
    assert sp is not None and sp.name == "Halldis Brenning-Oyo"
    assert sp.mention_kind == MentionKind.role


def test_cataphoric_lede_role_resolves_to_the_later_holder(run) -> None:
    text = (
        "A man who drowned after his kayak capsized in the estuary had taken every reasonable "
        "precaution, a coroner ruled on Monday.\n\n"
        "Coroner Ilvana Peterku-Mose said the tide tables given to visitors were wrong."
    )
    sp = _speaker(run(text), "every reasonable precaution")
    assert sp is not None and sp.name == "Ilvana Peterku-Mose"


def test_equivalent_titles_judge_and_justice(run) -> None:
    text = (
        "Justice Corrado Umbeki-Lasse jailed the former treasurer for six years on Thursday.\n\n"
        "The judge said the fraud had been planned over a decade."
    )
    sp = _speaker(run(text), "planned over a decade")
    assert sp is not None and sp.name == "Corrado Umbeki-Lasse"


def test_holder_mentioned_after_the_role_noun_still_counts(run) -> None:
    # The holder is named again later in the article; the role noun in between must still see
    # the earlier mention.
    text = (
        "The club's manager, Teodor Vasquez-Illing, was asked about the bid on Friday.\n\n"
        "The manager said the striker was not for sale.\n\n"
        "Vasquez-Illing later left the ground without speaking to reporters."
    )
    sp = _speaker(run(text), "not for sale")
    assert sp is not None and sp.name == "Teodor Vasquez-Illing"


def test_office_verb_in_relative_clause(run) -> None:
    text = (
        "Orla Medina-Kraft, who manages the Harbour Wanderers, was furious after the final whistle.\n\n"
        "The Wanderers manager said the referee had lost control of the match."
    )
    sp = _speaker(run(text), "lost control")
    assert sp is not None and sp.name == "Orla Medina-Kraft"


def test_role_noun_refers_to_the_subject_just_introduced(run) -> None:
    text = (
        "Benedikt Sarow-Amadi was less impressed. The Lakeside coach said his players had been "
        "tired from the travel."
    )
    sp = _speaker(run(text), "tired from the travel")
    assert sp is not None and sp.name == "Benedikt Sarow-Amadi"


def test_indefinite_role_noun_does_not_pick_an_earlier_holder(run) -> None:
    # "a nurse" introduces someone new; it must not become the doctor named before.
    text = (
        "Dr Feodora Lindqvist-Abe said the ward had been understaffed for months.\n\n"
        "A nurse told the inquiry that shifts were routinely left uncovered."
    )
    sp = _speaker(run(text), "routinely left uncovered")
    assert sp is None or sp.name != "Feodora Lindqvist-Abe"


# ------------------------------------------------------------------ floating quotes


def test_floating_quote_goes_to_person_introduced_in_previous_paragraph(run) -> None:
    text = (
        "\u201cWe have never had a harvest like it,\u201d said Greta Holmgaard-Ansah, who runs "
        "the cooperative.\n\n"
        "Her neighbour Tomasz Ebuka-Rinn was less sure.\n\n"
        "\u201cOne good year does not pay back five bad ones.\u201d"
    )
    sp = _speaker(run(text), "five bad ones")
    assert sp is not None and sp.name == "Tomasz Ebuka-Rinn"
    assert sp.mention_kind == MentionKind.floating


def test_floating_quote_named_in_lead_in_of_same_paragraph(run) -> None:
    text = (
        "\u201cThe telescope is older than I am,\u201d said Priya Nakashima-Doyle.\n\n"
        "Asked about the new funding, Anselm Kvaratskh-Berg laughed. \u201cWe will believe it "
        "when the cheque clears.\u201d"
    )
    sp = _speaker(run(text), "cheque clears")
    assert sp is not None and sp.name == "Anselm Kvaratskh-Berg"


def test_floating_quote_keeps_previous_speaker_when_nobody_new(run) -> None:
    text = (
        "\u201cThe roof has leaked for three winters,\u201d said headteacher Marguerite "
        "Osei-Lindahl.\n\n"
        "\u201cWe put buckets in the corridor and carry on teaching.\u201d"
    )
    sp = _speaker(run(text), "buckets in the corridor")
    assert sp is not None and sp.name == "Marguerite Osei-Lindahl"


# ------------------------------------------------------------------ organisations


def test_short_org_name_speaks_as_full_name_in_article(run) -> None:
    text = (
        "The Brennmoor City Council approved the new bus lanes on Tuesday.\n\n"
        "The city council said the lanes would open in March."
    )
    sp = _speaker(run(text), "open in March")
    assert sp is not None and sp.name == "Brennmoor City Council"


def test_possessive_country_ministry_is_named_by_country(run) -> None:
    text = (
        "Ostravia expelled two diplomats on Monday.\n\n"
        "Hours later, Ostravia's foreign ministry said it was recalling its ambassador."
    )
    sp = _speaker(run(text), "recalling its ambassador")
    assert sp is not None
    assert sp.name.lower().replace("'s", "") in ("ostravia foreign ministry",)


# ------------------------------------------------------------------ conjoined cues


def test_second_cue_conjoined_under_content_clause_keeps_the_speaker(run) -> None:
    text = (
        "Harbour master Ilkka Ferreira-Mbow said three trawlers had been damaged in the storm and "
        "urged skippers to stay in port until Friday."
    )
    sp = _speaker(run(text), "skippers to stay")
    assert sp is not None and sp.name == "Ilkka Ferreira-Mbow"


def test_second_cue_conjoined_in_business_story(run) -> None:
    text = (
        "Finance director Solveig Adeyemi-Roth said quarterly sales had risen 4% and described "
        "the outlook as \u201ccautiously bright\u201d."
    )
    sp = _speaker(run(text), "cautiously bright")
    assert sp is not None and sp.name == "Solveig Adeyemi-Roth"


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
