"""Harness for the web tests: embedded broker, worker subprocesses, feeding, polling.

Self-contained (the pipeline-wide fixtures live in ``tests/conftest.py``); each module gets a
fresh broker data dir and app id so modules never see each other's records.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from stancewire.broker import EmbeddedBroker, free_port  # noqa: F401  (re-exported for fixtures)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
ARTIFACTS = ROOT / "test-artifacts"
WORKER_CMD = (
    "from faust.worker import Worker; from stancewire.settings import Settings; "
    "from streams.app import create_app; app = create_app(Settings()); "
    "Worker(app, loglevel='warning').execute_from_commandline()"
)


@dataclass
class WorkerProc:
    url: str
    env: dict[str, str]
    proc: subprocess.Popen[bytes]
    log_path: Path
    token: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def client(self, **kw: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, headers=self.headers, timeout=15.0, **kw)  # type: ignore[arg-type]

    def log(self) -> str:
        return self.log_path.read_text("utf-8", "replace")[-4000:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


# One partition: the synthetic sequence is then processed in the order it is fed, so the
# alert the browser test waits for fires on the article it feeds (alerts follow arrival order).
PARTITIONS = 1


def ensure_topics(bootstrap: str, app_id: str) -> None:
    from stancewire.settings import Settings
    from streams.clients.admin import ensure_topics as _ensure

    asyncio.run(_ensure(Settings(broker=bootstrap, app_id=app_id, partitions=PARTITIONS)))


def start_worker(
    tmp: Path,
    bootstrap: str,
    app_id: str,
    *,
    token: str | None = None,
    port: int | None = None,
    extra_env: dict[str, str] | None = None,
) -> WorkerProc:
    port = port or free_port()
    env = {
        **os.environ,
        "STANCEWIRE_BROKER": bootstrap,
        "STANCEWIRE_APP_ID": app_id,
        "STANCEWIRE_WEB_PORT": str(port),
        "STANCEWIRE_STATE_DIR": str(tmp / "state"),
        "STANCEWIRE_PARTITIONS": str(PARTITIONS),
        **(extra_env or {}),
    }
    if token:
        env["STANCEWIRE_API_TOKEN"] = token
    else:
        env.pop("STANCEWIRE_API_TOKEN", None)
    log_path = tmp / f"worker-{port}.log"
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(
            [sys.executable, "-c", WORKER_CMD],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    w = WorkerProc(
        url=f"http://127.0.0.1:{port}",
        env=env,
        proc=proc,
        log_path=log_path,
        token=token,
        headers={"Authorization": f"Bearer {token}"} if token else {},
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"worker exited:\n{w.log()}")
        try:
            r = httpx.get(w.url + "/health", timeout=2)
            if r.status_code == 200 and r.json().get("read_model_ready"):
                return w
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    w.stop()
    raise RuntimeError(f"worker did not become ready:\n{w.log()}")


def produce(bootstrap: str, records: list[bytes]) -> None:
    """Send raw article records keyed by their JSON-encoded id, and wait for the acks."""
    from aiokafka import AIOKafkaProducer

    async def run() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
        await producer.start()
        try:
            for raw in records:
                key = json.dumps(json.loads(raw)["id"]).encode()
                await producer.send_and_wait("stancewire.articles", raw, key=key)
        finally:
            await producer.stop()

    # In a thread of its own: Playwright's sync API keeps an event loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, run()).result()


def seed_records(*names: str) -> list[bytes]:
    out: list[bytes] = []
    for name in names:
        path = SEEDS / name
        if path.exists():
            out.extend(line.strip().encode() for line in path.read_text("utf-8").splitlines() if line.strip())
    return out


def wait_for(fn, timeout: float = 90.0, interval: float = 0.5, what: str = "condition"):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    last: object = None
    while time.monotonic() < deadline:
        try:
            last = fn()
            if last:
                return last
        except (httpx.HTTPError, KeyError, ValueError) as exc:
            last = exc
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}; last={last!r}")
