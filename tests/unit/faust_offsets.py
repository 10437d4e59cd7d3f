"""A real Faust app on a real broker, made to lose records the way Faust 0.15 loses them.

Run as ``python tests/unit/faust_offsets.py BOOTSTRAP SCENARIO PATCHED`` (a process of its
own, since the patches change Faust's classes for the whole process); prints one JSON line:
the group's committed offset on the broker and the offsets the agent processed and acked.

Scenarios (what the stream does, Faust's own behaviour around a rebalance):

* ``head``: the record right after the committed offset is dropped without an ack (as
  ``Consumer.getmany`` drops records fetched under an old generation), later ones are acked:
  Faust's ``_new_offset`` off-by-one commits past it (faust-streaming#606).
* ``jump``: the consumer loop sees an offset jump (records dropped mid-batch) and records it as
  a gap; Faust then commits past the jumped-over records (faust-streaming#606).
* ``tail``: the last records of the partition are dropped, nothing after them: no later ack
  ever trips a check.
* ``fresh_head`` / ``fresh_tail``: the same on a partition the group never committed (Faust
  keeps no committed offset there and skips its check): the first record is dropped, and then
  later ones acked (committed past it) or none follow (it stays unprocessed, lag 1 for good).
* ``refused``: the broker refuses a commit (the member was removed from the group, as in a
  rebalance): Faust records it as done and never retries it (faust-streaming#316). On Apache
  Kafka the rejoin that follows revokes and re-assigns the partition, Faust seeks back to the
  broker's committed offset and processes the records again, so nothing stays behind; the
  result reports how many commits the broker refused, to show the case happened.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import time
import uuid
from functools import partial
from typing import Any

import faust
from aiokafka import AIOKafkaClient, AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.client import CoordinationType
from aiokafka.protocol.group import LeaveGroupRequest

FIRST, THEN = 3, 4  # records before the drop (committed first), records from it on


async def create_topic(bootstrap: str, topic: str) -> None:
    # Before the app subscribes: a topic auto-created later is only seen at the next metadata
    # refresh (minutes), and the group would get no assignment in the meantime.
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, num_partitions=1, replication_factor=1)])
    finally:
        await admin.close()


async def committed(bootstrap: str, group: str, topic: str) -> int | None:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
    await consumer.start()
    try:
        return await consumer.committed(TopicPartition(topic, 0))
    finally:
        await consumer.stop()


async def produce(bootstrap: str, topic: str, n: int) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        for i in range(n):
            await producer.send_and_wait(topic, json.dumps(i).encode(), key=b"k", partition=0)
    finally:
        await producer.stop()


async def kick_member(bootstrap: str, group: str, member_id: str) -> None:
    """Remove ``member_id`` from the group, as a rebalance that moved on without it would."""
    client = AIOKafkaClient(bootstrap_servers=bootstrap)
    await client.bootstrap()
    try:
        node = await client.coordinator_lookup(CoordinationType.GROUP, group)
        await client.send(node, LeaveGroupRequest(group, member_id))
    finally:
        await client.close()


async def wait_for(check: Any, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await check():
            return True
        await asyncio.sleep(0.3)
    return False


class RefusedCommits(logging.Handler):
    """Counts aiokafka's "OffsetCommit failed ... will rejoin" (a commit the broker refused)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += record.getMessage().startswith("OffsetCommit failed")


async def main(bootstrap: str, scenario: str, patched: bool) -> dict[str, Any]:
    refused = RefusedCommits()
    logging.getLogger("aiokafka.consumer.group_coordinator").addHandler(refused)
    name = f"offsets-{scenario}-{uuid.uuid4().hex[:8]}"
    app = faust.App(
        name,
        broker=f"kafka://{bootstrap}",
        store="memory://",
        web_enabled=False,
        topic_partitions=1,
        broker_commit_interval=0.3,
        broker_commit_every=1_000_000,
        consumer_auto_offset_reset="earliest",
        broker_session_timeout=10.0,
        # "refused": heartbeats far apart, so that the commit of the records fed after the kick
        # reaches the broker before a heartbeat finds out (and rejoins) first.
        broker_heartbeat_interval=4.0 if scenario == "refused" else 0.5,
        broker_rebalance_timeout=6.0,
        datadir=f"/tmp/{name}",
        stream_wait_empty=False,
    )
    if patched:
        from streams.clients.lag import log_starts
        from streams.patches import commit_retry, head_gap

        head_gap.install(app, partial(log_starts, {"bootstrap_servers": bootstrap}))
        commit_retry.install(app)
    topic = app.topic(name, partitions=1, key_serializer="raw", value_serializer="raw")
    acked: list[int] = []
    dropped: set[int] = set()
    drop = {
        "head": {FIRST},
        "jump": set(range(FIRST, FIRST + 2)),
        "tail": set(range(FIRST, FIRST + THEN)),
        "refused": set(),
        "fresh_head": {0},
        "fresh_tail": {0},
    }[scenario]
    fresh = scenario.startswith("fresh")

    @app.agent(topic)
    async def agent(stream: Any) -> None:
        async for event in stream.noack().events():
            offset = event.message.offset
            if offset in drop and offset not in dropped:
                # Dropped once, never acked and never tracked, as the records ``getmany`` drops
                # are (they never reach ``Consumer.track_message``).
                dropped.add(offset)
                app.consumer._unacked_messages.discard(event.message)
                continue
            if scenario == "jump" and offset == FIRST + 2 and FIRST not in acked:
                # What Faust's consumer loop does when it sees an offset jump.
                await app.consumer._add_gap(event.message.tp, FIRST, offset - 1)
            await stream.ack(event)
            acked.append(offset)

    await create_topic(bootstrap, name)
    await app.start()
    try:
        if not fresh:
            await produce(bootstrap, name, FIRST)
            if not await wait_for(lambda: _eq(committed(bootstrap, name, name), FIRST), 60):
                raise RuntimeError("the first records were never committed")
        if scenario == "refused":
            member = app.consumer._thread._consumer._coordinator.member_id
            await kick_member(bootstrap, name, member)
        then = 1 if scenario == "fresh_tail" else THEN
        await produce(bootstrap, name, then)
        end = (0 if fresh else FIRST) + then
        # Long enough for every guard (the tail re-read waits 10 s for the partition to settle).
        await wait_for(
            lambda: _both(committed(bootstrap, name, name), end, acked, set(range(end))),
            40,
        )
        return {
            "committed": await committed(bootstrap, name, name),
            "acked": sorted(set(acked)),
            "end": end,
            "refused_commits": refused.count,
        }
    finally:
        await app.stop()


async def _eq(value: Any, expected: int) -> bool:
    return (await value) == expected


async def _both(value: Any, expected: int, acked: list[int], wanted: set[int]) -> bool:
    return (await value) == expected and wanted <= set(acked)


if __name__ == "__main__":
    result = asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3] == "1"))
    print(json.dumps(result))
