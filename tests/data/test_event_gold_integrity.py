"""Integrity of the synthetic event gold set (``tests/data/events/``, issue 16).

What the event scorer and anyone tuning on the dev part rely on: the files are what the build
script makes (nobody hand-edits them), the set is big and even across the 16 PLOVER categories,
the held-out part covers every category with its own phrasings, every id the gold names is a
registry record of the sidecar and every name form used resolves to it, scores are PLOVER's,
directions follow the documented convention, and everything is marked synthetic and fictional.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from stancewire.eval.event_eval import load_event_gold
from stancewire.nlp.registry import ActorRegistry, normalise
from stancewire.schemas import PLOVER_CATEGORIES

ROOT = Path(__file__).resolve().parents[2]
EVENTS = ROOT / "tests" / "data" / "events"
SPLITS = {s: EVENTS / f"event_sentences.{s}.jsonl" for s in ("dev", "heldout")}
SIDECAR = EVENTS / "event_sentences.actors.jsonl"
# Where the shared reference data lives: beside the repo (CI's copy of shared/) or the usual path.
REFERENCE_DIRS = (ROOT.parent / "shared" / "reference", Path("/work/shared/reference"))
FEATURES = (
    "passive",
    "coordinated_actors",
    "coordinated_targets",
    "reciprocal",
    "negated",
    "intended",
    "conditional",
    "hypothetical",
    "threatened",
    "demonym",
    "metonymy",
    "multiword",
    "organisation",
    "armed_group",
    "person",
    "attributed",
)


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_event_gold", ROOT / "scripts" / "build_event_gold.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def records() -> dict[str, list[dict[str, Any]]]:
    return {
        s: [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
        for s, p in SPLITS.items()
    }


@pytest.fixture(scope="module")
def everything(records: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return records["dev"] + records["heldout"]


def test_files_are_what_the_build_script_makes() -> None:
    reference = next((d for d in REFERENCE_DIRS if (d / "plover-scores.csv").exists()), None)
    if reference is None:
        pytest.skip("plover-scores.csv (shared reference data) not present")
    expected = _builder().outputs(reference)
    for path, text in expected.items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is out of date: rerun the build script"


def test_size_balance_and_split(records: dict[str, list[dict[str, Any]]], everything: list[dict]) -> None:
    assert len(everything) >= 300
    assert len(records["heldout"]) >= 90
    per_cat = Counter(r["expected"]["category"] for r in everything)
    assert set(per_cat) == set(PLOVER_CATEGORIES)
    assert min(per_cat.values()) >= 18 and max(per_cat.values()) <= 26, per_cat
    for split, recs in records.items():
        assert {r["expected"]["category"] for r in recs} == set(PLOVER_CATEGORIES), split
        assert all(r["split"] == split for r in recs)
    # Held-out sentences come from templates the dev part never uses.
    dev_t = {r["template"] for r in records["dev"]}
    held_t = {r["template"] for r in records["heldout"]}
    assert not dev_t & held_t
    ids = [r["id"] for r in everything]
    assert len(ids) == len(set(ids))
    texts = [r["text"] for r in everything]
    assert len(texts) == len(set(texts))


def test_constructions_are_covered(records: dict[str, list[dict[str, Any]]], everything: list[dict]) -> None:
    counts = Counter(f for r in everything for f in r["features"])
    for f in FEATURES:
        assert counts[f] >= 6, (f, counts[f])
    held = Counter(f for r in records["heldout"] for f in r["features"])
    for f in ("passive", "coordinated_actors", "negated", "demonym", "metonymy", "multiword"):
        assert held[f] >= 4, (f, held[f])
    modalities = Counter(r["expected"]["modality"] for r in everything)
    assert {"asserted", "negated", "intended", "conditional", "hypothetical"} <= set(modalities)


def test_records_load_and_name_known_actors(everything: list[dict]) -> None:
    for p in SPLITS.values():
        assert load_event_gold(p)  # the scorer's own validation passes
    known = {
        r["id"]
        for r in (json.loads(line) for line in SIDECAR.read_text(encoding="utf-8").splitlines())
        if "_meta" not in r
    }
    for r in everything:
        exp = r["expected"]
        assert set(exp["actors"]) | set(exp["targets"]) <= known, r["id"]
        assert r["synthetic"] is True and "fictional" in r["note"], r["id"]


def test_every_name_form_resolves_to_its_actor() -> None:
    """Names, demonyms, capitals and seats of power of the fictional world all resolve to the gold
    id through the real registry loaded with the sidecar (what the scorer's extractor uses)."""
    b = _builder()
    reg = ActorRegistry([SIDECAR], use_cache=False)
    for c in b.COUNTRIES:
        forms = [c.name, c.adj, c.capital] + ([c.seat] if c.seat else [])
        for form in forms:
            found = reg.lookup(form)
            assert found is not None and found.id == c.id, (form, found and found.id)
        assert reg.government(c.code) is not None and reg.government(c.code).id == c.id
    for p in b.PERSONS:
        found = reg.lookup(p.name)
        assert found is not None and found.id == p.id
    for o in b.ORGS + b.DOMESTIC + b.GROUPS:
        found = reg.lookup(o.name)
        assert found is not None and found.id == o.id


def test_fictional_names_do_not_collide_with_real_actors() -> None:
    """No alias of the fictional world is an alias in the built-in registry files, so a real
    actor can never be mistaken for a fictional one (or the reverse) in the scores."""
    real: set[str] = set()
    for name in ("actors.jsonl", "actors_current.jsonl"):
        for line in (ROOT / "stancewire" / "nlp" / "data" / name).read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if "_meta" not in rec:
                real.update(normalise(a) for a in rec.get("aliases", []))
                real.add(normalise(rec["name"]))
    for line in SIDECAR.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if "_meta" in rec:
            continue
        for a in [rec["name"], *rec["aliases"]]:
            assert normalise(a) not in real, a
        if rec["kind"] == "government":
            assert rec["country"].startswith("X")  # ISO 3166-1 user-assigned range


def test_scores_and_directions_follow_plover_and_the_convention(everything: list[dict]) -> None:
    """Scores equal the repo's PLOVER table (stance_lexicon.json, derived from the same CSV);
    directions follow the documented modality convention."""
    lex = json.loads(
        (ROOT / "stancewire" / "nlp" / "data" / "stance_lexicon.json").read_text(encoding="utf-8")
    )
    table = lex["scores"]
    for r in everything:
        exp = r["expected"]
        mode = (exp["mode"] or "").lower()
        assert table[exp["category"]][mode] == exp["score"], r["id"]
        s = exp["score"]
        if exp["modality"] == "negated":
            want = "-" if s > 0 else "0"
        else:
            want = "+" if s > 0.25 else "-" if s < -0.25 else "0"
        assert exp["direction"] == want, r["id"]
        # PLOVER codes a stated future material act as intent: THREATEN or AGREE, never the act.
        if exp["modality"] in ("intended", "conditional", "hypothetical"):
            assert exp["category"] not in ("SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "COOPERATE", "AID"), (
                r["id"]
            )
