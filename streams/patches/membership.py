"""On noida-db, a worker restarted on its data dir evicts the group member its crashed predecessor left.

Apache Kafka drops a member that stops heartbeating after ``session.timeout.ms`` (10 s here), so
this is installed only for noida-db (``streams.patches.install``), which never drops a member
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
from typing import Any

from aiokafka import AIOKafkaClient
from aiokafka.client import CoordinationType
from aiokafka.protocol.group import LeaveGroupRequest

from stancewire.settings import Settings

log = logging.getLogger(__name__)

FILE_NAME = "consumer-member.json"
NAME = "membership"
REMEMBER_INTERVAL = 2.0


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
    log.warning(
        "evicted consumer-group member %s left by the previous worker on %s",
        record["member_id"],
        settings.worker_data_dir,
    )
    return str(record["member_id"])


def install(app: Any, settings: Settings) -> str:
    """Record this worker's member id in its data dir whenever it changes (for the next worker
    there; ``stancewire worker`` calls ``evict_previous_member`` before it starts)."""
    remembered: dict[str, str] = {}  # the id last written, so the timer does no file I/O

    async def remember_member_id() -> None:
        thread = getattr(app.consumer, "_thread", None)
        consumer = getattr(thread, "_consumer", None) if thread is not None else None
        member_id = getattr(getattr(consumer, "_coordinator", None), "member_id", None)
        if member_id and member_id != remembered.get("member_id"):
            remember_member(settings.worker_data_dir, settings.app_id, member_id)
            remembered["member_id"] = member_id

    app.timer(REMEMBER_INTERVAL)(remember_member_id)
    return NAME
