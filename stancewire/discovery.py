"""Which broker a command talks to, and the record ``stancewire up`` keeps of what it started.

One rule for every command (``up``, ``worker``, ``feed``, ``subscribe``, ``topics``, ``status``,
the benchmark): ``--broker``, else ``STANCEWIRE_BROKER`` (environment or ``.env``), else the
broker a *running* ``stancewire up`` recorded in ``<state dir>/up.json``, else localhost:9092.
Each command prints one line saying which and why, so a wrong guess is visible at once.

The record says nothing about the kind of broker beyond a label: an address, a kind, a version
and a pid, whatever started it (noida-db, Apache Kafka, or an external broker given to ``up``).
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from stancewire.lifecycle import is_running, start_ticks

DEFAULT_BROKER = "localhost:9092"
RECORD_NAME = "up.json"


@dataclass
class WorkerEntry:
    pid: int
    web_port: int
    url: str
    log: str
    data_dir: str | None = None


@dataclass
class BrokerEntry:
    bootstrap: str
    kind: str  # "noida-db", "kafka", or "external" (given to up with --broker / STANCEWIRE_BROKER)
    version: str | None = None
    pid: int | None = None
    log: str | None = None


@dataclass
class UpRecord:
    """What a running ``stancewire up`` started. ``pid`` + ``ticks`` name the ``up`` process."""

    pid: int
    ticks: int | None
    started_at: float
    state: str  # "starting", "running", "stopping"
    broker: BrokerEntry
    workers: list[WorkerEntry] = field(default_factory=list)
    topic_prefix: str = "stancewire"
    app_id: str = "stancewire"
    guardian_pid: int | None = None

    @classmethod
    def for_this_process(cls, broker: BrokerEntry, **kw: object) -> UpRecord:
        pid = os.getpid()
        return cls(
            pid=pid,
            ticks=start_ticks(pid),
            started_at=time.time(),
            state="starting",
            broker=broker,
            **kw,  # type: ignore[arg-type]
        )

    def alive(self) -> bool:
        return is_running(self.pid, self.ticks)

    def to_json(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> UpRecord:  # type: ignore[type-arg]
        data = dict(data)
        data["broker"] = BrokerEntry(**data["broker"])
        data["workers"] = [WorkerEntry(**w) for w in data.get("workers", [])]
        return cls(**data)


def record_path(state_dir: Path) -> Path:
    return Path(state_dir) / RECORD_NAME


def write_record(state_dir: Path, record: UpRecord) -> Path:
    """Atomically (write, then rename): a reader never sees half a record."""
    path = record_path(state_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(record.to_json(), indent=2) + "\n")
    tmp.replace(path)
    return path


def read_record(state_dir: Path) -> UpRecord | None:
    """The record if there is one and it parses (running or not: see ``UpRecord.alive``)."""
    try:
        return UpRecord.from_json(json.loads(record_path(state_dir).read_text()))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def remove_record(state_dir: Path, pid: int | None = None) -> None:
    """Remove the record (only this ``up``'s, when ``pid`` is given)."""
    path = record_path(state_dir)
    with contextlib.suppress(OSError):
        if pid is not None:
            current = read_record(state_dir)
            if current is None or current.pid != pid:
                return
        path.unlink()


def running_up(state_dir: Path) -> UpRecord | None:
    record = read_record(state_dir)
    return record if record is not None and record.alive() else None


# --------------------------------------------------------------------------- the lookup rule


@dataclass
class BrokerChoice:
    address: str
    source: str  # "flag", "env", "up", "default"
    why: str  # for the one line, and for the error when it cannot be reached
    record: UpRecord | None = None

    def line(self) -> str:
        return f"broker {self.address} ({self.why})"


def env_broker(state_dir: Path | None = None) -> tuple[str, str] | None:
    """STANCEWIRE_BROKER from the environment or ``.env`` (read the way the settings read it)."""
    value = os.environ.get("STANCEWIRE_BROKER")
    if value:
        return value, "from STANCEWIRE_BROKER"
    from stancewire.settings import Settings

    settings = Settings()
    if "broker" in settings.model_fields_set:
        return settings.broker, "from STANCEWIRE_BROKER in .env"
    return None


def resolve_broker(flag: str | None, state_dir: Path) -> BrokerChoice:
    """Apply the rule. ``state_dir`` is where a running ``up`` keeps its record."""
    if flag:
        return BrokerChoice(flag, "flag", "from --broker")
    found = env_broker()
    if found:
        return BrokerChoice(found[0], "env", found[1])
    record = read_record(state_dir)
    if record is not None and record.alive():
        why = f"recorded by the running `stancewire up`, pid {record.pid}, in {record_path(state_dir)}"
        return BrokerChoice(record.broker.bootstrap, "up", why, record)
    stale = f"; the record of `stancewire up` pid {record.pid} there is stale" if record is not None else ""
    why = f"the default: no --broker, no STANCEWIRE_BROKER, no running `stancewire up` in {state_dir}{stale}"
    return BrokerChoice(DEFAULT_BROKER, "default", why)


def benchmark_broker(flag: str | None) -> BrokerChoice | None:
    """The rule as the benchmarks apply it: ``--broker``, else ``STANCEWIRE_BROKER``; else None,
    and the benchmark starts a broker of its own. It does not borrow a running ``up``'s broker:
    it measures its broker's CPU, and its load would disturb the pipeline that ``up`` runs."""
    if flag:
        return BrokerChoice(flag, "flag", "from --broker")
    found = env_broker()
    return BrokerChoice(found[0], "env", found[1]) if found else None


OWN_BROKER_LINE = "broker: one of the benchmark's own (no --broker, no STANCEWIRE_BROKER)"


# --------------------------------------------------------------------------- workers


WORKERS_DIR = "workers"


def register_worker(state_dir: Path, entry: WorkerEntry, app_id: str, broker: str) -> Path:
    """A worker notes itself in ``<state dir>/workers/<pid>.json`` so ``status`` lists workers
    started by hand too; ``status`` skips (and removes) the notes of processes that are gone."""
    pid = os.getpid()
    path = Path(state_dir) / WORKERS_DIR / f"{pid}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {**asdict(entry), "ticks": start_ticks(pid), "app_id": app_id, "broker": broker}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data) + "\n")
    tmp.replace(path)
    return path


def registered_workers(state_dir: Path, app_id: str | None = None) -> list[WorkerEntry]:
    found = []
    folder = Path(state_dir) / WORKERS_DIR
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        if not is_running(data.get("pid"), data.get("ticks")):
            with contextlib.suppress(OSError):
                path.unlink()
            continue
        if app_id is None or data.get("app_id") == app_id:
            found.append(
                WorkerEntry(data["pid"], data["web_port"], data["url"], data["log"], data.get("data_dir"))
            )
    return found
