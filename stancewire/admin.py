"""Creating the pipeline's topics up front, with the configured partition count.

Relying on broker auto-creation would give each topic the broker's default partition count,
which breaks co-partitioning between the ``stances``/``quotes`` topics and the tables.
"""

from __future__ import annotations

import asyncio

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, TopicAlreadyExistsError

from streams.settings import Settings

PIPELINE_TOPICS = (
    "articles",
    "articles.dead-letter",
    "articles.valid",
    "articles.accepted",
    "quotes",
    "stances",
    "stance-changes",
)


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
        wanted = [settings.topic(name) for name in PIPELINE_TOPICS]
        missing = [name for name in wanted if name not in existing]
        created = []
        for name in missing:
            try:
                await admin.create_topics(
                    [
                        NewTopic(
                            name, num_partitions=settings.partitions, replication_factor=settings.replication
                        )
                    ]
                )
                created.append(name)
            except TopicAlreadyExistsError:
                pass
        return created
    finally:
        await admin.close()
