"""Stage 5: keep each speaker's most recent quotes in the ``actor-quotes`` table for the web view.

Batched like the positions agent: a ``take_events`` batch is grouped by speaker and each
speaker's value is read and written once per batch. The fold itself is pure and lives in
``stancewire.quote_index`` so it is tested without a broker.
"""

from __future__ import annotations

from stancewire.quote_index import add_quotes
from stancewire.schemas import ActorKind, ActorQuotes, ActorRef, Quote
from streams.app import app, settings
from streams.batching import current_event, group_by_key, take_settled
from streams.tables import actor_quotes
from streams.topics import quotes_topic


def _speaker_of(quote: Quote) -> str:
    return quote.speaker.id if quote.speaker else "unknown"


def _empty(actor_id: str, quote: Quote) -> ActorQuotes:
    speaker = quote.speaker
    return ActorQuotes(
        actor=ActorRef(
            id=actor_id,
            name=speaker.name if speaker else "Unknown speaker",
            kind=speaker.kind if speaker else ActorKind.unknown,
        )
    )


@app.agent(quotes_topic)
async def index_quotes(stream):  # type: ignore[no-untyped-def]
    async for events in take_settled(
        stream, settings.table_batch_size, within=settings.table_batch_within, idle=settings.table_batch_idle
    ):
        for actor_id, speaker_events in group_by_key(events, _speaker_of).items():
            quotes = [e.value for e in speaker_events]
            current = actor_quotes.get(actor_id) or _empty(actor_id, quotes[0])
            updated = add_quotes(current, quotes, settings.recent_quotes)
            if updated is not None:
                with current_event(speaker_events[-1]):
                    actor_quotes[actor_id] = updated
