"""Wire and API schemas: the single source of truth for every topic, table and endpoint.

Everything that crosses a process boundary (Kafka topics, table values, the JSON API, the
offline ``stancewire extract`` output) is one of these pydantic models. Nothing here imports
Faust or Kafka, so the NLP core and the offline tools can use the same models.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_validator

SCHEMA_VERSION = 1


def utcnow() -> datetime:
    return datetime.now(UTC)


def stable_id(*parts: object, length: int = 20) -> str:
    """Content-derived id: the same inputs give the same id in every process and run.

    Used for quote, evidence and change ids so that re-processing an article (at-least-once
    delivery, re-sent articles, worker restarts) produces records that dedupe by id.
    """
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(str(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class Model(BaseModel):
    # Extra fields from producers are ignored rather than rejected so that scrapers can add
    # their own metadata without breaking the pipeline; strings are stripped of nothing
    # because offsets into ``text`` must stay valid.
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


# --------------------------------------------------------------------------- articles


class Article(Model):
    """A raw article as scrapers send it to the ``articles`` topic (keyed by ``id``)."""

    id: Annotated[str, Field(min_length=1, max_length=256)]
    text: Annotated[str, Field(min_length=1)]
    url: str | None = None
    source: str = "unknown"
    title: str = ""
    published_at: datetime | None = None
    # True when ``published_at`` is an estimate (e.g. the seed article's date).
    published_at_estimated: bool = False
    language: str = "en"
    fetched_at: datetime | None = None
    # True for fictional articles written for tests and demos.
    synthetic: bool = False
    metadata: dict[str, str | int | float | bool | None] = Field(default_factory=dict)
    # The byline as the scraper read it, one string per byline field ("By JANE ROE and JOHN DOE,
    # The Daily Post"); the extractor reads the writers' names out of it, because first-person
    # narration outside quote marks ("I find his message chilling") is the writer's.
    authors: Annotated[list[Annotated[str, Field(max_length=500)]], Field(max_length=50)] = Field(
        default_factory=list
    )
    # Set by the ingest stage from the Kafka record timestamp; used for latency metrics.
    ingested_at: datetime | None = None

    @field_validator("text")
    @classmethod
    def _text_not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("text is empty or only whitespace")
        return v

    @field_validator("authors", mode="before")
    @classmethod
    def _one_byline(cls, v: object) -> object:
        # Scrapers often send the byline as one string; a list of one is the same byline.
        return [v] if isinstance(v, str) else v

    @field_validator("published_at", "fetched_at")
    @classmethod
    def _aware(cls, v: datetime | None) -> datetime | None:
        # Naive timestamps are taken as UTC so event-time arithmetic never mixes zones.
        if v is not None and v.tzinfo is None:
            v = v.replace(tzinfo=UTC)
        return v

    @property
    def content_hash(self) -> str:
        return content_hash(self.title + "\x1e" + self.text)

    def event_time(self) -> datetime:
        """Event time used for decay: publication time, else fetch time, else now."""
        return self.published_at or self.fetched_at or utcnow()


# --------------------------------------------------------------------------- quotes


class ActorKind(StrEnum):
    person = "person"
    government = "government"
    organisation = "organisation"
    place = "place"
    group = "group"
    unknown = "unknown"


class MentionKind(StrEnum):
    name = "name"
    pronoun = "pronoun"
    role = "role"  # role noun: "the Russian president", "the American side"
    organisation = "organisation"  # an organisation or place that speaks: "the Kremlin", "Kyiv"
    floating = "floating"  # no mention; attributed from context


QuoteType = Literal["direct", "indirect", "mixed", "floating"]


class Speaker(Model):
    id: str
    name: str
    kind: ActorKind = ActorKind.unknown
    mention: str | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    mention_kind: MentionKind = MentionKind.name
    affiliation: str | None = None


class Cue(Model):
    text: str
    start: int
    end: int
    lemma: str | None = None


class Quote(Model):
    """One quote or reported statement; carried by the ``quotes`` topic keyed by speaker id."""

    quote_id: str
    article_id: str
    type: QuoteType
    text: str
    start: int
    end: int
    speaker: Speaker | None = None
    cue: Cue | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    sentence_start: int | None = None
    sentence_end: int | None = None
    published_at: datetime | None = None
    source: str | None = None
    url: str | None = None
    # True for a source's attribution that only relays a direct quote with its frame ("“…,”
    # Morn said, according to the Ledger": the Ledger reports that Morn said it). The words, and
    # any stance in them, are the direct quote's, which is its own record. Left out of the JSON
    # when false, so records without it (all others, and those from before the field) read as
    # not relayed.
    relayed: bool = Field(default=False, exclude_if=lambda v: not v)


# --------------------------------------------------------------------------- stance

PloverCategory = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
PLOVER_CATEGORIES: tuple[str, ...] = PloverCategory.__args__  # type: ignore[attr-defined]

Modality = Literal["asserted", "intended", "conditional", "negated", "hypothetical", "awaited"]
# How a piece of evidence was learned: "said" (a quote or attribution of the actor's words) or
# "did" (a reported act: "X imposed sanctions on Y"). Records from before the field are "said".
Basis = Literal["said", "did"]
# What a stance change rests on: only quoted words, only reported acts, or both.
ChangeBasis = Literal["said", "did", "said+did"]


def basis_mix(said: int, did: int) -> str:
    """The evidence mix as people read it ("3 said, 2 did"; a side with none is left out), so
    the web view, the alert printout and exports word it the same way."""
    parts = [f"{said} said"] if said else []
    if did:
        parts.append(f"{did} did")
    return ", ".join(parts)


class ActorRef(Model):
    id: str
    name: str
    kind: ActorKind = ActorKind.unknown


class TargetRef(Model):
    id: str
    name: str
    # "actor" for a canonical actor, "issue" for a topic from the issue lexicon.
    kind: Literal["actor", "issue"] = "actor"


class StanceEvidence(Model):
    """One piece of evidence of who is for or against whom/what; ``stances`` topic, keyed by actor id."""

    evidence_id: str
    article_id: str
    actor: ActorRef
    target: TargetRef
    category: PloverCategory | None = None  # None: a neutral statement
    mode: str | None = None
    score: float = Field(ge=-10.0, le=10.0)
    modality: Modality = "asserted"
    confidence: float = Field(ge=0.0, le=1.0)
    basis: Basis = "said"
    quote_id: str | None = None
    quote_text: str | None = None
    sentence_start: int
    sentence_end: int
    sentence: str = ""
    published_at: datetime
    source: str = "unknown"
    url: str | None = None
    ingested_at: datetime | None = None
    # Which version of the article this came from (a prefix of its content hash), set by the
    # extract stage. A corrected re-send of an article (same id, new text) passes dedupe by
    # design; positions use this with ``ingested_at`` to replace the article's earlier
    # contribution instead of adding to it. None (offline extraction, older records): unknown.
    article_version: str | None = None


class ExtractionResult(Model):
    """One line of ``stancewire extract`` output."""

    article_id: str
    quotes: list[Quote] = Field(default_factory=list)
    stances: list[StanceEvidence] = Field(default_factory=list)


# --------------------------------------------------------------------------- positions

Label = Literal["cooperative", "neutral", "conflictual"]


class EvidenceSummary(Model):
    evidence_id: str
    article_id: str
    score: float
    category: PloverCategory | None = None
    modality: Modality = "asserted"
    basis: Basis = "said"
    published_at: datetime
    quote_text: str | None = None
    url: str | None = None
    source: str = "unknown"


class EvidencePoint(Model):
    """What one evidence item adds to a position's decayed sums (weight already includes confidence)."""

    evidence_id: str
    published_at: datetime
    weight: float
    score: float
    basis: Basis = "said"  # kept so a position can say how its evidence was learned


