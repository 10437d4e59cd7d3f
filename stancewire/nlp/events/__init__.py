"""Event coding: who did (or said they would do) what to whom, from every sentence (issue 16).

:func:`code_events` reads a parsed spaCy ``Doc`` and an actor-resolution callable and returns one
:class:`CodedEvent` per (actor, target) of each reported act, with PLOVER category, mode,
modality and score. It does not parse and does not import the streaming side.
"""

from stancewire.nlp.events.coder import CodedEvent, Resolver, code_events
from stancewire.nlp.events.patterns import EventPatterns, load_patterns
from stancewire.nlp.events.resolve import RegistryResolver

__all__ = ["CodedEvent", "EventPatterns", "RegistryResolver", "Resolver", "code_events", "load_patterns"]
