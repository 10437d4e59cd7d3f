"""How a trigger is coded: PLOVER categories, modes, modality weights, and folding nested triggers."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from stancewire.nlp.lexicon import Entry, Lexicon
from stancewire.nlp.stance.words import COMMISSIVE_LEMMAS

VERBAL_COOP = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"}


MATERIAL_COOP = {"COOPERATE", "AID", "RETREAT"}


MATERIAL_CONFLICT = {"SANCTION", "COERCE", "ASSAULT", "MOBILIZE"}


# Categories whose target may be an issue (a stance *about* peace talks, a deal, sanctions ...).
ISSUE_OK = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "PROTEST"}


# Conflict acts are directed at someone; without an explicit target use the article counterpart.
COUNTERPART_OK = MATERIAL_CONFLICT | {"THREATEN", "ACCUSE"}


# Score multipliers by modality, for evidence whose category was not re-coded by the modality.
# Intentions and awaited events are weaker evidence than acts; conditionals and hypotheticals
# weaker still (the condition may never hold).
MODALITY_WEIGHT = {
    "asserted": 1.0,
    "intended": 0.8,
    "awaited": 0.6,
    "conditional": 0.6,
    "hypothetical": 0.4,
}


# After re-coding (a future sanction is a THREATEN, a future aid an AGREE) the intent is already
# in the category, so intention is not discounted twice.
RECODED_WEIGHT = {"intended": 1.0, "awaited": 0.75, "conditional": 0.75, "hypothetical": 0.5, "asserted": 1.0}


# Negation: a withheld cooperative act ("did not praise", "did not sign") reads as a mild conflict
# signal, -NEG_FLIP x the act's score; a denied conflict act ("did not attack") is not cooperation,
# so it is neutralised to 0. Refusals stated about the future ("will not attend") are REJECT.
NEG_FLIP = 0.25


THREAT_MODE = {"SANCTION": "restrict", "COERCE": "restrict", "ASSAULT": "violence", "MOBILIZE": "violence"}


REQUEST_MODE = {
    "CONSULT": "meet",
    "AGREE": "meet",
    "AID": "assist",
    "COOPERATE": "assist",
    "RETREAT": "yield",
    "CONCEDE": "yield",
    "SUPPORT": "assist",
}


REJECT_MODE = {
    "CONSULT": "meet",
    "AGREE": "meet",
    "AID": "assist",
    "COOPERATE": "assist",
    "RETREAT": "yield",
    "CONCEDE": "yield",
}


@dataclass
class Trigger:
    tok: Token
    category: str
    mode: str
    src: str  # "hand", "cameo" or "noun"
    issue: str | None = None
    also_issue: bool = False
    need_actor_object: bool = False
    kind: str = "verb"
    words: tuple[int, ...] = ()
    inner: Token | None = None
    inner_category: str | None = None
    suppressed: bool = False

    @classmethod
    def from_entry(cls, tok: Token, e: Entry, words: tuple[int, ...] = (), kind: str = "verb") -> Trigger:
        return cls(
            tok,
            e.category,
            e.mode,
            "noun" if kind == "noun" else e.src,
            e.issue,
            e.also_issue,
            e.need_actor_object,
            kind,
            words,
        )


@dataclass
class Coded:
    category: str | None
    mode: str | None
    score: float
    modality: str


def code_score(lex: Lexicon, category: str | None, mode: str | None, mod: str, future: bool) -> Coded:
    """Category, mode and score after modality.

    * intended/conditional/hypothetical/awaited material conflict -> THREATEN (PLOVER codes a
      stated future sanction or attack as a threat); material cooperation or a meeting that is
      only intended -> AGREE (PLOVER's "express intent to cooperate/meet").
    * negated + future cooperative act ("will not attend the summit") -> REJECT.
    * negated otherwise: cooperative score x -NEG_FLIP, conflictual score -> 0.
    * other modalities scale the score by MODALITY_WEIGHT.
    """
    if category is None:
        return Coded(None, None, 0.0, mod)
    recoded = False
    if mod in ("intended", "conditional", "hypothetical", "awaited"):
        if category in MATERIAL_CONFLICT:
            mode = THREAT_MODE.get(category, "")
            category, recoded = "THREATEN", True
        elif category in MATERIAL_COOP or category in ("CONSULT", "CONCEDE"):
            category, mode, recoded = "AGREE", "", True
    if mod == "negated":
        if future and (category in VERBAL_COOP or category in MATERIAL_COOP):
            mode = REJECT_MODE.get(category, "")
            category = "REJECT"
            return Coded(category, mode, lex.score(category, mode), mod)
        base = lex.score(category, mode)
        score = -NEG_FLIP * base if base > 0 else 0.0
        return Coded(category, mode, round(score, 3), mod)
    weight = (RECODED_WEIGHT if recoded else MODALITY_WEIGHT).get(mod, 1.0)
    return Coded(category, mode, round(lex.score(category, mode) * weight, 3), mod)


def combine(outer: Trigger, inner: Trigger) -> None:
    """Fold a complement trigger into the trigger that governs it (mutates ``outer``)."""
    oc, ic = outer.category, inner.category
    outer.inner = inner.tok
    outer.inner_category = ic
    if outer.issue is None:
        outer.issue = inner.issue
        outer.also_issue = outer.also_issue or inner.also_issue
    if oc == "AGREE" or (outer.tok.lemma_.lower() in COMMISSIVE_LEMMAS and oc in VERBAL_COOP):
        if ic in MATERIAL_CONFLICT or ic == "THREATEN":
            outer.category, outer.mode = "THREATEN", THREAT_MODE.get(ic, "")
        elif ic == "RETREAT" and inner.mode == "ceasefire":
            outer.category, outer.mode = "RETREAT", "ceasefire"
        else:
            outer.category, outer.mode = "AGREE", ""
    elif oc == "THREATEN":
        outer.mode = THREAT_MODE.get(ic, outer.mode)
    elif oc == "REJECT":
        outer.mode = REJECT_MODE.get(ic, outer.mode)
    elif oc == "REQUEST":
        outer.mode = REQUEST_MODE.get(ic, outer.mode)
