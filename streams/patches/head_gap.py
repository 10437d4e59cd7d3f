"""Never commit past records the stream skipped: faust-streaming issue 606, unfixed in 0.15.3.

https://github.com/faust-streaming/faust/issues/606 (the head-gap off-by-one in
``Consumer._new_offset``). Around a rebalance Faust's stream drops records fetched under the
old generation (``Consumer.getmany`` stops at a generation change, or while flow control is
off) without tracking or acking them. ``_new_offset`` then commits the first run of consecutive
*acked* offsets, and its check for a hole between the committed offset and that run is off by
one (``min(acked) - committed > 1``; skipped entirely while the committed offset is 0), so one
skipped record right after the committed offset is committed past. And the consumer loop records
an offset jump as a "gap" (meant for compacted records and transaction markers) and commits past
it too. Either way those articles were never extracted (the broker-restart test lost 15-41
articles in about 1 run in 6). Three guards, all on the consumer's own bookkeeping:

* ``_new_offset``: a hole at the head (the first acked offset beyond the committed one) blocks
  the commit and seeks the partition back to the committed offset, so the skipped records are
  read again (records after them are re-processed too, and deduplicated downstream by id);
* ``_add_gap`` records nothing: our agents read plain topics with no transactions, where every
  offset is a record, so a jump means dropped records, and the hole is left to the check above;
* ``reread_skipped_tail`` (a timer): records skipped at the *end* of a partition leave no later
  ack to trip the check, so a partition sitting with unprocessed records, nothing acked and
  nothing in flight for ``TAIL_STALL_SECONDS`` is sought back to its committed offset.

A partition the group never committed has no committed offset in Faust's bookkeeping (``None``;
Faust also maps a committed 0 to ``None``), and Faust skips its own check for it. The consumer
started there at the log's first offset (``auto_offset_reset="earliest"``), so that is the base
both guards hold the commit to and re-read from. Without it, a record a rebalance dropped at the
head of a fresh partition was committed past, and a fresh partition's only record stayed
unprocessed for good (lag 1: the two-worker pipeline test's intermittent stall). The first
offsets come from ``refresh_log_starts`` on the guard's timer, through a short-lived client of
its own (``streams.clients.lag.log_starts``), never Faust's consumer: a broker call on that
consumer's thread (the first attempt, reverted in 2d15344) coincided with a second worker that
never got into the group. Until a partition's first offset is known, its commit waits.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from faust.transport.consumer import Consumer as FaustConsumer

log = logging.getLogger(__name__)

NAME = "head_gap (faust-streaming#606)"
_RESEEK = "_stancewire_reseek_at"
RESEEK_INTERVAL = 5.0
_reseeks: set[asyncio.Future[Any]] = set()
_TAIL = "_stancewire_tail_state"
# How long a partition must sit with unprocessed records and nothing in flight before they count
# as skipped: longer than any batch holds records in an agent's queue (an extract batch parses
# in ~2 s, two are in flight).
TAIL_STALL_SECONDS = 10.0
TAIL_CHECK_INTERVAL = 2.0
_LOG_START = "_stancewire_log_start"
# How long a fetched first offset is trusted: retention moves it, and a stale one would make the
# first record read look like a hole at the head (a needless re-read, nothing lost).
LOG_START_TTL = 30.0
LOG_START_TIMEOUT = 10.0  # the tail check runs after it on the same timer
# Fetches each partition's first offset (``streams.clients.lag.log_starts`` bound to settings).
LogStarts = Callable[[Iterable[Any]], Awaitable[dict[Any, int]]]


def patch() -> None:
    if getattr(FaustConsumer, "_stancewire_head_gap_guard", False):
        return
    faust_new_offset = FaustConsumer._new_offset

    def _new_offset(self: FaustConsumer, tp: Any) -> int | None:
        if head_gap(self, tp):
            return None
        return faust_new_offset(self, tp)

    async def _add_gap(self: FaustConsumer, tp: Any, offset_from: int, offset_to: int) -> None:
        log.warning(
            "offsets %s..%s of %s were skipped by the consumer loop; they will be re-read",
            offset_from,
            offset_to - 1,
            tp,
        )

    FaustConsumer._new_offset = _new_offset  # type: ignore[method-assign]
    FaustConsumer._add_gap = _add_gap  # type: ignore[method-assign]
    FaustConsumer._stancewire_head_gap_guard = True  # type: ignore[attr-defined]


def head_gap(consumer: Any, tp: Any) -> bool:
    """Whether ``tp``'s acked offsets start beyond its committed offset; if so, re-read from it."""
    acked = consumer._acked.get(tp)
    if not acked:
        return False
    committed = base_offset(consumer, tp)
    if committed is None:  # never committed, first offset not fetched yet: the commit waits
        return True
    first = min(acked)
    gaps = consumer._gap.get(tp)
    if gaps:  # offsets Faust knows are absent (only from its own code paths now)
        first = min(first, min(iv.begin for iv in gaps))
    if first <= committed:
        return False
    last: dict[Any, float] = consumer.__dict__.setdefault(_RESEEK, {})
    now = asyncio.get_running_loop().time()
    if now - last.get(tp, float("-inf")) >= RESEEK_INTERVAL:
        last[tp] = now
        log.warning(
            "offsets %s..%s of %s were skipped by the stream (rebalance); not committing past "
            "them, re-reading from %s",
            committed,
            first - 1,
            tp,
            committed,
        )
        task = asyncio.ensure_future(consumer.seek(tp, committed))
        _reseeks.add(task)  # keep a reference until it is done
        task.add_done_callback(_reseeks.discard)
    return True


