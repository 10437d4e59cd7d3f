"""Entity spans cut at line breaks.

The statistical NER reads a name alone on a line and the name opening the next line as one
entity ("Tobias Reeve\\nMarla Quint", a byline or caption above a lead). Such a span makes one
person of two and a speaker of the byline. A line break never sits inside a real name, so every
entity is cut at its line-break tokens into one entity per line, each keeping the label.

Nor does a colon sit inside the name of a person, organisation or place: the NER runs a headline
label into its claim ("De Blasio: Trust Bratton", "Judicial Watch: State Department Hid …"), so
such entities are cut at a colon token too (a title, "Mission: Vengeance", keeps it).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from stancewire.nlp import doccache

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})


def _has_break(tok: Token, label: str) -> bool:
    text = tok.text
    return "\n" in text or "\n" in tok.whitespace_ or (text == ":" and label in NAME_LABELS)


def split_at_line_breaks(doc: Doc) -> bool:
    """Cut ``doc.ents`` at line breaks (and names at colons) in place; True when any changed."""
    out: list[Span] = []
    changed = False
    toks = doccache.tokens(doc)
    for ent in doc.ents:
        label = ent.label_
        if not any(_has_break(toks[i], label) for i in range(ent.start, ent.end)):
            out.append(ent)
            continue
        changed = True
        start = ent.start
        for i in range(ent.start, ent.end):
            tok = doc[i]
            if tok.is_space or "\n" in tok.text or tok.text == ":":
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
