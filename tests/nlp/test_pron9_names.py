"""Name rules of issue 15's twelfth pass that a whole-article case cannot pin down: which words
the small NER model tags PERSON in a headline varies with the words around them, so the rule is
tested on hand-picked spans of a tokenised text (fictional headlines)."""

from __future__ import annotations

import spacy

from stancewire.nlp.mentions.headlines import headline_only

_NLP = spacy.blank("en")


def _span(text: str, words: str) -> tuple[spacy.tokens.Doc, int, int]:
    doc = _NLP(text)
    first = words.split()[0]
    start = next(t.i for t in doc if t.text == first)
    return doc, start, start + len(words.split())


def test_headline_words_the_body_never_uses_name_nobody() -> None:
    text = "Woman Steps Forward With Bombshell Claim Against Mayor Varro\n\nA woman said the mayor lied."
    doc, a, b = _span(text, "Steps Forward")
    assert headline_only(doc, a, b)


def test_headline_name_the_body_repeats_is_kept() -> None:
    text = "Oren Falk Says Velmar Will Tell the Truth\n\nFalk, a senator, spoke on Monday."
    doc, a, b = _span(text, "Oren Falk")
    assert not headline_only(doc, a, b)


def test_headline_span_opening_with_a_given_name_is_kept() -> None:
    # A person the body never names again is still someone when the span opens with a given
    # name ("Jane Ostrova Says ...").
    text = "Jane Ostrova Says Velmar Will Tell the Truth\n\nThe senator spoke on Monday."
    doc, a, b = _span(text, "Jane Ostrova")
    assert not headline_only(doc, a, b)


def test_body_sentence_is_no_headline() -> None:
    text = "Steps Forward met the mayor on Monday, and the council said so.\n\nNothing else."
    doc, a, b = _span(text, "Steps Forward")
    assert not headline_only(doc, a, b)