def base_offset(consumer: Any, tp: Any, now: float | None = None) -> int | None:
    """Where ``tp``'s unprocessed records begin: the committed offset or, for a partition never
    committed, its first offset as fetched less than ``LOG_START_TTL`` ago (else ``None``)."""
    committed = consumer._committed_offset.get(tp)
    if committed is not None:
        return int(committed)
    known: dict[Any, tuple[int, float]] = consumer.__dict__.setdefault(_LOG_START, {})
    hit = known.get(tp)
    now = asyncio.get_running_loop().time() if now is None else now
    if hit is None or now - hit[1] > LOG_START_TTL:
        return None
    return hit[0]


def _has_records(consumer: Any, tp: Any) -> bool:
    end = consumer.highwater(tp)
    return bool(consumer._acked.get(tp)) or (end is not None and end > 0)


async def refresh_log_starts(consumer: Any, fetch: LogStarts, now: float) -> list[Any]:
    """Fetch the first offset of every assigned partition that needs one; returns them.

    A partition of a consumed topic needs one when it was never committed, holds records (or
    acks), and its last fetched first offset is missing or older than ``LOG_START_TTL``: in
    steady state every partition with records has a committed offset and nothing is fetched.
    One batched request, by a client that is not Faust's consumer; a failure (broker away) or a
    fetch slower than ``LOG_START_TIMEOUT`` is retried at the next tick.
    """
    acking = consumer.app.topics.acks_enabled_for  # not changelogs: the group never commits them
    wanted = [
        tp
        for tp in consumer.assignment()
        if acking(tp.topic) and _has_records(consumer, tp) and base_offset(consumer, tp, now) is None
    ]
    if not wanted:
        return []
    try:
        starts = await asyncio.wait_for(fetch(wanted), LOG_START_TIMEOUT)
    except Exception as e:  # the broker away, a leader moving: the commit keeps waiting
        log.info("could not fetch the first offsets of %d partitions: %r", len(wanted), e)
        return []
    known: dict[Any, tuple[int, float]] = consumer.__dict__.setdefault(_LOG_START, {})
    for tp in wanted:
        if tp in starts:
            known[tp] = (int(starts[tp]), now)
    return [tp for tp in wanted if tp in starts]


async def reread_skipped_tail(consumer: Any, now: float) -> list[Any]:
    """Seek partitions whose tail was skipped back to their committed offsets; returns them.

    A partition counts when its committed offset is below its end, nothing is acked or in
    flight, and that has not changed for ``TAIL_STALL_SECONDS``. ``Consumer.seek`` also resets
    the read offset, so the re-fetched records are delivered. A false alarm (records merely slow
    to arrive) costs a re-read whose records are deduplicated by id.
    """
    state: dict[Any, tuple[Any, float]] = consumer.__dict__.setdefault(_TAIL, {})
    in_flight = {m.tp for m in list(consumer._unacked_messages)}
    acking = consumer.app.topics.acks_enabled_for
    reread = []
    for tp in consumer.assignment():
        committed = base_offset(consumer, tp, now)
        end = consumer.highwater(tp)
        if (
            committed is None
            or end is None
            or committed >= end
            or not acking(tp.topic)
            or consumer._acked.get(tp)
            or consumer._gap.get(tp)
            or tp in in_flight
        ):
            state.pop(tp, None)
            continue
        looks = (committed, end, consumer._read_offset.get(tp))
        seen = state.get(tp)
        if seen is None or seen[0] != looks:  # something moved: the clock starts again
            state[tp] = (looks, now)
            continue
        if now - seen[1] >= TAIL_STALL_SECONDS:
            del state[tp]
            log.warning(
                "offsets %s..%s of %s were not processed and nothing is in flight (skipped "
                "in a rebalance); re-reading from %s",
                committed,
                end - 1,
                tp,
                committed,
            )
            await consumer.seek(tp, committed)
            reread.append(tp)
    return reread


def install(app: Any, fetch_log_starts: LogStarts) -> str:
    patch()

    async def reread_skipped_tails() -> None:
        if app.flow_control.is_active() and not app.rebalancing:
            now = asyncio.get_running_loop().time()
            await refresh_log_starts(app.consumer, fetch_log_starts, now)
            await reread_skipped_tail(app.consumer, now)

    app.timer(TAIL_CHECK_INTERVAL)(reread_skipped_tails)
    return NAME
