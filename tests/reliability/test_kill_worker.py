"""SIGKILL the only worker mid-run, restart it on the same data dir: the outputs equal a clean run's.

At-least-once delivery means a killed worker re-processes whatever it had not committed; the
content-derived ids (quote, evidence, change) and the positions' applied-id list must turn that
into exactly the clean run's quotes, evidence, final positions and alerts. Re-sent alerts with
the same ``change_id`` are allowed (subscribers dedupe), counted and reported.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter

import pytest
from aiokafka.admin import AIOKafkaAdminClient

from stancewire.schemas import ActorPositions, Quote, StanceChange, StanceEvidence
from streams.harness import Pipeline
from streams.harness import test_broker_kind as broker_kind

from .fictional import fictional_articles

pytestmark = [pytest.mark.broker, pytest.mark.slow]

N_ARTICLES = 500
KILL_AFTER_QUOTES = 300  # of ~1,500: a tenth of the way in, with every stage busy


def by_article(records: list, id_attr: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for r in records:
        out.setdefault(r.article_id, set()).add(getattr(r, id_attr))
    return out


def final_positions(p: Pipeline) -> dict[tuple[str, str], tuple[float, str, int]]:
    """Latest value per actor on the positions changelog: what a recovering worker restores."""
    latest: dict[str, ActorPositions] = {}
    for key, value in p.read_topic(f"{p.name}-positions-changelog", timeout=60):
        if value is not None:
            latest[json.loads(key)] = ActorPositions.model_validate_json(value)
    return {
        (actor, target): (round(pos.score, 6), pos.label, pos.evidence_count)
        for actor, state in latest.items()
        for target, pos in state.positions.items()
    }


async def _members(p: Pipeline) -> list[str]:
    admin = AIOKafkaAdminClient(bootstrap_servers=p.bootstrap)
    await admin.start()
    try:
        groups = (await admin.describe_consumer_groups([p.name]))[0].groups
        return [str(m[0]) for m in groups[0][5]] if groups else []
    finally:
        await admin.close()


def alert_identity(a: StanceChange) -> tuple:
    return (a.actor.id, a.target.id, a.kind, a.previous_label, a.new_label, a.at)


def test_sigkill_mid_run_loses_nothing_and_duplicates_nothing(make_pipeline) -> None:
    articles = fictional_articles(N_ARTICLES, seed=11, prefix="kill")
    # Alerts depend on the order evidence is folded in, so both pipelines use one partition:
    # then the crashed run and the clean run see every stage's input in the same order.
    crashed = make_pipeline(partitions=1)
    clean = make_pipeline(partitions=1)
    victim = crashed.start_worker()
    clean.start_worker()
    started = time.monotonic()
    # The clean reference runs alongside (same broker, own topics and group) to save wall time.
    clean.feed(articles)
    crashed.feed(articles)

    deadline = time.monotonic() + 120
    while (quotes_at_kill := crashed.counts()["quotes"]) < KILL_AFTER_QUOTES:
        assert time.monotonic() < deadline, "no quotes within 120 s"
        assert victim.alive(), victim.log()[-3000:]
        time.sleep(0.2)
    dead_members = asyncio.run(_members(crashed))
    crashed.kill_worker(victim)
    killed_at = time.monotonic() - started
    at_kill = crashed.counts()

    # A new worker process on the same data dir (RocksDB state as the killed one left it). On
    # noida-db it evicts the member the killed worker left in the group itself
    # (streams/patches/membership.py): that broker never expires it. Apache Kafka expires it
    # after the session timeout, and the worker does not patch anything there.
    restarted = crashed.start_worker(data_dir=victim.data_dir)
    assert dead_members
    if broker_kind() == "noida-db":
        assert any(f"evicted consumer-group member {m}" in restarted.log() for m in dead_members)
    crashed.wait_idle(timeout=240)
    clean.wait_idle(timeout=240)
    elapsed = time.monotonic() - started
    assert restarted.alive(), restarted.log()[-3000:]

    want_quotes = clean.read_topic("quotes", Quote, timeout=60)
    got_quotes = crashed.read_topic("quotes", Quote, timeout=60)
    want_ev = clean.read_topic("stances", StanceEvidence, timeout=60)
    got_ev = crashed.read_topic("stances", StanceEvidence, timeout=60)
    want_alerts = clean.read_topic("stance-changes", StanceChange, timeout=60)
    got_alerts = crashed.read_topic("stance-changes", StanceChange, timeout=60)
    final = crashed.counts()
    print(
        f"\nkill: killed at {killed_at:.1f}s with {quotes_at_kill} quotes "
        f"({at_kill['quotes']}/{len(want_quotes)} on the topic); both runs idle after {elapsed:.1f}s"
    )
    print(
        f"kill: quotes {len(got_quotes)} records / {len({q.quote_id for q in got_quotes})} distinct "
        f"(clean {len(want_quotes)}); evidence {len(got_ev)} / {len({e.evidence_id for e in got_ev})} "
        f"(clean {len(want_ev)}); alerts {len(got_alerts)} / {len({a.change_id for a in got_alerts})} "
        f"(clean {len(want_alerts)}); accepted articles {final['articles.accepted']}"
    )

    assert at_kill["quotes"] < len(want_quotes) * 0.8, "the kill came well before the end"
    assert final["articles.dead-letter"] == 0
    # Every article's quotes and evidence, by id: nothing lost, nothing invented.
    assert len(by_article(want_quotes, "quote_id")) == N_ARTICLES
    assert by_article(got_quotes, "quote_id") == by_article(want_quotes, "quote_id")
    assert by_article(got_ev, "evidence_id") == by_article(want_ev, "evidence_id")
    # Final positions: redelivered evidence was not folded twice (evidence_count), scores equal.
    want_positions = final_positions(clean)
    assert want_positions and final_positions(crashed) == want_positions

    # Alerts: none missing, none emitted twice as a distinct alert.
    assert any(a.kind == "change" for a in want_alerts), "the workload raises real stance changes"
    assert {a.change_id for a in got_alerts} == {a.change_id for a in want_alerts}
    assert {alert_identity(a) for a in got_alerts} == {alert_identity(a) for a in want_alerts}
    assert len({alert_identity(a) for a in got_alerts}) == len({a.change_id for a in got_alerts})
    # Repeats of a change_id are at-least-once redeliveries of the same alert: identical except
    # ``emitted_at``, the wall-clock time of (re-)emission, which is by design not content-derived.
    per_id: dict[str, set[str]] = {}
    for a in got_alerts:
        per_id.setdefault(a.change_id, set()).add(a.model_dump_json(exclude={"emitted_at"}))
    assert all(len(bodies) == 1 for bodies in per_id.values())
    repeats = sum(Counter(a.change_id for a in got_alerts).values()) - len(per_id)
    quote_repeats = len(got_quotes) - len({q.quote_id for q in got_quotes})
    print(
        f"kill: redelivered duplicates: {repeats} alerts, {quote_repeats} quotes, "
        f"{len(got_ev) - len({e.evidence_id for e in got_ev})} evidence; lost 0"
    )
