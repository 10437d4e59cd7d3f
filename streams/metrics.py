"""Prometheus metrics of this worker (served at ``/metrics`` by the web view)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram

REGISTRY = CollectorRegistry()

articles_received = Counter(
    "stancewire_articles_received_total", "Raw article records read", registry=REGISTRY
)
articles_valid = Counter(
    "stancewire_articles_valid_total", "Articles that passed validation", registry=REGISTRY
)
articles_duplicate = Counter(
    "stancewire_articles_duplicate_total", "Re-sent articles skipped (same id and content)", registry=REGISTRY
)
articles_extracted = Counter(
    "stancewire_articles_extracted_total", "Articles run through the NLP core", registry=REGISTRY
)
dead_letters = Counter(
    "stancewire_dead_letters_total",
    "Records sent to the dead-letter topic",
    ["stage", "kind"],
    registry=REGISTRY,
)
quotes_published = Counter("stancewire_quotes_total", "Quotes published", registry=REGISTRY)
evidence_published = Counter("stancewire_evidence_total", "Stance evidence published", registry=REGISTRY)
evidence_applied = Counter(
    "stancewire_evidence_applied_total", "Evidence folded into positions", registry=REGISTRY
)
evidence_redelivered = Counter(
    "stancewire_evidence_redelivered_total",
    "Evidence ignored because it was already applied",
    registry=REGISTRY,
)
changes_published = Counter(
    "stancewire_stance_changes_total", "Stance-change records published", ["kind"], registry=REGISTRY
)
extract_seconds = Histogram(
    "stancewire_extract_batch_seconds",
    "NLP time per batch",
    registry=REGISTRY,
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30),
)
latency_seconds = Histogram(
    "stancewire_processing_latency_seconds",
    "From article ingest to position update",
    registry=REGISTRY,
    buckets=(0.05, 0.1, 0.25, 0.5, 0.75, 1, 2, 5, 10, 30, 60),
)
