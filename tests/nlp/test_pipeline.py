"""The one ``nlp`` object: the spaCy model plus the stancewire components, and the Extractor on it.

Texts are synthetic, with fictional people and places.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import spacy

from stancewire.nlp.components import ATTRIBUTION, MENTIONS, QUOTES, STANCE
from stancewire.nlp.extract import Extractor
from stancewire.nlp.pipeline import PIPELINE, build_nlp
from stancewire.nlp.registry import ActorRegistry
from stancewire.schemas import Article

TEXT = "“We will reopen the border talks,” said Veltrian Foreign Minister Ilse Varga-Tamm."


def test_build_nlp_appends_the_components_in_order(extractor: Extractor) -> None:
    nlp = build_nlp()
    assert nlp is extractor.nlp, "one pipeline per model and process"
    assert nlp.pipe_names[-4:] == [MENTIONS, QUOTES, ATTRIBUTION, STANCE] == list(PIPELINE)


def test_a_bare_text_runs_through_every_component(extractor: Extractor) -> None:
    doc = extractor.nlp(TEXT)
    assert doc._.mentions is not None and doc._.quote_candidates
    [quote] = doc._.quotes
    assert quote.article_id == "doc" and quote.speaker is not None
    assert quote.speaker.name == "Ilse Varga-Tamm"
    assert isinstance(doc._.stances, list)


def test_extractor_sets_the_article_and_releases_the_doc(extractor: Extractor) -> None:
    art = Article(id="a1", text=TEXT, published_at=datetime(2025, 3, 1, tzinfo=UTC), synthetic=True)
    doc = extractor.process(art)
    assert doc._.article is art
    assert [q.article_id for q in doc._.quotes] == ["a1"]
    res = extractor.extract(art)
    assert res.quotes == doc._.quotes and res.stances == []  # the session extractor has stance off


def test_a_plain_spacy_pipeline_is_refused() -> None:
    with pytest.raises(ValueError, match="build_nlp"):
        Extractor(nlp=spacy.blank("en"))


def test_the_registry_is_per_extractor_on_a_shared_pipeline(extractor: Extractor, tmp_path: Path) -> None:
    # A one-actor registry that knows the (fictional) minister under an id of its own.
    actors = tmp_path / "actors.jsonl"
    actors.write_text(
        json.dumps({"id": "person:test-ilse", "name": "Ilse Varga-Tamm", "kind": "person", "priority": 5})
        + "\n",
        encoding="utf-8",
    )
    registry = ActorRegistry(paths=[actors], use_cache=False)
    other = Extractor(nlp=extractor.nlp, registry=registry, with_stance=False)
    art = Article(id="a2", text=TEXT, synthetic=True)
    assert other.extract(art).quotes[0].speaker.id == "person:test-ilse"
    assert extractor.extract(art).quotes[0].speaker.id == "person:ilse-varga-tamm"
