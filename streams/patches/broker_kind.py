"""Which broker the worker talks to: Apache Kafka, or the embedded noida-db (its quirks need
patches that Apache Kafka does not)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import time

from aiokafka import AIOKafkaClient
from aiokafka.protocol.admin import ApiVersionRequest

from stancewire.settings import Settings

log = logging.getLogger(__name__)

# Admin APIs every Apache Kafka broker has served since 2.4 (ElectLeaders, Alter- and
# ListPartitionReassignments) and noida-db 0.2.3 does not (its ApiVersions answer lists
# 0-3, 8-26, 28-33, 35-37, 42, 44, 47, 60, 61, 65, 66).
KAFKA_ONLY_API_KEYS = frozenset({43, 45, 46})


async def probe_broker_kind(settings: Settings, timeout: float = 30.0) -> str:
    """ "kafka" or "noida", from the API keys the broker answers ApiVersions with."""
    deadline = time.monotonic() + timeout
    while True:
        client = AIOKafkaClient(**settings.aiokafka_kwargs())  # type: ignore[arg-type]
        try:
            await client.bootstrap()
            node = next(iter(client.cluster.brokers())).nodeId
            response = await client.send(node, ApiVersionRequest())
            keys = {api_key for api_key, *_ in response.api_versions}
            return "kafka" if keys >= KAFKA_ONLY_API_KEYS else "noida"
        except Exception as exc:  # broker not up yet: a worker may start before it
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"could not ask {settings.broker} which broker it is ({exc!r}); "
                    "set STANCEWIRE_BROKER_KIND=kafka or noida"
                ) from exc
        finally:
            await client.close()
        await asyncio.sleep(0.5)


def resolve_broker_kind(settings: Settings) -> str:
    """``settings.broker_kind``, asking the broker when it is "auto"."""
    if settings.broker_kind != "auto":
        return settings.broker_kind
    # A thread of its own: the caller may be inside a running event loop.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        kind = pool.submit(asyncio.run, probe_broker_kind(settings)).result()
    log.info("broker at %s is %s", settings.broker, kind)
    return kind
