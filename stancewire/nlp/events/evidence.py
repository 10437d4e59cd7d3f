"""Coded events -> ``StanceEvidence`` records (one per actor-target pair)."""

from __future__ import annotations

from stancewire.nlp.events.coder import CodedEvent
from stancewire.schemas import Article, StanceEvidence, TargetRef, stable_id


def to_evidence(ev: CodedEvent, article: Article, text: str) -> StanceEvidence:
    """One evidence item; its id is derived from its content, so re-extraction gives the same id."""
    eid = stable_id(article.id, ev.actor.id, ev.target.id, ev.sentence_start, "did", ev.anchor)
    return StanceEvidence(
        evidence_id=eid,
        article_id=article.id,
        actor=ev.actor,
        target=TargetRef(id=ev.target.id, name=ev.target.name, kind="actor"),
        category=ev.category,  # type: ignore[arg-type]
        mode=ev.mode or None,
        score=ev.score,
        modality=ev.modality,  # type: ignore[arg-type]
        confidence=ev.confidence,
        basis="did",
        sentence_start=ev.sentence_start,
        sentence_end=ev.sentence_end,
        sentence=text[ev.sentence_start : ev.sentence_end].strip(),
        published_at=article.event_time(),
        source=article.source,
        url=article.url,
    )
