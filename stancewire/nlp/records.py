"""Turning an attributed quote candidate into the public :class:`~stancewire.schemas.Quote` record."""

from __future__ import annotations

from stancewire.nlp.quotes import QuoteCandidate
from stancewire.nlp.quotes.relayed import RULE as RELAY_RULE
from stancewire.schemas import Article, Cue, MentionKind, Quote, Speaker, stable_id

# How much a quote's confidence keeps, by how its speaker was found: a name is surest, a
# floating quote (speaker carried over from earlier text) least.
_KIND_FACTOR = {
    MentionKind.name: 1.0,
    MentionKind.organisation: 0.97,
    MentionKind.role: 0.93,
    MentionKind.pronoun: 0.92,
    MentionKind.floating: 0.85,
}


def quote_record(article: Article, text: str, q: QuoteCandidate, sp: Speaker | None) -> Quote:
    """The ``Quote`` for candidate ``q`` with speaker ``sp``. Its id is content-derived
    (``stable_id(article_id, start, end, type)``) so re-processing an article yields the same ids."""
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
        relayed=q.rule == RELAY_RULE,
    )
