"""Batch helpers for table-writing agents: fold a ``stream.take_events`` batch per key.

Writing a table value costs a decode of the old value, an encode of the new one, a RocksDB put
and a changelog record (which the broker stores and every standby replays). Evidence arrives in
bursts for the same actor (one article yields many items about its speakers), so folding a batch
per key and writing each key once per batch removes most of that work without changing results:
the fold is the same sequential fold, only the intermediate values are never written.

Faust picks the changelog partition and the RocksDB partition of a table write from the *current
event*. A batch spans partitions, so each key is written while one of its own events is current
(all events of one key come from one partition: the topics are keyed by that key).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from faust import streams as faust_streams
from faust.types import EventT

K = TypeVar("K", bound=Hashable)


def group_by_key(events: Sequence[EventT], key_of: Callable[[Any], K]) -> dict[K, list[EventT]]:
    """Events grouped by ``key_of(event.value)``, keys in first-seen order, events in arrival order."""
    groups: dict[K, list[EventT]] = {}
    for event in events:
        groups.setdefault(key_of(event.value), []).append(event)
    return groups


@contextmanager
def current_event(event: EventT) -> Iterator[None]:
    """Make ``event`` Faust's current event (what table writes take their partition from)."""
    # Faust keeps a weak reference in a context variable (faust.streams._current_event).
    token = faust_streams._current_event.set(weakref.ref(event))
    try:
        yield
    finally:
        faust_streams._current_event.reset(token)
