"""The actor-quotes fold as a pure function (no broker): ordering, the kept bound, the count."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from stancewire.quote_index import add_quotes
from stancewire.schemas import ActorQuotes, ActorRef, Quote, Speaker

T0 = datetime(2025, 3, 1, tzinfo=UTC)


def quote(n: int) -> Quote:
    return Quote(
        quote_id=f"q{n:03d}",
        article_id=f"a{n}",
        type="direct",
        text=f"text {n}",
        start=0,
        end=6,
        speaker=Speaker(id="person:x", name="X"),
        confidence=0.9,
        published_at=T0 + timedelta(hours=n),
    )


def empty() -> ActorQuotes:
    return ActorQuotes(actor=ActorRef(id="person:x", name="X"))


def fold(state: ActorQuotes, quotes: list[Quote], keep: int = 3, counted_ids: int = 400) -> ActorQuotes:
    return add_quotes(state, quotes, keep, counted_ids) or state


def test_keeps_newest_first_and_counts_every_quote() -> None:
    state = fold(empty(), [quote(n) for n in (2, 5, 1)])
    state = fold(state, [quote(4), quote(3)])
    assert [q.quote_id for q in state.quotes] == ["q005", "q004", "q003"]
    assert state.total == 5


def test_redelivered_quote_still_kept_is_not_counted() -> None:
    state = fold(empty(), [quote(1), quote(2)])
    assert add_quotes(state, [quote(2), quote(1)], keep=3) is None
    assert fold(state, [quote(1), quote(1), quote(3)]).total == 3  # duplicates within a batch too


def test_redelivered_quote_no_longer_kept_is_not_counted_again() -> None:
    # q001 drops out of the 3 kept quotes, then is redelivered: total must stay 5.
    state = fold(empty(), [quote(n) for n in range(1, 6)])
    assert "q001" not in {q.quote_id for q in state.quotes}
    assert add_quotes(state, [quote(1)], keep=3) is None
    assert state.total == 5


def test_counted_ids_are_bounded_and_deterministic() -> None:
    state = empty()
    for n in range(1, 41):
        state = fold(state, [quote(n)], keep=3, counted_ids=10)
    assert state.counted == [f"q{n:03d}" for n in range(31, 41)]  # the newest 10, oldest first
    assert state.total == 40
    # Beyond the bound a very old redelivery is counted again: the bound is the documented trade-off.
    assert fold(state, [quote(1)], keep=3, counted_ids=10).total == 41
