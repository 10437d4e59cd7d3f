"""Person entities the NER gets wrong, read through the real mention index.

Fictional text. The small model's entity labels vary with context, so the wrong label is set on
the parsed Doc by hand: what is tested is what the mention rules do with such an entity.
"""

from __future__ import annotations

from spacy.tokens import Span

from stancewire.nlp.extract import Extractor
from stancewire.nlp.mentions import ArticleMentions
from stancewire.nlp.registry import ActorRegistry


def test_a_weekday_tagged_person_is_no_person(extractor: Extractor, registry: ActorRegistry) -> None:
    text = "Wednesday, Marta Velic said the fictional Kelbridge bridge would reopen."
    doc = extractor.nlp.make_doc(text)
    for name, proc in extractor.nlp.pipeline:
        if not name.startswith("stancewire_"):  # the model's own components (the compiled ruler too)
            doc = proc(doc)
    velic = text.index("Marta Velic")
    wed = doc.char_span(0, len("Wednesday"))
    name = doc.char_span(velic, velic + len("Marta Velic"))
    assert wed is not None and name is not None
    doc.ents = [
        Span(doc, wed.start, wed.end, label="PERSON"),
        Span(doc, name.start, name.end, label="PERSON"),
    ]
    ix = ArticleMentions(doc, registry)
    ids = {m.actor.id for m in ix.mentions}
    assert "person:marta-velic" in ids
    assert not any(i.endswith("wednesday") for i in ids), ids


def test_two_known_countries_joined_by_and_stay_two(extractor: Extractor) -> None:
    # The event set's fictional countries are in its own registry file; the NER reads "Harwen
    # and Corvenia" as one ORG, which made one organisation of two governments.
    from pathlib import Path

    from stancewire.schemas import Article

    actors = Path(__file__).resolve().parents[1] / "data" / "events" / "event_sentences.actors.jsonl"
    ex = Extractor(registry=ActorRegistry([actors]), nlp=extractor.nlp, with_stance=False)
    text = "Veltrian President Anika Strell rebuked Harwen and Corvenia over their joint military drills."
    doc = ex.process(Article(id="t", text=text))
    ids = [m.actor.id for m in doc._.mentions.mentions]
    assert "gov:xhw" in ids and "gov:xcv" in ids, ids
    assert not any("harwen-and" in i for i in ids), ids
