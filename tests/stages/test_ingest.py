"""``stancewire.stages.ingest``: raw records in, valid articles or dead letters out."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from typing import cast

from hypothesis import given, settings
from hypothesis import strategies as st

from stancewire.schemas import Article
from stancewire.stages.dead_letter import dead_letter_key
from stancewire.stages.ingest import RawRecord, ingest
from stancewire.stages.records import ARTICLES_VALID
from stancewire.validation import Limits

from .sink import Sink

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
LIMITS = Limits(max_article_bytes=2_000, max_text_chars=1_000, max_sentence_tokens=100)
KEEP = 1_000
# Fictional people and places (synthetic test data).
TEXT = "Foreign Minister Ilse Varga-Tamm of Veltria said the border talks would resume."


def raw(value: bytes | None, offset: int = 0, timestamp: float | None = None) -> RawRecord:
    return RawRecord(value, "t.articles", partition=1, offset=offset, timestamp=timestamp)


def run(records: list[RawRecord], limits: Limits = LIMITS) -> Sink:
    sink = Sink()
    for r in records:
        sink.take(ingest(r, limits, max_original_bytes=KEEP, now=NOW), [r])
    return sink


def test_valid_articles_are_rekeyed_by_id_and_stamped_with_the_record_time() -> None:
    body = {"id": "veltria-1", "text": TEXT, "synthetic": True}
    sink = run([raw(json.dumps(body).encode(), timestamp=1_767_225_600.5), raw(json.dumps(body).encode())])
    assert [(r.topic, r.key) for r in sink.records] == [(ARTICLES_VALID, "veltria-1")] * 2
    first, second = (cast(Article, r.value) for r in sink.records)
    assert first.ingested_at == datetime.fromtimestamp(1_767_225_600.5, UTC)
    assert second.ingested_at == NOW  # no record time: the time it is processed
    assert first.text == TEXT and sink.dead_letters == []


def test_each_bad_record_becomes_one_dead_letter_with_its_reason_and_origin() -> None:
    bad = [
        b"",
        b"\xff\xfe not utf-8",
        b'{"id": "x", "text": ',
        b"[1, 2, 3]",
        b'{"id": "veltria-2", "title": "no text"}',
        b'{"id": "veltria-3", "text": "' + b"word " * 500 + b'"}',
    ]
    sink = run([raw(v, offset=i) for i, v in enumerate(bad)])
    assert sink.records == []
    kinds = [d.error_kind for d in sink.dead_letters]
    assert kinds == [
        "empty_record",
        "invalid_utf8",
        "malformed_json",
        "wrong_type",
        "missing_text",
        "oversize",
    ]
    for i, (letter, value) in enumerate(zip(sink.dead_letters, bad, strict=True)):
        assert (letter.stage, letter.topic, letter.partition, letter.offset) == ("ingest", "t.articles", 1, i)
        assert base64.b64decode(letter.original) == value[:KEEP]  # the oversize one truncated
        assert letter.error.startswith(letter.error_kind)
    assert sink.dead_letters[4].article_id == "veltria-2"
    assert dead_letter_key(sink.dead_letters[4]) == "veltria-2"
    assert dead_letter_key(sink.dead_letters[0]) == "t.articles:1:0"


def test_a_validator_bug_is_dead_lettered_as_an_internal_error() -> None:
    broken = cast(Limits, object())  # no limits at all: parse_article raises AttributeError
    sink = run([raw(json.dumps({"id": "a", "text": TEXT}).encode())], limits=broken)
    assert sink.records == []
    assert [d.error_kind for d in sink.dead_letters] == ["internal_error"]
    assert "AttributeError" in sink.dead_letters[0].error


def test_a_large_original_is_truncated_and_says_so() -> None:
    value = b"x" * 5_000
    sink = run([raw(value)], limits=Limits(max_article_bytes=10_000))
    (letter,) = sink.dead_letters
    assert base64.b64decode(letter.original) == value[:KEEP]
    assert f"first {KEEP:,} of 5,000 bytes" in letter.error


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=200), st.none()), max_size=10))
def test_any_input_gives_exactly_one_output_per_record_and_never_raises(values: list[bytes | None]) -> None:
    for value in values:
        out = ingest(raw(value), LIMITS, max_original_bytes=KEEP, now=NOW)
        assert len(out.records) + len(out.dead_letters) == 1
        assert out.writes == []
