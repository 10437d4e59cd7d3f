"""The stancewire rules as registered spaCy pipeline components.

Each component reads what the earlier ones left on the Doc and adds its own extension:

=========================== ===================================== ===================================
component                   reads                                 adds
=========================== ===================================== ===================================
``stancewire_mentions``     parse, entities, ``Doc._.article``    ``Doc._.mentions`` (ArticleMentions)
``stancewire_quotes``       parse                                 ``Doc._.quote_candidates``
``stancewire_attribution``  mentions, quote candidates, article   ``Doc._.quotes`` (list of Quote)
``stancewire_stance``       quotes, mentions, article             ``Doc._.stances`` (StanceEvidence)
=========================== ===================================== ===================================

``Doc._.article`` is the :class:`~stancewire.schemas.Article` the text came from (its id, date and
source go into the records); the :class:`~stancewire.nlp.extract.Extractor` sets it. A Doc made
without one (``nlp("some text")``) is treated as an undated article with id ``doc``.

The actor registry is not part of the config (it is data, not a setting of the pipeline): each
component that needs it takes it per call, as spaCy's ``component_cfg`` passes it
(``nlp.pipe(docs, component_cfg={"stancewire_mentions": {"registry": reg}})``), and falls back to
the default registry.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from stancewire.nlp import doccache
from stancewire.nlp.attribution import Attributor
from stancewire.nlp.attribution.candidates import Decision
from stancewire.nlp.attribution.ranker import MODES, SpeakerScorer, ranker_mode, shipped_model
from stancewire.nlp.attribution.writer import writer_actor
from stancewire.nlp.mentions import ArticleMentions
from stancewire.nlp.noise import body_bylines
from stancewire.nlp.quotes import QuoteFinder
from stancewire.nlp.records import quote_record
from stancewire.nlp.registry import ActorRegistry, default_registry
from stancewire.nlp.stance import stance_evidence
from stancewire.nlp.tag_fixes import relabel_role_nouns
from stancewire.schemas import Article

MENTIONS = "stancewire_mentions"
QUOTES = "stancewire_quotes"
ATTRIBUTION = "stancewire_attribution"
STANCE = "stancewire_stance"
RULE_COMPONENTS = (MENTIONS, QUOTES, ATTRIBUTION, STANCE)

# Extensions this package adds. Defaults are None, never a shared mutable list.
_EXTENSIONS = ("article", "mentions", "quote_candidates", "quotes", "stances")
for _name in _EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def article_of(doc: Doc) -> Article:
    """The Doc's article, or an undated stand-in for a bare text."""
    art = doc._.article
    if art is None:
        # model_construct: a bare Doc may be empty, which Article's validation would refuse.
        art = Article.model_construct(id="doc", text=doc.text)
        doc._.article = art
    return art


def release(doc: Doc) -> None:
    """Drop what the components left on ``doc`` (the mention index and caches refer back to it,
    so without this a Doc lives until the cycle collector runs)."""
    for name in _EXTENSIONS:
        setattr(doc._, name, None)
    doccache.release(doc)


class MentionsComponent:
    """Who is mentioned where: names, titles, organisations/places, role nouns."""

    def __init__(self, registry: ActorRegistry | None = None) -> None:
        self.registry = registry

    def __call__(self, doc: Doc, registry: ActorRegistry | None = None) -> Doc:
        reg = registry or self.registry
        if reg is None:
            reg = self.registry = default_registry()
        # The first rule component: tagger slips are corrected here, so the mention index and
        # every later rule read the same tags (tag_fixes.py).
        relabel_role_nouns(doc)
        doc._.mentions = ArticleMentions(doc, reg, article_of(doc).published_at)
        return doc


class QuotesComponent:
    """Quote candidates (direct, mixed, indirect) with their cue and speaker token."""

    def __init__(self) -> None:
        self.finder = QuoteFinder()

    def __call__(self, doc: Doc) -> Doc:
        doc._.quote_candidates = self.finder.find(doc)
        return doc


class AttributionComponent:
    """Canonical speakers for the quote candidates, and the ``Quote`` records.

    ``speaker_ranker`` (config, and per call through ``component_cfg``) is what the learned
    speaker ranker decides: ``"on"`` (he/she and role nouns), ``"roles"`` (role nouns only) or
    ``"off"`` (the rules alone pick every speaker; the before/after of issue 15 is this flag).
    ``scorer`` is the model (the shipped one by default; the training script sets one model per
    cross-validation fold). ``trace``, when a list, receives ``(article id, decisions)`` for
    every Doc (the training script's instances)."""

    def __init__(self, speaker_ranker: bool | str = "off") -> None:
        self.speaker_ranker = ranker_mode(speaker_ranker)
        self.scorer: SpeakerScorer | None = None
        self.trace: list[tuple[str, list[Decision]]] | None = None

    def __call__(self, doc: Doc, speaker_ranker: bool | str | None = None) -> Doc:
        mentions = doc._.mentions
        if mentions is None or doc._.quote_candidates is None:
            raise ValueError(f"{ATTRIBUTION} needs {MENTIONS} and {QUOTES} before it in the pipeline")
        article = article_of(doc)
        mode = self.speaker_ranker if speaker_ranker is None else ranker_mode(speaker_ranker)
        ranker = None
        if mode != "off":
            if self.scorer is None:
                self.scorer = shipped_model()
            ranker = self.scorer.for_article(article.id)
        decisions: list[Decision] | None = [] if self.trace is not None else None
        # A scraped body often carries its byline as a line of text ("By Ada Morn") and the
        # scraper no author field: that line names the writer of a column's "I".
        writer = writer_actor(article.authors or body_bylines(article.text), mentions)
        attributed = Attributor(doc, mentions, ranker, decisions, MODES[mode], writer).run(
            doc._.quote_candidates
        )
        if self.trace is not None and decisions is not None:
            self.trace.append((article.id, decisions))
        # Quote texts come from the article's own text: the Doc's text has scraper noise blanked
        # (same offsets), and a quote's text must be exactly ``article.text[start:end]``.
        text = article.text if len(article.text) >= len(mentions.text) else mentions.text
        doc._.quotes = [quote_record(article, text, q, sp) for q, sp in attributed]
        return doc


class StanceComponent:
    """Stance evidence from the attributed quotes and the reported actions."""

    def __call__(self, doc: Doc) -> Doc:
        if doc._.quotes is None:
            raise ValueError(f"{STANCE} needs {ATTRIBUTION} before it in the pipeline")
        doc._.stances = stance_evidence(doc, article_of(doc), doc._.quotes, doc._.mentions)
        return doc


@Language.factory(MENTIONS)
def make_mentions(nlp: Language, name: str) -> MentionsComponent:
    return MentionsComponent()


@Language.factory(QUOTES)
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent()


@Language.factory(ATTRIBUTION, default_config={"speaker_ranker": "off"})
def make_attribution(nlp: Language, name: str, speaker_ranker: str) -> AttributionComponent:
    return AttributionComponent(speaker_ranker)


@Language.factory(STANCE)
def make_stance(nlp: Language, name: str) -> StanceComponent:
    return StanceComponent()
