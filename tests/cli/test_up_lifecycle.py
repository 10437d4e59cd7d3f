"""``stancewire up`` stops everything it started: on SIGTERM, SIGHUP, SIGINT (also when started
with SIGINT ignored, as a shell's background job is), and when it is killed with SIGKILL itself.

Real processes and real signals: the embedded broker, a worker with its NLP child, the guardian.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from stancewire.lifecycle import is_running
from tests.cli.procs import UpRun, cli_env, run_cli, wait_for

pytestmark = pytest.mark.broker

STOP_BOUND = 15.0  # the bound for a clean stop


def _all_gone(pids: dict[str, int]) -> list[str]:
    return [name for name, pid in pids.items() if is_running(pid)]


@pytest.mark.parametrize(
    ("sig", "ignore_sigint"),
    [(signal.SIGTERM, False), (signal.SIGHUP, False), (signal.SIGINT, True)],
    ids=["SIGTERM", "SIGHUP", "SIGINT-ignored-at-start"],
)
def test_up_stops_everything_on_a_stop_signal(
    tmp_path: Path, sig: signal.Signals, ignore_sigint: bool
) -> None:
    up = UpRun.start(tmp_path / "state", ignore_sigint=ignore_sigint)
    try:
        pids = up.wait_running()
        env = cli_env(up.state_dir)
        if sig == signal.SIGTERM:
            # While it runs, the other commands find its broker without being told.
            topics = run_cli("topics", env=env)
            assert topics.returncode == 0, topics.stderr
            first = topics.stderr.splitlines()[0]
            expected = f"broker 127.0.0.1:{up.broker_port} (recorded by the running `stancewire up`"
            assert first.startswith(expected), first
            assert f"pid {up.proc.pid}" in first

        began = time.monotonic()
        up.proc.send_signal(sig)
        up.proc.wait(STOP_BOUND + 5)
        took = time.monotonic() - began
        assert took < STOP_BOUND, f"stopped after {took:.1f}s:\n{up.output()[-2000:]}"
        assert up.proc.returncode == 0, up.output()[-2000:]
        assert f"{sig.name} received" in up.output()
        assert wait_for(lambda: not _all_gone(pids), 5), _all_gone(pids)
        assert up.ports_free()
        assert not (up.state_dir / "up.json").exists()
    finally:
        up.kill_everything()


def test_sigkill_of_up_takes_down_broker_worker_and_nlp_child(tmp_path: Path) -> None:
    up = UpRun.start(tmp_path / "state")
    try:
        pids = up.wait_running()
        up.proc.send_signal(signal.SIGKILL)
        up.proc.wait(10)
        # The worker gets SIGTERM from the kernel (parent-death signal) and stops within its own
        # bound; the guardian sees its pipe close and stops the broker cleanly, then the worker's
        # NLP child dies with the worker.
        assert wait_for(lambda: not _all_gone(pids), 30, 0.2), (
            f"still running: {_all_gone(pids)}\n{(up.state_dir / 'guardian.log').read_text()}"
        )
        assert up.ports_free()
        assert not (up.state_dir / "up.json").exists(), "the guardian removes the dead up's record"

        # Restart on the same ports and state: nothing stale in the way.
        again = run_cli("up", "--no-seed", "--exit-when-done", "--web-port", str(up.web_port),
                        "--broker-port", str(up.broker_port), env=cli_env(up.state_dir), timeout=300)
        assert again.returncode == 0, again.stderr[-3000:]
        assert "stancewire is running" in again.stdout
        assert up.ports_free()
    finally:
        up.kill_everything()
