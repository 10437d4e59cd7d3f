"""Interfaces shared by the NLP modules (no Faust, no Kafka)."""

from __future__ import annotations

from typing import Protocol

from stancewire.schemas import ActorRef


class MentionResolver(Protocol):
    """Per-article view of who is mentioned where, built by attribution.

    Offsets are character offsets into the article text. The stance module uses it to find the
    actor behind a subject ("Russia imposed ...") or a target ("accusing Putin of ...").
    """

    def actor_at(self, start: int, end: int) -> ActorRef | None:
        """The canonical actor that the mention covering [start, end) refers to, if any."""
        ...

    def actors_in(self, start: int, end: int) -> list[tuple[int, int, ActorRef]]:
        """All resolved actor mentions inside [start, end), in text order."""
        ...
