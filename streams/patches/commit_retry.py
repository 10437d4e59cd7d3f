"""Retry offset commits the broker refused: faust-streaming issue 316, unfixed in 0.15.3.

https://github.com/faust-streaming/faust/issues/316 (commits recorded as done when the broker
refused them). ``Consumer._commit_offsets`` updates ``_committed_offset`` whatever ``_commit``
returned, and has already taken those offsets out of its acked list, so it never tries again:
after a commit refused in a rebalance the group's committed offsets stay behind work already
done until new records arrive on the partition. Nothing is lost (a restart re-processes, and
every stage is idempotent), but the lag never drains, so monitoring and ``wait_until_idle`` see a
stalled pipeline. Here refused offsets are remembered and a timer commits them again.

First seen on noida-db (docs/reliability.md: stalls in 2 of ~10 restart runs before, 16 of 16
drained after). On Apache Kafka the rejoin that follows a refused commit usually revokes and
re-assigns the partitions, and Faust then seeks to the broker's committed offset and processes
the records again (``tests/unit/test_patches_on_broker.py``, "refused"). But the two-worker test
(``tests/pipeline/test_end_to_end.py``) stalled with a lag of 1 after a rebalance on Apache
Kafka in two full CI runs (2026-12-05), so the patch is installed on every broker. It commits
only offsets of records this worker processed, on partitions it still holds, and never below
what was committed since: where the rejoin already re-sought, it has nothing to do.
"""

from __future__ import annotations

import logging
from typing import Any

from faust.transport.consumer import Consumer as FaustConsumer

log = logging.getLogger(__name__)

_FAILED = "_stancewire_failed_commits"
NAME = "commit_retry (faust-streaming#316)"
RETRY_INTERVAL = 2.0


def patch() -> None:
    """Make Faust's consumers remember the offsets of refused commits."""
    if getattr(FaustConsumer, "_stancewire_commit_retry", False):
        return
    original = FaustConsumer._commit_offsets

    async def _commit_offsets(self: FaustConsumer, offsets: Any, start_new_transaction: bool = True) -> bool:
        did_commit = await original(self, offsets, start_new_transaction=start_new_transaction)
        if not did_commit and not self.in_transaction:
            failed: dict[Any, int] = self.__dict__.setdefault(_FAILED, {})
            for tp, offset in offsets.items():
                failed[tp] = max(offset, failed.get(tp, offset))
        return did_commit

    FaustConsumer._commit_offsets = _commit_offsets  # type: ignore[method-assign]
    FaustConsumer._stancewire_commit_retry = True  # type: ignore[attr-defined]


async def retry_failed_commits(consumer: FaustConsumer) -> int:
    """Commit again the offsets a refused commit left behind; returns how many were committed.

    Only partitions still assigned to this worker are retried (a revoked one is now another
    worker's to commit), and never below what Faust has committed since. The offsets are of
    records this worker processed and acked, so committing them is what the failed call meant.
    """
    failed: dict[Any, int] = consumer.__dict__.get(_FAILED) or {}
    if not failed:
        return 0
    assignment = consumer.assignment()
    retry = {}
    for tp, offset in list(failed.items()):
        committed = consumer._committed_offset.get(tp)
        if tp not in assignment or (committed is not None and committed > offset):
            del failed[tp]
        else:
            retry[tp] = offset
    if retry and await consumer._commit(retry):
        for tp in retry:
            if failed.get(tp) == retry[tp]:
                del failed[tp]
        log.warning("re-committed offsets the broker refused during a rebalance: %s", retry)
        return len(retry)
    return 0


def install(app: Any) -> str:
    patch()

    async def retry_refused_commits() -> None:
        await retry_failed_commits(app.consumer)

    app.timer(RETRY_INTERVAL)(retry_refused_commits)
    return NAME
