"""Every kind of bad record lands on the dead-letter topic with its reason; the worker goes on."""

from __future__ import annotations

import base64
import json

import pytest

from stancewire.schemas import DeadLetter, Quote

pytestmark = pytest.mark.broker

GOOD = {
    "id": "good-1",
    "text": "Mayor Lena Hart said the bridge would reopen in May.",
    "published_at": "2025-02-01T00:00:00Z",
    "synthetic": True,
}

BAD: dict[str, bytes | None] = {
    "malformed_json": b'{"id": "x1", "text": "unterminated',
    "invalid_utf8": b'{"id": "x2", "text": "caf\xe9"}',
    "wrong_type": b'["an", "array"]',
    "missing_text": json.dumps({"id": "x3", "title": "no text"}).encode(),
    "invalid_article": json.dumps({"id": 42, "text": "id is a number"}).encode(),
    "oversize": json.dumps({"id": "x4", "text": "word " * 120_000}).encode(),
    "invalid_date": json.dumps(
        {"id": "x5", "text": "Fine text.", "published_at": "1066-10-14T00:00:00Z"}
    ).encode(),
    "control_characters": json.dumps({"id": "x6", "text": "ok\x00bad"}).encode(),
    "empty_record": None,
}


def test_each_bad_kind_is_dead_lettered(make_pipeline) -> None:
    p = make_pipeline(max_article_bytes=300_000)
    worker = p.start_worker()
    records = [(b'"bad"', value) for value in BAD.values()]
    records.insert(4, (json.dumps(GOOD["id"]).encode(), json.dumps(GOOD).encode()))
    # Deeply nested JSON, blank text: more shapes of garbage.
    records.append((None, b"[" * 50_000 + b"]" * 50_000))
    records.append((None, json.dumps({"id": "x7", "text": "   \n "}).encode()))
    p.feed_raw(records)
    p.wait_idle()
    assert worker.alive()

    letters = p.read_topic("articles.dead-letter", DeadLetter)
    kinds = [d.error_kind for d in letters]
    for kind in BAD:
        assert kind in kinds, (kind, kinds)
    assert len(letters) == len(records) - 1
    for letter in letters:
        assert letter.error and letter.topic == f"{p.name}.articles" and letter.offset is not None
    # The original bytes are kept (base64) so nothing is lost.
    invalid = next(d for d in letters if d.error_kind == "invalid_utf8")
    assert base64.b64decode(invalid.original) == BAD["invalid_utf8"]

    quotes = p.read_topic("quotes", Quote)
    assert any(q.article_id == "good-1" and q.speaker and q.speaker.name == "Lena Hart" for q in quotes)


def test_article_over_the_brokers_message_max_bytes(make_pipeline) -> None:
    """Apache Kafka refuses a record over ``message.max.bytes`` (kafka/server.properties: 2,000,000)
    with a clear error to the producer, and nothing reaches the topic; one just under it reaches
    the worker, which dead-letters it as oversize with its original truncated to fit a record."""
    from aiokafka.errors import MessageSizeTooLargeError

    from stancewire.kafka_config import shared_settings

    limit = int(shared_settings()["message.max.bytes"])
    p = make_pipeline()
    worker = p.start_worker()
    over = json.dumps({"id": "too-big", "text": "word " * (limit // 5 + 1000)}).encode()
    assert len(over) > limit
    with pytest.raises(MessageSizeTooLargeError):
        p.feed_raw([(b'"too-big"', over)])
    assert p.counts()["articles"] == 0, "the broker stored nothing of the refused record"

    under = json.dumps({"id": "big", "text": "word " * ((limit - 10_000) // 5)}).encode()
    assert p.settings.max_article_bytes < len(under) < limit
    p.feed_raw([(b'"big"', under), (json.dumps(GOOD["id"]).encode(), json.dumps(GOOD).encode())])
    p.wait_idle()
    assert worker.alive()
    letters = p.read_topic("articles.dead-letter", DeadLetter)
    assert [d.error_kind for d in letters] == ["oversize"]
    assert "original truncated" in letters[0].error
    assert any(q.article_id == "good-1" for q in p.read_topic("quotes", Quote))
