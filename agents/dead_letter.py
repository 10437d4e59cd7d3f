"""Sending records that cannot be processed to the dead-letter topic, with the reason."""

from __future__ import annotations

import base64

from faust.types import EventT

from stancewire.schemas import DeadLetter
from streams import metrics
from streams.topics import dead_letter_topic


def dead_letter_for(
    raw: bytes | None,
    *,
    topic: str,
    partition: int | None,
    offset: int | None,
    stage: str,
    kind: str,
    error: str,
    article_id: str | None = None,
) -> DeadLetter:
    data = raw or b""
    return DeadLetter(
        original=base64.b64encode(data).decode("ascii"),
        original_preview=data[:300].decode("utf-8", "replace"),
        topic=topic,
        partition=partition,
        offset=offset,
        stage=stage,
        error=error,
        error_kind=kind,
        article_id=article_id,
    )


async def send_dead_letter(record: DeadLetter) -> None:
    """Publish and wait for the broker's ack: a rejected record must never be lost."""
    key = record.article_id or f"{record.topic}:{record.partition}:{record.offset}"
    fut = await dead_letter_topic.send(key=key, value=record)
    await fut
    metrics.dead_letters.labels(record.stage, record.error_kind).inc()


async def dead_letter_event(
    event: EventT,
    *,
    stage: str,
    kind: str,
    error: str,
    article_id: str | None = None,
    raw: bytes | None = None,
) -> None:
    msg = event.message
    await send_dead_letter(
        dead_letter_for(
            raw if raw is not None else msg.value,
            topic=msg.topic,
            partition=msg.partition,
            offset=msg.offset,
            stage=stage,
            kind=kind,
            error=error,
            article_id=article_id,
        )
    )
