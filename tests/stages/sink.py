"""A sink in the style of Bytewax's ``TestingSink``: collects what stages return, in order, and
applies their table writes to dicts (the tables of a test)."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from stancewire.schemas import DeadLetter
from stancewire.stages import Output, Record, TableWrite


class Sink:
    def __init__(self) -> None:
        self.records: list[Record] = []
        self.dead_letters: list[DeadLetter] = []
        self.writes: list[TableWrite] = []
        self.tables: defaultdict[str, dict[str, Any]] = defaultdict(dict)

    def take(self, out: Output, batch: Sequence[Any]) -> Output:
        """Collect ``out``, the result of a stage over ``batch``; apply its writes in order."""
        for w in out.writes:
            # Written under one of the batch's own records (Faust's partition of the write).
            assert 0 <= w.at < len(batch), w
            self.tables[w.table][w.key] = w.value
        self.records += out.records
        self.dead_letters += out.dead_letters
        self.writes += out.writes
        return out


def batches(items: Sequence[Any], cuts: Sequence[int]) -> list[list[Any]]:
    """``items`` cut into consecutive batches at the (sorted, distinct) indexes ``cuts``."""
    bounds = [0, *sorted({c for c in cuts if 0 < c < len(items)}), len(items)]
    return [list(items[lo:hi]) for lo, hi in itertools.pairwise(bounds) if hi > lo]
