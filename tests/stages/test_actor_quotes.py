"""``stancewire.stages.actor_quotes``: quotes in, one ``actor-quotes`` write per speaker out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from stancewire.schemas import ActorQuotes, Quote, Speaker
from stancewire.stages.actor_quotes import index_quotes
from stancewire.stages.records import ACTOR_QUOTES

from .sink import Sink, batches

KEEP = 3
T0 = datetime(2026, 2, 1, tzinfo=UTC)
# Fictional people (synthetic test data).
SPEAKERS = [
    Speaker(id="person:ilse-varga-tamm", name="Ilse Varga-Tamm"),
    Speaker(id="person:anja-birk", name="Anja Birk"),
    None,  # a quote whose speaker was not found
]


def quote(n: int, speaker: int = 0, day: int | None = None) -> Quote:
    return Quote(
        quote_id=f"q{n}",
        article_id=f"a{n}",
        type="direct",
        text=f"We expect an answer next week ({n}).",
        start=0,
        end=30,
        speaker=SPEAKERS[speaker],
        confidence=0.9,
        published_at=T0 + timedelta(days=n if day is None else day),
    )


def run(stream: list[list[Quote]], sink: Sink | None = None) -> Sink:
    sink = sink or Sink()
    for batch in stream:
        sink.take(index_quotes(batch, sink.tables[ACTOR_QUOTES], KEEP), batch)
    return sink


def test_one_write_per_speaker_under_its_last_quote_newest_kept() -> None:
    batch = [quote(1), quote(2, speaker=1), quote(3), quote(4, speaker=2), quote(5), quote(6)]
    out = index_quotes(batch, {}, KEEP)
    assert out.records == [] and out.dead_letters == []
    assert [(w.table, w.key, w.at) for w in out.writes] == [
        (ACTOR_QUOTES, SPEAKERS[0].id, 5),
        (ACTOR_QUOTES, SPEAKERS[1].id, 1),
        (ACTOR_QUOTES, "unknown", 3),
    ]
    ilse = out.writes[0].value
    assert isinstance(ilse, ActorQuotes)
    assert [q.quote_id for q in ilse.quotes] == ["q6", "q5", "q3"] and ilse.total == 4
    assert ilse.actor.name == "Ilse Varga-Tamm"
    assert out.writes[2].value.actor.name == "Unknown speaker"


def test_a_batch_of_known_quotes_writes_nothing() -> None:
    sink = run([[quote(1), quote(2)]])
    assert index_quotes([quote(2), quote(1)], sink.tables[ACTOR_QUOTES], KEEP).writes == []


_items = st.lists(st.tuples(st.integers(0, 15), st.integers(0, 2)), min_size=1, max_size=30)


@settings(max_examples=100, deadline=None)
@given(items=_items, cuts=st.lists(st.integers(1, 29), max_size=6))
def test_any_batching_and_redelivery_give_the_same_table(
    items: list[tuple[int, int]], cuts: list[int]
) -> None:
    # A quote id always comes with the same speaker (its id is content-derived); repeats of an
    # id are redeliveries, in any order and any batch.
    speaker_of = {n: s for n, s in items}
    stream = [quote(n, speaker_of[n]) for n, _ in items]
    one_by_one = run([[q] for q in stream])
    batched = run(batches(stream, cuts))
    assert batched.tables == one_by_one.tables
    for actor_id, value in batched.tables[ACTOR_QUOTES].items():
        ids = {q.quote_id for q in stream if (q.speaker.id if q.speaker else "unknown") == actor_id}
        assert value.total == len(ids)  # redelivered quotes never count twice
        newest = sorted((q for q in stream if q.quote_id in ids), key=lambda q: q.published_at, reverse=True)
        assert [q.quote_id for q in value.quotes] == list(dict.fromkeys(q.quote_id for q in newest))[:KEEP]
