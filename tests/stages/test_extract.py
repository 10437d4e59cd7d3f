"""``stancewire.stages.extract``: NLP results routed to ``quotes`` and ``stances`` records or
dead letters. A small stand-in extractor returns hand-made results (the routing needs no model);
one test runs the real extractor on one fictional article."""

from __future__ import annotations

import base64
import itertools
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

import pytest

from stancewire.schemas import (
    ActorRef,
    Article,
    ExtractionResult,
    Quote,
    Speaker,
    StanceEvidence,
    TargetRef,
)
from stancewire.stages.extract import (
    ARTICLE_VERSION_CHARS,
    Extracted,
    ExtractLimits,
    Failed,
    extract_and_route,
    extract_batch,
)
from stancewire.stages.records import QUOTES, STANCES

from .sink import Sink

SOURCE = "t.articles.accepted"
KEEP = 10_000
INGESTED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
# Fictional people and countries (synthetic test data).
ILSE = Speaker(id="person:ilse-varga-tamm", name="Ilse Varga-Tamm")
CORVENIA = TargetRef(id="gov:corvenia", name="Corvenia")


def article(n: int, text: str = "Ilse Varga-Tamm said the talks would resume.") -> Article:
    return Article(id=f"a{n}", text=f"{text} ({n})", synthetic=True, ingested_at=INGESTED)


def result(a: Article, quotes: int = 1, speaker: Speaker | None = ILSE) -> ExtractionResult:
    """A hand-made NLP result: ``quotes`` quotes by ``speaker`` and one stance per quote."""
    qs = [
        Quote(
            quote_id=f"{a.id}-q{i}",
            article_id=a.id,
            type="direct",
            text="the talks would resume",
            start=0,
            end=10,
            speaker=speaker,
            confidence=0.9,
        )
        for i in range(quotes)
    ]
    stances = [
        StanceEvidence(
            evidence_id=f"{a.id}-e{i}",
            article_id=a.id,
            actor=ActorRef(id=speaker.id, name=speaker.name),
            target=CORVENIA,
            category="CONSULT",
            score=1.0,
            confidence=0.8,
            quote_id=q.quote_id,
            sentence_start=0,
            sentence_end=40,
            published_at=datetime(2026, 3, 1, tzinfo=UTC),
        )
        for i, q in enumerate(qs)
        if speaker is not None
    ]
    return ExtractionResult(article_id=a.id, quotes=qs, stances=stances)


class FakeExtractor:
    """Returns ``result(article)``; raises on articles whose text contains ``BREAK``; the
    batch pass fails if any article of the batch breaks (as a failing ``nlp.pipe`` would)."""

    def __init__(self, quotes: int = 1) -> None:
        self.quotes = quotes
        self.batch_calls = 0

    def extract(self, a: Article) -> ExtractionResult:
        if "BREAK" in a.text:
            raise ValueError("the parser broke")
        speaker = None if "nobody" in a.text else ILSE
        return result(a, quotes=self.quotes, speaker=speaker)

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ExtractionResult]:
        self.batch_calls += 1
        for a in articles:
            yield self.extract(a)


def route(articles: list[Article], extractor: FakeExtractor | object, limits: ExtractLimits) -> Sink:
    outcomes = extract_batch(articles, extractor, limits)  # type: ignore[arg-type]
    assert [o.article_id for o in outcomes] == [a.id for a in articles]
    sink = Sink()
    out = extract_and_route(articles, outcomes, source_topic=SOURCE, max_original_bytes=KEEP)
    assert out.extracted == sum(isinstance(o, Extracted) for o in outcomes)
    sink.take(out, articles)
    return sink


