"""Stage 3: NLP results to records (``quotes`` and ``stances``) or dead letters.

Two halves, on either side of the process boundary of ``agents.nlp_worker``:

* ``extract_batch`` runs in the NLP process: it extracts a batch with one ``nlp.pipe`` pass
  (one article at a time if that fails, to isolate the article that breaks it) and turns each
  result into an ``Outcome`` whose records are already JSON bytes, so the worker's event loop
  only forwards bytes (no second pydantic round trip).
* ``extract_and_route`` runs in the agent: it routes the outcomes of a batch to records and
  dead letters.

Outputs carry content-derived ids (``quote_id``, ``evidence_id``), so a batch processed again
after a crash publishes the same records again and every downstream consumer dedupes them by id.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from stancewire.schemas import Article, ExtractionResult
from stancewire.stages.dead_letter import dead_letter_for
from stancewire.stages.records import QUOTES, STANCES, Output, Record

# 64 bits of the content hash tell versions of one article apart; kept short because every
# position stores it per article.
ARTICLE_VERSION_CHARS = 16


@dataclass
class Failed:
    article_id: str
    kind: str
    error: str


@dataclass
class Extracted:
    article_id: str
    quotes: list[tuple[str, bytes]] = field(default_factory=list)  # (speaker id, Quote JSON)
    stances: list[tuple[str, bytes]] = field(default_factory=list)  # (actor id, StanceEvidence JSON)


Outcome = Extracted | Failed


@dataclass(frozen=True)
class ExtractLimits:
    max_quotes: int = 500
    max_seconds: float = 30.0


class Extractor(Protocol):
    """What ``extract_batch`` needs of ``stancewire.nlp.extract.Extractor``."""

    def extract(self, article: Article) -> ExtractionResult: ...

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ExtractionResult]: ...


def outcome_of(article: Article, result: ExtractionResult, elapsed: float, limits: ExtractLimits) -> Outcome:
    """The records of one extracted article as (key, JSON bytes), or why it is rejected."""
    if elapsed > limits.max_seconds:
        return Failed(
            article.id,
            "processing_timeout",
            f"extraction took {elapsed:.1f}s (limit {limits.max_seconds:.1f}s)",
        )
    if len(result.quotes) > limits.max_quotes:
        count = len(result.quotes)
        return Failed(article.id, "too_many_quotes", f"{count} quotes (limit {limits.max_quotes})")
    # Evidence carries the article's ingest time and version so positions can tell a corrected
    # re-send of the article (new version) from a redelivery of the same one.
    stamp = {
        "ingested_at": article.ingested_at,
        "article_version": article.content_hash[:ARTICLE_VERSION_CHARS],
    }
    return Extracted(
        article.id,
        quotes=[
            (q.speaker.id if q.speaker else "unknown", q.model_dump_json().encode()) for q in result.quotes
        ],
        stances=[
            (ev.actor.id, ev.model_copy(update=stamp).model_dump_json().encode()) for ev in result.stances
        ],
    )


def extract_batch(
    articles: Sequence[Article],
    extractor: Extractor,
    limits: ExtractLimits,
    clock: Callable[[], float] = time.perf_counter,
) -> list[Outcome]:
    """One outcome per article, in order: a batch pass, or one by one if the batch pass fails."""
    outcomes: list[Outcome] = []
    try:
        started = clock()
        for article, result in zip(articles, extractor.extract_many(articles), strict=True):
            now = clock()
            outcomes.append(outcome_of(article, result, now - started, limits))
            started = now
        return outcomes
    except Exception:  # isolate the article that breaks the batch
        outcomes = []
    for article in articles:
        started = clock()
        try:
            result = extractor.extract(article)
        except Exception as exc:
            outcomes.append(Failed(article.id, "extraction_error", f"{type(exc).__name__}: {exc}"[:500]))
            continue
        outcomes.append(outcome_of(article, result, clock() - started, limits))
    return outcomes


@dataclass
class ExtractOutput(Output):
    extracted: int = 0  # articles whose records are published (not dead-lettered)


def extract_and_route(
    articles: Sequence[Article],
    outcomes: Sequence[Outcome],
    *,
    source_topic: str,
    max_original_bytes: int,
) -> ExtractOutput:
    """Route a batch's outcomes: each article's quotes (keyed by speaker id) and stance evidence
    (keyed by actor id) in article order, or a dead letter of the article (from ``source_topic``)
    with the reason."""
    out = ExtractOutput()
    for article, outcome in zip(articles, outcomes, strict=True):
        if isinstance(outcome, Failed):
            out.dead_letters.append(
                dead_letter_for(
                    article.model_dump_json().encode("utf-8"),
                    topic=source_topic,
                    partition=None,
                    offset=None,
                    stage="extract",
                    kind=outcome.kind,
                    error=outcome.error,
                    max_original_bytes=max_original_bytes,
                    article_id=article.id,
                )
            )
            continue
        out.records.extend(Record(QUOTES, key, value) for key, value in outcome.quotes)
        out.records.extend(Record(STANCES, key, value) for key, value in outcome.stances)
        out.extracted += 1
    return out
