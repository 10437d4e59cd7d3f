"""Stage 3: run the NLP core on batches of accepted articles; publish quotes and stance evidence
(the routing: ``stancewire.stages.extract``).

Outputs carry content-derived ids (``quote_id``, ``evidence_id``), so a batch re-processed after
a crash publishes the same records again and every downstream consumer dedupes them by id.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque

from agents.context import AgentContext
from agents.nlp_worker import NlpWorker
from stancewire.schemas import Article
from stancewire.stages import extract as stage
from stancewire.stages.extract import Outcome
from stancewire.stages.records import QUOTES, STANCES
from streams import metrics

log = logging.getLogger(__name__)


def register(ctx: AgentContext) -> NlpWorker:
    """Register the extract agent, the model warm-up and the NLP child's stop on ``ctx.app``;
    returns the NLP worker (its child process starts with the first batch or the warm-up)."""
    app, settings = ctx.app, ctx.settings
    nlp = NlpWorker.from_settings(settings, on_busy=metrics.extract_seconds.observe)

    @app.task
    async def load_model() -> None:
        # Load spaCy before the first batch arrives so the first articles are not slow.
        await nlp.warm_up()

    @app.on_before_shutdown.connect
    async def stop_nlp_child(sender, **kwargs) -> None:  # type: ignore[no-untyped-def]
        # The consumer has stopped; end the NLP child before Faust flushes and stops the agents, so
        # the worker's stop does not wait for a parse (or the model load) whose result is dropped.
        nlp.close()

    @app.agent(ctx.topics.accepted_articles)
    async def extract(stream):  # type: ignore[no-untyped-def]
        # Batches in flight (``EXTRACT_BATCHES_IN_FLIGHT``, default 2): each batch is handed to the
        # NLP process as soon as it is taken, and published after the batch before it, so records
        # leave in batch order. With two, the NLP process already holds batch N+1 when it finishes
        # batch N, while batch N's records are being sent: the parser does not wait for the event
        # loop (which, under load, also waits for the GIL and a core).
        # ``noack_take`` leaves acking to us: a batch's input events are acked only once its records
        # are acked by the broker (``finish``), so an offset commit never covers an article whose
        # outputs could still be lost, and a commit never has to wait for a parse. (``take`` acks a
        # batch when the next is taken; making commits wait for the outputs instead blocked Faust's
        # consumer loop, which commits inline, for a whole parse: the table agents got no records.)
        depth = settings.extract_batches_in_flight
        in_flight: deque[asyncio.Future] = deque()
        try:
            async for events in stream.noack_take(settings.batch_size, within=settings.batch_within):
                articles = [event.value for event in events]
                parsed = asyncio.ensure_future(nlp.run_batch(articles))
                previous = in_flight[-1] if in_flight else None
                generation = assignment_epoch(ctx)
                in_flight.append(
                    asyncio.ensure_future(finish(ctx, stream, events, parsed, previous, generation))
                )
                while len(in_flight) >= depth:
                    # Re-raises a failed parse or send: the agent stops; the batch's events stay
                    # unacked, so their offsets are never committed and a restart re-reads them.
                    await in_flight.popleft()
        finally:
            for task in in_flight:  # the stream is stopping (rebalance, shutdown): redelivered later
                task.cancel()

    return nlp


async def publish_batch(ctx: AgentContext, articles: list[Article], outcomes: list[Outcome]) -> None:
    """Publish a parsed batch and wait for the broker's acks of every record."""
    out = stage.extract_and_route(
        articles,
        outcomes,
        source_topic=ctx.topics.accepted_articles.get_topic_name(),
        max_original_bytes=ctx.dead_letters.max_original_bytes(),
    )
    for letter in out.dead_letters:
        await ctx.dead_letters.send(letter)
    await ctx.emit.send_acked(out.records)
    metrics.articles_extracted.inc(out.extracted)
    metrics.quotes_published.inc(sum(r.topic == QUOTES for r in out.records))
    metrics.evidence_published.inc(sum(r.topic == STANCES for r in out.records))


def assignment_epoch(ctx: AgentContext) -> tuple[int, int]:
    """What changes whenever the consumer's assignment may have changed: the group generation,
    and Faust's count of rebalances (a broker that lost its group state after a restart hands
    out generation 1 again, as the embedded broker does)."""
    return ctx.app.consumer_generation_id, ctx.app.rebalancing_count


async def finish(  # type: ignore[no-untyped-def]
    ctx: AgentContext,
    stream,
    events: list,
    parsed: asyncio.Future,
    previous: asyncio.Future | None,
    generation: tuple[int, int],
) -> None:
    """Publish a parsed batch after the one before it, wait for the broker's acks, then ack the
    batch's input events (only now may their offsets be committed).

    Events taken before a rebalance are not acked after it: Faust itself skips, without acking,
    records fetched under an old generation, and re-reads from the committed offset. A late ack
    of such a batch let a commit jump over records the new generation had skipped (the
    broker-restart test lost articles that way); unacked, they are simply read again (the
    skipped-tail re-read in ``streams.patches.head_gap`` covers a batch at the end of a partition)
    and their re-sent outputs are deduplicated by id."""
    try:
        outcomes = await parsed
        if previous is not None:
            await previous  # a failure before this batch fails it too: records must not overtake
    except BaseException:
        parsed.cancel()
        raise
    await publish_batch(ctx, [event.value for event in events], outcomes)
    if assignment_epoch(ctx) != generation:
        log.info("not acking a batch of %d taken before a rebalance; it is read again", len(events))
        return
    for event in events:
        await stream.ack(event)
