"""Two Faust 0.15 behaviours that a replicated Apache Kafka cluster exposes (issue 14's failover
tests; noida-db, a single node that never moves a leader, never showed them).

Installed on every broker kind: any replicated cluster can move a leader. Each has the test that
fails without it.

1. **Idempotent producer.** Faust's at-least-once producer uses ``acks=all`` but sets
   ``enable_idempotence`` only inside a transaction (``Producer._settings_extra``). When a
   partition leader dies after its followers stored a batch but before it answered, aiokafka
   retries the batch on the new leader and the record is written twice: a stance-change alert
   with the same ``change_id`` was published twice in the 3-node failover test
   (``tests/reliability/test_kafka_cluster_failover.py``). Kafka's own Java client defaults to
   idempotence since 3.0; this subclass does the same for the worker's producer.
2. **A changelog seen with 0 partitions is not a mismatch.** ``Collection._verify_source_topic_
   partitions`` compares the source topic's partition count with the changelog's from the group
   coordinator's metadata snapshot and raises ``PartitionsMismatch`` (crashing the agent for
   good) when they differ. While a whole cluster restarts, a topic whose partitions have no
   leader yet is in that snapshot with 0 partitions; Faust already skips the check when a count
   is unknown (None), and 0 means the same here. Crash seen in the whole-cluster restart test.
3. **A request the broker never answers must not hold the producer for 20 minutes.** Faust
   hands its ``producer_request_timeout`` (default 1,200 s, "the time when producer batches
   expire") to aiokafka as ``request_timeout_ms``, and aiokafka uses that one number both as
   the batch lifetime and as the wait for *each* request's answer on a connection (the Java
   client splits these since KIP-91: ``delivery.timeout.ms`` 120 s, ``request.timeout.ms``
   30 s; aiokafka does not, https://github.com/aio-libs/aiokafka/issues/632, open). A
   metadata or produce request left unanswered on a live connection (a frozen or dying leader)
   then blocks the producer's metadata refresh, the sender waits for that refresh before it
   drains any batch whose leader it lost, and ``producer.flush()`` hangs. Faust flushes the
   producer before every offset commit (``Consumer._commit_offsets``) and in the rebalance's
   revoke callback, so the commit timer hangs with it: every output published, no offset
   committed ("Timer commit is overlapping", then the commit's flight recorder "Task timed
   out!" after 300 s). Seen in the failover test (docs/reliability.md: a worker's task dump
   with ``flush`` waiting on two never-drained batches and the producer's metadata task
   waiting on an answer). Here each request waits ``REQUEST_TIMEOUT_SECONDS`` (Java's
   default), after which that connection is dropped and the request made again on a new one
   (``streams/patches/request_timeout.py``); batches keep Faust's long lifetime, so an outage
   longer than that still fails no send.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import aiokafka
from faust.tables.base import Collection
from faust.transport.drivers import aiokafka as faust_aiokafka

from streams.patches.request_timeout import bound_request_timeout

# How long one request may go unanswered before its connection is dropped and the request
# retried (Kafka's Java client default for ``request.timeout.ms``).
REQUEST_TIMEOUT_SECONDS = 30.0


class IdempotentProducer(faust_aiokafka.Producer):
    """Faust's aiokafka producer with ``acks=all`` and idempotence outside transactions too,
    and a bounded wait for each request's answer."""

    def _settings_extra(self) -> Mapping[str, Any]:
        return {**super()._settings_extra(), "acks": "all", "enable_idempotence": True}

    def _new_producer(self, transactional_id: str | None = None) -> aiokafka.AIOKafkaProducer:
        producer = super()._new_producer(transactional_id)
        bound_request_timeout(producer, min(REQUEST_TIMEOUT_SECONDS, self.request_timeout))
        return producer


_original_verify = Collection._verify_source_topic_partitions


def _verify_source_topic_partitions(self: Collection, source_topic: str) -> None:
    consumer = self.app.consumer
    if not consumer.topic_partitions(source_topic) or not consumer.topic_partitions(
        self.changelog_topic_name
    ):
        # Unknown for now (0 or None): check again at the next write instead of crashing.
        return
    _original_verify(self, source_topic)


def install() -> str:
    faust_aiokafka.Transport.Producer = IdempotentProducer  # type: ignore[misc]
    Collection._verify_source_topic_partitions = _verify_source_topic_partitions  # type: ignore[method-assign]
    return "cluster (idempotent producer, bounded request wait, changelog with 0 partitions)"
