"""Hypothesis strategies for bad article records, and a reproducible way to draw many of them.

``collect`` runs Hypothesis as a generator: a ``@given`` function that only records what it is
given, with ``derandomize=True`` (the seed comes from the function, not the clock) and no
example database, so every run draws the same records. Hypothesis' own biases (boundaries,
empty and huge values, odd unicode) are what we want from a fuzzer; shrinking is switched off
because nothing fails inside the generator.
"""

from __future__ import annotations

import json
import random
import string
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

Record = tuple[str, bytes | None, bytes | None]  # (family, key, value)

# The pipeline under test is started with these limits (lowered from the defaults so that
# "huge" records stay a few tens of kilobytes and the whole fuzz set feeds in seconds).
MAX_ARTICLE_BYTES = 50_000
MAX_TEXT_CHARS = 20_000
MAX_SENTENCE_TOKENS = 2_000  # the default


def collect(strategy: st.SearchStrategy[Any], n: int) -> list[Any]:
    out: list[Any] = []

    @settings(
        max_examples=n,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def draw(value: Any) -> None:
        out.append(value)

    draw()
    return out


def _dumps(obj: object) -> bytes:
    return json.dumps(obj).encode("utf-8")


words = st.text(alphabet=string.ascii_letters, min_size=1, max_size=12)
sentence = st.lists(words, min_size=3, max_size=15).map(lambda ws: " ".join(ws) + ".")
plain_text = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
article_id = st.text(alphabet=string.ascii_letters + string.digits + "-_", min_size=1, max_size=40)


def article(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A valid-looking article dict with some fields replaced (or deleted with ``st.just(DELETE)``)."""
    base: dict[str, st.SearchStrategy[Any]] = {
        "id": article_id,
        "text": plain_text,
        "synthetic": st.just(True),
        "title": st.text(max_size=30),
        "source": st.sampled_from(["fuzz", "Example Wire (fictional)"]),
    }
    base.update(fields)
    return st.fixed_dictionaries(base).map(lambda d: {k: v for k, v in d.items() if v is not DELETE})


DELETE = object()
valid_json_bytes = article().map(_dumps)

# --- families of bad records; each is guaranteed bad (checked again before feeding) -------

# Valid JSON with a byte sequence that is never valid UTF-8 spliced in.
INVALID_UTF8_SEQS = [
    b"\xff",
    b"\xfe",
    b"\xc3\x28",
    b"\xed\xa0\x80",
    b"\xc0\xaf",
    b"\xf8\x88\x80\x80\x80",
    b"\xe2\x82",
    b"\x80",
]
invalid_utf8 = st.tuples(valid_json_bytes, st.sampled_from(INVALID_UTF8_SEQS), st.integers(0, 10_000)).map(
    lambda t: t[0][: t[2] % (len(t[0]) + 1)] + t[1] + t[0][t[2] % (len(t[0]) + 1) :]
)

# A strict prefix of a JSON object (a cut-off message), or text that is no JSON at all.
truncated_json = st.tuples(valid_json_bytes, st.integers(1, 10_000)).map(
    lambda t: t[0][: 1 + t[1] % (len(t[0]) - 1)]
)
not_json = st.tuples(
    st.sampled_from(["<html>", "{'id': ", "id=1&text=", "{,", "NaN{", '{"id" "x"}']), st.text(max_size=200)
).map(lambda t: (t[0] + t[1]).encode("utf-8", "surrogatepass"))
malformed_json = st.one_of(truncated_json, not_json)

# Nesting deep enough to exhaust the parser's recursion, at the top or inside a field that
# must be a scalar; or shallow nesting where a string is required.
deep_nesting = st.tuples(
    st.integers(2, 20_000),
    st.sampled_from(["[", '{"a":']),
    st.sampled_from(["top", "text", "id", "metadata"]),
).map(lambda t: _nest(*t))


def _nest(depth: int, opener: str, where: str) -> bytes:
    closer = "]" if opener == "[" else "}"
    inner = opener * depth + "1" + closer * depth
    if where == "top":
        return inner.encode()
    if where == "metadata":
        return f'{{"id": "deep", "text": "Fine text.", "metadata": {{"k": {inner}}}}}'.encode()
    other = '"Fine text."' if where == "id" else '"deep"'
    return (f'{{"{where}": {inner}, "{"text" if where == "id" else "id"}": {other}}}').encode()


non_string = st.one_of(
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(words, st.integers(), max_size=2),
)
wrong_types = st.one_of(
    article(id=non_string).map(_dumps),
    article(text=non_string).map(_dumps),
    article(text=st.lists(sentence, min_size=1, max_size=3)).map(_dumps),  # text as a list
    article(
        metadata=st.dictionaries(
            words, st.lists(st.integers(), min_size=1, max_size=2), min_size=1, max_size=2
        )
    ).map(_dumps),
    article(published_at=st.sampled_from([True, [2025, 1, 1], {"y": 2025}])).map(_dumps),
    st.one_of(
        st.lists(st.integers(), max_size=4), st.integers(), st.text(max_size=20), st.booleans(), st.none()
    ).map(_dumps),  # not an object at all
)

WHITESPACE = " \t\n\r\u00a0\u2003\u3000\u2028\x85"
missing_text = st.one_of(
    article(text=st.just(DELETE)).map(_dumps),
    article(text=st.text(alphabet=WHITESPACE, max_size=50)).map(_dumps),  # empty or blank
)

ABSURD_YEARS = st.one_of(st.integers(1, 1899), st.integers(2031, 9999))
absurd_dates = st.tuples(
    article(),
    ABSURD_YEARS,
    st.integers(1, 12),
    st.integers(1, 28),
    st.sampled_from(["published_at", "fetched_at"]),
    st.sampled_from(["Z", "+00:00", "+05:30", "-08:00", ""]),
).map(lambda t: _dumps({**t[0], t[4]: f"{t[1]:04d}-{t[2]:02d}-{t[3]:02d}T12:00:00{t[5]}"}))
# The two dates the issue names, and impossible calendar dates.
named_dates = st.tuples(
    article(),
    st.sampled_from(
        [
            "1066-10-14T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "1066-10-14",
            "9999-01-01",
            "2025-13-45T00:00:00Z",
            "0000-00-00",
            "yesterday",
        ]
    ),
).map(lambda t: _dumps({**t[0], "published_at": t[1]}))

# Over max_text_chars (but under max_article_bytes), or over max_article_bytes via any field.
huge_fields = st.one_of(
    st.integers(MAX_TEXT_CHARS // 6 + 1, MAX_ARTICLE_BYTES // 6 - 100).map(
        lambda n: _dumps({"id": f"huge-text-{n}", "text": "Words. " * n})
    ),
    st.tuples(
        st.sampled_from(["title", "text", "source", "url"]),
        st.integers(MAX_ARTICLE_BYTES + 1, MAX_ARTICLE_BYTES * 2),
    ).map(lambda t: _dumps({"id": f"huge-{t[0]}", "text": "Fine text.", t[0]: "x" * t[1]})),
)

CONTROLS = [chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]]
control_chars = st.one_of(
    # A single NUL anywhere is enough.
    st.tuples(plain_text, st.integers(0, 1_000)).map(
        lambda t: _dumps({"id": "nul", "text": t[0][: t[1] % len(t[0])] + "\x00" + t[0][t[1] % len(t[0]) :]})
    ),
    # Many C0 controls: more than max(3, len/200).
    st.tuples(plain_text, st.lists(st.sampled_from(CONTROLS[1:]), min_size=4, max_size=40)).map(
        lambda t: _dumps({"id": "ctl", "text": t[0] + "".join(t[1])})
    ),
)

# One sentence longer than max_sentence_tokens (no sentence punctuation anywhere).
long_sentence = st.integers(MAX_SENTENCE_TOKENS + 1, MAX_SENTENCE_TOKENS + 1_500).map(
    lambda n: _dumps({"id": f"long-{n}", "text": " ".join(["word"] * n)})
)

binary_junk = st.binary(min_size=1, max_size=300)
empty_values = st.sampled_from([None, b""])

# JSON that parses to numbers Python refuses (over 4,300 digits) or strings pydantic refuses
# (lone surrogates): both once escaped ``parse_article`` or failed validation oddly.
odd_json = st.one_of(
    st.integers(4_301, 6_000).map(
        lambda n: b'{"id": "big", "text": "Fine text.", "metadata": {"n": ' + b"9" * n + b"}}"
    ),
    st.sampled_from(["\\ud800", "\\udfff", "\\udbff\\udbff"]).map(
        lambda s: f'{{"id": "sur{s}", "text": "Fine text {s}."}}'.encode()
    ),
)

FAMILIES: dict[str, tuple[st.SearchStrategy[Any], int]] = {
    "invalid_utf8": (invalid_utf8, 100),
    "malformed_json": (malformed_json, 120),
    "deep_nesting": (deep_nesting, 60),
    "wrong_types": (wrong_types, 150),
    "missing_text": (missing_text, 100),
    "absurd_dates": (absurd_dates, 100),
    "named_dates": (named_dates, 30),
    "huge_fields": (huge_fields, 25),
    "control_chars": (control_chars, 100),
    "long_sentence": (long_sentence, 20),
    "binary_junk": (binary_junk, 200),
    "empty_values": (empty_values, 2),
    "odd_json": (odd_json, 30),
}


def special_records() -> list[Record]:
    """Hand-written records the strategies do not reach."""
    return [
        # The 200,000-token single "sentence": must be refused before spaCy sees it.
        ("giant_sentence", b'"giant"', _dumps({"id": "giant", "text": " ".join(["a"] * 200_000)})),
        # 900 kB: under the broker's ~1 MB message limit, over what a dead letter can carry whole
        # once base64-encoded (see agents.dead_letter.DeadLetters.max_original_bytes).
        ("giant_record", b'"giant-record"', _dumps({"id": "giant-record", "text": "Fine. " * 150_000})),
        ("empty_values", b'"tombstone"', None),
        ("empty_values", b"k", b""),
        ("deep_nesting", None, b"[" * 50_000 + b"]" * 50_000),
    ]


KEYS: list[bytes | None] = [None, b"", b'"fuzz"', b"\xff\xfe", b"not json", b'{"k": 1}']


def bad_records(rng: random.Random) -> list[Record]:
    """Every family's draws with a key each (keys are never validated: any bytes go)."""
    out: list[Record] = []
    for family, (strategy, n) in FAMILIES.items():
        for value in collect(strategy, n):
            key = rng.choice(KEYS)
            # Kafka has no record with neither key nor value: a null value is a keyed tombstone.
            out.append((family, key if value is not None or key is not None else b'"tombstone"', value))
    return out + special_records()
