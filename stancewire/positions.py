"""Folding stance evidence into per-actor positions and deciding when a position changed.

Pure functions over the pydantic schemas (no Faust), used by the ``positions`` agent and tested
directly. Design points:

* A position is the time-decayed, confidence-weighted mean of evidence scores, with decay in
  *event time* (the article's ``published_at``), half-life configurable (default 7 days).
* The decayed sums are kept relative to the newest evidence time (``last_seen``). Newer evidence
  rescales the sums forward; late evidence is added with its own decayed weight. Both give the
  same sums whatever the arrival order, so shuffled input yields the same final positions.
* Redelivered evidence (same ``evidence_id``) is ignored, so at-least-once delivery and
  re-processed articles never count twice.
* The first evidence on an (actor, target) pair publishes a ``new`` position (``first_seen``).
  Later, a ``change`` is published when the label differs from the last published label, the
  score moved by at least ``min_delta`` since that publication, and at least ``min_evidence``
  recent items from ``min_articles`` distinct articles are themselves on the new label's side.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import datetime

from stancewire.schemas import (
    ActorPositions,
    ActorRef,
    EvidenceSummary,
    Label,
    Position,
    StanceChange,
    StanceEvidence,
    stable_id,
)

# Every evidence item rewrites the actor's whole table value (and changelog record), so the
# value is kept bounded: the last few evidence summaries per target with short quote text, a
# short score history, and only as many applied ids as a redelivery after a crash can replay
# (Faust commits every 100 events or 1 s; a few hundred per actor is ample).
QUOTE_CHARS = 280

# Neutral statements still say the actor engaged with the target, but they should not drown
# out the evidence that carries a direction; they count at a quarter of their confidence.
NEUTRAL_WEIGHT = 0.25
HISTORY_POINTS = 60
APPLIED_IDS = 400


@dataclass(frozen=True)
class PositionRules:
    half_life_days: float = 7.0
    cooperative_threshold: float = 1.5
    conflictual_threshold: float = -1.5
    min_delta: float = 3.0
    min_evidence: int = 2
    min_articles: int = 2
    recent_evidence: int = 8


def label_for(score: float, rules: PositionRules) -> Label:
    if score >= rules.cooperative_threshold:
        return "cooperative"
    if score <= rules.conflictual_threshold:
        return "conflictual"
    return "neutral"


def _decay(from_t: datetime, to_t: datetime, half_life_days: float) -> float:
    """Weight multiplier for moving ``from_t`` to ``to_t`` (to_t >= from_t)."""
    days = (to_t - from_t).total_seconds() / 86_400.0
    return 0.5 ** (days / half_life_days)


def summarize(ev: StanceEvidence) -> EvidenceSummary:
    return EvidenceSummary(
        evidence_id=ev.evidence_id,
        article_id=ev.article_id,
        score=ev.score,
        category=ev.category,
        modality=ev.modality,
        published_at=ev.published_at,
        quote_text=(ev.quote_text or ev.sentence or "")[:QUOTE_CHARS] or None,
        url=ev.url,
        source=ev.source,
    )


def _evidence_weight(ev: StanceEvidence) -> float:
    return ev.confidence * (NEUTRAL_WEIGHT if ev.category is None else 1.0)


def _insert_sorted(items: list, item, key) -> list:  # type: ignore[no-untyped-def]
    keys = [key(x) for x in items]
    k = key(item)
    out = list(items)
    out.insert(bisect.bisect_right(keys, k), item)
    return out


def apply_evidence(pos: Position | None, ev: StanceEvidence, rules: PositionRules) -> Position:
    """The position after folding ``ev`` into ``pos`` (``pos`` is not modified)."""
    w = _evidence_weight(ev)
    t = ev.published_at
    if pos is None:
        ws, wt, first, last = w * ev.score, w, t, t
        evidence_count, sources, articles, recent, history = 0, [], [], [], []
        published_label, published_score = None, None
    else:
        ws, wt, first, last = pos.weighted_sum, pos.weight, pos.first_seen, pos.last_seen
        if t >= last:
            d = _decay(last, t, rules.half_life_days)
            ws, wt, last = ws * d + w * ev.score, wt * d + w, t
        else:
            d = _decay(t, last, rules.half_life_days)
            ws, wt = ws + w * ev.score * d, wt + w * d
        first = min(first, t)
        evidence_count, sources, articles = pos.evidence_count, pos.sources, pos.articles
        recent, history = pos.recent_evidence, pos.history
        published_label, published_score = pos.published_label, pos.published_score

    score = max(-10.0, min(10.0, ws / wt)) if wt > 0 else 0.0
    recent = _insert_sorted(recent, summarize(ev), key=lambda e: (e.published_at, e.evidence_id))
    recent = recent[-rules.recent_evidence :]
    history = _insert_sorted(history, (t, round(score, 4)), key=lambda p: p[0])[-HISTORY_POINTS:]
    return Position(
        actor=ev.actor,
        target=ev.target,
        score=score,
        label=label_for(score, rules),
        evidence_count=evidence_count + 1,
        sources=sorted({*sources, ev.source}),
        articles=sorted({*articles, ev.article_id}),
        first_seen=first,
        last_seen=last,
        weighted_sum=ws,
        weight=wt,
        recent_evidence=recent,
        published_label=published_label,
        published_score=published_score,
        history=history,
    )


def _supporting(pos: Position, new_label: Label, rules: PositionRules) -> list[EvidenceSummary]:
    """Recent evidence behind ``new_label``: items whose own score has that label, or, for a
    move to neutral, items on the opposite side of the last published score."""
    base = pos.published_score or 0.0
    return [
        e
        for e in pos.recent_evidence
        if label_for(e.score, rules) == new_label or (new_label == "neutral" and e.score * base < 0)
    ]


def decide_change(
    before: Position | None, after: Position, ev: StanceEvidence, rules: PositionRules
) -> StanceChange | None:
    """The alert (if any) that folding ``ev`` produces; ``after.published_*`` is not yet updated."""
    if before is None:
        return StanceChange(
            change_id=stable_id("new", ev.actor.id, ev.target.id, ev.evidence_id),
            kind="new",
            first_seen=True,
            actor=after.actor,
            target=after.target,
            previous=None,
            current=after,
            previous_label=None,
            new_label=after.label,
            delta=after.score,
            evidence=[summarize(ev)],
            article_ids=[ev.article_id],
            urls=[ev.url] if ev.url else [],
            at=ev.published_at,
        )
    published_label = after.published_label or before.label
    published_score = after.published_score if after.published_score is not None else before.score
    if after.label == published_label:
        return None
    delta = after.score - published_score
    if abs(delta) < rules.min_delta:
        return None
    support = _supporting(after, after.label, rules)
    if len(support) < rules.min_evidence or len({e.article_id for e in support}) < rules.min_articles:
        return None
    return StanceChange(
        change_id=stable_id(
            "change", ev.actor.id, ev.target.id, published_label, after.label, ev.evidence_id
        ),
        kind="change",
        first_seen=False,
        actor=after.actor,
        target=after.target,
        previous=before.model_copy(update={"history": []}),
        current=after,
        previous_label=published_label,
        new_label=after.label,
        delta=delta,
        evidence=support,
        article_ids=sorted({e.article_id for e in support}),
        urls=sorted({e.url for e in support if e.url}),
        at=ev.published_at,
    )


def fold(
    state: ActorPositions | None, ev: StanceEvidence, rules: PositionRules
) -> tuple[ActorPositions, StanceChange | None, bool]:
    """Fold one piece of evidence into an actor's positions.

    Returns the new state, the alert to publish (or None), and whether the evidence was new
    (False for a redelivered duplicate, in which case the state is returned unchanged).
    """
    if state is None:
        state = ActorPositions(actor=ActorRef.model_validate(ev.actor.model_dump()))
    if ev.evidence_id in state.applied:
        return state, None, False
    before = state.positions.get(ev.target.id)
    after = apply_evidence(before, ev, rules)
    change = decide_change(before, after, ev, rules)
    if change is not None:
        after = after.model_copy(update={"published_label": after.label, "published_score": after.score})
        change = change.model_copy(update={"current": after.model_copy(update={"history": []})})
    positions = {**state.positions, ev.target.id: after}
    new_state = ActorPositions(
        actor=state.actor,
        positions=positions,
        applied=[*state.applied, ev.evidence_id][-APPLIED_IDS:],
        updated_at=max(state.updated_at or ev.published_at, ev.published_at),
    )
    return new_state, change, True
