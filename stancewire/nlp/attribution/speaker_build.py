"""Building a ``Speaker`` from an actor and the mention that names it.

Its own module so every attribution rule can share it: ``speakers`` imports the rule modules
(``anaphora``, ``quantified``), so they cannot import from it.
"""

from __future__ import annotations

from typing import Any

from stancewire.schemas import MentionKind, Speaker


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
