"""Sending records that cannot be processed to the dead-letter topic, with the reason."""

from __future__ import annotations

import base64

from faust.types import EventT

from stancewire.schemas import DeadLetter
from streams import metrics
from streams.app import app
from streams.topics import dead_letter_topic

# Room left in a produce request for everything but the base64 original (preview, reason,
# envelope, key, batch overhead).
_ENVELOPE_BYTES = 64 * 1024


def max_original_bytes() -> int:
    """Largest original that still fits in one dead letter once base64-encoded (4/3 larger).

    Records up to the consumer's fetch size can arrive, but a dead letter carrying all of a
    record near or over the producer's ``max_request_size`` cannot be sent; the failed send
    crashed the agent, Faust restarted it past the record, and the record was lost. Capped at
    1 MB of base64 too, the default ``message.max.bytes`` of a Kafka broker.
    """
    request = min(int(app.conf.producer_max_request_size), 1_048_576)
    return (request - _ENVELOPE_BYTES) * 3 // 4


def _utf8_safe(text: str | None) -> str | None:
    # Lone surrogates (JSON "\ud800" escapes decode to them) cannot be encoded as UTF-8, so a
    # dead letter carrying one failed to serialize, crashing the agent (record lost). Escape them.
    if text is None:
        return None
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


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
    keep = max_original_bytes()
    if len(data) > keep:
        # Keep the head (enough to identify the sender) and say plainly that it is partial.
        error = f"{error} [original truncated to its first {keep:,} of {len(data):,} bytes]"
    return DeadLetter(
        original=base64.b64encode(data[:keep]).decode("ascii"),
        original_preview=data[:300].decode("utf-8", "replace"),
        topic=topic,
        partition=partition,
        offset=offset,
        stage=stage,
        error=_utf8_safe(error) or "",
        error_kind=kind,
        article_id=_utf8_safe(article_id),
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
