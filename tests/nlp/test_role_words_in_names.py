"""A capitalised role word before a full name is no part of the name (mentions/person_spans.py).

"Rival Ada Morn, however, …" at the start of a sentence: the tagger reads "Rival" as a proper
noun compound, and the name grew over it ("person:rival-ada-morn"). All people are fictional.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from stancewire.schemas import Article


def _speakers(extractor, text: str) -> set[str]:
    art = Article(id="rw", text=text, published_at=datetime(2025, 1, 1, tzinfo=UTC), synthetic=True)
    return {q.speaker.id for q in extractor.extract(art).quotes if q.speaker is not None}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Rival Ada Morn, however, has indicated she would not go to Velk.", "person:ada-morn"),
        ("Pollster Ann Selzer said the race in Estmere is close.", "person:ann-selzer"),
        ("Comedian Ida Varga said the crowd in Velk was ridiculous.", "person:ida-varga"),
    ],
)
def test_role_word_is_not_in_the_name(extractor, text: str, speaker: str) -> None:
    assert _speakers(extractor, text) == {speaker}


def test_a_dropped_first_name_is_still_recovered(extractor) -> None:
    # "Farid" is a given name too, but alone it may have lost its first name: "Hany" stays.
    text = (
        "''When the Velk ministry says, 'We can't do this,' I don't believe that,'' said Hany Farid, "
        "chairman of the computer science department at Estmere College."
    )
    assert _speakers(extractor, text) == {"person:hany-farid"}
