"""A watched pipe: stops what ``stancewire up`` started if ``up`` itself dies without stopping it.

``up`` starts this small process first and keeps the write end of its stdin. It tells it each
child it starts (pid, start time, how to stop it). If ``up`` exits without saying ``disarm``
(SIGKILL, a crash), the pipe reaches end-of-file and the guardian stops those children, newest
first (workers before the broker they commit to), each with its own signal and grace period,
then SIGKILL; and removes ``up``'s state record so no command takes the broker as running.
Unlike a parent-death signal this knows how to stop a broker cleanly (a command, then SIGINT)
whatever kind it is, and it works for children started by code that is not ours.

    python -m stancewire.guardian --log LOG [--record up.json] [--parent PID]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO

from stancewire.lifecycle import is_running, start_ticks, wait_gone


@dataclass
class Watched:
    pid: int
    name: str
    ticks: int | None = None
    signal: int = int(signal.SIGTERM)
    # The child leads its own process group: a SIGKILL, when it comes to that, goes to the whole
    # group. The polite signal goes to the child alone, which stops its own children in order
    # (a worker's NLP child, signalled with it, would die under a batch in flight).
    group: bool = True
    grace: float = 10.0
    stop_argv: list[str] = field(default_factory=list)  # run first (e.g. a broker's own stop command)


# --------------------------------------------------------------------------- the parent's side


class Guardian:
    """Handle held by ``up``. Every call is best effort: a guardian that died must not stop ``up``."""

    def __init__(self, log_path: Path, record_path: Path | None = None) -> None:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        # The parent's pid is passed, not read by the guardian: it may start after the parent died.
        argv = [sys.executable, "-m", "stancewire.guardian", "--log", str(log_path)]
        argv += ["--parent", str(os.getpid())]
        if record_path is not None:
            argv += ["--record", str(record_path)]
        self.proc = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # Its own session: Ctrl-C or a hang-up aimed at up's terminal must not stop it too.
            start_new_session=True,
            close_fds=True,
        )
        self._pipe: IO[bytes] | None = self.proc.stdin

    def _send(self, message: dict[str, object]) -> None:
        if self._pipe is None:
            return
        try:
            self._pipe.write(json.dumps(message).encode() + b"\n")
            self._pipe.flush()
        except (BrokenPipeError, OSError, ValueError):
            self._pipe = None

    def watch(
        self,
        pid: int,
        name: str,
        *,
        sig: int = signal.SIGTERM,
        group: bool = True,
        grace: float = 10.0,
        stop_argv: list[str] | None = None,
    ) -> None:
        w = Watched(pid, name, start_ticks(pid), int(sig), group, grace, list(stop_argv or []))
        self._send({"op": "watch", **asdict(w)})

    def forget(self, pid: int) -> None:
        self._send({"op": "forget", "pid": pid})

    def disarm(self, timeout: float = 5.0) -> None:
        """Everything was stopped by ``up`` itself: let the guardian exit without acting."""
        self._send({"op": "disarm"})
        if self._pipe is not None:
            with contextlib.suppress(OSError):
                self._pipe.close()
            self._pipe = None
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()


# --------------------------------------------------------------------------- the guardian's side


def _log(out: IO[str], message: str) -> None:
    out.write(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} guardian[{os.getpid()}]: {message}\n")
    out.flush()


def _signal(w: Watched, sig: int) -> None:
    if w.group and sig == signal.SIGKILL:
        try:
            os.killpg(w.pid, sig)
            return
        except (ProcessLookupError, PermissionError):
            pass  # not a group leader after all: signal the process alone
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(w.pid, sig)


def stop(w: Watched, out: IO[str]) -> None:
    if not is_running(w.pid, w.ticks):
        return
    _log(out, f"stopping {w.name} (pid {w.pid})")
    if w.stop_argv:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(
                w.stop_argv, stdin=subprocess.DEVNULL, stdout=out, stderr=out, timeout=w.grace, check=False
            )
    _signal(w, w.signal)
    if not wait_gone(w.pid, w.grace, w.ticks):
        _log(out, f"{w.name} (pid {w.pid}) still running after {w.grace:.0f}s: SIGKILL")
        _signal(w, signal.SIGKILL)
        wait_gone(w.pid, 5.0, w.ticks)


def serve(stdin: IO[bytes], out: IO[str], record: Path | None, parent: int) -> int:
    watched: dict[int, Watched] = {}
    disarmed = False
    for line in stdin:  # ends at EOF: up exited, one way or another
        with contextlib.suppress(ValueError, TypeError, KeyError):
            msg = json.loads(line)
            op = msg.pop("op")
            if op == "watch":
                w = Watched(**msg)
                watched[w.pid] = w
            elif op == "forget":
                watched.pop(int(msg["pid"]), None)
            elif op == "disarm":
                disarmed = True
    if disarmed:
        return 0
    alive = [w for w in watched.values() if is_running(w.pid, w.ticks)]
    if alive:
        _log(out, f"stancewire up (pid {parent}) is gone without stopping {len(alive)} process(es)")
    for w in reversed(alive):  # newest first: workers before the broker they commit to
        stop(w, out)
    if record is not None:
        with contextlib.suppress(OSError, ValueError):
            if json.loads(record.read_text()).get("pid") == parent:
                record.unlink()
                _log(out, f"removed {record}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m stancewire.guardian")
    ap.add_argument("--log", type=Path, required=True)
    ap.add_argument("--record", type=Path, default=None)
    ap.add_argument("--parent", type=int, default=None)
    args = ap.parse_args(argv)
    # Signals aimed at up's process group or terminal are not for us; only EOF on stdin is.
    for sig in (signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)
    parent = args.parent or os.getppid()
    with open(args.log, "a", encoding="utf-8") as out:
        return serve(sys.stdin.buffer, out, args.record, parent)


if __name__ == "__main__":
    raise SystemExit(main())
