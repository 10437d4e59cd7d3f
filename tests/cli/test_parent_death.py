"""Each of the two mechanisms on its own, with real processes and SIGKILL (fast: no broker, no model):
``die_with_parent`` as a Popen preexec function, and the guardian's watched pipe."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from stancewire.lifecycle import is_running
from tests.cli.procs import ROOT, wait_for

# The "parent": starts a child the way `up` does, prints its pid, then waits to be killed.
PARENT_PREEXEC = """
import subprocess, sys, time
from stancewire.lifecycle import die_with_parent
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"],
                         start_new_session=True, preexec_fn=die_with_parent)
print(child.pid, flush=True)
time.sleep(120)
"""

PARENT_GUARDIAN = """
import signal, subprocess, sys, time
from pathlib import Path
from stancewire.guardian import Guardian
log, record = Path(sys.argv[1]), Path(sys.argv[2])
guardian = Guardian(log, record)
# A child that ignores the polite signal, in its own group: the guardian must escalate. It says
# "ready" once SIGTERM is ignored: a SIGTERM sent while its interpreter still starts would end it
# before the handler exists (seen under load), and the guardian would never need to escalate.
stubborn = (
    "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('ready', flush=True); "
    "time.sleep(120)"
)
child = subprocess.Popen([sys.executable, "-c", stubborn], start_new_session=True, stdout=subprocess.PIPE)
assert child.stdout.readline().strip() == b"ready"
guardian.watch(child.pid, "stubborn child", sig=signal.SIGTERM, grace=1.0)
print(child.pid, guardian.proc.pid, flush=True)
time.sleep(120)
"""


def _parent(script: str, *args: str) -> tuple[subprocess.Popen[str], list[int]]:
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert proc.stdout is not None
    pids = [int(x) for x in proc.stdout.readline().split()]
    return proc, pids


def test_die_with_parent_ends_the_child_when_the_parent_is_sigkilled() -> None:
    parent, (child,) = _parent(PARENT_PREEXEC)
    try:
        assert is_running(child)
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        assert wait_for(lambda: not is_running(child), 5, 0.05), "child outlived its SIGKILLed parent"
    finally:
        if is_running(child):
            os.kill(child, signal.SIGKILL)


def test_guardian_stops_what_a_sigkilled_parent_left_and_removes_its_record(tmp_path: Path) -> None:
    log, record = tmp_path / "guardian.log", tmp_path / "up.json"
    parent, (child, guardian) = _parent(PARENT_GUARDIAN, str(log), str(record))
    try:
        record.write_text(json.dumps({"pid": parent.pid}))  # what `up` writes, reduced to its owner
        assert is_running(child) and is_running(guardian)
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        assert wait_for(lambda: not is_running(child) and not is_running(guardian), 15, 0.05), log.read_text()
        text = log.read_text()
        assert f"stancewire up (pid {parent.pid}) is gone without stopping 1 process(es)" in text
        assert f"stubborn child (pid {child}) still running after 1s: SIGKILL" in text
        assert not record.exists()
    finally:
        for pid in (child, guardian):
            if is_running(pid):
                os.kill(pid, signal.SIGKILL)
