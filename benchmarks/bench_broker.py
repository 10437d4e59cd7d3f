"""What one produce + fetch round trip costs the broker as a partition fills up.

Usage::

    .venv/bin/python -m benchmarks.bench_broker [--steps 4] [--grow-mb 40] [--trips 300]
    .venv/bin/python -m benchmarks.bench_broker --broker host:9092   # an external broker: no CPU column

The embedded broker (noida-db) spent more CPU per article the more the pipeline had written
(10 ms per article in the first 150 articles of a run, ~60 ms after 600). This isolates it from
the pipeline: one partition, ``--trips`` round trips of one 4 kB record produced and then fetched
at the tail (what every agent does), measured on an empty partition and after each
``--grow-mb`` of records; the broker's CPU per round trip is printed side by side with the
first step's, as a ratio. Against an external broker only the wall time is shown.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from rich.console import Console
from rich.table import Table

from benchmarks.run import cpu_seconds
from stancewire.broker import EmbeddedBroker
from stancewire.discovery import OWN_BROKER_LINE, benchmark_broker
from stancewire.reach import UNREACHABLE_EXIT
from streams.clients.probe import reachable_or_message

TOPIC = "bench-broker-growth"
RECORD = 4_000


async def measure(
    bootstrap: str, broker_pid: int | None, steps: int, grow_mb: float, trips: int
) -> list[dict]:
    payload = os.urandom(RECORD // 2).hex().encode()  # incompressible: the bytes held are real
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=5, compression_type="zstd")
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, fetch_max_wait_ms=10)
    await producer.start()
    await consumer.start()
    tp = TopicPartition(TOPIC, 0)
    rows: list[dict] = []
    held = 0
    try:
        await (await producer.send(TOPIC, b"x", partition=0))  # creates the topic
        consumer.assign([tp])
        for _ in range(steps):
            consumer.seek(tp, (await consumer.end_offsets([tp]))[tp])
            cpu0, wall0 = cpu_seconds(broker_pid) if broker_pid else 0.0, time.perf_counter()
            for _ in range(trips):
                await (await producer.send(TOPIC, payload, partition=0))
                got = await consumer.getmany(tp, timeout_ms=2000)
                if not got.get(tp):
                    raise RuntimeError("the record just produced was not fetched within 2 s")
            wall = time.perf_counter() - wall0
            cpu = (cpu_seconds(broker_pid) - cpu0) if broker_pid else None
            rows.append(
                {
                    "held_mb": held / 1e6,
                    "broker_cpu_ms": None if cpu is None else 1000 * cpu / trips,
                    "wall_ms": 1000 * wall / trips,
                }
            )
            n = int(grow_mb * 1e6 / len(payload))
            await asyncio.gather(*[await producer.send(TOPIC, payload, partition=0) for _ in range(n)])
            held += n * len(payload)
    finally:
        await consumer.stop()
        await producer.stop()
    return rows


def render(rows: list[dict]) -> Table:
    t = Table(title="broker cost of one produce + tail fetch, as the partition fills")
    for col in ("held in the partition", "broker CPU / round trip", "vs empty", "wall / round trip"):
        t.add_column(col, justify="right")
    first = rows[0]["broker_cpu_ms"]
    for r in rows:
        cpu = r["broker_cpu_ms"]
        t.add_row(
            f"{r['held_mb']:.0f} MB",
            "-" if cpu is None else f"{cpu:.2f} ms",
            "-" if cpu is None or not first else f"{cpu / first:.2f}x",
            f"{r['wall_ms']:.2f} ms",
        )
    return t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--broker", help="bootstrap of an external broker (default: an embedded one)")
    ap.add_argument("--steps", type=int, default=4)
    ap.add_argument("--grow-mb", type=float, default=40.0)
    ap.add_argument("--trips", type=int, default=300)
    args = ap.parse_args(argv)
    choice = benchmark_broker(args.broker)  # the CLI's lookup rule, as benchmarks apply it
    args.broker = choice.address if choice else None
    print(choice.line() if choice else OWN_BROKER_LINE, file=sys.stderr)
    problem = reachable_or_message(choice) if choice else None
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return UNREACHABLE_EXIT
    if args.broker:
        rows = asyncio.run(measure(args.broker, None, args.steps, args.grow_mb, args.trips))
    else:
        with tempfile.TemporaryDirectory(prefix="stancewire-bench-broker-") as tmp:
            broker = EmbeddedBroker(Path(tmp) / "data", log_path=Path(tmp) / "broker.log").start()
            try:
                rows = asyncio.run(
                    measure(broker.bootstrap, broker.proc.pid, args.steps, args.grow_mb, args.trips)
                )
            finally:
                broker.stop()
    Console().print(render(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
