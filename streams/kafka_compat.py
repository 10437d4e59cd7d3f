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

3. Retry offset commits that failed (``install_commit_retry``). Faust 0.15 records an offset as
committed even when the broker refused the commit (``Consumer._commit_offsets`` updates its
``_committed_offset`` whatever ``_commit`` returned) and has already dropped those acks, so it
never tries again: after a commit refused during a rebalance (a broker restart, a worker
joining) the group's committed offsets stay behind the work already done until new records
arrive. Nothing is lost (a restart re-processes, and every stage is idempotent), but the lag
never drains, so monitoring and ``wait_until_idle`` see a stalled pipeline.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from typing import Any

from aiokafka.consumer import group_coordinator as gc
from aiokafka.consumer.fetcher import Fetcher
from aiokafka.protocol.commit import OffsetCommitRequest
from faust.transport.consumer import Consumer as FaustConsumer
from faust.utils.functional import consecutive_numbers

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


IDLE_BACKOFF_ATTR = "_stancewire_idle_backoff"


def set_idle_backoff(consumer: Any, backoff_ms: int) -> None:
    """Give one started aiokafka consumer its own pause after an empty fetch."""
    fetcher = getattr(consumer, "_fetcher", None)
    if fetcher is not None:
        setattr(fetcher, IDLE_BACKOFF_ATTR, backoff_ms / 1000.0)


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


_FAILED = "_stancewire_failed_commits"
log = logging.getLogger("stancewire.kafka_compat")


def install_commit_retry() -> None:
    """Remember offsets whose commit the broker refused (``retry_failed_commits`` re-sends them)."""
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


_RESEEK = "_stancewire_reseek_at"
RESEEK_INTERVAL = 5.0
_reseeks: set[asyncio.Future[Any]] = set()


def install_head_gap_guard() -> None:
    """Never commit past records the stream skipped; re-read them instead.

    Around a rebalance Faust's stream drops records fetched under the old generation (or while
    flow control is off) without tracking or acking them. ``Consumer._new_offset`` then commits
    the first run of consecutive *acked* offsets, and its own check for a hole between the last
    commit and that run is off by one (``min(acked) - committed > 1``), so a skipped run right
    after the committed offset was committed past: those articles' quotes were never produced
    (the broker-restart test lost 15-41 articles in about 1 run in 6, in either extract mode).
    Here a hole at the head (the first acked offset beyond the committed one) blocks the
    commit and seeks the partition back to the committed offset, so the skipped records are
    read and processed again; records after them are re-processed too and deduplicated by id.
    """
    if getattr(FaustConsumer, "_stancewire_head_gap_guard", False):
        return

    def _new_offset(self: FaustConsumer, tp: Any) -> int | None:
        if head_gap(self, tp):
            return None
        return new_offset(self, tp)

    async def _add_gap(self: FaustConsumer, tp: Any, offset_from: int, offset_to: int) -> None:
        # Faust records offsets its consumer loop jumped over as absent (compacted away, or
        # transaction markers) and commits past them. Our agents read plain topics with no
        # transactions, where every offset is a record; a jump means records were dropped (Faust
        # abandons the rest of a fetched batch when the generation changes mid-way), and
        # committing past them lost articles after a broker restart. Not recorded, they leave a
        # hole: commits stop below it and the head-gap check re-reads it.
        log.warning("offsets %s..%s of %s were skipped by the consumer loop; they will be re-read",
                    offset_from, offset_to - 1, tp)

    FaustConsumer._new_offset = _new_offset  # type: ignore[method-assign]
    FaustConsumer._add_gap = _add_gap  # type: ignore[method-assign]
    FaustConsumer._stancewire_head_gap_guard = True  # type: ignore[attr-defined]


def new_offset(consumer: Any, tp: Any) -> int | None:
    """Faust's ``Consumer._new_offset``, with duplicate offsets removed before looking for the
    first run of consecutive acked offsets.

    Faust adds its known gaps to the acked list when it commits; offsets that were later
    delivered and acked after all (a re-read after a seek) were then in the list twice, the run
    stopped at the first duplicate, and each commit moved the offset on by one or two: after a
    broker restart the lag took minutes to drain. Our ``_add_gap`` no longer records gaps, so
    that source is gone; the gap fill and the de-duplication stay as Faust's contract for
    ``_gap`` and a guard for any other route to a duplicate.
    """
    acked = consumer._acked[tp]
    if not acked:
        return None
    gaps = consumer._gap[tp]
    if gaps:
        top = max(acked)
        covered = sorted(gaps.overlap(0, top), key=lambda iv: iv.begin)
        if covered:
            filled = [o for iv in covered for o in range(iv.begin, iv.end)]
            acked.extend(filled)
            gaps.chop(0, max(filled[-1], top + 1))
    acked[:] = sorted(set(acked))
    batch = next(consecutive_numbers(acked))
    acked[: len(batch)] = []
    consumer._acked_index[tp].difference_update(batch)
    return batch[-1] + 1


def head_gap(consumer: Any, tp: Any) -> bool:
    """Whether ``tp``'s acked offsets start beyond its committed offset; if so, re-read from it."""
    acked = consumer._acked.get(tp)
    committed = consumer._committed_offset.get(tp)
    if not acked or committed is None:
        return False
    first = min(acked)
    gaps = consumer._gap.get(tp)
    if gaps:
        first = min(first, min(iv.begin for iv in gaps))
    if first <= committed:
        return False
    last: dict[Any, float] = consumer.__dict__.setdefault(_RESEEK, {})
    now = asyncio.get_running_loop().time()
    if now - last.get(tp, float("-inf")) >= RESEEK_INTERVAL:
        last[tp] = now
        log.warning(
            "offsets %s..%s of %s were skipped by the stream (rebalance); not committing past "
            "them, re-reading from %s", committed, first - 1, tp, committed,
        )
        task = asyncio.ensure_future(consumer.seek(tp, committed))
        _reseeks.add(task)  # keep a reference until it is done
        task.add_done_callback(_reseeks.discard)
    return True


