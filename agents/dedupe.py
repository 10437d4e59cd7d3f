"""Stage 2: drop re-sent articles (same id, same content) so scrapers may resend freely.

Articles are handled in batches: every accepted article of a batch is sent, the batch waits for
the broker's acks once, and only then are the articles marked seen. One article at a time cost a
broker round trip each (10-50 ms on a busy loop), and at the start of a burst that left the NLP
process waiting for work for seconds.
"""

from __future__ import annotations

import asyncio

from faust.types import EventT

from stancewire.schemas import Article
from streams import metrics
from streams.app import app, settings
from streams.batching import current_event, take_settled
from streams.tables import articles_seen
from streams.topics import accepted_articles_topic, valid_articles_topic

# A batch closes this long after the last article of a burst arrived: short, because every
# accepted article's latency waits for it.
BURST_IDLE_SECONDS = 0.005


@app.agent(valid_articles_topic)
async def dedupe(stream):  # type: ignore[no-untyped-def]
    async for events in take_settled(
        stream, settings.table_batch_size, within=settings.batch_within, idle=BURST_IDLE_SECONDS
    ):
        # article id -> (its latest accepted event, content hash); a re-send inside the batch is
        # checked against the batch's own earlier copy before the table.
        accepted: dict[str, tuple[EventT, str]] = {}
        futures: list[asyncio.Future] = []
        for event in events:
            article: Article = event.value
            digest = article.content_hash
            seen = accepted[article.id][1] if article.id in accepted else articles_seen.get(article.id)
            if seen == digest:
                metrics.articles_duplicate.inc()
                continue
            futures.append(await accepted_articles_topic.send(key=article.id, value=article))
            accepted[article.id] = (event, digest)
        # Forwarded and acked *before* being marked seen: a crash in between re-sends them
        # (harmless: downstream ids are content-derived) instead of losing them.
        if futures:
            await asyncio.gather(*futures)
        for article_id, (event, digest) in accepted.items():
            with current_event(event):
                articles_seen[article_id] = digest
