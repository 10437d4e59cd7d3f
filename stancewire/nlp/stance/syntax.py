"""Dependency helpers for the stance coder: who did it (source), to whom (objects), which clause.

Pure functions over spaCy tokens; actor resolution itself goes through the ``MentionResolver``.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from stancewire.nlp.doccache import children, lefts, rights

SUBJ = ("nsubj", "nsubjpass", "csubj", "expl")
# Links through which a verb takes its subject from its head ("continued to push", "expressed
# concerns ..., accusing Putin", "agreed and signed").
SUBJ_INHERIT = ("xcomp", "advcl", "conj", "pcomp", "acl", "prep", "pobj", "dobj", "ccomp", "acomp", "attr")
OBJ_DEPS = ("dobj", "dative", "obj", "iobj", "attr", "oprd")
TARGET_PREPS = {
    "on",
    "against",
    "with",
    "to",
    "toward",
    "towards",
    "for",
    "at",
    "of",
    "over",
    "from",
    "into",
    "between",
    "upon",
    "about",
}
# Prepositions whose object is never the stance target ("in Geneva", "during talks").
NON_TARGET_PREPS = {"in", "during", "after", "before", "since", "until", "as", "despite", "under"}
FIRST_PERSON = {"i", "we", "us", "me", "our", "my", "ours", "myself", "ourselves"}
PRONOUNS = {
    "he",
    "him",
    "his",
    "she",
    "her",
    "hers",
    "it",
    "its",
    "they",
    "them",
    "their",
    "who",
    "which",
    "that",
}
PERSONAL = {"he", "him", "his", "she", "her", "hers"}


def np_bounds(tok: Token) -> tuple[int, int]:
    """Character span of the compact noun phrase headed by ``tok`` (no clauses, no PPs)."""
    left = tok
    for c in lefts(tok):
        if c.dep_ in ("compound", "amod", "det", "poss", "nmod", "nummod", "case", "punct") or c.dep_ == "":
            left = c if c.i < left.i else left
    right = tok
    for c in rights(tok):
        if c.dep_ in ("compound", "case") and c.i == right.i + 1:
            right = c
    start = left.idx
    end = right.idx + len(right.text)
    return start, end


def subject_of(tok: Token, depth: int = 0) -> Token | None:
    """Subject token of the clause ``tok`` belongs to, following control and coordination.

    Passive clauses give the agent ("sanctioned by Veltria"); relative clauses give the noun
    they modify ("Trump, who assumed office"); object-control verbs ("urged Ostrava to withdraw")
    give the controller's object for the inner verb.
    """
    if depth > 8:
        return None
    if tok.pos_ in ("NOUN", "PROPN", "PRON") and tok.dep_ not in SUBJ:
        poss = next((c for c in children(tok) if c.dep_ == "poss"), None)
        if poss is not None:  # "his threat", "Ostrava's rejection"
            return poss
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in children(tok))
    if passive:
        for c in children(tok):
            if c.dep_ == "agent":
                obj = next((g for g in children(c) if g.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
    for c in children(tok):
        if c.dep_ in ("nsubj", "csubj") or (c.dep_ == "nsubjpass" and not passive):
            if c.lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
                return tok.head
            return c
    if tok.dep_ == "relcl":
        return tok.head
    if tok.dep_ == "xcomp":
        obj = next((c for c in children(tok.head) if c.dep_ in ("dobj",)), None)
        if obj is not None and tok.head.lemma_.lower() in (
            "urge",
            "ask",
            "call",
            "press",
            "tell",
            "order",
            "force",
            "persuade",
            "invite",
        ):
            return obj
    if tok.dep_ in SUBJ_INHERIT and tok.head is not tok:
        return subject_of(tok.head, depth + 1)
    return None


def conj_group(tok: Token) -> list[Token]:
    """``tok`` and its coordinated nouns ("Veltria and Ostrava")."""
    out = [tok]
    for c in children(tok):
        if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON"):
            out.extend(conj_group(c))
    return out


def object_candidates(trigger: Token, extra: tuple[Token, ...] = ()) -> Iterator[Token]:
    """Tokens that may name the target, most likely first.

    Direct/indirect objects, then objects of target-bearing prepositions on the verb and on its
    object ("sanctions on Ostrava"), then the same inside a verbal complement ("threatened to
    impose sanctions on Ostrava", "accused Putin of seeking to manipulate Trump").
    """
    seen: set[int] = set()

    def emit(t: Token) -> Iterator[Token]:
        for g in conj_group(t):
            if g.i not in seen:
                seen.add(g.i)
                yield g

    def preps(head: Token) -> Iterator[Token]:
        for c in children(head):
            if (
                c.dep_ in ("prep", "agent", "dative")
                and c.lower_ in TARGET_PREPS
                and c.lower_ not in NON_TARGET_PREPS
            ):
                for g in children(c):
                    if g.dep_ == "pobj":
                        yield from emit(g)
                        yield from modifiers(g)
                        # "went on strike against X": the target hangs off the prepositional object.
                        for p in children(g):
                            if p.dep_ == "prep" and p.lower_ in (
                                "against",
                                "with",
                                "on",
                                "toward",
                                "towards",
                            ):
                                for o in children(p):
                                    if o.dep_ == "pobj":
                                        yield from emit(o)
            elif c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN", "PRON"):
                yield from emit(c)

    def modifiers(noun: Token) -> Iterator[Token]:
        # "Corvenian steel", "Arvana's factory": the owner of the object is the target when the
        # object itself is not an actor.
        for c in children(noun):
            if c.dep_ in ("poss", "compound", "amod", "nmod") and (c.pos_ == "PROPN" or c.text[:1].isupper()):
                yield from emit(c)

    heads = [trigger, *extra]
    for h in heads:
        for c in children(h):
            if c.dep_ in OBJ_DEPS or (c.dep_ == "nsubjpass"):
                yield from emit(c)
                yield from modifiers(c)
    for h in heads:
        yield from preps(h)
        for c in children(h):
            if c.dep_ in OBJ_DEPS:
                yield from preps(c)
    for h in heads:
        for c in children(h):
            if c.dep_ in ("xcomp", "pcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "of"):
                inner = (
                    c
                    if c.dep_ != "prep"
                    else next((g for g in children(c) if g.dep_ in ("pcomp", "pobj")), None)
                )
                if inner is None or inner.i in seen:
                    continue
                seen.add(inner.i)
                for g in children(inner):
                    if g.dep_ in OBJ_DEPS:
                        yield from emit(g)
                yield from preps(inner)


def object_tokens(trigger: Token, extra: tuple[Token, ...] = ()) -> list[Token]:
    """Tokens of the trigger's *nominal* objects (for issue lookup), in text order.

    Only noun phrases count: an issue named inside a subordinate clause ("concerns over being left
    out of peace talks") is not what the stance is about.
    """
    out: dict[int, Token] = {}

    def add(t: Token) -> None:
        # The noun phrase proper: modifiers to the left, the head, "of"/"to"/"between" phrases
        # ("end to the conflict"), coordinated nouns; no relative or other clauses.
        for c in lefts(t):
            for g in c.subtree:
                out[g.i] = g
        out[t.i] = t
        for c in rights(t):
            if c.dep_ == "conj" or c.dep_ == "compound":
                add(c)
            elif c.dep_ == "prep" and c.lower_ in ("of", "to", "between", "with", "on", "for"):
                out[c.i] = c
                for g in children(c):
                    if g.dep_ == "pobj":
                        add(g)

    for h in (trigger, *extra):
        if h.pos_ == "VERB":
            out[h.i] = h  # "ending the war", "end the conflict": verb + object name the issue
        for c in children(h):
            if c.dep_ in (*OBJ_DEPS, "nsubjpass"):
                add(c)
            elif c.dep_ in ("prep", "dative") and c.lower_ not in NON_TARGET_PREPS:
                for g in children(c):
                    if g.dep_ == "pobj":
                        add(g)
            elif c.dep_ in ("compound", "amod") and trigger.pos_ == "NOUN":
                add(c)
    return [out[i] for i in sorted(out)]


def clause_depth(tok: Token) -> int:
    # Compare indices: spaCy makes a new Token object on every ``.head``, so ``head is tok`` is
    # never true and the walk would run to the cap from every token.
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok = tok.head
        d += 1
    return d
