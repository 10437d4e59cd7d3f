"""Entity spans cut at line breaks and, for names, at colons (mentions/lines.py)."""

from __future__ import annotations

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from stancewire.nlp.mentions.lines import split_at_line_breaks


def _doc(words: list[str], spaces: list[bool], ents: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(Vocab(), words=words, spaces=spaces)
    doc.ents = [Span(doc, a, b, label=lab) for a, b, lab in ents]
    return doc


def test_a_headline_label_is_cut_from_its_claim_at_the_colon() -> None:
    # Fictional headline the NER reads as one organisation: "Ada Morn: Trust Velk".
    words = ["Ada", "Morn", ":", "Trust", "Velk", "on", "security"]
    doc = _doc(words, [True, False, True, True, True, True, False], [(0, 5, "ORG")])
    assert split_at_line_breaks(doc) is True
    assert [(e.text, e.label_) for e in doc.ents] == [("Ada Morn", "ORG"), ("Trust Velk", "ORG")]


def test_a_title_keeps_its_colon_and_a_plain_name_is_untouched() -> None:
    words = ["Mission", ":", "Vengeance", "stars", "Ida", "Kessel"]
    doc = _doc(words, [False, True, True, True, True, False], [(0, 3, "WORK_OF_ART"), (4, 6, "PERSON")])
    assert split_at_line_breaks(doc) is False
    assert [e.text for e in doc.ents] == ["Mission: Vengeance", "Ida Kessel"]
