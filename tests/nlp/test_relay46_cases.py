"""Relay cases of issue 15: a direct quote with its frame, relayed by "according to"
(``cases/relay46.toml``), and the relay's place in the stance layer: none of its own."""

from __future__ import annotations

import json
from typing import Any

import pytest

from stancewire.nlp.extract import Extractor
from stancewire.nlp.registry import ActorRegistry
from stancewire.schemas import Article, Quote
from tests.nlp.test_cases import _check, _load


@pytest.mark.parametrize("case", _load("relay46"))
def test_relay46_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)


def test_a_relay_gives_no_stance_evidence(extractor: Extractor, registry: ActorRegistry) -> None:
    # The Wire only reports what Morn said: her words are evidence of her stance (her direct
    # quote's), never of the Wire's, even though "We" in them is first person.
    text = "“We fully support Ivo Kade and his plan,” Ada Morn told reporters, according to the Harbor Wire."
    stance = Extractor(nlp=extractor.nlp, registry=registry, with_stance=True)
    res = stance.extract(Article(id="relay", text=text, synthetic=True))
    relays = [q for q in res.quotes if q.relayed]
    assert [q.speaker.id for q in relays if q.speaker] == ["org:harbor-wire"]
    actors = {ev.actor.id for ev in res.stances}
    assert "org:harbor-wire" not in actors
    assert "person:ada-morn" in actors
    assert not any(ev.quote_id == relays[0].quote_id for ev in res.stances)


def test_relayed_is_in_the_json_only_when_true() -> None:
    # Records that are no relay (all of them before the field) serialise as they did, and a
    # record without the key reads as not relayed.
    base = {"quote_id": "q", "article_id": "a", "type": "indirect", "text": "x", "start": 0, "end": 1}
    plain = Quote(confidence=0.5, **base)
    assert "relayed" not in json.loads(plain.model_dump_json())
    relay = Quote(confidence=0.5, relayed=True, **base)
    assert json.loads(relay.model_dump_json())["relayed"] is True
    assert Quote.model_validate_json(relay.model_dump_json()).relayed is True
    assert Quote.model_validate({**base, "confidence": 0.5}).relayed is False
