"""A worker restarted on its data dir evicts the consumer-group member its crashed predecessor left.

Apache Kafka drops a member that stops heartbeating after ``session.timeout.ms``; until then a
restarted worker waits in the rebalance. The embedded noida-db broker never drops a member
killed with SIGKILL at all: the dead member stays group leader and the group never gets an
assignment again. A worker owns its data dir (one worker per dir: RocksDB locks it), so the
member id it last had there is known to be dead when a new worker starts on the same dir, and
sending that member's LeaveGroup on its behalf is safe on any broker (an unknown id is answered
with UNKNOWN_MEMBER_ID and changes nothing).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from aiokafka import AIOKafkaClient
from aiokafka.client import CoordinationType
from aiokafka.protocol.group import LeaveGroupRequest

from streams.settings import Settings

log = logging.getLogger(__name__)

FILE_NAME = "consumer-member.json"


def member_file(data_dir: Path) -> Path:
    return Path(data_dir) / FILE_NAME


def remember_member(data_dir: Path, group: str, member_id: str) -> None:
    path = member_file(data_dir)
    record = {"group": group, "member_id": member_id}
    try:
        if path.exists() and json.loads(path.read_text()) == record:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(record))
        tmp.replace(path)  # atomic: a crash mid-write leaves the previous id, never half a file
    except (OSError, ValueError) as exc:
        log.warning("could not record the consumer member id in %s: %s", path, exc)


async def evict_previous_member(settings: Settings) -> str | None:
    """Send LeaveGroup for the member id the last worker on this data dir had; return that id."""
    path = member_file(settings.worker_data_dir)
    try:
        record = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    if record.get("group") != settings.app_id or not record.get("member_id"):
        return None
    client = AIOKafkaClient(**settings.aiokafka_kwargs())  # type: ignore[arg-type]
    try:
        await client.bootstrap()
        node = await client.coordinator_lookup(CoordinationType.GROUP, settings.app_id)
        response = await client.send(node, LeaveGroupRequest(settings.app_id, record["member_id"]))
    except Exception as exc:  # best effort: the broker's own session timeout still applies
        log.warning("could not evict the previous member %s: %s", record["member_id"], exc)
        return None
    finally:
        await client.close()
    if getattr(response, "error_code", 0) != 0:  # it left cleanly (or expired): nothing to do
        return None
    log.warning("evicted consumer-group member %s left by the previous worker on %s",
                record["member_id"], settings.worker_data_dir)
    return str(record["member_id"])
