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
from streams import metrics
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


async def finish(stream, events, parsed: asyncio.Future) -> None:  # type: ignore[no-untyped-def]
    """Publish one parsed batch, then ack the batch's input events (only now may their offsets
    be committed: a crash before this re-processes the batch)."""
    await publish_batch([e.value for e in events], await parsed)
    for event in events:
        await stream.ack(event)


@app.agent(accepted_articles_topic)
async def extract(stream):  # type: ignore[no-untyped-def]
    if settings.extract_pipelined:
        await _extract_pipelined(stream)
        return
    # One batch at a time: take, parse in the NLP process, publish, wait for the broker's acks;
    # ``take`` acks the batch's input events when the next batch is taken.
    async for batch in stream.take(settings.batch_size, within=settings.batch_within):
        await publish_batch(list(batch), await timed_batch(list(batch)))


async def _extract_pipelined(stream):  # type: ignore[no-untyped-def]
    # Two batches in flight, in order (STANCEWIRE_EXTRACT_PIPELINED): batch N+1 is handed to
    # the NLP process as soon as it is taken, while batch N is still being published, so the
    # parser is not idle between batches. ``noack_take`` leaves acking to us: each batch's
    # events are acked by its own ``finish`` after its outputs are acked, and batches finish
    # strictly in order. Off by default: across rebalances on the embedded broker, acks that
    # land after a revoke can leave the group's committed offsets behind finished work (see
    # docs/reliability.md), which stalls lag-based waits.
    previous: asyncio.Task | None = None
    try:
        async for events in stream.noack_take(settings.batch_size, within=settings.batch_within):
            parsed = asyncio.ensure_future(timed_batch([e.value for e in events]))
            if previous is not None:
                await previous
            previous = asyncio.ensure_future(finish(stream, events, parsed))
            previous.add_done_callback(_report_failure)
    finally:
        if previous is not None and not previous.done():
            previous.cancel()


def _report_failure(task: asyncio.Task) -> None:
    # The next batch re-raises it; the last batch of a burst has no next one, so say it here
    # (its events stay unacked and are redelivered after a restart, never dropped).
    if not task.cancelled() and task.exception() is not None:
        log.error("publishing an extracted batch failed", exc_info=task.exception())


async def timed_batch(articles: list[Article]) -> list:  # type: ignore[type-arg]
    with metrics.extract_seconds.time():
        return await nlp.run_batch(articles)
