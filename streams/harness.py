"""Running the real pipeline from Python: broker, worker processes, feeding, reading topics.

Used by the test-suite fixtures and the benchmarks (in the spirit of Bytewax's
``TestingSource``/``TestingSink``, but against the real broker and real worker processes).
Each ``Pipeline`` gets its own topic prefix and consumer group, so several can share a broker.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from pydantic import BaseModel

from stancewire.broker import EmbeddedBroker, free_port
from stancewire.kafka_config import kafka_unavailable_reason
from stancewire.schemas import Article
from stancewire.settings import Settings
from streams.clients.admin import ensure_topics
from streams.clients.lag import end_offsets, group_members, total_lag, wait_until_idle
from streams.kafka_nodes import KafkaNode

M = TypeVar("M", bound=BaseModel)


def test_broker_kind() -> str:
    """The broker the tests run on: Apache Kafka unless ``STANCEWIRE_TEST_BROKER=noida-db``."""
    return os.environ.get("STANCEWIRE_TEST_BROKER", "kafka")


def start_test_broker(root: Path, port: int | None = None) -> KafkaNode | EmbeddedBroker:
    """A running single-node broker with its data and log under ``root``.

    Apache Kafka by default, with ``kafka/server.properties`` (the test tuning is in there: no
    initial rebalance delay, 4 offsets partitions, a small cleaner buffer) and a 512 MB heap. A
    machine without Java 17+ or the jars gets a clear error, not a silent switch to noida-db.
    """
    root = Path(root)
    if test_broker_kind() == "noida-db":
        return EmbeddedBroker(root / "data", port=port, log_path=root / "broker.log").start()
    reason = kafka_unavailable_reason()
    if reason is not None:
        raise RuntimeError(
            f"the broker tests run on Apache Kafka, which cannot start here: {reason}. "
            "Run scripts/setup.sh, or set STANCEWIRE_TEST_BROKER=noida-db to run them on noida-db."
        )
    return KafkaNode(root / "kafka", port=port, log_path=root / "kafka.log", heap="512m").start()


@dataclass
class WorkerProcess:
    proc: subprocess.Popen[bytes]
    web_port: int
    data_dir: Path
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def alive(self) -> bool:
        return self.proc.poll() is None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


@dataclass
class Pipeline:
    bootstrap: str
    state_dir: Path
    name: str = "sw"
    partitions: int = 4
    env: dict[str, str] = field(default_factory=dict)
    workers: list[WorkerProcess] = field(default_factory=list)

    @property
    def settings(self) -> Settings:
        return Settings(
            broker=self.bootstrap,
            topic_prefix=self.name,
            app_id=self.name,
            partitions=self.partitions,
            state_dir=self.state_dir,
            **{k.removeprefix("STANCEWIRE_").lower(): v for k, v in self.env.items()},
        )

    def worker_env(self, web_port: int, data_dir: Path) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            {
                "STANCEWIRE_BROKER": self.bootstrap,
                "STANCEWIRE_TOPIC_PREFIX": self.name,
                "STANCEWIRE_APP_ID": self.name,
                "STANCEWIRE_PARTITIONS": str(self.partitions),
                "STANCEWIRE_STATE_DIR": str(self.state_dir),
                "STANCEWIRE_WEB_PORT": str(web_port),
                "STANCEWIRE_DATA_DIR": str(data_dir),
            }
        )
        env.update(self.env)
        return env

    # ---------------------------------------------------------------- workers

    def start_worker(
        self,
        web_port: int | None = None,
        data_dir: Path | None = None,
        wait: bool = True,
        timeout: float = 120.0,
    ) -> WorkerProcess:
        asyncio.run(ensure_topics(self.settings))
        port = web_port or free_port()
        data_dir = data_dir or (self.state_dir / f"{self.name}-worker-{port}")
        log_path = self.state_dir / f"{self.name}-worker-{port}.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(log_path, "ab") as log:
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "streams.cli",
                    "worker",
                    "--loglevel",
                    os.environ.get("STANCEWIRE_LOG_LEVEL", "warning"),
                ],
                env=self.worker_env(port, data_dir),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        worker = WorkerProcess(proc, port, data_dir, log_path)
        self.workers.append(worker)
        if wait:
            self.wait_ready(worker, timeout)
            self.wait_group(len(self.workers), timeout)
        return worker

    def wait_group(self, members: int, timeout: float = 120.0) -> None:
        """Wait until the consumer group is Stable with ``members`` workers (rebalance done)."""
        deadline = time.monotonic() + timeout
        state: tuple[str, int] = ("Unknown", 0)
        while time.monotonic() < deadline:
            try:
                state = asyncio.run(group_members(self.settings))
            except Exception:  # broker busy or group not created yet
                state = ("Unknown", 0)
            if state == ("Stable", members):
                return
            time.sleep(0.3)
        raise TimeoutError(f"group {self.name} not stable with {members} members: {state}")

    def wait_ready(self, worker: WorkerProcess, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not worker.alive():
                raise RuntimeError(f"worker exited with {worker.proc.returncode}:\n{worker.log()[-3000:]}")
            try:
                if httpx.get(f"{worker.url}/health", timeout=1.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise TimeoutError(f"worker on port {worker.web_port} not ready:\n{worker.log()[-3000:]}")

    def stop_worker(self, worker: WorkerProcess, timeout: float = 60.0) -> None:
        if worker.alive():
            worker.proc.send_signal(signal.SIGTERM)
            try:
                worker.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                # The whole process group: the worker and its NLP child.
                os.killpg(worker.proc.pid, signal.SIGKILL)
                worker.proc.wait(10)
        if worker in self.workers:
            self.workers.remove(worker)

    def kill_worker(self, worker: WorkerProcess) -> None:
        """kill -9: no shutdown, no final commit, no flush."""
        if worker.alive():
            os.killpg(worker.proc.pid, signal.SIGKILL)
            worker.proc.wait(10)
        if worker in self.workers:
            self.workers.remove(worker)

    def stop_all(self) -> None:
        for worker in list(self.workers):
            self.stop_worker(worker)

    # ---------------------------------------------------------------- input

    def feed_raw(self, records: Iterable[tuple[bytes | None, bytes | None]], topic: str = "articles") -> int:
        """Send (key, value) byte pairs to ``<prefix>.<topic>`` (default: articles) as they are.

        Another topic (e.g. ``stances``) lets tests replay a stage's input, as a redelivery would.
        """

        async def run() -> int:
            # acks=all with idempotence: a record is acknowledged once every in-sync replica has
            # it, and a retry after a leader change cannot write it twice (the cluster tests).
            producer = AIOKafkaProducer(
                bootstrap_servers=self.bootstrap,
                linger_ms=5,
                max_request_size=4_000_000,
                acks="all",
                enable_idempotence=True,
            )
            await producer.start()
            n = 0
            try:
                futures = []
                for key, value in records:
                    futures.append(await producer.send(f"{self.name}.{topic}", key=key, value=value))
                    n += 1
                for fut in futures:
                    await fut
            finally:
                await producer.stop()
            return n

        asyncio.run(ensure_topics(self.settings))
        return asyncio.run(run())

    def feed(self, articles: Iterable[Article | dict]) -> int:
        pairs = []
        for a in articles:
            art = a if isinstance(a, Article) else Article.model_validate(a)
            pairs.append((json.dumps(art.id).encode(), art.model_dump_json(exclude_none=True).encode()))
        return self.feed_raw(pairs)

    # ---------------------------------------------------------------- output

    def wait_idle(self, timeout: float = 300.0) -> None:
        if not asyncio.run(wait_until_idle(self.settings, timeout=timeout)):
            lag = asyncio.run(total_lag(self.settings))
            logs = "\n".join(w.log()[-2000:] for w in self.workers)
            raise TimeoutError(f"pipeline not idle after {timeout}s; lag {lag}\n{logs}")

    def counts(self) -> dict[str, int]:
        return asyncio.run(end_offsets(self.settings))

    def read_topic(self, name: str, model: type[M] | None = None, timeout: float = 10.0) -> list:
        """Every record of ``<prefix>.<name>`` (or a full topic name), from the beginning, as models
        (or raw (key, value) pairs when ``model`` is None)."""
        topic = name if name.startswith(f"{self.name}.") or "-changelog" in name else f"{self.name}.{name}"

        async def run() -> list:
            consumer = AIOKafkaConsumer(
                bootstrap_servers=self.bootstrap,
                group_id=None,
                enable_auto_commit=False,
                auto_offset_reset="earliest",
                max_partition_fetch_bytes=8_000_000,
            )
            await consumer.start()
            try:
                await consumer._client.force_metadata_update()
                parts = consumer.partitions_for_topic(topic) or set()
                tps = [TopicPartition(topic, p) for p in parts]
                if not tps:
                    return []
                consumer.assign(tps)
                await consumer.seek_to_beginning(*tps)
                ends = await consumer.end_offsets(tps)
                out: list = []
                deadline = time.monotonic() + timeout

                async def behind() -> bool:
                    for tp in tps:
                        if await consumer.position(tp) < ends[tp]:
                            return True
                    return False

                while await behind():
                    if time.monotonic() > deadline:
                        raise TimeoutError(f"could not read {topic} to its end in {timeout}s")
                    batch = await consumer.getmany(timeout_ms=500)
                    for tp_records in batch.values():
                        for rec in tp_records:
                            out.append(
                                model.model_validate_json(rec.value) if model else (rec.key, rec.value)
                            )
                return out
            finally:
                await consumer.stop()

        return asyncio.run(run())

    def get(self, worker: WorkerProcess, path: str, **kw: object) -> httpx.Response:
        return httpx.get(f"{worker.url}{path}", timeout=30.0, **kw)  # type: ignore[arg-type]
