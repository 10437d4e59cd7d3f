"""CSV and JSON-lines exports of positions, evidence and stance changes, streamed.

Rows come from generators and go out in chunks of ``CHUNK_ROWS`` on a chunked HTTP response,
so an export of any size holds one chunk in memory, and the worker's event loop (which also
runs the pipeline) gets control back between chunks.

Spreadsheet safety: a text cell starting with ``= + - @`` (or a tab/CR) would run as a formula
when the CSV is opened in a spreadsheet; such cells get a leading apostrophe (OWASP's advice).
Names and quotes come from articles, so they are untrusted. Numbers are written as numbers.
"""

from __future__ import annotations

import asyncio
import csv
import io
import logging
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

from aiohttp import web
from pydantic import BaseModel, ValidationError

from stancewire.schemas import StanceChange, StanceEvidence
from streams.web.http import ApiError
from streams.web.models import PositionRow
from streams.web.readmodel import refresh_metadata

log = logging.getLogger(__name__)

FORMATS = ("json", "csv", "jsonl")
CHUNK_ROWS = 200
MEDIA = {"csv": "text/csv", "jsonl": "application/x-ndjson"}
# Evidence is delivered at least once: a redelivery repeats records close to the original
# (the batch in flight at a crash), so a bounded memory of recent ids removes them without
# holding every id of a large topic.
EVIDENCE_DEDUPE_WINDOW = 100_000
# An evidence export that gets no records for this long while partitions are unfinished fails.
STALL_SECONDS = 30.0


def negotiate(query: Mapping[str, str], accept: str | None) -> str:
    """``?format=`` wins; else the Accept header (text/csv, application/x-ndjson or
    application/jsonl); else JSON."""
    raw = query.get("format")
    if raw:
        if raw not in FORMATS:
            raise ApiError(400, "invalid format", f"must be one of: {', '.join(FORMATS)}")
        return raw
    accept = (accept or "").lower()
    for part in accept.split(","):
        media = part.split(";", 1)[0].strip()
        if media == "text/csv":
            return "csv"
        if media in ("application/x-ndjson", "application/jsonl", "application/jsonlines"):
            return "jsonl"
    return "json"


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    text = str(value)
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


def _join(values: Iterable[object]) -> str:
    return "; ".join(str(v) for v in values)


# --------------------------------------------------------------------------- columns

Column = tuple[str, Callable[[Any], object]]

POSITION_COLUMNS: list[Column] = [
    ("actor_id", lambda r: r.actor.id),
    ("actor_name", lambda r: r.actor.name),
    ("actor_kind", lambda r: r.actor.kind.value),
    ("target_id", lambda r: r.target.id),
    ("target_name", lambda r: r.target.name),
    ("target_kind", lambda r: r.target.kind),
    ("score", lambda r: r.score),
    ("label", lambda r: r.label),
    ("evidence_count", lambda r: r.evidence_count),
    ("said_count", lambda r: r.said_count),
    ("did_count", lambda r: r.did_count),
    ("source_count", lambda r: r.source_count),
    ("sources", lambda r: _join(r.sources)),
    ("first_seen", lambda r: r.first_seen),
    ("last_seen", lambda r: r.last_seen),
    ("last_change_at", lambda r: r.last_change.at if r.last_change else None),
    ("last_change_from", lambda r: r.last_change.previous_label if r.last_change else None),
    ("last_change_to", lambda r: r.last_change.new_label if r.last_change else None),
    ("last_change_basis", lambda r: r.last_change.basis if r.last_change else None),
]

EVIDENCE_COLUMNS: list[Column] = [
    ("evidence_id", lambda e: e.evidence_id),
    ("article_id", lambda e: e.article_id),
    ("published_at", lambda e: e.published_at),
    ("actor_id", lambda e: e.actor.id),
    ("actor_name", lambda e: e.actor.name),
    ("target_id", lambda e: e.target.id),
    ("target_name", lambda e: e.target.name),
    ("target_kind", lambda e: e.target.kind),
    ("category", lambda e: e.category),
    ("mode", lambda e: e.mode),
    ("score", lambda e: e.score),
    ("modality", lambda e: e.modality),
    ("basis", lambda e: e.basis),
    ("confidence", lambda e: e.confidence),
    ("quote_text", lambda e: e.quote_text),
    ("source", lambda e: e.source),
    ("url", lambda e: e.url),
    ("article_version", lambda e: e.article_version),
]

