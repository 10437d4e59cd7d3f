"""Modality of a reported act and PLOVER's re-coding of stated future acts.

Modalities: asserted; intended ("will", "plans to", "offered to", "pledged to", "ready to");
conditional (an "if"/"unless" clause); hypothetical ("could", "would", "might", "may");
negated ("did not", "has not", "never"). A threat is a category (THREATEN), not a modality.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from stancewire.nlp.doccache import children

INTENT_LEMMAS = frozenset(
    {"offer", "pledge", "promise", "vow", "plan", "intend", "aim", "prepare", "seek", "want",
     "hope", "commit", "undertake", "ready", "willing", "set"}
)  # fmt: skip
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"could", "would", "might", "may", "'d"})
CONDITION_MARKS = frozenset({"if", "unless", "provided"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
# "is considering expelling": an option weighed, not a plan; "expects to meet": awaited.
HYPOTHETICAL_LEMMAS = frozenset({"consider", "weigh", "mull", "contemplate"})
AWAITED_LEMMAS = frozenset({"expect", "await"})

VERBAL_COOP = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE"})
MATERIAL_COOP = frozenset({"COOPERATE", "AID", "RETREAT"})
MATERIAL_CONFLICT = frozenset({"SANCTION", "COERCE", "ASSAULT", "MOBILIZE"})
THREAT_MODE = {"SANCTION": "restrict", "COERCE": "restrict", "ASSAULT": "violence", "MOBILIZE": "violence"}

# Score weights by modality (the project's convention, as in the quote-based stance coder):
# intentions are weaker evidence than acts, conditionals and hypotheticals weaker still.
MODALITY_WEIGHT = {"asserted": 1.0, "intended": 0.8, "awaited": 0.6, "conditional": 0.6, "hypothetical": 0.4}
# Once a stated future act is re-coded as intent (THREATEN / AGREE) the intent is in the category.
RECODED_WEIGHT = {"asserted": 1.0, "intended": 1.0, "awaited": 0.75, "conditional": 0.75, "hypothetical": 0.5}
# A withheld cooperative act ("did not attend") is a mild conflict signal: -NEG_FLIP x its score;
# a denied conflict act ("did not attack") is not cooperation: 0.
NEG_FLIP = 0.25


def is_negated(tok: Token) -> bool:
    return any(
        c.dep_ == "neg" or (c.lower_ in NEGATIONS and c.dep_ in ("advmod", "neg")) for c in children(tok)
    )


def aux_words(tok: Token) -> set[str]:
    return {c.lower_ for c in children(tok) if c.dep_ in ("aux", "auxpass")}


def has_condition(tok: Token) -> bool:
    for c in children(tok):
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in children(c)):
            return True
    return False


def clause_modality(chain: list[Token]) -> str:
    """Modality of an act given its verb chain, innermost verb first ("hand" < "offered")."""
    if any(is_negated(t) for t in chain):
        return "negated"
    if any(has_condition(t) for t in chain):
        return "conditional"
    auxes: set[str] = set().union(*(aux_words(t) for t in chain))
    if auxes & HYPOTHETICAL_AUX or any(t.lemma_.lower() in HYPOTHETICAL_LEMMAS for t in chain[1:]):
        return "hypothetical"
    if any(t.lemma_.lower() in AWAITED_LEMMAS for t in chain[1:]):
        return "awaited"
    if auxes & FUTURE_AUX or any(t.lemma_.lower() in INTENT_LEMMAS for t in chain[1:]):
        return "intended"
    if any(t.lower_ == "going" and any(c.lower_ == "to" for c in children(t)) for t in chain[1:]):
        return "intended"
    return "asserted"


@dataclass(frozen=True)
class Coded:
    category: str
    mode: str
    score: float
    modality: str


REJECT_MODE = {
    "CONSULT": "meet", "AGREE": "meet", "AID": "assist", "COOPERATE": "assist",
    "RETREAT": "yield", "CONCEDE": "yield",
}  # fmt: skip


def is_future(chain: list[Token]) -> bool:
    return any(aux_words(t) & FUTURE_AUX for t in chain)


def recode(category: str, mode: str, modality: str, score_of, future: bool = False) -> Coded:  # type: ignore[no-untyped-def]
    """Category, mode and score after modality (PLOVER: a stated future sanction is a threat,
    a stated future aid or meeting an agreement)."""
    recoded = False
    if modality == "negated" and future and (category in VERBAL_COOP or category in MATERIAL_COOP):
        # "will not attend the summit", "will not send aid": a refusal.
        category, mode = "REJECT", REJECT_MODE.get(category, "")
        return Coded(category, mode, score_of(category, mode), modality)
    if modality in ("intended", "conditional", "hypothetical", "awaited"):
        if category in MATERIAL_CONFLICT:
            category, mode, recoded = "THREATEN", THREAT_MODE.get(category, ""), True
        elif category in MATERIAL_COOP or category in ("CONSULT", "CONCEDE"):
            category, mode, recoded = "AGREE", "", True
    base = score_of(category, mode)
    if modality == "negated":
        return Coded(category, mode, round(-NEG_FLIP * base if base > 0 else 0.0, 3), modality)
    weight = (RECODED_WEIGHT if recoded else MODALITY_WEIGHT).get(modality, 1.0)
    return Coded(category, mode, round(base * weight, 3), modality)
