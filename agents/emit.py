"""Carrying out what a stage returns: send its records to their Faust topics and write its
table entries under the right event. The stages name topics and tables by their logical names
(``stancewire.stages.records``); an ``Emitter`` maps them to one app's objects."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import faust
from faust.types import EventT, TopicT

from stancewire.stages import records as names
from stancewire.stages.records import Record, TableWrite
from streams.batching import current_event
from streams.tables import Tables
from streams.topics import Topics


class Emitter:
    def __init__(self, topics: Topics, tables: Tables) -> None:
        self.topics: dict[str, TopicT] = {
            names.ARTICLES_VALID: topics.valid_articles,
            names.ARTICLES_ACCEPTED: topics.accepted_articles,
            names.QUOTES: topics.quotes,
            names.STANCES: topics.stances,
            names.STANCE_CHANGES: topics.stance_changes,
        }
        self.tables: dict[str, faust.Table] = {
            names.ARTICLES_SEEN: tables.articles_seen,
            names.POSITIONS: tables.positions,
            names.POSITION_DETAIL: tables.position_detail,
            names.ACTOR_QUOTES: tables.actor_quotes,
        }

    async def send(self, records: Sequence[Record]) -> list[asyncio.Future]:
        """Send in order; return the futures of the broker's acks (not awaited)."""
        return [await self.topics[r.topic].send(key=r.key, value=r.value) for r in records]

    async def send_acked(self, records: Sequence[Record]) -> None:
        """Send in order and wait until the broker has acknowledged every record."""
        futures = await self.send(records)
        if futures:
            await asyncio.gather(*futures)

    def write(self, writes: Sequence[TableWrite], events: Sequence[EventT]) -> None:
        """Make the table writes in order, each while its input's event is current (Faust takes a
        write's partition from the current event)."""
        for w in writes:
            with current_event(events[w.at]):
                self.tables[w.table][w.key] = w.value
