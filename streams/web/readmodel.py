"""Cluster-wide read model for listings and the live feed.

Each worker only holds its own partitions of the ``positions`` table, but the dashboard and
``/api/actors`` must list every actor. So every worker tails, with a plain aiokafka consumer
(no group: all partitions, from the beginning), the positions changelog and the
``stance-changes`` topic, and keeps a compact in-memory index. Any worker can then answer any
listing without asking its peers, and the pipeline is never slowed by web traffic: the index
consumer is independent of Faust's consumer group and SSE clients get bounded queues.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import ValidationError

from stancewire.schemas import ActorPositions, StanceChange
from streams.web.models import ActorSummary, Counts

log = logging.getLogger(__name__)

MAX_CHANGES = 5_000
SUBSCRIBER_QUEUE = 256
# A reconnect whose Last-Event-ID this worker cannot place (malformed, or from an older
# version) replays this many of the newest changes; the client dedupes them by change_id.
REPLAY_WINDOW = 100
# Workers tail the partitions independently and alerts are stamped by the worker that emitted
# them, so a change with a slightly older emitted_at can reach one worker after a newer one.
# A resume therefore starts this much before the client's last event (the client dedupes).
REPLAY_SKEW = timedelta(seconds=60)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)

ChangeKey = tuple[datetime, str]


@dataclass(eq=False)
class Subscriber:
    """One SSE client. A client whose queue fills up is dropped rather than waited for.

    ``backlog`` holds the replay for a reconnecting client; the handler writes it before the
    live queue, so a long replay never overflows the queue (which would drop the client).
    """

    queue: asyncio.Queue[tuple[str, StanceChange]] = field(
        default_factory=lambda: asyncio.Queue(maxsize=SUBSCRIBER_QUEUE)
    )
    backlog: list[tuple[str, StanceChange]] = field(default_factory=list)
    dropped: bool = False


def _change_key(c: StanceChange) -> ChangeKey:
    return (c.emitted_at, c.change_id)


def event_id(change: StanceChange) -> str:
    """The SSE event id: the change's own (emitted_at, change_id), the same on every worker.

    Every worker indexes the same alerts, so a client that reconnects to another worker (a
    load balancer without sticky sessions) resumes at the same point.
    """
    micros = (change.emitted_at - _EPOCH) // _MICROSECOND
    return f"{micros}-{change.change_id}"


def parse_event_id(raw: str | None) -> ChangeKey | None:
    """The key an ``event_id`` stands for, or None for anything else (the caller replays safely)."""
    if not raw:
        return None
    micros, sep, change_id = raw.strip().partition("-")
    if not sep or not change_id or not micros.isdigit() or len(micros) > 18:
        return None
    return (_EPOCH + int(micros) * _MICROSECOND, change_id)


class ReadModel:
    """The in-memory index. Pure (no Kafka) so it is tested directly."""

    def __init__(self, max_changes: int = MAX_CHANGES) -> None:
        self.actors: dict[str, ActorSummary] = {}
        self.max_changes = max_changes
        # Oldest first, ordered by (emitted_at, change_id): partitions interleave on the wire.
        # Also the buffer that SSE reconnects replay from (by event id, see ``subscribe``).
        self.changes: list[StanceChange] = []
        self._change_keys: list[ChangeKey] = []
        # change_ids already indexed; bounded (2x the list) so dedupe memory stays flat.
        self._seen: OrderedDict[str, None] = OrderedDict()
        self.subscribers: set[Subscriber] = set()
        # Set once the tail consumer has every partition assigned (the page shows 'loading').
        self.ready = False
        self.closing = False

    # ------------------------------------------------------------------ positions changelog

    def apply_position(self, actor_id: str, state: ActorPositions | None) -> None:
        if state is None:  # tombstone: the key was deleted from the table
            self.actors.pop(actor_id, None)
            return
        summary = ActorSummary.from_state(state)
        old = self.actors.get(actor_id)
        if old is not None:
            summary.last_change_at, summary.change_count = old.last_change_at, old.change_count
        self.actors[actor_id] = summary

    # ------------------------------------------------------------------ stance changes

    def apply_change(self, change: StanceChange) -> bool:
        """Index a change; False if already seen (changes are redelivered at-least-once)."""
        if change.change_id in self._seen:
            return False
        self._seen[change.change_id] = None
        key = _change_key(change)
        i = bisect.bisect_right(self._change_keys, key)
        self._change_keys.insert(i, key)
        self.changes.insert(i, change)
        if len(self.changes) > self.max_changes:
            del self.changes[0], self._change_keys[0]
        while len(self._seen) > self.max_changes * 2:
            self._seen.popitem(last=False)
        summary = self.actors.get(change.actor.id)
        if summary is None:
            # The alert can arrive before the changelog record: show the actor from the alert.
            summary = ActorSummary.from_state(
                ActorPositions(
                    actor=change.actor,
                    positions={change.target.id: change.current},
                    updated_at=change.current.last_seen,
                )
            )
            self.actors[change.actor.id] = summary
        if change.kind == "change":  # a first-seen record is not a change of position
            summary.change_count += 1
            if summary.last_change_at is None or change.emitted_at > summary.last_change_at:
                summary.last_change_at = change.emitted_at
        self._publish(change)
        return True

    # ------------------------------------------------------------------ queries

    def list_actors(
        self,
        *,
        q: str | None = None,
        label: str | None = None,
        target: str | None = None,
        sort: str = "recent",
    ) -> list[ActorSummary]:
        needle = q.casefold().strip() if q else None
        tneedle = target.casefold().strip() if target else None
        rows: list[ActorSummary] = []
        for s in self.actors.values():
            if needle and needle not in s.actor.name.casefold() and needle not in s.actor.id.casefold():
                continue
            if label or tneedle:
                # Label and target filter the same position: "cooperative towards X".
                ok = any(
                    (not label or p.label == label)
                    and (
                        not tneedle
                        or p.target.id.casefold() == tneedle
                        or tneedle in p.target.name.casefold()
                    )
                    for p in s.positions
                )
                if not ok:
                    continue
            rows.append(s)
        if sort == "name":
            rows.sort(key=lambda s: (s.actor.name.casefold(), s.actor.id))
        else:
            rows.sort(key=lambda s: (s.recent_key, s.actor.id), reverse=True)
        return rows

    def list_changes(
        self, *, actor: str | None = None, target: str | None = None, kind: str | None = None
    ) -> list[StanceChange]:
        """Newest first."""
        return [
            c
            for c in reversed(self.changes)
            if (not actor or c.actor.id == actor)
            and (not target or c.target.id == target)
            and (not kind or c.kind == kind)
        ]

    def targets(self) -> list[tuple[str, str]]:
        seen: dict[str, str] = {}
        for s in self.actors.values():
            for p in s.positions:
                seen.setdefault(p.target.id, p.target.name)
        return sorted(seen.items(), key=lambda kv: kv[1].casefold())

    # ------------------------------------------------------------------ live feed

    def subscribe(self, last_event_id: str | None = None) -> Subscriber:
        """A new live subscriber; with ``last_event_id`` (a reconnect), its replay in ``backlog``.

        The replay is computed and the subscriber registered in one synchronous step, so no
        change falls between them. A known id replays every buffered change after it (less
        ``REPLAY_SKEW``, for alerts that reach workers in a different order); an id this worker
        cannot place replays the newest ``REPLAY_WINDOW``. Either may repeat events the client
        has: the client dedupes by change_id, which every event carries.
        """
        sub = Subscriber()
        if last_event_id is not None:
            resume = parse_event_id(last_event_id)
            if resume is None:
                replay = self.changes[-REPLAY_WINDOW:]
            else:
                start = bisect.bisect_left(self._change_keys, (resume[0] - REPLAY_SKEW, ""))
                replay = [c for c in self.changes[start:] if c.change_id != resume[1]]
            sub.backlog = [(event_id(c), c) for c in replay]
        self.subscribers.add(sub)
        return sub

    def unsubscribe(self, sub: Subscriber) -> None:
        self.subscribers.discard(sub)

    def _offer(self, sub: Subscriber, change: StanceChange) -> None:
        try:
            sub.queue.put_nowait((event_id(change), change))
        except asyncio.QueueFull:
            # A slow client must never slow the pipeline or other clients: drop it; its
            # EventSource reconnects and replays from Last-Event-ID.
            sub.dropped = True
            self.subscribers.discard(sub)

    def _publish(self, change: StanceChange) -> None:
        for sub in list(self.subscribers):
            self._offer(sub, change)

    def close(self) -> None:
        """Tell SSE handlers to finish so the web server can stop promptly."""
        self.closing = True
        for sub in list(self.subscribers):
            sub.dropped = True
            with contextlib.suppress(asyncio.QueueFull):
                sub.queue.put_nowait(("", None))  # type: ignore[arg-type]
        self.subscribers.clear()


def _decode_key(raw: bytes | None) -> str | None:
    if raw is None:
        return None
    try:
        key = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return raw.decode("utf-8", "replace")
    return key if isinstance(key, str) else str(key)


def latest_per_key(records: list[Any]) -> list[Any]:
    """The last record of each key, in offset order: a changelog value is the whole state, so an
    earlier record of the same key in the same fetch would be decoded only to be replaced (each
    worker's read model tails every partition, so this saves work on every worker)."""
    last = {rec.key: i for i, rec in enumerate(records)}
    if len(last) == len(records):
        return records
    return [rec for i, rec in enumerate(records) if last[rec.key] == i]


def apply_record(
    model: ReadModel, topic: str, changelog_topic: str, key: bytes | None, value: bytes | None
) -> None:
    """Fold one Kafka record into the model; a malformed record is logged and skipped."""
    try:
        if topic == changelog_topic:
            actor_id = _decode_key(key)
            if actor_id is None:
                return
            model.apply_position(actor_id, ActorPositions.model_validate_json(value) if value else None)
        elif value:
            model.apply_change(StanceChange.model_validate_json(value))
    except ValidationError as exc:
        log.warning("read model: skipping malformed record on %s: %s", topic, exc.errors()[:1])


async def refresh_metadata(consumer: object) -> None:
    """Refresh the consumer's own view of every topic's partitions (``partitions_for_topic``).

    ``consumer.topics()`` is not enough on Apache Kafka: it fetches all topics' metadata into a
    separate object and leaves the client's cluster view, which only knows subscribed topics,
    as it was, so an assign-only consumer never saw the topics (the read model never became
    ready, the counts stayed 0). noida-db's bootstrap answer listed every topic, which hid it.
    """
    await consumer._client.force_metadata_update()  # type: ignore[attr-defined]


async def tail(
    model: ReadModel,
    kafka_kwargs: dict[str, object],
    changelog_topic: str,
    changes_topic: str,
    idle_backoff_ms: int = 0,
) -> None:
    """Consume both topics forever (all partitions, from the beginning) into ``model``."""
    from aiokafka import AIOKafkaConsumer, TopicPartition

    consumer = AIOKafkaConsumer(
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        client_id="stancewire-web-readmodel",
        **kafka_kwargs,  # type: ignore[arg-type]
    )
    await consumer.start()
    if idle_backoff_ms > 0:
        # Every worker tails every partition here; re-fetching an idle tail every 20 ms (the
        # worker consumers' pause) cost each worker socket writes and the broker answers.
        from streams.patches.noida import set_idle_backoff

        set_idle_backoff(consumer, idle_backoff_ms)
    try:
        assigned: set[TopicPartition] = set()
        wanted = (changelog_topic, changes_topic)
        next_check = 0.0
        while True:
            now = time.monotonic()
            if now >= next_check:
                # Topics may not exist yet (the changelog appears when the worker first
                # starts): look again until every partition of both is assigned.
                next_check = now + 2.0
                found: set[TopicPartition] = set()
                with contextlib.suppress(Exception):
                    await refresh_metadata(consumer)
                for topic in wanted:
                    parts = consumer.partitions_for_topic(topic) or set()
                    found |= {TopicPartition(topic, p) for p in parts}
                if found - assigned:
                    new = found - assigned
                    assigned |= new
                    consumer.assign(sorted(assigned))
                    await consumer.seek_to_beginning(*new)
                if len(assigned) and not model.ready:
                    model.ready = True
            if not assigned:
                await asyncio.sleep(0.5)
                continue
            batches = await consumer.getmany(timeout_ms=500, max_records=2_000)
            for tp, records in batches.items():
                if tp.topic == changelog_topic:
                    records = latest_per_key(records)
                for rec in records:
                    apply_record(model, tp.topic, changelog_topic, rec.key, rec.value)
    finally:
        await consumer.stop()


class OffsetCounter:
    """Cluster-wide counts from topic end offsets; cached because the dashboard polls it."""

    def __init__(self, kafka_kwargs: dict[str, object], topics: dict[str, str], ttl: float = 3.0) -> None:
        self.kafka_kwargs = kafka_kwargs
        self.topics = topics  # field name -> topic name
        self.ttl = ttl
        self._consumer: object | None = None
        self._cached: Counts | None = None
        self._at = 0.0
        self._lock = asyncio.Lock()

    async def get(self) -> Counts:
        async with self._lock:
            if self._cached is not None and time.monotonic() - self._at < self.ttl:
                return self._cached
            try:
                counts = await asyncio.wait_for(self._fetch(), timeout=5.0)
            except Exception as exc:  # the broker being away must not break the page
                log.warning("counts unavailable: %r", exc)
                await self._reset()
                counts = self._cached or Counts()
            self._cached, self._at = counts, time.monotonic()
            return counts

    async def _reset(self) -> None:
        consumer, self._consumer = self._consumer, None
        if consumer is not None:
            with contextlib.suppress(Exception):
                await consumer.stop()  # type: ignore[attr-defined]

    async def _fetch(self) -> Counts:
        from aiokafka import AIOKafkaConsumer, TopicPartition

        if self._consumer is None:
            consumer = AIOKafkaConsumer(
                group_id=None,
                enable_auto_commit=False,
                client_id="stancewire-web-counts",
                **self.kafka_kwargs,
            )  # type: ignore[arg-type]
            await consumer.start()
            self._consumer = consumer
        consumer = self._consumer
        await refresh_metadata(consumer)
        values: dict[str, int | None] = {}
        for fieldname, topic in self.topics.items():
            parts = consumer.partitions_for_topic(topic)  # type: ignore[attr-defined]
            if not parts:
                values[fieldname] = 0
                continue
            ends = await consumer.end_offsets([TopicPartition(topic, p) for p in parts])  # type: ignore[attr-defined]
            values[fieldname] = int(sum(ends.values()))
        return Counts(**values, as_of=datetime.now(UTC))

    async def close(self) -> None:
        await self._reset()


def iter_sse(ident: str, change: StanceChange) -> Iterable[bytes]:
    """One SSE event: id (``event_id``, for Last-Event-ID resume), event name, JSON data on one line."""
    yield f"id: {ident}\nevent: change\ndata: {change.model_dump_json()}\n\n".encode()
