"""Content before its frame: "The rejection of the treaty signals “the beginning of the end” for
the EU, said Geert Wilders", "He was unable to find a single taker, he said, on condition of
anonymity".

The ccomp rule reads a fronted clause when the parser hangs it from the cue. Often it does not:
the clause's subject becomes a second subject of "said" ("rejection ... said Wilders"), or the
cue becomes an adverbial clause of the content's verb ("made it possible ..., she said"). The
shape is still plain: the sentence opens with a clause, a comma, then the frame (a speech verb
and its subject, either order, with only adverbials after it) ends the sentence. The content is
the clause before the comma, as PolNeAR draws it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from stancewire.nlp import doccache
from stancewire.nlp.doccache import children
from stancewire.nlp.quotes.candidate import DocIndex, QuoteCandidate
from stancewire.nlp.quotes.speakers import speaker_like
from stancewire.nlp.quotes.syntax import is_negated

# Speech verbs that close a sentence as its frame ("..., she said", "..., argued Cruz").
FRONTED_CUES = frozenset(
    {"say", "add", "argue", "note", "explain", "write", "insist", "claim", "contend", "acknowledge",
     "admit", "warn", "predict", "observe", "caution", "recall", "suggest", "conclude", "tell"}
)  # fmt: skip
# What may follow the cue in a frame: its subject, and when or where it was said.
_FRAME_DEPS = frozenset({"nsubj", "prep", "npadvmod", "advmod", "punct", "agent", "dative", "dobj"})
# "said on condition of anonymity to discuss the talks": why the source is unnamed, not content.
_ANONYMITY_VERBS = frozenset({"speak", "discuss", "comment", "talk", "describe", "share", "detail"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_FRAME_COMMAS = frozenset({",", "—", "–"})


def fronted_frame(doc: Doc, text: str, tok: Token, idx: DocIndex, speaker: Token) -> QuoteCandidate | None:
    """The clause before ", SPEAKER said" / ", said SPEAKER" at the end of a sentence (module doc)."""
    from stancewire.nlp.quotes.indirect import content_span, finish  # indirect imports this module

    if tok.lemma_.lower() not in FRONTED_CUES or tok.tag_ not in ("VBD", "VBZ", "VBP") or is_negated(tok):
        return None
    if (
        tok.dep_ not in ("ROOT", "advcl", "conj", "parataxis")
        or speaker.head.i != tok.i
        or not speaker_like(speaker)
    ):
        return None
    sent = doccache.sent(tok)
    after = [c for c in children(tok) if c.i > tok.i]
    if any(
        c.dep_ not in _FRAME_DEPS and not (c.dep_ == "xcomp" and c.lemma_.lower() in _ANONYMITY_VERBS)
        for c in after
    ):
        return None
    if any(not doc[j].is_punct for j in range(tok.right_edge.i + 1, sent.end)):
        return None  # the sentence goes on past the frame: not a closing frame
    # "told reporters" is a frame; "told him a story" is not.
    if any(c.dep_ == "dobj" and not speaker_like(c) for c in after):
        return None
    frame_start = min(tok.i, speaker.left_edge.i)
    comma = frame_start - 1
    if comma <= sent.start or doc[comma].text not in _FRAME_COMMAS:
        return None
    line_start = text.rfind("\n", 0, tok.idx) + 1
    first = sent.start
    while first < comma and doc[first].idx < line_start:
        first += 1
    while first < comma and (doc[first].is_punct or doc[first].dep_ == "cc"):
        first += 1
    last = comma - 1
    if last - first < 3 or idx.in_direct[first] or idx.in_direct[last]:
        return None  # a direct quote's frame ("“…,” he said") is the direct rule's
    # A clause before the frame: a finite verb, or a second subject of the cue there (the parser
    # reads "The rejection of the treaty signals ..." as a noun phrase, "signals" a noun).
    if not any(t.tag_ in _FINITE for t in doc[first : last + 1]) and not any(
        c.dep_ == "nsubj" and first <= c.i <= last for c in children(tok)
    ):
        return None  # "In nearby Decatur, said X": no clause before the frame
    span = content_span(doc, first, last, strip_leading=False)
    if span is None:
        return None
    return finish(doc, text, tok, tok, span[0], span[1], speaker, "fronted", 0.7)
