"""Cue classes of attributions: speech, belief/intention, evaluation, according-to, nominal.

Political news carries most of its stance outside speech verbs ("mocked", "believes", "wants",
"according to the report", "his claim that"), so scores are broken down by the class of the
cue. The classes are defined by lemma lists in ``stancewire/nlp/data/cue_classes.json`` (a data
file so the lists can grow without code changes, and so the stance layer can share them).

Pure Python, no spaCy: gold cues from annotated corpora are plain strings, and the scorer must
classify them the same way whether or not a parse is available. Hence a small suffix-rule
lemmatiser over the listed lemmas instead of a model.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "nlp" / "data" / "cue_classes.json"
CUE_CLASSES: tuple[str, ...] = (
    "speech",
    "belief-intention",
    "evaluation",
    "according-to",
    "nominal",
    "other",
)
_VERB_CLASSES = ("speech", "belief-intention", "evaluation")

# A listed noun lemma right after one of these is a noun ("his claim", "the warning"), and a
# listed verb lemma there is not read as a verb ("the report" is not the verb "report").
_DETERMINERS = frozenset(
    {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that", "these",
     "those", "whose", "'s", "’s", "s", "in", "of"}
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*|['’]s\b")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], frozenset[str], dict[str, str]]:
    """(verb lemma -> class, irregular form -> lemma, nominal lemmas, every lemma -> itself)."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    verb_class: dict[str, str] = {}
    for cls in _VERB_CLASSES:
        for lemma in data[cls]:
            verb_class.setdefault(lemma, cls)  # the first class listing a lemma wins
    nominal = frozenset(data["nominal"])
    known = {w: w for w in (*verb_class, *nominal, "according", "be", "have")}
    return verb_class, dict(data["irregular"]), nominal, known


def lemma(word: str) -> str:
    """Lemma of an inflected English word when its base form is a listed lemma, else the word."""
    w = word.casefold().replace("’", "'")
    _, irregular, _, known = _tables()
    if w in irregular:
        return irregular[w]
    if w in known:
        return w
    candidates: list[str] = []
    if w.endswith("ies") or w.endswith("ied"):
        candidates.append(w[:-3] + "y")
    if w.endswith("ing"):
        stem = w[:-3]
        candidates += [stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem]
    if w.endswith("ed"):
        stem = w[:-2]
        candidates += [stem, w[:-1], stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem]
    if w.endswith("es"):
        candidates.append(w[:-2])
    if w.endswith("s"):
        candidates.append(w[:-1])
    for c in candidates:
        if c in known:
            return c
    return w


def cue_class(cue: str | None) -> str:
    """The class of a cue text or lemma (rules in the data file's ``_meta``); ``other`` if none fits."""
    if not cue:
        return "other"
    verb_class, _, nominal, _ = _tables()
    words = [m.group(0).casefold() for m in _WORD.finditer(cue)]
    lemmas = [lemma(w) for w in words]
    if "according" in lemmas:
        return "according-to"
    # A listed noun is checked as written too: "warning" is a noun here, though its lemma by
    # the suffix rules is the verb "warn".
    is_noun = [w in nominal or lem in nominal for w, lem in zip(words, lemmas, strict=True)]
    for i, lem in enumerate(lemmas):
        after_det = i > 0 and words[i - 1].replace("’", "'") in _DETERMINERS
        if lem in verb_class and not (after_det and is_noun[i]):
            return verb_class[lem]
    if any(is_noun):
        return "nominal"
    return "other"


__all__ = ["CUE_CLASSES", "cue_class", "lemma"]
