"""Sending articles to the ``articles`` topic (``stancewire feed``)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from aiokafka import AIOKafkaProducer
from aiokafka.errors import MessageSizeTooLargeError

from stancewire.readers import RawRecord
from stancewire.settings import Settings
from stancewire.validation import Limits, RejectedRecord, parse_article


@dataclass
class FeedSummary:
    sent: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)

    @property
    def rejected_by_kind(self) -> Counter[str]:
        return Counter(reason.split(":", 1)[0] for _, reason in self.rejected)


def producer_max_bytes(settings: Settings) -> int:
    return max(1_048_576, settings.max_article_bytes * 3)


def producer_for(settings: Settings) -> AIOKafkaProducer:
    return AIOKafkaProducer(
        **settings.aiokafka_kwargs(),  # type: ignore[arg-type]
        acks="all",
        enable_idempotence=False,
        max_request_size=producer_max_bytes(settings),
        linger_ms=5,
        compression_type=settings.compression_type,
    )


async def feed_records(
    settings: Settings, records: Iterable[RawRecord], *, validate: bool = True, on_progress=None
) -> FeedSummary:  # type: ignore[no-untyped-def]
    """Validate locally (same rules as the ingest agent) and send; invalid records are reported,
    not sent, unless ``validate`` is False (then the worker dead-letters them)."""
    limits = Limits(settings.max_article_bytes, settings.max_text_chars, settings.max_sentence_tokens)
    summary = FeedSummary()
    producer = producer_for(settings)
    await producer.start()
    topic = settings.topic("articles")
    try:
        pending = []
        for record in records:
            if validate:
                try:
                    article = parse_article(record.data, limits)
                except RejectedRecord as exc:
                    summary.rejected.append((record.origin, str(exc)))
                    if on_progress:
                        on_progress()
                    continue
                key, value = (
                    json.dumps(article.id).encode(),
                    article.model_dump_json(exclude_none=True).encode(),
                )
            else:
                key, value = None, record.data
            try:
                pending.append(await producer.send(topic, value=value, key=key))
            except MessageSizeTooLargeError:
                # Unvalidated input can exceed what any broker accepts; it cannot be sent (so the
                # worker cannot dead-letter it): report it like a local rejection, keep going.
                summary.rejected.append(
                    (
                        record.origin,
                        f"oversize: record is {len(record.data):,} bytes, over the producer's maximum "
                        f"request size ({producer_max_bytes(settings):,}); not sent",
                    )
                )
                if on_progress:
                    on_progress()
                continue
            summary.sent += 1
            if on_progress:
                on_progress()
        for fut in pending:
            await fut
    finally:
        await producer.stop()
    return summary