def test_quotes_by_speaker_and_evidence_by_actor_in_article_order() -> None:
    articles = [article(1), article(2, "nobody is named here")]
    sink = route(articles, FakeExtractor(quotes=2), ExtractLimits())
    assert [(r.topic, r.key) for r in sink.records] == [
        (QUOTES, ILSE.id),
        (QUOTES, ILSE.id),
        (STANCES, ILSE.id),
        (STANCES, ILSE.id),
        (QUOTES, "unknown"),
        (QUOTES, "unknown"),  # a quote without a speaker; no evidence
    ]
    assert sink.dead_letters == [] and sink.writes == []
    # Values are JSON bytes of the models; evidence is stamped with the article's ingest time
    # and version (positions tell a corrected re-send from a redelivery with them).
    quote = Quote.model_validate_json(sink.records[0].value)
    assert quote == result(articles[0], quotes=2).quotes[0]
    evidence = StanceEvidence.model_validate_json(sink.records[2].value)
    assert evidence.ingested_at == INGESTED
    assert evidence.article_version == articles[0].content_hash[:ARTICLE_VERSION_CHARS]


def test_a_broken_article_is_isolated_and_dead_lettered_the_rest_published() -> None:
    articles = [article(1), article(2, "BREAK"), article(3)]
    extractor = FakeExtractor()
    sink = route(articles, extractor, ExtractLimits())
    assert extractor.batch_calls == 1  # the batch pass failed; then one article at a time
    assert {r.key for r in sink.records} == {ILSE.id}
    assert sorted(
        {Quote.model_validate_json(r.value).article_id for r in sink.records if r.topic == QUOTES}
    ) == ["a1", "a3"]
    (letter,) = sink.dead_letters
    assert (letter.stage, letter.error_kind, letter.article_id, letter.topic) == (
        "extract",
        "extraction_error",
        "a2",
        SOURCE,
    )
    assert letter.error == "ValueError: the parser broke"
    assert Article.model_validate_json(base64.b64decode(letter.original)) == articles[1]


def test_too_many_quotes_and_too_slow_are_dead_lettered() -> None:
    sink = route([article(1)], FakeExtractor(quotes=3), ExtractLimits(max_quotes=2))
    assert sink.records == [] and [d.error_kind for d in sink.dead_letters] == ["too_many_quotes"]

    ticks = itertools.count(0.0, 40.0)  # every article "takes" 40 s
    outcomes = extract_batch(
        [article(1)], FakeExtractor(), ExtractLimits(max_seconds=30), clock=lambda: next(ticks)
    )
    assert isinstance(outcomes[0], Failed) and outcomes[0].kind == "processing_timeout"
    assert "40.0s (limit 30.0s)" in outcomes[0].error


def test_outcomes_from_the_worker_are_routed_as_they_are() -> None:
    # What the worker makes of a child that died on an article: a Failed it created itself.
    articles = [article(1), article(2)]
    outcomes = [Extracted("a1", quotes=[("k", b"{}")]), Failed("a2", "extraction_crashed", "died")]
    out = extract_and_route(articles, outcomes, source_topic=SOURCE, max_original_bytes=KEEP)
    assert [(r.topic, r.key, r.value) for r in out.records] == [(QUOTES, "k", b"{}")]
    assert [(d.error_kind, d.article_id) for d in out.dead_letters] == [("extraction_crashed", "a2")]
    assert out.extracted == 1


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_the_real_extractor_on_one_fictional_article() -> None:
    from stancewire.nlp.extract import Extractor

    a = Article(
        id="veltria-1",
        text=(
            "Veltrian Foreign Minister Ilse Varga-Tamm accused Corvenia of breaking the river agreement. "
            "“This is not acceptable to our people,” Varga-Tamm said on Monday."
        ),
        synthetic=True,
        ingested_at=INGESTED,
    )
    sink = route([a], Extractor(), ExtractLimits())
    assert sink.dead_letters == []
    quotes = [Quote.model_validate_json(r.value) for r in sink.records if r.topic == QUOTES]
    assert any("not acceptable" in q.text for q in quotes)
    assert {r.key for r in sink.records if r.topic == QUOTES} == {ILSE.id}
    stances = [
        (r.key, StanceEvidence.model_validate_json(r.value)) for r in sink.records if r.topic == STANCES
    ]
    assert stances, sink.records
    for key, ev in stances:
        assert key == ev.actor.id == ILSE.id
        assert ev.article_version == a.content_hash[:ARTICLE_VERSION_CHARS]
    assert any(ev.category == "ACCUSE" and ev.score < 0 for _, ev in stances)
