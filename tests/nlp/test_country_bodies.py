"""A state body called after its country ("Health Canada"-style names) is a body, not a person
(issue 15, sixteenth pass). The countries are the event set's fictional ones, from its own
registry file."""

from __future__ import annotations

from pathlib import Path

import pytest

from stancewire.nlp.extract import Extractor
from stancewire.nlp.registry import ActorRegistry
from stancewire.schemas import ActorKind, Article

ACTORS = Path(__file__).resolve().parents[1] / "data" / "events" / "event_sentences.actors.jsonl"


@pytest.fixture(scope="module")
def fictional(extractor: Extractor) -> Extractor:
    return Extractor(registry=ActorRegistry([ACTORS]), nlp=extractor.nlp, with_stance=False)


@pytest.mark.parametrize(
    "text",
    [
        "Health Corvenia said the new vaccine was safe for children.",
        "Statistics Harwen said unemployment fell in the third quarter.",
    ],
)
def test_a_body_named_after_a_country_is_no_person(fictional: Extractor, text: str) -> None:
    res = fictional.extract(Article(id="t", text=text))
    assert len(res.quotes) == 1, res.quotes
    sp = res.quotes[0].speaker
    assert sp is not None and sp.kind == ActorKind.organisation, sp


def test_a_person_whose_surname_is_a_country_stays_a_person(fictional: Extractor) -> None:
    # A given name first: "Paul Jordan" is a person, even though Jordan is a country.
    text = "Anika Corvenia said the new vaccine was safe for children."
    res = fictional.extract(Article(id="t", text=text))
    sp = res.quotes[0].speaker
    assert sp is not None and sp.kind == ActorKind.person, sp
