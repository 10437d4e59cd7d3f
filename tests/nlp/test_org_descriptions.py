"""Definite descriptions of organisations and collectives (fictional people, places, bodies).

"the group" and "the newspaper" name an organisation of the right type, never the legislature
or the state the article mentions most; a singular collective noun ("the audience", "the
movement") is a group of people, not an unknown single actor.
"""

from __future__ import annotations

import pytest

from stancewire.nlp.extract import Extractor
from stancewire.nlp.mentions.org_descriptions import fits_business_noun
from stancewire.schemas import ActorKind, ActorRef, Article


def _org(name: str) -> ActorRef:
    return ActorRef(id=f"org:{name.lower().replace(' ', '-')}", name=name, kind=ActorKind.organisation)


QUILLON = ActorRef(id="gov:quillon", name="Quillon", kind=ActorKind.government)


def _speaker_of(extractor: Extractor, text: str, fragment: str) -> str | None:
    res = extractor.extract(Article(id="t", text=text))
    q = next(q for q in res.quotes if fragment in q.text)
    return q.speaker.id if q.speaker else None


def test_the_group_is_not_the_legislature(extractor: Extractor) -> None:
    text = (
        "The Veltrian Congress passed the budget on Monday. Congress also voted to cut school "
        "meals, and Congress adjourned late. The Morn Valley Parents Alliance held a vigil "
        "outside the building.\n\n"
        "The group said the cuts would hurt thousands of children."
    )
    assert _speaker_of(extractor, text, "hurt thousands") == "org:morn-valley-parents-alliance"


@pytest.mark.parametrize(
    ("actor", "noun", "fits"),
    [
        (QUILLON, "newspaper", False),
        (_org("Dravik Ledger"), "newspaper", True),
        (_org("Veltrian Senate"), "group", False),
        (_org("Morn City Hall"), "company", False),
        (_org("Norwind"), "company", True),
        # Not a business or press noun: any body may fit ("the ministry" may be a government's).
        (QUILLON, "ministry", True),
    ],
)
def test_business_and_press_nouns_fit_organisations_only(actor: ActorRef, noun: str, fits: bool) -> None:
    # "flood-ravaged Quillon, a Dravik newspaper" once made the state the newspaper's referent.
    assert fits_business_noun(actor, noun) is fits


@pytest.mark.parametrize(
    ("text", "fragment", "expected"),
    [
        (
            "Senator Ilse Varga spoke for an hour. The audience cheered that the mine would stay open.",
            "mine would stay open",
            "group:audience",
        ),
        (
            "The anti-mining movement argued that the permits should be revoked.",
            "permits should be revoked",
            "group:anti-mining-movement",
        ),
        (
            "Each faction believed that the party would split before the vote.",
            "party would split",
            "group:faction",
        ),
    ],
)
def test_collective_nouns_are_groups(extractor: Extractor, text: str, fragment: str, expected: str) -> None:
    assert _speaker_of(extractor, text, fragment) == expected
