"""A speech cue set into the clause it reports, found by its commas ("Democrats, Frank notes,
applaud the governor's management"; "In particular, Will wrote, Christie can challenge her").

:func:`stancewire.nlp.quotes.indirect.parenthetical` reads the parse that hangs the cue on the
clause as a parataxis. The small model often parses these frames otherwise: "notes" as a noun
in apposition to the clause's subject, "argues" as the main verb with the rest of the clause as
its complement. The surface says what they are whatever the parse: a short subject and a cue
between two commas, inside one sentence without quotation marks. The content is the clause on
both sides of the frame: two quotes with the same cue and speaker, as a split direct quote is.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from stancewire.nlp import cues, doccache
from stancewire.nlp.quotes.candidate import DocIndex
from stancewire.nlp.quotes.words import BELIEF_VERBS

# Present or past forms of a cue, and the plural-noun tag the tagger gives "notes", "says".
_CUE_TAGS = frozenset({"VBZ", "VBD", "VBP", "NNS"})
# The words a subject of two to five tokens is made of ("Frank", "the senator", "Mr. Velk",
# "party officials", "the group's founder"); a conjunction or a verb means a list or a clause.
_SUBJECT_POS = frozenset({"PROPN", "DET", "ADJ", "NOUN", "PART", "NUM"})
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
_MAX_SUBJECT = 5


Part = tuple[int, int]  # a token range [first, last]


def set_in_frame(doc: Doc, tok: Token, idx: DocIndex) -> tuple[Token, Part, Part] | None:
    """(the speaker's head token, the clause part before the frame, the part after it) as
    token ranges [first, last], when ``tok`` is a cue set between commas into its clause."""
    if tok.tag_ not in _CUE_TAGS or tok.i + 1 >= len(doc) or doc[tok.i + 1].text != ",":
        return None
    lemma = tok.lemma_.lower()
    if lemma not in cues.speech_verbs() and lemma not in BELIEF_VERBS:
        return None
    sent = doccache.sent(tok)
    comma = tok.i - 1
    while comma > sent.start and doc[comma].text != "," and tok.i - comma <= _MAX_SUBJECT:
        comma -= 1
    if doc[comma].text != "," or comma == tok.i - 1:
        return None
    subject = doc[comma + 1 : tok.i]
    if len(subject) == 1 and subject[0].lower_ in _SUBJECT_PRONOUNS:
        head = subject[0]
    elif all(t.pos_ in _SUBJECT_POS for t in subject) and subject[-1].pos_ in ("PROPN", "NOUN"):
        head = subject[-1]
    else:
        return None
    if any(t.is_quote or idx.in_quote[t.i] for t in sent):
        return None  # '“…,” he said, “…”': a direct quote's frame
    left = _trimmed(doc, sent.start, comma - 1)
    right = _trimmed(doc, tok.i + 2, sent.end - 1)
    if left is None or right is None or right[1] - right[0] < 2:
        return None
    first = doc[right[0]]
    if first.tag_ == "VBG" or first.lower_ in ("that", "and", "but", "as", "adding", "saying"):
        return None  # "On Monday, Morn said, adding that …": the cue's own content follows
    frame = range(comma, tok.i + 2)
    if not any(t.pos_ in ("VERB", "AUX") for t in doc[left[0] : right[1] + 1] if t.i not in frame):
        return None  # no clause around the frame: a list of names or an aside
    return head, left, right


def _trimmed(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    while first <= last and (doc[first].is_punct or doc[first].dep_ == "cc"):
        first += 1
    while last >= first and doc[last].is_punct:
        last -= 1
    return (first, last) if first <= last else None
