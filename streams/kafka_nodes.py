"""Apache Kafka on loopback: one KRaft node, or an N-node cluster, as plain ``java`` processes,
each ready once a Kafka client finds it in the cluster metadata; and ``start_local_broker``, the
local broker of ``stancewire up`` (Apache Kafka where it can run, else noida-db).

What a node needs (Java, the jars from Maven Central, the shared ``kafka/server.properties``)
is ``stancewire.kafka_config``; this module starts, waits for, stops and kills the processes.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType

from aiokafka.client import AIOKafkaClient
from aiokafka.structs import TopicPartition

from stancewire.broker import EmbeddedBroker, LocalBroker, free_port, wait_for_port
from stancewire.kafka_config import (
    LOG4J2_PROPERTIES,
    LOG4J_PROPERTIES,
    cluster_settings,
    die_with_parent,
    heap_bytes,
    java_binary,
    jvm_performance_opts,
    kafka_lib_dir,
    kafka_unavailable_reason,
    kafka_version,
    new_cluster_id,
    shared_settings,
    write_properties,
)


def _run_async(coro_factory: Callable[[], object], timeout: float) -> object:
    """Run a coroutine to completion on its own loop in a helper thread, whatever loop the caller
    has running (``stancewire up`` and the tests call us from sync code, the CLI may not)."""
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(coro_factory())  # type: ignore[arg-type]
        except BaseException as exc:  # handed to the caller's thread
            box["error"] = exc

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(timeout)
    if t.is_alive():
        raise TimeoutError(f"metadata request still running after {timeout}s")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box.get("value")


def metadata(bootstrap: str, timeout: float = 10.0) -> tuple[set[int], dict[tuple[str, int], int]]:
    """One metadata request: (ids of the live brokers, {(topic, partition): leader id})."""

    async def fetch() -> tuple[set[int], dict[tuple[str, int], int]]:
        client = AIOKafkaClient(bootstrap_servers=bootstrap, request_timeout_ms=int(timeout * 1000))
        try:
            await client.bootstrap()
            md = await client.fetch_all_metadata()
            leaders = {
                (t, p): md.leader_for_partition(TopicPartition(t, p)) or -1
                for t in md.topics()
                for p in (md.partitions_for_topic(t) or ())
            }
            return {b.nodeId for b in md.brokers()}, leaders
        finally:
            await client.close()

    return _run_async(fetch, timeout + 5)  # type: ignore[return-value]


def wait_for_brokers(bootstrap: str, ids: set[int], timeout: float) -> None:
    """Ready means a metadata request answers and lists every broker in ``ids`` (registered and
    unfenced: KRaft leaves fenced brokers out of metadata)."""
    deadline = time.monotonic() + timeout
    seen: set[int] = set()
    error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            seen, _ = metadata(bootstrap, timeout=5.0)
            if ids <= seen:
                return
        except Exception as exc:  # not up yet: retried until the deadline
            error = exc
        time.sleep(0.3)
    raise TimeoutError(
        f"brokers {sorted(ids)} not all in metadata from {bootstrap} after {timeout}s: "
        f"saw {sorted(seen)}; last error {error!r}"
    )


class KafkaNode:
    """One combined broker+controller KRaft node: own data dir, broker and controller ports."""

    kind = "kafka"

    def __init__(
        self,
        data_dir: Path,
        *,
        node_id: int = 1,
        port: int | None = None,
        controller_port: int | None = None,
        voters: str | None = None,
        cluster_id: str | None = None,
        overrides: Mapping[str, str] | None = None,
        log_path: Path | None = None,
        heap: str = "512m",
        host: str = "127.0.0.1",
    ) -> None:
        self.data_dir = Path(data_dir)
        self.node_id = node_id
        self.host = host
        self.port = port or free_port(host)
        self.controller_port = controller_port or free_port(host)
        self.voters = voters or f"{node_id}@{host}:{self.controller_port}"
        self.cluster_id = cluster_id
        self.overrides = dict(overrides or {})
        self.log_path = Path(log_path) if log_path else self.data_dir.parent / f"kafka-{node_id}.log"
        self.heap = heap
        self.proc: subprocess.Popen[bytes] | None = None
        self.version = kafka_version() or "unknown"

    # ----------------------------------------------------------------- facts

    @property
    def bootstrap(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None else None

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    @property
    def properties_path(self) -> Path:
        return self.data_dir.parent / f"kafka-{self.node_id}.properties"

    def properties(self) -> dict[str, str]:
        props = shared_settings()
        props.update(self.overrides)
        props.update(
            {
                "process.roles": "broker,controller",
                "node.id": str(self.node_id),
                "controller.quorum.voters": self.voters,
                "listeners": f"PLAINTEXT://{self.host}:{self.port},CONTROLLER://{self.host}:{self.controller_port}",
                "advertised.listeners": f"PLAINTEXT://{self.host}:{self.port}",
                "controller.listener.names": "CONTROLLER",
                "inter.broker.listener.name": "PLAINTEXT",
                "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs": str(self.data_dir),
            }
        )
        return props

    # ----------------------------------------------------------------- process

    def _java(self, main: str, *args: str, heap: str) -> list[str]:
        java = java_binary()
        if java is None:
            raise RuntimeError("no java found (JAVA_HOME or PATH); Apache Kafka needs Java 17+")
        return [
            java,
            f"-Xmx{heap}",
            f"-Xms{min(heap, '128m', key=heap_bytes)}",
            *jvm_performance_opts(),
            "-Djava.awt.headless=true",
            f"-Dlog4j2.configurationFile={LOG4J2_PROPERTIES}",
            f"-Dlog4j.configuration=file:{LOG4J_PROPERTIES}",
            "-cp",
            f"{kafka_lib_dir()}/*",
            main,
            *args,
        ]

    def format(self) -> None:
        """Format storage on first start (``meta.properties`` marks a formatted dir)."""
        if (self.data_dir / "meta.properties").exists():
            return
        if not self.cluster_id:
            # Kafka's own random-uuid is a base64url UUID; uuid4 gives the same format without a JVM.
            self.cluster_id = new_cluster_id()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        write_properties(self.properties_path, self.properties())
        out = subprocess.run(
            self._java(
                "kafka.tools.StorageTool",
                "format",
                "-t",
                self.cluster_id,
                "-c",
                str(self.properties_path),
                "--ignore-formatted",
                heap="256m",
            ),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if out.returncode != 0:
            raise RuntimeError(
                f"formatting {self.data_dir} failed:\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}"
            )

    def launch(self) -> None:
        """Start the JVM without waiting (a cluster starts all nodes, then waits once)."""
        if self.alive():
            return
        self.format()
        write_properties(self.properties_path, self.properties())
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                self._java("kafka.Kafka", str(self.properties_path), heap=self.heap),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                # Own session: Ctrl-C reaches us first and we stop the broker last; the death
                # signal ends it if we die without stopping it.
                start_new_session=True,
                preexec_fn=die_with_parent(),  # one ctypes call, takes no locks
            )

    def wait_listening(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(
                    f"Kafka node {self.node_id} exited with {self.proc.returncode}; log {self.log_path}:\n"
                    + self.log_tail()
                )
            if wait_for_port(self.host, self.port, 0.5):
                return
        raise TimeoutError(
            f"Kafka node {self.node_id} not listening on {self.bootstrap} after {timeout}s:\n"
            + self.log_tail()
        )

    def start(self, timeout: float = 90.0) -> KafkaNode:
        self.launch()
        try:
            self.wait_listening(timeout)
            wait_for_brokers(self.bootstrap, {self.node_id}, timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM: Kafka's shutdown hook flushes and closes the logs (a clean restart, no recovery)."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None

    def kill(self) -> None:
        """kill -9 (fault injection): no shutdown hook, no flush."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        self.proc = None

    def restart(self, timeout: float = 90.0) -> None:
        self.stop()
        self.start(timeout)

    def log_tail(self, chars: int = 3000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:] if self.log_path.exists() else ""

    def __enter__(self) -> KafkaNode:
        return self.start()

    def __exit__(self, *exc: tuple[type[BaseException], BaseException, TracebackType]) -> None:
        self.stop()


