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


# The scraped-page set (tests/data/hard/: Q&A pieces, live blogs, noise lines) and the small dev
# set, held the same way: 0.913 / 0.903 / 0.879 and 0.942 / 0.962 when these floors were set. The
# precision floor is the one a rule that quotes page furniture or an interviewer's questions
# breaks first (the twenty-first pass's first "Q:" rule took the hard set's P@0.3 to 0.879).
OTHER_SETS = {
    "tests/data/hard/quotes.jsonl": {"f1@0.3": 0.905, "p@0.3": 0.895, "speaker_accuracy": 0.86},
    "tests/data/dev/quotes.jsonl": {"f1@0.3": 0.93, "p@0.3": 0.91, "speaker_accuracy": 0.95},
}


@pytest.mark.parametrize("path", sorted(OTHER_SETS))
def test_other_sets_quality_floors(path: str, extractor) -> None:
    gold = load_gold(DEFAULT_GOLD.parents[1] / path.removeprefix("tests/data/"))
    scores = score(gold, extractor.extract_many(gold_articles(gold)))
    got = {
        "f1@0.3": scores.overlap["0.3"].f1,
        "p@0.3": scores.overlap["0.3"].precision,
        "speaker_accuracy": scores.speaker_accuracy,
    }
    low = {k: round(v, 4) for k, v in got.items() if v < OTHER_SETS[path][k]}
    assert not low, f"{path} below floor: {low}\n{scores.report()}"
