"""A line break ends a sentence: a spaCy component that runs before the parser.

News text has one paragraph per line. The small English parser often runs a sentence across a
paragraph break after a closing quote mark ('… he said. “We will win.”\\n\\nOtherwise, she said,
…'), and then hangs one paragraph's clause from the next paragraph's reporting verb. The parser
respects sentence starts set before it runs, so marking the first token after each line break
keeps every sentence, and every parse tree, inside its paragraph.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

LINE_SENTENCES = "stancewire_line_sentences"


@Language.component(LINE_SENTENCES)
def line_sentences(doc: Doc) -> Doc:
    """Mark the first non-space token after each line break as a sentence start."""
    after_break = False
    for tok in doc:
        if tok.is_space:
            after_break = after_break or "\n" in tok.text
            continue
        if after_break and tok.i > 0:
            tok.is_sent_start = True
        after_break = "\n" in tok.whitespace_
    return doc
