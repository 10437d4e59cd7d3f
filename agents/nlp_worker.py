"""Runs the NLP core for the extract agent in a child process, one batch at a time.

spaCy parsing is CPU-bound and holds the GIL most of the time. In a thread of the worker it
competed with the event loop (fetching, decoding, table writes, sends) for that one GIL, and
profiling showed the pipeline reaching only about a third of raw parsing speed. In a child
process the parse gets a core of its own while the event loop uses the other.

The child returns records already encoded as JSON bytes with their keys, so the worker's event
loop only forwards bytes (no second pydantic round trip). ``in_process=True`` keeps everything
in one process (thread), for environments where a child process is unwelcome.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from stancewire.lifecycle import die_with_parent
from stancewire.schemas import Article
from stancewire.settings import Settings

# The outcome types and the per-article rules live in the stage; re-exported for the worker's users.
from stancewire.stages.extract import (
    ARTICLE_VERSION_CHARS,
    Extracted,
    ExtractLimits,
    Failed,
    Outcome,
    extract_batch,
)

__all__ = ["ARTICLE_VERSION_CHARS", "Extracted", "Failed", "NlpWorker", "Outcome"]

# The variables the NLP loaders read their extension files from (the settings of the same names).
ACTORS_VARIABLE = "STANCEWIRE_ACTORS_PATH"
ISSUES_VARIABLE = "STANCEWIRE_ISSUES_PATH"

if TYPE_CHECKING:
    from stancewire.nlp.extract import Extractor


# --------------------------------------------------------------------- child-process side

_extractor: Extractor | None = None
_limits = ExtractLimits()


def _init(
    model_name: str,
    max_quotes: int,
    max_seconds: float,
    extension_files: Mapping[str, str] | None = None,
    parent_pid: int | None = None,
) -> None:
    global _extractor, _limits
    # Killed by the kernel when the worker dies, even by SIGKILL: an orphaned NLP process would
    # otherwise keep its model (hundreds of MB) alive for ever. SIGKILL: it holds no state.
    # ``parent_pid`` catches a worker that died before this ran (the child is re-parented then,
    # to init or to whatever subreaper is nearest, so "parent is 1" is not a reliable test).
    if parent_pid is not None:
        die_with_parent(signal.SIGKILL, parent_pid)
    from stancewire.nlp.extract import Extractor

    # The actor registry and the issue lexicon take their extension files only from these
    # variables (stancewire/nlp/registry.py, issues.py); the worker's settings arrive here as
    # arguments and are handed on the one way those loaders read them. The setting wins over a
    # different value inherited from the worker's environment, as it does everywhere else.
    for variable, value in (extension_files or {}).items():
        os.environ[variable] = value
    _extractor = Extractor(model_name=model_name)
    _limits = ExtractLimits(max_quotes=max_quotes, max_seconds=max_seconds)


def _run_batch(payload: list[bytes]) -> tuple[list[Outcome], float]:
    """Extract a batch with one ``nlp.pipe`` pass (one by one if that fails); also return the
    seconds this process spent on it (the worker may have queued the batch behind another)."""
    begun = time.perf_counter()
    assert _extractor is not None, "NLP child not initialised"
    articles = [Article.model_validate_json(raw) for raw in payload]
    outcomes = extract_batch(articles, _extractor, _limits)
    return outcomes, time.perf_counter() - begun


def _warm_up() -> bool:
    assert _extractor is not None
    _extractor.extract(Article(id="warm-up", text="The minister said the talks would resume."))
    return True


# --------------------------------------------------------------------- worker side


def extension_files(settings: Settings) -> dict[str, str]:
    """The NLP extension files a worker's settings name, by the variable the NLP loaders read."""
    named = {ACTORS_VARIABLE: settings.actors_path, ISSUES_VARIABLE: settings.issues_path}
    return {variable: str(path) for variable, path in named.items() if path is not None}


