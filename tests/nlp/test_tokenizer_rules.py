"""Tokenizer rules added to the model's tokenizer, and the text cache seeded when a Doc is made.

Texts are synthetic, with fictional people and places.
"""

from __future__ import annotations

import pytest

from stancewire.nlp import doccache
from stancewire.nlp.extract import Extractor
from stancewire.schemas import Article

GLUED = (
    "Mayor Edda Tollan spoke in Velmar on Monday. “It has been most surprising to see somebody so "
    "mean-spirited,”Tollan said. “Some of his comments do not fit what I knew.”"
)


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("so mean-spirited,”Tollan said.", ["mean", "-", "spirited", ",", "”", "Tollan"]),
        ('to different audiences,"Kato Brin, who', ["audiences", ",", '"', "Kato"]),
        ("the end.”Next came", ["end", ".", "”", "Next"]),
    ],
)
def test_a_quote_mark_glued_to_a_capital_is_its_own_token(
    extractor: Extractor, text: str, pieces: list[str]
) -> None:
    words = [t.text for t in extractor.nlp.make_doc(text)]
    start = words.index(pieces[0])
    assert words[start : start + len(pieces)] == pieces


def test_inner_quote_marks_and_contractions_stay_whole(extractor: Extractor) -> None:
    words = [t.text for t in extractor.nlp.make_doc("It’s the “Velmar plan,” she said. 5'11\" tall")]
    assert "It" in words and "’s" in words and "Velmar" in words


def test_the_name_after_a_glued_closing_quote_speaks(extractor: Extractor) -> None:
    quotes = extractor.extract(Article(id="glued", text=GLUED)).quotes
    assert [q.speaker and q.speaker.id for q in quotes] == ["person:edda-tollan", "person:edda-tollan"]


def test_the_text_cache_is_the_docs_own_text(extractor: Extractor) -> None:
    doc = extractor.make_doc(Article(id="glued", text="By Ana Velk\n\n" + GLUED))
    assert doccache.text(doc) == doc.text
