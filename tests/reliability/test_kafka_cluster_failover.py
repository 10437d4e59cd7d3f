"""A 3-node KRaft cluster on loopback (three combined nodes, replication factor 3,
min.insync.replicas 2; the feeder produces with acks=all and idempotence, the worker with Faust's
acks=all): kill -9 the node leading the most pipeline partitions mid-stream and restart it later,
then stop and start the whole cluster under a running worker. The worker must go on by itself.

Fictional articles only (tests/reliability/fictional.py). The clean reference run for the tables
runs at the same time on the session's single Kafka node, untouched by the faults.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from stancewire.kafka_config import kafka_unavailable_reason
from stancewire.nlp.extract import Extractor
from stancewire.schemas import Article, Quote, StanceChange
from streams.harness import Pipeline
from streams.kafka_nodes import KafkaCluster

from .fictional import fictional_articles
from .test_kill_worker import by_article, final_positions

pytestmark = [
    pytest.mark.broker,
    pytest.mark.slow,
    pytest.mark.skipif(kafka_unavailable_reason() is not None, reason=str(kafka_unavailable_reason())),
]

N_ARTICLES = 240
KILL_AT_FRACTION = 0.25  # of the expected quotes: every stage busy, most of the work still ahead
DOWN_SECONDS = 8.0


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KafkaCluster]:
    c = KafkaCluster(tmp_path_factory.mktemp("cluster"), size=3, heap="384m")
    c.start()
    try:
        yield c
    finally:
        c.stop()


def offline_quotes(articles: list[Article]) -> dict[str, set[str]]:
    return {r.article_id: {q.quote_id for q in r.quotes} for r in Extractor().extract_many(articles)}


def cluster_pipeline(cluster: KafkaCluster, tmp_path: Path, name: str) -> Pipeline:
    return Pipeline(
        bootstrap=cluster.bootstrap,
        state_dir=tmp_path / name,
        name=name,
        partitions=4,
        env={"STANCEWIRE_REPLICATION": "3"},
    )


def wait_for_quotes(p: Pipeline, at_least: int, timeout: float = 180.0) -> int:
    deadline = time.monotonic() + timeout
    while (n := p.counts()["quotes"]) < at_least:
        assert time.monotonic() < deadline, f"only {n} quotes after {timeout}s"
        assert all(w.alive() for w in p.workers), p.workers[0].log()[-3000:]
        time.sleep(0.3)
    return n


def wait_for_all_quotes(p: Pipeline, want: dict[str, set[str]], timeout: float = 300.0) -> dict:
    """Done means every article's quotes are on the topic (lag alone can sit on finished work)."""
    deadline = time.monotonic() + timeout
    got: dict[str, set[str]] = {}
    while time.monotonic() < deadline:
        assert all(w.alive() for w in p.workers), p.workers[0].log()[-3000:]
        try:
            got = by_article(p.read_topic("quotes", Quote, timeout=60), "quote_id")
        except Exception:  # a partition between leaders for a moment: read again
            got = {}
        if got == want:
            return got
        time.sleep(2)
    return got


def test_worker_rides_out_a_killed_leader(cluster: KafkaCluster, make_pipeline, tmp_path: Path) -> None:
    articles = fictional_articles(N_ARTICLES, seed=31, prefix="fo")
    want = offline_quotes(articles)
    assert len(want) == N_ARTICLES and all(want.values())
    p = cluster_pipeline(cluster, tmp_path, "fo")
    clean = make_pipeline(partitions=4)
    try:
        worker = p.start_worker()
        clean.start_worker()
        started = time.monotonic()
        clean.feed(articles)
        p.feed(articles)
        quotes_at_kill = wait_for_quotes(p, int(sum(map(len, want.values())) * KILL_AT_FRACTION))

        # The node leading the most partitions of this pipeline's topics and changelogs.
        leaders = Counter(
            leader for (topic, _), leader in cluster.leaders().items()
            if topic.startswith("fo") and leader > 0
        )
        victim, led = leaders.most_common(1)[0]
        cluster.node(victim).kill()
        killed_at = time.monotonic() - started
        time.sleep(DOWN_SECONDS)
        assert worker.alive(), worker.log()[-3000:]
        quotes_while_down = p.counts()["quotes"]
        cluster.start_node(victim)

        got = wait_for_all_quotes(p, want)
        clean_got = wait_for_all_quotes(clean, want)
        elapsed = time.monotonic() - started
        p.wait_idle(timeout=120)
        clean.wait_idle(timeout=120)
        alerts = p.read_topic("stance-changes", StanceChange, timeout=60)
        repeats = {cid: n for cid, n in Counter(a.change_id for a in alerts).items() if n > 1}
        counts = p.counts()
        print(
            f"\nfailover: killed node {victim} (leader of {led} partitions) at {killed_at:.1f}s with "
            f"{quotes_at_kill} quotes, {quotes_while_down} quotes after {DOWN_SECONDS:.0f}s down; every "
            f"article's quotes after {elapsed:.1f}s; {len(alerts)} alerts, {len(repeats)} repeated ids"
        )
        log = worker.log()
        assert worker.alive() and "Crashed reason" not in log, log[-3000:]
        assert clean_got == want
        assert got == want, "every article's quotes, as offline extraction gives them"
        assert counts["articles.dead-letter"] == 0 and counts["articles"] == N_ARTICLES
        assert alerts and not repeats, f"change_ids published twice: {repeats}"
        want_positions = final_positions(clean)
        assert want_positions and final_positions(p) == want_positions
    finally:
        p.stop_all()


def test_worker_rides_out_a_whole_cluster_restart(cluster: KafkaCluster, tmp_path: Path) -> None:
    articles = fictional_articles(N_ARTICLES // 2, seed=37, prefix="cr")
    want = offline_quotes(articles)
    p = cluster_pipeline(cluster, tmp_path, "cr")
    try:
        worker = p.start_worker()
        p.feed(articles)
        wait_for_quotes(p, int(sum(map(len, want.values())) * KILL_AT_FRACTION))
        cluster.stop()  # every node, SIGTERM: the worker loses the whole cluster
        time.sleep(DOWN_SECONDS / 2)
        assert worker.alive(), worker.log()[-3000:]
        cluster.start()  # same ports and data dirs
        got = wait_for_all_quotes(p, want)
        log = worker.log()
        assert worker.alive() and "Crashed reason" not in log, log[-3000:]
        assert got == want, "every article's quotes after the cluster came back"
        assert p.counts()["articles.dead-letter"] == 0
    finally:
        p.stop_all()