_TAIL = "_stancewire_tail_state"
# How long a partition must sit with unprocessed records and nothing in flight before they count
# as skipped: longer than any batch holds records in an agent's queue (an extract batch parses
# in ~2 s, two are in flight).
TAIL_STALL_SECONDS = 10.0


# A partition whose committed offset has not moved for this long while records wait below its end
# is re-read whatever it looks like (see ``reread_skipped_tail``): far longer than any batch takes
# (16 articles at the 30 s per-article limit would be 8 minutes only if every one hit it).
STUCK_SECONDS = 120.0
_STUCK = "_stancewire_stuck_state"


def _unchanged_for(clocks: dict[Any, tuple[Any, float]], tp: Any, looks: Any, now: float) -> float:
    """Seconds ``tp`` has looked like ``looks`` (its offsets) on successive checks; 0 when that
    changed since the last check (the clock starts again)."""
    seen = clocks.get(tp)
    if seen is None or seen[0] != looks:
        clocks[tp] = (looks, now)
        return 0.0
    return now - seen[1]


async def reread_skipped_tail(consumer: Any, now: float) -> list[Any]:
    """Re-read records the stream skipped at the *end* of a partition; returns the partitions.

    ``install_head_gap_guard`` catches skipped records once a later record is acked. Records
    skipped at the tail (the last ones a rebalance caught in flight, with nothing after them)
    leave no later ack: the committed offset stays below the partition's end, nothing is acked
    or in flight, and nothing moves again (the broker-restart test once left 34 articles
    unextracted that way). A partition in that state, unchanged for ``TAIL_STALL_SECONDS``, is
    sought back to its committed offset (``Consumer.seek`` also resets the read offset, so the
    re-fetched records are delivered). A false alarm (records merely slow to arrive) costs a
    re-read whose records are deduplicated by id.
    """
    state: dict[Any, tuple[Any, float]] = consumer.__dict__.setdefault(_TAIL, {})
    in_flight = {m.tp for m in list(consumer._unacked_messages)}
    acking = consumer.app.topics.acks_enabled_for
    reread = []
    for tp in consumer.assignment():
        committed = consumer._committed_offset.get(tp)
        end = consumer.highwater(tp)
        if (committed is None or end is None or committed >= end or not acking(tp.topic)
                or consumer._acked.get(tp) or consumer._gap.get(tp) or tp in in_flight):
            state.pop(tp, None)
            continue
        looks = (committed, end, consumer._read_offset.get(tp))
        if _unchanged_for(state, tp, looks, now) >= TAIL_STALL_SECONDS:
            del state[tp]
            log.warning("offsets %s..%s of %s were not processed and nothing is in flight (skipped "
                        "in a rebalance); re-reading from %s", committed, end - 1, tp, committed)
            await consumer.seek(tp, committed)
            reread.append(tp)
    return reread


async def reread_if_stuck(consumer: Any, now: float, rebalancing: bool, flow_active: bool) -> list[Any]:
    """The last resort: partitions whose bookkeeping has not moved for ``STUCK_SECONDS`` while
    records wait below their end are sought back to their committed offsets; returns them.

    The checks above cover the ways of skipping records that were understood, and run only
    between rebalances. The broker-restart test still left ``articles.accepted`` with a standing
    lag in about 1 run in 15 (94-118 articles for 240 s, the consumer's position at the end of
    the partition, the extract agent idle, nothing logged by the other checks). So this one runs
    on its own timer whatever state the app believes it is in, and logs that state, so the next
    occurrence heals and says why. A false alarm costs a re-read deduplicated by id.
    """
    stuck: dict[Any, tuple[Any, float]] = consumer.__dict__.setdefault(_STUCK, {})
    acking = consumer.app.topics.acks_enabled_for
    in_flight = {m.tp for m in list(consumer._unacked_messages)}
    reread = []
    for tp in consumer.assignment():
        committed = consumer._committed_offset.get(tp)
        end = consumer.highwater(tp)
        if end is None or not acking(tp.topic) or (committed or 0) >= end:
            stuck.pop(tp, None)
            continue
        acked = consumer._acked.get(tp) or []
        looks = (committed, end, consumer._read_offset.get(tp), len(acked))
        stalled = _unchanged_for(stuck, tp, looks, now)
        if stalled < STUCK_SECONDS:
            continue
        del stuck[tp]
        log.warning(
            "%s has made no progress for %.0f s with records up to %s waiting (committed %s, read "
            "offset %s, acked %s, in flight %s, known gap %s, rebalancing %s, flow active %s); "
            "re-reading from the committed offset",
            tp, stalled, end - 1, committed, consumer._read_offset.get(tp),
            f"{len(acked)} from {min(acked)}" if acked else "none", tp in in_flight,
            bool(consumer._gap.get(tp)), rebalancing, flow_active,
        )
        reread.append(tp)
    if reread:
        if any(consumer._committed_offset.get(tp) is None for tp in reread):
            await consumer.perform_seek()  # asks the broker for every committed offset
        else:
            for tp in reread:
                await consumer.seek(tp, consumer._committed_offset[tp])
    return reread
