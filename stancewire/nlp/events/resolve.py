"""Actor resolution for the event coder: a span of the Doc -> a canonical actor, or None.

The coder takes any ``Callable[[Span], ActorRef | None]``. :class:`RegistryResolver` is the
registry-only one: names, aliases, demonyms and adjectives ("Kaldorian"), capitals and seats of
power ("Tavrin", "the Granite House") are registry aliases, so one lookup covers all of them.
The pipeline composes it with the article's mention index (persons known only from the text).
"""

from __future__ import annotations

from datetime import date, datetime

from spacy.tokens import Span

from stancewire.nlp.registry import ActorRegistry
from stancewire.schemas import ActorRef


def has_name(span: Span) -> bool:
    """Only spans with a capitalised word are looked up: "the police", "army" are not names."""
    return any(t.text[:1].isupper() and t.pos_ in ("PROPN", "ADJ", "NOUN") for t in span)


class RegistryResolver:
    def __init__(self, registry: ActorRegistry, at: date | datetime | None = None) -> None:
        self.registry = registry
        self.at = at

    def __call__(self, span: Span) -> ActorRef | None:
        if not has_name(span):
            return None
        found = self.registry.lookup(span.text, at=self.at)
        if found is None and len(span) == 1 and span[0].pos_ == "ADJ":
            # An adjective the aliases lack but the country index knows ("Czech" officials).
            code = self.registry.country_code(span.text)
            found = self.registry.government(code) if code else None
        return found.ref() if found is not None else None
