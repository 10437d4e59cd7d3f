"""Stance triggers: lexicon verbs and nouns of an article, nested ones folded into their governor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.attrs import POS
from spacy.symbols import NOUN, PROPN, VERB
from spacy.tokens import Token

from stancewire.nlp import doccache
from stancewire.nlp.doccache import children
from stancewire.nlp.lexicon import WindowWord, used_as_preposition, word_forms
from stancewire.nlp.stance.coding import Trigger, combine

if TYPE_CHECKING:
    from stancewire.nlp.stance.context import StanceContext

_VERB_NOUN = (VERB, NOUN)
_NOUNS = (NOUN, PROPN)


def find_triggers(ctx: StanceContext) -> None:
    doc, lex = ctx.doc, ctx.lex
    covered: set[int] = set()
    toks = doccache.tokens(doc)
    forms: dict[int, WindowWord] = {}  # read on demand: windows cover a fraction of the tokens
    # Only verbs (and nouns tagged as verbs) and nouns can trigger: the parts of speech are read
    # as one array, not as a new string per token.
    for i in doccache.where(doc, POS, _VERB_NOUN):
        tok = toks[i]
        if (tok.pos == VERB or tok.tag_.startswith("VB")) and not used_as_preposition(tok):
            lemma = tok.lemma_.lower()
            entries = lex.verb_entries(lemma)
            if not entries:
                continue
            window: list[WindowWord] = []
            if any(e.slots for e in entries):  # a pattern with words after the verb: read them
                end = min(doccache.sent(tok).end, tok.i + 11)
                window = [
                    forms.get(t.i) or forms.setdefault(t.i, word_forms(t))
                    for t in toks[tok.i + 1 : end]
                    if doccache.is_ancestor(tok, t)
                ]
            m = lex.match_verb(lemma, window)
            if m is None:
                continue
            if m.entry.src == "cameo" and passive_without_agent(tok):
                # "being left out of talks": CAMEO patterns describe the active reading only.
                continue
            ctx.triggers[tok.i] = Trigger.from_entry(tok, m.entry, m.words)
            covered.update(m.words)
    for i in doccache.where(doc, POS, _NOUNS):
        tok = toks[i]
        if i not in covered and i not in ctx.triggers:
            e = lex.noun(tok)
            if e is not None:
                ctx.triggers[tok.i] = Trigger.from_entry(tok, e, kind="noun")
    # Fold complements into their governing trigger; nouns under any trigger are its content.
    for i in sorted(ctx.triggers, key=lambda i: -ctx.depth(toks[i])):
        t = ctx.triggers[i]
        outer = governing_trigger(ctx, t.tok, t.kind)
        if outer is not None:
            t.suppressed = True
            if outer.inner is None:
                combine(outer, t)


def governing_trigger(ctx: StanceContext, tok: Token, kind: str) -> Trigger | None:
    cur = tok
    for _ in range(4):
        if cur.head is cur:
            return None
        dep = cur.dep_
        # Verbs fold only through infinitival/gerund complements; nouns also through objects.
        allowed = (
            ("xcomp", "pcomp", "prep", "pobj")
            if kind == "verb"
            else (
                "xcomp",
                "pcomp",
                "prep",
                "pobj",
                "dobj",
                "compound",
                "acomp",
                "attr",
                "nsubjpass",
                "conj",
            )
        )
        if dep not in allowed:
            return None
        cur = cur.head
        t = ctx.triggers.get(cur.i)
        if t is not None and t.kind == "verb":
            return t
        if t is not None and kind == "noun":
            return t
    return None


def passive_without_agent(tok: Token) -> bool:
    deps = {c.dep_ for c in children(tok)}
    return "auxpass" in deps and "agent" not in deps
