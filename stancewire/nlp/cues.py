"""Reporting-cue lexicon: which words introduce reported speech, and what frame they take.

Sources: ``data/reporting_cues.json`` (communicative verbs and the objects of "express" from the
CAMEO verb dictionary, MIT, Open Event Data Alliance; rebuilt by ``scripts/build_cues.py``) merged
with the hand-written lists of ``data/cue_words.json``. Everything is a lemma set or dict so matching
a token is one hash lookup.

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
_WORDS_FILE = Path(__file__).resolve().parent / "data" / "cue_words.json"
_WORDS = json.loads(_WORDS_FILE.read_text(encoding="utf-8"))


def _data_section(name: str) -> dict:
    """One section of ``data/reporting_cues.json`` ({} if the file is missing or unreadable)."""
    try:
        section = json.loads(DATA_FILE.read_text(encoding="utf-8")).get(name, {})
    except (OSError, ValueError):
        return {}
    return section if isinstance(section, dict) else {}


# Core reporting verbs (lemma -> CAMEO code, "010" = make a public statement). Hand-written so the
# lexicon does not depend on how complete the CAMEO synonym sets are. A key ending in "_" is kept
# in the file but not used.
CORE_VERBS: dict[str, str] = dict(_WORDS["core_verbs"])
# Cues whose content is only ever a clause ("found that ...", "ruled that ..."), never an object.
CLAUSE_ONLY = frozenset(_WORDS["clause_only"])
# Verbs that report speech only as the frame right after a quote ("“…,” he continued."): anywhere
# else they are no cue ("the war continued"), so they are not in the speech-verb lexicon.
FRAME_ONLY_VERBS = frozenset(_WORDS["frame_only_verbs"])
OBJECT_VERBS = frozenset(_WORDS["object_verbs"])
OBJ_XCOMP_VERBS = frozenset(_WORDS["obj_xcomp_verbs"])
# verb -> prepositions after which the prepositional object is the content.
PREP_CUES: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in _WORDS["prep_cues"].items()}
# verb -> prepositions following an object: "accused X of ...", "praised X as ...".
OBJ_PREP_CUES: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in _WORDS["obj_prep_cues"].items()}
# "expressed concern over/that ...", "voiced hope that ...". The nouns are the hand list plus the
# objects CAMEO codes for "express" (data file, ``express_nouns``).
EXPRESS_VERBS = frozenset(_WORDS["express_verbs"])
EXPRESS_NOUNS = frozenset(_data_section("express_nouns")) | frozenset(_WORDS["express_nouns"])
# Object verbs whose object, inside what someone is reported to have said ("said the company
# would propose a dividend"), is part of that content, not an attribution of its own.
NESTABLE_OBJECT_VERBS = frozenset(_WORDS["nestable_object_verbs"])
# Nouns that carry a content clause ("the statement that ...", "his claim that ...").
NOUN_CUES = frozenset(_WORDS["noun_cues"])
# Nouns that are documents or data, not speakers: "according to a report" is not a quote.
DOCUMENT_NOUNS = frozenset(_WORDS["document_nouns"])
# Participles that open a reporter's question ("Asked whether ..., she said ...").
QUESTION_FRAMES = frozenset(_WORDS["question_frames"])
# Verbs that cancel the speech act of a cue in their complement ("declined to say").
NEGATING_HEADS = frozenset(_WORDS["negating_heads"])


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
