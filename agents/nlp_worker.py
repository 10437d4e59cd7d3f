"""Runs the NLP core for the extract agent, off the event loop, one batch at a time.

spaCy parsing is CPU-bound; running it in a single worker thread keeps the event loop free
to heartbeat, fetch and publish while a batch is parsed. One thread is enough: a worker is one
core's worth of parsing, and more workers (processes) scale it.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from stancewire.schemas import Article, ExtractionResult

if TYPE_CHECKING:
    from stancewire.nlp.extract import Extractor


@dataclass
class Failed:
    article: Article
    kind: str
    error: str


Outcome = ExtractionResult | Failed


class NlpWorker:
    def __init__(
        self, model_name: str, max_quotes: int, max_seconds: float, actors_path: str | None = None
    ) -> None:
        self.model_name = model_name
        self.max_quotes = max_quotes
        self.max_seconds = max_seconds
        self.actors_path = actors_path
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nlp")
        self._extractor: Extractor | None = None

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            from stancewire.nlp.extract import Extractor
            from stancewire.nlp.registry import default_registry

            extra = [self.actors_path] if self.actors_path else []
            self._extractor = Extractor(model_name=self.model_name, registry=default_registry(extra))
        return self._extractor

    def warm_up(self) -> None:
        self.extractor.extract(Article(id="warm-up", text="The minister said the talks would resume."))

    def _check(self, article: Article, result: ExtractionResult, elapsed: float) -> Outcome:
        if elapsed > self.max_seconds:
            return Failed(
                article,
                "processing_timeout",
                f"extraction took {elapsed:.1f}s (limit {self.max_seconds:.1f}s)",
            )
        if len(result.quotes) > self.max_quotes:
            return Failed(
                article, "too_many_quotes", f"{len(result.quotes)} quotes (limit {self.max_quotes})"
            )
        return result

    def run_batch(self, articles: Sequence[Article]) -> list[Outcome]:
        """Extract a batch with one ``nlp.pipe`` pass; fall back to one by one if it fails."""
        outcomes: list[Outcome] = []
        try:
            started = time.perf_counter()
            for article, result in zip(articles, self.extractor.extract_many(articles), strict=True):
                now = time.perf_counter()
                outcomes.append(self._check(article, result, now - started))
                started = now
            return outcomes
        except Exception:  # isolate the article that breaks the batch
            outcomes = []
        for article in articles:
            started = time.perf_counter()
            try:
                result = self.extractor.extract(article)
            except Exception as exc:
                outcomes.append(Failed(article, "extraction_error", f"{type(exc).__name__}: {exc}"[:500]))
                continue
            outcomes.append(self._check(article, result, time.perf_counter() - started))
        return outcomes
