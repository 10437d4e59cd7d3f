"""Fuzzed bad input: over 1,000 generated bad records interleaved with good ones; nothing crashes,
every bad record is dead-lettered once with its reason and bytes, every good record is extracted.

Plus property tests of ``parse_article`` itself: for any bytes it returns an ``Article`` (that
can go on the wire) or raises ``RejectedRecord``, never anything else.
"""

from __future__ import annotations

import base64
import json
import random
import time
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stancewire.nlp.extract import Extractor
from stancewire.schemas import Article, DeadLetter, Quote
from stancewire.validation import Limits, RejectedRecord, parse_article
from streams.codec import decode, encode

from . import badrecords
from .badrecords import MAX_ARTICLE_BYTES, MAX_SENTENCE_TOKENS, MAX_TEXT_CHARS
from .fictional import fictional_articles

LIMITS = Limits(MAX_ARTICLE_BYTES, MAX_TEXT_CHARS, MAX_SENTENCE_TOKENS)
# Every kind ``parse_article`` can give. "internal_error" (the ingest agent's catch-all for a
# validator bug) is deliberately absent: seeing it means the validator let an exception escape.
KNOWN_KINDS = {
    "empty_record",
    "oversize",
    "invalid_utf8",
    "malformed_json",
    "wrong_type",
    "missing_text",
    "invalid_article",
    "control_characters",
    "sentence_too_long",
    "invalid_date",
}
# DeadLetters.max_original_bytes() (agents/dead_letter.py) for this pipeline: (1 MiB producer request -
# 64 KiB) * 3/4.
# Originals over it are dead-lettered truncated to this prefix, with the error saying so.
DEAD_LETTER_ORIGINAL_MAX = 737_280
SEED = 20250307
GOOD_COUNT = 60


def _reason(raw: bytes | None) -> str:
    try:
        parse_article(raw, LIMITS)
    except RejectedRecord as exc:
        return exc.kind
    raise AssertionError(f"generator produced an acceptable record: {raw[:200]!r}")  # type: ignore[index]


@pytest.mark.broker
@pytest.mark.slow
def test_fuzzed_bad_records_are_all_dead_lettered(make_pipeline) -> None:
    rng = random.Random(SEED)
    bad = badrecords.bad_records(rng)
    # Expected reason per record, from the same pure validator the ingest agent runs.
    expected = Counter(((value or b"")[:DEAD_LETTER_ORIGINAL_MAX], _reason(value)) for _, _, value in bad)
    truncated = sum(len(value or b"") > DEAD_LETTER_ORIGINAL_MAX for _, _, value in bad)
    good = fictional_articles(GOOD_COUNT, seed=SEED, prefix="fuzz-good", max_quotes=1)
    families = Counter(family for family, _, _ in bad)
    print(
        f"\nfuzz: {len(bad)} bad records in {len(families)} families {dict(families)}; "
        f"{len(good)} good; {sum(len(v or b'') for _, _, v in bad):,} bad bytes"
    )
    print(f"fuzz: expected reasons {dict(Counter(kind for _, kind in expected.elements()))}")
    assert len(bad) >= 1_000
    assert len(families) >= 13

    # Good records spread evenly through the bad ones (shuffled with the same seed).
    records: list[tuple[bytes | None, bytes | None]] = [(key, value) for _, key, value in bad]
    rng.shuffle(records)
    step = len(records) // len(good)
    for i, article in enumerate(good):
        records.insert(
            i * (step + 1),
            (json.dumps(article.id).encode(), article.model_dump_json(exclude_none=True).encode()),
        )

    p = make_pipeline(partitions=4, max_article_bytes=MAX_ARTICLE_BYTES, max_text_chars=MAX_TEXT_CHARS)
    worker = p.start_worker()
    started = time.monotonic()
    assert p.feed_raw(records) == len(bad) + len(good)
    p.wait_idle(timeout=240)
    print(f"fuzz: fed and processed {len(records)} records in {time.monotonic() - started:.1f}s")
    assert worker.alive(), worker.log()[-3000:]

    letters = p.read_topic("articles.dead-letter", DeadLetter, timeout=60)
    got = Counter((base64.b64decode(d.original, validate=True), d.error_kind) for d in letters)
    print(f"fuzz: {len(letters)} dead letters {dict(Counter(d.error_kind for d in letters))}")
    assert {d.error_kind for d in letters} <= KNOWN_KINDS
    missing = expected - got
    assert not missing, [(len(raw), kind, raw[:80]) for raw, kind in missing]
    assert len(letters) == len(bad)
    # Same multiset of (original bytes, reason): each bad record exactly once, with its reason.
    assert got == expected
    assert sum("original truncated" in d.error for d in letters) == truncated == 1
    for d in letters:
        assert d.error.strip() and d.stage == "ingest"
        assert d.topic == f"{p.name}.articles" and d.offset is not None and d.partition is not None
    good_ids = {a.id for a in good}
    assert not good_ids & {d.article_id for d in letters}

    # Every good record produced exactly the quotes the extractor gives it offline.
    offline = Extractor()
    want = {r.article_id: {q.quote_id for q in r.quotes} for r in offline.extract_many(good)}
    assert all(want.values()), "each fictional article has a quote"
    quotes = [q for q in p.read_topic("quotes", Quote, timeout=60) if q.article_id in good_ids]
    have: dict[str, set[str]] = {}
    for q in quotes:
        have.setdefault(q.article_id, set()).add(q.quote_id)
    assert have == want
    counts = p.counts()
    assert counts["articles.valid"] == counts["articles.accepted"] == len(good)
    print(f"fuzz: {len(quotes)} quotes from {len(good)} good articles; lost 0")


