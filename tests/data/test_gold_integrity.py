"""Integrity checks for the synthetic quote-attribution gold set (``tests/data/gold/quotes.jsonl``).

The eval numbers are only as good as the gold file, so these tests pin what the scorer and
its readers assume: offsets are exact, the JSONL is in sync with the annotated sources, the set
is big and varied enough to be worth scoring on, and everything in it is marked synthetic.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from stancewire.schemas import ActorKind, Article, MentionKind

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "gold" / "quotes.jsonl"
QUOTE_TYPES = {"direct", "indirect", "mixed", "floating"}
OPENING = '“"‘«„'
CLOSING = '”"’»“'


@pytest.fixture(scope="module")
def gold() -> list[dict[str, Any]]:
    with GOLD.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="module")
def quotes(gold: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(a, q) for a in gold for q in a["quotes"]]


def test_size(gold: list[dict[str, Any]], quotes: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    assert len(gold) >= 45
    assert len(quotes) >= 450


def test_jsonl_is_in_sync_with_sources(gold: list[dict[str, Any]]) -> None:
    """Nobody hand-edits the JSONL: rebuilding from ``src/`` must give the same records."""
    spec = importlib.util.spec_from_file_location("build_gold", ROOT / "scripts" / "build_gold.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    assert module.build() == gold


def test_all_synthetic_and_valid_articles(gold: list[dict[str, Any]]) -> None:
    ids = Counter(a["id"] for a in gold)
    assert all(n == 1 for n in ids.values())
    for a in gold:
        assert a["synthetic"] is True and a["metadata"]["synthetic"] is True, a["id"]
        assert a["metadata"]["note"] == "fictional people and places"
        assert datetime.fromisoformat(a["published_at"].replace("Z", "+00:00")).tzinfo is not None
        assert 150 <= len(a["text"].split()) <= 900, a["id"]
        art = Article(**{k: v for k, v in a.items() if k != "quotes"})
        assert art.synthetic


def test_offsets_are_exact(quotes: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    for a, q in quotes:
        text = a["text"]
        assert 0 <= q["start"] < q["end"] <= len(text), (a["id"], q)
        assert text[q["start"] : q["end"]] == q["text"], (a["id"], q["text"])
        assert q["text"] == q["text"].strip() and "\n" not in q["text"]
        if q["mention"] is not None:
            assert text[q["mention_start"] : q["mention_end"]] == q["mention"], (a["id"], q["mention"])


def test_quotes_do_not_overlap(gold: list[dict[str, Any]]) -> None:
    for a in gold:
        spans = sorted((q["start"], q["end"]) for q in a["quotes"])
        for (_, e1), (s2, _) in itertools.pairwise(spans):
            assert e1 <= s2, a["id"]


def test_span_conventions(quotes: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    for a, q in quotes:
        text, s, e = a["text"], q["start"], q["end"]
        if q["type"] in ("direct", "floating"):
            colon_answer = q["cue"] == ":" and text[s - 2 : s] == ": "
            assert text[s - 1] in OPENING or colon_answer, (a["id"], q["text"][:40])
            assert e == len(text) or text[e] in CLOSING or text[e] == "\n", (a["id"], q["text"][:40])
        else:
            assert q["text"][-1] not in ".,;: ", (a["id"], q["text"][-40:])
            # The complementiser belongs to the content ("said that Y" -> "that Y"), as in PolNeAR.
            assert text[max(0, s - 5) : s].lower() != "that ", (a["id"], q["text"][:40])


def test_speakers_and_mentions_are_well_formed(quotes: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    kinds = {k.value for k in ActorKind}
    mention_kinds = {k.value for k in MentionKind}
    for a, q in quotes:
        assert q["type"] in QUOTE_TYPES
        spk = q["speaker"]
        assert spk["id"] and spk["name"] and spk["kind"] in kinds, (a["id"], spk)
        assert q["mention_kind"] in mention_kinds
        if q["type"] == "floating":
            assert q["mention_kind"] == "floating" and q["mention"] is None and q["cue"] is None
        else:
            assert q["mention_kind"] != "floating" and q["mention"], (a["id"], q["text"][:40])
            assert q["cue"] or q["continuation"], (a["id"], q["text"][:40])
        if spk["kind"] == "group":
            assert spk.get("unnamed") is True


def test_every_type_and_mention_kind_in_quantity(quotes: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    by_type = Counter(q["type"] for _, q in quotes)
    by_mention = Counter(q["mention_kind"] for _, q in quotes)
    assert by_type["direct"] >= 150 and by_type["indirect"] >= 150
    assert by_type["mixed"] >= 60 and by_type["floating"] >= 20
    for kind in ("name", "pronoun", "role", "organisation", "floating"):
        assert by_mention[kind] >= 20, kind
    # continuation paragraphs of multi-paragraph quotes, colon and dash attribution
    assert sum(q["continuation"] for _, q in quotes) >= 5
    assert sum(q["cue"] == ":" for _, q in quotes) >= 5
    assert sum(q["cue"] == "—" for _, q in quotes) >= 3
    assert Counter(q["speaker"]["kind"] for _, q in quotes)["group"] >= 20


def test_variety_of_genres_styles_and_marks(gold: list[dict[str, Any]]) -> None:
    genres = Counter(a["metadata"]["genre"] for a in gold)
    styles = Counter(a["metadata"]["style"] for a in gold)
    assert len(genres) >= 9
    assert set(styles) == {"wire", "feature", "press-release", "interview", "live-blog"}
    text = "".join(a["text"] for a in gold)
    for mark in ("“", '"', "‘", "«", "„"):
        assert mark in text
