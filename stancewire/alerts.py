"""What a subscriber does with each stance-change alert: filter, dedupe, print, forward to a webhook.

The consumer that reads them from ``stance-changes`` is ``streams.clients.subscribe``.
Alerts are delivered at least once; ``change_id`` is stable, so the subscriber drops repeats.
The webhook runs behind a bounded queue in its own task: a slow or failing endpoint delays
only its own deliveries (with retries and exponential backoff), never the reading of alerts,
and never the pipeline, which does not know subscribers exist.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from stancewire.schemas import StanceChange, basis_mix

# Alert ids remembered for dedupe. Redeliveries come close together (a worker's crash replays
# what it emitted since its last commit), so the newest few tens of thousands are plenty and
# keep a subscriber that runs for months at a flat few MB.
MAX_SEEN_IDS = 50_000


def warn(message: str) -> None:
    """Warnings go to stderr so they never mix with alerts (or JSON lines) on stdout."""
    print(f"warning: {message}", file=sys.stderr, flush=True)


class SeenIds:
    """The most recent ``limit`` alert ids, oldest evicted first (a bounded set)."""

    def __init__(self, limit: int = MAX_SEEN_IDS) -> None:
        self.limit = limit
        self._ids: OrderedDict[str, None] = OrderedDict()

    def __contains__(self, change_id: object) -> bool:
        return change_id in self._ids

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, change_id: str) -> None:
        self._ids[change_id] = None
        self._ids.move_to_end(change_id)
        while len(self._ids) > self.limit:
            self._ids.popitem(last=False)


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
    """One readable alert: who, on what, from which label to which, on what basis, and why."""
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
    # What the change rests on (quoted words, reported acts or both) and the position's whole mix.
    counts, pos = change.basis_counts, change.current
    lines.append(
        f"    basis: {change.basis} ({basis_mix(counts['said'], counts['did'])}); "
        f"position: {basis_mix(pos.said_count, pos.did_count) or 'no evidence'}"
    )
    for ev in change.evidence[:3]:
        text = (ev.quote_text or "").replace("\n", " ")
        # "said" (quoted words) or "did" (a reported act): readers weigh the two differently.
        what = f"{ev.basis} {ev.category or 'neutral'} {ev.score:+.1f}"
        lines.append(f"    {what} {ev.article_id}: {text[:160]}")
    return "\n".join(lines)


class Webhook:
    def __init__(
        self,
        url: str,
        retries: int = 5,
        backoff: float = 0.5,
        timeout: float = 5.0,
        queue_size: int = 1000,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        on_warning: Callable[[str], None] = warn,
    ) -> None:
        self.url = url
        self.retries = retries
        self.backoff = backoff
        self.queue: asyncio.Queue[StanceChange] = asyncio.Queue(queue_size)
        self.client = httpx.AsyncClient(timeout=timeout, transport=transport)
        # A lost delivery must be visible to whoever runs the subscriber, not just a counter.
        self.on_warning = on_warning
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
            self.on_warning(
                f"webhook queue full ({self.queue.maxsize} alerts waiting for {self.url}); "
                f"alert {change.change_id} was not delivered"
            )
            return False

    async def _post(self, change: StanceChange) -> str | None:
        """None once delivered, else why the last attempt failed (after every retry)."""
        delay = self.backoff
        problem = ""
        for attempt in range(self.retries + 1):
            try:
                resp = await self.client.post(
                    self.url, content=change.model_dump_json(), headers={"content-type": "application/json"}
                )
                if resp.status_code < 500 and resp.status_code != 429:
                    # Other 4xx: the endpoint refuses this alert; retrying cannot help.
                    return None if resp.is_success else f"HTTP {resp.status_code}, not retried"
                problem = f"HTTP {resp.status_code}"
            except httpx.HTTPError as exc:
                problem = f"{type(exc).__name__}: {exc}"
            if attempt < self.retries:
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
        return f"{problem}, after {self.retries + 1} attempts"

    async def _run(self) -> None:
        while True:
            change = await self.queue.get()
            problem = await self._post(change)
            if problem is None:
                self.delivered += 1
            else:
                self.failed += 1
                self.on_warning(
                    f"webhook delivery of alert {change.change_id} to {self.url} failed "
                    f"({problem}); giving up on this alert"
                )
            self.queue.task_done()

    async def close(self, drain_timeout: float = 10.0) -> None:
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.queue.join(), drain_timeout)
        if self.task:
            self.task.cancel()
        await self.client.aclose()
