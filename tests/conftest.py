"""Suite-wide fixtures: one Apache Kafka broker (a KRaft node, jars from kafka/pom.xml) for the
session, and a factory of isolated pipelines (own topic prefix and consumer group) on it.

``STANCEWIRE_TEST_BROKER=noida-db`` runs the same tests on the embedded noida-db broker instead
(for comparisons); without it a machine that cannot run Kafka fails the broker tests, saying why,
rather than proving things on another broker.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from stancewire.broker import LocalBroker
from stancewire.kafka_config import QUICK_START_JVM_OPTS
from streams.harness import Pipeline, start_test_broker

# Every Kafka node the suite starts, in-process or in a child (`stancewire up`, the benchmark),
# starts with the quick-start JVM flags: dozens of short-lived nodes, where the default's C2 JIT
# and G1 cost about twice the start-up time and CPU (stancewire.kafka_config). A caller's own
# setting wins.
os.environ.setdefault("KAFKA_JVM_PERFORMANCE_OPTS", QUICK_START_JVM_OPTS)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
_counter = itertools.count(1)


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@pytest.fixture(scope="session")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalBroker]:
    root = tmp_path_factory.mktemp("broker")
    b = start_test_broker(root)
    try:
        yield b
    finally:
        b.stop()


@pytest.fixture
def make_pipeline(broker: LocalBroker, tmp_path: Path) -> Iterator:
    """``make_pipeline(**env)`` -> a Pipeline with its own topics; its workers stop at teardown."""
    made: list[Pipeline] = []

    def _make(partitions: int = 4, **env: str) -> Pipeline:
        name = f"t{next(_counter)}{tmp_path.name[-6:].replace('_', '')}".lower()
        p = Pipeline(
            bootstrap=broker.bootstrap,
            state_dir=tmp_path / name,
            name=name,
            partitions=partitions,
            env={f"STANCEWIRE_{k.upper()}": str(v) for k, v in env.items()},
        )
        made.append(p)
        return p

    yield _make
    for p in made:
        p.stop_all()


@pytest.fixture(scope="session")
def seed_articles() -> list[dict]:
    return load_jsonl(SEEDS / "articles.jsonl")


@pytest.fixture(scope="session")
def synthetic_sequence() -> list[dict]:
    return load_jsonl(SEEDS / "synthetic-sequence.jsonl")
