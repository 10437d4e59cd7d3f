"""A rule of issue 15's forty-fourth pass that a whole-article case cannot pin down: the small
NER model tags a lone surname ORG only beside some words, so the short-form rule is tested on
``org_actor`` itself (fictional text)."""

from __future__ import annotations

from stancewire.nlp.mentions.index import ArticleMentions
from stancewire.nlp.mentions.orgs import org_actor
from stancewire.nlp.model import load_nlp
from stancewire.nlp.registry import default_registry

_TEXT = "Tovan Brell spoke in Harrow on Monday. Students of Brell University have sued the school."


def _ix(text: str) -> ArticleMentions:
    return ArticleMentions(load_nlp()(text), default_registry())


def test_a_named_person_s_surname_is_no_short_form_of_a_body_named_after_him() -> None:
    # "Brell" alone, tagged ORG: the man the article names in full, not "Brell University".
    actor = org_actor(_ix(_TEXT), "Brell", "ORG")
    assert actor is None or actor.id != "org:brell-university"


def test_a_word_no_person_bears_is_still_a_short_form() -> None:
    # Guard: with no person called Brell, "Brell" is the university's short form.
    actor = org_actor(_ix("Students of Brell University have sued the school."), "Brell", "ORG")
    assert actor is not None and actor.id == "org:brell-university"
