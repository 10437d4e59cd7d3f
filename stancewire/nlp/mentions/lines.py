"""Entity spans cut at line breaks.

The statistical NER reads a name alone on a line and the name opening the next line as one
entity ("Tobias Reeve\\nMarla Quint", a byline or caption above a lead). Such a span makes one
person of two and a speaker of the byline. A line break never sits inside a real name, so every
entity is cut at its line-break tokens into one entity per line, each keeping the label.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span


def _has_break(doc: Doc, i: int) -> bool:
    return "\n" in doc[i].text or "\n" in doc[i].whitespace_


def split_at_line_breaks(doc: Doc) -> bool:
    """Cut ``doc.ents`` at line breaks in place; True when any entity changed."""
    out: list[Span] = []
    changed = False
    for ent in doc.ents:
        if not any(_has_break(doc, i) for i in range(ent.start, ent.end)):
            out.append(ent)
            continue
        changed = True
        start = ent.start
        for i in range(ent.start, ent.end):
            tok = doc[i]
            if tok.is_space or "\n" in tok.text:
                if start < i:
                    out.append(Span(doc, start, i, label=ent.label_))
                start = i + 1
            elif "\n" in tok.whitespace_:
                out.append(Span(doc, start, i + 1, label=ent.label_))
                start = i + 1
        if start < ent.end:
            out.append(Span(doc, start, ent.end, label=ent.label_))
    if changed:
        doc.ents = out
    return changed
