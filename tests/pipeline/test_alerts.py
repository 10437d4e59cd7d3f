"""The synthetic sequence (fictional actors) produces exactly the alerts it was written for."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from stancewire.schemas import ActorPositions, StanceChange, StanceEvidence

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


def expected_first_seen() -> set[tuple[str, str, str, str]]:
    """(actor, target, article, label) of every "new" record, as the sequence was written."""
    spec = json.loads(EXPECTED.read_text())
    out = {(f["actor"], f["target"], f["article"], f["label"]) for f in spec["first_seen"]}
    # The designed pairs' first published labels are among them (one source, two views).
    designed = {
        (pair["actor"], pair["target"], tr["article"], tr["to"])
        for pair in spec["pairs"]
        for tr in pair["transitions"]
        if tr["from"] is None
    }
    assert designed <= out
    return out


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
    assert {(a.actor.id, a.target.id, a.article_ids[0], a.new_label) for a in news} == expected_first_seen()
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


def _evidence_per_pair(records: list[StanceEvidence]) -> dict[tuple[str, str], int]:
    ids: dict[tuple[str, str], set[str]] = {}
    for e in records:
        ids.setdefault((e.actor.id, e.target.id), set()).add(e.evidence_id)
    return {pair: len(v) for pair, v in ids.items()}


def test_redelivered_and_corrected_evidence_is_not_counted_twice(make_pipeline, synthetic_sequence) -> None:
    # Feeding articles twice stops at the dedupe stage; this reaches the positions stage itself.
    # One pipeline, two phases (one worker start instead of two).
    p = make_pipeline(partitions=1)
    p.start_worker()
    p.feed(synthetic_sequence)
    p.wait_idle()
    alerts = p.read_topic("stance-changes", StanceChange)
    stances = p.read_topic("stances")
    positions = final_positions(p)
    assert {pair: n for pair, (_, _, n, _) in positions.items()} == _evidence_per_pair(
        [StanceEvidence.model_validate_json(v) for _, v in stances]
    )

    # 1. Redelivery: every evidence record again, as a consumer restarting from an old offset
    #    would see it.
    p.feed_raw(stances, topic="stances")
    p.wait_idle()
    assert len(p.read_topic("stance-changes", StanceChange)) == len(alerts)
    assert final_positions(p) == positions

    # 2. A corrected re-send of an early article: same id, edited text. Dedupe lets it through
    #    (new content hash); the edit shifts the second sentence, so one of its evidence items
    #    gets a new id while the other keeps its id.
    original = next(a for a in synthetic_sequence if a["id"] == "synth-seq-04")
    edited = {
        **original,
        "text": original["text"].replace("in Port Anselm", "in the port city of Port Anselm"),
    }
    assert edited["text"] != original["text"]
    p.feed([edited])
    p.wait_idle()
    new_evidence = [
        e
        for e in (
            StanceEvidence.model_validate_json(v) for _, v in p.read_topic("stances")[2 * len(stances) :]
        )
        if e.article_id == "synth-seq-04"
    ]
    old_evidence = [
        e
        for e in (StanceEvidence.model_validate_json(v) for _, v in stances)
        if e.article_id == "synth-seq-04"
    ]
    assert new_evidence, "the corrected article yielded no evidence"
    assert {e.article_version for e in new_evidence}.isdisjoint({e.article_version for e in old_evidence})
    assert {e.evidence_id for e in new_evidence} - {e.evidence_id for e in old_evidence}, "no new ids"
    # The correction replaced the article's contribution: same counts, same scores, no alert.
    assert len(p.read_topic("stance-changes", StanceChange)) == len(alerts)
    after = final_positions(p)
    assert after.keys() == positions.keys()
    for pair, (score, label, count, articles) in positions.items():
        assert after[pair][1:] == (label, count, articles), pair
        assert after[pair][0] == pytest.approx(score, abs=1e-6), pair
