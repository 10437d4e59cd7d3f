"""``stancewire up`` stops everything it started: on SIGTERM, SIGHUP, SIGINT (also when started
with SIGINT ignored, as a shell's background job is), and when it is killed with SIGKILL itself.

Real processes and real signals: the local broker (Apache Kafka, else noida-db), a worker with its
NLP child, the guardian.
"""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import pytest

from stancewire.kafka_config import kafka_unavailable_reason
from stancewire.lifecycle import is_running
from tests.cli.procs import UpRun, cli_env, run_cli, wait_for

pytestmark = pytest.mark.broker

STOP_BOUND = 15.0  # the bound for a clean stop


def _all_gone(pids: dict[str, int]) -> list[str]:
    return [name for name, pid in pids.items() if is_running(pid)]


def _feed_and_check_status(up: UpRun, env: dict[str, str], pids: dict[str, int]) -> None:
    """`feed` without --broker reaches up's broker; `status --json` reports broker, worker, lag
    and the dead letter of the one bad record (fictional article, sent unvalidated)."""
    articles = up.state_dir / "in.jsonl"
    good = {
        "id": "life-1",
        "text": "Harbour master Ines Kovalenko (fictional) said the port would reopen.",
        "synthetic": True,
    }
    articles.write_text(json.dumps(good) + "\n" + '{"id": "life-2", "text": ""}\n')
    fed = run_cli("feed", "--no-validate", str(articles), env=env)
    assert fed.returncode == 0, fed.stderr
    assert "sent 2" in fed.stderr

    def settled() -> dict | None:
        res = run_cli("status", "--json", env=env)
        assert res.returncode == 0, res.stderr
        info = json.loads(res.stdout)
        return info if info["dead_letters"] == 1 and info["lag_total"] == 0 else None

    info: dict | None = None

    def check() -> bool:
        nonlocal info
        info = settled()
        return info is not None

    assert wait_for(check, 120, 1.0), "status never showed the dead letter with zero lag"
    assert info is not None
    # up starts Apache Kafka when Java and the jars are there (setup.sh puts them there), else noida-db.
    kind = "kafka" if kafka_unavailable_reason() is None else "noida-db"
    assert (
        info["broker"] | {"reachable": True, "kind": kind, "pid": pids["broker"], "source": "up"}
        == info["broker"]
    )
    assert info["broker"]["address"] == f"127.0.0.1:{up.broker_port}"
    assert [(w["pid"], w["web_port"], w["healthy"]) for w in info["workers"]] == [
        (pids["worker"], up.web_port, True)
    ]
    assert set(info["lag"]) == {"articles", "articles.valid", "articles.accepted", "quotes", "stances"}
    assert info["records"]["articles"] == 2 and info["group"]["members"] == 1
    text = run_cli("status", env=env)
    assert f"worker   pid {pids['worker']}, web view http://127.0.0.1:{up.web_port}/" in text.stdout
    assert "1 dead letter(s)" in text.stdout


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
            _feed_and_check_status(up, env, pids)
            # A second worker on up's web port: told whose port it is, not to kill it.
            second = run_cli("worker", "--web-port", str(up.web_port), env=env)
            assert second.returncode == 1
            assert (
                f"port {up.web_port} (web view) is already in use by the worker of the running "
                f"`stancewire up` (pid {up.proc.pid})"
            ) in second.stderr, second.stderr

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
        again = run_cli(
            "up",
            "--no-seed",
            "--exit-when-done",
            "--web-port",
            str(up.web_port),
            "--broker-port",
            str(up.broker_port),
            env=cli_env(up.state_dir),
            timeout=300,
        )
        assert again.returncode == 0, again.stderr[-3000:]
        assert "stancewire is running" in again.stdout
        assert up.ports_free()
    finally:
        up.kill_everything()
