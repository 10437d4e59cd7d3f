"""Cases of task none43 (issue 15): plural titles before names (``cases/none43.toml``), and a
person the registry knows, named with a title, is no place because a letter went "to" them.

The registry cases use a fictional registry written for the test: Tomas Brell is a person the
registry knows by his surname alone, as it knows many real politicians.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from stancewire.nlp.extract import Extractor
from stancewire.nlp.registry import ActorRegistry
from stancewire.schemas import Article
from tests.nlp.test_cases import _check, _load

ACTORS = [
    {"id": "person:tomas-brell", "name": "Tomas Brell", "kind": "person", "aliases": ["brell"]},
    {"id": "person:lia-dunmore", "name": "Lia Dunmore", "kind": "person", "aliases": ["dunmore"]},
]

# "He" continues Brell, whose announcement the sentence before reports; Arnell is only mentioned.
ANNOUNCEMENT = (
    "On the eve of President Brell's budget speech, council members condemned the new tolls. "
    "Piet Arnell, a council member, voted against them on Monday.\n\n"
    "Officials emphasized Tuesday that Brell's announcement of the tolls included two "
    "initiatives. He announced a fund to defer the fees of fishermen."
)


@pytest.mark.parametrize("case", _load("none43"))
def test_none43_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)


@pytest.fixture
def fictional(extractor: Extractor, tmp_path: Path) -> Extractor:
    """An extractor on the shared pipeline with ``ACTORS`` added to the registry."""
    p = tmp_path / "actors.jsonl"
    p.write_text("".join(json.dumps(a) + "\n" for a in ACTORS), encoding="utf-8")
    return Extractor(registry=ActorRegistry([p], use_cache=False), nlp=extractor.nlp, with_stance=False)


def _he_speaker(ex: Extractor, text: str) -> str | None:
    res = ex.extract(Article(id="t", text=text))
    q = next(q for q in res.quotes if "defer the fees" in q.text)
    return q.speaker.id if q.speaker else None


def test_a_letter_to_a_titled_registry_person_leaves_his_name_a_person(fictional: Extractor) -> None:
    # "a letter to Brell" made "Brell" a place for the whole article (an invented country after
    # "to"), so "Brell's announcement" was no mention and "He" went to Arnell.
    text = ANNOUNCEMENT + "\n\nThe members signed a letter to Brell, which was first reported last week."
    assert _he_speaker(fictional, text) == "person:tomas-brell"


def test_guard_without_the_letter(fictional: Extractor) -> None:
    assert _he_speaker(fictional, ANNOUNCEMENT) == "person:tomas-brell"


def test_guard_an_untitled_registry_name_after_in_is_still_a_place(fictional: Extractor) -> None:
    text = "Farmers in Dunmore were angry on Monday. The council in Dunmore said the tolls would stay."
    doc = fictional.process(Article(id="t", text=text))
    places = {doc[i].text for i in doc._.mentions.person_places}
    assert places == {"Dunmore"}