# --------------------------------------------------------------------------- parse_article


def _check_total(raw: bytes | None) -> None:
    """The property: an Article that survives the wire round trip, or RejectedRecord."""
    try:
        article = parse_article(raw, LIMITS)
    except RejectedRecord as exc:
        assert exc.kind in KNOWN_KINDS and exc.message
        return
    assert isinstance(article, Article)
    # The ingest agent sends accepted articles on: they must encode and decode again.
    assert decode(Article, encode(article)).text == article.text


json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text())
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
field_values = st.one_of(
    json_values,
    st.text(),
    st.datetimes().map(str),
    st.sampled_from(["1066-10-14", "9999-12-31T23:59:59Z", "2025-03-01T10:00:00+14:00"]),
)
article_like = st.fixed_dictionaries(
    {},
    optional={
        name: field_values
        for name in (
            "id",
            "text",
            "title",
            "url",
            "source",
            "published_at",
            "fetched_at",
            "metadata",
            "language",
        )
    },
)
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.binary(max_size=2_000))
def test_parse_article_total_on_bytes(raw: bytes) -> None:
    _check_total(raw)


@FAST
@given(st.text(max_size=2_000))
def test_parse_article_total_on_text(text: str) -> None:
    _check_total(text.encode("utf-8", "surrogatepass"))


@FAST
@given(json_values)
def test_parse_article_total_on_json(value: object) -> None:
    _check_total(json.dumps(value).encode())


@FAST
@given(article_like, st.sampled_from([None, "text", "id"]), st.text(max_size=400))
def test_parse_article_total_on_article_shapes(fields: dict, override: str | None, text: str) -> None:
    # Mostly-plausible articles with arbitrary field values, JSON-escaped (lone surrogates too).
    if override:
        fields = {**fields, override: text}
    _check_total(json.dumps(fields).encode())


@FAST
@given(
    st.sampled_from([None, b""]) | badrecords.odd_json | badrecords.deep_nesting | badrecords.long_sentence
)
def test_parse_article_rejects_known_bad(raw: bytes | None) -> None:
    with pytest.raises(RejectedRecord):
        parse_article(raw, LIMITS)
