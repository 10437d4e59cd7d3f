"""Stage 5: keep each speaker's most recent quotes in the ``actor-quotes`` table for the web view."""

from __future__ import annotations

from stancewire.schemas import ActorKind, ActorQuotes, ActorRef
from streams.app import app, settings
from streams.tables import actor_quotes
from streams.topics import quotes_topic


@app.agent(quotes_topic)
async def index_quotes(stream):  # type: ignore[no-untyped-def]
    async for quote in stream:
        speaker = quote.speaker
        actor_id = speaker.id if speaker else "unknown"
        current = actor_quotes.get(actor_id) or ActorQuotes(
            actor=ActorRef(
                id=actor_id,
                name=speaker.name if speaker else "Unknown speaker",
                kind=speaker.kind if speaker else ActorKind.unknown,
            )
        )
        if any(q.quote_id == quote.quote_id for q in current.quotes):
            continue  # redelivered after a restart: already indexed
        quotes = sorted(
            [quote, *current.quotes],
            key=lambda q: (q.published_at is not None, q.published_at, q.quote_id),
            reverse=True,
        )
        actor_quotes[actor_id] = current.model_copy(
            update={"quotes": quotes[: settings.recent_quotes], "total": current.total + 1}
        )
