"""A worker's NLP child never outlives it, and a worker stops within 15 s of SIGTERM even when its
broker is gone. Real worker processes, a real broker, real signals."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
from pathlib import Path

import pytest

from stancewire.broker import EmbeddedBroker
from stancewire.lifecycle import is_running
from streams.clients.lag import total_lag
from streams.harness import Pipeline
from tests.cli.procs import nlp_children, run_cli, wait_for
from tests.reliability.fictional import fictional_articles

pytestmark = pytest.mark.broker


def cpu_ticks(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def test_sigkill_of_a_worker_while_its_nlp_child_parses_ends_the_child(make_pipeline) -> None:
    p: Pipeline = make_pipeline(partitions=2)
    w = p.start_worker()
    assert wait_for(lambda: bool(nlp_children(w.proc.pid)), 120, 0.3), w.log()[-2000:]
    child = nlp_children(w.proc.pid)[0]
    # A worker started by hand (not by up) shows in `stancewire status`, with its pid and port.
    env = {**os.environ, **p.worker_env(w.web_port, w.data_dir)}
    status = run_cli("status", "--json", env=env)
    assert status.returncode == 0, status.stderr
    listed = [(x["pid"], x["web_port"], x["started_by"]) for x in json.loads(status.stdout)["workers"]]
    assert listed == [(w.proc.pid, w.web_port, "stancewire worker")]
    p.feed(fictional_articles(300, seed=17, prefix="life", max_quotes=6))

    def parsing() -> bool:  # the child is using CPU on the articles right now (idle, it uses none)
        before = cpu_ticks(child)
        time.sleep(0.5)
        # >= 0.02 s of CPU in 0.5 s (USER_HZ 100): low, because the machine may be shared by a
        # dozen busy processes (load 18 on 2 cores was seen), and then no process gets much more.
        return cpu_ticks(child) - before >= 2

    if not wait_for(parsing, 180, 0.0):
        lag = asyncio.run(total_lag(p.settings))
        pytest.fail(f"the NLP child never got busy; lag {lag}\n{w.log()[-3000:]}")
    os.kill(w.proc.pid, signal.SIGKILL)  # the worker alone: not its process group
    w.proc.wait(10)
    assert wait_for(lambda: not is_running(child), 5, 0.05), "NLP child outlived its worker"
    p.workers.remove(w)


def test_worker_stops_within_15s_of_sigterm_when_its_broker_is_gone(tmp_path: Path) -> None:
    broker = EmbeddedBroker(tmp_path / "broker", log_path=tmp_path / "broker.log").start()
    p = Pipeline(bootstrap=broker.bootstrap, state_dir=tmp_path / "state", name="gone", partitions=2)
    try:
        w = p.start_worker()
        assert wait_for(lambda: bool(nlp_children(w.proc.pid)), 120, 0.3), w.log()[-2000:]
        child = nlp_children(w.proc.pid)[0]
        p.feed(fictional_articles(20, seed=3, prefix="gone"))
        broker.kill()
        time.sleep(3)  # the worker notices: fetches and commits start failing and retrying
        began = time.monotonic()
        w.proc.send_signal(signal.SIGTERM)
        w.proc.wait(30)
        took = time.monotonic() - began
        assert took < 15, f"worker took {took:.1f}s to stop:\n{w.log()[-3000:]}"
        assert wait_for(lambda: not is_running(child), 5, 0.05), "NLP child outlived its worker"
        p.workers.remove(w)
    finally:
        p.stop_all()
        broker.stop()
