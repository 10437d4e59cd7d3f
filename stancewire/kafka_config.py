"""What an Apache Kafka node on loopback needs: Java, the jars, its properties (shared with
docker-compose.yml), cluster ids. The nodes themselves (``KafkaNode``, ``KafkaCluster``: plain
``java`` processes, ready once a Kafka client sees them in metadata) are ``streams.kafka_nodes``.

The broker's jars come from Maven Central (``kafka/pom.xml``, copied into ``kafka/lib/`` by
``scripts/setup.sh``): there is no Kafka tarball or Docker engine on the project's machines.
Every node is a combined broker+controller on 127.0.0.1 with a static ``controller.quorum.voters``
list, so storage is formatted once with a shared cluster id and no ``--standalone`` step.

The shared broker settings live in ``kafka/server.properties`` (docker-compose.yml carries the
same values, checked by a test); this module adds only what differs per node (ids, ports, dirs)
and per cluster size (replication factors).
"""

from __future__ import annotations

import base64
import contextlib
import ctypes
import os
import re
import shlex
import shutil
import signal
import subprocess
import uuid
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path

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
    as the local broker (``python -m stancewire.kafka_config compose-env`` prints it)."""
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


# Kafka's own launcher (kafka-run-class.sh) takes the JVM's GC and JIT flags from
# KAFKA_JVM_PERFORMANCE_OPTS; the local nodes honour the same variable. The default is what a
# long-running broker wants. QUICK_START_JVM_OPTS trades peak JIT speed for start-up: C1 only and
# the serial collector start a node in about half the time and CPU on two cores (measured
# 4.1-4.6 s against 6.5-9.1 s), which is what a test suite starting dozens of short-lived nodes
# wants.
DEFAULT_JVM_PERFORMANCE_OPTS = "-XX:+UseG1GC -XX:MaxGCPauseMillis=20"
QUICK_START_JVM_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


def jvm_performance_opts() -> list[str]:
    """The GC and JIT flags for a local node: ``KAFKA_JVM_PERFORMANCE_OPTS`` if set, else the default."""
    return shlex.split(os.environ.get("KAFKA_JVM_PERFORMANCE_OPTS") or DEFAULT_JVM_PERFORMANCE_OPTS)


def heap_bytes(size: str) -> int:
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    return int(size[:-1]) * units[size[-1].lower()] if size[-1].lower() in units else int(size)


def new_cluster_id() -> str:
    """A cluster id as Kafka's ``random-uuid`` makes it: a base64url UUID that does not start with
    "-" (the storage tool's argument parser would take it for an option, as Kafka's Uuid avoids)."""
    while True:
        cid = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cid.startswith("-"):
            return cid


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["compose-env"]:
        for name, value in compose_environment().items():
            print(f'      {name}: "{value}"')
    else:
        print("usage: python -m stancewire.kafka_config compose-env", file=sys.stderr)
        raise SystemExit(2)
