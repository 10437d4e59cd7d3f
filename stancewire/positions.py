"""Folding stance evidence into per-actor positions and deciding when a position changed.

Pure functions over the pydantic schemas (no Faust), used by the ``positions`` agent and tested
directly. Design points:

* A position is the time-decayed, confidence-weighted mean of evidence scores, with decay in
  *event time* (the article's ``published_at``), half-life configurable (default 7 days).
* Each position keeps its evidence per article (``contributions``: evidence id, event time,
  weight, score, and the article version it came from). The decayed sums at the newest event
  time (``last_seen``) are recomputed from those parts in a fixed order, so late evidence is
  folded in at its own time and any arrival order of the same evidence gives the same result.
* Redelivered evidence (an id already in its article's contribution) is ignored however much
  history the actor has. A newer version of an article (a corrected re-send: same article id,
  new ``article_version``, later ``ingested_at``) replaces that article's earlier contribution;
  evidence from a superseded version is ignored.
* Bounded values: per position at most ``max_articles`` articles are kept in detail, none more
  than ``horizon_half_lives`` half-lives older than the newest evidence. Older ones are folded
  (oldest first) into one aggregate that keeps their decayed sums, counts and sources but not
  their ids. A late article older than that is still applied and folded in at its own time;
  a redelivery of folded evidence is caught by the actor's recent applied ids.
* The first evidence on an (actor, target) pair publishes a ``new`` position (``first_seen``).
  Later, a ``change`` is published when the label differs from the last published label, the
  score moved by at least ``min_delta`` since that publication, and at least ``min_evidence``
  recent items from ``min_articles`` distinct articles are themselves on the new label's side.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from stancewire.schemas import (
    ActorPositions,
    ActorRef,
    ArticleContribution,
    EvidencePoint,
    EvidenceSummary,
    FoldedEvidence,
    Label,
    Position,
    StanceChange,
    StanceEvidence,
    stable_id,
)

# Every evidence item rewrites the actor's whole table value (and changelog record), so the
# value is kept bounded: the last few evidence summaries per target with short quote text, a
# short score history, bounded per-article detail (``PositionRules.max_articles``), and the
# last few dozen applied ids (idempotency is per position; these serve values from before
# per-article detail and a redelivery of an article folded out of the detail).
QUOTE_CHARS = 280

# Neutral statements still say the actor engaged with the target, but they should not drown
# out the evidence that carries a direction; they count at a quarter of their confidence.
NEUTRAL_WEIGHT = 0.25
HISTORY_POINTS = 60
APPLIED_IDS = 64
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class PositionRules:
    half_life_days: float = 7.0
    cooperative_threshold: float = 1.5
    conflictual_threshold: float = -1.5
    min_delta: float = 3.0
    min_evidence: int = 2
    min_articles: int = 2
    recent_evidence: int = 8
    # Bound on a position's per-article detail: at most ``max_articles`` articles, none more than
    # ``horizon_half_lives`` half-lives older than the position's newest evidence (weight < 0.4%
    # at 8). Older articles are folded into one aggregate (see ``FoldedEvidence``).
    max_articles: int = 32
    horizon_half_lives: float = 8.0
    # Weight of evidence from reported acts (basis "did") relative to quoted words ("said"), on
    # top of each item's confidence. 1.0: an act and a statement of equal confidence count the
    # same (the event coder's confidence already reflects how reliable its pattern is).
    did_weight: float = 1.0


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
        basis=ev.basis,
        published_at=ev.published_at,
        quote_text=(ev.quote_text or ev.sentence or "")[:QUOTE_CHARS] or None,
        url=ev.url,
        source=ev.source,
    )


def _evidence_weight(ev: StanceEvidence, rules: PositionRules) -> float:
    basis = rules.did_weight if ev.basis == "did" else 1.0
    return ev.confidence * basis * (NEUTRAL_WEIGHT if ev.category is None else 1.0)


def _did(points: Sequence[EvidencePoint]) -> int:
    """How many of ``points`` are reported acts (the position shows its said/did mix)."""
    return sum(p.basis == "did" for p in points)


def _insert_sorted(items: list, item, key) -> list:  # type: ignore[no-untyped-def]
    keys = [key(x) for x in items]
    k = key(item)
    out = list(items)
    out.insert(bisect.bisect_right(keys, k), item)
    return out


def _version_key(ingested_at: datetime | None, version: str | None) -> tuple[datetime, str]:
    # Versions of an article are ordered by when they entered the pipeline (the Kafka record
    # time of the re-send); the hash only breaks ties, so the order is the same everywhere.
    return (ingested_at or _EPOCH, version or "")


def _same_version(c: ArticleContribution, ev: StanceEvidence) -> bool:
    # Without a version on either side (offline extraction, records from before the field
    # existed) versions cannot be told apart: only evidence ids dedupe.
    return c.version is None or ev.article_version is None or c.version == ev.article_version


def _migrate(pos: Position) -> Position:
    """A value written before per-article detail existed: its sums become the folded part."""
    if pos.contributions or pos.folded is not None or pos.weight <= 0:
        return pos
    folded = FoldedEvidence(
        weighted_sum=pos.weighted_sum,
        weight=pos.weight,
        at=pos.last_seen,
        evidence_count=pos.evidence_count,
        article_count=len(pos.articles),
        did_count=pos.did_count,
        sources=pos.sources,
        first_seen=pos.first_seen,
    )
    return pos.model_copy(update={"folded": folded, "article_count": len(pos.articles)})


def _decayed_sums(
    folded: FoldedEvidence | None, points: list[EvidencePoint], at: datetime, rules: PositionRules
) -> tuple[float, float]:
    """(weighted sum, weight) of ``folded`` plus ``points``, decayed to ``at``, in a fixed order
    so that any arrival order of the same evidence gives bit-identical results."""
    ws = wt = 0.0
    if folded is not None:
        d = _decay(folded.at, at, rules.half_life_days)
        ws, wt = folded.weighted_sum * d, folded.weight * d
    for p in sorted(points, key=lambda p: (p.published_at, p.evidence_id)):
        d = _decay(p.published_at, at, rules.half_life_days)
        ws, wt = ws + p.weight * p.score * d, wt + p.weight * d
    return ws, wt


def _fold_into(folded: FoldedEvidence | None, c: ArticleContribution, rules: PositionRules) -> FoldedEvidence:
    """``folded`` with the article ``c`` compacted into it (sums moved to the newer time)."""
    newest = max(p.published_at for p in c.evidence)
    at = newest if folded is None else max(folded.at, newest)
    ws, wt = _decayed_sums(folded, c.evidence, at, rules)
    key = (c.at, c.article_id)
    return FoldedEvidence(
        weighted_sum=ws,
        weight=wt,
        at=at,
        evidence_count=(folded.evidence_count if folded else 0) + len(c.evidence),
        article_count=(folded.article_count if folded else 0) + 1,
        did_count=(folded.did_count if folded else 0) + _did(c.evidence),
        sources=sorted({*(folded.sources if folded else []), c.source}),
        first_seen=c.at if folded is None else min(folded.first_seen, c.at),
        through=key if folded is None or folded.through is None else max(folded.through, key),
    )


def _compact(
    contributions: list[ArticleContribution], folded: FoldedEvidence | None, rules: PositionRules
) -> tuple[list[ArticleContribution], FoldedEvidence | None]:
    """Fold the oldest articles out of the detail while there are more than ``max_articles`` or
    they are more than ``horizon_half_lives`` half-lives older than the newest evidence."""
    newest = max(
        [p.published_at for c in contributions for p in c.evidence] + ([folded.at] if folded else [])
    )
    horizon = newest - timedelta(days=rules.half_life_days * rules.horizon_half_lives)
    while contributions and (
        len(contributions) > rules.max_articles
        or max(p.published_at for p in contributions[0].evidence) < horizon
    ):
        folded = _fold_into(folded, contributions[0], rules)
        contributions = contributions[1:]
    return contributions, folded


def _with_evidence(
    pos: Position, ev: StanceEvidence, rules: PositionRules
) -> tuple[list[ArticleContribution], bool] | None:
    """The per-article detail with ``ev`` in it, and whether ``ev`` replaced an older version of
    its article; None when ``ev`` must not be applied (a known id, or evidence of an older
    version of its article)."""
    point = EvidencePoint(
        evidence_id=ev.evidence_id,
        published_at=ev.published_at,
        weight=_evidence_weight(ev, rules),
        score=ev.score,
        basis=ev.basis,
    )
    fresh = ArticleContribution(
        article_id=ev.article_id,
        version=ev.article_version,
        ingested_at=ev.ingested_at,
        source=ev.source,
        evidence=[point],
    )
    others = [c for c in pos.contributions if c.article_id != ev.article_id]
    known = next((c for c in pos.contributions if c.article_id == ev.article_id), None)
    replaced = False
    if known is not None:
        if _same_version(known, ev):
            if any(p.evidence_id == ev.evidence_id for p in known.evidence):
                return None
            fresh = known.model_copy(update={"evidence": [*known.evidence, point]})
        elif _version_key(ev.ingested_at, ev.article_version) > _version_key(
            known.ingested_at, known.version
        ):
            replaced = True  # a newer version of the article: its old evidence goes
        else:
            return None  # evidence of a version already superseded (a late redelivery)
    # An article older than the folded cutoff (a late arrival at a busy position) is added
    # like any other and folded into the aggregate at its own event time by the compaction
    # that follows: late articles must count. A redelivery of already-folded evidence is
    # caught by the actor's recent applied ids (``fold``); redeliveries replay only what was
    # processed since the last commit, which those ids cover.
    return sorted([*others, fresh], key=lambda c: (c.at, c.article_id)), replaced


def apply_evidence(pos: Position | None, ev: StanceEvidence, rules: PositionRules) -> Position:
    """The position after folding ``ev`` into ``pos`` (``pos`` is not modified).

    Returns ``pos`` itself (the same object) when ``ev`` is not applied: an evidence id already
    in the position, or evidence from a superseded version of its article.
    """
    if pos is None:
        folded: FoldedEvidence | None = None
        recent: list[EvidenceSummary] = []
        history: list[tuple[datetime, float]] = []
        published_label, published_score = None, None
        pos_for_merge = Position(
            actor=ev.actor, target=ev.target, first_seen=ev.published_at, last_seen=ev.published_at
        )
    else:
        pos_for_merge = _migrate(pos)
        folded = pos_for_merge.folded
        recent, history = pos.recent_evidence, pos.history
        published_label, published_score = pos.published_label, pos.published_score
    merged = _with_evidence(pos_for_merge, ev, rules)
    if merged is None:
        assert pos is not None  # a new position always takes its first evidence
        return pos
    contributions, replaced = merged
    if replaced:
        recent = [e for e in recent if e.article_id != ev.article_id]
    contributions, folded = _compact(contributions, folded, rules)

    # Sums at the newest event time, recomputed from the parts.
    points = [p for c in contributions for p in c.evidence]
    last = max([p.published_at for p in points] + ([folded.at] if folded else []))
    ws, wt = _decayed_sums(folded, points, last, rules)
    first = min([c.at for c in contributions] + ([folded.first_seen] if folded else []))

    score = max(-10.0, min(10.0, ws / wt)) if wt > 0 else 0.0
    recent = _insert_sorted(recent, summarize(ev), key=lambda e: (e.published_at, e.evidence_id))
    recent = recent[-rules.recent_evidence :]
    history = _insert_sorted(history, (ev.published_at, round(score, 4)), key=lambda p: p[0])
    return Position(
        actor=ev.actor,
        target=ev.target,
        score=score,
        label=label_for(score, rules),
        evidence_count=(folded.evidence_count if folded else 0) + len(points),
        did_count=(folded.did_count if folded else 0) + _did(points),
        sources=sorted({*(folded.sources if folded else []), *(c.source for c in contributions)}),
        articles=sorted(c.article_id for c in contributions),
        article_count=(folded.article_count if folded else 0) + len(contributions),
        first_seen=first,
        last_seen=last,
        weighted_sum=ws,
        weight=wt,
        recent_evidence=recent,
        published_label=published_label,
        published_score=published_score,
        history=history[-HISTORY_POINTS:],
        contributions=contributions,
        folded=folded,
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


def _snapshot(pos: Position) -> Position:
    # Alerts carry the positions without the chart history and per-article detail: subscribers
    # need the score, label and evidence summaries, and alerts stay small.
    return pos.model_copy(update={"history": [], "contributions": []})


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
        previous=_snapshot(before),
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
    before = state.positions.get(ev.target.id)
    tracked = before is not None and any(c.article_id == ev.article_id for c in before.contributions)
    if ev.evidence_id in state.applied and not tracked:
        # Applied before and its article is no longer (or, in a value from before per-article
        # detail, never was) in the position's detail: nothing left to compare versions with.
        return state, None, False
    after = apply_evidence(before, ev, rules)
    if after is before:
        return state, None, False
    change = decide_change(before, after, ev, rules)
    if change is not None:
        after = after.model_copy(update={"published_label": after.label, "published_score": after.score})
        change = change.model_copy(update={"current": _snapshot(after)})
    positions = {**state.positions, ev.target.id: after}
    new_state = ActorPositions(
        actor=state.actor,
        positions=positions,
        applied=[*state.applied, ev.evidence_id][-APPLIED_IDS:],
        updated_at=max(state.updated_at or ev.published_at, ev.published_at),
    )
    return new_state, change, True


# --------------------------------------------------------------------------- stored split
#
# The ``positions`` table holds, per actor, every position's *summary* (score, label, counts,
# decayed sums, the folded aggregate); the heavy per-position parts (per-article detail, recent
# evidence, score history) live in the ``position-detail`` table, one value per (actor, target).
# An actor's value grew with every target it ever spoke about, and every batch rewrote all of
# it (~80 kB per write for the busiest actors after 450 articles, and growing); now a batch
# rewrites the small summary and only the positions it touched.


def detail_key(actor_id: str, target_id: str) -> str:
    """The ``position-detail`` key of one (actor, target) position: a JSON pair as a string
    (ids may contain any separator; a string key stays hashable for Faust)."""
    return json.dumps([actor_id, target_id], separators=(",", ":"), ensure_ascii=False)


def carries_detail(pos: Position) -> bool:
    """Whether ``pos`` holds any of the parts kept in ``position-detail``."""
    return bool(pos.contributions or pos.recent_evidence or pos.history)


def summary_of(pos: Position) -> Position:
    """``pos`` without the parts kept in ``position-detail``."""
    if not carries_detail(pos):
        return pos
    return pos.model_copy(update={"contributions": [], "recent_evidence": [], "history": []})


def agrees(summary: Position | None, detail: Position) -> bool:
    """Whether a ``positions`` summary was written with this ``position-detail`` value (the two
    are written one after the other; a crash in between leaves them disagreeing)."""
    return summary is not None and (
        summary.last_seen,
        summary.evidence_count,
        summary.article_count,
        summary.score,
        summary.label,
    ) == (detail.last_seen, detail.evidence_count, detail.article_count, detail.score, detail.label)


def summarized(state: ActorPositions) -> ActorPositions:
    """The ``positions`` table value of ``state``: every position reduced to its summary."""
    return state.model_copy(update={"positions": {t: summary_of(p) for t, p in state.positions.items()}})


def with_details(state: ActorPositions, details: Mapping[str, Position | None]) -> ActorPositions:
    """``state`` with the full positions in ``details`` (by target id) in place of their summaries.

    A target without detail keeps what ``state`` holds: a value written before the split still
    carries its detail inline, and is split on its next update.
    """
    full = {t: d for t, d in details.items() if d is not None}
    if not full:
        return state
    newest = max(d.last_seen for d in full.values())
    return state.model_copy(
        update={
            "positions": {**state.positions, **full},
            "updated_at": newest if state.updated_at is None else max(state.updated_at, newest),
        }
    )


@dataclass
class ActorWrite:
    """What one batch writes for one actor: its ``positions`` value, the ``position-detail``
    values it changed (by detail key), and which evidence item's event to write them under
    (Faust takes the partition of a table write from the current event)."""

    at: int
    summary: ActorPositions
    details: dict[str, Position] = field(default_factory=dict)


@dataclass
class FoldedBatch:
    changes: list[StanceChange | None]  # per evidence item, in order
    is_new: list[bool]  # per evidence item: False for a redelivered duplicate
    writes: dict[str, ActorWrite]  # by actor id


def fold_batch(
    evidence: Sequence[StanceEvidence],
    summary: Callable[[str], ActorPositions | None],
    detail: Callable[[str], Position | None],
    rules: PositionRules,
) -> FoldedBatch:
    """Fold a batch of evidence in order, reading each actor's summary and each (actor, target)
    detail at most once (``summary`` by actor id, ``detail`` by ``detail_key``), and return
    what to publish and what to write: per actor one summary and only the details it changed.

    The detail is what the fold works on; a summary that disagrees with it (the two are
    separate writes, and a crash can fall between them) is rewritten from it. A value written
    before the split (positions in full, no detail) is split when the actor is next written.
    """
    states: dict[str, ActorPositions | None] = {}
    loaded: set[tuple[str, str]] = set()
    touched: dict[str, set[str]] = {}
    inline: dict[str, set[str]] = {}
    at: dict[str, int] = {}
    changes: list[StanceChange | None] = []
    is_new: list[bool] = []
    for i, ev in enumerate(evidence):
        actor_id, target_id = ev.actor.id, ev.target.id
        if actor_id in states:
            state = states[actor_id]
        else:
            state = summary(actor_id)
            if state is not None:  # a value from before the split carries its detail inline
                inline[actor_id] = {t for t, p in state.positions.items() if carries_detail(p)}
        if (actor_id, target_id) not in loaded:
            loaded.add((actor_id, target_id))
            full = detail(detail_key(actor_id, target_id))
            if full is not None:
                if state is None or not agrees(state.positions.get(target_id), full):
                    at[actor_id] = i
                state = with_details(state or ActorPositions(actor=full.actor), {target_id: full})
        state, change, new = fold(state, ev, rules)
        states[actor_id] = state
        changes.append(change)
        is_new.append(new)
        if new:
            at[actor_id] = i
            touched.setdefault(actor_id, set()).add(target_id)
    writes = {}
    for actor_id, i in at.items():
        state = states[actor_id]
        assert state is not None  # folded, or loaded from a detail
        writes[actor_id] = ActorWrite(
            at=i,
            summary=summarized(state),
            details={
                detail_key(actor_id, t): state.positions[t]
                for t in sorted(touched.get(actor_id, set()) | inline.get(actor_id, set()))
            },
        )
    return FoldedBatch(changes=changes, is_new=is_new, writes=writes)
