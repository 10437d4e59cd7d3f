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
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from faust.tables.base import Collection
from faust.transport.drivers import aiokafka as faust_aiokafka


class IdempotentProducer(faust_aiokafka.Producer):
    """Faust's aiokafka producer with ``acks=all`` and idempotence outside transactions too."""

    def _settings_extra(self) -> Mapping[str, Any]:
        return {**super()._settings_extra(), "acks": "all", "enable_idempotence": True}


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
    return "cluster (idempotent producer, changelog with 0 partitions)"
