"""No-break spaces (common in scraped pages) are parsed as spaces, and every text field of the
output still equals the article's own characters at its offsets (issue 15)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from stancewire.nlp.extract import Extractor
from stancewire.schemas import Article

# Fictional people and places; "\u00a0" where a scraper leaves a no-break space.
TEXT = (
    "Voters lined up early in Lumen.\n\n"
    "“It is over,” said Vask Radio co-host Lia\u00a0Quorn. “Not to mention the\u00a0deal.”\n\n"
    "Ada\u00a0Morn praised the agreement with Teo Brask\u00a0on Monday and said the\u00a0vote was fair."
)


def test_text_fields_keep_the_articles_no_break_spaces(registry: Any) -> None:
    # With stance evidence, whose sentences are text fields too (the pipeline is built once).
    extractor = Extractor(registry=registry, with_stance=True)
    art = Article(id="nbsp", text=TEXT, published_at=datetime(2025, 1, 27, tzinfo=UTC), synthetic=True)
    res = extractor.extract(art)
    assert res.quotes and res.stances, (res.quotes, res.stances)
    for q in res.quotes:
        assert TEXT[q.start : q.end] == q.text
        if q.speaker is not None and q.speaker.mention_start is not None:
            assert TEXT[q.speaker.mention_start : q.speaker.mention_end] == q.speaker.mention
        if q.cue is not None:
            assert TEXT[q.cue.start : q.cue.end] == q.cue.text
    for e in res.stances:
        # (the sentence is stored without the paragraph break after it)
        assert TEXT[e.sentence_start : e.sentence_start + len(e.sentence)] == e.sentence
    # The name with a no-break space inside is one person, named with a plain space.
    quorn = next(q for q in res.quotes if "It is over" in q.text)
    assert quorn.speaker is not None and quorn.speaker.id == "person:lia-quorn"
    assert quorn.speaker.name == "Lia Quorn"
    morn = [q for q in res.quotes if q.speaker is not None and q.speaker.id == "person:ada-morn"]
    assert morn, [(q.text, q.speaker) for q in res.quotes]
