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
     "admit", "warn", "predict", "observe", "caution", "recall", "suggest", "conclude", "tell", "report"}
)  # fmt: skip
# What may follow the cue in a frame: its subject, and when or where it was said.
_FRAME_DEPS = frozenset({"nsubj", "prep", "npadvmod", "advmod", "punct", "agent", "dative", "dobj"})
# "said on condition of anonymity to discuss the talks": why the source is unnamed, not content.
_ANONYMITY_VERBS = frozenset({"speak", "discuss", "comment", "talk", "describe", "share", "detail"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_FRAME_COMMAS = frozenset({",", "—", "–"})


def frame_comma(doc: Doc, frame_start: int) -> int | None:
    """The comma (or dash) that opens a frame starting at ``frame_start``; a closing quote mark
    may stand between (the fragment before it ends the clause: '... termed "influence
    peddling," The Ledger reported')."""
    j = frame_start - 1
    if j > 1 and doc[j].is_quote and doc[j - 1].text == ",":
        j -= 1
    return j if j > 0 and doc[j].text in _FRAME_COMMAS else None


def closing_frame(doc: Doc, tok: Token, speaker: Token, any_holder: bool = False) -> int | None:
    """The comma before the frame when ``tok`` and ``speaker`` (either order) form a frame that
    closes its sentence after a comma, with only when, where or to whom after the cue: ", The
    Ledger reported in 1991.", ", reported the Ledger.", ", his friend told The Daily Beast."
    Whatever the parser hung them from (the clause before, the cue as its complement), all the
    sentence before that comma is what the frame reports. ``any_holder``: the caller has
    judged the subject itself ("records" show, though no one speaks)."""
    if tok.tag_ not in ("VBD", "VBZ", "VBP") or is_negated(tok) or speaker.head.i != tok.i:
        return None
    # A paper's title the tagger reads as a work ("The Lumen Ledger") is an outlet in a frame.
    if not any_holder and not speaker_like(speaker) and speaker.ent_type_ != "WORK_OF_ART":
        return None
    sent = doccache.sent(tok)
    after = [c for c in children(tok) if c.i > tok.i]
    if any(
        c.dep_ not in _FRAME_DEPS and not (c.dep_ == "xcomp" and c.lemma_.lower() in _ANONYMITY_VERBS)
        for c in after
    ):
        return None
    if any(not (doc[j].is_punct or doc[j].is_space) for j in range(tok.right_edge.i + 1, sent.end)):
        return None  # the sentence goes on past the frame: not a closing frame
    # "told reporters" is a frame; "told him a story" is not.
    if any(c.dep_ == "dobj" and c.i != speaker.i and not speaker_like(c) for c in after):
        return None
    comma = frame_comma(doc, min(tok.i, speaker.left_edge.i))
    return comma if comma is not None and comma > sent.start else None


def inverted_speaker(tok: Token) -> Token | None:
    """The subject of an inverted frame that the parser took for the cue's object: in ", reported
    the Lumen Ledger." the outlet is a direct object, yet it is who reported. Not when the cue
    has a subject of its own ("Garin, a pollster, said his focus groups show …")."""
    kids = children(tok)
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in kids):
        return None
    return next((c for c in kids if c.dep_ == "dobj" and c.left_edge.i == tok.i + 1), None)


def fronted_frame(doc: Doc, text: str, tok: Token, idx: DocIndex, speaker: Token) -> QuoteCandidate | None:
    """The clause before ", SPEAKER said" / ", said SPEAKER" at the end of a sentence (module doc)."""
    from stancewire.nlp.quotes.indirect import content_span, finish  # indirect imports this module

    if tok.lemma_.lower() not in FRONTED_CUES or tok.tag_ not in ("VBD", "VBZ", "VBP") or is_negated(tok):
        return None
    # A cue hung as the complement of the clause's verb, or as a clause on its last noun
    # ("Kade acknowledged that …, The Ledger reported"), is still its frame.
    if tok.dep_ not in ("ROOT", "advcl", "conj", "parataxis", "ccomp", "acl", "relcl"):
        return None
    comma = closing_frame(doc, tok, speaker)
    if comma is None:
        return None
    sent = doccache.sent(tok)
    line_start = text.rfind("\n", 0, tok.idx) + 1
    first = sent.start
    while first < comma and doc[first].idx < line_start:
        first += 1
    while first < comma and (doc[first].is_punct or doc[first].dep_ == "cc"):
        first += 1
    last = comma - 1
    if last - first < 3 or idx.in_direct[first]:
        return None  # a direct quote's frame ("“…,” he said") is the direct rule's
    # A clause before the frame: a finite verb, or a second subject of the cue there (the parser
    # reads "The rejection of the treaty signals ..." as a noun phrase, "signals" a noun).
    if not any(t.tag_ in _FINITE for t in doc[first : last + 1]) and not any(
        c.dep_ == "nsubj" and first <= c.i <= last for c in children(tok)
    ):
        return None  # "In nearby Decatur, said X": no clause before the frame
    # The whole clause, inner cues and all: "Trump welcomed the news, saying …, CNN reported"
    # reports all of it, not up to "saying".
    span = content_span(doc, first, last, strip_leading=False, cut=False)
    if span is None:
        return None
    return finish(doc, text, tok, tok, span[0], span[1], speaker, "fronted", 0.7)
