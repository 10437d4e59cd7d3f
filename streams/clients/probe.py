"""Does a Kafka broker answer at ``settings.broker``? Asked once, within the command's time budget
(``stancewire.reach``), so a command fails in seconds with advice instead of retrying for ever."""

from __future__ import annotations

import asyncio

from aiokafka.client import AIOKafkaClient
from aiokafka.errors import KafkaError

from stancewire.discovery import BrokerChoice
from stancewire.reach import probe_budget, quiet_client_logs, tcp_check, unreachable_message
from stancewire.settings import Settings


async def probe(settings: Settings, timeout: float | None = None) -> str | None:
    """None if a broker answers a metadata request at ``settings.broker``, else the reason.

    A TCP connection first (its error names the real cause: refused, unknown host), then one
    metadata request through aiokafka (something listening is not necessarily Kafka)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + (timeout if timeout is not None else probe_budget())
    addresses = [a for a in settings.broker.split(",") if a.strip()]
    reasons = []
    for address in addresses:
        reason = await tcp_check(address, max(0.5, deadline - loop.time()))
        if reason is None:
            break
        reasons.append(f"{address.strip()}: {reason}" if len(addresses) > 1 else reason)
    else:
        return "; ".join(reasons) or "no address given"
    kw = settings.aiokafka_kwargs()
    left = max(1.0, deadline - loop.time())
    client = AIOKafkaClient(**kw, request_timeout_ms=int(left * 1000))  # type: ignore[arg-type]
    try:
        await asyncio.wait_for(client.bootstrap(), left)
    except (TimeoutError, KafkaError, OSError) as exc:
        detail = f"no metadata answer within {left:.0f}s" if isinstance(exc, TimeoutError) else str(exc)
        return f"something listens there but does not answer as a Kafka broker ({detail})"
    finally:
        await client.close()
    return None


def reachable_or_message(choice: BrokerChoice) -> str | None:
    """For scripts outside the CLI (the benchmarks): None if the broker answers, else the message."""
    quiet_client_logs()
    reason = asyncio.run(probe(Settings(broker=choice.address)))
    return None if reason is None else unreachable_message(choice, reason)
