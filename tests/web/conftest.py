"""Fixtures for the web tests: one Apache Kafka broker per test module (workers are per module too).

Self-contained so the web tests run on their own; each module gets a fresh broker data dir.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from stancewire.broker import LocalBroker
from streams.harness import start_test_broker


@pytest.fixture(scope="module")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalBroker]:
    tmp = tmp_path_factory.mktemp("broker")
    b = start_test_broker(tmp)
    try:
        yield b
    finally:
        b.stop()


@pytest.fixture(scope="module")
def app_id(request: pytest.FixtureRequest) -> str:
    return "sw-" + request.module.__name__.rsplit(".", 1)[-1].replace("_", "-")
