"""Unit tests of the event scorer (``stancewire.eval.event_eval``) on hand-made cases, no spaCy.

Each case is small enough to count by hand; the expected fractions below are those counts.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from stancewire.eval.event_eval import (
    EventItem,
    is_event_gold,
    load_event_gold,
    score_events,
    select_for_pair,
)
from stancewire.eval.stance_eval import actors_sidecar, run_stance_eval
from stancewire.schemas import ActorRef, StanceEvidence, TargetRef

VEL, COR, KAL = "gov:xvt", "gov:xcv", "gov:xkd"


def record(
    i: str,
    actors: list[str],
    targets: list[str],
    cat: str = "SANCTION",
    d: str = "-",
    mod: str = "asserted",
    pairs: list[list[str]] | None = None,
    features: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "id": i,
        "text": "x",
        "features": features or [],
        "expected": {
            "actors": actors,
            "targets": targets,
            "pairs": pairs if pairs is not None else [[a, t] for a in actors for t in targets],
            "category": cat,
            "mode": None,
            "modality": mod,
            "score": -6.0,
            "direction": d,
        },
    }


def item(*args: Any, **kw: Any) -> EventItem:
    return EventItem.from_json(record(*args, **kw))


def ev(actor: str, target: str, cat: str | None = "SANCTION", sc: float = -6.0, mod: str = "asserted",
       conf: float = 0.8, name: str | None = None) -> StanceEvidence:  # fmt: skip
    return StanceEvidence(
        evidence_id=f"{actor}|{target}|{cat}|{sc}",
        article_id="a",
        actor=ActorRef(id=actor, name=name or actor),
        target=TargetRef(id=target, name=target),
        category=cat,
        score=sc,
        modality=mod,
        confidence=conf,
        sentence_start=0,
        sentence_end=1,
        published_at=datetime(2025, 1, 1, tzinfo=UTC),
    )


def test_perfect_prediction_scores_one_everywhere() -> None:
    items = [item("a", [VEL], [COR]), item("b", [KAL], [VEL], cat="AGREE", d="+")]
    rep = score_events(items, {"a": [ev(VEL, COR)], "b": [ev(KAL, VEL, "AGREE", 2.5)]})
    o = rep.overall
    for m in ("actor_found", "target_found", "pair_found", "category", "direction", "modality"):
        assert o[m] == 1.0, m
    assert rep.without_evidence == 0 and rep.to_dict()["errors"] == []


def test_coordinated_subjects_count_one_unit_each() -> None:
    # "Veltria and Kaldoria imposed sanctions on Corvenia": two actors, two pairs; only one coded.
    it = item("a", [VEL, KAL], [COR])
    rep = score_events([it], {"a": [ev(VEL, COR)]})
    o = rep.overall
    assert (o["n_actors"], o["n_targets"], o["n_pairs"]) == (2, 1, 2)
    assert o["actor_found"] == 0.5
    assert o["target_found"] == 1.0
    assert o["pair_found"] == 0.5
    # The missing pair KAL->COR is judged on the best match (target COR): category still right.
    assert o["category"] == 1.0
    assert rep.missed_actors == [("a", KAL)]


def test_actor_and_target_found_are_independent() -> None:
    rep = score_events([item("a", [VEL], [COR])], {"a": [ev(VEL, KAL), ev(KAL, COR)]})
    o = rep.overall
    assert o["actor_found"] == 1.0 and o["target_found"] == 1.0
    assert o["pair_found"] == 0.0  # no single item has both


def test_no_evidence_is_wrong_on_every_measure() -> None:
    rep = score_events([item("a", [VEL], [COR]), item("b", [VEL], [COR])], {"a": [ev(VEL, COR)]})
    o = rep.overall
    assert rep.without_evidence == 1
    for m in ("actor_found", "target_found", "pair_found", "category", "direction", "modality"):
        assert o[m] == 0.5, m


def test_selection_ignores_category() -> None:
    it = item("a", [VEL], [COR], cat="ACCUSE", d="-")
    wrong_pair_right_cat = ev(KAL, COR, "ACCUSE", -3.0, conf=0.99)
    right_pair_wrong_cat = ev(VEL, COR, "SUPPORT", 5.0, conf=0.1)
    assert select_for_pair(VEL, COR, [wrong_pair_right_cat, right_pair_wrong_cat]) is right_pair_wrong_cat
    rep = score_events([it], {"a": [wrong_pair_right_cat, right_pair_wrong_cat]})
    assert rep.overall["category"] == 0.0 and rep.overall["direction"] == 0.0
    assert rep.overall["pair_found"] == 1.0


def test_direction_and_modality_of_a_negated_conflict() -> None:
    # "Veltria did not attack Corvenia": ASSAULT, negated, direction 0.
    it = item("a", [VEL], [COR], cat="ASSAULT", d="0", mod="negated")
    good = score_events([it], {"a": [ev(VEL, COR, "ASSAULT", 0.0, mod="negated")]}).overall
    bad = score_events([it], {"a": [ev(VEL, COR, "ASSAULT", -9.0)]}).overall
    assert good["direction"] == 1.0 and good["modality"] == 1.0
    assert bad["direction"] == 0.0 and bad["modality"] == 0.0 and bad["category"] == 1.0


def test_reciprocal_pairs() -> None:
    # "Veltria and Corvenia agreed to meet": each is the other's target.
    it = item("a", [VEL, COR], [VEL, COR], cat="AGREE", d="+", pairs=[[VEL, COR], [COR, VEL]])
    rep = score_events([it], {"a": [ev(VEL, COR, "AGREE", 2.5)]})
    assert rep.overall["n_pairs"] == 2 and rep.overall["pair_found"] == 0.5
    assert rep.overall["actor_found"] == 0.5 and rep.overall["target_found"] == 0.5


def test_breakdowns_by_category_and_feature() -> None:
    items = [
        item("a", [VEL], [COR], features=["passive"]),
        item("b", [VEL], [COR], cat="AGREE", d="+", features=["passive", "demonym"]),
        item("c", [KAL], [COR], cat="AGREE", d="+", features=["demonym"]),
    ]
    preds = {"a": [ev(VEL, COR)], "b": [ev(VEL, COR, "AGREE", 2.5)], "c": [ev(VEL, COR, "AGREE", 2.5)]}
    rep = score_events(items, preds)
    assert rep.per_category["SANCTION"]["actor_found"] == 1.0
    assert rep.per_category["AGREE"]["actor_found"] == 0.5
    assert rep.per_category["AGREE"]["category"] == 1.0
    assert rep.per_feature["passive"]["actor_found"] == 1.0
    assert rep.per_feature["demonym"]["actor_found"] == 0.5
    assert rep.per_feature["demonym"]["n_pairs"] == 2
    text = rep.format()
    assert "actor found" in text and "demonym" in text and "errors (1 pairs" in text


def write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_loader_names_file_and_line_of_bad_records(tmp_path: Path) -> None:
    good = json.dumps(record("a", [VEL], [COR]))
    p = write(tmp_path, "g.jsonl", [good, "{not json"])
    with pytest.raises(ValueError, match=r"g\.jsonl:2"):
        load_event_gold(p)
    stray = record("b", [VEL], [COR], pairs=[[KAL, COR]])
    with pytest.raises(ValueError, match="not listed"):
        load_event_gold(write(tmp_path, "h.jsonl", [json.dumps(stray)]))
    with pytest.raises(ValueError, match="duplicate id"):
        load_event_gold(write(tmp_path, "i.jsonl", [good, good]))
    bad_dir = record("c", [VEL], [COR], d="down")
    with pytest.raises(ValueError, match="direction"):
        load_event_gold(write(tmp_path, "j.jsonl", [json.dumps(bad_dir)]))


def test_format_detection_and_sidecar(tmp_path: Path) -> None:
    ev_file = write(tmp_path, "set.dev.jsonl", [json.dumps(record("a", [VEL], [COR]))])
    quote_rec = {"id": "q", "text": "t", "expected": {"actor": "X"}}
    quote_file = write(tmp_path, "q.jsonl", [json.dumps(quote_rec)])
    assert is_event_gold(ev_file) and not is_event_gold(quote_file)
    assert actors_sidecar(ev_file) is None
    side = write(tmp_path, "set.actors.jsonl", ["{}"])
    assert actors_sidecar(ev_file) == side  # a split file finds its set's shared sidecar


def test_run_stance_eval_rejects_bad_event_file_without_crashing(tmp_path: Path, capsys) -> None:
    p = write(tmp_path, "e.jsonl", [json.dumps(record("a", [VEL], [COR])), "[1, 2"])
    assert run_stance_eval([p]) == 2
    out = capsys.readouterr().out
    assert "bad stance gold file" in out and "e.jsonl:2" in out
    assert run_stance_eval([tmp_path / "missing.jsonl"]) == 2


def test_cli_scores_event_gold_with_the_real_extractor(tmp_path: Path) -> None:
    """``stancewire eval --stance GOLD --json`` on a slice of the dev set: the real extractor runs,
    the sidecar is found, and the numbers are the scorer's own on those predictions."""
    from typer.testing import CliRunner

    from stancewire.cli import app
    from stancewire.eval.event_eval import predict_events
    from stancewire.eval.stance_eval import make_extractor

    events = Path(__file__).resolve().parents[1] / "data" / "events"
    lines = (events / "event_sentences.dev.jsonl").read_text(encoding="utf-8").splitlines()[::20]
    gold = write(tmp_path, "slice.dev.jsonl", lines)
    side = tmp_path / "slice.actors.jsonl"
    side.write_text((events / "event_sentences.actors.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "--stance", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["n_sentences"] == len(lines)
    items = load_event_gold(gold)
    want = score_events(items, predict_events(items, make_extractor(None, side))).overall
    for m in ("actor_found", "target_found", "pair_found", "category", "direction"):
        assert out[m] == want[m], m
    # The fictional actors resolve through the sidecar (without it no gold id could match).
    assert want["actor_found"] > 0.0


def test_actor_misses_are_told_apart_by_cause() -> None:
    items = [item("a", [VEL], [COR]), item("b", [VEL], [COR]), item("c", [VEL], [COR])]
    preds = {
        "b": [ev("person:veltria", COR, name="Veltria")],  # right name, person id: a kind error
        "c": [ev(KAL, COR)],  # another actor
    }
    named = score_events(items, preds, names_of=lambda i: ["veltria"] if i == VEL else [])
    assert named.actor_misses == {"no_evidence": 1, "same_name_other_id": 1, "other_actor": 1}
    assert named.to_dict()["actor_misses"] == named.actor_misses
    # Without registry names a kind error cannot be recognised.
    plain = score_events(items, preds)
    assert plain.actor_misses == {"no_evidence": 1, "other_actor": 2}
    assert "gold actors missed: 1 no evidence" in plain.format()
