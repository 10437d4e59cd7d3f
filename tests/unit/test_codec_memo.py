"""The table-value memo of ``PydanticCodec``: one encode per written value, no decode of bytes
just written, bounded, and never a wrong value."""

from __future__ import annotations

from stancewire.schemas import ActorKind, ActorQuotes, ActorRef
from streams.codec import PydanticCodec


def _value(name: str) -> ActorQuotes:
    return ActorQuotes(actor=ActorRef(id=f"person:{name.lower()}", name=name, kind=ActorKind.person))


def test_a_written_value_is_encoded_once_and_read_back_without_decoding() -> None:
    codec = PydanticCodec(ActorQuotes, memo=4)
    value = _value("Anna Vell")
    stored = codec.dumps(value)  # the RocksDB store's encode
    logged = codec.dumps(value)  # the changelog's encode of the same assignment
    assert stored is logged
    # Read back from the store (a fresh bytes object with the same content): the very object.
    assert codec.loads(bytes(bytearray(stored))) is value


def test_hits_only_on_identical_bytes_and_objects() -> None:
    codec = PydanticCodec(ActorQuotes, memo=4)
    a, b = _value("Anna Vell"), _value("Boris Tal")
    da, db = codec.dumps(a), codec.dumps(b)
    assert codec.loads(da) is a and codec.loads(db) is b
    # An equal but distinct object is encoded on its own (ids are never trusted without the object).
    a2 = _value("Anna Vell")
    assert codec.dumps(a2) == da and codec.dumps(a2) is not da
    # Unknown bytes decode normally to an equal, new object.
    other = _value("Cora Lin").model_dump_json().encode()
    decoded = codec.loads(other)
    assert decoded.actor.name == "Cora Lin"


def test_the_memo_is_bounded() -> None:
    codec = PydanticCodec(ActorQuotes, memo=3)
    values = [_value(f"Name{i}") for i in range(10)]
    encoded = [codec.dumps(v) for v in values]
    assert len(codec._encoded) == 3 and len(codec._decoded) == 3
    # The oldest were evicted: their bytes decode to a new (equal) object.
    again = codec.loads(encoded[0])
    assert again is not values[0] and again == values[0]
    assert codec.loads(encoded[-1]) is values[-1]


def test_memo_off_and_clones_keep_the_setting() -> None:
    plain = PydanticCodec(ActorQuotes)
    v = _value("Dan Ox")
    assert plain.loads(plain.dumps(v)) is not v
    assert plain.loads(plain.dumps(v)) == v
    assert PydanticCodec(ActorQuotes, memo=5).clone().memo == 5