class NlpWorker:
    def __init__(
        self,
        model_name: str,
        max_quotes: int,
        max_seconds: float,
        in_process: bool = False,
        on_busy: Callable[[float], None] | None = None,
        extension_files: Mapping[str, str] | None = None,
    ) -> None:
        # Everything the child needs travels in these arguments (pickled to the spawned child).
        self.init_args = (model_name, max_quotes, max_seconds, dict(extension_files or {}))
        self.in_process = in_process
        self.on_busy = on_busy  # called with each batch's seconds of NLP work (for the metrics)
        self.executor = self._new_executor()
        # Held while a crashed child's batches are retried one article at a time, and taken before
        # every submit: with several batches in flight, a batch queued behind the one that killed
        # the child fails too, and only one article may be in the child while the culprit is
        # being isolated, or an innocent article would be dead-lettered with it.
        self._recovery = asyncio.Lock()
        self.closing = False

    @classmethod
    def from_settings(cls, settings: Settings, on_busy: Callable[[float], None] | None = None) -> NlpWorker:
        return cls(
            model_name=settings.model_name,
            max_quotes=settings.max_quotes_per_article,
            max_seconds=settings.max_processing_seconds,
            in_process=settings.nlp_in_process,
            on_busy=on_busy,
            extension_files=extension_files(settings),
        )

    def _new_executor(self) -> Executor:
        if self.in_process:
            _init(*self.init_args)
            return ThreadPoolExecutor(max_workers=1, thread_name_prefix="nlp")
        # "spawn": the worker process runs an event loop and threads; forking it is unsafe. The
        # child is started by the first submit, from the event loop's (main) thread, which lives
        # as long as the worker: the parent-death signal follows the thread that forked.
        return ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init,
            initargs=(*self.init_args, os.getpid()),
        )

    async def warm_up(self) -> None:
        try:
            await asyncio.wrap_future(self.executor.submit(_warm_up))
        except BrokenProcessPool:
            if not self.closing:
                raise

    def close(self) -> None:
        """End the NLP child now, for a stopping worker.

        Whatever it is doing (loading the model, parsing a batch) is of no use any more: the
        batch's input was not acked, so it is read again after the restart. Left alone, the
        executor's exit hook would wait for that work to finish (measured: a stop during the
        model's warm-up took 6-8 s instead of 2-3)."""
        self.closing = True
        executor = self.executor
        if isinstance(executor, ProcessPoolExecutor):
            for child in list((getattr(executor, "_processes", None) or {}).values()):
                with contextlib.suppress(OSError):
                    child.kill()
        executor.shutdown(wait=False, cancel_futures=True)

    async def _submit(self, executor: Executor, payload: list[bytes]) -> list[Outcome]:
        outcomes, busy = await asyncio.wrap_future(executor.submit(_run_batch, payload))
        if self.on_busy is not None:
            self.on_busy(busy)
        return outcomes

    async def run_batch(self, articles: Sequence[Article]) -> list[Outcome]:
        payload = [a.model_dump_json().encode() for a in articles]
        async with self._recovery:
            executor = self.executor  # not during a recovery: its pool may be about to break
        try:
            return await self._submit(executor, payload)
        except BrokenProcessPool:
            if self.closing:  # close() ended the child: the worker is stopping, no retry
                raise asyncio.CancelledError from None
        # The child died (out of memory, a crash in native code). Start a new one and retry the
        # articles one at a time so only the one that kills it is dead-lettered.
        async with self._recovery:
            self._replace(executor)
            outcomes: list[Outcome] = []
            for article, raw in zip(articles, payload, strict=True):
                executor = self.executor
                try:
                    outcomes.extend(await self._submit(executor, [raw]))
                except BrokenProcessPool:
                    self._replace(executor)
                    outcomes.append(
                        Failed(article.id, "extraction_crashed", "the NLP process died on this article")
                    )
            return outcomes

    def _replace(self, broken: Executor) -> None:
        # Every batch that was in the broken pool fails: the first to get here replaces it, the
        # others find the new one already in place.
        if self.executor is broken:
            self.executor = self._new_executor()