CHANGE_COLUMNS: list[Column] = [
    ("change_id", lambda c: c.change_id),
    ("kind", lambda c: c.kind),
    ("emitted_at", lambda c: c.emitted_at),
    ("at", lambda c: c.at),
    ("actor_id", lambda c: c.actor.id),
    ("actor_name", lambda c: c.actor.name),
    ("target_id", lambda c: c.target.id),
    ("target_name", lambda c: c.target.name),
    ("previous_label", lambda c: c.previous_label),
    ("new_label", lambda c: c.new_label),
    ("previous_score", lambda c: round(c.previous.score, 3) if c.previous else None),
    ("score", lambda c: round(c.current.score, 3)),
    ("delta", lambda c: round(c.delta, 3)),
    ("basis", lambda c: c.basis),
    ("basis_said", lambda c: c.basis_counts["said"]),
    ("basis_did", lambda c: c.basis_counts["did"]),
    ("evidence_count", lambda c: c.current.evidence_count),
    ("said_count", lambda c: c.current.said_count),
    ("did_count", lambda c: c.current.did_count),
    ("article_ids", lambda c: _join(c.article_ids)),
    ("urls", lambda c: _join(c.urls)),
]

COLUMNS: dict[type[BaseModel], list[Column]] = {
    PositionRow: POSITION_COLUMNS,
    StanceEvidence: EVIDENCE_COLUMNS,
    StanceChange: CHANGE_COLUMNS,
}


