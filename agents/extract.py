"""Stage 3: run the NLP core on batches of accepted articles; publish quotes and stance evidence.

Outputs carry content-derived ids (``quote_id``, ``evidence_id``), so a batch re-processed after
a crash publishes the same records again and every downstream consumer dedupes them by id.
"""

from __future__ import annotations

import asyncio

from agents.dead_letter import dead_letter_for, send_dead_letter
from agents.nlp_worker import Failed, NlpWorker
from stancewire.schemas import Article
from streams import metrics
from streams.app import app, settings
from streams.codec import encode
from streams.topics import accepted_articles_topic, quotes_topic, stances_topic

nlp = NlpWorker(
    model_name=settings.model_name,
    max_quotes=settings.max_quotes_per_article,
    max_seconds=settings.max_processing_seconds,
    in_process=settings.nlp_in_process,
)


@app.task
async def load_model() -> None:
    # Load spaCy before the first batch arrives so the first articles are not slow.
    await nlp.warm_up()


async def publish(article: Article, outcome) -> list[asyncio.Future]:  # type: ignore[no-untyped-def]
    if isinstance(outcome, Failed):
        await send_dead_letter(
            dead_letter_for(
                encode(article),
                topic=accepted_articles_topic.get_topic_name(),
                partition=None,
                offset=None,
                stage="extract",
                kind=outcome.kind,
                error=outcome.error,
                article_id=article.id,
            )
        )
        return []
    # Values arrive as JSON bytes encoded from the same pydantic models in the NLP process.
    futures = []
    for key, value in outcome.quotes:
        futures.append(await quotes_topic.send(key=key, value=value))
    for key, value in outcome.stances:
        futures.append(await stances_topic.send(key=key, value=value))
    metrics.articles_extracted.inc()
    metrics.quotes_published.inc(len(outcome.quotes))
    metrics.evidence_published.inc(len(outcome.stances))
    return futures


# Two batches in flight (the default ``extract_concurrency``): while one instance publishes its
# results and waits for the broker's acks, the NLP child already parses the next batch, so the
# parser is not left idle between batches. Safe: this agent writes no table, and Faust commits an
# offset only once every earlier offset of the partition is acked.
@app.agent(accepted_articles_topic, concurrency=settings.extract_concurrency)
async def extract(stream):  # type: ignore[no-untyped-def]
    async for batch in stream.take(settings.batch_size, within=settings.batch_within):
        with metrics.extract_seconds.time():
            outcomes = await nlp.run_batch(batch)
        futures = []
        for article, outcome in zip(batch, outcomes, strict=True):
            futures.extend(await publish(article, outcome))
        # Wait for the broker's acks before taking the next batch (whose request acks this one).
        if futures:
            await asyncio.gather(*futures)
