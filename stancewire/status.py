"""``stancewire status``: what is running, from ``up``'s record and the workers' health, and the
terminal lines for it all. What the broker itself says (lag, records, group) is
``streams.clients.broker_status``."""

from __future__ import annotations

import contextlib
import time
from typing import Any

import httpx

from stancewire.discovery import BrokerChoice, UpRecord, WorkerEntry
from stancewire.lifecycle import is_running


def _worker_health(url: str) -> bool:
    with contextlib.suppress(httpx.HTTPError):
        return httpx.get(f"{url}/health", timeout=2.0).status_code == 200
    return False


def local_part(
    choice: BrokerChoice, record: UpRecord | None, record_file: str, others: list[WorkerEntry] | None = None
) -> dict[str, Any]:
    """Everything that needs no broker: the lookup, ``up``'s record, its processes, and the
    workers started by hand that noted themselves in the same state dir (``others``)."""
    info: dict[str, Any] = {
        "broker": {"address": choice.address, "source": choice.source, "why": choice.why},
        "up": None,
        "workers": [],
    }
    workers = list(record.workers) if record is not None else []
    workers += [w for w in others or [] if w.pid not in {x.pid for x in workers}]
    for w in workers:
        alive = is_running(w.pid)
        info["workers"].append(
            {
                "pid": w.pid,
                "running": alive,
                "web_port": w.web_port,
                "url": w.url,
                "healthy": alive and _worker_health(w.url),
                "log": w.log,
                "started_by": "up" if record is not None and w in record.workers else "stancewire worker",
            }
        )
    if record is None:
        return info
    info["up"] = {
        "pid": record.pid,
        "running": record.alive(),
        "state": record.state,
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(record.started_at)),
        "record": record_file,
    }
    if record.broker.bootstrap == choice.address:
        info["broker"].update(
            kind=record.broker.kind,
            version=record.broker.version,
            pid=record.broker.pid,
            pid_running=is_running(record.broker.pid) if record.broker.pid else None,
            log=record.broker.log,
        )
    return info


def render(info: dict[str, Any]) -> list[str]:
    """Readable lines (rich markup) for the terminal."""
    b = info["broker"]
    lines = []
    kind = f", {b['kind']}" + (f" {b['version']}" if b.get("version") else "") if b.get("kind") else ""
    pid = f", pid {b['pid']}" if b.get("pid") else ""
    reach = "[green]reachable[/]" if b.get("reachable") else f"[red]unreachable[/]: {b.get('error')}"
    lines.append(f"broker   {b['address']}{kind}{pid}: {reach}")
    lines.append(f"         ({b['why']})")
    up = info.get("up")
    if up is None:
        lines.append("up       no `stancewire up` record")
    else:
        running = "running" if up["running"] else "[red]not running[/] (stale record)"
        lines.append(
            f"up       pid {up['pid']}, {running}, {up['state']} since {up['started_at']} ({up['record']})"
        )
    for w in info.get("workers", []):
        if w["healthy"]:
            health = "[green]healthy[/]"
        else:
            health = "[yellow]starting or unhealthy[/]" if w["running"] else "[red]gone[/]"
        lines.append(
            f"worker   pid {w['pid']}, web view {w['url']}/ (port {w['web_port']}): {health}; "
            f"started by {w['started_by']}; log {w['log']}"
        )
    if "group" in info:
        g = info["group"]
        lines.append(f"group    {g['id']}: {g['state']}, {g['members']} member(s)")
        lag = ", ".join(f"{t} {n}" for t, n in info["lag"].items()) or "no topics"
        lines.append(f"lag      {info['lag_total']} record(s) behind: {lag}")
        lines.append("records  " + ", ".join(f"{t} {n}" for t, n in info["records"].items()))
        colour = "yellow" if info["dead_letters"] else "green"
        lines.append(f"dead     [{colour}]{info['dead_letters']}[/] dead letter(s) on articles.dead-letter")
    return lines
