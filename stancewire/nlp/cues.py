"""Reporting-cue lexicon: which words introduce reported speech, and what frame they take.

Sources: ``data/reporting_cues.json`` (communicative verbs and the objects of "express" from the
CAMEO verb dictionary, MIT, Open Event Data Alliance; rebuilt by ``scripts/build_cues.py``) merged
with a hand-written core list below. Everything is a lemma set or dict so matching a token is one hash lookup.

Frames (how the reported content hangs off the cue, used by :mod:`stancewire.nlp.quotes`):

* ``SPEECH_VERBS``: the content is a complement clause (``said that ...``, ``said ...``) or a
  direct quote (``“...,” she said``).
* ``OBJECT_VERBS``: a bare noun-phrase object also counts as reported content
  (``stressed his intent to ...``, ``denied the allegations``).
* ``OBJ_XCOMP_VERBS``: object + infinitive (``urged the board to resign``).
* ``PREP_CUES``: verb + preposition, content is the prepositional object (``called for a truce``).
* ``OBJ_PREP_CUES``: verb + object + preposition (``accused Putin of ...``, ``praised him as ...``).
* ``EXPRESS_NOUNS``: ``expressed concern over/that ...``.
* ``NOUN_CUES``: ``X's statement that ...``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "reporting_cues.json"

# Core reporting verbs (lemma -> CAMEO code, "010" = make a public statement). Hand-written so the
# lexicon does not depend on how complete the CAMEO synonym sets are.
CORE_VERBS: dict[str, str] = {
    "say": "010",
    "tell": "010",
    "state": "010",
    "note": "010",
    "add": "010",
    "reiterate": "010",
    "stress": "010",
    "emphasize": "010",
    "emphasise": "010",
    "suggest": "020",
    "claim": "110",
    "insist": "100",
    "warn": "130",
    "deny": "016",
    "accuse": "112",
    "urge": "020",
    "praise": "051",
    "announce": "010",
    "argue": "110",
    "explain": "010",
    "acknowledge": "015",
    "admit": "015",
    "confirm": "010",
    "vow": "030",
    "pledge": "030",
    "promise": "030",
    "predict": "010",
    "describe": "010",
    "write": "010",
    "tweet": "010",
    "post": "010",
    "declare": "010",
    "assert": "010",
    "maintain": "010",
    "contend": "110",
    "allege": "110",
    "comment": "010",
    "remark": "010",
    "observe": "010",
    "reply": "010",
    "respond": "010",
    "answer": "010",
    "counter": "110",
    "complain": "110",
    "concede": "015",
    "caution": "130",
    "threaten": "130",
    "demand": "100",
    "ask": "020",
    "recall": "010",
    "reveal": "010",
    "disclose": "010",
    "indicate": "010",
    "signal": "010",
    "hint": "010",
    "estimate": "010",
    "report": "010",
    "agree": "050",
    "reject": "120",
    "dismiss": "120",
    "criticize": "111",
    "criticise": "111",
    "condemn": "111",
    "blame": "112",
    "call": "020",
    "appeal": "020",
    "plead": "020",
    "reaffirm": "010",
    "repeat": "010",
    "underline": "010",
    "underscore": "010",
    "highlight": "010",
    "point": "010",
    "mention": "010",
    "testify": "010",
    "recount": "010",
    "boast": "010",
    "quip": "010",
    "joke": "010",
    "shout": "010",
    "exclaim": "010",
    "murmur": "010",
    "whisper": "010",
    "conclude": "010",
    "find": "010",
    "forecast": "010",
    "project": "010",
    "speculate": "010",
    "question": "110",
    "wonder": "010",
    "lament": "110",
    "welcome": "051",
    "hail": "051",
    "thank": "051",
    "slam": "111",
    "blast": "111",
    "decry": "111",
    "rebuke": "111",
    "scoff": "111",
    "retort": "110",
    "object": "110",
    "protest": "110",
    "complain_": "110",
    "inform": "010",
    "assure": "030",
    "guarantee": "030",
    "swear": "030",
    "order": "100",
    "instruct": "100",
    "advise": "020",
    "recommend": "020",
    "propose": "020",
    "request": "020",
    "implore": "020",
    "rule": "010",
    "determine": "010",
}

# Lemmas that are reporting verbs only when they govern a clause, never with a bare object.
CLAUSE_ONLY = frozenset(
    [
        "find", "determine", "rule", "conclude", "project", "estimate", "report", "signal", "indicate",
        "point", "post", "write", "answer", "respond", "reply", "question", "wonder", "agree", "object",
        "protest", "order", "call", "counter", "maintain", "add", "observe", "note", "recall", "mention",
        "state", "describe",
    ]
)

OBJECT_VERBS = frozenset(
    [
        "stress", "emphasize", "emphasise", "underline", "underscore", "reiterate", "repeat", "reaffirm",
        "restate", "deny", "confirm", "acknowledge", "admit", "concede", "promise", "pledge", "vow",
        "demand", "predict", "reject", "dismiss", "criticize", "criticise", "condemn", "denounce",
        "deplore", "decry", "slam", "blast", "welcome", "hail", "praise", "threaten", "forecast",
    ]
)

OBJ_XCOMP_VERBS = frozenset(
    [
        "urge", "ask", "tell", "call", "warn", "encourage", "implore", "exhort", "press", "advise",
        "instruct", "order", "invite", "beg", "challenge", "request",
    ]
)

# verb -> prepositions after which the prepositional object is the content.
PREP_CUES: dict[str, frozenset[str]] = {
    "call": frozenset({"for"}),
    "warn": frozenset({"of", "against", "about"}),
    "complain": frozenset({"about", "of"}),
    "hint": frozenset({"at"}),
    "insist": frozenset({"on", "upon"}),
    "speak": frozenset({"of", "about"}),
    "talk": frozenset({"about"}),
    "appeal": frozenset({"for"}),
    "plead": frozenset({"for"}),
    "argue": frozenset({"for", "against"}),
    "push": frozenset(),
}

# verb -> prepositions following an object: "accused X of ...", "praised X as ...".
OBJ_PREP_CUES: dict[str, frozenset[str]] = {
    "accuse": frozenset({"of"}),
    "praise": frozenset({"as", "for"}),
    "describe": frozenset({"as"}),
    "blame": frozenset({"for"}),
    "criticize": frozenset({"for", "over"}),
    "criticise": frozenset({"for", "over"}),
    "condemn": frozenset({"for", "as"}),
    "dismiss": frozenset({"as"}),
    "label": frozenset({"as"}),
    "brand": frozenset({"as"}),
    "hail": frozenset({"as", "for"}),
    "thank": frozenset({"for"}),
    "slam": frozenset({"for", "as", "over"}),
    "warn": frozenset({"of", "against", "about"}),
    "congratulate": frozenset({"on"}),
    "commend": frozenset({"for"}),
    "rebuke": frozenset({"for"}),
    "denounce": frozenset({"as", "for"}),
    "characterize": frozenset({"as"}),
    "characterise": frozenset({"as"}),
    "portray": frozenset({"as"}),
}

def _data_section(name: str) -> dict:
    """One section of ``data/reporting_cues.json`` ({} if the file is missing or unreadable)."""
    try:
        section = json.loads(DATA_FILE.read_text(encoding="utf-8")).get(name, {})
    except (OSError, ValueError):
        return {}
    return section if isinstance(section, dict) else {}


# "expressed concern over/that ...", "voiced hope that ...". The nouns are the hand list plus the
# objects CAMEO codes for "express" (data file, ``express_nouns``).
EXPRESS_VERBS = frozenset({"express", "voice", "raise", "reiterate", "convey", "register"})
EXPRESS_NOUNS = frozenset(_data_section("express_nouns")) | frozenset(
    [
        "concern", "concerns", "worry", "worries", "fear", "fears", "hope", "hopes", "regret", "doubt",
        "doubts", "frustration", "disappointment", "dismay", "outrage", "anger", "alarm", "confidence",
        "optimism", "skepticism", "scepticism", "satisfaction", "support", "opposition", "objection",
        "objections", "reservations", "gratitude", "condolences", "sympathy", "displeasure",
        "indignation",
    ]
)

# Nouns that carry a content clause ("the statement that ...", "his claim that ...").
NOUN_CUES = frozenset(
    [
        "statement", "claim", "assertion", "announcement", "warning", "remark", "remarks", "comment",
        "comments", "allegation", "allegations", "insistence", "promise", "pledge", "vow", "denial",
        "admission", "suggestion", "argument", "contention", "declaration", "assurance", "assurances",
        "threat", "prediction", "accusation", "accusations", "call", "appeal", "testimony", "message",
        "insistence",
    ]
)

# Nouns that are documents or data, not speakers: "according to a report" is not a quote.
DOCUMENT_NOUNS = frozenset(
    [
        "report", "reports", "study", "studies", "survey", "surveys", "poll", "polls", "data", "figures",
        "statistics", "estimates", "estimate", "document", "documents", "records", "census", "analysis",
        "research", "paper", "papers", "filing", "filings", "forecast", "forecasts", "projections",
        "minutes", "transcript", "indictment", "complaint", "lawsuit", "release", "website", "page",
        "reports", "media", "outlet", "outlets", "sources", "newspaper", "agency", "agencies",
    ]
)

# Participles that open a reporter's question ("Asked whether ..., she said ...").
QUESTION_FRAMES = frozenset({"ask", "question", "press"})

# Verbs that cancel the speech act of a cue in their complement ("declined to say").
NEGATING_HEADS = frozenset({"decline", "refuse", "fail", "neglect", "hesitate"})


@lru_cache(maxsize=1)
def speech_verbs() -> dict[str, str]:
    """All reporting verb lemmas -> CAMEO code (data file merged with the core list)."""
    verbs: dict[str, str] = {}
    try:
        payload = json.loads(DATA_FILE.read_text(encoding="utf-8"))
        verbs.update(payload.get("verbs", {}))
    except (OSError, ValueError):
        pass  # the core list alone still works
    verbs.update({k: v for k, v in CORE_VERBS.items() if not k.endswith("_")})
    return verbs


def is_speech_verb(lemma: str) -> bool:
    return lemma in speech_verbs()
