"""The one codec layer that puts pydantic models on the wire (Faust has no pydantic support).

Topics and tables use ``PydanticCodec(Model)`` as their value serializer, so agents send and
receive validated pydantic objects and the bytes on Kafka are plain JSON any consumer can read.
"""

from __future__ import annotations

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
    """

    def __init__(self, model_type: type[M], **kwargs: Any) -> None:
        self.model_type = model_type
        super().__init__(model_type=model_type, **kwargs)

    def _dumps(self, obj: Any) -> bytes:
        if isinstance(obj, bytes | bytearray):
            # Already encoded from this model (the NLP process encodes its output itself so
            # the event loop does not validate and re-encode every record).
            return bytes(obj)
        if not isinstance(obj, self.model_type):
            obj = self.model_type.model_validate(obj)
        return encode(obj)

    def _loads(self, s: bytes) -> M:
        return decode(self.model_type, s)

    def clone(self, *children: Any) -> PydanticCodec[M]:
        # Faust clones codecs when combining them ("json|binary"); keep the model type.
        return type(self)(self.model_type)
