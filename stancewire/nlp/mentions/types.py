"""The records of a mention index."""

from __future__ import annotations

from dataclasses import dataclass, field

from stancewire.schemas import ActorRef, MentionKind


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    actor: ActorRef
    kind: MentionKind
    head: int  # token index of the head
    affiliation: str | None = None


@dataclass(slots=True)
class PersonCluster:
    key: str  # normalised canonical name
    name: str  # display canonical name (longest form seen)
    tokens: set[str] = field(default_factory=set)  # normalised name parts
    roles: list[tuple[str, str | None]] = field(default_factory=list)  # (title, scope key)
    affiliation: str | None = None
    gender: str | None = None
    # The gender came only from the given-name list ("Marty" is most often a man's name): the
    # weakest cue, which the article's own "she" for the person overrules.
    gender_by_name: bool = False
    actor: ActorRef | None = None
    last_seen: int = 0  # char offset of the latest mention
    first_seen: int = 0  # char offset of the first mention
    seen: list[int] = field(default_factory=list)  # char offsets of all name mentions, in order
    # A relative given the surname of someone the article named (mentions/persons.family_name):
    # the bare surname and "Mr."/"Mrs." + surname stay that someone's while the name is theirs.
    relative: bool = False


# A role fact: (char of the title or apposition, canonical office, scope key or None, holder),
# as ArticleMentions keeps them ("Senior Coroner X", "X, the club's manager", "Gov. X").
RoleFact = tuple[int, str, str | None, PersonCluster]
