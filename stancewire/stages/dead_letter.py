"""Building dead letters: the original bytes (possibly truncated) and the reason, as plain data."""

from __future__ import annotations

import base64

from stancewire.schemas import DeadLetter


def _utf8_safe(text: str | None) -> str | None:
    # Lone surrogates (JSON "\ud800" escapes decode to them) cannot be encoded as UTF-8, so a
    # dead letter carrying one failed to serialize, crashing the agent (record lost). Escape them.
    if text is None:
        return None
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def dead_letter_for(
    raw: bytes | None,
    *,
    topic: str,
    partition: int | None,
    offset: int | None,
    stage: str,
    kind: str,
    error: str,
    max_original_bytes: int,
    article_id: str | None = None,
) -> DeadLetter:
    """The dead letter of ``raw``, keeping at most ``max_original_bytes`` of it.

    The bound comes from the producer's request size (the agent knows it): a dead letter that
    carried all of a record near that size could not be sent, and the failed send lost it."""
    data = raw or b""
    keep = max_original_bytes
    if len(data) > keep:
        # Keep the head (enough to identify the sender) and say plainly that it is partial.
        error = f"{error} [original truncated to its first {keep:,} of {len(data):,} bytes]"
    return DeadLetter(
        original=base64.b64encode(data[:keep]).decode("ascii"),
        original_preview=data[:300].decode("utf-8", "replace"),
        topic=topic,
        partition=partition,
        offset=offset,
        stage=stage,
        error=_utf8_safe(error) or "",
        error_kind=kind,
        article_id=_utf8_safe(article_id),
    )


def dead_letter_key(record: DeadLetter) -> str:
    """The key of a dead letter on its topic: the article id, else where the record came from."""
    return record.article_id or f"{record.topic}:{record.partition}:{record.offset}"
