"""Run the extractor over PolNeAR articles and score it (``stancewire eval --format polnear``).

Kept apart from :mod:`stancewire.eval.polnear` so the scorer stays importable without spaCy.
Articles go through the extractor's pipeline (``nlp.pipe`` in batches, without stance coding:
it is not scored here and costs time); each Doc's quotes and its mention index
(``Doc._.mentions``) are read before the Doc is released, so "any mention of the resolved
actor" can be checked against the gold Source. An extractor that is not a pipeline
:class:`~stancewire.nlp.extract.Extractor` is run through ``extract_many`` and only our own
speaker mentions count.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

from stancewire.eval.polnear import (
    PredAttribution,
    predictions_from_quotes,
    render_report,
    score,
    scores_json,
)
from stancewire.eval.polnear_corpus import (
    DEFAULT_DIR,
    CorpusArticle,
    CorpusError,
    Frag,
    Split,
    load_corpus,
    read_metadata,
)
from stancewire.schemas import Article


def publication_dates(root: Path) -> dict[str, datetime]:
    """Publication dates from ``metadata.tsv`` (the registry scopes office-holders by date)."""
    out: dict[str, datetime] = {}
    for name, row in read_metadata(root).items():
        try:
            out[name] = datetime.fromisoformat(row["publication_date"]).replace(tzinfo=UTC)
        except (KeyError, ValueError, TypeError):
            continue
    return out


def corpus_articles(
    corpus: Sequence[CorpusArticle], dates: dict[str, datetime], masked: bool
) -> list[Article]:
    """The corpus as our Articles (dated, source from the name; noise masked when ``masked``)."""
    mask = None
    if masked:
        from stancewire.nlp.noise import mask_noise as mask  # offsets stay valid: same length
    return [
        Article(
            id=a.name,
            text=mask(a.text) if mask else a.text,
            published_at=dates.get(a.name),
            source=a.name.split("_", 1)[0],
            # The byline, as a scraper would send it: first-person narration is its writer's.
            authors=[a.byline] if a.byline.strip() else [],
        )
        for a in corpus
    ]


def extract_attributions(
    extractor: Any, articles: Sequence[Article], batch_size: int = 16
) -> Iterator[tuple[str, list[PredAttribution], dict[str, list[Frag]]]]:
    """(article id, predicted attributions, actor id -> mention spans) per article, in order."""
    if not all(hasattr(extractor, a) for a in ("nlp", "make_doc", "component_cfg", "disabled")):
        for result in extractor.extract_many(articles, batch_size=batch_size):
            yield result.article_id, predictions_from_quotes(result.quotes), {}
        return
    from stancewire.nlp.components import release

    it = iter(articles)
    while batch := list(islice(it, batch_size)):
        # The same call as Extractor.extract_many (masking, registry, stance off), but the Doc is
        # kept until its mention index is read: the ExtractionResult carries quotes only, and
        # without the index a floating quote's speaker could only be checked by its own mention.
        docs = extractor.nlp.pipe(
            (extractor.make_doc(a) for a in batch),
            batch_size=batch_size,
            disable=extractor.disabled,
            component_cfg=extractor.component_cfg(),
        )
        for doc, article in zip(docs, batch, strict=True):
            try:
                quotes = list(doc._.quotes or ())
                spans: dict[str, list[Frag]] = {}
                for m in getattr(doc._.mentions, "mentions", ()):
                    spans.setdefault(m.actor.id, []).append((m.start, m.end))
            finally:
                release(doc)
            yield article.id, predictions_from_quotes(quotes), spans


def save_predictions(
    path: Path, predicted: dict[str, list[PredAttribution]], mentions: dict[str, dict[str, list[Frag]]]
) -> None:
    """One JSON line per article: its predicted attributions and the actor mention index."""
    with path.open("w", encoding="utf-8") as fh:
        for name, preds in predicted.items():
            rec = {
                "article": name,
                "predicted": [asdict(p) for p in preds],
                "mentions": mentions.get(name, {}),
            }
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def load_predictions(path: Path) -> tuple[dict[str, list[PredAttribution]], dict[str, dict[str, list[Frag]]]]:
    """Read what :func:`save_predictions` wrote (to re-score without extracting again)."""
    predicted: dict[str, list[PredAttribution]] = {}
    mentions: dict[str, dict[str, list[Frag]]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            predicted[rec["article"]] = [
                PredAttribution(
                    frags=tuple((int(a), int(b)) for a, b in p["frags"]),
                    cue=p.get("cue"),
                    speaker_id=p.get("speaker_id"),
                    speaker_mention=tuple(p["speaker_mention"]) if p.get("speaker_mention") else None,  # type: ignore[arg-type]
                )
                for p in rec["predicted"]
            ]
            mentions[rec["article"]] = {
                k: [(int(a), int(b)) for a, b in v] for k, v in rec["mentions"].items()
            }
    return predicted, mentions


def run_polnear_eval(
    directory: str | Path | None = None,
    split: Split = "dev",
    json_out: bool = False,
    *,
    mask_noise: bool = False,
    limit: int | None = None,
    model_name: str | None = None,
    batch_size: int = 16,
    save: str | Path | None = None,
    load: str | Path | None = None,
    out: TextIO | None = None,
) -> int:
    """Extract, score and print; exit code 0 scored, 2 corpus, extractor or predictions unavailable.

    ``save`` writes the predictions to a JSONL file; ``load`` scores predictions from such a
    file instead of running the extractor (for changes to the scorer, without the CPU cost).
    """
    stream = out or sys.stdout
    root = Path(directory) if directory else DEFAULT_DIR
    try:
        corpus = load_corpus(root, split=split, limit=limit)
    except (CorpusError, OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read the PolNeAR corpus: {exc}", file=sys.stderr)
        return 2
    if not corpus:
        print(f"error: no annotated articles in the {split} split of {root}", file=sys.stderr)
        return 2
    if load:
        try:
            predicted, mentions = load_predictions(Path(load))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            print(f"error: cannot read predictions from {load}: {exc}", file=sys.stderr)
            return 2
        scores = score(corpus, predicted, mentions, split=split)
        scores.options = {
            "mask_noise": mask_noise,
            "predictions": str(load),
            **({"limit": limit} if limit else {}),
        }
        print(
            scores_json(scores) if json_out else render_report(scores),
            file=stream,
            end="\n" if json_out else "",
        )
        return 0
    try:
        from stancewire.nlp.extract import Extractor

        kwargs: dict[str, Any] = {"with_stance": False}
        if model_name:
            kwargs["model_name"] = model_name
        extractor = Extractor(**kwargs)
    except Exception as exc:  # missing model, bad name: report, don't crash
        print(f"error: cannot load the extractor: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    articles = corpus_articles(corpus, publication_dates(root), mask_noise)
    t0 = time.perf_counter()
    predicted: dict[str, list[PredAttribution]] = {}
    mentions: dict[str, dict[str, list[Frag]]] = {}
    for name, preds, spans in extract_attributions(extractor, articles, batch_size):
        predicted[name] = preds
        mentions[name] = spans
    elapsed = time.perf_counter() - t0
    if save:
        save_predictions(Path(save), predicted, mentions)
    scores = score(corpus, predicted, mentions, split=split)
    scores.options = {"mask_noise": mask_noise, **({"limit": limit} if limit else {})}
    if json_out:
        print(scores_json(scores), file=stream)
    else:
        print(render_report(scores), file=stream, end="")
        print(f"Extraction: {len(articles)} articles in {elapsed:.1f}s ({root})", file=stream)
    return 0


__all__ = ["extract_attributions", "load_predictions", "run_polnear_eval", "save_predictions"]
