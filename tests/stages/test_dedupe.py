"""``stancewire.stages.dedupe``: same id and same content is a re-send, dropped; a new version passes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from stancewire.schemas import Article
from stancewire.stages.dedupe import dedupe
from stancewire.stages.records import ARTICLES_ACCEPTED, ARTICLES_SEEN

from .sink import Sink, batches


def article(n: int, version: int = 0) -> Article:
    # Fictional (synthetic test data).
    text = f"Minister Tomas Reyel of Corvenia spoke (version {version})."
    return Article(id=f"a{n}", text=text, synthetic=True)


def run(stream: list[list[Article]], sink: Sink | None = None) -> Sink:
    sink = sink or Sink()
    for batch in stream:
        out = sink.take(dedupe(batch, sink.tables[ARTICLES_SEEN]), batch)
        assert out.duplicates == len(batch) - len(out.records)
    return sink


def test_resends_are_dropped_within_a_batch_and_new_versions_pass() -> None:
    a0, b0, a1 = article(1), article(2), article(1, version=1)
    out = dedupe([a0, a0, b0, a1, a1, a0], {})
    assert [(r.topic, r.key, r.value) for r in out.records] == [
        (ARTICLES_ACCEPTED, "a1", a0),
        (ARTICLES_ACCEPTED, "a2", b0),
        (ARTICLES_ACCEPTED, "a1", a1),
        (ARTICLES_ACCEPTED, "a1", a0),  # back to the first text: a new version again
    ]
    assert out.duplicates == 2
    # One write per id, the hash of its latest accepted copy, under that copy's record.
    assert [(w.table, w.key, w.value, w.at) for w in out.writes] == [
        (ARTICLES_SEEN, "a1", a0.content_hash, 5),
        (ARTICLES_SEEN, "a2", b0.content_hash, 2),
    ]


def test_articles_already_in_the_table_are_dropped() -> None:
    out = dedupe([article(1), article(2)], {"a1": article(1).content_hash, "a2": "another version"})
    assert [r.key for r in out.records] == ["a2"] and out.duplicates == 1


_stream = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 2)), min_size=1, max_size=30)


@settings(max_examples=100, deadline=None)
@given(items=_stream, cuts=st.lists(st.integers(1, 29), max_size=6))
def test_any_batching_forwards_the_same_articles_and_leaves_the_same_table(
    items: list[tuple[int, int]], cuts: list[int]
) -> None:
    stream = [article(n, v) for n, v in items]
    one_by_one = run([[a] for a in stream])
    batched = run(batches(stream, cuts))
    assert batched.records == one_by_one.records
    assert batched.tables == one_by_one.tables


@settings(max_examples=50, deadline=None)
@given(items=_stream, cuts=st.lists(st.integers(1, 29), max_size=6))
def test_redelivered_batches_forward_nothing(items: list[tuple[int, int]], cuts: list[int]) -> None:
    stream = [article(n, v) for n, v in items]
    sink = run(batches(stream, cuts))
    seen = dict(sink.tables[ARTICLES_SEEN])
    # Each id's latest version is in the table, so a replay of the end of the stream (what a
    # redelivery after the last commit replays) forwards nothing and changes nothing.
    latest = {a.id: a for a in stream}
    replay = run([list(latest.values())], sink)
    assert len(replay.records) == len(sink.records)  # nothing new was sent
    assert replay.tables[ARTICLES_SEEN] == seen
