"""Following ``stance-changes`` (``stancewire subscribe``): read the alerts and hand each new one
that passes the filter to the printer and the webhook (``stancewire.alerts``)."""

from __future__ import annotations

import time
from collections.abc import Callable

from aiokafka import AIOKafkaConsumer
from pydantic import ValidationError

from stancewire.alerts import AlertFilter, SeenIds, Webhook
from stancewire.schemas import StanceChange
from stancewire.settings import Settings


async def subscribe(
    settings: Settings,
    flt: AlertFilter,
    emit: Callable[[StanceChange], None],
    *,
    from_beginning: bool = False,
    webhook: Webhook | None = None,
    max_alerts: int | None = None,
    idle_timeout: float | None = None,
) -> int:
    """Consume alerts until interrupted, ``max_alerts`` printed, or ``idle_timeout`` seconds idle."""
    consumer = AIOKafkaConsumer(
        settings.topic("stance-changes"),
        **settings.aiokafka_kwargs(),  # type: ignore[arg-type]
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest" if from_beginning else "latest",
    )
    await consumer.start()
    if webhook:
        webhook.start()
    seen = SeenIds()
    count = 0
    last = time.monotonic()
    try:
        while max_alerts is None or count < max_alerts:
            batches = await consumer.getmany(timeout_ms=500)
            if not batches:
                if idle_timeout is not None and time.monotonic() - last > idle_timeout:
                    break
                continue
            last = time.monotonic()
            for records in batches.values():
                for rec in records:
                    try:
                        change = StanceChange.model_validate_json(rec.value)
                    except ValidationError:
                        continue  # not an alert we understand; the pipeline never writes these
                    if change.change_id in seen or not flt.matches(change):
                        continue
                    seen.add(change.change_id)
                    emit(change)
                    if webhook:
                        webhook.offer(change)
                    count += 1
    finally:
        await consumer.stop()
        if webhook:
            await webhook.close()
    return count
