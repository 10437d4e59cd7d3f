"""Tables: RocksDB-backed, changelog-replicated, keyed by JSON keys co-partitioned with their topics."""

from __future__ import annotations

import faust
from faust.types.codecs import CodecArg

from stancewire.schemas import ActorPositions, ActorQuotes, Position
from streams.app import app, settings
from streams.codec import PydanticCodec


def _table(name: str, value_serializer: CodecArg) -> faust.Table:
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


# article id -> content hash of the version already accepted (dedupe of re-sent articles).
articles_seen = _table("articles-seen", "json")

# actor id -> ActorPositions: every position's summary per target, recently applied evidence ids.
positions = _table("positions", PydanticCodec(ActorPositions, memo=settings.table_value_memo))

# stancewire.positions.detail_key(actor id, target id) -> the full Position (per-article detail,
# recent evidence, score history). Written with the actor's stance events, so each value lives in
# the partition of its actor (the partition ``positions`` routes the actor to), whatever its key.
position_detail = _table("position-detail", PydanticCodec(Position, memo=settings.table_value_memo))

# speaker id -> ActorQuotes (recent quotes by this speaker, for the web view).
actor_quotes = _table("actor-quotes", PydanticCodec(ActorQuotes, memo=settings.table_value_memo))
