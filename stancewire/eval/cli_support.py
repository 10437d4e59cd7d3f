"""Glue between the ``stancewire eval`` command and the quote scorer.

Kept separate from :mod:`stancewire.eval.quotes_eval` so the scorer stays importable without
the NLP stack: the extractor (spaCy and its model) is imported lazily, only when an evaluation
actually runs.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from stancewire.eval.quotes_eval import load_gold, render_report, score, scores_json
from stancewire.schemas import Article, ExtractionResult

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "tests" / "data" / "gold" / "quotes.jsonl"


def gold_articles(gold: Sequence[Mapping[str, Any]]) -> list[Article]:
    """Turn gold records into the :class:`Article` objects the extractor consumes.

    Only what a scraper would send is passed on (no quotes, no annotation metadata), so the
    extractor cannot see the answers.
    """
    articles = []
    for rec in gold:
        meta = rec.get("metadata") or {}
        articles.append(
            Article(
                id=str(rec["id"]),
                text=rec["text"],
                title=rec.get("title", ""),
                source=rec.get("source", "unknown"),
                published_at=rec.get("published_at"),
                synthetic=bool(rec.get("synthetic", False)),
                metadata={k: v for k, v in meta.items() if k in ("synthetic", "genre", "style")},
            )
        )
    return articles


def make_extractor(model_name: str | None) -> Any:
    """The Extractor the eval commands use, on ``model_name`` or the configured model."""
    from stancewire.nlp.extract import Extractor  # lazy: pulls in spaCy and the model

    if model_name is None:
        return Extractor()
    try:
        return Extractor(model_name=model_name)
    except TypeError:
        return Extractor(model_name)


def _as_results(
    raw: Iterable[Any], articles: Sequence[Article]
) -> list[ExtractionResult | Mapping[str, Any]]:
    """Accept ExtractionResult objects/dicts, or per-article lists of quotes in input order."""
    out: list[ExtractionResult | Mapping[str, Any]] = []
    for i, item in enumerate(raw):
        if isinstance(item, ExtractionResult | Mapping):
            out.append(item)
        elif isinstance(item, list | tuple):
            out.append({"article_id": articles[i].id, "quotes": list(item)})
        else:
            raise TypeError(f"extract_many yielded {type(item).__name__}; expected ExtractionResult")
    return out


def run_quote_eval(
    gold_path: str | Path | None = None,
    model_name: str | None = None,
    json_out: bool = False,
    *,
    errors: bool = False,
    out: TextIO | None = None,
) -> int:
    """Run the extractor over the gold articles, score it and print the report; return an exit code.

    ``json_out`` prints the scores as JSON instead of tables (``errors`` adds every miss,
    spurious quote and wrong speaker to the JSON). Exit codes: 0 scored, 2 the gold file or the
    extractor could not be loaded.
    """
    stream = out or sys.stdout
    path = Path(gold_path) if gold_path else DEFAULT_GOLD
    try:
        gold = load_gold(path)
    except (OSError, ValueError) as exc:
        print(f"error: cannot read gold file {path}: {exc}", file=sys.stderr)
        return 2
    articles = gold_articles(gold)
    try:
        extractor = make_extractor(model_name)
    except Exception as exc:  # ImportError, missing model, bad model name: report, don't crash
        print(f"error: cannot load the extractor: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    results = _as_results(extractor.extract_many(articles), articles)
    elapsed = time.perf_counter() - t0
    scores = score(gold, results, keep_errors=errors)
    if json_out:
        print(scores_json(scores, errors=errors), file=stream)
    else:
        print(render_report(scores), file=stream, end="")
        print(f"Extraction: {len(articles)} articles in {elapsed:.1f}s ({path})", file=stream)
    return 0
