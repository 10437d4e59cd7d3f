"""Quantifiers as speakers: "Several said", "some who advocate free speech argue", "many of
the local leaders said", "three in 10 said", "all but two said", "another said", "no one knows",
"everyone but Varga said yes", "not everyone agrees".

The subject is a quantifier standing for people the sentence does not name. It is no pronoun
with an antecedent to find, so the pronoun rules left these quotes without a speaker (about
60 such attributions on PolNeAR dev). A plural quantifier is a group named by its phrase
(``group:many-of-the-local-leaders``), as "officials said" is; a singular one is an unknown
individual (``unknown:another``), never the person named last.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from stancewire.nlp.attribution.people import speaking_noun
from stancewire.nlp.attribution.speaker_build import actor_speaker
from stancewire.nlp.attribution.words import COUNT_NOUNS, QUANTIFIED_PLURAL, QUANTIFIED_SINGLE
from stancewire.nlp.doccache import children
from stancewire.nlp.registry import slugify
from stancewire.schemas import ActorKind, ActorRef, MentionKind, Speaker

if TYPE_CHECKING:
    from stancewire.nlp.attribution.attributor import Attributor

# Children that close the phrase: what follows them says more about the people ("some who
# advocate", "leaders, who met") but is not part of what to call them.
_CLAUSES = ("relcl", "acl", "appos", "punct", "advcl")
# "about one in five", "more than six in 10"; "four in 10" parsed as "10" with "four in" before it;
# "not everyone", "not all of them" (the negation makes a different group: no "everyone").
_LEFT = ("advmod", "quantmod", "det", "predet", "nummod", "neg")
# Focus adverbs modify the clause, not the count: "even some of his admirers" are "some of
# his admirers".
# Determiners that quantify over every member of a set: "each side", "neither candidate".
_DISTRIBUTIVE = frozenset({"each", "every", "neither", "either"})
_FOCUS = frozenset({"even", "only", "just", "yet", "still", "also", "too", "but", "and"})


def quantified_speaker(att: Attributor, tok: Token) -> Speaker | None:
    """The group or unknown individual a quantifier subject stands for, or None when ``tok``
    is no such quantifier (or is part of a name or organisation the article knows)."""
    lower = tok.lower_
    preps = [c for c in children(tok) if c.dep_ == "prep" and c.lower_ in ("of", "in")]
    if lower in QUANTIFIED_PLURAL or (lower in COUNT_NOUNS and counts_people(tok, preps)):
        kind = ActorKind.group
    elif lower in QUANTIFIED_SINGLE:
        # "one in five say" is a share of a population, "one of the prosecutors" one person;
        # "no one knows" says something of everyone in view, a group as "few know" is.
        negated = any(c.dep_ == "det" and c.lower_ == "no" for c in children(tok))
        share = negated or any(p.lower_ == "in" for p in preps)
        kind = ActorKind.group if share else ActorKind.unknown
    elif tok.like_num and tok.pos_ == "NUM" and (tok.dep_ in ("nsubj", "nsubjpass") or out_of(tok)):
        # "three in 10 said", "two of them said"; "compared with four in 10 who said": a share
        # is people wherever the parser hangs it, here on the relative clause's noun.
        kind = ActorKind.group
    elif speaking_noun(tok) and any(c.dep_ == "det" and c.lower_ in _DISTRIBUTIVE for c in children(tok)):
        kind = ActorKind.group  # "each side said", "neither candidate would say": all of them
    else:
        return None
    # ("most" as a subject is often tagged an adverb: "Among the voters, most said …")
    if tok.pos_ not in ("PRON", "ADJ", "ADV", "NUM", "DET", "NOUN"):
        return None
    if att.m.mention_for_token(tok.i) is not None:
        return None
    a, b = _bounds(att, tok, preps)
    phrase = att.text[a:b]
    prefix = "group" if kind == ActorKind.group else "unknown"
    actor = ActorRef(id=f"{prefix}:{slugify(phrase)}", name=phrase, kind=kind)
    return actor_speaker(actor, phrase, a, b, MentionKind.role)


def out_of(num: Token) -> bool:
    """Whether the number ``num`` is the base of a share, "four in 10" parsed with "10" as its
    head ("four" and "in" before it; "four" a nummod or, "about 4 in 10", a quantmod)."""
    kids = children(num)
    return any(c.dep_ == "quantmod" and c.lower_ == "in" for c in kids) and any(
        c.dep_ in ("nummod", "quantmod") and c.like_num and c.i < num.i for c in kids
    )


def counts_people(tok: Token, preps: list[Token]) -> bool:
    """Whether the count noun ``tok`` counts people: "a number of senators" (a plural noun
    after "of"), "the number who said" (a "who" clause); not "the top-line number that
    caught the eye", a figure."""
    of_plural = any(
        p.lower_ == "of" and any(g.dep_ == "pobj" and g.tag_ in ("NNS", "NNPS") for g in children(p))
        for p in preps
    )
    who = any(
        c.dep_ == "relcl" and any(g.lower_ == "who" and g.dep_ in ("nsubj", "nsubjpass") for g in children(c))
        for c in children(tok)
    )
    return of_plural or who


def _bounds(att: Attributor, tok: Token, preps: list[Token]) -> tuple[int, int]:
    first, last = tok, tok
    for c in children(tok):
        if c.i >= tok.i or c.dep_ not in _LEFT or c.lower_ in _FOCUS:
            continue
        if "\n" not in att.text[c.idx : tok.idx]:
            first = min(first, c, key=lambda t: t.i)
    for p in preps:
        for pobj in (c for c in children(p) if c.dep_ == "pobj"):
            closed = any(c.i > pobj.i and c.dep_ in _CLAUSES for c in children(pobj))
            end = pobj if closed else pobj.right_edge
            last = max(last, end, key=lambda t: t.i)
    # "all but two"; not "known to many *as the Iron Judge*", whose "as" phrase the parser may
    # hang from the quantifier.
    closing = any(c.dep_ in _CLAUSES or (c.dep_ == "prep" and c.lower_ == "as") for c in children(tok))
    if not preps and not closing and tok.right_edge.i - tok.i <= 3:
        last = tok.right_edge
    return first.idx, last.idx + len(last.text)
