"""The stancewire benchmark: offline extraction vs the real pipeline, on Apache Kafka and on the
embedded noida-db broker, in one run with the phases alternated.

    .venv/bin/python -m benchmarks.run                      # 500 articles, 3 rounds, both brokers
    .venv/bin/python -m benchmarks.run --quick              # 60 articles, 2 rounds: a smoke run
    .venv/bin/python -m benchmarks.run --broker-kind kafka  # Apache Kafka only (also: noida)
    .venv/bin/python -m benchmarks.run --broker host:9092   # an existing broker (asked which it is)

Every round runs, per broker: offline extraction (``Extractor.extract_many``, the ``stancewire
extract`` path, in this process), then one worker on a fresh broker fed every article at once,
then two workers on another fresh broker (group stable with both before the feed); one more
offline phase closes the run. So the phases alternate (offline, end to end, offline, end to end,
...), and each end-to-end phase is divided by the mean of the offline phases either side of it:
this VM's speed drifts by 10-30 % within a run, and a ratio of neighbours cancels most of it. The
report gives medians with their ranges over the rounds, and the drift (last offline phase over
the first, and the spread of all of them).

* ``e2e_over_offline``: 1-worker end-to-end articles/s over the neighbouring offline phases;
* ``scaling_efficiency``: articles per CPU-second of the whole system (workers, their NLP
  children and the broker) with 2 workers over that with 1 worker, in the same round;
* ``two_over_one``: plain 2-worker over 1-worker throughput;
* latency at half the measured 1-worker rate (``p95_alert_s``), in the last round's 1-worker
  pipeline after its throughput feed; peak worker RSS (worker + NLP child, every phase); the
  broker's peak RSS; ``broker``: which broker, which version.

Times on the pipeline side are Kafka record timestamps (CreateTime, stamped by the producing
client on this same machine): an article's produce time is its ``articles`` record, an evidence
item is "applied" at the first changelog record that holds its id (an actor's ``applied`` ids in
``positions``, or a position's per-article ``contributions`` in ``position-detail``), and an
alert's time is its ``stance-changes`` record. Results go to ``benchmarks/results/latest.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from rich.console import Console
from rich.table import Table

from benchmarks.corpus import SPAN_DAYS, generate
from stancewire.broker import EmbeddedBroker
from stancewire.discovery import OWN_BROKER_LINE, benchmark_broker
from stancewire.reach import UNREACHABLE_EXIT
from stancewire.schemas import Article
from stancewire.settings import Settings
from streams.clients.probe import reachable_or_message
from streams.harness import Pipeline, WorkerProcess

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
TARGETS = {
    "e2e_over_offline": 0.92,
    "scaling_efficiency": 0.9,
    "p95_alert_s": 1.0,
    "peak_worker_rss_mb": 700.0,
}
BROKER_NAMES = {"kafka": "Apache Kafka", "noida": "noida-db"}

console = Console(stderr=True)


def log(msg: str) -> None:
    console.log(msg)


# --------------------------------------------------------------------------- offline


class Offline:
    """The ``stancewire extract`` path in this process, loaded once and timed per phase."""

    def __init__(self, articles: Sequence[Article], batch_size: int, model_name: str) -> None:
        from stancewire.nlp.extract import Extractor
        from stancewire.nlp.registry import default_registry

        self.articles, self.batch_size = list(articles), batch_size
        # The pipeline the worker runs (stancewire.nlp.pipeline.build_nlp: model + rule components).
        self.extractor = Extractor(model_name=model_name, registry=default_registry())
        # Warm-up outside the clock: lazy imports, the registry's matchers, the stance module.
        for _ in self.extractor.extract_many(self.articles[:4], batch_size=batch_size):
            pass

    def measure(self) -> dict[str, Any]:
        t = time.perf_counter()
        quotes = stances = 0
        for r in self.extractor.extract_many(self.articles, batch_size=self.batch_size):
            quotes += len(r.quotes)
            stances += len(r.stances)
        seconds = time.perf_counter() - t
        log(f"offline extract: {len(self.articles) / seconds:.2f} articles/s")
        return {
            "articles_per_s": len(self.articles) / seconds,
            "seconds": seconds,
            "quotes": quotes,
            "evidence": stances,
        }


# --------------------------------------------------------------------------- reading topics


@dataclass
class Rec:
    ts: float  # seconds (record timestamp)
    key: bytes | None
    value: bytes | None


async def _read(bootstrap: str, topic: str, timeout: float = 120.0) -> list[Rec]:
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap,
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_partition_fetch_bytes=16_000_000,
        fetch_max_bytes=64_000_000,
    )
    await consumer.start()
    try:
        await consumer._client.force_metadata_update()
        tps = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or set()]
        if not tps:
            return []
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        ends = await consumer.end_offsets(tps)
        out: list[Rec] = []
        deadline = time.monotonic() + timeout
        while any([await consumer.position(tp) < ends[tp] for tp in tps]):
            if time.monotonic() > deadline:
                raise TimeoutError(f"could not read {topic} to its end")
            for recs in (await consumer.getmany(timeout_ms=500)).values():
                out.extend(Rec(r.timestamp / 1000.0, r.key, r.value) for r in recs)
        return out
    finally:
        await consumer.stop()


def read(p: Pipeline, topic: str) -> list[Rec]:
    return asyncio.run(_read(p.bootstrap, topic))


@dataclass
class Outcome:
    """What one feed did, from the topics: per article produce time, evidence applied, alerts."""

    produced: dict[str, float]  # article id -> produce time
    evidence: dict[str, tuple[str, float]] = field(default_factory=dict)  # evidence id -> (article, produced)
    applied: dict[str, float] = field(default_factory=dict)  # evidence id -> first table update
    alerts: list[tuple[float, float]] = field(default_factory=list)  # (alert time, produced)
    quotes: int = 0

    @property
    def end(self) -> float:
        times = [self.applied[e] for e in self.evidence if e in self.applied] + [a for a, _ in self.alerts]
        return max(times) if times else max(self.produced.values())

    @property
    def start(self) -> float:
        return min(self.produced.values())

    @property
    def missing(self) -> int:
        return sum(1 for e in self.evidence if e not in self.applied)


def collect(p: Pipeline, ids: set[str]) -> Outcome:
    """Everything the pipeline did for these article ids (the topics may hold other feeds too)."""
    produced: dict[str, float] = {}
    for r in read(p, p.settings.topic("articles")):
        aid = json.loads(r.key) if r.key else None
        if aid in ids:
            produced.setdefault(aid, r.ts)
    out = Outcome(produced)
    for r in read(p, p.settings.topic("stances")):
        ev = json.loads(r.value)  # plain json: 10x cheaper than model validation for thousands of records
        if ev["article_id"] in ids:
            out.evidence.setdefault(ev["evidence_id"], (ev["article_id"], produced[ev["article_id"]]))
    quotes = read(p, p.settings.topic("quotes"))
    out.quotes = sum(1 for r in quotes if json.loads(r.value)["article_id"] in ids)
    # An id's first appearance in either changelog is when it was applied: the actor's recent
    # ``applied`` ids (positions) or its article's detail (position-detail, written just before).
    for changelog in ("position-detail", "positions"):
        for r in read(p, f"{p.name}-{changelog}-changelog"):
            if r.value is None:
                continue
            for eid in _applied_ids(json.loads(r.value)):
                if eid in out.evidence and (eid not in out.applied or r.ts < out.applied[eid]):
                    out.applied[eid] = r.ts
    for r in read(p, p.settings.topic("stance-changes")):
        ch = json.loads(r.value)
        aids = [a for a in ch.get("article_ids", ()) if a in ids]
        if ch.get("ingested_at") and aids:
            ingested = datetime.fromisoformat(ch["ingested_at"]).timestamp()
            if any(abs(produced.get(a, -1) - ingested) < 0.002 for a in aids):
                out.alerts.append((r.ts, ingested))
    return out


def pct(values: list[float]) -> dict[str, float | int | None]:
    if not values:
        return {"n": 0, "p50": None, "p95": None, "p99": None, "max": None}
    v = sorted(values)

    def q(f: float) -> float:  # nearest-rank percentile: no interpolation past the sample
        return v[min(len(v) - 1, max(0, round(f * len(v) + 0.5) - 1))]

    return {"n": len(v), "p50": q(0.50), "p95": q(0.95), "p99": q(0.99), "max": v[-1]}


# --------------------------------------------------------------------------- workers


class MemoryWatch:
    """Polls /proc/<pid>/status of the workers: VmHWM is the kernel's own peak-RSS counter, the
    VmRSS samples are a cross-check (no psutil dependency needed on Linux). The worker's NLP
    child process is included."""

    def __init__(self) -> None:
        self.peak_kb: dict[int, int] = {}
        self._pids: list[int] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def watch(self, worker: WorkerProcess) -> None:
        self._pids.append(worker.proc.pid)
        if not self._thread.is_alive():
            self._thread.start()

    @staticmethod
    def _status(pid: int) -> dict[str, int]:
        out = {}
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith(("VmHWM:", "VmRSS:")):
                    k, v = line.split(":", 1)
                    out[k] = int(v.split()[0])
        except OSError:
            pass
        return out

    @staticmethod
    def _tree(pid: int) -> list[int]:
        """The worker and its descendants: the NLP core runs in a child process of the worker."""
        out, todo = [], [pid]
        while todo:
            p = todo.pop()
            out.append(p)
            with contextlib.suppress(OSError):
                todo.extend(int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split())
        return out

    def sample(self) -> None:
        for pid in self._pids:
            stats = [self._status(p) for p in self._tree(pid)]
            # Sum of each process's own peak: an upper bound of the worker's peak footprint.
            hwm = sum(st.get("VmHWM", 0) for st in stats)
            rss = sum(st.get("VmRSS", 0) for st in stats)
            if hwm or rss:
                self.peak_kb[pid] = max(self.peak_kb.get(pid, 0), hwm, rss)

    def _run(self) -> None:
        while not self._stop.wait(0.25):
            self.sample()

    def stop(self) -> None:
        self.sample()
        self._stop.set()

    @property
    def peak_mb(self) -> float:
        return max(self.peak_kb.values(), default=0) / 1024.0


def warm_up(p: Pipeline, n: int = 8) -> None:
    """A few articles through every stage so each worker's model, tables and producer are warm."""
    warm = [
        Article.model_validate({**a, "id": f"warm-{p.name}-{i}"}) for i, a in enumerate(generate(n, seed=99))
    ]
    p.feed(warm)
    p.wait_idle(timeout=300)


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process so far (from /proc, no psutil)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_split(workers: Sequence[WorkerProcess], broker_pid: int | None) -> dict[str, float]:
    """CPU seconds so far: workers' event-loop processes, their NLP children, the broker."""
    loops = sum(cpu_seconds(w.proc.pid) for w in workers)
    children = sum(cpu_seconds(c) for w in workers for c in MemoryWatch._tree(w.proc.pid)[1:])
    return {
        "worker_event_loop": loops,
        "nlp_child": children,
        "broker": cpu_seconds(broker_pid) if broker_pid else 0.0,
    }


