"""Unit tests of the stance scorer (no spaCy)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from stancewire.eval.stance_eval import GoldItem, direction, load_gold, name_matches, score, select
from stancewire.schemas import ActorRef, StanceEvidence, TargetRef


def gold(i: str, actor="Veltria", target="Corvenia", cat="SANCTION", d="-", mod="asserted") -> GoldItem:
    return GoldItem.from_json(
        {
            "id": i,
            "text": "x",
            "expected": {"actor": actor, "target": target, "category": cat, "direction": d, "modality": mod},
        }
    )


def ev(
    actor="gov:vel",
    aname="Veltria",
    target="gov:cor",
    tname="Corvenia",
    cat="SANCTION",
    sc=-6.0,
    mod="asserted",
    conf=0.8,
    kind="actor",
) -> StanceEvidence:
    return StanceEvidence(
        evidence_id=f"{actor}{target}{cat}{sc}",
        article_id="a",
        actor=ActorRef(id=actor, name=aname),
        target=TargetRef(id=target, name=tname, kind=kind),
        category=cat,
        score=sc,
        modality=mod,
        confidence=conf,
        sentence_start=0,
        sentence_end=1,
        published_at=datetime(2025, 1, 1, tzinfo=UTC),
    )


def test_perfect_is_one() -> None:
    items = [gold("a"), gold("b", cat="SUPPORT", d="+")]
    rep = score(items, {"a": [ev()], "b": [ev(cat="SUPPORT", sc=5.0)]})
    d = rep.to_dict()
    for k in ("category_accuracy", "direction_accuracy", "source_match", "target_match", "modality_accuracy"):
        assert d[k] == 1.0
    assert d["missing"] == 0 and d["errors"] == []


def test_wrong_sign_lowers_direction_only() -> None:
    rep = score([gold("a"), gold("b")], {"a": [ev()], "b": [ev(sc=2.0)]})
    assert rep.direction_accuracy == 0.5
    assert rep.category_accuracy == 1.0 and rep.source_match == 1.0


def test_missing_counts_wrong_everywhere() -> None:
    rep = score([gold("a"), gold("b")], {"a": [ev()]})
    assert rep.missing == 1
    assert rep.category_accuracy == rep.target_match == rep.modality_accuracy == 0.5


def test_neutral_and_zero_direction() -> None:
    rep = score([gold("a", cat=None, d="0")], {"a": [ev(cat=None, sc=0.0)]})
    assert rep.category_accuracy == 1.0 and rep.direction_accuracy == 1.0
    assert direction(0.2) == "0" and direction(-0.3) == "-" and direction(0.5) == "+"


def test_selection_ignores_category_and_prefers_pair() -> None:
    item = gold("a", cat="ACCUSE")
    wrong_pair = ev(actor="gov:kal", aname="Kaldoria", cat="ACCUSE", sc=-3.0, conf=0.99)
    right_pair = ev(cat="SANCTION")
    assert select(item, [wrong_pair, right_pair]) is right_pair
    rep = score([item], {"a": [wrong_pair, right_pair]})
    assert rep.category_accuracy == 0.0 and rep.source_match == 1.0


def test_modality_and_target_mismatch() -> None:
    rep = score([gold("a", mod="conditional")], {"a": [ev(target="gov:sar", tname="Sarvonia")]})
    assert rep.modality_accuracy == 0.0 and rep.target_match == 0.0
    assert rep.modality_confusion == {"conditional": {"asserted": 1}}


def test_name_matching() -> None:
    assert name_matches("Halden", ActorRef(id="person:marek-halden", name="Marek Halden"))
    assert name_matches("Corvenia", ActorRef(id="gov:corven", name="gov"))
    assert name_matches("issue:ceasefire", TargetRef(id="issue:ceasefire", name="Ceasefire", kind="issue"))
    assert not name_matches("issue:ceasefire", TargetRef(id="issue:peace-deal", name="Peace", kind="issue"))
    assert not name_matches("Veltria", ActorRef(id="gov:kal", name="Kaldoria"))


def test_report_forms(tmp_path: Path) -> None:
    p = tmp_path / "g.jsonl"
    p.write_text(
        json.dumps(
            {
                "id": "a",
                "text": "t",
                "expected": {
                    "actor": "Veltria",
                    "target": "Corvenia",
                    "category": "SANCTION",
                    "direction": "-",
                },
            }
        )
        + "\n"
    )
    items = load_gold(p)
    rep = score(items, {"a": [ev(sc=3.0)]})
    text = rep.format()
    assert "category accuracy" in text and "errors (1" in text
    assert json.loads(rep.to_json())["direction_accuracy"] == 0.0


def test_run_stance_eval_missing_file(tmp_path: Path, capsys) -> None:
    from stancewire.eval.stance_eval import run_stance_eval

    assert run_stance_eval(tmp_path / "nope.jsonl") == 2
    assert "not found" in capsys.readouterr().out
