"""Forty-sixth-pass cases of issue 15: one mention per actor and span in the Doc's mention index
(``cases/mentions46.toml``; ``indexed`` / ``not_indexed`` / ``unique`` check the index)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from stancewire.nlp.extract import Extractor
from stancewire.schemas import ActorKind, ActorRef, Article, MentionKind
from tests.nlp.test_cases import _check, _load, _select


@pytest.mark.parametrize("case", _load("mentions46"))
def test_mentions46_case(case: dict[str, Any], run: Any, extractor: Extractor) -> None:
    _check(case, run)
    if any(k in case for k in ("indexed", "not_indexed", "unique")):
        _check_index(case, extractor)


def _check_index(case: dict[str, Any], extractor: Extractor) -> None:
    """The case's phrase is (or is not) a mention of its quote's speaker; no span twice."""
    text = case["text"]
    art = Article(id="m", text=text, published_at=datetime(2025, 1, 27, tzinfo=UTC), synthetic=True)
    doc = extractor.process(art)
    q = _select(SimpleNamespace(quotes=doc._.quotes), case)
    assert q.speaker is not None
    mentions = doc._.mentions.mentions
    spans = {text[m.start : m.end] for m in mentions if m.actor.id == q.speaker.id}
    if "indexed" in case:
        assert case["indexed"] in spans, f"{case['indexed']!r} not among {sorted(spans)}"
    if "not_indexed" in case:
        assert case["not_indexed"] not in spans, f"{case['not_indexed']!r} among {sorted(spans)}"
    if case.get("unique"):
        twice = [k for k, n in Counter((m.start, m.end, m.actor.id) for m in mentions).items() if n > 1]
        assert not twice, f"recorded twice: {twice}"


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
