"""Ports in use, found before anything starts, with who holds them.

A worker or broker left over from an earlier run keeps its port; the next ``up`` then failed
deep inside a worker's log ("port 6066 is already in use"). The check binds each port the way
the server will (address reuse on, so sockets in TIME_WAIT do not count) and, when that fails,
looks the listening socket up in ``/proc`` to name the process and how to stop it.
"""

from __future__ import annotations

import contextlib
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from stancewire.lifecycle import command_line

LISTEN = "0A"  # TCP state in /proc/net/tcp
OURS = ("stancewire", "noida-db", "kafka.Kafka", "streams.cli", "streams.app")


@dataclass
class PortUse:
    port: int
    role: str  # "web view", "broker"
    flag: str  # the option that picks another port
    pid: int | None
    command: str
    known: str | None = None  # what the holder is, when it belongs to a running `stancewire up`

    @property
    def ours(self) -> bool:
        return any(marker in self.command for marker in OURS)

    def message(self) -> str:
        head = f"port {self.port} ({self.role}) is already in use"
        if self.known:
            holder = f" by {self.known} (pid {self.pid})"
            advice = f"Pick another port with {self.flag} N (`stancewire status` shows what runs)."
        elif self.pid is None:
            holder = " by a process this user cannot see"
            advice = f"Free it, or pick another port with {self.flag} N."
        elif self.ours:
            holder = f" by a stale stancewire process (pid {self.pid}: {self.command[:120]})"
            advice = (
                f"Stop it with `kill {self.pid}` (or `stancewire status` to see what is running), "
                f"or pick another port with {self.flag} N."
            )
        else:
            holder = f" by another program (pid {self.pid}: {self.command[:120]})"
            advice = f"Stop it, or pick another port with {self.flag} N."
        return f"{head}{holder}. {advice}"


def port_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def _listening_inodes(port: int) -> set[str]:
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                cols = line.split()
                local, state, inode = cols[1], cols[3], cols[9]
                if state == LISTEN and int(local.rsplit(":", 1)[1], 16) == port:
                    inodes.add(inode)
    return inodes


def listener_pid(port: int) -> int | None:
    """The pid of a process listening on ``port`` (only processes of this user are visible)."""
    inodes = {f"socket:[{i}]" for i in _listening_inodes(port)}
    if not inodes:
        return None
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        with contextlib.suppress(OSError):
            for fd in (entry / "fd").iterdir():
                with contextlib.suppress(OSError):
                    if os.readlink(fd) in inodes:
                        return int(entry.name)
    return None


def check_ports(
    wanted: list[tuple[int, str, str]], host: str = "127.0.0.1", known: dict[int, str] | None = None
) -> list[PortUse]:
    """``wanted``: (port, role, flag) triples. Returns the ones in use, with their holders;
    ``known`` names pids that are not stale (a running ``up``'s worker and broker)."""
    taken = []
    for port, role, flag in wanted:
        if port_free(port, host):
            continue
        pid = listener_pid(port)
        name = (known or {}).get(pid) if pid else None
        taken.append(PortUse(port, role, flag, pid, command_line(pid) if pid else "", name))
    return taken
