"""Which subjects can be the source of an attribution: someone who can say, think or back something.

The general cue shapes (a clause after any verb, an intention, a stance object) are only
attributions when their subject can hold a position: a name of a person, organisation or group
(and of a country, whose government speaks for it), a personal pronoun, or a common noun for a
person, a group or a body ("the senator", "voters", "the campaign", "62 percent"). Things ("the
bill would ..."), expletives and demonstratives are not.
"""

from __future__ import annotations

from spacy.tokens import Token

from stancewire.nlp.doccache import children
from stancewire.nlp.mentions.words import (
    COLLECTIVE_PERSON_NOUNS,
    GROUP_NOUNS,
    ORG_ROLE_NOUNS,
    PERSON_DESC_NOUNS,
    TITLE_WORDS,
)
from stancewire.nlp.quotes.syntax import ISSUING_VERBS
from stancewire.nlp.quotes.words import SPEAKER_NOUNS
from stancewire.nlp.wordfiles import load_words

# The person-noun test of speaker attribution, read from its data file (the attribution
# package imports the quote rules, so it cannot be imported here).
_PEOPLE = load_words("attribution_words.json")
_NOT_PEOPLE = frozenset(_PEOPLE["not_people"])
_PERSON_SUFFIXES = tuple(_PEOPLE["person_suffixes"])

# Pronouns that can be a source: not "it" (mostly a thing or an expletive), not generic "you".
_SPEAKER_PRONOUNS = frozenset({"i", "we", "he", "she", "they", "who"})
_NAME_ENTITIES = frozenset({"PERSON", "ORG", "NORP"})
_POSITION_NOUNS = (
    TITLE_WORDS | GROUP_NOUNS | ORG_ROLE_NOUNS | COLLECTIVE_PERSON_NOUNS | PERSON_DESC_NOUNS | SPEAKER_NOUNS
)


def _described_by_who(noun: Token) -> bool:
    """Whether a relative clause on ``noun`` opens with "who" (which only stands for people)."""
    return any(
        c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.lower_ == "who" for g in children(c))
        for c in children(noun)
    )


def speaker_like(subj: Token, places: bool = True) -> bool:
    """Whether ``subj`` can hold a position (module doc); ``places``: whether a country or city
    name counts ("Russia insisted that …" yes; "West Virginia used to back Democrats" is a vote)."""
    if subj.pos_ == "PRON":
        return subj.lower_ in _SPEAKER_PRONOUNS
    if subj.ent_type_:
        return subj.ent_type_ in _NAME_ENTITIES or (places and subj.ent_type_ == "GPE")
    if subj.pos_ == "PROPN":
        return True
    lemma = subj.lemma_.lower()
    if lemma in _NOT_PEOPLE:
        return False
    if _described_by_who(subj):
        return True  # "the locals who oppose the bypass": "who" says they are people
    # A person suffix ("pollster", "economists"), minus the things that end like people
    # ("paper", "order": the attribution code's list).
    return subj.lower_ in _POSITION_NOUNS or lemma in _POSITION_NOUNS or lemma.endswith(_PERSON_SUFFIXES)


# Prepositions that name who made a source text ("calculations by X", "a report from X",
# "interviews with X").
_AUTHOR_PREPS = frozenset({"by", "from", "with"})
# Participles whose agent made the text ("a document filed by X", "audio provided by X"); not who
# only saw, obtained or reported it ("a memo seen by the Ledger").
_AUTHORING_VERBS = ISSUING_VERBS | {
    "conduct", "compile", "prepare", "commission", "provide", "produce", "author"
}  # fmt: skip


def author_of_source(source: Token) -> Token | None:
    """Who made the text "according to" cites, when the phrase names them: "according to
    calculations by Ada Morn", "a recent report from the Dorvan Institute", "interviews with
    party leaders", "a court document filed by Ivo Kade". The text says what its author found
    or said; the author is the one the article names as the source. None when the source is
    itself someone who can speak ("according to aides from the campaign")."""
    if source.pos_ != "NOUN" or speaker_like(source):
        return None
    for c in children(source):
        prep = c
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in _AUTHORING_VERBS:
            prep = next((g for g in children(c) if g.dep_ == "agent"), c)  # "a document filed by X"
        elif c.dep_ != "prep" or c.lower_ not in _AUTHOR_PREPS:
            continue
        author = next((g for g in children(prep) if g.dep_ == "pobj"), None)
        if author is not None and speaker_like(author, places=False):
            return author
    # "the average of recent polls compiled by Halden Research": a measure made of texts is
    # theirs, whose author is named on them.
    of = next((c for c in children(source) if c.dep_ == "prep" and c.lower_ == "of"), None)
    texts = next((g for g in children(of) if g.dep_ == "pobj"), None) if of is not None else None
    return author_of_source(texts) if texts is not None else None
