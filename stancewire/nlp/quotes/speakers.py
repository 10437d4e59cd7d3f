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
