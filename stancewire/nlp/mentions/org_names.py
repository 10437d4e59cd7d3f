"""Short and descriptive organisation names resolved to the full name the article gives."""

from __future__ import annotations

from bisect import insort
from typing import TYPE_CHECKING

from spacy.tokens import Token

from stancewire.nlp.doccache import children
from stancewire.nlp.mentions.names import org_words
from stancewire.nlp.mentions.types import Mention
from stancewire.nlp.mentions.words import INSTITUTION_WORDS, ORG_ROLE_NOUNS
from stancewire.nlp.registry import normalise, slugify
from stancewire.schemas import ActorKind, ActorRef, MentionKind

if TYPE_CHECKING:
    from stancewire.nlp.mentions.index import ArticleMentions


def full_org_for(
    ix: ArticleMentions, char: int, words: list[str], exclude: str | None = None
) -> ActorRef | None:
    """A longer organisation name of this article containing every word of a short or
    descriptive one ("the city council" / "the council" -> "Dravik City Council", "the
    Constitutional Court" -> "Constitutional Court of Ombrelia"): the most recent before
    ``char``, else the first after it."""
    if not words:
        return None
    before: ActorRef | None = None
    for m in ix.orgs:
        a = m.actor
        if a.id == exclude or m.start in ix.weak_orgs:
            continue
        nw = org_words(a.name)
        if len(nw) <= len(words) or words[-1] not in nw or not all(w in nw for w in words):
            continue
        if m.start < char:
            before = a
        elif before is None:
            return a
        else:
            break
    return before


def expand_short_org_names(ix: ArticleMentions) -> None:
    """News names an organisation in full once and then shortens it; the short form speaks
    as the full one. Only names the registry does not know are rewritten."""
    for m in ix.orgs:
        a = m.actor
        if ix.registry.get(a.id) is not None or m.start in ix.weak_orgs:
            continue
        words = org_words(a.name)
        if not words or words[-1] not in INSTITUTION_WORDS | ORG_ROLE_NOUNS:
            continue
        full = full_org_for(ix, m.start, words, exclude=a.id)
        if full is None and words[-1] == "ministry" and len(words) > 1 and ix.text[m.start].islower():
            # "the foreign ministry" tagged ORG: a description, not a name.
            full = country_body(ix, ix.toks[m.head], words)
        if full is not None:
            m.actor = full


def country_body(ix: ArticleMentions, tok: Token, words: list[str]) -> ActorRef | None:
    """ "Isparre's foreign ministry", or "the foreign ministry" in an article about Kethara: a
    state body the article names only by description is "<Country> Foreign Ministry", the
    country being the possessor or else the government last mentioned."""
    place: str | None = None
    poss = next((c for c in children(tok) if c.dep_ == "poss"), None)
    if poss is not None and poss.pos_ == "PROPN":
        place = ix.doc[poss.left_edge.i : poss.i + 1].text
    else:
        for m in reversed(ix.orgs):
            if m.start >= tok.idx or m.start in ix.weak_orgs:
                continue
            if m.actor.kind == ActorKind.government:
                name = m.actor.name
                place = name[len("Government of ") :] if name.startswith("Government of ") else None
                break
    if not place:
        return None
    name = f"{place} {' '.join(w.capitalize() for w in words)}"
    return ActorRef(id=f"org:{slugify(name)}", name=name, kind=ActorKind.government)


def index_org_descriptions(ix: ArticleMentions) -> None:
    """Apposition facts linking an organisation name to a common noun ("Dravik Falcons, the
    club", "the auditors, Halvard & Quist,"), so that a later "the club"/"the auditors"
    resolves to that name rather than to whichever organisation was mentioned most."""
    toks = ix.toks
    for m in ix.orgs:
        if m.actor.kind == ActorKind.government and m.start in ix.weak_orgs:
            continue
        root = toks[m.head]
        for c in children(root):
            if c.dep_ == "appos" and c.pos_ == "NOUN" and c.i > root.i:
                ix.org_desc.append((m.start, c.lemma_.lower(), m))
        if root.dep_ in ("appos", "conj") and root.head.pos_ == "NOUN" and root.head.i < root.i:
            h = root.head
            if root.dep_ == "conj" and toks[root.left_edge.i - 1].text != ",":
                continue
            ix.org_desc.append((m.start, h.lemma_.lower(), m))
    ix.org_desc.sort(key=lambda x: x[0])
    name_generic_bodies(ix)


# Kinds of body the NER tags as an organisation on their own ("a super PAC backing Velk"):
# a common noun written in capitals, no name.
_GENERIC_BODY_WORDS = frozenset({"pac"})


def _generic_body(ix: ArticleMentions, m: Mention) -> str | None:
    """The body noun a one-word organisation mention that is only a kind of body gives
    ("PAC" in "a super PAC", "the Super PAC"), else None."""
    word = normalise(ix.text[m.start : m.end])
    return word if word in _GENERIC_BODY_WORDS else None


def _appositive_org(ix: ArticleMentions, m: Mention) -> Mention | None:
    """The named organisation a kind-of-body mention stands in apposition with, either way
    round ("Harbor Futures Fund, a super PAC backing Morn", "the super PAC backing Morn,
    Harbor Futures Fund")."""
    root = ix.toks[m.head]
    near = [root.head] if root.dep_ == "appos" else []
    near += [c for c in children(root) if c.dep_ == "appos"]
    for t in near:
        hit = ix.mention_for_token(t.i)
        if (
            hit is not None
            and hit is not m
            and hit.kind == MentionKind.organisation
            and _generic_body(ix, hit) is None
        ):
            return hit
    return None


def name_generic_bodies(ix: ArticleMentions) -> None:
    """A kind of body the NER took for a name ("PAC") is the organisation the article names
    with it ("Harbor Futures Fund, a super PAC backing Morn": Harbor Futures Fund), and a later
    definite one ("the super PAC said") is the last body so described; not an organisation
    called "PAC" that merges every super PAC of the article. One with no such name stays as
    the NER made it."""
    last: dict[str, ActorRef] = {}
    for m in ix.orgs:
        word = _generic_body(ix, m)
        if word is None:
            continue
        named = _appositive_org(ix, m)
        if named is not None:
            m.actor = named.actor
            last[word] = named.actor
            insort(ix.org_desc, (named.start, word, named), key=lambda d: d[0])
        elif word in last and _definite(ix.toks[m.head]):
            m.actor = last[word]


def _definite(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children(tok))
