"""Train the learned speaker ranker on PolNeAR's development part, cross-validate it, ship it.

``python -m stancewire.eval.train_speaker_ranker [--polnear-dir DIR] [--folds 5] [--out FILE]``

1. The extractor runs over the *dev* articles with the ranker off (the rules alone) and keeps a
   trace of every decision the ranker would make (a "he"/"she" speaker, a definite role noun):
   the candidates and their features (:mod:`stancewire.nlp.attribution.candidates`). These
   predictions are also the *before* of the comparison.
2. Labels. PolNeAR annotates who speaks (Source) but not whom a pronoun refers to, so a label is
   read off the annotation around the decision: a decision whose speaker token is a gold Source
   of kind pronoun or role gets as its answer the candidate named by the nearest gold Source of
   kind name before it (the last person the annotators saw speak by name, whom "he said"
   usually continues) that is among its candidates; a role noun whose gold Source is indefinite
   ("a spokesman") or that no earlier named Source fits gets the null candidate. Decisions with
   no gold Source there, or no candidate fitting, are not used.
3. A conditional logit per decision kind (softmax over a decision's candidates, L2, full-batch
   gradient descent from zero, fixed steps: deterministic) is trained on the folds' training
   articles; the held-out fold's decisions are scored by it (decision-level accuracy, ranker vs
   rules, on held-out articles only).
4. The extractor runs over dev again with the ranker on, each article scored by the model of
   the fold that did not train on it, and the PolNeAR scorer compares this to step 1 (the
   end-to-end cross-validated before/after).
5. One model is trained on every dev decision and written to ``--out`` (by default the shipped
   ``stancewire/nlp/data/speaker_ranker.json``). The holdout fifth is never read here.

Folds are by article: ``int(sha1(name), 16) // 5 % folds`` (the holdout split uses ``% 5``).
Without the corpus the script says so and exits 0 (nothing to train on is not an error of the
repository); it needs numpy, which spaCy already installs.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from stancewire.eval.polnear import score
from stancewire.eval.polnear_corpus import DEFAULT_DIR, CorpusArticle, CorpusError, load_corpus
from stancewire.eval.polnear_run import corpus_articles, extract_attributions, publication_dates
from stancewire.nlp.attribution.candidates import Decision
from stancewire.nlp.attribution.ranker import FEATURES, KINDS, MODEL_FILE, RankerModel

# The optimiser starts from zero and is full-batch, so nothing is random; the seed is recorded
# for the file's reader, not used.
SEED = 0
STEPS = 3000
LEARNING_RATE = 0.05
L2 = 0.01
_WORD = re.compile(r"[\w’'-]+")
_INDEFINITE = frozenset(
    {"a", "an", "another", "one", "some", "several", "many", "two", "three", "few", "other"}
)
_PLAIN = frozenset({"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "senator", "the", "former"})


@dataclass
class Instance:
    article: str
    kind: str
    feats: np.ndarray  # (candidates, features)
    positive: np.ndarray  # bool mask over candidates
    rule: int | None


def fold_of(name: str, folds: int) -> int:
    return int(hashlib.sha1(name.encode("utf-8")).hexdigest(), 16) // 5 % folds


# --------------------------------------------------------------------------- labels


def _words(text: str) -> set[str]:
    return {w.casefold() for t in _WORD.findall(text) for w in t.split("-") if w.casefold() not in _PLAIN}


def _overlaps(frags: Sequence[tuple[int, int]], a: int, b: int) -> bool:
    return any(s < b and a < e for s, e in frags)


def _id_word(actor_id: str | None) -> str | None:
    if not actor_id or ":" not in actor_id:
        return None
    return actor_id.split(":", 1)[1].split("-")[-1].casefold() or None


def label(art: CorpusArticle, d: Decision, scheme: str = "nearest") -> np.ndarray | None:
    """The positive mask of a decision's candidates (module doc, step 2), or None: no label.

    ``scheme="own"`` (``--label own``) first reads the decision's own gold Source: when it names
    a candidate ("pollster Ivo Marsh" for "the pollster"), that candidate is the answer; and it
    takes the nearest earlier named Source only in the decision's paragraph or the one before (further
    back, the last named speaker is a guess of the label's own, which taught the ranker to
    prefer the previous speaker); otherwise no label."""
    want = ("pronoun",) if d.kind == "pronoun" else ("role",)
    gold = next(
        (g for g in art.attributions if g.source_kind in want and _overlaps(g.source_frags, d.start, d.end)),
        None,
    )
    if gold is None:
        return None
    ids = d.actor_ids
    null = ids.index(None) if None in ids else None
    mask = np.zeros(len(ids), dtype=bool)
    first = (gold.source or "").strip().split(" ", 1)[0].casefold()
    if d.kind == "role" and first in _INDEFINITE:
        if null is None:
            return None
        mask[null] = True
        return mask
    if scheme == "own":
        own = _words(gold.source or "")
        hits = [i for i, aid in enumerate(ids) if (w := _id_word(aid)) is not None and w in own]
        if hits:
            mask[hits] = True
            return mask
    named = sorted(
        (g.source_frags[0][0], _words(g.source or ""))
        for g in art.attributions
        if g.source_kind in ("name", "organisation") and g.source_frags and g.source_frags[0][0] < d.start
    )
    if scheme == "own":
        # The decision's paragraph and the one before it only.
        brk = art.text.rfind("\n\n", 0, d.start)
        floor = art.text.rfind("\n\n", 0, brk) if brk > 0 else -1
        named = [(a, w) for a, w in named if a > floor]
    for _, words in reversed(named):
        hits = [i for i, aid in enumerate(ids) if (w := _id_word(aid)) is not None and w in words]
        if hits:
            mask[hits] = True
            return mask
    if null is not None:
        mask[null] = True
        return mask
    return None


# --------------------------------------------------------------------------- model


def train(instances: Sequence[Instance]) -> tuple[float, ...]:
    """Weights of a conditional logit over the instances' candidates (L2, gradient descent)."""
    w = np.zeros(len(FEATURES))
    if not instances:
        return tuple(float(x) for x in w)
    # All candidates in one matrix, each instance a contiguous block (segment sums by reduceat).
    x = np.vstack([i.feats for i in instances])
    pos = np.concatenate([i.positive for i in instances]).astype(float)
    starts = np.cumsum([0] + [len(i.feats) for i in instances[:-1]])
    sizes = np.array([len(i.feats) for i in instances])
    n = len(instances)
    m1 = np.zeros_like(w)
    m2 = np.zeros_like(w)
    for step in range(1, STEPS + 1):
        s = x @ w
        s = s - np.repeat(np.maximum.reduceat(s, starts), sizes)
        e = np.exp(s)
        p = e / np.repeat(np.add.reduceat(e, starts), sizes)
        pp = p * pos
        q = pp / np.repeat(np.add.reduceat(pp, starts), sizes)  # the positives' share
        grad = L2 * w + x.T @ (p - q) / n
        # Adam: the features differ in scale, and a fixed number of steps must get there.
        m1 = 0.9 * m1 + 0.1 * grad
        m2 = 0.999 * m2 + 0.001 * grad**2
        w -= LEARNING_RATE * (m1 / (1 - 0.9**step)) / (np.sqrt(m2 / (1 - 0.999**step)) + 1e-8)
    return tuple(float(v) for v in w)


