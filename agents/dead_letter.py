"""Sending records that cannot be processed to the dead-letter topic, with the reason.

The dead letters themselves are built by the stages (``stancewire.stages.dead_letter``); this
module knows the producer's limits and sends them."""

from __future__ import annotations

import faust
from faust.types import TopicT

from stancewire.schemas import DeadLetter
from stancewire.stages.dead_letter import dead_letter_key
from streams import metrics

# Room left in a produce request for everything but the base64 original (preview, reason,
# envelope, key, batch overhead).
_ENVELOPE_BYTES = 64 * 1024


class DeadLetters:
    def __init__(self, app: faust.App, topic: TopicT) -> None:
        self.app = app
        self.topic = topic

    def max_original_bytes(self) -> int:
        """Largest original that still fits in one dead letter once base64-encoded (4/3 larger).

        Records up to the consumer's fetch size can arrive, but a dead letter carrying all of a
        record near or over the producer's ``max_request_size`` cannot be sent; the failed send
        crashed the agent, Faust restarted it past the record, and the record was lost. Capped at
        1 MB of base64 too, the default ``message.max.bytes`` of a Kafka broker.
        """
        request = min(int(self.app.conf.producer_max_request_size), 1_048_576)
        return (request - _ENVELOPE_BYTES) * 3 // 4

    async def send(self, record: DeadLetter) -> None:
        """Publish and wait for the broker's ack: a rejected record must never be lost."""
        fut = await self.topic.send(key=dead_letter_key(record), value=record)
        await fut
        metrics.dead_letters.labels(record.stage, record.error_kind).inc()
