"""Scores by attribution class (``stancewire eval --by-class``) on small fictional gold data.

Articles and people are fictional, written for this test.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from stancewire.eval.gold_classes import quote_classes, render_classes, run_class_eval, score_classes

ROOT = Path(__file__).resolve().parents[2]
TEXT = (
    "By Tamsin Ruel, Harbour Daily News\n\n"
    "Mayor Ada Morn opened the ferry terminal on Monday.\n\n"
    "“We owe the islanders a working ferry,” she said. The 52-year-old said the pier would reopen.\n\n"
    "The Quillon council believes the cost will fall. Its claim that tolls will end was disputed."
)


def _q(fragment: str, qtype: str, mention: str, mk: str, cue: str | None, speaker: dict[str, Any]) -> dict:
    start = TEXT.index(fragment)
    m_start = TEXT.index(mention) if mention else None
    return {
        "type": qtype,
        "start": start,
        "end": start + len(fragment),
        "text": fragment,
        "speaker": speaker,
        "mention_kind": mk,
        "mention": mention,
        "mention_start": m_start,
        "mention_end": m_start + len(mention) if mention else None,
        "cue": cue,
    }


MORN = {"id": "ada-morn", "name": "Ada Morn", "kind": "person"}
COUNCIL = {"id": "council", "name": "Quillon Council", "kind": "government"}
GOLD = [
    {
        "id": "fict-1",
        "text": TEXT,
        "metadata": {"scraped": True},
        "quotes": [
            _q("We owe the islanders a working ferry,", "direct", "she", "pronoun", "said", MORN),
            _q("the pier would reopen", "indirect", "The 52-year-old", "role", "said", MORN),
            _q("the cost will fall", "indirect", "The Quillon council", "organisation", "believes", COUNCIL),
            _q("tolls will end", "indirect", "Its", "pronoun", "claim", COUNCIL),
        ],
    }
]


def _pred(fragment: str, name: str | None, mention: str | None = None) -> dict:
    start = TEXT.index(fragment)
    spk = None
    if name:
        m = TEXT.index(mention) if mention else None
        spk = {
            "id": name.lower(),
            "name": name,
            "mention_start": m,
            "mention_end": m + len(mention) if mention else None,
        }
    return {"start": start, "end": start + len(fragment), "type": "indirect", "speaker": spk}


def test_classes_of_each_quote() -> None:
    a = GOLD[0]
    got = [quote_classes(a, q) for q in a["quotes"]]
    assert got[0] == ["pronoun-across-paragraphs", "cue:speech", "scraped-page"]
    assert got[1] == ["definite-description", "cue:speech", "scraped-page"]
    assert got[2] == ["organisation-or-document", "cue:belief-intention", "scraped-page"]
    assert got[3] == ["organisation-or-document", "cue:nominal", "scraped-page"]  # "Its claim", a noun


def test_recall_speaker_and_noise_hits() -> None:
    preds = [
        {
            "article_id": "fict-1",
            "quotes": [
                _pred("We owe the islanders a working ferry,", "Ada Morn", "she"),
                _pred("the pier would reopen", "52-year-old", "The 52-year-old"),  # the bug class 15 names
                _pred("Tamsin Ruel, Harbour Daily News", "Tamsin Ruel", "By Tamsin Ruel"),  # a byline quoted
            ],
        }
    ]
    s = score_classes(GOLD, preds)
    d = s.to_dict()["by_class"]
    assert d["definite-description"] == {
        "n_gold": 1,
        "recall@0.3": 1.0,
        "recall@0.8": 1.0,
        "speaker_correct": 0,
        "speaker_accuracy": 0.0,
    }
    assert d["pronoun-across-paragraphs"]["speaker_accuracy"] == 1.0
    assert d["cue:belief-intention"]["recall@0.3"] == 0.0
    assert d["scraped-page"]["n_gold"] == 4 and d["scraped-page"]["speaker_correct"] == 1
    assert len(s.noise_quotes) == 1 and len(s.noise_speakers) == 1
    assert "speaker from noise" in render_classes(s)


def test_hard_set_is_scored_by_the_real_extractor() -> None:
    out = io.StringIO()
    assert run_class_eval(ROOT / "tests" / "data" / "hard" / "quotes.jsonl", json_out=True, out=out) == 0
    d = json.loads(out.getvalue())
    assert d["n_articles"] >= 10 and d["n_gold"] >= 120
    assert 0.0 < d["overlap"]["0.3"]["recall"] <= 1.0
    rows = d["by_class"]
    assert all(
        rows[c]["n_gold"] > 0 for c in ("definite-description", "pronoun-across-paragraphs", "cue:nominal")
    )
    assert isinstance(d["noise_hits"]["quotes"], list)


def test_missing_gold_file_is_a_clear_error(tmp_path: Path) -> None:
    assert run_class_eval(tmp_path / "absent.jsonl") == 2


def test_masked_noise_never_reaches_the_extractor(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD[0]) + "\n", encoding="utf-8")
    out = io.StringIO()
    assert run_class_eval(path, json_out=True, out=out, mask_noise=True) == 0
    d = json.loads(out.getvalue())
    assert d["noise_hits"] == {"quotes": [], "speaker_mentions": []}
    assert d["n_gold"] == 4
