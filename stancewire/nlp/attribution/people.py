"""Whether a noun names people ("officials", "volunteers", "fishermen") or someone who speaks."""

from __future__ import annotations

from spacy.tokens import Token

from stancewire.nlp.attribution.words import NOT_PEOPLE, PEOPLE_NOUNS, PERSON_SUFFIXES
from stancewire.nlp.mentions.words import (
    COLLECTIVE_PERSON_NOUNS,
    GROUP_NOUNS,
    ORG_ROLE_NOUNS,
    PERSON_DESC_NOUNS,
    TITLE_WORDS,
)


def human_plural(t: Token) -> bool:
    """A plural noun naming people ("officials", "union leaders", "volunteers", "fishermen")."""
    if t.pos_ != "NOUN":
        return False
    lower, lemma = t.lower_, t.lemma_.lower()
    if lower in GROUP_NOUNS:
        return True
    if t.tag_ != "NNS":
        return False
    if lemma in TITLE_WORDS or f"{lemma}s" in GROUP_NOUNS:
        return True
    if lemma in PERSON_DESC_NOUNS or lemma in PEOPLE_NOUNS:
        # "candidates", "rivals" (a person's description), "allies", "citizens": people, though
        # no person suffix ends them.
        return True
    if lemma in NOT_PEOPLE:
        return False
    return lemma.endswith(PERSON_SUFFIXES) or lower.endswith(("men", "people"))


def speaking_noun(t: Token) -> bool:
    """A singular noun for one person ("candidate", "voter") or body ("party", "side") that
    can speak, never a text or a thing ("poll", "answer"); a collective noun ("faction") is a
    group of its own."""
    if t.pos_ != "NOUN":
        return False
    lemma = t.lemma_.lower()
    if lemma in COLLECTIVE_PERSON_NOUNS:
        return False
    if any(lemma in s for s in (TITLE_WORDS, PERSON_DESC_NOUNS, ORG_ROLE_NOUNS)):
        return True
    return lemma not in NOT_PEOPLE and lemma.endswith(PERSON_SUFFIXES)
