"""Person spans of issue 15's thirteenth pass that a whole-article case cannot pin down: which
words the small NER model tags PERSON, and how the parser reads them, vary with the words
around them, so these rules are tested on the spans themselves (fictional text)."""

from __future__ import annotations

from stancewire.nlp.mentions.index import ArticleMentions
from stancewire.nlp.mentions.person_spans import person_spans
from stancewire.nlp.model import load_nlp
from stancewire.nlp.registry import default_registry


def _names(text: str) -> list[str]:
    ix = ArticleMentions(load_nlp()(text), default_registry())
    return [s.text for s in person_spans(ix)]


def test_surname_before_a_known_body_s_name_stops_there() -> None:
    # "the Carter White House" is an administration: the parser compounds "White" onto the
    # surname, but "White House" is the government's name, not a second surname.
    names = _names(
        "Senator Ada Carter spoke in Harrow. Piet Varga hopes for a job in the Carter White House."
    )
    assert "Carter White" not in names
    assert "Carter" in names