def throughput(
    p: Pipeline, articles: Sequence[Article], timeout: float, broker_pid: int | None = None
) -> tuple[dict[str, Any], Outcome]:
    before = cpu_split(p.workers, broker_pid)
    t = time.monotonic()
    p.feed(articles)
    p.wait_idle(timeout=timeout)
    wall = time.monotonic() - t
    after = cpu_split(p.workers, broker_pid)
    out = collect(p, {a.id for a in articles})
    seconds = out.end - out.start
    res = {
        "articles": len(articles),
        "seconds": seconds,
        "articles_per_s": len(articles) / seconds,
        "quotes": out.quotes,
        "evidence": len(out.evidence),
        "evidence_applied": len(out.applied),
        "evidence_missing": out.missing,
        "alerts": len(out.alerts),
        # Where the time goes: share of one core per process kind over the feed (wall time
        # includes wait_idle's settle, so the shares are slight underestimates).
        "cpu_core_share": {k: (after[k] - before[k]) / wall for k in after},
        "cpu_seconds": {k: after[k] - before[k] for k in after},
    }
    # The whole system's work per article: workers, their NLP children and the broker (the
    # benchmark's own feeding and polling excluded), whatever the machine's speed.
    res["articles_per_cpu_s"] = len(articles) / max(1e-9, sum(res["cpu_seconds"].values()))
    return res, out


