"""``streams/patches/request_timeout.py`` on a real broker that stops answering.

The broker is frozen (SIGSTOP: its connections stay open, nothing on them is read or answered),
as a broker that stops reading one connection was in the commit stall (docs/reliability.md).
aiokafka's metadata refresh catches the timeout of its request and keeps the connection, so
every later refresh waited on the same dead connection; with the patch the connection is
dropped and the next request opens a new one."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.client import ConnectionGroup

from streams.harness import start_test_broker
from streams.patches.request_timeout import bound_request_timeout

pytestmark = [pytest.mark.broker, pytest.mark.timeout(180)]

BOUND = 2.0  # seconds; the worker uses 30


def freeze(pid: int, timeout: float = 10.0) -> None:
    """SIGSTOP ``pid`` and wait until every one of its threads is stopped: kill() only queues the
    signal, and a JVM thread already on a CPU could still answer a request sent in between (seen:
    a 'frozen' broker answering in 1 ms, about 1 run in 6 on a loaded machine)."""
    os.kill(pid, signal.SIGSTOP)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        states = []
        for task in Path(f"/proc/{pid}/task").iterdir():
            try:
                # The state is the field after the parenthesised command name.
                states.append((task / "stat").read_text().rsplit(")", 1)[1].split()[0])
            except (OSError, IndexError):
                continue  # a thread that exited meanwhile
        if states and all(state in ("T", "t") for state in states):
            return
        time.sleep(0.01)
    raise AssertionError(f"broker {pid} not stopped {timeout} s after SIGSTOP")


async def refresh_while_frozen(bootstrap: str, pid: int, patched: bool) -> dict:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, request_timeout_ms=1_200_000)
    if patched:
        bound_request_timeout(producer, BOUND)
    else:  # the same short wait, without the patch's dropping of the connection
        producer.client._request_timeout_ms = int(BOUND * 1000)
    await producer.start()
    client = producer.client
    try:
        assert await client._metadata_update(client.cluster, set())  # opens the node's connection
        node = next(iter(client.cluster.brokers())).nodeId
        conn = client._conns[(node, ConnectionGroup.DEFAULT)]
        freeze(pid)
        try:
            started = time.monotonic()
            answered = await client._metadata_update(client.cluster, set())
            waited = time.monotonic() - started
        finally:
            os.kill(pid, signal.SIGCONT)
        return {
            "answered": answered,
            "waited": waited,
            "kept": client._conns.get((node, ConnectionGroup.DEFAULT)) is conn and conn.connected(),
            "after_thaw": await client._metadata_update(client.cluster, set()),
        }
    finally:
        await asyncio.wait_for(producer.stop(), 30)


@pytest.fixture(scope="module")
def frozen_broker(tmp_path_factory: pytest.TempPathFactory):
    b = start_test_broker(Path(tmp_path_factory.mktemp("frozen")))
    try:
        yield b
    finally:
        b.stop()


@pytest.mark.parametrize("patched", [True, False])
def test_an_unanswered_metadata_request_drops_its_connection(frozen_broker, patched: bool) -> None:
    got = asyncio.run(refresh_while_frozen(frozen_broker.bootstrap, frozen_broker.pid, patched))
    assert got["answered"] is False and BOUND * 0.9 <= got["waited"] < BOUND * 5, got
    if patched:
        assert not got["kept"], "the connection that did not answer is closed"
    else:
        assert got["kept"], "aiokafka keeps it: the next refresh waits on it again"
    assert got["after_thaw"], "the broker answers again once thawed"