def _csv_text(rows: Iterable[list[object]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def encode_batch(fmt: str, model: type[BaseModel], batch: list[BaseModel], *, header: bool = False) -> str:
    """One chunk: ``batch`` as CSV rows (with the header line first if ``header``) or JSON lines."""
    if fmt == "jsonl":
        return "".join(row.model_dump_json() + "\n" for row in batch)
    columns = COLUMNS[model]
    lines: list[list[object]] = [[name for name, _ in columns]] if header else []
    lines.extend([_cell(get(row)) for _, get in columns] for row in batch)
    return _csv_text(lines)


def batches(rows: Iterable[BaseModel], size: int = CHUNK_ROWS) -> Iterator[list[BaseModel]]:
    """``rows`` in lists of ``size``, pulled lazily (the source is never read ahead further)."""
    batch: list[BaseModel] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


async def abatches(
    rows: Iterable[BaseModel] | AsyncIterator[BaseModel], size: int = CHUNK_ROWS
) -> AsyncIterator[list[BaseModel]]:
    if not isinstance(rows, AsyncIterator):
        for batch in batches(rows, size):
            yield batch
        return
    batch: list[BaseModel] = []
    async for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


async def chunks(
    fmt: str, model: type[BaseModel], rows: Iterable[BaseModel] | AsyncIterator[BaseModel]
) -> AsyncIterator[str]:
    """The export body chunk by chunk; a CSV always has its header, even with no rows."""
    header = fmt == "csv"
    async for batch in abatches(rows):
        yield encode_batch(fmt, model, batch, header=header)
        header = False
    if header:
        yield encode_batch(fmt, model, [], header=True)


async def stream(
    request: web.Request,
    fmt: str,
    name: str,
    model: type[BaseModel],
    rows: Iterable[BaseModel] | AsyncIterator[BaseModel],
) -> web.StreamResponse:
    """Write ``rows`` as CSV or JSON lines on a chunked response named ``name``.

    A failure after the first chunk cannot become an error status any more: the connection is
    aborted instead, so the client sees a truncated transfer rather than a file that looks whole.
    """
    resp = web.StreamResponse(
        headers={
            "Content-Type": f"{MEDIA[fmt]}; charset=utf-8",
            "Content-Disposition": f'attachment; filename="stancewire-{name}.{fmt}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
        }
    )
    resp.enable_chunked_encoding()
    await resp.prepare(request)
    try:
        async for chunk in chunks(fmt, model, rows):
            await resp.write(chunk.encode("utf-8"))
            await asyncio.sleep(0)  # the pipeline shares this event loop
        await resp.write_eof()
    except (ConnectionResetError, asyncio.CancelledError):
        raise
    except Exception:
        log.exception("export of %s failed mid-stream; aborting the response", name)
        if request.transport is not None:
            request.transport.abort()
    finally:
        # A Kafka-backed source holds a consumer until closed (also when the client left early).
        aclose = getattr(rows, "aclose", None)
        if aclose is not None:
            await aclose()
    return resp


# --------------------------------------------------------------------------- evidence from Kafka


async def read_evidence(
    kafka_kwargs: dict[str, object],
    topic: str,
    *,
    keep: Callable[[StanceEvidence], bool],
    actors: set[str] | None = None,
) -> AsyncIterator[StanceEvidence]:
    """Every evidence record on ``topic`` up to its end offsets at the start, filtered by ``keep``.

    The ``stances`` topic is the complete record (positions keep only the newest evidence), so
    exports read it: all partitions from the beginning, with a plain consumer outside any group.
    ``actors`` (ids) skips other actors' records by key, before decoding them. Malformed records
    are logged and skipped (the pipeline dead-letters bad input before it reaches this topic).
    """
    import json

    from aiokafka import AIOKafkaConsumer, TopicPartition

    consumer = AIOKafkaConsumer(
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        client_id="stancewire-web-export",
        **kafka_kwargs,
    )  # type: ignore[arg-type]
    await consumer.start()
    try:
        parts = consumer.partitions_for_topic(topic)
        if not parts:
            # Not ``consumer.topics()``: on Apache Kafka it leaves the client's own view of the
            # partitions empty for an assign-only consumer, so every export came out empty (see
            # streams.web.readmodel.refresh_metadata).
            await refresh_metadata(consumer)
            parts = consumer.partitions_for_topic(topic) or set()
        tps = [TopicPartition(topic, p) for p in sorted(parts)]
        if not tps:
            return
        ends = await consumer.end_offsets(tps)
        todo = {tp for tp in tps if ends[tp] > 0}
        if not todo:
            return
        consumer.assign(sorted(todo))
        await consumer.seek_to_beginning(*todo)
        seen: OrderedDict[str, None] = OrderedDict()
        wanted_keys = {json.dumps(a).encode() for a in actors} if actors is not None else None
        last_progress = time.monotonic()
        while todo:
            batches = await consumer.getmany(*todo, timeout_ms=1_000, max_records=1_000)
            if batches:
                last_progress = time.monotonic()
            elif time.monotonic() - last_progress > STALL_SECONDS:
                # Broker away, or records that never arrive: fail (the response is aborted, so
                # the client sees an incomplete download), never end a short file as if complete.
                raise RuntimeError(
                    f"evidence export stalled: no records for {STALL_SECONDS:.0f} s "
                    f"with {sorted(str(tp) for tp in todo)} unfinished"
                )
            for tp, records in batches.items():
                for rec in records:
                    if rec.offset >= ends[tp]:
                        break
                    if wanted_keys is not None and rec.key not in wanted_keys:
                        continue
                    try:
                        ev = StanceEvidence.model_validate_json(rec.value or b"")
                    except ValidationError as exc:
                        log.warning(
                            "export: skipping malformed evidence at %s:%d: %s",
                            tp,
                            rec.offset,
                            exc.errors()[:1],
                        )
                        continue
                    if ev.evidence_id in seen or not keep(ev):
                        continue
                    seen[ev.evidence_id] = None
                    if len(seen) > EVIDENCE_DEDUPE_WINDOW:
                        seen.popitem(last=False)
                    yield ev
            for tp in list(todo):
                if await consumer.position(tp) >= ends[tp]:
                    todo.discard(tp)
                    consumer.pause(tp)
    finally:
        await consumer.stop()