async def paced_feed(bootstrap: str, topic: str, articles: Sequence[Article], rate: float) -> None:
    """Produce at ``rate`` articles/s on a fixed schedule (no catch-up bursts hide latency)."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=0, max_request_size=4_000_000)
    await producer.start()
    try:
        futures = []
        t0 = time.monotonic()
        for i, a in enumerate(articles):
            delay = t0 + i / rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            futures.append(
                await producer.send(
                    topic, key=json.dumps(a.id).encode(), value=a.model_dump_json(exclude_none=True).encode()
                )
            )
        await asyncio.gather(*futures)
    finally:
        await producer.stop()


def latency(p: Pipeline, articles: Sequence[Article], rate: float, timeout: float) -> dict[str, Any]:
    asyncio.run(paced_feed(p.bootstrap, p.settings.topic("articles"), articles, rate))
    p.wait_idle(timeout=timeout)
    out = collect(p, {a.id for a in articles})
    per_article: dict[str, float] = {}
    for eid, (aid, produced) in out.evidence.items():
        if eid in out.applied:  # an article's evidence is in the table once its *last* item is
            per_article[aid] = max(per_article.get(aid, 0.0), out.applied[eid] - produced)
    alert = [at - produced for at, produced in out.alerts]
    return {
        "rate_articles_per_s": rate,
        "articles": len(articles),
        "evidence": len(out.evidence),
        "evidence_missing": out.missing,
        "table_update_s": pct(list(per_article.values())),
        "alert_s": pct(alert),
    }


class BrokerWatch:
    """Peak resident memory of the broker process (its VmHWM), sampled like the workers'."""

    def __init__(self, pid: int | None) -> None:
        self.pid = pid

    def peak_mb(self) -> float | None:
        if self.pid is None:
            return None
        status = MemoryWatch._status(self.pid)
        return max(status.get("VmHWM", 0), status.get("VmRSS", 0)) / 1024.0 or None


