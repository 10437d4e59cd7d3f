"""Integrity of the synthetic "hard" attribution set (``tests/data/hard/quotes.jsonl``).

The set exists to measure the classes of issue 15, so besides exact offsets and sync with the
annotated sources these tests pin that every class is present in quantity.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from stancewire.eval.gold_classes import CLASSES, quote_classes
from stancewire.schemas import Article

ROOT = Path(__file__).resolve().parents[2]
HARD = ROOT / "tests" / "data" / "hard" / "quotes.jsonl"


@pytest.fixture(scope="module")
def hard() -> list[dict[str, Any]]:
    with HARD.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _load_script(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_jsonl_is_in_sync_with_sources(hard: list[dict[str, Any]]) -> None:
    _load_script("build_gold")
    assert _load_script("build_hard").build_hard() == hard


def test_synthetic_offsets_and_no_overlap(hard: list[dict[str, Any]]) -> None:
    assert len(hard) >= 10 and sum(len(a["quotes"]) for a in hard) >= 120
    assert len({a["id"] for a in hard}) == len(hard)
    for a in hard:
        assert a["synthetic"] is True and a["metadata"]["note"] == "fictional people and places"
        assert Article(**{k: v for k, v in a.items() if k != "quotes"}).synthetic
        text = a["text"]
        for q in a["quotes"]:
            assert text[q["start"] : q["end"]] == q["text"], (a["id"], q["text"])
            if q["mention"] is not None:
                assert text[q["mention_start"] : q["mention_end"]] == q["mention"]
        spans = sorted((q["start"], q["end"]) for q in a["quotes"])
        for (_, e1), (s2, _) in itertools.pairwise(spans):
            assert e1 <= s2, a["id"]


def test_every_class_in_quantity(hard: list[dict[str, Any]]) -> None:
    counts = Counter(c for a in hard for q in a["quotes"] for c in quote_classes(a, q))
    minimum = {
        "definite-description": 15,
        "pronoun-across-paragraphs": 8,
        "floating": 5,
        "organisation-or-document": 30,
        "group": 8,
        "cue:belief-intention": 15,
        "cue:evaluation": 6,
        "cue:according-to": 5,
        "cue:nominal": 3,
        "scraped-page": 50,
    }
    for cls, n in minimum.items():
        assert cls in CLASSES and counts[cls] >= n, (cls, counts[cls])
    assert sum(a["metadata"]["scraped"] for a in hard) >= 5


def test_scraped_articles_carry_noise_lines(hard: list[dict[str, Any]]) -> None:
    """Each scraped article has at least one line of a kind scrapers leave in (by its shape)."""
    markers = (
        "By ",
        "Story continues",
        "WATCH:",
        "READ MORE:",
        "Related:",
        "Sign up",
        "Follow ",
        "/",
        "Photo",
    )
    for a in hard:
        if a["metadata"]["scraped"]:
            lines = a["text"].split("\n\n")
            assert any(line.startswith(markers) or "/" in line for line in lines), a["id"]
        # no quote is ever on a noise line: quotes never start a paragraph with these markers
        for q in a["quotes"]:
            assert not q["text"].startswith(("READ MORE", "WATCH", "Story continues", "By ")), q["text"]
