"""Capitalised names that are shaped like a body's or a group's, though the small NER model (or
the rules for names it misses) takes them for a person's: a watchdog ("Velmar Watch"), a
political action committee ("Our Values Pac"), a pollster or a report ("the Harwen Poll"), a
campaign ("Team Okafor"), and a party's or faith's members ("Rural Republicans", "Harbour
Catholics"). As a person such a name takes "he" and "she" from the sentences after it and
joins every bare mention of its last word ("Team Okafor" would swallow "Okafor said")."""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Token

from stancewire.nlp.mentions.names import given_names
from stancewire.nlp.mentions.words import HONORIFICS, TITLE_WORDS
from stancewire.nlp.registry import normalise

# Last words of a body's name that are no one's surname in practice. After a given name the
# name is still a person's ("Ada Watch"); "pac" never is (a committee named after its
# candidate: "Ready for Velk Pac", "Ada Pac").
# Stations, papers, wires and buildings too ("Velmar Public Radio", "the Harwen Journal", "the
# Harbor Wire", "the Velmar Ledger", "Okafor Tower"): "John Tower" keeps his given name.
_BODY_LAST_WORDS = frozenset({
    "watch", "poll", "pollster", "report", "radio", "journal", "magazine", "hotel", "plaza", "tower",
    "wire", "ledger", "gazette", "tribune", "chronicle", "dispatch", "inquirer", "sentinel",
    "bulletin", "examiner",
})  # fmt: skip
_NEVER_SURNAMES = frozenset({"pac"})

# Plurals of party and faith words: a name ending in one is that party's or faith's members
# ("Velmar Republicans", "Log Cabin Republicans", "Conservative Christians"), never a person.
_MEMBER_PLURALS = frozenset({
    "republicans", "democrats", "conservatives", "liberals", "progressives", "libertarians",
    "tories", "socialists", "christians", "catholics", "evangelicals", "protestants",
    "mormons", "baptists", "methodists", "muslims",
})  # fmt: skip


def body_shaped(words: list[str]) -> bool:
    """Whether a name's normalised ``words`` (two or more) name a body: "Team" and a name (a
    campaign), or a last word no person's name ends in (unless a given name opens the name)."""
    if len(words) < 2:
        return False
    if words[0] == "team" or words[-1] in _NEVER_SURNAMES:
        return True
    return words[-1] in _BODY_LAST_WORDS and words[0] not in given_names()


def political_committee(name: str) -> bool:
    """Whether a body's name ends in "PAC": a committee, which news calls "the group" but never
    "the company" (a donor company named beside it is)."""
    words = normalise(name).split()
    return bool(words) and words[-1] in _NEVER_SURNAMES


def members_shaped(words: list[str]) -> bool:
    """Whether a name's normalised ``words`` (two or more) are a party's or a faith's members."""
    return len(words) >= 2 and words[-1] in _MEMBER_PLURALS


_TITLES = HONORIFICS | TITLE_WORDS


def not_a_person(toks: list[Token], a: int, b: int) -> Literal["body", "members"] | None:
    """What the name ``toks[a:b]`` is when it is shaped like a body's ("body") or a party's or
    faith's members ("members"), else None. A title or honorific right before it ("Sen. Tomas
    Watch") makes it a person's name."""
    if b - a < 2 or (a > 0 and toks[a - 1].lower_.rstrip(".") in _TITLES):
        return None
    words = normalise(" ".join(t.text for t in toks[a:b])).split()
    if body_shaped(words):
        return "body"
    return "members" if members_shaped(words) else None
