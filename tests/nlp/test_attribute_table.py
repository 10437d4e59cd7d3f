"""The compiled attribute ruler annotates exactly as the model's own AttributeRuler does."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from stancewire.nlp.attribute_table import FACTORY, CompiledAttributeRuler, compile_attribute_ruler
from stancewire.nlp.model import DEFAULT_MODEL, load_model

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold" / "quotes.jsonl"

# The English ruler's patterns of several tokens ("gon na", "let 's", "y' all", "ai n't", an
# expletive's "there 's") and its whitespace and tag-map patterns, in fictional sentences.
EDGE_TEXTS = [
    "Y'all gonna see it, Mira Tolt said. C'mon, let's go to Varn. There's a ferry. I ain't gotta pay.",
    "There are two bridges in Osterby and there were three.\n\n  \tThe mayor, Ilse Varga, ain't sure.",
    "yall gon na got ta LET'S y' all",
    "",
    "   ",
]
COLUMNS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


@pytest.fixture(scope="module")
def pair() -> tuple[Language, Language]:
    stock = load_model(DEFAULT_MODEL)
    fast = load_model(DEFAULT_MODEL)
    assert compile_attribute_ruler(fast)
    return stock, fast


def texts() -> list[str]:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = list(dict.fromkeys(r["text"] for r in rows if r.get("text")))[:20]
    return articles + EDGE_TEXTS


def test_the_model_ruler_is_replaced_in_place(pair: tuple[Language, Language]) -> None:
    stock, fast = pair
    assert fast.pipe_names == stock.pipe_names  # same name, same place
    ruler = fast.get_pipe("attribute_ruler")
    assert isinstance(ruler, CompiledAttributeRuler) and ruler.compiled, ruler.unsupported
    assert fast.get_pipe_meta("attribute_ruler").factory == FACTORY
    assert ruler.patterns == stock.get_pipe("attribute_ruler").patterns
    assert compile_attribute_ruler(fast)  # a second call keeps it


def test_annotations_identical_to_the_stock_ruler(pair: tuple[Language, Language]) -> None:
    stock, fast = pair
    corpus = texts()
    assert len(corpus) > 10
    tokens = 0
    for a, b in zip(stock.pipe(corpus), fast.pipe(corpus), strict=True):
        assert [t.text for t in a] == [t.text for t in b]
        assert np.array_equal(a.to_array(COLUMNS), b.to_array(COLUMNS)), a.text[:60]
        assert [str(t.morph) for t in a] == [str(t.morph) for t in b]
        tokens += len(a)
    assert tokens > 5000


def test_matches_identical_including_multi_token_patterns(pair: tuple[Language, Language]) -> None:
    stock, fast = pair
    old, new = stock.get_pipe("attribute_ruler"), fast.get_pipe("attribute_ruler")
    seen_multi = 0
    for doc in stock.pipe(texts(), disable=["attribute_ruler", "lemmatizer"]):
        expected = old.match(doc)
        assert new.match(doc) == expected
        seen_multi += sum(1 for _o, _m, s, e in expected if e - s > 1)
    assert seen_multi >= 5  # the edge texts exercise the patterns of several tokens


def test_patterns_added_later_take_effect() -> None:
    nlp = load_model(DEFAULT_MODEL)
    assert compile_attribute_ruler(nlp)
    ruler = nlp.get_pipe("attribute_ruler")
    before = nlp("The Zorvath accord was signed.")
    assert before[1].lemma_ != "zorv"
    ruler.add([[{"LOWER": {"REGEX": "^zorv"}}, {"LOWER": "accord"}]], {"LEMMA": "zorv"})
    assert ruler.compiled
    doc = nlp("The Zorvath accord was signed.")
    assert doc[1].lemma_ == "zorv"


def test_unsupported_patterns_fall_back_to_the_matcher() -> None:
    nlp = load_model(DEFAULT_MODEL)
    stock = nlp.get_pipe("attribute_ruler")
    stock.add([[{"LOWER": "quorl", "OP": "+"}]], {"TAG": "NNP"})  # an operator: not a table lookup
    assert not compile_attribute_ruler(nlp)
    assert type(nlp.get_pipe("attribute_ruler")) is AttributeRuler  # the stock one stays

    ruler = CompiledAttributeRuler(nlp.vocab)
    ruler.add_patterns(stock.patterns)
    assert not ruler.compiled and "OP" in (ruler.unsupported or "")
    doc = nlp.make_doc("quorl quorl went home")
    for name in ("tok2vec", "tagger", "parser"):
        doc = nlp.get_pipe(name)(doc)
    assert ruler.match(doc) == stock.match(doc)  # answered by the stock Matcher


def test_serialisation_keeps_the_patterns(pair: tuple[Language, Language]) -> None:
    _, fast = pair
    ruler = fast.get_pipe("attribute_ruler")
    copy = CompiledAttributeRuler(fast.vocab).from_bytes(ruler.to_bytes())
    assert copy.patterns == ruler.patterns and copy.compiled
