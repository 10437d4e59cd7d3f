"""Folding quotes into a speaker's ``actor-quotes`` value (pure: no Faust, no Kafka).

The value keeps only the newest ``keep`` quotes for the web view, but ``total`` counts every
quote ever indexed. Delivery is at-least-once, so an older quote that has already dropped out
of the kept list can be redelivered (a crash before the offset commit, a re-sent article whose
dedupe record was lost): ``counted`` remembers the ids of the most recently counted quotes,
far more than are kept, so such a quote is recognised and not counted twice.
"""

from __future__ import annotations

from stancewire.schemas import ActorQuotes, Quote

# Each batch rewrites the whole value to the changelog, so the id list is bounded. A redelivery
# replays at most what was processed since the last commit (Faust commits every 100 events or
# 1 s): a batch or two of one speaker's quotes. 128 ids (~3 KB) is ample; 400 made the id list
# half of a typical value's bytes, all of it rewritten to the changelog on every write.
COUNTED_IDS = 128


def _newest_first(q: Quote) -> tuple[bool, object, str]:
    # Undated quotes sort last; quote_id breaks ties so the order never depends on arrival.
    return (q.published_at is not None, q.published_at, q.quote_id)


def add_quotes(
    current: ActorQuotes, quotes: list[Quote], keep: int, counted_ids: int = COUNTED_IDS
) -> ActorQuotes | None:
    """The value with ``quotes`` added (newest first, ``keep`` kept), or None if all were known."""
    known = {q.quote_id for q in current.quotes} | set(current.counted)
    fresh: dict[str, Quote] = {}
    for q in quotes:
        if q.quote_id not in known:  # redelivered: already counted (and maybe still kept)
            fresh.setdefault(q.quote_id, q)
    if not fresh:
        return None
    merged = sorted([*fresh.values(), *current.quotes], key=_newest_first, reverse=True)
    counted = [*current.counted, *fresh][-max(counted_ids, keep) :]
    return current.model_copy(
        update={
            "quotes": merged[:keep],
            "total": current.total + len(fresh),
            "counted": counted,
        }
    )
