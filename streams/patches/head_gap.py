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
"""

from __future__ import annotations

import asyncio
import logging
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


def patch() -> None:
    if getattr(FaustConsumer, "_stancewire_head_gap_guard", False):
        return
    faust_new_offset = FaustConsumer._new_offset

    def _new_offset(self: FaustConsumer, tp: Any) -> int | None:
        if head_gap(self, tp):
            return None
        return faust_new_offset(self, tp)

    async def _add_gap(self: FaustConsumer, tp: Any, offset_from: int, offset_to: int) -> None:
        log.warning("offsets %s..%s of %s were skipped by the consumer loop; they will be re-read",
                    offset_from, offset_to - 1, tp)

    FaustConsumer._new_offset = _new_offset  # type: ignore[method-assign]
    FaustConsumer._add_gap = _add_gap  # type: ignore[method-assign]
    FaustConsumer._stancewire_head_gap_guard = True  # type: ignore[attr-defined]


def head_gap(consumer: Any, tp: Any) -> bool:
    """Whether ``tp``'s acked offsets start beyond its committed offset; if so, re-read from it."""
    acked = consumer._acked.get(tp)
    committed = consumer._committed_offset.get(tp)
    if not acked or committed is None:
        return False
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
            "them, re-reading from %s", committed, first - 1, tp, committed,
        )
        task = asyncio.ensure_future(consumer.seek(tp, committed))
        _reseeks.add(task)  # keep a reference until it is done
        task.add_done_callback(_reseeks.discard)
    return True


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
        committed = consumer._committed_offset.get(tp)
        end = consumer.highwater(tp)
        if (committed is None or end is None or committed >= end or not acking(tp.topic)
                or consumer._acked.get(tp) or consumer._gap.get(tp) or tp in in_flight):
            state.pop(tp, None)
            continue
        looks = (committed, end, consumer._read_offset.get(tp))
        seen = state.get(tp)
        if seen is None or seen[0] != looks:  # something moved: the clock starts again
            state[tp] = (looks, now)
            continue
        if now - seen[1] >= TAIL_STALL_SECONDS:
            del state[tp]
            log.warning("offsets %s..%s of %s were not processed and nothing is in flight (skipped "
                        "in a rebalance); re-reading from %s", committed, end - 1, tp, committed)
            await consumer.seek(tp, committed)
            reread.append(tp)
    return reread


def install(app: Any) -> str:
    patch()

    async def reread_skipped_tails() -> None:
        if app.flow_control.is_active() and not app.rebalancing:
            await reread_skipped_tail(app.consumer, asyncio.get_running_loop().time())

    app.timer(TAIL_CHECK_INTERVAL)(reread_skipped_tails)
    return NAME
