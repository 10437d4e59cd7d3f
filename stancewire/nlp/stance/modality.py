"""Modality of a stance trigger (asserted, intended, conditional, negated, hypothetical, awaited).

Rules over the dependency parse only. The trigger's *control chain* is the trigger and the heads
it hangs from through complement/adjunct links ("was willing to **meet**" -> willing -> was;
"awaiting signals regarding a possible **meeting**" -> regarding -> awaiting), up to and including
the first finite clause head. Markers on that chain decide the modality; precedence is
negated > conditional > awaited > hypothetical > intended > asserted, because a negation or an
"if" overrides any intent ("would not meet", "will impose sanctions if ...").
"""

from __future__ import annotations

from spacy.tokens import Token

from stancewire.nlp import doccache
from stancewire.nlp.doccache import children

# Words that make the action an intention of the subject ("willing to meet", "plans to sign").
INTENT_HEADS = {
    "want",
    "plan",
    "intend",
    "seek",
    "aim",
    "hope",
    "wish",
    "vow",
    "pledge",
    "promise",
    "prepare",
    "willing",
    "ready",
    "open",
    "eager",
    "determined",
    "decide",
    "commit",
    "mean",
    "set",
    "poised",
    "keen",
    "prepared",
    "offer",
    "try",
    "attempt",
    "push",
    "openness",
    "readiness",
    "willingness",
    "intent",
    "intention",
    "propose",
    "resolve",
    "move",
}
# Words that make it something waited for ("awaiting signals regarding a meeting").
AWAIT_HEADS = {"await", "wait", "expect", "anticipate", "possible", "potential", "prospect", "signal"}
# Words that make it a possibility considered rather than done.
HYPO_HEADS = {"consider", "mull", "weigh", "contemplate", "explore", "may", "might", "could"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}  # spaCy splits "won't" into "wo" + "n't"
HEDGE_AUX = {"could", "might", "may", "should"}
COND_MARKS = {"if", "unless", "provided", "providing", "lest"}
# Speech verbs: "would" in their complement is future-in-the-past (reported intent), not a hedge.
SPEECH = {
    "say",
    "tell",
    "state",
    "announce",
    "add",
    "note",
    "reiterate",
    "warn",
    "insist",
    "claim",
    "declare",
    "stress",
    "emphasize",
    "emphasise",
    "confirm",
    "signal",
    "indicate",
    "write",
    "vow",
}
# Dependencies along which a trigger inherits the modality of its head.
CHAIN_DEPS = {
    "xcomp",
    "acomp",
    "pcomp",
    "prep",
    "pobj",
    "dobj",
    "acl",
    "advcl",
    "amod",
    "conj",
    "attr",
    "oprd",
    "compound",
    "ccomp",
}


def control_chain(tok: Token, limit: int = 8) -> list[Token]:
    """``tok`` and its heads up through complement links, stopping after a clause head."""
    chain = [tok]
    cur = tok
    for _ in range(limit):
        if cur.dep_ not in CHAIN_DEPS or cur.head is cur:
            break
        # A finite complement clause ("said that X would ...") starts a new clause: keep its
        # head for the "would"-after-speech test but do not inherit its markers.
        if cur.dep_ == "ccomp":
            break
        cur = cur.head
        chain.append(cur)
    return chain


def _negated(tok: Token) -> bool:
    for c in children(tok):
        if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("never", "no")):
            nxt = c.nbor(1) if c.i + 1 < len(c.doc) else None
            # "cannot but agree" = must agree: the negation is part of the idiom.
            if nxt is not None and nxt.lower_ == "but":
                continue
            return True
        if c.dep_ == "det" and c.lower_ == "no":  # "no talks", "no deal"
            return True
    return False


def _conditional(tok: Token) -> bool:
    for c in children(tok):
        if c.dep_ in ("advcl", "ccomp") and any(
            m.dep_ == "mark" and m.lower_ in COND_MARKS for m in children(c)
        ):
            return True
    return False


def modality(trigger: Token) -> str:
    chain = control_chain(trigger)
    clause_head = chain[-1]
    neg = cond = awaited = hypo = intent = False
    for t in chain:
        if _negated(t):
            neg = True
        if _conditional(t):
            cond = True
        lem = t.lemma_.lower()
        if t is not trigger:
            if lem in INTENT_HEADS:
                intent = True
            if lem in AWAIT_HEADS:
                awaited = True
            if lem in HYPO_HEADS:
                hypo = True
        for c in children(t):
            cl = c.lower_
            if c.dep_ == "amod" and c.lemma_.lower() in ("possible", "potential", "planned", "proposed"):
                awaited = awaited or c.lemma_.lower() in ("possible", "potential")
                intent = intent or c.lemma_.lower() in ("planned", "proposed")
            if c.dep_ != "aux":
                continue
            if cl in FUTURE_AUX:
                intent = True
            elif cl in HEDGE_AUX:
                hypo = True
            elif cl == "would":
                # Reported future ("said it would impose ...") is an intention; a bare "would"
                # is a hypothetical unless an if-clause makes it a conditional.
                if clause_head.dep_ == "ccomp" and clause_head.head.lemma_.lower() in SPEECH:
                    intent = True
                else:
                    hypo = True
        if t.lemma_.lower() == "go" and any(c.dep_ == "xcomp" for c in children(t)) and t.tag_ == "VBG":
            intent = True  # "is going to impose"
    # An if-clause on the sentence root governs the whole statement ("reiterated his stance on
    # imposing sanctions if the conflict does not end").
    root = doccache.sent(trigger).root
    if not cond and root not in chain and _conditional(root):
        cond = True
    if neg:
        return "negated"
    if cond:
        return "conditional"
    if awaited:
        return "awaited"
    if hypo:
        return "hypothetical"
    if intent:
        return "intended"
    return "asserted"


def is_future(trigger: Token) -> bool:
    """Future/intent framing, used to read "will not attend" as a refusal."""
    for t in control_chain(trigger):
        if t is not trigger and t.lemma_.lower() in INTENT_HEADS:
            return True
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX | {"would"} for c in children(t)):
            return True
    return False
