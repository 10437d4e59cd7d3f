"""Stage 5: keep each speaker's most recent quotes in the ``actor-quotes`` table (web view).

A batch is grouped by speaker and each speaker's value is read and written once per batch; the
fold itself is ``stancewire.quote_index.add_quotes`` (redelivered quotes are not counted again).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from stancewire.quote_index import add_quotes
from stancewire.schemas import ActorKind, ActorQuotes, ActorRef, Quote
from stancewire.stages.records import ACTOR_QUOTES, Output, TableWrite


def speaker_of(quote: Quote) -> str:
    """The ``quotes`` topic's key of a quote (and its ``actor-quotes`` key)."""
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


def index_quotes(quotes: Sequence[Quote], current: Mapping[str, ActorQuotes | None], keep: int) -> Output:
    """One write per speaker whose value changed (``keep`` newest quotes kept), under the
    speaker's last quote of the batch; speakers in first-seen order. ``current`` is the
    ``actor-quotes`` table."""
    groups: dict[str, list[int]] = {}
    for i, quote in enumerate(quotes):
        groups.setdefault(speaker_of(quote), []).append(i)
    out = Output()
    for actor_id, indexes in groups.items():
        batch = [quotes[i] for i in indexes]
        value = current.get(actor_id) or _empty(actor_id, batch[0])
        updated = add_quotes(value, batch, keep)
        if updated is not None:
            out.writes.append(TableWrite(ACTOR_QUOTES, actor_id, updated, at=indexes[-1]))
    return out
