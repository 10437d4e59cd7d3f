"""Tables: RocksDB-backed, changelog-replicated, keyed by JSON keys co-partitioned with their topics."""

from __future__ import annotations

import faust
from faust.types.codecs import CodecArg

from stancewire.schemas import ActorPositions, ActorQuotes
from streams.app import app
from streams.codec import PydanticCodec


def _table(name: str, value_serializer: CodecArg) -> faust.Table:
    table = app.Table(name, default=None)
    # Faust derives table serializers from value_type (JSON unless a faust Record says
    # otherwise) and ignores a Schema here; the store and the changelog topic are created
    # lazily from these attributes, so setting them before start is what takes effect.
    # Keys stay JSON, as on every topic: table_route hashes the changelog's serialized key.
    table.key_serializer = "json"
    table.value_serializer = value_serializer
    return table


# article id -> content hash of the version already accepted (dedupe of re-sent articles).
articles_seen = _table("articles-seen", "json")

# actor id -> ActorPositions (positions per target, recently applied evidence ids).
positions = _table("positions", PydanticCodec(ActorPositions))

# speaker id -> ActorQuotes (recent quotes by this speaker, for the web view).
actor_quotes = _table("actor-quotes", PydanticCodec(ActorQuotes))
