"""The per-Doc caches answer exactly what spaCy would (stancewire/nlp/doccache.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from stancewire.nlp import doccache
from stancewire.nlp.extract import Extractor
from stancewire.schemas import Article

# Fictional people and places. Line breaks, a quote and an abbreviation make sentence starts
# that come from the line splitter as well as from the parser.
TEXT = (
    "Veltria’s foreign minister Ada Morn said on Monday that talks would resume.\n"
    "“We are ready,” Morn told reporters in Kethara. Dr. Ivo Brandt disagreed.\n"
    "WATCH: the full interview\n"
    "The talks, he said, had failed twice."
)


def _doc(extractor: Extractor):  # type: ignore[no-untyped-def]
    art = Article(id="doccache-1", text=TEXT, published_at=datetime(2026, 1, 5, tzinfo=UTC))
    return extractor.process(art)


def test_sent_is_the_tokens_own_sentence(extractor: Extractor) -> None:
    doc = _doc(extractor)
    assert len(list(doc.sents)) > 3
    for tok in doc:
        cached, own = doccache.sent(tok), tok.sent
        assert (cached.start, cached.end) == (own.start, own.end), tok.text
    # The same Span object every time: built once per Doc.
    assert doccache.sent(doc[0]) is doccache.sent(doc[1])


def test_span_tokens_are_the_spans_tokens(extractor: Extractor) -> None:
    doc = _doc(extractor)
    for sent in doc.sents:
        assert [t.i for t in doccache.span_tokens(sent)] == [t.i for t in sent]
    assert doccache.span_tokens(doc[3:3]) == []


def test_the_cache_lives_in_the_extension(extractor: Extractor) -> None:
    doc = extractor.nlp.make_doc("Ada Morn said so.")
    toks = doccache.tokens(doc)
    assert doc._.stancewire_cache is not None and doc._.stancewire_cache.tokens is toks
    doccache.release(doc)
    assert doc._.stancewire_cache is None
    assert doccache.tokens(doc) is not toks


def test_children_are_the_tokens_own_children(extractor: Extractor) -> None:
    doc = _doc(extractor)
    for tok in doc:
        assert [c.i for c in doccache.children(tok)] == [c.i for c in tok.children], tok.text
    assert any(doccache.children(tok) for tok in doc)


def test_lefts_and_rights_are_spacys(extractor: Extractor) -> None:
    doc = _doc(extractor)
    for tok in doc:
        assert [c.i for c in doccache.lefts(tok)] == [c.i for c in tok.lefts], tok.text
        assert [c.i for c in doccache.rights(tok)] == [c.i for c in tok.rights], tok.text
    assert any(doccache.lefts(tok) for tok in doc) and any(doccache.rights(tok) for tok in doc)


def test_heads_and_ancestors_are_spacys(extractor: Extractor) -> None:
    doc = _doc(extractor)
    assert doccache.heads(doc) == [t.head.i for t in doc]
    pairs = [(a, t) for a in doc for t in doc]
    assert [doccache.is_ancestor(a, t) for a, t in pairs] == [a.is_ancestor(t) for a, t in pairs]
    assert any(doccache.is_ancestor(a, t) for a, t in pairs)


def test_char_range_is_char_span_expanded(extractor: Extractor) -> None:
    # Double spaces, line breaks, a tab and offsets outside the text: every (start, end) pair
    # gives the token range spaCy's char_span(alignment_mode="expand") gives.
    texts = (TEXT, "  Ada  Morn (AP) —  said:\t\tno.\n\n“Fine.”  ", "A")
    for text in texts:
        doc = extractor.nlp.make_doc(text)
        for start in range(-2, len(text) + 3):
            for end in range(start, len(text) + 3):
                span = doc.char_span(start, end, alignment_mode="expand")
                want = None if span is None else (span.start, span.end)
                assert doccache.char_range(doc, start, end) == want, (text[:10], start, end)


def test_where_picks_the_tokens_with_the_attribute(extractor: Extractor) -> None:
    from spacy.attrs import LOWER, POS
    from spacy.symbols import PROPN, VERB

    doc = _doc(extractor)
    assert doccache.where(doc, POS, (VERB, PROPN)) == [t.i for t in doc if t.pos_ in ("VERB", "PROPN")]
    said = doccache.where(doc, LOWER, doccache.string_ids(("said", "told")))
    assert said == [t.i for t in doc if t.lower_ in ("said", "told")] and len(said) == 3
    assert doccache.where(doc, POS, ()) == []
    assert doccache.where(extractor.nlp.make_doc(""), POS, (VERB,)) == []
