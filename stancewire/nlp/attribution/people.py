"""Whether a noun names people ("officials", "volunteers", "fishermen")."""

from __future__ import annotations

from spacy.tokens import Token

from stancewire.nlp.attribution.words import NOT_PEOPLE, PERSON_SUFFIXES
from stancewire.nlp.mentions.words import GROUP_NOUNS, TITLE_WORDS


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
    if lemma in NOT_PEOPLE:
        return False
    return lemma.endswith(PERSON_SUFFIXES) or lower.endswith(("men", "people"))
