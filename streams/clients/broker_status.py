"""The broker's part of ``stancewire status``: lag per consumed topic, records per topic, dead
letters and the workers' consumer group."""

from __future__ import annotations

import asyncio
from typing import Any

from stancewire.settings import Settings
from streams.clients.admin import PIPELINE_TOPICS
from streams.clients.lag import end_offsets, group_members, total_lag


async def broker_part(settings: Settings) -> dict[str, Any]:
    """Lag per consumed topic, records per topic, dead letters, the workers' consumer group."""
    prefix = f"{settings.topic_prefix}."
    counts = await end_offsets(settings, PIPELINE_TOPICS)
    total, per_topic = await total_lag(settings)
    state, members = await group_members(settings)
    return {
        "lag": {name.removeprefix(prefix): n for name, n in sorted(per_topic.items())},
        "lag_total": total,
        "records": counts,
        "dead_letters": counts.get("articles.dead-letter", 0),
        "group": {"id": settings.app_id, "state": state, "members": members},
    }


def gather_broker(settings: Settings, timeout: float = 20.0) -> dict[str, Any]:
    return asyncio.run(asyncio.wait_for(broker_part(settings), timeout))
