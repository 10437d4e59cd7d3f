"""Commits never pass records the stream skipped at the head of a partition; they are re-read."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from types import SimpleNamespace
from typing import Any

from faust.transport.consumer import Consumer as FaustConsumer
from faust.types import TP
from intervaltree import IntervalTree

from streams.patches.head_gap import (
    LOG_START_TTL,
    TAIL_STALL_SECONDS,
    base_offset,
    head_gap,
    patch,
    refresh_log_starts,
    reread_skipped_tail,
)


class StubConsumer:
    def __init__(self, committed: int | None, acked: list[int]) -> None:
        self._acked: defaultdict[str, list[int]] = defaultdict(list, {"tp": acked})
        self._committed_offset: defaultdict[str, int | None] = defaultdict(lambda: None, {"tp": committed})
        self._gap: defaultdict[str, IntervalTree] = defaultdict(IntervalTree)
        self.seeks: list[tuple[Any, int]] = []

    async def seek(self, tp: Any, offset: int) -> None:
        self.seeks.append((tp, offset))


def check(consumer: StubConsumer) -> bool:
    async def run() -> bool:
        gap = head_gap(consumer, "tp")
        await asyncio.sleep(0)  # let the scheduled seek run
        return gap

    return asyncio.run(run())


def test_contiguous_acks_are_not_a_gap() -> None:
    consumer = StubConsumer(committed=10, acked=[10, 11, 12])
    assert check(consumer) is False and consumer.seeks == []


def test_one_skipped_record_at_the_head_blocks_the_commit_and_re_reads() -> None:
    # Faust's own check (min(acked) - committed > 1) lets exactly this case through.
    consumer = StubConsumer(committed=10, acked=[11, 12])
    assert check(consumer) is True
    assert consumer.seeks == [("tp", 10)]


def test_a_long_skipped_run_is_re_read_once_per_interval() -> None:
    consumer = StubConsumer(committed=10, acked=[40, 41])

    async def run() -> list[bool]:
        out = [head_gap(consumer, "tp"), head_gap(consumer, "tp")]
        await asyncio.sleep(0)
        return out

    assert asyncio.run(run()) == [True, True]
    assert consumer.seeks == [("tp", 10)]


def test_a_known_gap_interval_at_the_head_counts_as_covered() -> None:
    # Offsets Faust knows are absent (e.g. transaction markers) are recorded in _gap, not acked.
    consumer = StubConsumer(committed=10, acked=[13, 14])
    consumer._gap["tp"].addi(10, 13)
    assert check(consumer) is False


# ------------------------------------------------------- partitions the group never committed


class LogStarts:
    """The first-offset fetch ``install`` gets (``streams.clients.lag.log_starts``), recorded."""

    def __init__(self, start: int = 0, fails: bool = False) -> None:
        self.start, self.fails = start, fails
        self.calls: list[list[Any]] = []

    async def __call__(self, tps: Any) -> dict[Any, int]:
        self.calls.append(sorted(tps))
        if self.fails:
            raise ConnectionError("broker away")
        return {tp: self.start for tp in tps}


def fresh_head(consumer: TailConsumer, fetch: LogStarts, refresh_at: float | None = None) -> list[Any]:
    """head_gap before the first offsets are fetched, the refresh, head_gap after it."""

    async def run() -> list[Any]:
        before = head_gap(consumer, consumer.tp)
        now = asyncio.get_running_loop().time()
        refreshed = await refresh_log_starts(consumer, fetch, now if refresh_at is None else refresh_at)
        after = head_gap(consumer, consumer.tp)
        await asyncio.sleep(0)  # let a scheduled seek run
        return [before, refreshed, after]

    return asyncio.run(run())


def test_a_never_committed_partition_is_held_to_its_first_offset() -> None:
    # Faust skips its own check when nothing was committed and would commit 7 past 0..4, which a
    # rebalance dropped. The commit waits for the first offset, then the hole is re-read.
    consumer = TailConsumer(committed=None, end=7, acked=[5, 6])
    fetch = LogStarts()
    assert fresh_head(consumer, fetch) == [True, [consumer.tp], True]
    assert fetch.calls == [[consumer.tp]] and consumer.seeks == [(consumer.tp, 0)]


def test_a_never_committed_partition_read_from_its_first_offset_commits() -> None:
    fresh = TailConsumer(committed=None, end=2, acked=[0, 1])
    assert fresh_head(fresh, LogStarts()) == [True, [fresh.tp], False] and fresh.seeks == []
    # A log whose first offsets retention removed: the consumer started at the log's start.
    trimmed = TailConsumer(committed=None, end=102, acked=[100, 101])
    assert fresh_head(trimmed, LogStarts(start=100)) == [True, [trimmed.tp], False]
    assert trimmed.seeks == []


def test_a_failed_fetch_keeps_the_commit_waiting() -> None:
    consumer = TailConsumer(committed=None, end=7, acked=[5, 6])
    assert fresh_head(consumer, LogStarts(fails=True)) == [True, [], True] and consumer.seeks == []


def test_first_offsets_are_fetched_only_where_needed_and_again_once_stale() -> None:
    fetch = LogStarts()
    # Committed partitions, empty ones and changelogs (never committed by the group) need none.
    for consumer in (
        TailConsumer(committed=3, end=7),
        TailConsumer(committed=None, end=0),
        TailConsumer(committed=None, end=7, topic="app-positions-changelog"),
    ):
        assert asyncio.run(refresh_log_starts(consumer, fetch, 0.0)) == []
    assert fetch.calls == []
    consumer = TailConsumer(committed=None, end=7)

    async def at(*times: float) -> list[list[Any]]:
        return [await refresh_log_starts(consumer, fetch, t) for t in times]

    assert asyncio.run(at(0.0, LOG_START_TTL / 2, LOG_START_TTL + 1)) == [[consumer.tp], [], [consumer.tp]]
    assert base_offset(consumer, consumer.tp, LOG_START_TTL + 1) == 0
    assert base_offset(consumer, consumer.tp, 3 * LOG_START_TTL) is None  # stale: not trusted


# ----------------------------------------------------------------- skipped records at the tail


class TailConsumer(StubConsumer):
    def __init__(
        self,
        committed: int | None,
        end: int,
        acked: list[int] | None = None,
        unacked_offsets: list[int] | None = None,
        topic: str = "articles.accepted",
    ) -> None:
        super().__init__(committed=committed, acked=acked or [])
        self.tp = TP(topic, 0)
        self._acked = defaultdict(list, {self.tp: acked or []})
        self._committed_offset = defaultdict(lambda: None, {self.tp: committed})
        self._read_offset: defaultdict[Any, int | None] = defaultdict(lambda: None, {self.tp: end - 1})
        self._unacked_messages = {Msg(self.tp, o) for o in unacked_offsets or []}
        self.end = end
        # Faust tracks acks only for agents' input topics, not for changelogs.
        self.app = SimpleNamespace(topics=SimpleNamespace(acks_enabled_for=lambda t: "changelog" not in t))

    def assignment(self) -> set[Any]:
        return {self.tp}

    def highwater(self, tp: Any) -> int:
        return self.end


class Msg:
    def __init__(self, tp: Any, offset: int) -> None:
        self.tp, self.offset = tp, offset


def tail_checks(consumer: TailConsumer, *times: float) -> list[list[Any]]:
    async def run() -> list[list[Any]]:
        return [await reread_skipped_tail(consumer, t) for t in times]

    return asyncio.run(run())


def test_unprocessed_tail_with_nothing_in_flight_is_re_read_once_it_has_stayed_so() -> None:
    # Committed 40, the partition ends at 74, nothing acked and nothing in flight: skipped.
    consumer = TailConsumer(committed=40, end=74)
    assert tail_checks(consumer, 0.0, 5.0) == [[], []]  # not yet stalled for long enough
    assert tail_checks(consumer, TAIL_STALL_SECONDS) == [[consumer.tp]]
    assert consumer.seeks == [(consumer.tp, 40)]


def test_the_only_record_of_a_never_committed_partition_is_re_read() -> None:
    # A fresh partition's one record dropped in a rebalance: nothing acked, nothing committed,
    # lag 1 for good (the two-worker pipeline test's stall) until it is re-read from the start.
    consumer = TailConsumer(committed=None, end=1)
    asyncio.run(refresh_log_starts(consumer, LogStarts(), 0.0))
    assert tail_checks(consumer, 0.0, TAIL_STALL_SECONDS) == [[], [consumer.tp]]
    assert consumer.seeks == [(consumer.tp, 0)]
    unknown = TailConsumer(committed=None, end=1)  # first offset not fetched: left alone
    assert tail_checks(unknown, 0.0, 100.0) == [[], []] and unknown.seeks == []


def test_a_fully_committed_partition_is_left_alone() -> None:
    consumer = TailConsumer(committed=74, end=74)  # committed is the *next* offset to read
    assert tail_checks(consumer, 0.0, 100.0) == [[], []] and consumer.seeks == []


def test_records_in_flight_or_acked_and_changelogs_are_not_a_skipped_tail() -> None:
    busy = TailConsumer(committed=40, end=74, unacked_offsets=[41])
    acked = TailConsumer(committed=40, end=74, acked=[40, 41])
    changelog = TailConsumer(committed=40, end=74, topic="app-positions-changelog")
    for consumer in (busy, acked, changelog):
        assert tail_checks(consumer, 0.0, 100.0) == [[], []] and consumer.seeks == []


def test_progress_restarts_the_clock() -> None:
    consumer = TailConsumer(committed=40, end=60)
    assert tail_checks(consumer, 0.0) == [[]]
    consumer.end = 73  # more arrived meanwhile
    assert tail_checks(consumer, TAIL_STALL_SECONDS) == [[]]
    assert tail_checks(consumer, 2 * TAIL_STALL_SECONDS) == [[consumer.tp]]


# ----------------------------------------------------------------- offsets jumped over


def test_offsets_the_consumer_loop_jumped_over_are_not_marked_absent() -> None:
    # Faust would record 41..59 as a gap and later commit past them; they were dropped records.
    patch()
    consumer = StubConsumer(committed=40, acked=[])
    asyncio.run(FaustConsumer._add_gap(consumer, "tp", 41, 60))  # type: ignore[arg-type]
    assert not consumer._gap["tp"]
    # The delivered record after the jump is acked; the hole blocks the commit and is re-read.
    consumer._acked["tp"].append(60)
    assert check(consumer) is True and consumer.seeks == [("tp", 40)]
