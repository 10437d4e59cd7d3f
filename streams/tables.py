"""Tables: RocksDB-backed, changelog-replicated, keyed by JSON keys co-partitioned with their topics."""

from __future__ import annotations

from dataclasses import dataclass

import faust
from faust.types.codecs import CodecArg

from stancewire.schemas import ActorPositions, ActorQuotes, Position
from stancewire.settings import Settings
from streams.codec import PydanticCodec


@dataclass(frozen=True)
class Tables:
    """The pipeline's tables on one app (``create_app`` makes them; agents and views receive them)."""

    # article id -> content hash of the version already accepted (dedupe of re-sent articles).
    articles_seen: faust.Table
    # actor id -> ActorPositions: every position's summary per target, recently applied evidence ids.
    positions: faust.Table
    # stancewire.positions.detail_key(actor id, target id) -> the full Position (per-article detail,
    # recent evidence, score history). Written with the actor's stance events, so each value lives
    # in the partition of its actor (the partition ``positions`` routes the actor to), whatever its key.
    position_detail: faust.Table
    # speaker id -> ActorQuotes (recent quotes by this speaker, for the web view).
    actor_quotes: faust.Table


def _table(app: faust.App, settings: Settings, name: str, value_serializer: CodecArg) -> faust.Table:
    # Faust opens one RocksDB per table partition with 64 MB memtables (x3) and a 2 GB block
    # cache each; with 3 tables x N partitions that let the worker's RSS grow with every value
    # written. Small buffers keep memory flat; the values are small and reads hit the cache.
    options = {
        "write_buffer_size": settings.rocksdb_write_buffer_mb * 1024 * 1024,
        "max_write_buffer_number": 2,
        "block_cache_size": settings.rocksdb_block_cache_mb * 1024 * 1024,
    }
    table = app.Table(name, default=None, options=options)
    # Faust derives table serializers from value_type (JSON unless a faust Record says
    # otherwise) and ignores a Schema here; the store and the changelog topic are created
    # lazily from these attributes, so setting them before start is what takes effect.
    # Keys stay JSON, as on every topic: table_route hashes the changelog's serialized key.
    table.key_serializer = "json"
    table.value_serializer = value_serializer
    return table


def create_tables(app: faust.App, settings: Settings) -> Tables:
    memo = settings.table_value_memo
    return Tables(
        articles_seen=_table(app, settings, "articles-seen", "json"),
        positions=_table(app, settings, "positions", PydanticCodec(ActorPositions, memo=memo)),
        position_detail=_table(app, settings, "position-detail", PydanticCodec(Position, memo=memo)),
        actor_quotes=_table(app, settings, "actor-quotes", PydanticCodec(ActorQuotes, memo=memo)),
    )
