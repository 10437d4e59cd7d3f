"""The learned speaker ranker: a linear score over candidate antecedents, read from a JSON file.

Where the rules would guess (a "he"/"she" speaker, a definite role noun or description such as
"the candidate said"), the candidates are the actors the article mentioned before the cue
(:mod:`stancewire.nlp.attribution.candidates` builds them and their features). Each gets
``score = w · features`` with the weights of its decision kind (``pronoun`` or ``role``); the
highest wins. A role decision also has a *null* candidate (the description names nobody the
article mentioned, and stays a description).

The weights were learned by ``python -m stancewire.eval.train_speaker_ranker`` (a conditional
logit, on PolNeAR's development part) and ship as ``nlp/data/speaker_ranker.json``. Scoring is
plain Python: the worker imports no learning library.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Protocol

# The feature vector of one candidate, in this order (the model file must list the same names).
FEATURES: tuple[str, ...] = (
    "null",  # the null candidate of a role decision (its weight is the threshold)
    "rule_choice",  # the candidate the rules would have picked
    "last_person_speaker",  # the speaker of the last quote with a person speaker
    "last_speaker",  # the speaker of the previous quote, of any kind
    "spoke_before",  # spoke earlier in the article
    "last_mention_subject",  # its latest mention before the cue is a clause subject
    "prev_sentence_subject",  # a subject in the sentence before the cue's, or earlier in its own
    "same_sentence",  # mentioned earlier in the cue's own sentence
    "sentence_distance",  # sentences back to its latest mention, /10, capped at 1
    "paragraph_distance",  # line breaks back to its latest mention, /5, capped at 1
    "char_distance",  # log1p(chars back to its latest mention) / 8
    "recency_rank",  # 0 for the most recently mentioned candidate, /5, capped at 1
    "mention_count",  # log1p(mentions before the cue)
    "gender_match",  # its known gender is the pronoun's
    "gender_unknown",  # its gender is unknown
    "surely_person",  # a gendered person or a given name and a surname
    "last_mention_in_quote",  # its latest mention is inside a quote (a topic, not a speaker)
    "first_person_named",  # the first person the article names
    "description_hits",  # words of the role phrase the article attached to it, /3, capped at 1
    "title_match",  # the role noun is one of its titles
    "has_role",  # the article gave it a title or office
    "organisation",  # an organisation or government
    "newer_subject_exists",  # another candidate was a subject after its latest mention
)
KINDS: tuple[str, ...] = ("pronoun", "role")
# What each setting of ``speaker_ranker`` lets the ranker decide.
MODES: dict[str, frozenset[str]] = {
    "off": frozenset(),
    "roles": frozenset({"role"}),
    "on": frozenset(KINDS),
}


def ranker_mode(value: bool | str) -> str:
    """``True``/``False`` are "on"/"off"; a string must be one of :data:`MODES`."""
    if isinstance(value, bool):
        return "on" if value else "off"
    if value not in MODES:
        raise ValueError(f"speaker_ranker must be one of {sorted(MODES)}, not {value!r}")
    return value


MODEL_FILE = "speaker_ranker.json"
_HOLD = tuple(FEATURES.index(n) for n in ("rule_choice", "last_mention_subject"))
_NOT_HOLD = tuple(FEATURES.index(n) for n in ("last_mention_in_quote", "newer_subject_exists"))


def held_by_rules(feats: Sequence[float]) -> bool:
    """Whether the rules' pick is the subject the article has just introduced: its latest
    mention is a clause subject in the cue's sentence or the one before, outside quotes, and no
    other candidate was a subject since ("Ana Velk, for her part, got her refund. She admits").

    The ranker learned from a derived label, the nearest earlier *named Source*, which cannot
    see a person introduced without speaking yet; so it prefers the previous speaker, and on
    the fictional gold sets gave such pronouns to him. Gender agreement is already a filter on
    the candidates.
    """
    return all(feats[i] > 0 for i in _HOLD) and not any(feats[i] > 0 for i in _NOT_HOLD)


class RankerModelError(ValueError):
    """A model file that does not fit this code (other features, missing kinds)."""


@dataclass(frozen=True, slots=True)
class RankerModel:
    """Weights per decision kind, one per name in :data:`FEATURES`."""

    weights: dict[str, tuple[float, ...]]
    meta: dict[str, object]

    def score(self, kind: str, feats: Sequence[float]) -> float:
        w = self.weights[kind]
        return sum(a * b for a, b in zip(w, feats, strict=True))

    def best(self, kind: str, cands: Sequence[Sequence[float]]) -> int | None:
        """Index of the highest-scoring candidate (the first on ties), None for no candidates;
        but a rules' pick :func:`held_by_rules` stands whatever the scores."""
        for i, f in enumerate(cands):
            if held_by_rules(f):
                return i
        best_i, best_s = None, 0.0
        for i, f in enumerate(cands):
            s = self.score(kind, f)
            if best_i is None or s > best_s:
                best_i, best_s = i, s
        return best_i

    def for_article(self, article_id: str) -> RankerModel:
        """The model to use for one article (the same one; cross-validation gives each fold
        its own, see :class:`SpeakerScorer`)."""
        return self

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> RankerModel:
        names = data.get("features")
        if not isinstance(names, list) or names != list(FEATURES):
            raise RankerModelError(f"model features {names!r} are not this code's {list(FEATURES)!r}")
        kinds = data.get("weights")
        if not isinstance(kinds, dict) or set(kinds) != set(KINDS):
            raise RankerModelError(f"model weights must be given for exactly {KINDS!r}")
        weights: dict[str, tuple[float, ...]] = {}
        for k in KINDS:
            w = kinds[k]
            if not isinstance(w, list) or len(w) != len(FEATURES):
                raise RankerModelError(f"{k}: {len(FEATURES)} weights expected")
            weights[k] = tuple(float(x) for x in w)
        meta = {k: v for k, v in data.items() if k not in ("features", "weights")}
        return cls(weights, meta)

    def to_dict(self) -> dict[str, object]:
        return {
            **self.meta,
            "features": list(FEATURES),
            "weights": {k: [round(x, 6) for x in self.weights[k]] for k in KINDS},
        }


class SpeakerScorer(Protocol):
    """What the attribution component asks for the model of one article."""

    def for_article(self, article_id: str) -> RankerModel: ...


def load_model(path: str | Path | None = None) -> RankerModel:
    """The shipped model (``nlp/data/speaker_ranker.json``), or the one at ``path``."""
    if path is None:
        text = resources.files("stancewire.nlp").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return RankerModel.from_dict(json.loads(text))


_shipped: RankerModel | None = None


def shipped_model() -> RankerModel:
    """The shipped model, read once per process."""
    global _shipped
    if _shipped is None:
        _shipped = load_model()
    return _shipped
