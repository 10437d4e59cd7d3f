"""Bare surnames the NER missed: "Morrow spoke first." after "Dana Morrow" was named.

The small model tags a surname alone by its look, not by the article: "Morrow" comes out a
DATE, "Paradis" nothing, "Trump" an ORG. A person named in full earlier is then lost for every
later sentence that calls them by surname, and pronoun salience ("... Morrow spoke first. 'We
need it,' she said.") falls back to whoever else was named. A capitalised word equal to the
surname of exactly one person named in full before it (or anywhere, for a word of the headline,
the article's first line) is that person, unless it belongs to a
longer entity (a place, an organisation: "Morrow County"), is a country or capital the registry
knows, or modifies a noun ("the Morrow campaign", which is the campaign's mention, not the
person's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from stancewire.nlp import doccache
from stancewire.nlp.mentions.types import PersonCluster
from stancewire.nlp.registry import normalise

if TYPE_CHECKING:
    from stancewire.nlp.mentions.index import ArticleMentions


def add_bare_surnames(ix: ArticleMentions, taken: set[int]) -> None:
    """Make a mention of each untaken bare surname of a person named in full (module doc)."""
    by_surname: dict[str, list[PersonCluster]] = {}
    for c in ix.clusters:
        parts = c.key.split()
        if len(parts) > 1 and c.actor is not None:
            by_surname.setdefault(parts[-1], []).append(c)
    if not by_surname:
        return
    doc = ix.doc
    # The headline calls by surname whom the body then names in full ("Velk says tariff will
    # fall" above "Trade minister Tomas Velk said ..."): on the first line, "before" is no bar.
    headline_end = ix.text.find("\n")
    for i in doccache.capitalised(doc):  # CAP_RE.match(t.text)
        t = ix.toks[i]
        if i in taken or not _noun_like(t):
            continue
        cands = one_person(by_surname.get(normalise(t.text)) or [])
        if not cands or len(cands) != 1 or (cands[0].first_seen >= t.idx and t.idx >= headline_end):
            continue
        if t.ent_iob_ != "O" and not _alone_in_entity(ix, doc, t.i):
            continue
        if t.dep_ == "compound" and t.head.pos_ == "NOUN":
            continue
        c = cands[0]
        assert c.actor is not None  # only resolved clusters are indexed above
        ix.add_name(doc[t.i : t.i + 1], c.actor, c, taken)
        c.seen.append(t.idx)
        c.last_seen = max(c.last_seen, t.idx)
    for c in ix.clusters:
        c.seen.sort()


def _noun_like(t: Token) -> bool:
    """A noun, or a word the tagger read as a verb or a preposition that the parser still made a
    subject ('“…,” Trump shot back': "trump" is also a verb; '“…,” From said'), or a surname the
    tagger read as a modal (see :func:`modal_surname`)."""
    return (
        t.pos_ in ("PROPN", "NOUN")
        or (t.pos_ in ("VERB", "ADP") and t.dep_ in ("nsubj", "nsubjpass"))
        or modal_surname(t)
    )


# Verb forms no modal takes: after one of them, a capitalised "Will" or "May" is a name.
_NO_MODAL_FORMS = frozenset({"VBD", "VBZ", "VBN", "VBG"})


def modal_surname(t: Token) -> bool:
    """A capitalised word tagged a modal before a verb no modal takes ("Will wrote", "While
    Will acknowledges", "May said"): a modal governs a bare verb ("Will they vote?"), so the
    word is a surname the tagger took for the modal and the parser hung on the verb."""
    head = t.head
    return (
        t.tag_ == "MD"
        and t.dep_ == "aux"
        and t.text[:1].isupper()
        and head.i > t.i
        and head.tag_ in _NO_MODAL_FORMS
    )


def one_person(cands: list[PersonCluster]) -> list[PersonCluster]:
    """Clusters of one surname whose given names are forms of one name ("Sandra Paradis" and
    "Sandy Paradis", "Thomas Velk" and "Tom Velk": the same first three letters) are one person,
    the one named first; other namesakes ("Bill" and "Hillary Clinton") stay apart, but not a
    relative who took the surname from a kin noun's possessor."""
    # A relative the article gave the surname ("his wife, Ana,") is called by the given name:
    # the bare surname stays with the person it was taken from.
    cands = [c for c in cands if not c.relative] or cands
    if len(cands) < 2:
        return cands
    firsts = {c.key.split()[0][:3] for c in cands}
    if len(firsts) != 1 or any(len(c.key.split()[0]) < 3 for c in cands):
        return cands
    return [min(cands, key=lambda c: c.first_seen)]


def _alone_in_entity(ix: ArticleMentions, doc: Doc, i: int) -> bool:
    """A one-word entity that is no place the registry knows (the NER's guess about a lone
    surname): the small model calls "Kasich" or "Rubio" a GPE as readily as an ORG, while a
    surname that is also a country or capital ("Jordan", "Paris") stays the place."""
    tok = doc[i]
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    alone = tok.ent_iob_ == "B" and (nxt is None or nxt.ent_iob_ != "I")
    if not alone:
        return False
    return tok.ent_type_ not in ("GPE", "LOC") or ix.registry.country_code(tok.text) is None
