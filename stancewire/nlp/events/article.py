"""The event coder on one article: resolution through the registry and the article's mentions,
and the merge with the quote-based stance evidence.

:class:`ArticleResolver` asks the registry first, so a name the registry knows as a government
or organisation ("Veltria", "the Kremlin", "Czech") is that actor even where spaCy tagged it
PERSON; then the article's mention index (people known only from the text, "Edvin Malko").

:func:`merge_evidence` keeps every quote-based item (``basis`` said) and the event coder's items
(``basis`` did) unless the same actor is quoted in that sentence (the quote coded it already);
the older narrative items of the stance coder stay only in sentences where the event coder found
nothing, so one act is not counted twice with two readings.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from spacy.tokens import Doc, Span

from stancewire.nlp import doccache
from stancewire.nlp.events.coder import code_events
from stancewire.nlp.events.evidence import to_evidence
from stancewire.nlp.events.resolve import RegistryResolver
from stancewire.nlp.registry import ActorRegistry
from stancewire.schemas import ActorRef, Article, StanceEvidence


class MentionIndex(Protocol):
    def actors_in(self, start: int, end: int) -> list[tuple[int, int, ActorRef]]: ...


class ArticleResolver:
    def __init__(
        self, registry: ActorRegistry, mentions: MentionIndex | None, at: date | datetime | None
    ) -> None:
        self.by_registry = RegistryResolver(registry, at)
        self.mentions = mentions

    def __call__(self, span: Span) -> ActorRef | None:
        a = self.by_registry(span)
        if a is not None or self.mentions is None or not len(span):
            return a
        start, end = span.start_char, span.end_char
        # A mention inside the span that ends where the span ends (its head): "Prime Minister
        # Edvin Malko" -> Edvin Malko; a mention elsewhere in the phrase is not its head.
        for s, e, actor in self.mentions.actors_in(start, end):
            if e == end and s >= start:
                return actor
        return None


def event_evidence(
    doc: Doc, article: Article, registry: ActorRegistry, mentions: MentionIndex | None
) -> list[StanceEvidence]:
    resolver = ArticleResolver(registry, mentions, article.published_at)
    text = doccache.text(doc)
    return [to_evidence(ev, article, text) for ev in code_events(doc, resolver)]


def merge_evidence(said: Sequence[StanceEvidence], did: Sequence[StanceEvidence]) -> list[StanceEvidence]:
    """Quote evidence + event evidence; narrative stance items only where no event was coded."""
    # An act whose actor is also quoted in the same sentence was coded from the quote already
    # ("X praised Y, saying ..."): counted once, as said. A quote that coded no category ("X
    # bowed to pressure from Y and dropped its plan", whose act on its own plan is a quote with
    # a neutral item) coded nothing of the act: the event stands.
    quoted = {
        (ev.actor.id, ev.sentence_start) for ev in said if ev.quote_id is not None and ev.category is not None
    }
    did = [ev for ev in did if (ev.actor.id, ev.sentence_start) not in quoted]
    coded_sentences = {ev.sentence_start for ev in did}
    out = [ev for ev in said if ev.quote_id is not None or ev.sentence_start not in coded_sentences]
    seen = {ev.evidence_id for ev in out}
    out += [ev for ev in did if ev.evidence_id not in seen]
    return sorted(out, key=lambda ev: (ev.sentence_start, ev.evidence_id))
