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

import asyncio
import weakref
from collections.abc import AsyncIterator, Callable, Hashable, Iterator, Sequence
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


def take_settled(stream: Any, max_: int, within: float, idle: float) -> AsyncIterator[list[EventT]]:
    """Batches of events from ``stream`` (see ``_take_settled``), cleaned up when the stream stops."""
    agen = _take_settled(stream, max_, within, idle)
    # As Faust does for its own take generators: Stream.on_stop closes leftovers explicitly.
    stream._active_agens.add(agen)
    return agen


async def _take_settled(stream: Any, max_: int, within: float, idle: float) -> AsyncIterator[list[EventT]]:
    """Like ``stream.take_events(max_, within)``, but a batch also waits for its burst to end.

    ``take_events`` closes a batch ``within`` seconds after it started waiting, so the records
    one extract batch publishes (hundreds, sent over a few hundred ms) reach a table agent as
    several small batches, and each actor's value was written 3-4 times per extract batch. Here
    a batch closes when no event arrived for ``idle`` seconds (the burst is over), when it is
    ``within`` seconds old (a steady stream cannot hold it open), or at ``max_`` events. At low
    load an article's records form one burst, so it closes ``idle`` after the last of them.

    Acks and buffering follow Faust's ``take_events`` (which this mirrors): the batch's events
    are acked when the caller asks for the next batch, never before it has handled them.
    """
    buffer: list[EventT] = []
    added = asyncio.Event()
    full = asyncio.Event()
    consumed = asyncio.Event()
    consuming: asyncio.Future[None] | None = None
    enable_acks = stream.enable_acks

    async def add_to_buffer(value: Any) -> Any:
        nonlocal consuming
        try:
            if consuming is not None:
                try:
                    await consuming
                finally:
                    consuming = None
            event = stream.current_event
            if event is None:
                raise RuntimeError("take_settled found current_event is None")
            buffer.append(event)
            added.set()
            if len(buffer) >= max_:
                full.set()
                consumed.clear()
                await stream.wait(consumed)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # as Faust's take: crash the stream, do not drop silently
            stream.log.exception("Error adding to take buffer: %r", exc)
            await stream.crash(exc)
        return value

    stream.enable_acks = False
    stream.add_processor(add_to_buffer)
    stream._enable_passive(aiter(stream.channel))
    loop = asyncio.get_running_loop()
    try:
        while not stream.should_stop:
            await stream.wait_for_stopped(added, timeout=within)
            if not buffer:
                added.clear()
                continue
            deadline = loop.time() + within
            while not full.is_set():
                added.clear()
                remaining = deadline - loop.time()
                if remaining <= 0:
                    break
                await stream.wait_for_stopped(added, timeout=min(idle, remaining))
                if not added.is_set():
                    break  # quiet for ``idle``: the burst is over
            consuming = loop.create_future()
            try:
                yield list(buffer)
            finally:
                events = list(buffer)
                buffer.clear()
                added.clear()
                for event in events:
                    await stream.ack(event)
                if not consuming.done():
                    consuming.set_result(None)
                full.clear()
                consumed.set()
    finally:
        stream.enable_acks = enable_acks
        stream._processors.remove(add_to_buffer)
