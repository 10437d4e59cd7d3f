"""``stancewire subscribe`` with a slow, failing or stalled webhook: alerts are printed at once,
the webhook gets each alert once after retries, and a stalled webhook never slows the pipeline."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiokafka import AIOKafkaProducer

from stancewire.alerts import AlertFilter, Webhook
from stancewire.schemas import StanceChange
from streams.clients.subscribe import subscribe
from streams.harness import Pipeline

from .fictional import fictional_articles

pytestmark = [pytest.mark.broker, pytest.mark.slow]
ALL = AlertFilter(include_new=True)


class Endpoint:
    """A local HTTP endpoint: ``mode`` "stall" (sleeps past the client timeout) or "flaky"
    (every alert's first POST gets a 500, then 200 after a short delay)."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.attempts: Counter[str] = Counter()
        self.accepted: Counter[str] = Counter()
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["content-length"]))
                change_id = StanceChange.model_validate_json(body).change_id
                with outer.lock:
                    outer.attempts[change_id] += 1
                    first = outer.attempts[change_id] == 1
                if outer.mode == "stall":
                    time.sleep(30)  # longer than the webhook's timeout: every attempt hangs
                    return
                time.sleep(0.02)  # slow, but not stalled
                status = 500 if first else 200
                if status == 200:
                    with outer.lock:
                        outer.accepted[change_id] += 1
                self.send_response(status)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def endpoints() -> Iterator[dict[str, Endpoint]]:
    made = {"stall": Endpoint("stall"), "flaky": Endpoint("flaky")}
    yield made
    for e in made.values():
        e.close()


def run_subscriber(
    p: Pipeline,
    webhook: Webhook,
    emitted: list[tuple[float, str]],
    stop: threading.Event,
    idle_timeout: float | None = None,
) -> threading.Thread:
    """``subscribe`` in its own thread and event loop, as the CLI runs it in its own process."""

    def emit(change: StanceChange) -> None:
        emitted.append((time.monotonic(), change.change_id))

    async def main() -> None:
        task = asyncio.create_task(
            subscribe(p.settings, ALL, emit, from_beginning=True, webhook=webhook, idle_timeout=idle_timeout)
        )
        while not task.done() and not stop.is_set():
            await asyncio.sleep(0.1)
        if not task.done():
            task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    t = threading.Thread(target=lambda: asyncio.run(main()), daemon=True)
    t.start()
    return t


def timed_batch(p: Pipeline, n: int, seed: int, prefix: str) -> float:
    started = time.monotonic()
    p.feed(fictional_articles(n, seed=seed, prefix=prefix))
    p.wait_idle(timeout=120)
    return time.monotonic() - started


def test_slow_failing_and_stalled_webhooks(make_pipeline, endpoints: dict[str, Endpoint]) -> None:
    p = make_pipeline(partitions=1)
    p.start_worker()
    without = timed_batch(p, 80, seed=31, prefix="hook-a")

    # A stalled webhook attached: the pipeline's time for an equal batch stays about the same.
    stalled = Webhook(endpoints["stall"].url, retries=1, backoff=0.1, timeout=20.0)
    emitted_stalled: list[tuple[float, str]] = []
    stop = threading.Event()
    sub = run_subscriber(p, stalled, emitted_stalled, stop)
    with_stalled = timed_batch(p, 80, seed=32, prefix="hook-b")
    alerts = p.read_topic("stance-changes", StanceChange)
    ids = {a.change_id for a in alerts}
    # Alerts are printed promptly although the webhook has not answered a single one.
    deadline = time.monotonic() + 15
    while {c for _, c in emitted_stalled} != ids and time.monotonic() < deadline:
        time.sleep(0.2)
    assert {c for _, c in emitted_stalled} == ids and len(emitted_stalled) == len(ids)
    assert sum(endpoints["stall"].attempts.values()) <= 2 and stalled.delivered == 0
    stop.set()
    sub.join(60)
    assert not sub.is_alive()
    print(
        f"\nwebhook: {len(ids)} alerts; batch of 80 articles {without:.1f}s without, "
        f"{with_stalled:.1f}s with a stalled webhook attached"
    )
    assert with_stalled <= 2.0 * without + 5.0

    # Redeliveries on the topic (as after a crash): the subscriber and webhook see each id once.
    async def resend() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=p.bootstrap)
        await producer.start()
        try:
            for a in alerts[:5]:
                await producer.send_and_wait(
                    p.settings.topic("stance-changes"),
                    key=a.actor.id.encode(),
                    value=a.model_dump_json().encode(),
                )
        finally:
            await producer.stop()

    asyncio.run(resend())

    # A slow endpoint that fails every alert's first attempt: retried with backoff, each
    # alert delivered exactly once.
    flaky = Webhook(endpoints["flaky"].url, retries=3, backoff=0.02, timeout=5.0)
    emitted: list[tuple[float, str]] = []
    t0 = time.monotonic()
    sub = run_subscriber(p, flaky, emitted, threading.Event(), idle_timeout=2.0)
    sub.join(60)
    assert not sub.is_alive()
    e = endpoints["flaky"]
    print(
        f"webhook: flaky endpoint: {len(emitted)} printed, {sum(e.attempts.values())} POSTs, "
        f"{sum(e.accepted.values())} accepted; {len(alerts) + 5} records on the topic"
    )
    assert [c for _, c in emitted] and len(emitted) == len({c for _, c in emitted}) == len(ids)
    assert set(e.accepted) == ids and set(e.accepted.values()) == {1}
    assert all(n == 2 for n in e.attempts.values()), "one failure, one retry per alert"
    assert flaky.delivered == len(ids) and flaky.failed == 0
    # Printing did not wait for the slow deliveries: all printed well before the last delivery.
    assert emitted[-1][0] - t0 < 5.0
