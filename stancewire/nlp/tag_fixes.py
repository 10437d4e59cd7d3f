"""Tagger slips corrected on the Doc before any rule reads it.

The small English tagger sometimes calls a lower-case role noun a proper noun, mostly after a
closing quote mark: '“We cannot wait,” the senator said.' gets "senator" NNP/PROPN. The role
rules test for a common noun, so "the senator" is then named by its phrase instead of being
resolved to the senator the article named. A lower-case role noun that is a subject is no
name, so it is relabelled a common noun once, on the Doc, before the mention index is built:
the index and every later rule see the same corrected tag (as ``quotes/indirect.py`` relabels
a verb tagged a plural noun).
"""

from __future__ import annotations

from spacy.attrs import TAG
from spacy.tokens import Doc, Token

from stancewire.nlp import doccache
from stancewire.nlp.mentions.words import (
    COLLECTIVE_PERSON_NOUNS,
    GROUP_NOUNS,
    ORG_ROLE_NOUNS,
    PERSON_DESC_NOUNS,
    PRESS_NOUNS,
    TITLE_WORDS,
)

# The singular nouns the speaker rules read as roles, groups, bodies or outlets.
_ROLE_NOUNS = TITLE_WORDS | PERSON_DESC_NOUNS | ORG_ROLE_NOUNS | COLLECTIVE_PERSON_NOUNS | PRESS_NOUNS
_PROPER_TAG_IDS = doccache.string_ids(("NNP", "NNPS"))
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _singular(lower: str) -> str | None:
    """The role noun a lower-case plural is ("officials" -> "official", "spokesmen" ->
    "spokesman"), or None when it is none of the role nouns."""
    for plural, single in (("men", "man"), ("women", "woman"), ("ies", "y"), ("s", "")):
        if lower.endswith(plural) and lower[: len(lower) - len(plural)] + single in _ROLE_NOUNS:
            return lower[: len(lower) - len(plural)] + single
    return None


def _misread_role_noun(tok: Token) -> tuple[str, str] | None:
    """The common-noun tag and lemma of a role noun the tagger called a proper noun, else None.

    Only a wholly lower-case subject outside any named entity and before no capitalised word: a
    real name is capitalised, a lower-case word the NER put inside a name ("the Harbour
    authority") is left to the name rules, and one before a name is its particle or title ("de
    Vries", "party chairman Ivo Kessler"), which the name rules read as it is tagged. Only a
    subject, where a speaker is read: elsewhere the proper tag can be the only sign that a
    lower-case phrase stands for a named body ("the party's rules committee")."""
    if tok.dep_ not in _SUBJECTS or not tok.is_lower or not tok.is_alpha or tok.ent_iob_ != "O":
        return None
    if _before_a_name(tok):
        return None
    lower = tok.lower_
    if lower in _ROLE_NOUNS:
        return "NN", lower
    single = _singular(lower)
    if single is not None or lower in GROUP_NOUNS:
        return "NNS", single or lower
    return None


def _before_a_name(tok: Token) -> bool:
    """Whether a capitalised word follows ``tok`` (through a hyphen): the title of a name
    ("party chairman Ivo Kessler")."""
    doc = tok.doc
    j = tok.i + 1
    if j < len(doc) and doc[j].text == "-":
        j += 1
    return j < len(doc) and doc[j].is_title


def relabel_role_nouns(doc: Doc) -> None:
    """Relabel the lower-case role nouns tagged NNP/NNPS as common nouns (NOUN, NN/NNS) on
    ``doc``. One array read finds the proper-noun tags (a few per article); no other token is
    visited."""
    toks = doccache.tokens(doc)
    for i in doccache.where(doc, TAG, _PROPER_TAG_IDS):
        tok = toks[i]
        fix = _misread_role_noun(tok)
        if fix is not None:
            tok.tag_, tok.lemma_ = fix
            tok.pos_ = "NOUN"
