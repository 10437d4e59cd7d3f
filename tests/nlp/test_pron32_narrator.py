"""A column's writer, the narrator "I" the byline names, is no later "he" (pronouns.narrator).

Fictional column: the writer and the people are invented."""

from __future__ import annotations

from datetime import UTC, datetime

from stancewire.nlp.extract import Extractor
from stancewire.schemas import Article

TEXT = (
    "The ferry levy deserves a second look.\n\n"
    "Harbourmaster Tomas Brekke has run the Dorvan quay for twenty years. "
    "I believe that the levy will empty the quay by spring. "
    "He says that the ferry trade will grow, but the crews know better."
)


def test_he_is_not_the_column_s_writer(extractor: Extractor) -> None:
    art = Article(
        id="t",
        text=TEXT,
        authors=["Anton Velk"],
        published_at=datetime(2025, 1, 27, tzinfo=UTC),
        synthetic=True,
    )
    quotes = extractor.extract(art).quotes
    by_text = {q.text: q.speaker.id if q.speaker else None for q in quotes}
    assert by_text.get("that the levy will empty the quay by spring") == "person:anton-velk"
    assert by_text.get("that the ferry trade will grow") == "person:tomas-brekke"
