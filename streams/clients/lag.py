"""How far the workers are behind: committed offsets of the Faust consumer group vs. end offsets.

"Lag zero on every pipeline topic" means every record produced so far has been processed and
its outputs flushed (Faust flushes the producer before committing). ``stancewire up``, the tests
and the benchmark use it to wait for the pipeline to settle without sleeping blindly.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from stancewire.settings import Settings
from streams.clients.admin import PIPELINE_TOPICS

# Topics consumed by agents (the dead-letter and stance-change topics have no consumer in-app).
CONSUMED = ("articles", "articles.valid", "articles.accepted", "quotes", "stances")


async def total_lag(settings: Settings) -> tuple[int, dict[str, int]]:
    admin = AIOKafkaAdminClient(**settings.aiokafka_kwargs())  # type: ignore[arg-type]
    consumer = AIOKafkaConsumer(**settings.aiokafka_kwargs(), group_id=None)  # type: ignore[arg-type]
    await admin.start()
    await consumer.start()
    try:
        tps = []
        for name in CONSUMED:
            topic = settings.topic(name)
            parts = consumer.partitions_for_topic(topic)
            if parts is None:
                await consumer._client.force_metadata_update()
                parts = consumer.partitions_for_topic(topic) or set()
            tps.extend(TopicPartition(topic, p) for p in parts)
        ends = await consumer.end_offsets(tps) if tps else {}
        committed = await admin.list_consumer_group_offsets(settings.app_id)
        per_topic: dict[str, int] = {}
        for tp, end in ends.items():
            meta = committed.get(tp)
            done = meta.offset if meta is not None and meta.offset >= 0 else 0
            per_topic[tp.topic] = per_topic.get(tp.topic, 0) + max(0, end - done)
        return sum(per_topic.values()), per_topic
    finally:
        await consumer.stop()
        await admin.close()


async def end_offsets(settings: Settings, names: tuple[str, ...] = PIPELINE_TOPICS) -> dict[str, int]:
    """Records ever written per topic (sum of partition end offsets): cluster-wide counters."""
    consumer = AIOKafkaConsumer(**settings.aiokafka_kwargs(), group_id=None)  # type: ignore[arg-type]
    await consumer.start()
    try:
        await consumer._client.force_metadata_update()
        out = {}
        for name in names:
            topic = settings.topic(name)
            parts = consumer.partitions_for_topic(topic) or set()
            ends = await consumer.end_offsets([TopicPartition(topic, p) for p in parts]) if parts else {}
            out[name] = sum(ends.values())
        return out
    finally:
        await consumer.stop()


async def wait_until_idle(
    settings: Settings, timeout: float = 300.0, settle: float = 1.5, poll: float = 0.5
) -> bool:
    """Wait until lag is zero twice in a row ``settle`` seconds apart; False on timeout."""
    deadline = time.monotonic() + timeout
    zero_since: float | None = None
    while time.monotonic() < deadline:
        try:
            lag, _ = await total_lag(settings)
        except Exception:  # broker restarting or group rebalancing: just ask again
            lag = -1
        now = time.monotonic()
        if lag == 0:
            zero_since = zero_since or now
            if now - zero_since >= settle:
                return True
        else:
            zero_since = None
        await asyncio.sleep(poll)
    return False


async def group_members(settings: Settings) -> tuple[str, int]:
    """(state, member count) of the workers' consumer group."""
    admin = AIOKafkaAdminClient(**settings.aiokafka_kwargs())  # type: ignore[arg-type]
    await admin.start()
    try:
        desc = await admin.describe_consumer_groups([settings.app_id])
        group = desc[0]
        groups = getattr(group, "groups", None)
        if groups:  # DescribeGroupsResponse object: (error, group, state, protocol_type, protocol, members)
            g = groups[0]
            return str(g[2]), len(g[5])
        return "Unknown", 0
    finally:
        await admin.close()


async def log_starts(client_kwargs: dict[str, object], tps: Iterable[Any]) -> dict[Any, int]:
    """Each partition's first offset: where a consumer with no committed offset starts reading.

    A short-lived client without a group, so that the call never waits on (or holds up) a
    worker's own consumer in a rebalance (``streams/patches/head_gap.py``). ``tps`` may be
    Faust's ``TP`` tuples; the answer is keyed by the objects given.
    """
    given = {TopicPartition(tp.topic, tp.partition): tp for tp in tps}
    if not given:
        return {}
    consumer = AIOKafkaConsumer(**client_kwargs, group_id=None)  # type: ignore[arg-type]
    await consumer.start()
    try:
        starts = await consumer.beginning_offsets(list(given))
        return {given[tp]: int(offset) for tp, offset in starts.items()}
    finally:
        await consumer.stop()
