"""A participle the parse uses as a preposition ("according to", "following") triggers no stance.

Fictional people and outlets. Before, "according to the Ledger" was read as the CAMEO verb "accord"
(cooperation): an indirect report cited to an outlet gave the outlet a COOPERATE stance toward
the speaker, and the speaker one toward the outlet.
"""

from __future__ import annotations

import pytest

from stancewire.nlp.extract import Extractor
from stancewire.schemas import Article


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Tova Lind said the mill had closed, according to the Quillport Ledger.",
        "“The mill is closed,” Mayor Tova Lind said, according to the Quillport Ledger.",
    ],
)
def test_according_to_gives_no_cooperation(extractor: Extractor, text: str) -> None:
    result = extractor.extract(Article(id="pp-1", text=text, synthetic=True))
    assert result.quotes, "the report itself is still extracted"
    assert [e.category for e in result.stances if e.category == "COOPERATE"] == []


def test_a_real_act_after_a_prepositional_participle_is_still_coded(extractor: Extractor) -> None:
    text = "Following the talks, Mayor Tova Lind praised Governor Ivo Brandt for his patience."
    result = extractor.extract(Article(id="pp-2", text=text, synthetic=True))
    cats = {(e.actor.id, e.target.id, e.category) for e in result.stances}
    assert ("person:tova-lind", "person:ivo-brandt", "SUPPORT") in cats
