"""Commits wait until outputs whose inputs were already acked have been handed to the producer.

The extract agent overlaps work: while the NLP process parses batch N+1, batch N's quotes and
evidence are still being sent. ``stream.take`` acks batch N's input events when the agent asks
for batch N+1, so for a moment an input is acked while its outputs are not yet in the producer.
Faust flushes the producer before every offset commit (``Consumer._commit_offsets``); this gate
runs just before that flush and waits for the tracked send tasks, so a commit never covers an
input whose outputs were not sent. If a send failed (or did not finish in time) the commit is
refused with an error instead: the offsets stay where they were and a restart re-processes the
batch (every output has a content-derived id, so the re-sent records are deduplicated).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

log = logging.getLogger(__name__)


class OutputsNotSentError(RuntimeError):
    """Outputs of acked input events were not handed to the producer: committing would lose them."""


class OutputGate:
    def __init__(self, timeout: float = 60.0) -> None:
        self.timeout = timeout
        self._pending: set[asyncio.Future[Any]] = set()
        self._error: BaseException | None = None

    @property
    def pending(self) -> int:
        return len(self._pending)

    def track(self, task: asyncio.Future[Any]) -> None:
        """Commits wait for ``task`` (a send of outputs whose inputs may already be acked)."""
        self._pending.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Future[Any]) -> None:
        self._pending.discard(task)
        if task.cancelled():
            self._error = self._error or asyncio.CancelledError("an output send was cancelled")
        elif task.exception() is not None:
            # Said here too: the last send of a burst has no next batch to re-raise it.
            log.error("sending extracted records failed; offsets will not be committed past them",
                      exc_info=task.exception())
            self._error = self._error or task.exception()

    async def wait(self) -> None:
        """Return once every tracked send is done; raise if one failed (then nothing may commit)."""
        if self._pending:
            _, not_done = await asyncio.wait(set(self._pending), timeout=self.timeout)
            if not_done:
                raise OutputsNotSentError(
                    f"{len(not_done)} output send(s) still running after {self.timeout:.0f} s; "
                    "not committing offsets whose outputs may be unsent"
                )
        if self._error is not None:
            raise OutputsNotSentError(
                f"an output send failed ({self._error!r}); not committing: a restart re-processes "
                "the batch"
            ) from self._error


gate = OutputGate()