def listening_pid(port: int) -> int | None:
    """The local process listening on TCP ``port`` (from /proc, no psutil), so that an external
    broker on this machine is counted in the CPU and memory figures too; None if not found."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                cols = line.split()
                if cols[3] == "0A" and int(cols[1].rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                    inodes.add(f"socket:[{cols[9]}]")
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        with contextlib.suppress(OSError):
            if any(os.readlink(fd) in inodes for fd in fd_dir.iterdir()):
                return int(fd_dir.parent.name)
    return None


@dataclass
class BrokerUnderTest:
    kind: str  # "kafka" or "noida"
    name: str  # e.g. "Apache Kafka 4.4.0"
    bootstrap: str
    pid: int | None


@contextmanager
def broker_for(kind: str, root: Path, external: str | None) -> Iterator[BrokerUnderTest]:
    """A fresh broker of ``kind`` (one per end-to-end phase, so no phase inherits another's
    data: noida-db's CPU per request grows with what it holds), or the external one."""
    if external:
        pid = listening_pid(int(external.rsplit(":", 1)[1])) if external.startswith("127.") else None
        yield BrokerUnderTest(kind, f"{BROKER_NAMES[kind]} at {external} (version not asked)", external, pid)
        return
    if kind == "kafka":
        from stancewire.kafka_config import kafka_unavailable_reason
        from streams.kafka_nodes import KafkaNode

        reason = kafka_unavailable_reason()
        if reason is not None:
            raise SystemExit(
                f"Apache Kafka cannot run here: {reason} (run scripts/setup.sh, or --broker-kind noida)"
            )
        broker: Any = KafkaNode(root / "kafka", log_path=root / "kafka.log", heap="512m").start()
    else:
        broker = EmbeddedBroker(root / "noida", log_path=root / "noida.log").start()
    try:
        yield BrokerUnderTest(kind, f"{BROKER_NAMES[kind]} {broker.version}", broker.bootstrap, broker.pid)
    finally:
        broker.stop()


def shifted(articles: Sequence[Article], n: int, prefix: str) -> list[Article]:
    """``n`` articles spread over the corpus, re-identified and dated after it: fresh ids (so dedupe
    and the evidence ids treat them as new) and later event time (so positions move and alert)."""
    step = max(1, len(articles) // max(1, n))
    picked = list(articles[::step])[:n]
    later = timedelta(days=SPAN_DAYS + 30)
    return [
        a.model_copy(
            update={"id": f"{prefix}-{a.id}", "published_at": (a.published_at or datetime.now(UTC)) + later}
        )
        for a in picked
    ]


# --------------------------------------------------------------------------- statistics


def spread(values: Sequence[float | None]) -> dict[str, Any]:
    """Median, min and max of the rounds' values (None where nothing was measured)."""
    v = [x for x in values if x is not None]
    if not v:
        return {"median": None, "min": None, "max": None, "n": 0, "values": []}
    return {"median": statistics.median(v), "min": min(v), "max": max(v), "n": len(v), "values": v}


def neighbour_ratio(value: float, before: float, after: float) -> float:
    """``value`` over the mean of the offline phases either side of it (linear drift cancels)."""
    return value / ((before + after) / 2)


# --------------------------------------------------------------------------- main


def worker_env(pairs: Sequence[str]) -> dict[str, str]:
    """``--env KEY=VALUE`` options as worker environment variables (``STANCEWIRE_`` optional)."""
    return {
        f"STANCEWIRE_{k.removeprefix('STANCEWIRE_').upper()}": v
        for k, v in (kv.split("=", 1) for kv in pairs)
    }


def e2e_phase(
    kind: str,
    workers: int,
    articles: Sequence[Article],
    args: argparse.Namespace,
    env: dict[str, str],
    tag: str,
    mem: MemoryWatch,
    latency_rate: float | None = None,
    latency_at_own_half: bool = False,
) -> dict[str, Any]:
    """One end-to-end phase on a fresh broker: ``workers`` workers, every article fed at once;
    then, if asked, the paced latency feed into the same pipeline (at ``latency_rate``, or at
    half the rate this phase just measured)."""
    timeout = max(300.0, len(articles) * 2.0)
    with (
        tempfile.TemporaryDirectory(prefix="stancewire-bench-") as tmp,
        broker_for(kind, Path(tmp), args.broker) as broker,
    ):
        p = Pipeline(
            bootstrap=broker.bootstrap,
            state_dir=Path(tmp) / "p",
            name=f"{tag}{kind[0]}{workers}",
            partitions=args.partitions,
            env={"STANCEWIRE_BROKER_KIND": kind, **env},
        )
        try:
            log(f"{broker.name}: starting {workers} worker(s)")
            for _ in range(workers):
                mem.watch(p.start_worker())
            warm_up(p)
            p.wait_group(workers)
            res, _ = throughput(p, articles, timeout, broker.pid)
            log(
                f"{broker.name}, {workers} worker(s): {res['articles_per_s']:.2f} articles/s, "
                f"{res['articles_per_cpu_s']:.3f} articles per CPU-second"
            )
            if latency_at_own_half:
                latency_rate = res["articles_per_s"] / 2
            if latency_rate is not None:
                m = min(len(articles), max(10, int(latency_rate * args.latency_seconds)))
                log(f"paced feed: {m} articles at {latency_rate:.2f}/s")
                res["latency"] = latency(p, shifted(articles, m, "lat"), latency_rate, timeout)
            res["broker_peak_rss_mb"] = BrokerWatch(broker.pid).peak_mb()
            res["broker"] = broker.name
        finally:
            p.stop_all()
    return res


def run(args: argparse.Namespace) -> dict[str, Any]:
    n = args.articles or (60 if args.quick else 500)
    rounds = args.rounds or (2 if args.quick else 3)
    kinds = ["kafka", "noida"] if args.broker_kind == "both" else [args.broker_kind]
    if args.broker:
        from streams.patches.broker_kind import resolve_broker_kind

        kinds = [resolve_broker_kind(Settings(broker=args.broker))]
    articles = [Article.model_validate(a) for a in generate(n, seed=args.seed)]
    env = worker_env(args.env)
    settings = Settings(**{k.removeprefix("STANCEWIRE_").lower(): v for k, v in env.items()})
    words = sum(len(a.text.split()) for a in articles)
    log(f"{n} articles, {words / n:.0f} words on average; {rounds} round(s) on {', '.join(kinds)}")
    started = time.monotonic()
    result: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "config": {
            "articles": n,
            "rounds": rounds,
            "brokers": kinds,
            "quick": args.quick,
            "seed": args.seed,
            "model": settings.model_name,
            "batch_size": settings.batch_size,
            "batch_within": settings.batch_within,
            "partitions": args.partitions,
            "worker_env": env,
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "latency_seconds": args.latency_seconds,
        },
        "corpus": {"articles": n, "words": words, "chars": sum(len(a.text) for a in articles)},
    }
    offline = Offline(articles, settings.batch_size, settings.model_name)
    phases: list[dict[str, Any]] = []
    mem = {k: MemoryWatch() for k in kinds}
    tag = f"b{int(time.time()) % 100000}"

    def record(measured: dict[str, Any], **what: Any) -> dict[str, Any]:
        measured.update(what, at_s=time.monotonic() - started)
        phases.append(measured)
        return measured

    record(offline.measure(), phase="offline")
    per: dict[str, dict[str, list[Any]]] = {k: {"one": [], "two": [], "offline": []} for k in kinds}
    for r in range(1, rounds + 1):
        # Alternate which broker goes first, so neither always follows the other.
        for kind in kinds if r % 2 else kinds[::-1]:
            # The latency feed runs in the last round, at half the median 1-worker rate of the
            # rounds before (of this round's own phase when there is only one).
            rate = (
                statistics.median(x["articles_per_s"] for x in per[kind]["one"]) / 2
                if r == rounds and r > 1
                else None
            )
            one = record(
                e2e_phase(
                    kind,
                    1,
                    articles,
                    args,
                    env,
                    f"{tag}r{r}",
                    mem[kind],
                    latency_rate=rate,
                    latency_at_own_half=r == rounds == 1,
                ),
                phase="e2e",
                kind=kind,
                workers=1,
                round=r,
            )
            two = record(
                e2e_phase(kind, 2, articles, args, env, f"{tag}r{r}", mem[kind]),
                phase="e2e",
                kind=kind,
                workers=2,
                round=r,
            )
            before = phases[-3]["articles_per_s"]
            after = record(offline.measure(), phase="offline")["articles_per_s"]
            per[kind]["one"].append(one)
            per[kind]["two"].append(two)
            per[kind]["offline"].append((before, after))
    for m in mem.values():
        m.stop()

    offline_rates = [ph["articles_per_s"] for ph in phases if ph["phase"] == "offline"]
    result["phases"] = phases
    result["offline"] = {
        **spread(offline_rates),
        "drift_last_over_first": offline_rates[-1] / offline_rates[0],
        "drift_max_over_min": max(offline_rates) / min(offline_rates),
    }
    result["brokers"] = {}
    for kind in kinds:
        ones, twos = per[kind]["one"], per[kind]["two"]
        lat = next(o["latency"] for o in ones if "latency" in o)
        result["brokers"][kind] = {
            "broker": ones[0]["broker"],
            "e2e_1worker_articles_per_s": spread([o["articles_per_s"] for o in ones]),
            "e2e_2workers_articles_per_s": spread([t["articles_per_s"] for t in twos]),
            "e2e_over_offline": spread(
                [
                    neighbour_ratio(o["articles_per_s"], b, a)
                    for o, (b, a) in zip(ones, per[kind]["offline"], strict=True)
                ]
            ),
            "scaling_efficiency": spread(
                [t["articles_per_cpu_s"] / o["articles_per_cpu_s"] for o, t in zip(ones, twos, strict=True)]
            ),
            "two_over_one": spread(
                [t["articles_per_s"] / o["articles_per_s"] for o, t in zip(ones, twos, strict=True)]
            ),
            "articles_per_cpu_s_1worker": spread([o["articles_per_cpu_s"] for o in ones]),
            "articles_per_cpu_s_2workers": spread([t["articles_per_cpu_s"] for t in twos]),
            "p95_alert_s": lat["alert_s"]["p95"],
            "latency": lat,
            "peak_worker_rss_mb": mem[kind].peak_mb,
            "broker_rss_mb": max((x["broker_peak_rss_mb"] or 0 for x in ones + twos), default=0) or None,
            "evidence_missing": sum(x["evidence_missing"] for x in ones + twos),
        }
    # The targets are claimed on Apache Kafka: its numbers are the top-level keys when measured.
    main_kind = "kafka" if "kafka" in kinds else kinds[0]
    main = result["brokers"][main_kind]
    result["broker"] = main["broker"]
    for key in ("e2e_over_offline", "scaling_efficiency", "two_over_one"):
        result[key] = main[key]["median"]
    for key in ("p95_alert_s", "peak_worker_rss_mb", "broker_rss_mb"):
        result[key] = main[key]
    result["drift"] = result["offline"]["drift_last_over_first"]
    result["targets"] = TARGETS
    result["seconds"] = time.monotonic() - started
    return result


def render(result: dict[str, Any]) -> Table:
    def f(v: float | None, unit: str = "", nd: int = 2) -> str:
        return "n/a" if v is None else f"{v:.{nd}f}{unit}"

    def sp(d: dict[str, Any], unit: str = "", nd: int = 2) -> str:
        if d["median"] is None:
            return "n/a"
        return f"{f(d['median'], unit, nd)} ({f(d['min'], '', nd)}-{f(d['max'], '', nd)})"

    cfg, kinds = result["config"], list(result["brokers"])
    t = Table(
        title=f"stancewire benchmark — {cfg['articles']} articles × {cfg['rounds']} rounds, "
        f"batch {cfg['batch_size']}, {cfg['cpus']} CPUs (median (min-max) over rounds)"
    )
    t.add_column("measure")
    for kind in kinds:
        t.add_column(result["brokers"][kind]["broker"], justify="right")
    t.add_column("target", justify="right")
    b = result["brokers"]

    def row(label: str, cell: Any, target: str = "") -> None:
        t.add_row(label, *[cell(b[k]) for k in kinds], target)

    row("end to end, 1 worker (art/s)", lambda x: sp(x["e2e_1worker_articles_per_s"]))
    row("end to end, 2 workers (art/s)", lambda x: sp(x["e2e_2workers_articles_per_s"]))
    row(
        "e2e_over_offline (1 worker / neighbouring offline)",
        lambda x: sp(x["e2e_over_offline"], "", 3),
        "≥ 0.92",
    )
    row(
        "scaling_efficiency (art per CPU-s, 2 workers / 1)",
        lambda x: sp(x["scaling_efficiency"], "", 3),
        "≥ 0.9",
    )
    row("two_over_one (throughput, 2 workers / 1)", lambda x: sp(x["two_over_one"], "", 3))
    row(
        "articles per CPU-second, 1 / 2 workers",
        lambda x: (
            f"{f(x['articles_per_cpu_s_1worker']['median'], '', 3)}"
            f" / {f(x['articles_per_cpu_s_2workers']['median'], '', 3)}"
        ),
    )
    row(
        "produce → alert p50 / p95 / p99 at half load",
        lambda x: " / ".join(f(x["latency"]["alert_s"][q], " s") for q in ("p50", "p95", "p99")),
        "p95 < 1 s",
    )
    row(
        "produce → table update p50 / p95",
        lambda x: " / ".join(f(x["latency"]["table_update_s"][q], " s") for q in ("p50", "p95")),
    )
    row("peak worker RSS (worker + NLP child)", lambda x: f(x["peak_worker_rss_mb"], " MB", 0), "< 700 MB")
    row("broker peak RSS", lambda x: f(x["broker_rss_mb"], " MB", 0))
    row("evidence items missing from the tables", lambda x: str(x["evidence_missing"]), "0")
    off = result["offline"]
    t.add_row("offline extract (art/s), every phase", f"{sp(off)}", *[""] * (len(kinds) - 1), "")
    t.add_row(
        "drift: last offline / first (max / min)",
        f"{f(off['drift_last_over_first'], '', 3)} ({f(off['drift_max_over_min'], '', 3)})",
        *[""] * (len(kinds) - 1),
        "",
    )
    return t


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="stancewire benchmark (see docs/benchmarks.md)")
    ap.add_argument("--articles", type=int, default=None, help="corpus size (default 500, 60 with --quick)")
    ap.add_argument("--rounds", type=int, default=None, help="rounds of phases (default 3, 2 with --quick)")
    ap.add_argument(
        "--quick", action="store_true", help="smoke run: 60 articles, 2 rounds, 10 s latency phase"
    )
    ap.add_argument(
        "--broker-kind",
        choices=("kafka", "noida", "both"),
        default="both",
        help="which brokers to start, one fresh broker per end-to-end phase (default both)",
    )
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument(
        "--latency-seconds",
        type=float,
        default=None,
        help="length of the paced feed (default 60 s, 10 s with --quick)",
    )
    ap.add_argument(
        "--broker",
        default=None,
        help="use this bootstrap instead of starting brokers (its kind is asked; one broker)",
    )
    ap.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="worker setting, e.g. BATCH_SIZE=32 (STANCEWIRE_ prefix optional)",
    )
    ap.add_argument("--out", type=Path, default=RESULTS / "latest.json")
    args = ap.parse_args(argv)
    # The CLI's broker lookup rule (stancewire.discovery), as benchmarks apply it.
    choice = benchmark_broker(args.broker)
    args.broker = choice.address if choice else None
    log(choice.line() if choice else OWN_BROKER_LINE)
    problem = reachable_or_message(choice) if choice else None
    if problem:
        console.print(f"error: {problem}", markup=False, highlight=False)
        return UNREACHABLE_EXIT
    if args.latency_seconds is None:
        args.latency_seconds = 10.0 if args.quick else 60.0
    result = run(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    Console().print(render(result))
    console.print(
        f"drift over the run: last offline phase / first = {result['drift']:.3f}; "
        f"took {result['seconds'] / 60:.1f} min; wrote {args.out}"
    )
    return 0


def _applied_ids(value: dict) -> list[str]:  # type: ignore[type-arg]
    """Evidence ids a ``positions`` value (ActorPositions) or a ``position-detail`` value
    (Position) records as applied."""
    ids = list(value.get("applied", ()))
    for pos in [value] if "target" in value else value.get("positions", {}).values():
        for contribution in pos.get("contributions", ()):
            ids.extend(point["evidence_id"] for point in contribution.get("evidence", ()))
    return ids


if __name__ == "__main__":
    sys.exit(main())
