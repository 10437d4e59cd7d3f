"""The broker settings have one source: kafka/server.properties feeds the local broker, the tests'
brokers and docker-compose.yml (no Docker engine here, so the compose file is checked as text)."""

from __future__ import annotations

import re
from pathlib import Path

from stancewire.kafka_config import (
    KAFKA_DIR,
    QUICK_START_JVM_OPTS,
    compose_environment,
    kafka_version,
    shared_settings,
)
from streams.kafka_nodes import KafkaNode

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"


def compose_kafka_environment() -> dict[str, str]:
    """The ``kafka`` service's ``environment:`` block, read line by line (no YAML library needed)."""
    lines = COMPOSE.read_text().splitlines()
    start = lines.index("  kafka:")
    env_at = next(i for i in range(start, len(lines)) if lines[i] == "    environment:")
    env: dict[str, str] = {}
    for line in lines[env_at + 1 :]:
        m = re.fullmatch(r"      ([A-Z0-9_]+): \"(.*)\"", line)
        if not m:
            break
        env[m.group(1)] = m.group(2)
    return env


def pom_kafka_version() -> str:
    m = re.search(r"<kafka\.version>([^<]+)</kafka\.version>", (KAFKA_DIR / "pom.xml").read_text())
    assert m, "kafka/pom.xml names no kafka.version"
    return m.group(1)


def test_compose_broker_settings_are_generated_from_server_properties() -> None:
    assert compose_kafka_environment() == compose_environment(), (
        "docker-compose.yml's kafka environment differs from kafka/server.properties; regenerate it "
        "with `python -m stancewire.kafka_config compose-env`"
    )
    # Every shared setting reaches the compose broker.
    env = compose_kafka_environment()
    for key, value in shared_settings().items():
        assert env["KAFKA_" + key.replace(".", "_").upper()] == value


def test_compose_data_volume_is_the_broker_log_dir() -> None:
    text = COMPOSE.read_text()
    log_dir = compose_kafka_environment()["KAFKA_LOG_DIRS"]
    assert f"- kafka-data:{log_dir}\n" in text, "the named volume must hold the broker's log dir"


def test_compose_pom_and_jars_name_one_kafka_version() -> None:
    version = pom_kafka_version()
    images = re.findall(r"image: apache/kafka:(\S+)", COMPOSE.read_text())
    assert images and set(images) == {version}
    if kafka_version() is not None:  # setup has copied the jars
        assert kafka_version() == version, "kafka/lib is stale: re-run scripts/setup.sh"


def test_local_node_uses_every_shared_setting(tmp_path: Path) -> None:
    props = KafkaNode(tmp_path / "data", port=1, controller_port=2).properties()
    for key, value in shared_settings().items():
        assert props[key] == value
    assert props["log.dirs"] == str(tmp_path / "data")
    assert props["controller.quorum.voters"] == "1@127.0.0.1:2"


def test_node_jvm_flags_follow_kafka_jvm_performance_opts(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Kafka's own launcher reads the same variable; the suite sets the quick-start flags
    # (tests/conftest.py), a long-running broker keeps G1.
    node = KafkaNode(tmp_path / "data", node_id=1, port=19092, controller_port=19093)
    monkeypatch.delenv("KAFKA_JVM_PERFORMANCE_OPTS", raising=False)
    cmd = node._java("kafka.Kafka", "x.properties", heap="256m")
    assert "-XX:+UseG1GC" in cmd and "-XX:TieredStopAtLevel=1" not in cmd
    monkeypatch.setenv("KAFKA_JVM_PERFORMANCE_OPTS", QUICK_START_JVM_OPTS)
    cmd = node._java("kafka.Kafka", "x.properties", heap="256m")
    assert "-XX:+UseG1GC" not in cmd
    # The flags go before the class path and the main class, where the JVM reads options.
    assert cmd.index("-XX:TieredStopAtLevel=1") < cmd.index("-cp") < cmd.index("kafka.Kafka")
    assert "-XX:+UseSerialGC" in cmd
