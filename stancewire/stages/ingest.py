"""Stage 1: validate one raw record into an ``Article`` for ``articles.valid``, or dead-letter it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from stancewire.stages.dead_letter import dead_letter_for
from stancewire.stages.records import ARTICLES_VALID, Output, Record
from stancewire.validation import Limits, RejectedRecord, parse_article


@dataclass(frozen=True)
class RawRecord:
    """A record as read from the ``articles`` topic: its bytes and where it came from."""

    value: bytes | None
    topic: str
    partition: int | None = None
    offset: int | None = None
    timestamp: float | None = None  # the Kafka record time, seconds since the epoch


def ingest(raw: RawRecord, limits: Limits, *, max_original_bytes: int, now: datetime) -> Output:
    """One valid article keyed by its id, or one dead letter with the reason; never raises."""

    def reject(kind: str, error: str, article_id: str | None = None) -> Output:
        letter = dead_letter_for(
            raw.value,
            topic=raw.topic,
            partition=raw.partition,
            offset=raw.offset,
            stage="ingest",
            kind=kind,
            error=error,
            max_original_bytes=max_original_bytes,
            article_id=article_id,
        )
        return Output(dead_letters=[letter])

    try:
        article = parse_article(raw.value, limits, now)
    except RejectedRecord as exc:
        return reject(exc.kind, str(exc), exc.article_id)
    except Exception as exc:  # a validator bug must not stop the stream: dead-letter it
        return reject("internal_error", repr(exc)[:500])
    # The time the record entered Kafka; a record without one is stamped with ``now``.
    ts = raw.timestamp
    article.ingested_at = datetime.fromtimestamp(ts, UTC) if ts else now
    # Re-keyed by article id so the dedupe table is co-partitioned whatever key the scraper used.
    return Output(records=[Record(ARTICLES_VALID, article.id, article)])
