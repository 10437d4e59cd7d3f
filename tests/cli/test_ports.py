"""A port already in use is reported before anything starts, naming the port and its holder (and,
for a stale stancewire process, its pid and how to stop it). Real listeners, real processes."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest

from stancewire.broker import EmbeddedBroker, free_port
from stancewire.ports import port_free
from tests.cli.procs import cli_env, run_cli


def test_up_reports_a_web_port_held_by_another_program_and_starts_nothing(tmp_path: Path) -> None:
    broker_port = free_port()
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        web_port = holder.getsockname()[1]
        began = time.monotonic()
        res = run_cli(
            "up",
            "--no-seed",
            "--web-port",
            str(web_port),
            "--broker-port",
            str(broker_port),
            env=cli_env(tmp_path),
            timeout=60,
        )
    assert res.returncode == 1, res.stderr
    assert time.monotonic() - began < 10
    holder_pid = os.getpid()
    assert (
        f"error: port {web_port} (web view) is already in use by another program (pid {holder_pid}"
        in res.stderr
    )
    assert "--web-port N" in res.stderr
    # Nothing was started: no broker data, no record, the broker port untouched.
    assert not (tmp_path / "broker").exists() and not (tmp_path / "up.json").exists()
    assert port_free(broker_port)


@pytest.mark.broker
def test_up_names_a_stale_stancewire_broker_on_its_port_and_how_to_stop_it(tmp_path: Path) -> None:
    stale = EmbeddedBroker(tmp_path / "old-broker", log_path=tmp_path / "old-broker.log").start()
    try:
        pid = stale.proc.pid
        res = run_cli(
            "up",
            "--no-seed",
            "--web-port",
            str(free_port()),
            "--broker-port",
            str(stale.port),
            env=cli_env(tmp_path / "state"),
            timeout=60,
        )
        assert res.returncode == 1, res.stderr
        expected = f"port {stale.port} (broker) is already in use by a stale stancewire process (pid {pid}: "
        assert f"error: {expected}" in res.stderr
        assert "noida-db" in res.stderr and f"Stop it with `kill {pid}`" in res.stderr
        assert not (tmp_path / "state" / "up.json").exists()
    finally:
        stale.stop()


def test_worker_reports_its_taken_web_port_before_connecting(tmp_path: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        port = holder.getsockname()[1]
        # No broker at all: the port is checked first, so that is the one error reported.
        res = run_cli(
            "worker",
            "--web-port",
            str(port),
            env=cli_env(tmp_path, STANCEWIRE_BROKER=f"127.0.0.1:{free_port()}"),
            timeout=60,
        )
    assert res.returncode == 1, res.stderr
    assert f"error: port {port} (web view) is already in use" in res.stderr
    assert "cannot reach" not in res.stderr
