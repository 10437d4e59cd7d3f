"""Where does a worker spend its time end to end? py-spy on one worker while it digests a feed.

    .venv/bin/pip install py-spy            # a profiling tool only; not a project dependency
    .venv/bin/python -m benchmarks.profile_worker --articles 100 [--env BATCH_SIZE=32]

Starts an embedded broker and one worker, warms it up, then samples the worker with
``py-spy record --format raw`` (collapsed stacks, on-CPU samples only, all threads) for the
whole feed and prints the share of samples per thread and the hottest frames per thread. The raw
profile is kept in ``benchmarks/results/profile-<n>.txt`` (load it in speedscope for a flame graph).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks.corpus import generate
from benchmarks.run import RESULTS, collect, read, warm_up, worker_env
from stancewire.broker import EmbeddedBroker
from stancewire.schemas import Article
from streams.harness import Pipeline


def summarize(path: Path, top: int = 25) -> str:
    by_thread: Counter[str] = Counter()
    leaf: Counter[tuple[str, str]] = Counter()
    incl: Counter[tuple[str, str]] = Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        if not stack:
            continue
        count = int(n)
        frames = stack.split(";")
        thread = frames[0].split(" ")[0] if frames[0].startswith(("thread", "process")) else frames[0]
        thread = (
            "nlp thread"
            if any("run_batch" in f for f in frames)
            else ("event loop" if any("run_forever" in f or "_run_once" in f for f in frames) else "other")
        )
        by_thread[thread] += count
        total += count
        leaf[(thread, frames[-1])] += count
        for f in set(frames):
            incl[(thread, f)] += count
    out = [f"samples: {total}"]
    for t, c in by_thread.most_common():
        out.append(f"  {t:12s} {c / total:6.1%}")
    out.append("hottest inclusive frames (share of all samples):")
    for (t, f), c in incl.most_common(top * 3):
        if c / total < 0.01:
            break
        out.append(f"  {c / total:6.1%}  [{t}] {f}")
    out.append("hottest leaf frames:")
    for (t, f), c in leaf.most_common(top):
        out.append(f"  {c / total:6.1%}  [{t}] {f}")
    return "\n".join(out)


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process (all its threads), from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--env", action="append", default=[], metavar="KEY=VALUE")
    ap.add_argument("--rate", type=int, default=50, help="py-spy samples per second")
    args = ap.parse_args()
    pyspy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    env = worker_env(args.env)
    articles = [Article.model_validate(a) for a in generate(args.articles)]
    out = RESULTS / f"profile-{args.articles}.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="stancewire-prof-") as tmp:
        root = Path(tmp)
        broker = EmbeddedBroker(root / "data", log_path=root / "broker.log").start()
        p = Pipeline(bootstrap=broker.bootstrap, state_dir=root / "p", name="prof", env=env)
        try:
            w = p.start_worker()
            warm_up(p)
            spy = subprocess.Popen(
                [
                    pyspy,
                    "record",
                    "--pid",
                    str(w.proc.pid),
                    "--format",
                    "raw",
                    "--rate",
                    str(args.rate),
                    "--threads",
                    "--output",
                    str(out),
                    "--nonblocking",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(1.0)
            assert broker.proc is not None
            cpu0 = {"worker": cpu_seconds(w.proc.pid), "broker": cpu_seconds(broker.proc.pid)}
            t = time.monotonic()
            p.feed(articles)
            p.wait_idle(timeout=1200)
            wall = time.monotonic() - t
            cpu = {
                "worker": cpu_seconds(w.proc.pid) - cpu0["worker"],
                "broker": cpu_seconds(broker.proc.pid) - cpu0["broker"],
            }
            res = collect(p, {a.id for a in articles})
            print(
                "CPU seconds during the feed (incl. idle wait): "
                + ", ".join(f"{k} {v:.1f} s ({v / wall:.0%} of one core)" for k, v in cpu.items())
            )
            for topic in ("articles.accepted", "quotes", "stances", "stance-changes"):
                recs = read(p, p.settings.topic(topic))
                mb = sum(len(r.value or b"") for r in recs) / 1e6
                print(f"  {topic:18s} {len(recs):6d} records {mb:8.2f} MB")
            for table in ("positions", "actor-quotes", "articles-seen"):
                recs = read(p, f"{p.name}-{table}-changelog")
                print(
                    f"  {table + ' changelog':18s} {len(recs):6d} records "
                    f"{sum(len(r.value or b'') for r in recs) / 1e6:8.2f} MB"
                )
            print(
                f"{len(articles)} articles in {res.end - res.start:.1f} s "
                f"({len(articles) / (res.end - res.start):.2f}/s; wall incl. idle wait "
                f"{time.monotonic() - t:.1f} s); evidence {len(res.evidence)}, alerts {len(res.alerts)}"
            )
            spy.send_signal(2)
            spy.wait(30)
        finally:
            p.stop_all()
            broker.stop()
    print(summarize(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
