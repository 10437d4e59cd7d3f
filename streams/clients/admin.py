"""Creating the pipeline's topics up front, with the configured partition count.

Relying on broker auto-creation would give each topic the broker's default partition count,
which breaks co-partitioning between the ``stances``/``quotes`` topics and the tables.
"""

from __future__ import annotations

import asyncio

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, TopicAlreadyExistsError

from stancewire.settings import Settings

PIPELINE_TOPICS = (
    "articles",
    "articles.dead-letter",
    "articles.valid",
    "articles.accepted",
    "quotes",
    "stances",
    "stance-changes",
)
# The tables' changelogs (streams/tables.py), named as Faust names them. Created here too, before
# the worker starts: on Apache Kafka a changelog Faust creates at start-up can be missing from the
# worker's metadata when the first record arrives, and the table's agent then crashes with
# PartitionsMismatch ("changelog has 0 partitions") and its input is committed past.
TABLE_CHANGELOGS = ("articles-seen", "positions", "position-detail", "actor-quotes")


async def ensure_topics(settings: Settings, timeout: float = 60.0) -> list[str]:
    """Create any missing pipeline topic; return the names created. Retries until the broker answers."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        admin = AIOKafkaAdminClient(**settings.aiokafka_kwargs())  # type: ignore[arg-type]
        try:
            await admin.start()
            break
        except KafkaConnectionError:
            await admin.close()
            if asyncio.get_running_loop().time() > deadline:
                raise
            await asyncio.sleep(0.5)
    try:
        existing = set(await admin.list_topics())
        changelogs = {f"{settings.app_id}-{table}-changelog" for table in TABLE_CHANGELOGS}
        wanted = [settings.topic(name) for name in PIPELINE_TOPICS] + sorted(changelogs)
        missing = [name for name in wanted if name not in existing]
        created = []
        for name in missing:
            compact = {"cleanup.policy": "compact"} if name in changelogs else None
            try:
                await admin.create_topics(
                    [
                        NewTopic(
                            name,
                            num_partitions=settings.partitions,
                            replication_factor=settings.replication,
                            topic_configs=compact,
                        )
                    ]
                )
                created.append(name)
            except TopicAlreadyExistsError:
                pass
        return created
    finally:
        await admin.close()