class KafkaCluster:
    """``size`` combined KRaft nodes on loopback sharing one cluster id and voter list."""

    kind = "kafka"

    def __init__(
        self,
        state_dir: Path,
        size: int = 3,
        *,
        overrides: Mapping[str, str] | None = None,
        heap: str = "512m",
        host: str = "127.0.0.1",
    ) -> None:
        self.state_dir = Path(state_dir)
        self.size = size
        ports = [(free_port(host), free_port(host)) for _ in range(size)]
        voters = ",".join(f"{i + 1}@{host}:{cport}" for i, (_, cport) in enumerate(ports))
        cluster_id = new_cluster_id()
        settings = {**cluster_settings(size), **(overrides or {})}
        self.nodes = [
            KafkaNode(
                self.state_dir / f"node-{i + 1}",
                node_id=i + 1,
                port=port,
                controller_port=cport,
                voters=voters,
                cluster_id=cluster_id,
                overrides=settings,
                log_path=self.state_dir / f"kafka-{i + 1}.log",
                heap=heap,
                host=host,
            )
            for i, (port, cport) in enumerate(ports)
        ]
        self.version = kafka_version() or "unknown"

    @property
    def bootstrap(self) -> str:
        return ",".join(n.bootstrap for n in self.nodes)

    @property
    def pid(self) -> int | None:
        return self.nodes[0].pid

    def node(self, node_id: int) -> KafkaNode:
        return self.nodes[node_id - 1]

    def live_bootstrap(self) -> str:
        return ",".join(n.bootstrap for n in self.nodes if n.alive())

    def start(self, timeout: float = 120.0) -> KafkaCluster:
        # All JVMs at once: a controller quorum needs a majority of voters before anyone is ready.
        try:
            for n in self.nodes:
                n.format()
            for n in self.nodes:
                n.launch()
            for n in self.nodes:
                n.wait_listening(timeout)
            self.wait_ready(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def wait_ready(self, timeout: float = 120.0) -> None:
        ids = {n.node_id for n in self.nodes if n.alive()}
        wait_for_brokers(self.live_bootstrap(), ids, timeout)

    def start_node(self, node_id: int, timeout: float = 120.0) -> None:
        n = self.node(node_id)
        n.launch()
        n.wait_listening(timeout)
        self.wait_ready(timeout)

    def leaders(self, timeout: float = 10.0) -> dict[tuple[str, int], int]:
        return metadata(self.live_bootstrap(), timeout)[1]

    def stop(self, timeout: float = 30.0) -> None:
        # Brokers first, in parallel: each one's controlled shutdown needs the controller quorum,
        # which stopping the nodes one by one would lose before the last broker left.
        for n in self.nodes:
            if n.alive() and n.proc is not None:
                n.proc.send_signal(signal.SIGTERM)
        for n in self.nodes:
            n.stop(timeout)

    def kill(self) -> None:
        for n in self.nodes:
            n.kill()

    def __enter__(self) -> KafkaCluster:
        return self.start()

    def __exit__(self, *exc: tuple[type[BaseException], BaseException, TracebackType]) -> None:
        self.stop()


def start_local_broker(
    state_dir: Path, port: int | None = None, log_path: Path | None = None, timeout: float = 120.0
) -> LocalBroker:
    """Start a single-node broker with its data under ``state_dir``: Apache Kafka (KRaft, combined
    broker and controller, formatted on first start) when Java 17+ and the jars are there, else
    noida-db with a message on stderr saying why. Returns it running; ``.stop()`` stops it."""
    state_dir = Path(state_dir)
    reason = kafka_unavailable_reason()
    if reason is None:
        node = KafkaNode(state_dir / "kafka", port=port, log_path=log_path or state_dir / "kafka.log")
        return node.start(timeout)
    print(
        f"stancewire: Apache Kafka cannot run here ({reason}); falling back to the embedded "
        "noida-db broker, which is not what the project tests on.",
        file=sys.stderr,
    )
    return EmbeddedBroker(state_dir / "noida", port=port, log_path=log_path).start(timeout)
