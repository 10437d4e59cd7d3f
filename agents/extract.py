"""Stage 3: run the NLP core on batches of accepted articles; publish quotes and stance evidence.

Outputs carry content-derived ids (``quote_id``, ``evidence_id``), so a batch re-processed after
a crash publishes the same records again and every downstream consumer dedupes them by id.
"""

from __future__ import annotations

import asyncio
import logging

from agents.dead_letter import dead_letter_for, send_dead_letter
from agents.nlp_worker import Failed, NlpWorker
from stancewire.schemas import Article
from streams import metrics, output_gate
from streams.app import app, settings
from streams.codec import encode
from streams.topics import accepted_articles_topic, quotes_topic, stances_topic

log = logging.getLogger(__name__)

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


async def publish_batch(articles: list[Article], outcomes: list) -> None:  # type: ignore[type-arg]
    """Publish a parsed batch and wait for the broker's acks of every record."""
    futures: list[asyncio.Future] = []
    for article, outcome in zip(articles, outcomes, strict=True):
        futures.extend(await publish(article, outcome))
    if futures:
        await asyncio.gather(*futures)


@app.agent(accepted_articles_topic)
async def extract(stream):  # type: ignore[no-untyped-def]
    if not settings.extract_pipelined:
        # One batch at a time: take, parse in the NLP process, publish, wait for the broker's
        # acks; ``take`` acks the batch's input events when the next batch is taken.
        async for batch in stream.take(settings.batch_size, within=settings.batch_within):
            await publish_batch(list(batch), await timed_batch(list(batch)))
        return
    # Overlapped (the default): batch N+1 goes to the NLP process as soon as it is taken, while
    # batch N's records are still being sent and acknowledged, so the parser does not sit idle
    # during publishing. Records still leave in batch order (batch N's send finishes before
    # batch N+1's starts). ``take`` acks batch N's input events when batch N+1 is taken, which
    # can be before batch N's send is done; the output gate makes every offset commit wait for
    # (and be refused on the failure of) those sends, so an acked input never commits without
    # its outputs in the producer (streams/output_gate.py).
    sending: asyncio.Future | None = None
    async for batch in stream.take(settings.batch_size, within=settings.batch_within):
        articles = list(batch)
        parsed = asyncio.ensure_future(timed_batch(articles))
        if sending is not None:
            await sending  # re-raises a failed send: the agent stops, nothing is committed past it
        outcomes = await parsed
        sending = asyncio.ensure_future(publish_batch(articles, outcomes))
        output_gate.gate.track(sending)


async def timed_batch(articles: list[Article]) -> list:  # type: ignore[type-arg]
    with metrics.extract_seconds.time():
        return await nlp.run_batch(articles)
