"""Stance-evidence scorer over a gold file of small annotated articles.

Gold format (JSONL, one tiny article per line, e.g. ``tests/data/stance_sentences.jsonl``)::

    {"id": "st-001", "text": "Veltria imposed sanctions on Corvenia.", "synthetic": true,
     "domain": "diplomacy", "published_at": "2025-03-01T00:00:00Z",
     "expected": {"actor": "Veltria", "target": "Corvenia", "category": "SANCTION",
                  "direction": "-", "modality": "asserted"}}

``category`` is a PLOVER category or ``null`` (neutral); ``direction`` is the sign of the score
("+", "0", "-"); ``target`` is an actor name or an issue id (``issue:ceasefire``). Actor names
match an evidence actor/target when the normalised expected name equals or contains / is
contained in the actor's name or id slug ("Halden" ~ "Marek Halden", "Corvenia" ~ "gov:corven").

For each item the predicted evidence is chosen *without looking at the expected category*:
the evidence whose actor and target best match the gold pair (actor match weighs more), ties
broken by confidence. An item with no evidence counts as wrong on every measure.

Measures: category accuracy, direction accuracy (sign of score), source match, target match,
modality accuracy, each over all N items; plus per-category accuracy and the list of errors.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from stancewire.schemas import ActorRef, Article, StanceEvidence, TargetRef

# |score| below this is "0": REQUEST and neutral statements score 0, attenuated acts near it.
DIRECTION_EPS = 0.25
NEUTRAL = "NEUTRAL"


def direction(score: float) -> str:
    if score > DIRECTION_EPS:
        return "+"
    if score < -DIRECTION_EPS:
        return "-"
    return "0"


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", s.lower())


def name_matches(expected: str | None, ref: ActorRef | TargetRef | None) -> bool:
    if expected is None or ref is None:
        return expected is None and ref is None
    if expected.startswith("issue:"):
        return ref.id == expected
    e = _norm(expected)
    if not e:
        return False
    for cand in (_norm(ref.name), _norm(ref.id.split(":", 1)[-1])):
        if not cand:
            continue
        if e == cand or (len(cand) >= 4 and cand in e) or (len(e) >= 4 and e in cand):
            return True
    return False


@dataclass
class GoldItem:
    id: str
    text: str
    actor: str
    target: str | None
    category: str | None
    direction: str
    modality: str
    published_at: datetime | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> GoldItem:
        exp = d["expected"]
        pub = d.get("published_at")
        return cls(
            id=d["id"],
            text=d["text"],
            actor=exp["actor"],
            target=exp.get("target"),
            category=exp.get("category"),
            direction=exp["direction"],
            modality=exp.get("modality", "asserted"),
            published_at=datetime.fromisoformat(pub.replace("Z", "+00:00")) if pub else None,
            meta={k: v for k, v in d.items() if k not in ("expected", "text")},
        )

    def article(self) -> Article:
        return Article(
            id=self.id,
            text=self.text,
            synthetic=True,
            source="stancewire-gold",
            published_at=self.published_at or datetime(2025, 3, 1, tzinfo=UTC),
        )


def load_gold(path: str | Path) -> list[GoldItem]:
    items: list[GoldItem] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            items.append(GoldItem.from_json(json.loads(line)))
    return items


def select(item: GoldItem, evidence: Sequence[StanceEvidence]) -> StanceEvidence | None:
    """The evidence that best matches the gold actor/target pair (never the category)."""
    best: tuple[float, StanceEvidence] | None = None
    for ev in evidence:
        s = 2.0 * name_matches(item.actor, ev.actor) + 1.0 * name_matches(item.target, ev.target)
        s += 0.1 * ev.confidence
        if best is None or s > best[0]:
            best = (s, ev)
    return best[1] if best else None


@dataclass
class ItemResult:
    id: str
    expected: dict[str, Any]
    predicted: dict[str, Any] | None
    category_ok: bool
    direction_ok: bool
    source_ok: bool
    target_ok: bool
    modality_ok: bool


@dataclass
class StanceReport:
    n: int
    missing: int
    category_accuracy: float
    direction_accuracy: float
    source_match: float
    target_match: float
    modality_accuracy: float
    per_category: dict[str, dict[str, float]]
    modality_confusion: dict[str, dict[str, int]]
    items: list[ItemResult]

    def to_dict(self, with_items: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "n": self.n,
            "missing": self.missing,
            "category_accuracy": self.category_accuracy,
            "direction_accuracy": self.direction_accuracy,
            "source_match": self.source_match,
            "target_match": self.target_match,
            "modality_accuracy": self.modality_accuracy,
            "per_category": self.per_category,
            "modality_confusion": self.modality_confusion,
        }
        errors = [
            i
            for i in self.items
            if not (i.category_ok and i.direction_ok and i.source_ok and i.target_ok and i.modality_ok)
        ]
        d["errors"] = [i.__dict__ for i in (self.items if with_items else errors)]
        return d

    def to_json(self, **kw: Any) -> str:
        return json.dumps(self.to_dict(**kw), indent=2, ensure_ascii=False)

    def format(self, max_errors: int = 25) -> str:
        lines = [
            f"stance evaluation: N={self.n} items, {self.missing} without evidence",
            f"  category accuracy   {self.category_accuracy:.3f}",
            f"  direction accuracy  {self.direction_accuracy:.3f}   (sign of score: +, 0, -)",
            f"  source match        {self.source_match:.3f}",
            f"  target match        {self.target_match:.3f}",
            f"  modality accuracy   {self.modality_accuracy:.3f}",
            "  per category (gold): "
            + ", ".join(f"{c} {v['correct']:.0f}/{v['n']:.0f}" for c, v in sorted(self.per_category.items())),
        ]
        errs = [
            i
            for i in self.items
            if not (i.category_ok and i.direction_ok and i.source_ok and i.target_ok and i.modality_ok)
        ]
        if errs:
            lines.append(f"  errors ({len(errs)}; first {min(max_errors, len(errs))}):")
            for i in errs[:max_errors]:
                e, p = i.expected, i.predicted or {}
                lines.append(
                    f"    {i.id}: expected {e['actor']}->{e['target']} {e['category']} {e['direction']} "
                    f"{e['modality']} | got {p.get('actor')}->{p.get('target')} {p.get('category')} "
                    f"{p.get('direction')} {p.get('modality')}"
                )
        return "\n".join(lines)


def score(items: Sequence[GoldItem], predictions: Mapping[str, Sequence[StanceEvidence]]) -> StanceReport:
    results: list[ItemResult] = []
    per_cat: dict[str, Counter[str]] = defaultdict(Counter)
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    for it in items:
        ev = select(it, predictions.get(it.id, []))
        exp = {
            "actor": it.actor,
            "target": it.target,
            "category": it.category,
            "direction": it.direction,
            "modality": it.modality,
        }
        gold_cat = it.category or NEUTRAL
        if ev is None:
            r = ItemResult(it.id, exp, None, False, False, False, False, False)
            confusion[it.modality]["(none)"] += 1
        else:
            pred = {
                "actor": ev.actor.id,
                "target": ev.target.id,
                "category": ev.category,
                "direction": direction(ev.score),
                "score": ev.score,
                "modality": ev.modality,
            }
            r = ItemResult(
                it.id,
                exp,
                pred,
                category_ok=(ev.category or NEUTRAL) == gold_cat,
                direction_ok=direction(ev.score) == it.direction,
                source_ok=name_matches(it.actor, ev.actor),
                target_ok=name_matches(it.target, ev.target),
                modality_ok=ev.modality == it.modality,
            )
            confusion[it.modality][ev.modality] += 1
        per_cat[gold_cat]["n"] += 1
        per_cat[gold_cat]["correct"] += int(r.category_ok)
        results.append(r)
    n = len(results)

    def frac(attr: str) -> float:
        return round(sum(getattr(r, attr) for r in results) / n, 4) if n else 0.0

    return StanceReport(
        n=n,
        missing=sum(r.predicted is None for r in results),
        category_accuracy=frac("category_ok"),
        direction_accuracy=frac("direction_ok"),
        source_match=frac("source_ok"),
        target_match=frac("target_ok"),
        modality_accuracy=frac("modality_ok"),
        per_category={
            c: {"n": v["n"], "correct": v["correct"], "accuracy": round(v["correct"] / v["n"], 3)}
            for c, v in per_cat.items()
        },
        modality_confusion={k: dict(v) for k, v in confusion.items()},
        items=results,
    )


def actors_sidecar(path: str | Path) -> Path | None:
    """``foo.jsonl`` -> ``foo.actors.jsonl`` if it exists: registry records for the gold file's
    fictional countries, so that the score measures stance coding, not whether spaCy's NER
    happens to tag an invented country name. A split file ``foo.dev.jsonl`` also finds the
    shared ``foo.actors.jsonl`` of its set."""
    p = Path(path)
    stem = p.name.removesuffix(".jsonl")
    for cand in (stem, stem.split(".", 1)[0]):
        side = p.with_name(cand + ".actors.jsonl")
        if side.exists() and side != p:
            return side
    return None


def make_extractor(model_name: str | None = None, actors: Path | None = None) -> Any:
    from stancewire.nlp.extract import Extractor  # heavy import: only when evaluating
    from stancewire.nlp.registry import ActorRegistry, default_registry

    registry = ActorRegistry([actors]) if actors is not None else default_registry()
    return Extractor(model_name, registry=registry) if model_name else Extractor(registry=registry)


def predict(
    items: Iterable[GoldItem], model_name: str | None = None, extractor: Any = None
) -> dict[str, list[StanceEvidence]]:
    """Run the real pipeline (spaCy + quote attribution + stance) on every gold item."""
    if extractor is None:
        extractor = make_extractor(model_name)
    items = list(items)
    out: dict[str, list[StanceEvidence]] = {}
    for it, res in zip(items, extractor.extract_many(it.article() for it in items), strict=True):
        out[it.id] = list(res.stances)
    return out


def evaluate(path: str | Path, model_name: str | None = None, extractor: Any = None) -> StanceReport:
    items = load_gold(path)
    if extractor is None:
        extractor = make_extractor(model_name, actors_sidecar(path))
    return score(items, predict(items, extractor=extractor))


# The event gold set of issue 16 (scripts/build_event_gold.py): the dev part and the fixed
# held-out part, scored and printed separately so tuning on one can be checked on the other.
EVENT_GOLD_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "events"
EVENT_SPLITS = ("dev", "heldout")


def event_gold_paths(directory: Path = EVENT_GOLD_DIR) -> list[Path]:
    return [directory / f"event_sentences.{split}.jsonl" for split in EVENT_SPLITS]


def run_stance_eval(
    path: str | Path | Sequence[str | Path], model_name: str | None = None, as_json: bool = False
) -> int:
    """CLI entry (``stancewire eval --stance``): print the report; 0 on success, 2 on bad input.

    ``path`` is a quote-based stance gold file (``stance_sentences.jsonl``) or one or more event
    gold files (``expected.pairs``, told apart by content); several files are scored one by one
    (one extractor per actor sidecar, so the model loads once for a set's dev and held-out
    parts) and reported under their names (JSON: an object keyed by file stem)."""
    paths = [Path(path)] if isinstance(path, str | Path) else [Path(p) for p in path]
    for p in paths:
        if not p.exists():
            print(f"stance gold file not found: {p}")
            return 2
    from stancewire.eval.event_eval import is_event_gold, load_event_gold, predict_events, score_events

    reports: dict[str, Any] = {}
    texts: list[str] = []
    extractors: dict[Path | None, Any] = {}  # one per actor sidecar: the model loads once per set
    for p in paths:
        try:
            event = is_event_gold(p)
            items: Sequence[Any] = load_event_gold(p) if event else load_gold(p)
        except (ValueError, KeyError, TypeError) as e:
            # KeyError/TypeError: a quote-based gold line without its expected fields.
            print(f"bad stance gold file {p}: {type(e).__name__}: {e}")
            return 2
        if not items:
            print(f"stance gold file is empty: {p}")
            return 2
        side = actors_sidecar(p)
        if side not in extractors:
            extractors[side] = make_extractor(model_name, side)
        extractor = extractors[side]
        if event:
            registry = extractor.registry

            def names_of(actor_id: str, registry: Any = registry) -> list[str]:
                actor = registry.get(actor_id)
                return list(actor.aliases) if actor is not None else []

            ev_report = score_events(items, predict_events(items, extractor), names_of)
            reports[p.name.removesuffix(".jsonl")] = ev_report.to_dict()
            texts.append(ev_report.format(title=f"event evaluation ({p.name})"))
        else:
            report = score(items, predict(items, extractor=extractor))
            reports[p.name.removesuffix(".jsonl")] = report.to_dict()
            texts.append(report.format())
    if as_json:
        out = next(iter(reports.values())) if len(reports) == 1 else reports
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print("\n\n".join(texts))
    return 0


if __name__ == "__main__":  # pragma: no cover - manual use
    import sys

    raise SystemExit(
        run_stance_eval(
            sys.argv[1] if len(sys.argv) > 1 else "tests/data/stance_sentences.jsonl",
            as_json="--json" in sys.argv,
        )
    )
