"""The NLP child dies on one article while two batches are in flight: only that article is lost.

The extract agent keeps two batches in the NLP process's queue. When native code kills the child
(out of memory, a segfault), both batches fail with ``BrokenProcessPool``; the worker must start a
new child, retry both batches one article at a time, and dead-letter only the article that kills
the child again. The child here runs a small stand-in extractor that exits the process on a marked
article (a crash cannot be provoked on purpose in spaCy); the pool, the pickling and the process
deaths are real.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor

from agents import nlp_worker
from agents.nlp_worker import Extracted, Failed, NlpWorker
from stancewire.schemas import Article, ExtractionResult

CRASH = "KILL-THE-CHILD"


class _ExitingExtractor:
    """Extracts nothing; ends the process (like a native crash) on an article marked CRASH."""

    def extract(self, article: Article) -> ExtractionResult:
        if CRASH in article.text:
            os._exit(139)
        return ExtractionResult(article_id=article.id)

    def extract_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[ExtractionResult]:
        for article in articles:
            yield self.extract(article)


def _init_exiting() -> None:
    nlp_worker._extractor = _ExitingExtractor()  # type: ignore[assignment]


class _Worker(NlpWorker):
    def _new_executor(self) -> Executor:
        self.children_started = getattr(self, "children_started", 0) + 1
        return ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_init_exiting
        )


def _article(i: int, text: str = "Nothing to see.") -> Article:
    return Article(id=f"a{i}", text=text)


def test_only_the_crashing_article_is_lost_with_two_batches_in_flight() -> None:
    busy: list[float] = []
    worker = _Worker("unused", max_quotes=10, max_seconds=30.0, on_busy=busy.append)
    first = [_article(1), _article(2, f"This one {CRASH}."), _article(3)]
    second = [_article(4), _article(5), _article(6)]

    async def both() -> tuple[list, list]:  # type: ignore[type-arg]
        # Submitted together: the second batch is queued in the pool behind the first.
        return await asyncio.gather(worker.run_batch(first), worker.run_batch(second))

    try:
        out1, out2 = asyncio.run(both())
    finally:
        worker.executor.shutdown(wait=True)
    assert [type(o) for o in out1] == [Extracted, Failed, Extracted]
    assert isinstance(out1[1], Failed)
    assert (out1[1].article_id, out1[1].kind) == ("a2", "extraction_crashed")
    assert [o.article_id for o in out1] == ["a1", "a2", "a3"]
    assert all(isinstance(o, Extracted) for o in out2), out2
    assert [o.article_id for o in out2] == ["a4", "a5", "a6"]
    # The first child, the one the retries started, and the one after the second death.
    assert worker.children_started == 3
    # Busy time is reported for every batch the child finished (the retried articles one by one).
    assert len(busy) == 5 and all(b >= 0 for b in busy)
