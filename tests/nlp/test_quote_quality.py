"""Quote-quality floors on the gold set (tests/data/gold/quotes.jsonl: 50 articles, 653 quotes).

The floors sit slightly below the measured values (F1@0.3 0.955, speaker accuracy 0.906 when
they were set), so a rule change that moves a quote or two passes and a real regression fails.
The 50 articles are parsed once, with the session's extractor.
"""

from __future__ import annotations

import pytest

from stancewire.eval.cli_support import DEFAULT_GOLD, gold_articles
from stancewire.eval.quotes_eval import QuoteScores, load_gold, score

FLOORS = {
    "f1@0.3": 0.93,
    "speaker_accuracy": 0.89,
}


@pytest.fixture(scope="module")
def gold_scores(extractor) -> QuoteScores:
    gold = load_gold(DEFAULT_GOLD)
    return score(gold, extractor.extract_many(gold_articles(gold)))


def test_gold_set_is_the_full_one(gold_scores: QuoteScores) -> None:
    assert gold_scores.n_articles >= 50 and gold_scores.n_gold >= 600


def test_quote_quality_floors(gold_scores: QuoteScores) -> None:
    got = {"f1@0.3": gold_scores.overlap["0.3"].f1, "speaker_accuracy": gold_scores.speaker_accuracy}
    low = {k: round(v, 4) for k, v in got.items() if v < FLOORS[k]}
    assert not low, f"below floor: {low}\n{gold_scores.report()}"
