"""A headline word glued onto a name in a flattened line ("Marta Brandt Miss The Mark") is not
part of the name when the article writes the name without it (mentions/name_ends._glued_once).
Fictional names; a blank tokenizer is enough (name_end reads token texts only)."""

from __future__ import annotations

import spacy

from stancewire.nlp.mentions.name_ends import name_end, name_start

_NLP = spacy.blank("en")


def _end(text: str, name: str) -> str:
    doc = _NLP(text)
    words = name.split()
    start = next(i for i in range(len(doc)) if [t.text for t in doc[i : i + len(words)]] == words)
    return doc[start : name_end(doc, text, start, start + len(words))].text


def test_headline_word_glued_onto_a_name_is_dropped() -> None:
    text = (
        "Featured 11:19PM Tomas Velk And Marta Brandt Miss The Mark On Housing\n"
        "Marta Brandt spoke about rents in Quillon on Saturday."
    )
    assert _end(text, "Marta Brandt Miss") == "Marta Brandt"


def test_generational_suffix_stays() -> None:
    text = "Tomas Velk Jr spoke first in Quillon.\nTomas Velk praised his son."
    assert _end(text, "Tomas Velk Jr") == "Tomas Velk Jr"


def test_full_name_written_once_stays_when_the_short_form_is_not_its_start() -> None:
    text = "Hana Rodham Velk spoke first in Quillon.\nVelk said the vote had failed."
    assert _end(text, "Hana Rodham Velk") == "Hana Rodham Velk"


def test_name_written_in_full_twice_stays() -> None:
    text = "Ana Lise Korr spoke first.\nAna Lise Korr said the vote had failed. Ana Lise agreed."
    assert _end(text, "Ana Lise Korr") == "Ana Lise Korr"


def test_hyphenated_place_before_a_word_stays() -> None:
    text = "The Velo-Tessaly Quillonians protested.\nVelo-Tessaly is a hill region."
    assert _end(text, "Velo - Tessaly Quillonians") == "Velo-Tessaly Quillonians"


def test_several_headline_words_glued_onto_a_name_are_dropped() -> None:
    text = "Comedian Ada Morn spoke at the gala.\n14\nAda Morn On Why Quillonians Can't Lose.\nGetty."
    assert _end(text, "Ada Morn On Why Quillonians") == "Ada Morn"


def test_reporting_verb_run_into_a_name_is_dropped() -> None:
    doc = _NLP('Said Velk, "The port will stay open." Telling Ivo Marsh to wait, she left. Stated Korr: no.')
    assert doc[name_start(doc, 0, 2) : 2].text == "Velk"
    telling = next(t.i for t in doc if t.text == "Telling")
    assert doc[name_start(doc, telling, telling + 3) : telling + 3].text == "Ivo Marsh"
    stated = next(t.i for t in doc if t.text == "Stated")
    assert doc[name_start(doc, stated, stated + 2) : stated + 2].text == "Korr"


def test_a_name_without_a_verb_before_it_stays() -> None:
    doc = _NLP("Tomas Velk spoke first.")
    assert name_start(doc, 0, 2) == 0
