"""Event-coding scorer: did the extractor code who did what to whom in single event sentences?

Gold format (JSONL, one sentence per line, ``tests/data/events/event_sentences.{dev,heldout}.jsonl``,
built by ``scripts/build_event_gold.py``)::

    {"id": "ev-251", "split": "dev", "text": "Corvenia imposed sanctions on Marundi over the border
     incident.", "features": ["multiword"], "synthetic": true, ...,
     "expected": {"actors": ["gov:cor-synthetic"], "targets": ["gov:mar-synthetic"],
                  "pairs": [["gov:cor-synthetic", "gov:mar-synthetic"]], "category": "SANCTION",
                  "mode": null, "modality": "asserted", "score": -6.0, "direction": "-"}}

Actors and targets are registry ids and are compared **exactly** with the ids of the evidence
the extractor produced from that sentence (the gold file's ``<stem>.actors.jsonl`` sidecar makes
the fictional actors known to the registry, as for the quote-based stance gold).

Measures (issue 16's table), each a fraction of its own units:

* **actor found** -- unit: a (sentence, gold actor). Found when the actor is the ``actor`` of
  some evidence item from the sentence (whatever its target or category). Coordinated subjects
  ("Belmira and Corvenia imposed ...") are one unit each.
* **target found** -- unit: a (sentence, gold target). Found when it is the ``target`` of some
  evidence item from the sentence. Coordinated targets are one unit each.
* **pair found** -- unit: a gold pair (actor, target). Found when one evidence item has both.
* **category / direction / modality accuracy** -- unit: a gold pair. The evidence judged is
  chosen *without looking at the category*: the item whose actor and target best match the
  pair (actor match weighs 2, target match 1, ties broken by confidence), so a sentence coded
  with the right category but the wrong actor still scores its category. Direction is the sign
  of the evidence score (:func:`stancewire.eval.stance_eval.direction`). A pair with no evidence
  at all in its sentence is wrong on all three.

Reported overall, per gold category and per sentence feature (passive, demonym, metonymy,
coordinated_actors, negated, multiword ...), so the weak constructions are visible. Each missed
gold actor is also put in one of three bins (``actor_misses``): the sentence gave no evidence
at all; some evidence actor carries one of the gold actor's registry names under another id
(``same_name_other_id``: "Veltria" coded as ``person:veltria``, a kind error, not a missed
mention); or the evidence names other actors only.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from stancewire.eval.stance_eval import direction as _direction  # one threshold for both scorers
from stancewire.schemas import Article, StanceEvidence

MEASURES = ("actor_found", "target_found", "pair_found", "category", "direction", "modality")


@dataclass
class EventItem:
    id: str
    text: str
    actors: list[str]
    targets: list[str]
    pairs: list[tuple[str, str]]
    category: str
    mode: str | None
    modality: str
    direction: str
    score: float
    split: str = ""
    features: list[str] = field(default_factory=list)
    published_at: datetime | None = None

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> EventItem:
        exp = d["expected"]
        actors = [str(a) for a in exp["actors"]]
        targets = [str(t) for t in exp["targets"]]
        pairs = [(str(a), str(t)) for a, t in exp["pairs"]]
        if not actors or not targets or not pairs:
            raise ValueError("needs at least one actor, one target and one pair")
        for a, t in pairs:
            if a not in actors or t not in targets:
                raise ValueError(f"pair {a}->{t} names an actor or target not listed")
        if exp["direction"] not in ("+", "0", "-"):
            raise ValueError(f"direction must be +, 0 or -, not {exp['direction']!r}")
        pub = d.get("published_at")
        return cls(
            id=str(d["id"]),
            text=str(d["text"]),
            actors=actors,
            targets=targets,
            pairs=pairs,
            category=str(exp["category"]),
            mode=exp.get("mode"),
            modality=str(exp.get("modality", "asserted")),
            direction=exp["direction"],
            score=float(exp["score"]),
            split=str(d.get("split", "")),
            features=[str(f) for f in d.get("features", [])],
            published_at=datetime.fromisoformat(pub.replace("Z", "+00:00")) if pub else None,
        )

    def article(self) -> Article:
        return Article(
            id=self.id,
            text=self.text,
            synthetic=True,
            source="stancewire-event-gold",
            published_at=self.published_at or datetime(2025, 6, 2, tzinfo=UTC),
        )


def is_event_gold(path: str | Path) -> bool:
    """True when the first record of a gold JSONL is an event item (``expected.pairs``)."""
    with Path(path).open(encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.lstrip().startswith("#"):
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    return False
                return isinstance(rec, dict) and "pairs" in (rec.get("expected") or {})
    return False


def load_event_gold(path: str | Path) -> list[EventItem]:
    """Every item of an event gold file; a malformed line raises ValueError naming file and line."""
    items: list[EventItem] = []
    seen: set[str] = set()
    p = Path(path)
    for lineno, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            item = EventItem.from_json(json.loads(line))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as e:
            raise ValueError(f"{p}:{lineno}: bad event gold record: {type(e).__name__}: {e}") from e
        if item.id in seen:
            raise ValueError(f"{p}:{lineno}: duplicate id {item.id!r}")
        seen.add(item.id)
        items.append(item)
    return items


def select_for_pair(actor: str, target: str, evidence: Sequence[StanceEvidence]) -> StanceEvidence | None:
    """The evidence that best matches the gold pair, never looking at its category."""
    best: tuple[float, StanceEvidence] | None = None
    for ev in evidence:
        s = 2.0 * (ev.actor.id == actor) + 1.0 * (ev.target.id == target) + 0.1 * ev.confidence
        if best is None or s > best[0]:
            best = (s, ev)
    return best[1] if best else None


@dataclass
class PairResult:
    item_id: str
    actor: str
    target: str
    category: str
    features: list[str]
    pair_found: bool
    category_ok: bool
    direction_ok: bool
    modality_ok: bool
    predicted: dict[str, Any] | None


class _Tally:
    """Counts of hits over units for each measure."""

    def __init__(self) -> None:
        self.hits: dict[str, int] = defaultdict(int)
        self.units: dict[str, int] = defaultdict(int)

    def add(self, measure: str, ok: bool) -> None:
        self.units[measure] += 1
        self.hits[measure] += int(ok)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for m in MEASURES:
            n = self.units.get(m, 0)
            out[m] = round(self.hits.get(m, 0) / n, 4) if n else None
        out["n_pairs"] = self.units.get("pair_found", 0)
        out["n_actors"] = self.units.get("actor_found", 0)
        out["n_targets"] = self.units.get("target_found", 0)
        return out


@dataclass
class EventReport:
    n_sentences: int
    without_evidence: int
    overall: dict[str, Any]
    per_category: dict[str, dict[str, Any]]
    per_feature: dict[str, dict[str, Any]]
    pairs: list[PairResult]
    missed_actors: list[tuple[str, str]]
    actor_misses: dict[str, int] = field(default_factory=dict)

    def to_dict(self, with_pairs: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "n_sentences": self.n_sentences,
            "without_evidence": self.without_evidence,
            **self.overall,
            "actor_misses": self.actor_misses,
            "per_category": self.per_category,
            "per_feature": self.per_feature,
        }
        wrong = [p for p in self.pairs if not (p.pair_found and p.category_ok and p.direction_ok)]
        d["errors"] = [p.__dict__ for p in (self.pairs if with_pairs else wrong)]
        return d

    def to_json(self, **kw: Any) -> str:
        return json.dumps(self.to_dict(**kw), indent=2, ensure_ascii=False)

    def format(self, title: str = "event evaluation", max_errors: int = 15) -> str:
        o = self.overall

        def pct(v: float | None) -> str:
            return "  n/a" if v is None else f"{100 * v:5.1f}"

        lines = [
            f"{title}: {self.n_sentences} sentences, {o['n_pairs']} actor-target pairs, "
            f"{self.without_evidence} sentences without any evidence",
            f"  actor found      {pct(o['actor_found'])} %  ({o['n_actors']} gold actors)",
            f"  target found     {pct(o['target_found'])} %  ({o['n_targets']} gold targets)",
            f"  pair found       {pct(o['pair_found'])} %",
            f"  category right   {pct(o['category'])} %",
            f"  direction right  {pct(o['direction'])} %  (sign of score: +, 0, -)",
            f"  modality right   {pct(o['modality'])} %",
            "  gold actors missed: "
            + (", ".join(f"{v} {k.replace('_', ' ')}" for k, v in self.actor_misses.items()) or "none"),
        ]

        def row(key: str, v: Mapping[str, Any]) -> str:
            return (
                f"    {key:<19}{v['n_pairs']:5d} {pct(v['actor_found'])} {pct(v['target_found'])} "
                f"{pct(v['pair_found'])} {pct(v['category'])} {pct(v['direction'])}"
            )

        header = "pairs  actor target   pair    cat    dir"
        lines.append(f"  by category        {header}")
        lines += [row(k, self.per_category[k]) for k in sorted(self.per_category)]
        lines.append(f"  by feature         {header}")
        lines += [row(k, self.per_feature[k]) for k in sorted(self.per_feature)]
        wrong = [p for p in self.pairs if not (p.pair_found and p.category_ok and p.direction_ok)]
        if wrong:
            lines.append(f"  errors ({len(wrong)} pairs; first {min(max_errors, len(wrong))}):")
            for p in wrong[:max_errors]:
                got = p.predicted or {}
                lines.append(
                    f"    {p.item_id}: expected {p.actor}->{p.target} {p.category} | got "
                    f"{got.get('actor')}->{got.get('target')} {got.get('category')} {got.get('direction')}"
                )
        return "\n".join(lines)


def score_events(
    items: Sequence[EventItem],
    predictions: Mapping[str, Sequence[StanceEvidence]],
    names_of: Callable[[str], Iterable[str]] | None = None,
) -> EventReport:
    """Score predictions (evidence per item id). ``names_of(actor_id)`` gives the normalised
    names the registry knows for an actor; with it, misses are told apart by cause."""
    overall = _Tally()
    by_cat: dict[str, _Tally] = defaultdict(_Tally)
    by_feat: dict[str, _Tally] = defaultdict(_Tally)
    pairs: list[PairResult] = []
    missed: list[tuple[str, str]] = []
    causes: Counter[str] = Counter()
    without = 0
    for it in items:
        evidence = list(predictions.get(it.id, []))
        without += not evidence
        tallies = [overall, by_cat[it.category], *(by_feat[f] for f in it.features)]
        ev_actors = {ev.actor.id for ev in evidence}
        ev_targets = {ev.target.id for ev in evidence}
        for a in it.actors:
            found = a in ev_actors
            if not found:
                missed.append((it.id, a))
                causes[_miss_cause(a, evidence, names_of)] += 1
            for t in tallies:
                t.add("actor_found", found)
        for tg in it.targets:
            for t in tallies:
                t.add("target_found", tg in ev_targets)
        for a, tg in it.pairs:
            ev = select_for_pair(a, tg, evidence)
            pair_found = any(e.actor.id == a and e.target.id == tg for e in evidence)
            if ev is None:
                cat_ok = dir_ok = mod_ok = False
                pred = None
            else:
                cat_ok = ev.category == it.category
                dir_ok = _direction(ev.score) == it.direction
                mod_ok = ev.modality == it.modality
                pred = {
                    "actor": ev.actor.id,
                    "target": ev.target.id,
                    "category": ev.category,
                    "score": ev.score,
                    "direction": _direction(ev.score),
                    "modality": ev.modality,
                }
            for t in tallies:
                t.add("pair_found", pair_found)
                t.add("category", cat_ok)
                t.add("direction", dir_ok)
                t.add("modality", mod_ok)
            pairs.append(
                PairResult(it.id, a, tg, it.category, it.features, pair_found, cat_ok, dir_ok, mod_ok, pred)
            )
    return EventReport(
        n_sentences=len(items),
        without_evidence=without,
        overall=overall.as_dict(),
        per_category={k: v.as_dict() for k, v in by_cat.items()},
        per_feature={k: v.as_dict() for k, v in by_feat.items()},
        pairs=pairs,
        missed_actors=missed,
        actor_misses={k: causes[k] for k in MISS_CAUSES if causes[k]},
    )


MISS_CAUSES = ("no_evidence", "same_name_other_id", "other_actor")


def _miss_cause(
    actor: str, evidence: Sequence[StanceEvidence], names_of: Callable[[str], Iterable[str]] | None
) -> str:
    if not evidence:
        return "no_evidence"
    if names_of is not None:
        from stancewire.nlp.registry import normalise  # light module (no spaCy)

        names = set(names_of(actor))
        if any(normalise(ev.actor.name) in names for ev in evidence):
            return "same_name_other_id"
    return "other_actor"


def predict_events(items: Iterable[EventItem], extractor: Any) -> dict[str, list[StanceEvidence]]:
    """Run the real extractor (spaCy + quotes + stance) on every sentence, one article each."""
    items = list(items)
    out: dict[str, list[StanceEvidence]] = {}
    for it, res in zip(items, extractor.extract_many(it.article() for it in items), strict=True):
        out[it.id] = list(res.stances)
    return out
