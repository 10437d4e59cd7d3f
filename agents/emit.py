"""Carrying out what a stage returns: send its records to their Faust topics and write its
table entries under the right event. The stages name topics and tables by their logical names
(``stancewire.stages.records``); this module maps them to the app's objects."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from faust.types import EventT

from stancewire.stages import records as names
from stancewire.stages.records import Record, TableWrite
from streams.batching import current_event
from streams.tables import actor_quotes, articles_seen, position_detail, positions
from streams.topics import (
    accepted_articles_topic,
    quotes_topic,
    stance_changes_topic,
    stances_topic,
    valid_articles_topic,
)

TOPICS = {
    names.ARTICLES_VALID: valid_articles_topic,
    names.ARTICLES_ACCEPTED: accepted_articles_topic,
    names.QUOTES: quotes_topic,
    names.STANCES: stances_topic,
    names.STANCE_CHANGES: stance_changes_topic,
}
TABLES = {
    names.ARTICLES_SEEN: articles_seen,
    names.POSITIONS: positions,
    names.POSITION_DETAIL: position_detail,
    names.ACTOR_QUOTES: actor_quotes,
}


async def send(records: Sequence[Record]) -> list[asyncio.Future]:
    """Send in order; return the futures of the broker's acks (not awaited)."""
    return [await TOPICS[r.topic].send(key=r.key, value=r.value) for r in records]


async def send_acked(records: Sequence[Record]) -> None:
    """Send in order and wait until the broker has acknowledged every record."""
    futures = await send(records)
    if futures:
        await asyncio.gather(*futures)


def write(writes: Sequence[TableWrite], events: Sequence[EventT]) -> None:
    """Make the table writes in order, each while its input's event is current (Faust takes a
    write's partition from the current event)."""
    for w in writes:
        with current_event(events[w.at]):
            TABLES[w.table][w.key] = w.value
