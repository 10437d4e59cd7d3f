"""Apache Kafka on loopback: one KRaft node, or an N-node cluster, as plain ``java`` processes.

The broker's jars come from Maven Central (``kafka/pom.xml``, copied into ``kafka/lib/`` by
``scripts/setup.sh``): there is no Kafka tarball or Docker engine on the project's machines.
Every node is a combined broker+controller on 127.0.0.1 with a static ``controller.quorum.voters``
list, so storage is formatted once with a shared cluster id and no ``--standalone`` step.

The shared broker settings live in ``kafka/server.properties`` (docker-compose.yml carries the
same values, checked by a test); this module adds only what differs per node (ids, ports, dirs)
and per cluster size (replication factors).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import ctypes
import os
import re
import shutil
import signal
import subprocess
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from types import TracebackType

from stancewire.broker import free_port, wait_for_port

ROOT = Path(__file__).resolve().parent.parent
KAFKA_DIR = ROOT / "kafka"
SERVER_PROPERTIES = KAFKA_DIR / "server.properties"
LOG4J2_PROPERTIES = KAFKA_DIR / "log4j2.properties"
LOG4J_PROPERTIES = KAFKA_DIR / "log4j.properties"  # Kafka 3.x (reload4j)
MIN_JAVA = 17
PR_SET_PDEATHSIG = 1


def kafka_lib_dir() -> Path:
    """Where setup copied the broker's jars (``STANCEWIRE_KAFKA_LIB`` overrides, e.g. a shared cache)."""
    return Path(os.environ.get("STANCEWIRE_KAFKA_LIB", KAFKA_DIR / "lib"))


def kafka_version(lib: Path | None = None) -> str | None:
    """The version of the ``kafka_2.13`` jar in ``lib``, or None when setup has not copied it."""
    for jar in sorted((lib or kafka_lib_dir()).glob("kafka_2.13-*.jar")):
        m = re.fullmatch(r"kafka_2\.13-(\d+\.\d+\.\d+)\.jar", jar.name)
        if m:
            return m.group(1)
    return None


def java_binary() -> str | None:
    """``$JAVA_HOME/bin/java`` when set, else ``java`` on PATH."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


@lru_cache(maxsize=4)
def java_major(java: str) -> int | None:
    try:
        out = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=30, check=False
        ).stderr
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not m:
        return None
    major = int(m.group(1))
    # Java 8 and older report "1.8.0_x".
    return int(m.group(2) or 0) if major == 1 else major


def kafka_unavailable_reason() -> str | None:
    """None when Apache Kafka can run here; else why not, in words for the user."""
    java = java_binary()
    if java is None:
        return "no java found (JAVA_HOME or PATH)"
    major = java_major(java)
    if major is None or major < MIN_JAVA:
        return f"{java} is Java {major or 'unknown'}; Apache Kafka needs Java {MIN_JAVA}+"
    if kafka_version() is None:
        return f"no Kafka jars in {kafka_lib_dir()} (run scripts/setup.sh)"
    return None


def die_with_parent(sig: int = signal.SIGKILL) -> Callable[[], None]:
    """A ``preexec_fn`` that makes the child receive ``sig`` when its parent dies (Linux).

    ``start_new_session=True`` keeps Ctrl-C in a terminal from reaching the broker before we stop
    it in order, but it also means nothing ends the JVM if we are killed: a leftover broker would
    hold its ports and data dir. PR_SET_PDEATHSIG closes that gap. Note it fires when the *thread*
    that forked exits, so call Popen from a long-lived thread (the main thread here).
    """
    parent = os.getpid()

    def _preexec() -> None:
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
        # The parent may have died between fork and prctl: then nobody would signal us.
        if os.getppid() != parent:
            os.kill(os.getpid(), sig)

    return _preexec


def read_properties(path: Path) -> dict[str, str]:
    """A Java .properties file's plain ``key=value`` lines (what ``kafka/server.properties`` uses)."""
    props: dict[str, str] = {}
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", "!")):
            continue
        key, _, value = line.partition("=")
        props[key.strip()] = value.strip()
    return props


def write_properties(path: Path, props: Mapping[str, str]) -> None:
    path.write_text("".join(f"{k}={v}\n" for k, v in props.items()))


