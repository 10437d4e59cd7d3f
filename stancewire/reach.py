"""Failing fast when the broker cannot be reached, and keeping client retry noise off the screen.

aiokafka retries a missing broker for ever and logs each attempt (``Unable connect to
"localhost:9092"``) through Python's last-resort handler, straight to the terminal: a newcomer saw
hundreds of those lines and no advice. Commands now ask once, within a bounded time, and say
what was tried, where the address came from and what to do. The check itself (a TCP connection,
then a metadata request) is ``streams.clients.probe``; this module has the parts without a
Kafka client: the time budget, the TCP step, the message, the quiet logs.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import socket
from collections.abc import Callable
from pathlib import Path

from stancewire.discovery import BrokerChoice

# The bound is 10 s from the command's start to its message. Python's start-up and imports take
# 1-3 s (more on a loaded machine), so the check gets what is left of ``COMMAND_SECONDS``.
COMMAND_SECONDS = 7.0
MIN_PROBE_SECONDS = 2.0
UNREACHABLE_EXIT = 3

NOISY_LOGGERS = ("aiokafka", "kafka", "faust", "mode")


def quiet_client_logs(level: str = "warning") -> Callable[[], None]:
    """Keep aiokafka/Faust's connection retries off the screen of a client command; returns a
    function that undoes it (a worker only quiets its broker check, not its own log).

    At the default log level they say nothing a person can act on (the command's own message
    does); ``STANCEWIRE_LOG_LEVEL=info`` or ``debug`` lets them through again."""
    if level.lower() in ("debug", "info"):
        return lambda: None
    saved = []
    for name in NOISY_LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.level, logger.propagate))
        logger.setLevel(logging.CRITICAL + 1)
        logger.propagate = False

    def restore() -> None:
        for logger, lvl, propagate in saved:
            logger.setLevel(lvl)
            logger.propagate = propagate

    return restore


def seconds_since_start() -> float:
    """How long this process has run (from /proc: start time in clock ticks since boot)."""
    try:
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        stat = Path("/proc/self/stat").read_text()
        ticks = int(stat[stat.rindex(")") + 2 :].split()[19])
        return max(0.0, uptime - ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return 0.0


def probe_budget() -> float:
    return max(MIN_PROBE_SECONDS, COMMAND_SECONDS - seconds_since_start())


def _host_port(address: str) -> tuple[str, int]:
    host, _, port = address.strip().rpartition(":")
    return host.strip("[]") or "localhost", int(port or 9092)


async def tcp_check(address: str, timeout: float) -> str | None:
    """None if a TCP connection opens, else why not (in words a person recognises)."""
    try:
        host, port = _host_port(address)
    except ValueError:
        return f"'{address}' is not HOST:PORT"
    try:
        _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    except TimeoutError:
        return f"no answer from {host}:{port} within {timeout:.0f}s"
    except socket.gaierror as exc:
        return f"unknown host {host!r} ({exc.strerror})"
    except OSError as exc:
        if exc.errno == errno.ECONNREFUSED:
            return "connection refused (nothing listens on that port)"
        return os.strerror(exc.errno).lower() if exc.errno else str(exc)
    writer.close()
    return None


def unreachable_message(choice: BrokerChoice, reason: str) -> str:
    return (
        f"cannot reach the Kafka broker at {choice.address} ({choice.why}): {reason}.\n"
        "Start one with `stancewire up`, or pass --broker HOST:PORT (or set STANCEWIRE_BROKER)."
    )
