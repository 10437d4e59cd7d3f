"""Integrity of ``stancewire/nlp/data/actors_world.jsonl`` (issue 16's registry data, built by
``scripts/build_world_registry.py``): it loads in the real registry, carries its attribution,
covers the world's countries with capitals, demonyms and seats, resolves the metonyms wire copy
uses to the right government, keeps every alias unambiguous, and is not (yet) loaded by the
extractor, whose output must not move until issue 16 wires it in."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from stancewire.nlp.registry import DEFAULT_PATHS, ActorRegistry, normalise
from stancewire.schemas import ActorKind

ROOT = Path(__file__).resolve().parents[2]
WORLD = ROOT / "stancewire" / "nlp" / "data" / "actors_world.jsonl"
REFERENCE_DIRS = (ROOT.parent / "shared" / "reference", Path("/work/shared/reference"))


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_world_registry", ROOT / "scripts" / "build_world_registry.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def lines() -> list[dict[str, Any]]:
    return [json.loads(line) for line in WORLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    return ActorRegistry(paths=[WORLD], use_cache=False)


def test_meta_carries_attribution_and_licence(lines: list[dict[str, Any]]) -> None:
    meta = lines[0]["_meta"]
    text = meta["attribution"] + " " + meta["license"]
    for needed in ("Phoenix", "Open Event Data Alliance", "MIT", "countryinfo", "Wikipedia", "CC BY-SA"):
        assert needed in text, needed
    assert meta["counts"]["countries"] == sum(r.get("kind") == "government" for r in lines[1:])


def test_countries_have_capitals_demonyms_and_aliases(lines: list[dict[str, Any]]) -> None:
    govs = [r for r in lines[1:] if r["kind"] == "government"]
    assert len(govs) >= 195
    assert sum(bool(r["capital"]) for r in govs) >= 190
    assert sum(bool(r["demonyms"]) for r in govs) >= 190
    for r in govs:
        assert r["id"] == f"gov:{r['country'].lower()}"
        assert r["aliases"] == [normalise(a) for a in r["aliases"]]  # stored as registry keys
        if r["capital"]:
            assert normalise(r["capital"]) in r["aliases"] or r["capital"].lower() in json.dumps(lines[0])
    assert sum(r["kind"] == "organisation" for r in lines[1:]) >= 60
    groups = [r for r in lines[1:] if r["kind"] == "group"]
    assert len(groups) >= 300 and sum(r["major"] for r in groups) >= 30


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("Czech", "gov:cze"),
        ("Czechs", "gov:cze"),
        ("Prague", "gov:cze"),
        ("Slovak", "gov:svk"),
        ("Moscow", "gov:rus"),
        ("the Kremlin", "gov:rus"),
        ("Washington", "gov:usa"),
        ("the White House", "gov:usa"),
        ("Pentagon", "gov:usa"),
        ("Beijing", "gov:chn"),
        ("Zhongnanhai", "gov:chn"),
        ("Kyiv", "gov:ukr"),
        ("Ukrainian", "gov:ukr"),
        ("Elysee", "gov:fra"),
        ("Downing Street", "gov:gbr"),
        ("British", "gov:gbr"),
        ("Congolese", "gov:cod"),
        ("Jerusalem", "gov:isr"),
        ("Belgrade", "gov:srb"),
    ],
)
def test_metonyms_and_demonyms_resolve(registry: ActorRegistry, name: str, actor_id: str) -> None:
    found = registry.lookup(name)
    assert found is not None and found.id == actor_id, (name, found and found.id)
    assert found.kind == ActorKind.government


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("United Nations", ActorKind.organisation),
        ("NATO", ActorKind.organisation),
        ("European Union", ActorKind.organisation),
        ("IAEA", ActorKind.organisation),
        ("Hamas", ActorKind.group),
        ("Boko Haram", ActorKind.group),
        ("al-Shabaab", ActorKind.group),
        ("Islamic State", ActorKind.group),
        ("Nusra Front", ActorKind.group),
    ],
)
def test_organisations_and_armed_groups_resolve(registry: ActorRegistry, name: str, kind: ActorKind) -> None:
    found = registry.lookup(name)
    assert found is not None and found.kind == kind, (name, found and found.id)


def test_aliases_are_unambiguous(lines: list[dict[str, Any]]) -> None:
    owner: dict[str, str] = {}
    for r in lines[1:]:
        for a in r["aliases"]:
            assert owner.setdefault(a, r["id"]) == r["id"], (a, owner[a], r["id"])
    shared = lines[0]["_meta"]["shared_aliases"]
    for alias, (winner, *losers) in shared.items():
        assert owner.get(alias) == f"gov:{winner.lower()}", alias
        assert losers


def test_major_armed_groups_come_from_the_phoenix_list(registry: ActorRegistry) -> None:
    b = _builder()
    for name in b.MAJOR_GROUPS:
        found = registry.lookup(name) or registry.lookup(name.replace(" ", "-"))
        assert found is not None and found.kind == ActorKind.group, name


def test_loaded_by_default() -> None:
    """Issue 16: the extractor resolves demonyms, capitals and seats of power through it."""
    assert WORLD in DEFAULT_PATHS


def test_file_is_what_the_build_script_makes(tmp_path: Path) -> None:
    pytest.importorskip("countryinfo", reason="build-time package (pip install 'countryinfo==1.0.1')")
    reference = next((d for d in REFERENCE_DIRS if (d / "phoenix-countries-actors.txt").exists()), None)
    if reference is None:
        pytest.skip("Phoenix reference data not present")
    records, meta = _builder().build(reference)
    want = [{"_meta": meta}, *records]
    got = [json.loads(line) for line in WORLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert got == want, "actors_world.jsonl is out of date: rerun scripts/build_world_registry.py"


def test_merges_with_the_builtin_registry() -> None:
    """Loaded over the default files (as issue 16 or a user's STANCEWIRE_ACTORS_PATH would),
    the world file keeps its answers: same ids as the Phoenix-derived governments, no kind flips."""
    merged = ActorRegistry([WORLD])
    for name, actor_id in (
        ("Czech", "gov:cze"),
        ("Kremlin", "gov:rus"),
        ("Kyiv", "gov:ukr"),
        ("Beijing", "gov:chn"),
    ):
        found = merged.lookup(name)
        assert found is not None and found.id == actor_id and found.kind == ActorKind.government, name
    hamas = merged.lookup("Hamas")
    assert hamas is not None and hamas.kind == ActorKind.group
