"""Name and pronoun rules of issue 15's twelfth pass that a whole-article case cannot pin down:
which words the small NER model tags PERSON in a headline, and how the parser reads a sentence,
vary with the words around them, so these rules are tested on their own (fictional text)."""

from __future__ import annotations

from datetime import UTC, datetime

import spacy

from stancewire.nlp.attribution.attributor import Attributor, LastQuote
from stancewire.nlp.attribution.pronouns import reporter_of
from stancewire.nlp.extract import Extractor
from stancewire.nlp.mentions.headlines import headline_only
from stancewire.schemas import ActorKind, Article, MentionKind, Speaker

_NLP = spacy.blank("en")


def _span(text: str, words: str) -> tuple[spacy.tokens.Doc, int, int]:
    doc = _NLP(text)
    first = words.split()[0]
    start = next(t.i for t in doc if t.text == first)
    return doc, start, start + len(words.split())


def test_headline_words_the_body_never_uses_name_nobody() -> None:
    text = "Clerk Breaks Silence Over Harbour Deal Signed By Mayor Varro\n\nA clerk said the mayor lied."
    doc, a, b = _span(text, "Breaks Silence")
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
    text = "Breaks Silence met the mayor on Monday, and the council said so.\n\nNothing else."
    doc, a, b = _span(text, "Breaks Silence")
    assert not headline_only(doc, a, b)


# "A week earlier, ... Mr. Marsh was harsh, alleging that President Velk planned ...": when the
# parser makes "week" a second subject, salience's nearest subject is the reported Velk, whom the
# last quote also gave; the next sentence's "he" is the reporter. Which parse a text gets varies,
# so the rule is tested on its own, on the mention index of a fictional text.
_REPORTED = (
    "A week earlier, at a fair in Harlow, Mr. Marsh was equally harsh, alleging with no proof "
    "that President Velk planned to admit 90,000 migrants. ''Nobody sane would agree to "
    "that,'' he said."
)


def test_reporter_of_the_last_speaker_named_under_the_main_clause(extractor: Extractor) -> None:
    doc = extractor.process(
        Article(id="t", text=_REPORTED, published_at=datetime(2025, 1, 27, tzinfo=UTC), synthetic=True)
    )
    att = Attributor(doc, doc._.mentions)
    att.contents = sorted((c.start, c.end) for c in doc._.quote_candidates)
    velk = next(m for m in doc._.mentions.mentions if m.actor.name.endswith("Velk"))
    said = Speaker(
        id=velk.actor.id,
        name=velk.actor.name,
        kind=ActorKind.person,
        mention="Velk",
        mention_start=velk.start,
        mention_end=velk.end,
        mention_kind=MentionKind.name,
    )
    last = LastQuote(said, _REPORTED.index("migrants") + len("migrants"))
    he = next(t for t in doc if t.lower_ == "he")
    reporter = reporter_of(att, he, last, "m", set())
    assert reporter is not None and reporter.actor.name.endswith("Marsh")
    # A pronoun in the reporter's own sentence is part of what was reported.
    alleging = next(t for t in doc if t.lower_ == "alleging")
    assert reporter_of(att, alleging, last, "m", set()) is None
