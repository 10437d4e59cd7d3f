"""The event coder as a registered spaCy component, after the stance component.

``stancewire_events`` reads the article, the mention index and the stance evidence the earlier
components left on the Doc, codes every sentence's reported acts (:mod:`stancewire.nlp.events`)
and replaces ``Doc._.stances`` with the merge of both (:func:`merge_evidence`): quote-based items
(basis ``said``) stay, event items (basis ``did``) are added, and the stance coder's older
narrative items stay only in sentences where no event was coded.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from stancewire.nlp.components import MENTIONS, STANCE, article_of
from stancewire.nlp.events.article import event_evidence, merge_evidence
from stancewire.nlp.registry import ActorRegistry, default_registry

EVENTS = "stancewire_events"


class EventsComponent:
    def __init__(self, registry: ActorRegistry | None = None) -> None:
        self.registry = registry

    def __call__(self, doc: Doc, registry: ActorRegistry | None = None) -> Doc:
        if doc._.stances is None or doc._.mentions is None:
            raise ValueError(f"{EVENTS} needs {MENTIONS} and {STANCE} before it in the pipeline")
        reg = registry or getattr(doc._.mentions, "registry", None) or self.registry
        if reg is None:
            reg = self.registry = default_registry()
        did = event_evidence(doc, article_of(doc), reg, doc._.mentions)
        doc._.stances = merge_evidence(doc._.stances, did)
        return doc


@Language.factory(EVENTS)
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent()
