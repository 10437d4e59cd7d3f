"""Stage 2: drop re-sent articles (same id, same content) so scrapers may resend freely."""

from __future__ import annotations

from streams import metrics
from streams.app import app
from streams.tables import articles_seen
from streams.topics import accepted_articles_topic, valid_articles_topic


@app.agent(valid_articles_topic)
async def dedupe(stream):  # type: ignore[no-untyped-def]
    async for article in stream:
        digest = article.content_hash
        if articles_seen.get(article.id) == digest:
            metrics.articles_duplicate.inc()
            continue
        # Forward and wait for the ack *before* marking the article seen: a crash in between
        # re-sends it (harmless: downstream ids are content-derived) instead of losing it.
        fut = await accepted_articles_topic.send(key=article.id, value=article)
        await fut
        articles_seen[article.id] = digest
