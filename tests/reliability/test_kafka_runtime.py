"""The Apache Kafka runtime itself: a KRaft node starts, keeps acknowledged records across kill -9
and restart, dies with its parent, and ``start_local_broker`` falls back to noida-db, saying so,
where Kafka cannot run."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from stancewire.kafka_config import kafka_unavailable_reason, kafka_version
from streams.kafka_nodes import KafkaNode, start_local_broker

pytestmark = [
    pytest.mark.broker,
    pytest.mark.skipif(kafka_unavailable_reason() is not None, reason=str(kafka_unavailable_reason())),
]


async def _produce(bootstrap: str, topic: str, n: int) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)
    await producer.start()
    try:
        for i in range(n):
            await producer.send_and_wait(topic, f"r{i}".encode(), partition=0)
    finally:
        await producer.stop()


async def _read_all(bootstrap: str, topic: str, n: int, timeout: float = 30.0) -> list[bytes]:
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest")
    await consumer.start()
    out: list[bytes] = []
    try:
        deadline = time.monotonic() + timeout
        while len(out) < n and time.monotonic() < deadline:
            for records in (await consumer.getmany(timeout_ms=500)).values():
                out.extend(r.value for r in records if r.value is not None)
    finally:
        await consumer.stop()
    return out


def test_node_keeps_acked_records_across_kill_and_restart(tmp_path: Path) -> None:
    node = KafkaNode(tmp_path / "data", log_path=tmp_path / "kafka.log")
    try:
        node.start()
        assert node.kind == "kafka" and node.version == kafka_version() and node.pid
        asyncio.run(_produce(node.bootstrap, "runtime", 50))
        first_pid = node.pid
        node.kill()  # kill -9: no shutdown hook
        node.start()  # same ports, same data dir: log recovery, no re-format
        assert node.pid != first_pid
        got = asyncio.run(_read_all(node.bootstrap, "runtime", 50))
        assert got == [f"r{i}".encode() for i in range(50)]
        node.stop()
        node.start()
        assert len(asyncio.run(_read_all(node.bootstrap, "runtime", 50))) == 50
    finally:
        node.stop()
    log = (tmp_path / "kafka.log").read_text()
    assert "Kafka Server started" in log, "the broker writes its log (log4j2 backend present)"


CHILD = """
import sys, time
from pathlib import Path
from streams.kafka_nodes import KafkaNode
node = KafkaNode(Path(sys.argv[1]), log_path=Path(sys.argv[1]).parent / "child-kafka.log").start()
print(node.pid, flush=True)
time.sleep(600)
"""


def test_broker_dies_with_its_parent(tmp_path: Path) -> None:
    """A parent killed with -9 cannot stop its broker: the death signal must end the JVM."""
    parent = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path / "data")], stdout=subprocess.PIPE, text=True
    )
    jvm = 0
    try:
        assert parent.stdout is not None
        jvm = int(parent.stdout.readline().strip() or 0)
        assert jvm > 0, "the child did not start its broker"
        parent.kill()
        parent.wait(10)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                os.kill(jvm, 0)
            except ProcessLookupError:
                break
            # A zombie is gone too: it holds no ports or files.
            if Path(f"/proc/{jvm}/stat").read_text().split(") ")[1].startswith("Z"):
                break
            time.sleep(0.2)
        else:
            pytest.fail(f"broker JVM {jvm} outlived its parent by 30 s")
    finally:
        if parent.poll() is None:
            parent.kill()
        if jvm:
            with contextlib.suppress(ProcessLookupError):
                os.kill(jvm, signal.SIGKILL)


def test_start_local_broker_prefers_kafka_and_falls_back_to_noida(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    b = start_local_broker(tmp_path / "k")
    try:
        assert b.kind == "kafka" and b.version == kafka_version()
    finally:
        b.stop()
    monkeypatch.setenv("STANCEWIRE_KAFKA_LIB", str(tmp_path / "no-jars"))
    b = start_local_broker(tmp_path / "n")
    try:
        assert b.kind == "noida-db" and b.pid
        assert "falling back to the embedded noida-db broker" in capsys.readouterr().err
    finally:
        b.stop()
