"""Pass-35 cases of issue 15: pronoun and first-person speakers, round two
(``cases/pron35.toml``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from stancewire.nlp.extract import Extractor
from stancewire.schemas import Article
from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("pron35"))
def test_pron35_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)


# The case files carry no byline, so these build the article themselves.
_SPLIT_BYLINE_TEXT = (
    "Vell's odd endorsement.\n\nLast month, when I asked Tomas Vell about the port vote, he laughed. "
    "I told Vell later that his remark had made the news.\n\n{note}"
)


def _speaker_of(extractor: Extractor, text: str, authors: list[str], quote: str) -> str | None:
    art = Article(
        id="t",
        text=text,
        authors=authors,
        published_at=datetime(2025, 1, 27, tzinfo=UTC),
        synthetic=True,
    )
    res = extractor.extract(art)
    q = next(q for q in res.quotes if quote in q.text)
    return q.speaker.id if q.speaker is not None else None


def test_split_byline_confirmed_by_a_closing_reporter_note_is_the_writer(extractor: Extractor) -> None:
    """A byline split by a stray comma ("Ada , Morn", too unsure on its own) names the writer
    when the closing note says that name is the article's reporter: her "I" is the writer."""
    text = _SPLIT_BYLINE_TEXT.format(note="Morn is a Vask-based reporter for the Dorvan Herald.")
    got = _speaker_of(extractor, text, ["Ada , Morn, Dorvan Herald"], "his remark had made the news")
    assert got == "person:ada-morn"


def test_split_byline_without_a_reporter_note_names_no_writer(extractor: Extractor) -> None:
    """Guard: a closing line about someone else's job confirms nothing."""
    text = _SPLIT_BYLINE_TEXT.format(note="Vell is a Vask-based lawyer for the port board.")
    got = _speaker_of(extractor, text, ["Ada , Morn, Dorvan Herald"], "his remark had made the news")
    assert got is None