def train_model(instances: Sequence[Instance], meta: dict[str, object]) -> RankerModel:
    return RankerModel({k: train([i for i in instances if i.kind == k]) for k in KINDS}, meta)


def accuracy(model: RankerModel | None, instances: Sequence[Instance]) -> tuple[int, int]:
    """(right, total): the model's pick (the rules' without a model) is a positive."""
    ok = 0
    for inst in instances:
        pick = inst.rule if model is None else model.best(inst.kind, inst.feats.tolist())
        ok += pick is not None and bool(inst.positive[pick])
    return ok, len(instances)


class FoldScorer:
    """Each article scored by the model of the fold that did not train on it."""

    def __init__(self, models: dict[int, RankerModel], folds: int) -> None:
        self.models = models
        self.folds = folds

    def for_article(self, article_id: str) -> RankerModel:
        return self.models[fold_of(article_id, self.folds)]


# --------------------------------------------------------------------------- run


def _extract(extractor: Any, articles: Sequence[Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    predicted: dict[str, Any] = {}
    mentions: dict[str, Any] = {}
    for name, preds, spans in extract_attributions(extractor, articles):
        predicted[name], mentions[name] = preds, spans
    return predicted, mentions


def _speaker_rows(corpus: Sequence[CorpusArticle], predicted: Any, mentions: Any) -> dict[str, str]:
    s = score(corpus, predicted, mentions, split="dev")
    rows = {"all": f"{100 * s.speaker_strict_ok / max(s.speaker_n, 1):.1f} % of {s.speaker_n}"}
    for k in ("name", "pronoun", "role", "organisation"):
        x = s.by_source_kind[k]
        rows[k] = f"{100 * x.speaker_strict_ok / max(x.speaker_n, 1):.1f} % of {x.speaker_n}"
    rows["F1@0.3"] = f"{100 * s.overlap['0.3'].f1:.1f}"
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m stancewire.eval.train_speaker_ranker", description=__doc__)
    ap.add_argument("--polnear-dir", default=str(DEFAULT_DIR))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=None, help="only the first N dev articles (a quick look)")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "nlp" / "data" / MODEL_FILE))
    ap.add_argument("--no-end-to-end", action="store_true", help="skip step 4 (the second extraction)")
    ap.add_argument(
        "--label",
        choices=("nearest", "own"),
        default="nearest",
        help="label scheme (see label()): nearest earlier named Source, or the Source's own name first",
    )
    args = ap.parse_args(argv)
    try:
        corpus = load_corpus(args.polnear_dir, split="dev", limit=args.limit, errors=[])
    except (CorpusError, OSError) as exc:
        print(f"skipped: no PolNeAR corpus to train on ({exc})")
        return 0
    if not corpus:
        print(f"skipped: no dev articles in {args.polnear_dir}")
        return 0
    from stancewire.nlp.components import ATTRIBUTION
    from stancewire.nlp.extract import Extractor

    articles = corpus_articles(corpus, publication_dates(Path(args.polnear_dir)), masked=False)
    by_name = {a.name: a for a in corpus}
    extractor = Extractor(with_stance=False, speaker_ranker=False)
    comp = extractor.nlp.get_pipe(ATTRIBUTION)
    t0 = time.perf_counter()
    comp.trace = []
    try:
        before = _extract(extractor, articles)
        trace = comp.trace
    finally:
        comp.trace = None
    print(f"step 1: {len(articles)} dev articles extracted, rules alone ({time.perf_counter() - t0:.0f}s)")
    instances: list[Instance] = []
    decisions = {k: 0 for k in KINDS}
    for name, ds in trace:
        for d in ds:
            decisions[d.kind] += 1
            mask = label(by_name[name], d, args.label)
            if mask is not None and mask.any():
                instances.append(Instance(name, d.kind, np.array(d.feats, dtype=float), mask, d.rule))
    for k in KINDS:
        n = sum(i.kind == k for i in instances)
        print(f"step 2: {k}: {decisions[k]} decisions, {n} labelled")
    meta: dict[str, object] = {
        "trained_on": f"PolNeAR dev ({len(articles)} articles, {len(instances)} labelled decisions)",
        "command": "python -m stancewire.eval.train_speaker_ranker",
        "seed": SEED,
        "steps": STEPS,
        "l2": L2,
    }
    models: dict[int, RankerModel] = {}
    cv = {k: [0, 0, 0] for k in KINDS}  # ranker right, rules right, total (held-out decisions)
    for f in range(args.folds):
        models[f] = train_model([i for i in instances if fold_of(i.article, args.folds) != f], meta)
        held = [i for i in instances if fold_of(i.article, args.folds) == f]
        for k in KINDS:
            part = [i for i in held if i.kind == k]
            cv[k][0] += accuracy(models[f], part)[0]
            cv[k][1] += accuracy(None, part)[0]
            cv[k][2] += len(part)
    for k in KINDS:
        r, b, n = cv[k]
        print(
            f"step 3: {k}, {args.folds}-fold held-out decisions: ranker {100 * r / max(n, 1):.1f} % "
            f"vs rules {100 * b / max(n, 1):.1f} % ({n} decisions, label: {args.label})"
        )
    if not args.no_end_to_end:
        t0 = time.perf_counter()
        comp.scorer = FoldScorer(models, args.folds)
        try:
            after = _extract(Extractor(with_stance=False, speaker_ranker=True), articles)
        finally:
            comp.scorer = None
        print(f"step 4: extracted again with each fold's model ({time.perf_counter() - t0:.0f}s)")
        rb, ra = _speaker_rows(corpus, *before), _speaker_rows(corpus, *after)
        print("speaker strict on PolNeAR dev, fold-held-out: measure | rules | ranker")
        for k in rb:
            print(f"  {k:12} | {rb[k]:>16} | {ra[k]:>16}")
    final = train_model(instances, meta)
    Path(args.out).write_text(_dump(final), encoding="utf-8")
    print(f"step 5: model trained on all {len(instances)} labelled dev decisions -> {args.out}")
    return 0


def _dump(model: RankerModel) -> str:
    import json

    return json.dumps(model.to_dict(), indent=1) + "\n"


if __name__ == "__main__":
    sys.exit(main())
