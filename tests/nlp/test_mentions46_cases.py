"""Forty-sixth-pass cases of issue 15: one mention per actor and span in the Doc's mention index
(``cases/mentions46.toml``; ``indexed`` / ``not_indexed`` / ``unique`` check the index)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from stancewire.nlp.extract import Extractor
from stancewire.schemas import ActorKind, ActorRef, Article, MentionKind
from tests.nlp.test_cases import _check, _load, check_index


@pytest.mark.parametrize("case", _load("mentions46"))
def test_mentions46_case(case: dict[str, Any], run: Any, extractor: Extractor) -> None:
    _check(case, run)
    check_index(case, extractor)


def test_add_keeps_one_mention_per_actor_and_span(extractor: Extractor) -> None:
    """``ArticleMentions.add`` of the same actor over the same span returns the recorded
    mention; a token head learnt later (a quote's "I", then the "I" that says it) is kept.
    Another actor over the span is its own mention."""
    text = "Mara Quell spoke in Tollbridge on Monday. Nobody answered her."
    art = Article(id="m", text=text, published_at=datetime(2025, 1, 27, tzinfo=UTC), synthetic=True)
    ix = extractor.process(art)._.mentions
    n = len(ix.mentions)
    me = ActorRef(id="person:mara-quell", name="Mara Quell", kind=ActorKind.person)
    i = text.index("her.")
    head = next(t.i for t in ix.doc if t.idx == i)
    first = ix.add(i, i + 3, me, MentionKind.pronoun, -1)
    again = ix.add(i, i + 3, me, MentionKind.pronoun, head)
    assert again is first and len(ix.mentions) == n + 1
    assert first.head == head and ix.mention_for_token(head) is first
    other = ActorRef(id="person:ivo-brandt", name="Ivo Brandt", kind=ActorKind.person)
    ix.add(i, i + 3, other, MentionKind.pronoun, -1)
    assert len(ix.mentions) == n + 2 and ix.starts == sorted(ix.starts)
