"""The patch shelf: refuses unchecked Faust/aiokafka releases, installs the Faust bug fixes on
every broker and noida-db's work-arounds only for noida-db, and tells the two brokers apart by
asking (the embedded broker, really started)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest

from stancewire.broker import EmbeddedBroker
from stancewire.settings import Settings
from streams.patches import CHECKED_VERSIONS, UncheckedVersionError, check_versions
from streams.patches.broker_kind import probe_broker_kind

# Each install runs in a fresh interpreter: the patches change classes for the whole process.
INSTALL = """
import json, sys
import faust
from aiokafka.consumer import group_coordinator as gc
from aiokafka.consumer.fetcher import Fetcher
from faust.transport.consumer import Consumer
from streams import patches
from stancewire.settings import Settings
settings = Settings(broker_kind=sys.argv[1], data_dir=sys.argv[2])
app = faust.App("patch-shelf-test", broker="kafka://127.0.0.1:1")
names = patches.install(app, settings)
print(json.dumps({
    "names": names,
    "timers": sorted(t.__name__ for t in app._app_tasks),
    "fetch_backoff": hasattr(Fetcher, "_stancewire_backoff"),
    "keep_member": hasattr(gc.GroupCoordinator, "_stancewire_keep_member"),
    "head_gap": hasattr(Consumer, "_stancewire_head_gap_guard"),
    "commit_retry": hasattr(Consumer, "_stancewire_commit_retry"),
}))
"""


def installed(kind: str, tmp_path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", INSTALL, kind, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_on_apache_kafka_only_the_bug_and_cluster_fixes_are_installed(tmp_path: Path) -> None:
    got = installed("kafka", tmp_path)
    assert got["names"] == [
        "head_gap (faust-streaming#606)",
        "cluster (idempotent producer, bounded request wait, changelog with 0 partitions)",
        "commit_retry (faust-streaming#316)",
    ]
    assert got["head_gap"] and got["commit_retry"]
    assert not got["fetch_backoff"] and not got["keep_member"]
    assert got["timers"] == ["reread_skipped_tails", "retry_refused_commits"]


def test_on_noida_db_its_workarounds_come_too(tmp_path: Path) -> None:
    got = installed("noida", tmp_path)
    assert got["names"][3:] == ["keep_member_id", "fetch_idle_backoff", "membership"]
    assert got["fetch_backoff"] and got["keep_member"] and got["head_gap"] and got["commit_retry"]
    assert got["timers"] == ["remember_member_id", "reread_skipped_tails", "retry_refused_commits"]


def test_an_unchecked_release_is_refused_with_what_to_do() -> None:
    check_versions({name: versions[0] for name, versions in CHECKED_VERSIONS.items()})
    with pytest.raises(UncheckedVersionError, match=r"faust-streaming 0\.16\.0 is installed"):
        check_versions({"faust-streaming": "0.16.0", "aiokafka": CHECKED_VERSIONS["aiokafka"][0]})


def test_the_installed_releases_are_the_checked_ones() -> None:
    check_versions()


def test_noida_db_is_recognised_by_its_api_versions(tmp_path: Path) -> None:
    with EmbeddedBroker(tmp_path / "broker") as broker:
        kind = asyncio.run(probe_broker_kind(Settings(broker=broker.bootstrap)))
    assert kind == "noida"
