"""Event patterns (CAMEO verb phrases -> PLOVER) matched against a verb and its dependents.

Data: ``nlp/data/event_patterns.json``, built by ``scripts/build_event_patterns.py`` from the
CAMEO verb dictionary, the CAMEO->PLOVER table and the PLOVER scores (CC BY-SA 4.0, see the
file's ``_licence``). A pattern fires on a verb when its particle, object words and
prepositional groups are all found among the verb's dependents; the most specific pattern wins,
so "impose sanctions on" beats "impose", and "open fire on" beats "open".
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import islice
from pathlib import Path

from spacy.tokens import Token

from stancewire.nlp.doccache import children

DATA_FILE = "event_patterns.json"
# Dependents whose subtree is the verb's object phrase.
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd", "nsubjpass"})
# How many tokens of an object or prepositional subtree are read; keeps matching local.
MAX_PHRASE = 8


@dataclass(frozen=True)
class Pattern:
    prt: str
    obj: tuple[frozenset[str], ...]
    pp: tuple[tuple[str, tuple[frozenset[str], ...]], ...]
    target: str | None  # "dobj", "dative", a preposition, or None
    code: str
    category: str
    mode: str

    @property
    def hand(self) -> bool:
        return self.code == "hand"

    @property
    def specificity(self) -> float:
        n = len(self.obj) + sum(1 + len(slots) for _p, slots in self.pp) + (1 if self.prt else 0)
        # Hand patterns were written for wire phrasings: they win ties with CAMEO's.
        return n + (1.0 if self.hand else 0.0)


@dataclass(frozen=True)
class PatternMatch:
    pattern: Pattern
    verb: Token

    @property
    def category(self) -> str:
        return self.pattern.category

    @property
    def mode(self) -> str:
        return self.pattern.mode


@dataclass(frozen=True)
class Frame:
    """What the matcher reads off one verb: particle, object words, prepositions -> words."""

    prt: str
    obj: frozenset[str]
    pp: dict[str, frozenset[str]]


def _words(tokens: Iterable[Token]) -> frozenset[str]:
    """The forms and lemmas of the first MAX_PHRASE ``tokens``. Lazily: the subtrees of long
    objects would make a Token per word only for this to keep the first few."""
    out: set[str] = set()
    for t in islice(tokens, MAX_PHRASE):
        out.add(t.lower_)
        out.add(t.lemma_.lower())
    return frozenset(out)


def _subtrees(heads: Iterable[Token]) -> Iterator[Token]:
    for h in heads:
        yield from h.subtree


def frame_of(verb: Token) -> Frame:
    prt: list[str] = []
    obj: list[Token] = []  # the objects, whose subtrees (in this order) hold the object words
    pp: dict[str, frozenset[str]] = {}
    objects: list[Token] = []
    for c in children(verb):
        if c.dep_ == "prt":
            prt.append(c.lower_)
        elif c.dep_ in OBJECT_DEPS:
            objects.append(c)
            obj.append(c)
        elif c.dep_ == "prep":
            pp[c.lower_] = _words(_subtrees(children(c)))
            objects.extend(p for p in children(c) if p.dep_ == "pobj")
    # Prepositions of the object (and of a prepositional object) count too: "imposed sanctions
    # *on* X", "signed an accord *with* X", "spoke by telephone *with* X".
    for o in objects:
        for c in children(o):
            if c.dep_ == "prep" and c.lower_ not in pp:
                pp[c.lower_] = _words(_subtrees(children(c)))
    return Frame(" ".join(prt), _words(_subtrees(obj)), pp)


class EventPatterns:
    def __init__(self, data: dict) -> None:
        self.licence: str = data.get("_licence", "")
        self.scores: dict[str, dict[str, float]] = data["scores"]
        self.verbs: dict[str, list[Pattern]] = {
            v: [_pattern(p) for p in pats] for v, pats in data["verbs"].items()
        }

    def score(self, category: str, mode: str | None) -> float:
        """PLOVER score of category + mode; an unknown mode falls back to the category's own."""
        table = self.scores.get(category, {})
        return table.get((mode or "").lower(), table.get("", 0.0))

    def match(self, verb: Token) -> PatternMatch | None:
        fr: Frame | None = None
        for lemma in _lemmas(verb):
            pats = self.verbs.get(lemma)
            if not pats:
                continue
            fr = fr or frame_of(verb)
            best = _best(pats, fr, fr.prt)
            if best is None and fr.prt:
                # A particle no pattern knows ("set out"): the verb's plain readings still apply.
                best = _best(pats, fr, "")
            if best is not None:
                return PatternMatch(best, verb)
        return None


def _lemmas(verb: Token) -> Iterator[str]:
    """The tagger's lemma, then the word de-inflected by hand: the small model lemmatises
    "staged" as "stag" and "massed" as "masse". Lazily, without repeats: most verbs match (or
    have no pattern) on the first form."""
    first = verb.lemma_.lower()
    yield first
    seen = {first}
    w = verb.lower_
    for suffix, repl in (("ied", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("s", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            form = w[: -len(suffix)] + repl
            if form not in seen:
                seen.add(form)
                yield form
    if w not in seen:
        yield w


def _best(pats: list[Pattern], fr: Frame, prt: str) -> Pattern | None:
    best: Pattern | None = None
    for p in pats:
        if p.prt != prt:
            continue
        if not all(alts & fr.obj for alts in p.obj):
            continue
        ok = True
        for prep, slots in p.pp:
            words = fr.pp.get(prep)
            if words is None or not all(alts & words for alts in slots):
                ok = False
                break
        if ok and (best is None or p.specificity > best.specificity):
            best = p
    return best


def _pattern(d: dict) -> Pattern:
    return Pattern(
        prt=d.get("prt", ""),
        obj=tuple(frozenset(a) for a in d.get("obj", [])),
        pp=tuple((prep, tuple(frozenset(a) for a in slots)) for prep, slots in d.get("pp", [])),
        target=d.get("t"),
        code=d.get("code", ""),
        category=d["c"],
        mode=d.get("m", ""),
    )


@lru_cache(maxsize=4)
def load_patterns(path: str | None = None) -> EventPatterns:
    """The compiled pattern file (the packaged one unless ``path`` is given); cached."""
    if path is not None:
        return EventPatterns(json.loads(Path(path).read_text(encoding="utf-8")))
    text = resources.files("stancewire.nlp").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    return EventPatterns(json.loads(text))
