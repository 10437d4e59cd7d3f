"""Building a ``Speaker`` from an actor and the mention that names it.

Its own module so every attribution rule can share it: ``speakers`` imports the rule modules
(``anaphora``, ``quantified``), so they cannot import from it.
"""

from __future__ import annotations

from typing import Any

from stancewire.nlp.registry import slugify
from stancewire.schemas import ActorKind, ActorRef, MentionKind, Speaker

# Entourage nouns that name the same body: "the Velk camp" is the Velk campaign, one actor
# however the article words it (a camp is no organisation of its own).
_ENTOURAGE_SAME = {"camp": "campaign"}


def actor_speaker(
    actor: Any, mention: str, start: int, end: int, kind: MentionKind, affiliation: str | None = None
) -> Speaker:
    """The speaker for an actor (anything with ``id``, ``name`` and ``kind``: an ActorRef, a
    registry entry, an acronym's organisation) mentioned as ``mention`` at ``[start, end)``."""
    return Speaker(
        id=actor.id,
        name=actor.name,
        kind=actor.kind,
        mention=mention,
        mention_start=start,
        mention_end=end,
        mention_kind=kind,
        affiliation=affiliation,
    )


def entourage_actor(owner: str, lemma: str) -> ActorRef:
    """The organisation an entourage noun makes of the person ``owner`` ("the Velk campaign",
    "her team"): named "<owner> <noun>", "camp" read as "campaign"."""
    name = f"{owner} {_ENTOURAGE_SAME.get(lemma, lemma)}"
    return ActorRef(id=f"org:{slugify(name)}", name=name, kind=ActorKind.organisation)
