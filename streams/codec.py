"""The one codec layer that puts pydantic models on the wire (Faust has no pydantic support).

Topics and tables use ``PydanticCodec(Model)`` as their value serializer, so agents send and
receive validated pydantic objects and the bytes on Kafka are plain JSON any consumer can read.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Generic, TypeVar

from faust.serializers.codecs import Codec
from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


def encode(model: BaseModel) -> bytes:
    return model.model_dump_json(exclude_none=False).encode("utf-8")


def decode(model_type: type[M], data: bytes | str) -> M:
    return model_type.model_validate_json(data)


class PydanticCodec(Codec, Generic[M]):
    """Faust codec for one pydantic model type.

    Dumping accepts the model itself or a plain dict (validated first) so a wrong shape fails at
    the sender, not at every consumer.

    ``memo`` > 0 (table values) remembers the last few values encoded or decoded. Faust encodes a
    table value twice per write (the RocksDB store, then the changelog record) and decodes it from
    RocksDB on every read, and a busy actor's value is tens of kB of JSON: the memo makes that one
    encode per write and no decode when the stored bytes are the ones just written. A decode hit
    is keyed by the exact bytes, so it can only return an equal value; values are never mutated
    in place (tables only log assignments), so sharing the object is safe.
    """

    def __init__(self, model_type: type[M], memo: int = 0, **kwargs: Any) -> None:
        self.model_type = model_type
        self.memo = memo
        self._encoded: OrderedDict[int, tuple[M, bytes]] = OrderedDict()
        self._decoded: OrderedDict[bytes, M] = OrderedDict()
        super().__init__(model_type=model_type, **kwargs)

    def _dumps(self, obj: Any) -> bytes:
        if isinstance(obj, bytes | bytearray):
            # Already encoded from this model (the NLP process encodes its output itself so
            # the event loop does not validate and re-encode every record).
            return bytes(obj)
        if not isinstance(obj, self.model_type):
            obj = self.model_type.model_validate(obj)
        if not self.memo:
            return encode(obj)
        hit = self._encoded.get(id(obj))
        if hit is not None and hit[0] is obj:  # the entry holds obj, so its id is not reused
            return hit[1]
        data = encode(obj)
        self._remember(self._encoded, id(obj), (obj, data))
        self._remember(self._decoded, data, obj)
        return data

    def _loads(self, s: bytes) -> M:
        if not self.memo or not isinstance(s, bytes):
            return decode(self.model_type, s)
        hit = self._decoded.get(s)
        if hit is not None:
            self._decoded.move_to_end(s)
            return hit
        obj = decode(self.model_type, s)
        self._remember(self._decoded, s, obj)
        return obj

    def _remember(self, memo: OrderedDict[Any, Any], key: Any, value: Any) -> None:
        memo[key] = value
        memo.move_to_end(key)
        while len(memo) > self.memo:
            memo.popitem(last=False)

    def clone(self, *children: Any) -> PydanticCodec[M]:
        # Faust clones codecs when combining them ("json|binary"); keep the model type.
        return type(self)(self.model_type, memo=self.memo)
