"""The synthetic sequence (fictional actors) produces exactly the alerts it was written for."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from stancewire.schemas import ActorPositions, StanceChange

pytestmark = pytest.mark.broker
EXPECTED = Path(__file__).resolve().parents[1] / "data" / "synthetic-sequence.expected.json"


def expected_changes() -> list[tuple[str, str, str, str, str]]:
    spec = json.loads(EXPECTED.read_text())
    out = []
    for pair in spec["pairs"]:
        for tr in pair["transitions"]:
            if tr["from"] is not None:
                out.append((tr["article"], pair["actor"], pair["target"], tr["from"], tr["to"]))
    return sorted(out)


def final_positions(p) -> dict[tuple[str, str], tuple[float, str, int, list[str]]]:
    latest: dict[str, ActorPositions] = {}
    for key, value in p.read_topic(f"{p.name}-positions-changelog"):
        latest[json.loads(key)] = ActorPositions.model_validate_json(value)
    return {
        (actor, target): (round(pos.score, 6), pos.label, pos.evidence_count, pos.articles)
        for actor, state in latest.items()
        for target, pos in state.positions.items()
    }


def test_sequence_alerts_in_order_and_idempotent(make_pipeline, synthetic_sequence) -> None:
    # One partition: articles are processed in the order the scraper sent them, as a live
    # feed of one outlet would be; alerts then follow that order.
    p = make_pipeline(partitions=1)
    p.start_worker()
    p.feed(synthetic_sequence)
    p.wait_idle()
    alerts = p.read_topic("stance-changes", StanceChange)
    changes = [a for a in alerts if a.kind == "change"]
    got = [(a.article_ids[-1], a.actor.id, a.target.id, a.previous_label, a.new_label) for a in changes]
    assert got == expected_changes()
    for a in changes:
        assert abs(a.delta) >= 3 and len(a.evidence) >= 2 and len(set(a.article_ids)) >= 2
        assert all(e.quote_text for e in a.evidence)
    # No alert on the first evidence about a pair: that is a "new" record, flagged first_seen.
    news = [a for a in alerts if a.kind == "new"]
    assert news and all(a.first_seen and a.previous is None for a in news)
    assert len({(a.actor.id, a.target.id) for a in news}) == len(news)
    assert len({a.change_id for a in alerts}) == len(alerts)

    # Feeding everything again produces no new alerts.
    p.feed(synthetic_sequence)
    p.wait_idle()
    assert len(p.read_topic("stance-changes", StanceChange)) == len(alerts)

    ordered = final_positions(p)

    # Shuffled, on four partitions: the same final positions (late evidence folds in at its time).
    q = make_pipeline(partitions=4)
    q.start_worker()
    shuffled = list(synthetic_sequence)
    random.Random(7).shuffle(shuffled)
    q.feed(shuffled)
    q.wait_idle()
    assert final_positions(q) == ordered
