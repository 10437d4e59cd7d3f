"""Does a worker's cost per article grow with the history it holds? Rounds of new articles into
one pipeline, side by side.

    .venv/bin/python -m benchmarks.bench_growth [--articles 150] [--rounds 4] [--env KEY=VALUE]

One embedded broker, one worker, warmed up; then ``--rounds`` rounds of ``--articles`` new
articles each (the benchmark corpus, so the same fictional actors come back round after round and
their table values fill up), each fed at once and waited for. Per round it prints the throughput,
the CPU milliseconds per article of the NLP child, the worker's event loop and the broker, and
the bytes per article written to every topic and changelog (values as stored, before the
producer's compression), so a value that grows with history shows up as a rising row.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from collections.abc import Sequence
from pathlib import Path

from aiokafka import AIOKafkaConsumer, TopicPartition
from rich.console import Console
from rich.table import Table

from benchmarks.corpus import generate
from benchmarks.run import throughput, warm_up, worker_env
from stancewire.broker import EmbeddedBroker
from stancewire.schemas import Article
from streams.harness import Pipeline


async def bytes_since(bootstrap: str, since: dict[TopicPartition, int]) -> dict[str, tuple[int, int]]:
    """(value bytes, records) per topic written after the offsets in ``since``, which is advanced."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    out: dict[str, tuple[int, int]] = {}
    try:
        topics = [t for t in await consumer.topics() if not t.startswith("__")]
        tps = [TopicPartition(t, p) for t in topics for p in consumer.partitions_for_topic(t) or ()]
        ends = await consumer.end_offsets(tps)
        pending = {tp for tp in tps if ends[tp] > since.get(tp, 0)}
        consumer.assign(list(pending))
        for tp in pending:
            consumer.seek(tp, since.get(tp, 0))
        while pending:
            batch = await consumer.getmany(*pending, timeout_ms=5000)
            if not batch:
                missing = sorted(map(str, pending))
                raise RuntimeError(f"records below the end offsets of {missing} did not come")
            for tp, records in batch.items():
                size, count = out.get(tp.topic, (0, 0))
                for r in records:
                    if r.offset < ends[tp]:
                        size, count = size + len(r.value or b""), count + 1
                out[tp.topic] = (size, count)
                if records[-1].offset + 1 >= ends[tp]:
                    pending.discard(tp)
        since.update(ends)
    finally:
        await consumer.stop()
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=150, help="new articles per round")
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="worker setting, e.g. TABLE_BATCH_SIZE=200 (STANCEWIRE_ prefix optional)",
    )
    args = ap.parse_args(argv)
    env = worker_env(args.env)
    corpus = [Article.model_validate(a) for a in generate(args.articles * args.rounds)]
    console = Console()
    cpu = Table(title="per round: throughput and CPU ms per article")
    for col in ("round", "articles held before", "art/s", "NLP child", "event loop", "broker"):
        cpu.add_column(col, justify="right")
    rows: list[tuple[int, dict[str, tuple[int, int]]]] = []
    since: dict[TopicPartition, int] = {}
    with tempfile.TemporaryDirectory(prefix="stancewire-growth-") as tmp:
        root = Path(tmp)
        broker = EmbeddedBroker(root / "broker", log_path=root / "broker.log").start()
        pipeline = Pipeline(bootstrap=broker.bootstrap, state_dir=root / "state", name="growth", env=env)
        try:
            pipeline.start_worker()
            warm_up(pipeline)
            asyncio.run(bytes_since(broker.bootstrap, since))  # the warm-up's records are not counted
            for r in range(args.rounds):
                articles = corpus[r * args.articles : (r + 1) * args.articles]
                res, _ = throughput(
                    pipeline, articles, timeout=max(600.0, 4.0 * len(articles)), broker_pid=broker.proc.pid
                )
                rate = res["articles_per_s"]
                ms = {k: 1000 * v / rate for k, v in res["cpu_core_share"].items()}
                cpu.add_row(
                    str(r),
                    str(r * args.articles),
                    f"{rate:.2f}",
                    f"{ms['nlp_child']:.0f}",
                    f"{ms['worker_event_loop']:.0f}",
                    f"{ms['broker']:.0f}",
                )
                rows.append((len(articles), asyncio.run(bytes_since(broker.bootstrap, since))))
                console.log(f"round {r}: {rate:.2f} articles/s")
        finally:
            pipeline.stop_all()
            broker.stop()
    console.print(cpu)
    written = Table(title="per round: kB written per article (records per article), by topic")
    topics = sorted({t for _, sizes in rows for t in sizes})
    written.add_column("topic", no_wrap=True)
    for r in range(len(rows)):
        written.add_column(f"round {r}", justify="right")
    for topic in topics:
        cells = []
        for n, sizes in rows:
            size, count = sizes.get(topic, (0, 0))
            cells.append(f"{size / n / 1000:.1f} ({count / n:.1f})")
        written.add_row(topic.removeprefix("growth.").removeprefix("growth-"), *cells)
    written.add_row("all", *(f"{sum(s for s, _ in sizes.values()) / n / 1000:.1f}" for n, sizes in rows))
    console.print(written)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
