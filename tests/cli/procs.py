"""Running ``stancewire up`` as a user would (a real process, real signals) and watching what it
started through ``/proc`` and its state record."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from stancewire.broker import free_port
from stancewire.lifecycle import command_line, descendants, is_running
from stancewire.ports import port_free

ROOT = Path(__file__).resolve().parents[2]


def cli_env(state_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "STANCEWIRE_BROKER"}
    env.update(
        {
            "STANCEWIRE_STATE_DIR": str(state_dir),
            "STANCEWIRE_TOPIC_PREFIX": "life",
            "STANCEWIRE_APP_ID": "life",
            **extra,
        }
    )
    return env


def run_cli(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "streams.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def wait_for(check: Callable[[], bool], timeout: float, step: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(step)
    return check()


def nlp_children(worker_pid: int) -> list[int]:
    return [p for p in descendants(worker_pid) if "multiprocessing.spawn" in command_line(p)]


@dataclass
class UpRun:
    """One ``stancewire up --no-seed`` in the background, on free ports, in its own state dir."""

    state_dir: Path
    proc: subprocess.Popen[bytes]
    web_port: int
    broker_port: int

    @classmethod
    def start(cls, state_dir: Path, *, ignore_sigint: bool = False, extra: tuple[str, ...] = ()) -> UpRun:
        web_port, broker_port = free_port(), free_port()
        state_dir.mkdir(parents=True, exist_ok=True)
        out = open(state_dir / "up.stdout", "wb")  # noqa: SIM115 - handed to the child
        err = open(state_dir / "up.stderr", "wb")  # noqa: SIM115
        # A shell starting a job in the background gives it SIGINT ignored; exec keeps that.
        pre = (lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if ignore_sigint else None
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streams.cli",
                "up",
                "--no-seed",
                "--web-port",
                str(web_port),
                "--broker-port",
                str(broker_port),
                *extra,
            ],
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=cli_env(state_dir),
            cwd=ROOT,
            preexec_fn=pre,
        )
        out.close()
        err.close()
        return cls(state_dir, proc, web_port, broker_port)

    def output(self) -> str:
        return "".join(
            (self.state_dir / name).read_text(errors="replace")
            for name in ("up.stdout", "up.stderr")
            if (self.state_dir / name).exists()
        )

    def record(self) -> dict:
        return json.loads((self.state_dir / "up.json").read_text())

    def wait_running(self, timeout: float = 240) -> dict:
        """Until the worker is healthy and the NLP child is up; the pids of everything started."""
        ok = wait_for(
            lambda: "stancewire is running" in self.output() or self.proc.poll() is not None, timeout, 0.3
        )
        assert ok and self.proc.poll() is None, f"up did not start:\n{self.output()[-3000:]}"
        rec = self.record()
        worker = rec["workers"][0]["pid"]
        assert wait_for(lambda: bool(nlp_children(worker)), 120, 0.3), "no NLP child"
        return {
            "broker": rec["broker"]["pid"],
            "worker": worker,
            "nlp": nlp_children(worker)[0],
            "guardian": rec["guardian_pid"],
        }

    def ports_free(self) -> bool:
        return port_free(self.web_port) and port_free(self.broker_port)

    def kill_everything(self) -> None:
        """Test clean-up only: whatever is still running after a failed assertion."""
        pids = [self.proc.pid]
        with contextlib.suppress(OSError, ValueError, KeyError):
            rec = self.record()
            pids += [rec["broker"]["pid"], rec["guardian_pid"], *(w["pid"] for w in rec["workers"])]
        for pid in pids:
            if pid and is_running(pid):
                for target in (lambda p: os.killpg(p, signal.SIGKILL), lambda p: os.kill(p, signal.SIGKILL)):
                    with contextlib.suppress(OSError):
                        target(pid)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(10)