def shared_settings() -> dict[str, str]:
    return read_properties(SERVER_PROPERTIES)


def env_name(key: str) -> str:
    """The apache/kafka image's variable for a broker property: ``a.b_c-d`` -> ``KAFKA_A_B__C___D``."""
    return "KAFKA_" + key.replace("-", "___").replace("_", "__").replace(".", "_").upper()


# The compose file's broker: one combined node reachable as kafka:9092 inside the compose network,
# its data on the kafka-data volume (the image's default log dir is under /tmp, lost on down/up).
COMPOSE_NODE = {
    "node.id": "1",
    "process.roles": "broker,controller",
    "listeners": "PLAINTEXT://:9092,CONTROLLER://:9093",
    "advertised.listeners": "PLAINTEXT://kafka:9092",
    "controller.listener.names": "CONTROLLER",
    "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
    "controller.quorum.voters": "1@kafka:9093",
    "log.dirs": "/var/lib/kafka/data",
}


def compose_environment() -> dict[str, str]:
    """The ``kafka`` service's environment in docker-compose.yml, generated from the same settings
    as the local broker (``python -m stancewire.kafka_broker compose-env`` prints it)."""
    env = {env_name(k): v for k, v in {**COMPOSE_NODE, **shared_settings()}.items()}
    env["KAFKA_HEAP_OPTS"] = "-Xmx512m -Xms512m"
    # The image formats storage on first start with this id and skips formatting once the volume
    # holds meta.properties, so a fixed id keeps `docker compose down && up` on the same data.
    env["CLUSTER_ID"] = "c3RhbmNld2lyZS1rYWZrYQ"
    return env


def cluster_settings(size: int) -> dict[str, str]:
    """Replication settings for a cluster of ``size`` nodes: RF 3 and min ISR 2 from three nodes."""
    rf = str(min(size, 3))
    isr = "2" if size >= 3 else "1"
    return {
        "default.replication.factor": rf,
        "offsets.topic.replication.factor": rf,
        "transaction.state.log.replication.factor": rf,
        "transaction.state.log.min.isr": isr,
        "min.insync.replicas": isr,
    }


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
    from aiokafka.client import AIOKafkaClient

    async def fetch() -> tuple[set[int], dict[tuple[str, int], int]]:
        client = AIOKafkaClient(bootstrap_servers=bootstrap, request_timeout_ms=int(timeout * 1000))
        try:
            await client.bootstrap()
            md = await client.fetch_all_metadata()
            leaders = {
                (t, p): md.leader_for_partition(_tp(t, p)) or -1
                for t in md.topics()
                for p in (md.partitions_for_topic(t) or ())
            }
            return {b.nodeId for b in md.brokers()}, leaders
        finally:
            await client.close()

    return _run_async(fetch, timeout + 5)  # type: ignore[return-value]


def _tp(topic: str, partition: int):  # type: ignore[no-untyped-def]
    from aiokafka.structs import TopicPartition

    return TopicPartition(topic, partition)


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
    raise TimeoutError(f"brokers {sorted(ids)} not all in metadata from {bootstrap} after {timeout}s: "
                       f"saw {sorted(seen)}; last error {error!r}")


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
            f"-Xms{min(heap, '128m', key=_heap_bytes)}",
            "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20",
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
        raise TimeoutError(f"Kafka node {self.node_id} not listening on {self.bootstrap} after {timeout}s:\n"
                           + self.log_tail())

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


def _heap_bytes(size: str) -> int:
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    return int(size[:-1]) * units[size[-1].lower()] if size[-1].lower() in units else int(size)


def new_cluster_id() -> str:
    """A cluster id as Kafka's ``random-uuid`` makes it: a base64url UUID that does not start with
    "-" (the storage tool's argument parser would take it for an option, as Kafka's Uuid avoids)."""
    while True:
        cid = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cid.startswith("-"):
            return cid


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


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["compose-env"]:
        for name, value in compose_environment().items():
            print(f'      {name}: "{value}"')
    else:
        print("usage: python -m stancewire.kafka_broker compose-env", file=sys.stderr)
        raise SystemExit(2)
