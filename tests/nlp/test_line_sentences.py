"""A line break ends a sentence (stancewire/nlp/line_sentences.py). Fictional text."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from stancewire.nlp.line_sentences import LINE_SENTENCES, line_sentences

# Paragraph pairs the small parser runs together as one sentence when left alone.
JOINED = [
    'Rubio "apologized numerous times on this show," Marsh said. "I think it\'s time to move on."\n\n'
    "Okafor said he made a mistake.",
    'The mayor called it "a disgrace"\n\nOtherwise, she said, countries may act alone.',
    'Morn was asked about the dam on Tuesday, and replied: "We will see."\n\n"Nobody wants it," she added.',
]


def _parse(extractor, text: str, with_lines: bool) -> Doc:
    """The model's own components over ``text``, with or without the line-break component."""
    doc = extractor.nlp.make_doc(text)
    for name, proc in extractor.nlp.pipeline:
        if name == LINE_SENTENCES and not with_lines:
            continue
        if not name.startswith("stancewire_") or name == LINE_SENTENCES:
            doc = proc(doc)
    return doc


def _crosses_break(doc: Doc, text: str) -> bool:
    brk = text.index("\n\n")
    # A sentence crosses the break when words of both paragraphs are in it (its trailing
    # whitespace token, the break itself, does not count).
    return any(s.start_char < brk and s.start_char + len(s.text.rstrip()) > brk + 2 for s in doc.sents)


@pytest.mark.parametrize("text", JOINED)
def test_the_parse_keeps_every_sentence_inside_its_paragraph(extractor, text: str) -> None:
    assert _crosses_break(_parse(extractor, text, with_lines=False), text)  # the parser alone joins them
    assert not _crosses_break(_parse(extractor, text, with_lines=True), text)


def test_the_first_word_after_a_line_break_starts_a_sentence(extractor) -> None:
    text = "Morn said the vote was “a disgrace.”\n\nOtherwise, she said, Velk may act alone.\nIt will."
    doc = line_sentences(extractor.nlp.make_doc(text))
    assert {t.text for t in doc if t.is_sent_start} >= {"Otherwise", "It"}
    # Words inside a line are left to the parser.
    assert all(t.is_sent_start is None for t in doc if t.text in ("said", "vote", "she", "Velk", "will"))


def test_it_runs_first_in_the_pipeline(extractor) -> None:
    assert extractor.nlp.pipe_names[0] == LINE_SENTENCES