class ArticleContribution(Model):
    """One article's evidence on one position, for the version of the article last applied.

    Kept per article so a redelivered evidence id is recognised however much history there is,
    and so a newer version of the article replaces this one instead of adding to it.
    """

    article_id: str
    version: str | None = None  # StanceEvidence.article_version
    ingested_at: datetime | None = None
    source: str = "unknown"
    evidence: list[EvidencePoint] = Field(default_factory=list)

    @property
    def at(self) -> datetime:
        """The article's event time (its evidence shares it; the earliest if they differ)."""
        return min(p.published_at for p in self.evidence)


class FoldedEvidence(Model):
    """Contributions compacted out of a position's per-article detail (older or beyond the cap).

    Their ids and versions are no longer known; ``through`` records the newest folded article
    (event time, article id). A late article older than it is still folded in at its own time;
    redelivered folded evidence is recognised by the actor's recent applied ids.
    """

    weighted_sum: float = 0.0  # decayed to ``at``
    weight: float = 0.0
    at: datetime
    evidence_count: int = 0
    article_count: int = 0
    # Of ``evidence_count``, the reported acts (basis "did"); the rest were said.
    did_count: int = 0
    sources: list[str] = Field(default_factory=list)
    first_seen: datetime
    # None for a value migrated from the schema without per-article detail (no cutoff known).
    through: tuple[datetime, str] | None = None


