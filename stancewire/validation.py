"""Turning raw records into ``Article`` objects, or a clear reason why not.

Pure and Faust-free so that the ingest agent and ``stancewire feed`` (which rejects bad files
locally before sending) apply exactly the same rules.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pydantic import ValidationError

from stancewire.schemas import Article


@dataclass(frozen=True)
class Limits:
    max_article_bytes: int = 400_000
    max_text_chars: int = 100_000
    max_sentence_tokens: int = 2_000


class RejectedRecord(ValueError):
    """A record that cannot become an Article; ``kind`` is a stable machine-readable reason."""

    def __init__(self, kind: str, message: str, article_id: str | None = None) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind = kind
        self.message = message
        self.article_id = article_id


# C0 controls other than tab/newline/carriage return, and DEL. Real articles carry at most a
# stray one (form feed, vertical tab); junk carries many.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SENTENCE_END = re.compile(r"[.!?;:\n]+")
EARLIEST_DATE = datetime(1900, 1, 1, tzinfo=UTC)


def _summarize_validation(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        loc = ".".join(str(p) for p in err["loc"]) or "record"
        parts.append(f"{loc}: {err['msg']}")
    return "; ".join(parts)


def _longest_sentence_tokens(text: str) -> int:
    return max((len(chunk.split()) for chunk in _SENTENCE_END.split(text)), default=0)


def check_article(article: Article, limits: Limits, now: datetime | None = None) -> Article:
    """Content checks that need a parsed article (size, dates, junk)."""
    text = article.text
    if len(text) > limits.max_text_chars:
        raise RejectedRecord(
            "oversize", f"text has {len(text):,} characters (limit {limits.max_text_chars:,})", article.id
        )
    if "\x00" in text:
        raise RejectedRecord("control_characters", "text contains NUL characters", article.id)
    controls = len(_CONTROL.findall(text))
    if controls > max(3, len(text) // 200):
        raise RejectedRecord("control_characters", f"text contains {controls} control characters", article.id)
    longest = _longest_sentence_tokens(text)
    if longest > limits.max_sentence_tokens:
        raise RejectedRecord(
            "sentence_too_long",
            f"a sentence has {longest:,} tokens (limit {limits.max_sentence_tokens:,})",
            article.id,
        )
    now = now or datetime.now(UTC)
    for name in ("published_at", "fetched_at"):
        value: datetime | None = getattr(article, name)
        if value is not None and not (EARLIEST_DATE <= value <= now + timedelta(days=2)):
            raise RejectedRecord(
                "invalid_date", f"{name} {value.isoformat()} is outside 1900..now", article.id
            )
    return article


def parse_article(raw: bytes | None, limits: Limits, now: datetime | None = None) -> Article:
    """Decode, parse and validate one raw record; raise ``RejectedRecord`` with the reason."""
    if raw is None or len(raw) == 0:
        raise RejectedRecord("empty_record", "record has no value")
    if len(raw) > limits.max_article_bytes:
        raise RejectedRecord("oversize", f"record is {len(raw):,} bytes (limit {limits.max_article_bytes:,})")
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RejectedRecord("invalid_utf8", f"not UTF-8 at byte {exc.start}") from None
    try:
        data = json.loads(decoded)
    except json.JSONDecodeError as exc:
        raise RejectedRecord("malformed_json", f"{exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise RejectedRecord("malformed_json", "JSON nested too deeply") from None
    except ValueError as exc:
        # Not a JSONDecodeError: Python refuses integer literals over sys.get_int_max_str_digits()
        # (4,300) digits with a plain ValueError, which would otherwise escape as an internal error.
        raise RejectedRecord("malformed_json", f"unparseable number: {str(exc)[:120]}") from None
    if not isinstance(data, dict):
        raise RejectedRecord("wrong_type", f"expected a JSON object, got {type(data).__name__}")
    article_id = data.get("id") if isinstance(data.get("id"), str) else None
    try:
        article = Article.model_validate(data)
    except ValidationError as exc:
        kind = (
            "missing_text"
            if any(
                e["loc"] == ("text",) and e["type"] in ("missing", "string_too_short", "value_error")
                for e in exc.errors()
            )
            else "invalid_article"
        )
        raise RejectedRecord(kind, _summarize_validation(exc), article_id) from None
    except RecursionError:
        raise RejectedRecord("invalid_article", "fields nested too deeply", article_id) from None
    return check_article(article, limits, now)
