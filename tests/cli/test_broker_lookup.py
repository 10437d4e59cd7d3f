"""Every client command finds its broker by one rule, says which in one line, and fails within
10 s with one clear message when nothing answers there. Real processes; no broker needed."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from stancewire.broker import free_port
from stancewire.ports import port_free
from tests.cli.procs import ROOT, cli_env, run_cli

SEED = ROOT / "seeds" / "articles.jsonl"
FAIL_BOUND = 10.0


def _timed(*args: str, env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], float]:
    began = time.monotonic()
    res = run_cli(*args, env=env, timeout=60)
    return res, time.monotonic() - began


def _assert_one_clear_failure(
    res: subprocess.CompletedProcess[str], took: float, address: str, why: str
) -> None:
    assert res.returncode == 3, (res.returncode, res.stderr)
    assert took < FAIL_BOUND, f"took {took:.1f}s"
    errors = [line for line in res.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, res.stderr
    assert errors[0].startswith(f"error: cannot reach the Kafka broker at {address} ({why}"), errors
    assert "Start one with `stancewire up`, or pass --broker HOST:PORT" in res.stderr
    assert "Unable connect" not in res.stderr + res.stdout  # no client retry log on the screen
    assert len(res.stderr.splitlines()) <= 4, res.stderr


@pytest.mark.parametrize(
    "args",
    [("feed", str(SEED)), ("subscribe",), ("topics",), ("status",), ("status", "--json"), ("worker",)],
    ids=["feed", "subscribe", "topics", "status", "status-json", "worker"],
)
def test_client_commands_fail_fast_when_nothing_listens(tmp_path: Path, args: tuple[str, ...]) -> None:
    address = f"127.0.0.1:{free_port()}"
    extra = ("--web-port", str(free_port())) if args[0] == "worker" else ()
    res, took = _timed(*args, *extra, env=cli_env(tmp_path, STANCEWIRE_BROKER=address))
    assert res.stderr.splitlines()[0] == f"broker {address} (from STANCEWIRE_BROKER)"
    _assert_one_clear_failure(res, took, address, "from STANCEWIRE_BROKER")
    assert "connection refused" in res.stderr
    if args == ("status", "--json"):
        info = json.loads(res.stdout)
        assert info["broker"]["reachable"] is False and info["broker"]["source"] == "env"


@pytest.fixture
def silent_listener() -> Iterator[str]:
    """A port that accepts TCP connections and never answers: a hung broker, or not Kafka."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(16)
        yield f"127.0.0.1:{s.getsockname()[1]}"


def test_a_listener_that_never_answers_fails_within_the_bound(tmp_path: Path, silent_listener: str) -> None:
    res, took = _timed("topics", "--broker", silent_listener, env=cli_env(tmp_path))
    _assert_one_clear_failure(res, took, silent_listener, "from --broker")
    assert "does not answer as a Kafka broker" in res.stderr


def test_lookup_order_flag_then_env_then_default(tmp_path: Path) -> None:
    flag, env_addr = f"127.0.0.1:{free_port()}", f"127.0.0.1:{free_port()}"
    res = run_cli("topics", "--broker", flag, env=cli_env(tmp_path, STANCEWIRE_BROKER=env_addr))
    assert res.stderr.splitlines()[0] == f"broker {flag} (from --broker)"

    # A record left by an `up` that is no longer running is not followed (its pid is gone).
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    record = {
        "pid": dead.pid,
        "ticks": None,
        "started_at": 0.0,
        "state": "running",
        "broker": {"bootstrap": env_addr, "kind": "noida-db"},
        "workers": [],
    }
    (tmp_path / "up.json").write_text(json.dumps(record))
    if not port_free(9092):
        pytest.skip("something listens on localhost:9092 here; the default case would reach it")
    res, took = _timed("topics", env=cli_env(tmp_path))
    line = res.stderr.splitlines()[0]
    expected = "broker localhost:9092 (the default: no --broker, no STANCEWIRE_BROKER, no running"
    assert line.startswith(expected), line
    assert f"the record of `stancewire up` pid {dead.pid} there is stale" in line
    _assert_one_clear_failure(res, took, "localhost:9092", "the default")


def test_up_with_an_unreachable_external_broker_fails_fast_and_leaves_nothing(tmp_path: Path) -> None:
    address = f"127.0.0.1:{free_port()}"
    web_port = free_port()
    env = cli_env(tmp_path, STANCEWIRE_BROKER=address)
    res, took = _timed("up", "--no-seed", "--web-port", str(web_port), env=env)
    assert f"broker {address} (from STANCEWIRE_BROKER; no local broker started)" in res.stderr
    _assert_one_clear_failure(res, took, address, "from STANCEWIRE_BROKER")
    assert not (tmp_path / "up.json").exists() and not (tmp_path / "broker").exists()
    assert port_free(web_port)
