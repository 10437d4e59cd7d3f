"""Commits never pass records the stream skipped at the head of a partition; they are re-read."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

from intervaltree import IntervalTree

from streams.kafka_compat import head_gap


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


def test_nothing_committed_yet_is_left_to_faust() -> None:
    assert check(StubConsumer(committed=None, acked=[5, 6])) is False
