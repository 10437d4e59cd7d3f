"""Following ``stance-changes`` (``stancewire subscribe``): filter, print, forward to a webhook.

Alerts are delivered at least once; ``change_id`` is stable, so this subscriber drops repeats.
The webhook runs behind a bounded queue in its own task: a slow or failing endpoint delays
only its own deliveries (with retries and exponential backoff), never the reading of alerts,
and never the pipeline, which does not know subscribers exist.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx
from aiokafka import AIOKafkaConsumer
from pydantic import ValidationError

from stancewire.schemas import StanceChange
from streams.settings import Settings


@dataclass
class AlertFilter:
    actor: str | None = None
    target: str | None = None
    min_delta: float = 0.0
    include_new: bool = False

    def matches(self, change: StanceChange) -> bool:
        if change.kind == "new" and not self.include_new:
            return False
        if self.actor and self.actor not in (change.actor.id, change.actor.name):
            return False
        if self.target and self.target not in (change.target.id, change.target.name):
            return False
        return change.kind == "new" or abs(change.delta) >= self.min_delta


def render(change: StanceChange) -> str:
    """One readable alert: who, on what, from which label to which, and why."""
    if change.kind == "new":
        head = (
            f"NEW  {change.actor.name} -> {change.target.name}: {change.new_label} "
            f"({change.current.score:+.1f})"
        )
    else:
        head = (
            f"CHANGE  {change.actor.name} -> {change.target.name}: {change.previous_label} -> "
            f"{change.new_label} (delta {change.delta:+.1f}, now {change.current.score:+.1f})"
        )
    lines = [f"{head}  [{change.at.date().isoformat()}] id={change.change_id}"]
    for ev in change.evidence[:3]:
        text = (ev.quote_text or "").replace("\n", " ")
        lines.append(f"    {ev.category or 'neutral'} {ev.score:+.1f} {ev.article_id}: {text[:160]}")
    return "\n".join(lines)


class Webhook:
    def __init__(
        self, url: str, retries: int = 5, backoff: float = 0.5, timeout: float = 5.0, queue_size: int = 1000
    ) -> None:
        self.url = url
        self.retries = retries
        self.backoff = backoff
        self.queue: asyncio.Queue[StanceChange] = asyncio.Queue(queue_size)
        self.client = httpx.AsyncClient(timeout=timeout)
        self.delivered = 0
        self.failed = 0
        self.task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self.task = asyncio.create_task(self._run())

    def offer(self, change: StanceChange) -> bool:
        try:
            self.queue.put_nowait(change)
            return True
        except asyncio.QueueFull:
            self.failed += 1
            return False

    async def _post(self, change: StanceChange) -> bool:
        delay = self.backoff
        for _ in range(self.retries + 1):
            try:
                resp = await self.client.post(
                    self.url, content=change.model_dump_json(), headers={"content-type": "application/json"}
                )
                if resp.status_code < 500 and resp.status_code != 429:
                    return resp.is_success
            except httpx.HTTPError:
                pass
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30.0)
        return False

    async def _run(self) -> None:
        while True:
            change = await self.queue.get()
            if await self._post(change):
                self.delivered += 1
            else:
                self.failed += 1
            self.queue.task_done()

    async def close(self, drain_timeout: float = 10.0) -> None:
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.queue.join(), drain_timeout)
        if self.task:
            self.task.cancel()
        await self.client.aclose()


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
    seen: set[str] = set()
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
