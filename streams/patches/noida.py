"""aiokafka adjustments the embedded noida-db broker needs and Apache Kafka does not.

Installed only when noida-db is the broker (``streams.patches.install``).

1. ``keep_member_id``: noida-db answers an offset commit made during a rebalance with
   ILLEGAL_GENERATION (Apache Kafka answers REBALANCE_IN_PROGRESS). On ILLEGAL_GENERATION (and
   UNKNOWN_MEMBER_ID) from a commit or a heartbeat, aiokafka 0.14 resets the generation *and the
   member id*; the member then rejoins as a new one, and noida-db keeps the old id as a ghost
   that it waits for, or even elects leader, so the group never settles when a second worker
   joins. The Java consumer keeps the member id there and only resets the generation; so do we,
   on those two paths only. Rejoining with a known-bad id is safe: JoinGroup answers
   UNKNOWN_MEMBER_ID, and aiokafka's join path (left unpatched) resets it properly.
2. ``fetch_idle_backoff``: Apache Kafka holds a fetch until data arrives or
   ``fetch_max_wait_ms`` passes (long poll); noida-db answers at once, so each caught-up
   consumer re-fetched ~2,000 times a second (profiling: those loops held the GIL ~70 % of the
   time, starving the parse, and the broker burned a core answering). A short pause after an
   empty answer is what long polling would have done.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
from collections.abc import Awaitable, Callable
from typing import Any

from aiokafka.consumer import group_coordinator as gc
from aiokafka.consumer.fetcher import Fetcher
from aiokafka.protocol.commit import OffsetCommitRequest

from stancewire.settings import Settings

# True while a commit or heartbeat request of this task is being handled.
_keep_member = contextvars.ContextVar("stancewire_keep_member", default=False)
IDLE_BACKOFF_ATTR = "_stancewire_idle_backoff"


def keep_member_id() -> str:
    if getattr(gc.GroupCoordinator, "_stancewire_keep_member", False):
        return "keep_member_id"
    reset_generation = gc.GroupCoordinator.reset_generation

    def _reset_generation(self: gc.GroupCoordinator) -> None:
        if _keep_member.get():
            self.generation = OffsetCommitRequest.DEFAULT_GENERATION_ID
            self.request_rejoin()
        else:
            reset_generation(self)

    def keeping(method: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        async def wrapper(self: gc.GroupCoordinator, *args: Any, **kwargs: Any) -> Any:
            # A context variable, so that only this task's error handling sees it (a join
            # running meanwhile in another task resets the member id as aiokafka means to).
            token = _keep_member.set(True)
            try:
                return await method(self, *args, **kwargs)
            finally:
                _keep_member.reset(token)

        return wrapper

    gc.GroupCoordinator.reset_generation = _reset_generation  # type: ignore[method-assign]
    gc.GroupCoordinator._do_commit_offsets = keeping(gc.GroupCoordinator._do_commit_offsets)  # type: ignore[method-assign]
    gc.GroupCoordinator._do_heartbeat = keeping(gc.GroupCoordinator._do_heartbeat)  # type: ignore[method-assign]
    gc.GroupCoordinator._stancewire_keep_member = True  # type: ignore[attr-defined]
    return "keep_member_id"


def set_idle_backoff(consumer: Any, backoff_ms: int) -> None:
    """Give one started aiokafka consumer its own pause after an empty fetch (on noida-db)."""
    fetcher = getattr(consumer, "_fetcher", None)
    if fetcher is not None:
        setattr(fetcher, IDLE_BACKOFF_ATTR, backoff_ms / 1000.0)


def fetch_idle_backoff(backoff_ms: int) -> str | None:
    """Pause ``backoff_ms`` after a fetch that brought no new records, in every consumer."""
    if backoff_ms <= 0:
        return None
    if getattr(Fetcher, "_stancewire_backoff", None) is not None:
        return "fetch_idle_backoff"
    original = Fetcher._proc_fetch_request
    delay = backoff_ms / 1000.0

    async def _proc_fetch_request(self: Fetcher, *args: Any, **kwargs: Any) -> bool:
        has_new_data = await original(self, *args, **kwargs)
        if not has_new_data:
            # A consumer may set its own pause (the web read model: a dashboard tail).
            pause = getattr(self, IDLE_BACKOFF_ATTR, delay)
            # aiokafka's Fetcher.close() cancels these tasks and then awaits them expecting a
            # normal return (the original swallows CancelledError); letting it escape from the
            # sleep would abort close() and hang worker shutdown until it is killed.
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.sleep(pause)
        return has_new_data

    Fetcher._proc_fetch_request = _proc_fetch_request  # type: ignore[method-assign]
    Fetcher._stancewire_backoff = delay  # type: ignore[attr-defined]
    return "fetch_idle_backoff"


def install(settings: Settings) -> list[str]:
    names = [keep_member_id(), fetch_idle_backoff(settings.fetch_idle_backoff_ms)]
    return [n for n in names if n]
