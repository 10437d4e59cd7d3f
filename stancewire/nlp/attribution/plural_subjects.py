"""Whom "they" continues when it is people: the plural subject just before it.

* a plural group made the main subject of one of the two sentences before ("Union leaders met
  on Tuesday. They said ...");
* the same, in the same sentence, when "they" opens a subordinate clause ("Senate Velorians
  blocked the bill because they said ...");
* several people named together as that subject ("Ada Velk and Tomas Brekke met the mayor.
  They were especially hard on him ..."), a group named by its phrase;
* a capitalised plural that is no name of the article ("The Brandts", "Velorians").

The search stops at a subject that is one named person or organisation (a newer topic).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Token

from stancewire.nlp import doccache
from stancewire.nlp.attribution.patterns import SPEAKER_WINDOW
from stancewire.nlp.attribution.people import human_plural
from stancewire.nlp.doccache import children
from stancewire.nlp.quotes import QuoteCandidate
from stancewire.nlp.registry import slugify
from stancewire.schemas import ActorKind, ActorRef

if TYPE_CHECKING:
    from stancewire.nlp.attribution.attributor import Attributor

_SUBJ = ("nsubj", "nsubjpass")
_STOP = object()  # a singular named subject: the search ends there


def plural_subject(att: Attributor, tok: Token, q: QuoteCandidate) -> tuple[ActorRef, int] | None:
    """The people "they" (``tok``) refers to, as a group speaker and its start offset, or None."""
    for subj in _subjects_before(att, tok):
        hit = _people(att, subj, q)
        if hit is _STOP:
            return None
        if hit is not None:
            return hit  # type: ignore[return-value]
    return None


def _subjects_before(att: Attributor, tok: Token) -> Iterator[Token]:
    """Main-clause subjects, nearest first: of ``tok``'s own sentence when "they" opens a
    subordinate clause, then of the two sentences before (within the speaker window)."""
    sent = doccache.sent(tok)
    if tok.head.i != sent.root.i:
        subj = next((c for c in children(sent.root) if c.dep_ in _SUBJ and c.i < tok.i), None)
        if subj is not None:
            yield subj
    start = sent.start
    for _ in range(2):
        if start == 0:
            return
        prev = doccache.sent(att.m.toks[start - 1])
        if tok.idx - prev.start_char > SPEAKER_WINDOW:
            return
        yield from (c for c in children(prev.root) if c.dep_ in _SUBJ)
        start = prev.start


def _people(att: Attributor, c: Token, q: QuoteCandidate) -> tuple[ActorRef, int] | object | None:
    """The group subject ``c`` heads, ``_STOP`` for one named person or organisation, else None."""
    named = att.m.mention_for_token(c.i) is not None or att.m.cluster_for_token(c.i) is not None
    if named:
        together = [c, *c.conjuncts]
        if len(together) > 1 and all(att.m.cluster_for_token(t.i) is not None for t in together):
            # "Ada Velk and Tomas Brekke": the people named together.
            last = max(together, key=lambda t: t.i)
            a, b = c.left_edge.idx, last.idx + len(last.text)
            phrase = att.text[a:b]
            return ActorRef(id=f"group:{slugify(phrase)}", name=phrase, kind=ActorKind.group), a
        return _STOP
    plural_name = c.pos_ == "PROPN" and (
        c.tag_ == "NNPS" or (c.ent_type_ == "NORP" and c.lower_.endswith("s"))
    )
    if not (human_plural(c) or plural_name):
        return None
    sp = att.from_token(c, q)
    if sp is None or sp.kind != ActorKind.group or sp.mention_start is None:
        return _STOP
    return ActorRef(id=sp.id, name=sp.name, kind=sp.kind), sp.mention_start