class Position(Model):
    """An actor's current position on one target (decayed, confidence-weighted mean score)."""

    actor: ActorRef
    target: TargetRef
    score: float = 0.0
    label: Label = "neutral"
    evidence_count: int = 0
    # Of ``evidence_count``: the reported acts (basis "did"). Stored; ``said_count`` is the rest,
    # derived, so a value written before the field reads as all said (as its evidence was).
    did_count: int = 0
    sources: list[str] = Field(default_factory=list)
    # Ids of the articles tracked in ``contributions`` (bounded); ``article_count`` counts all.
    articles: list[str] = Field(default_factory=list)
    article_count: int = 0
    first_seen: datetime
    last_seen: datetime
    # Decayed sums at ``last_seen`` (event time); keeping them makes folding order-free.
    weighted_sum: float = 0.0
    weight: float = 0.0
    recent_evidence: list[EvidenceSummary] = Field(default_factory=list)
    # The label last published on ``stance-changes`` and the score it was published at.
    published_label: Label | None = None
    published_score: float | None = None
    # Score history (event time, decayed score) for the timeline chart.
    history: list[tuple[datetime, float]] = Field(default_factory=list)
    # Per-article detail, sorted by (event time, article id), and the compacted remainder. The
    # sums above are derived from these two. Values written before they existed decode with
    # the defaults and are migrated on their next update (see stancewire.positions).
    contributions: list[ArticleContribution] = Field(default_factory=list)
    folded: FoldedEvidence | None = None

    @property
    def source_count(self) -> int:
        return len(self.sources)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def said_count(self) -> int:
        """Of ``evidence_count``: quotes and attributions (basis "said")."""
        return max(0, self.evidence_count - self.did_count)


class ActorPositions(Model):
    """Value of the ``positions`` table, keyed by actor id."""

    actor: ActorRef
    positions: dict[str, Position] = Field(default_factory=dict)  # by target id
    # The most recently folded evidence ids (bounded). Idempotency is decided per position
    # (``Position.contributions``); this list is kept for observers (the benchmark reads when an
    # id first appears in the changelog) and to recognise evidence applied to a position written
    # before per-article detail existed.
    applied: list[str] = Field(default_factory=list)
    updated_at: datetime | None = None


class ActorQuotes(Model):
    """Value of the ``actor-quotes`` table, keyed by speaker id: the newest quotes first."""

    actor: ActorRef
    quotes: list[Quote] = Field(default_factory=list)
    total: int = 0
    # Ids of the most recently counted quotes (bounded, oldest first; more than are kept), so a
    # redelivered quote that already dropped out of ``quotes`` is not counted in ``total`` again.
    counted: list[str] = Field(default_factory=list)


class StanceChange(Model):
    """An alert on ``stance-changes`` (keyed by actor id); ``change_id`` is stable for dedupe."""

    change_id: str
    kind: Literal["new", "change"]
    first_seen: bool = False
    actor: ActorRef
    target: TargetRef
    previous: Position | None = None
    current: Position
    previous_label: Label | None = None
    new_label: Label
    delta: float
    evidence: list[EvidenceSummary] = Field(default_factory=list)
    article_ids: list[str] = Field(default_factory=list)
    urls: list[str] = Field(default_factory=list)
    at: datetime  # event time of the evidence that caused it
    ingested_at: datetime | None = None  # when the article that caused it entered the pipeline
    emitted_at: datetime = Field(default_factory=utcnow)

    # Derived from ``evidence`` (so alerts written before these existed have them too): what the
    # change rests on, for subscribers that weigh a reported act and a quoted word differently.
    @computed_field  # type: ignore[prop-decorator]
    @property
    def basis_counts(self) -> dict[Basis, int]:
        """How many of ``evidence`` were said and how many done."""
        return {
            "said": sum(e.basis == "said" for e in self.evidence),
            "did": sum(e.basis == "did" for e in self.evidence),
        }

    @computed_field  # type: ignore[prop-decorator]
    @property
    def basis(self) -> ChangeBasis:
        """``said`` (only quoted words), ``did`` (only reported acts) or ``said+did``."""
        counts = self.basis_counts
        if counts["did"] and counts["said"]:
            return "said+did"
        return "did" if counts["did"] else "said"


# --------------------------------------------------------------------------- errors


class DeadLetter(Model):
    """A record that could not be processed, with the reason; ``articles.dead-letter`` topic."""

    original: str  # the original bytes, base64-encoded (they may not be UTF-8)
    original_preview: str = ""  # first bytes decoded leniently, for humans
    topic: str
    partition: int | None = None
    offset: int | None = None
    stage: str = "ingest"
    error: str
    error_kind: str
    article_id: str | None = None
    received_at: datetime = Field(default_factory=utcnow)
