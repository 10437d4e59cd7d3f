"""Two aiokafka adjustments for brokers that differ from Apache Kafka (the embedded noida-db).

1. Keep the consumer-group member id on ILLEGAL_GENERATION, as the Java client does.

aiokafka 0.14 resets both the generation *and the member id* when an OffsetCommit or a
heartbeat fails with ILLEGAL_GENERATION. The Java consumer (since Kafka 2.x) keeps the member
id and only resets the generation. The difference matters when a broker answers a commit made
during a rebalance with ILLEGAL_GENERATION instead of REBALANCE_IN_PROGRESS (the embedded
noida-db broker does): the reset member rejoins as a *new* member, and the old id stays in
the group as a ghost that the coordinator waits for, or even elects as leader, so the group
never finishes rebalancing when a second worker joins. Rejoining with the same member id is
always safe: if the coordinator does not know it, JoinGroup answers UNKNOWN_MEMBER_ID and
aiokafka's join path resets it properly (that path is left untouched here).

2. Pause briefly after an empty fetch (``install_fetch_idle_backoff``), standing in for the
broker-side long poll the embedded broker does not implement.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from typing import Any

from aiokafka.consumer import group_coordinator as gc
from aiokafka.consumer.fetcher import Fetcher
from aiokafka.protocol.commit import OffsetCommitRequest

_KEEP_MEMBER_CALLERS = frozenset({"_do_commit_offsets", "_do_heartbeat"})
_original_reset_generation = gc.GroupCoordinator.reset_generation


def _reset_generation(self: gc.GroupCoordinator) -> None:
    if sys._getframe(1).f_code.co_name in _KEEP_MEMBER_CALLERS:
        self.generation = OffsetCommitRequest.DEFAULT_GENERATION_ID
        self.request_rejoin()
        return
    _original_reset_generation(self)


def install() -> None:
    gc.GroupCoordinator.reset_generation = _reset_generation  # type: ignore[method-assign]


def install_fetch_idle_backoff(backoff_ms: int) -> None:
    """Pause briefly after a fetch that brought no new records, in every consumer of the process.

    Kafka brokers hold a fetch until data arrives or ``fetch_max_wait_ms`` passes (long poll).
    The embedded noida-db broker answers at once, so each caught-up aiokafka consumer (Faust's
    consumer thread and the web read model) re-fetches ~2,000 times a second: profiling showed
    those two loops holding the GIL ~70% of the time and starving the spaCy thread (the broker
    burns a core answering them, too). A short pause after an empty answer is what long polling
    would do, at the cost of at most ``backoff_ms`` extra latency per hop; against a real Kafka
    broker an empty answer already took ``fetch_max_wait_ms``, so the pause changes nothing there.
    """
    if backoff_ms <= 0 or getattr(Fetcher, "_stancewire_backoff", None) is not None:
        return
    original = Fetcher._proc_fetch_request
    delay = backoff_ms / 1000.0

    async def _proc_fetch_request(self: Fetcher, *args: Any, **kwargs: Any) -> bool:
        has_new_data = await original(self, *args, **kwargs)
        if not has_new_data:
            # aiokafka's Fetcher.close() cancels these tasks and then awaits them expecting a
            # normal return (the original swallows CancelledError); letting it escape from the
            # sleep would abort close() and hang worker shutdown until it is killed.
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.sleep(delay)
        return has_new_data

    Fetcher._proc_fetch_request = _proc_fetch_request  # type: ignore[method-assign]
    Fetcher._stancewire_backoff = delay  # type: ignore[attr-defined]
