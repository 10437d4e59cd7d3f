"""Process lifetimes: children that die with their parent, bounded shutdowns, stop signals.

``stancewire up`` starts a broker and workers, each worker an NLP child. None of them may outlive
the process that started it: an orphan keeps its port (the next ``up`` then fails on it) and its
memory. Linux's parent-death signal (``prctl(PR_SET_PDEATHSIG)``) covers a parent killed with
SIGKILL, which no handler in the parent can see; ``stancewire.guardian`` covers what a signal
cannot (stopping a broker cleanly, whatever started it). Everything here reads ``/proc``: Linux
only, like the rest of the local tooling.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

PR_SET_PDEATHSIG = 1

# A worker asked to stop gets this long to finish cleanly (final commit, producer flush) before it
# exits regardless: with its broker gone, Faust's stop waits on requests that never complete.
WORKER_STOP_SECONDS = 8.0


def die_with_parent(sig: int = signal.SIGTERM, parent_pid: int | None = None) -> None:
    """Have the kernel send ``sig`` to this process when its parent dies (SIGKILL included).

    Usable as a ``subprocess.Popen(preexec_fn=...)``: it then runs in the child between fork and
    exec, and the setting survives the exec. If the parent already died before the setting took
    effect (the child was then re-parented), the signal is sent at once. ``parent_pid`` names the
    expected parent when it is known (a child initialising itself after start); by default the
    parent at the time of the call is taken.

    The kernel sends the signal when the *thread* that forked the child exits, so spawn children
    from a thread that lives as long as the process (the main thread, or the event loop's).
    """
    expected = parent_pid if parent_pid is not None else os.getppid()
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    if os.getppid() != expected:
        os.kill(os.getpid(), sig)


# --------------------------------------------------------------------------- /proc helpers


def start_ticks(pid: int) -> int | None:
    """The process's start time in clock ticks since boot: with the pid, it names one process
    (pids are reused; a pid and its start time are not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # Field 2 (the command) may hold spaces and parentheses: split after its last ')'.
    fields = stat[stat.rindex(")") + 2 :].split()
    return int(fields[19])  # field 22 of the whole line


def is_running(pid: int | None, ticks: int | None = None) -> bool:
    """True when ``pid`` is a live (not zombie) process, and the same one if ``ticks`` is given."""
    if not pid or pid <= 0:
        return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    if stat[stat.rindex(")") + 2 :].split()[0] in ("Z", "X"):
        return False
    return ticks is None or start_ticks(pid) == ticks


def command_line(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    return " ".join(part.decode(errors="replace") for part in raw.split(b"\0") if part)


def children(pid: int) -> list[int]:
    """Direct children of ``pid`` (every thread's, so children spawned by any thread count)."""
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError):
                found.extend(int(p) for p in (task / "children").read_text().split())
    return found


def descendants(pid: int) -> list[int]:
    out: list[int] = []
    todo = children(pid)
    while todo:
        child = todo.pop()
        out.append(child)
        todo.extend(children(child))
    return out


def wait_gone(pid: int, timeout: float, ticks: int | None = None) -> bool:
    """Wait until ``pid`` (not our child: it may have been re-parented) has exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not is_running(pid, ticks):
            return True
        time.sleep(0.05)
    return not is_running(pid, ticks)


# --------------------------------------------------------------------------- bounded stop


_deadline_started = threading.Event()


def exit_after(seconds: float, why: str) -> None:
    """Exit this process ``seconds`` from now unless it has exited by then, killing its child
    processes first (an NLP child must not outlive its worker). Idempotent.

    A daemon thread, not the event loop: the loop is the thing that may be stuck."""
    if _deadline_started.is_set():
        return
    _deadline_started.set()

    def expire() -> None:
        time.sleep(seconds)
        for child in descendants(os.getpid()):
            with contextlib.suppress(OSError):
                os.kill(child, signal.SIGKILL)
        with contextlib.suppress(Exception):
            sys.stderr.write(
                f"stancewire: {why}: not stopped cleanly after {seconds:.0f}s (a broker that does not "
                "answer holds the final commit); exiting now. Records since the last commit are "
                "processed again on restart.\n"
            )
            sys.stderr.flush()
        os._exit(1)

    threading.Thread(target=expire, name="stop-deadline", daemon=True).start()


# --------------------------------------------------------------------------- stop signals


class Stopping(KeyboardInterrupt):
    """Raised in the main thread when a stop signal arrives (SIGINT, SIGTERM, SIGHUP).

    A KeyboardInterrupt because asyncio lets only that (and SystemExit) out of a callback or task
    it runs: any other exception raised by a signal handler there would be logged and dropped."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class StopSignals:
    """SIGINT, SIGTERM and SIGHUP all mean "stop everything cleanly".

    Installed explicitly for each signal: a process started in the background by a shell inherits
    SIGINT *ignored*, and Python then installs no KeyboardInterrupt handler, so Ctrl-C or
    ``kill -INT`` would do nothing. While ``deferred()`` (starting a child whose handle we must
    keep), a signal is only noted and raised when the section ends, so nothing is left
    half-started and unrecorded.
    """

    def __init__(self) -> None:
        self.received: int | None = None
        self._defer = 0
        self._stopping = False

    def install(self) -> StopSignals:
        for sig in STOP_SIGNALS:
            signal.signal(sig, self._handle)
        return self

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self._stopping:  # already cleaning up: a second Ctrl-C must not interrupt that
            sys.stderr.write(f"{signal.Signals(signum).name}: already stopping\n")
            return
        self.received = self.received or signum
        if self._defer == 0:
            raise Stopping(signum)

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        self._defer += 1
        try:
            yield
        finally:
            self._defer -= 1
        self.check()

    def check(self) -> None:
        """Raise ``Stopping`` if a stop signal arrived while deferred."""
        if self.received is not None and self._defer == 0 and not self._stopping:
            raise Stopping(self.received)

    def stopping(self) -> None:
        """From now on signals no longer interrupt: the cleanup itself is bounded."""
        self._stopping = True
