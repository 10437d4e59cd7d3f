"""Fixtures for the web tests: one embedded broker per test module (workers are per module too).

Self-contained so the web tests run on their own; each module gets a fresh broker data dir.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from web_harness import EmbeddedBroker


@pytest.fixture(scope="module")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedBroker]:
    tmp = tmp_path_factory.mktemp("broker")
    b = EmbeddedBroker(tmp / "data").start()
    try:
        yield b
    finally:
        b.stop()


@pytest.fixture(scope="module")
def app_id(request: pytest.FixtureRequest) -> str:
    return "sw-" + request.module.__name__.rsplit(".", 1)[-1].replace("_", "-")
