"""A speech cue set into the clause it reports, found by its commas ("Democrats, Frank notes,
applaud the governor's management"; "In particular, Will wrote, Christie can challenge her").

:func:`stancewire.nlp.quotes.indirect.parenthetical` reads the parse that hangs the cue on the
clause as a parataxis. The small model often parses these frames otherwise: "notes" as a noun
in apposition to the clause's subject, "argues" as the main verb with the rest of the clause as
its complement. The surface says what they are whatever the parse: a short subject and a cue
between two commas, inside one sentence without quotation marks. The content is the clause on
both sides of the frame: two quotes with the same cue and speaker, as a split direct quote is.

The frame may close with a short phrase of its own before the comma: a time ("Voss said Monday,"),
a prepositional phrase ("wrote in a letter,"), the hearer of "told" ("told reporters,"). A speech
verb inside the clause ("Instead, she said, her boss told her …") is a nested attribution with
its own complement; the frame, which the parser often hangs under that verb, is not its content
(:func:`stancewire.nlp.quotes.indirect.verb_frame_main`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from stancewire.nlp import cues, doccache
from stancewire.nlp.quotes.candidate import DocIndex
from stancewire.nlp.quotes.words import BELIEF_VERBS

# Present or past forms of a cue, and the plural-noun tag the tagger gives "notes", "says".
_CUE_TAGS = frozenset({"VBZ", "VBD", "VBP", "NNS"})
# The words a subject of two to five tokens is made of ("Frank", "the senator", "Mr. Velk",
# "party officials", "the group's founder", "her aides"); a verb means a clause, more than
# one "and" a list (_subject_head).
_SUBJECT_POS = frozenset({"PROPN", "DET", "ADJ", "NOUN", "PART", "NUM"})
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
_MAX_SUBJECT = 5
# The words of a short phrase between a speech cue and its closing comma (_closing_comma).
_TAIL_POS = frozenset({"PROPN", "NOUN", "DET", "ADP", "ADJ", "NUM", "PRON"})
_MAX_TAIL = 4
_TIME_ENTS = frozenset({"DATE", "TIME"})
# Words after a frame that open the cue's own content or its time, not the rest of the clause.
_NOT_CLAUSE_OPENERS = frozenset(
    {"that", "and", "but", "as", "adding", "saying", "after", "before", "while", "following", "until"}
)
# How the parser hangs a phrase of the cue itself on it: what follows such a frame is no clause.
_CUE_ADJUNCTS = frozenset({"prep", "agent", "npadvmod", "advmod", "xcomp", "advcl"})
# Cues whose object is the hearer, part of the frame ("told reporters", "assured the board").
_HEARER_CUES = frozenset({"tell", "assure", "inform", "remind", "warn"})


# Verbs whose expletive "it" subject stands for a "that" clause after them (_extraposing).
_COPULAS = frozenset({"be", "seem", "appear", "remain"})

Part = tuple[int, int]  # a token range [first, last]


def set_in_frame(doc: Doc, tok: Token, idx: DocIndex) -> tuple[Token, Part, Part] | tuple[Token, Part] | None:
    """(the speaker's head token, the clause part before the frame, the part after it) as
    token ranges [first, last], when ``tok`` is a cue set between commas into its clause; only
    the part after it when the frame opens a relative clause."""
    if tok.tag_ not in _CUE_TAGS:
        return None
    lemma = tok.lemma_.lower()
    if lemma not in cues.speech_verbs() and lemma not in BELIEF_VERBS:
        return None
    sent = doccache.sent(tok)
    close = _closing_comma(doc, tok, sent.end, lemma)
    if close is None:
        return None
    comma = tok.i - 1
    while comma > sent.start and doc[comma].text != "," and tok.i - comma <= _MAX_SUBJECT:
        comma -= 1
    if doc[comma].text != "," or comma == tok.i - 1:
        return None
    subject = doc[comma + 1 : tok.i]
    head = _subject_head(subject)
    if head is None:
        return None
    if any(t.is_quote or idx.in_quote[t.i] for t in sent):
        return None  # '“…,” he said, “…”': a direct quote's frame
    left = _trimmed(doc, sent.start, comma - 1)
    right = _trimmed(doc, close + 1, sent.end - 1)
    if left is None or right is None or right[1] - right[0] < 2:
        return None
    # The word right after the frame, before _trimmed dropped a conjunction ("said, and left").
    first = doc[right[0]] if doc[close + 1].dep_ != "cc" else doc[close + 1]
    if first.lower_ == "that" and _extraposing(doc[left[0]]):
        pass  # "It is no surprise, Garin said, that the vote failed": the subject clause itself
    elif first.tag_ == "VBG" or first.lower_ in _NOT_CLAUSE_OPENERS:
        return None  # "On Monday, Morn said, adding that …": the cue's own content follows;
        # "…, Velk said Thursday, after Rask said …": when the cue was said, a frame at the end
    if first.head == tok and first.dep_ in _CUE_ADJUNCTS:
        return None  # "…, he said, on condition of anonymity": the frame's own phrase follows
    frame = range(comma, close + 1)
    if not any(t.pos_ in ("VERB", "AUX") for t in doc[left[0] : right[1] + 1] if t.i not in frame):
        return None  # no clause around the frame: a list of names or an aside
    if doc[left[1]].tag_ in ("WDT", "WP"):
        return head, right  # "a levy which, his aides believe, would sink …": the relative
        # clause after the frame is the content, not the sentence its antecedent is in
    return head, left, right


def _subject_head(subject: Span) -> Token | None:
    """The token the speaker is read from: a lone pronoun, or the last noun of a short noun
    phrase; of joined ones ("union members and leaders", "Velk and Morrow") the first
    conjunct, whose conjuncts the speaker reading takes in as the regular frame's subject."""
    if len(subject) == 1 and subject[0].lower_ in _SUBJECT_PRONOUNS:
        return subject[0]
    conj = [k for k, t in enumerate(subject) if t.lower_ == "and"]
    if len(conj) > 1 or (conj and not 0 < conj[0] < len(subject) - 1):
        return None
    words = (t for t in subject if t.lower_ != "and")
    if not all(t.pos_ in _SUBJECT_POS or t.tag_ == "PRP$" for t in words):
        return None
    if subject[-1].pos_ not in ("PROPN", "NOUN"):
        return None
    if not conj:
        return subject[-1]
    before = subject[conj[0] - 1]
    if before.pos_ not in ("PROPN", "NOUN") or _ends_a_list(before, subject.start):
        return None
    return before


def _ends_a_list(first: Token, start: int) -> bool:
    """Whether joined subjects end a list begun before the frame ("The plan, Velk, Morrow and
    Tansy said,"): a conjunct of a name that stands alone between commas, not of a phrase the
    clause ends on ("the attraction to Mr. Trump, union members and leaders say,")."""
    if first.dep_ != "conj" or first.head.i >= start:
        return False
    edge = first.head.left_edge.i
    return edge > 0 and first.doc[edge - 1].text == ","


def _extraposing(first: Token) -> bool:
    """Whether a clause opens on an expletive "it" of a copula ("It is no surprise", "It was
    clear"): a "that" clause after a frame set into it is its extraposed subject, content."""
    return first.lower_ == "it" and first.dep_ in ("nsubj", "expl") and first.head.lemma_ in _COPULAS


def _closing_comma(doc: Doc, tok: Token, end: int, lemma: str) -> int | None:
    """The comma that closes the frame: right after the cue, or after a short phrase that
    belongs to the frame, not to the clause: a time ("Voss said Monday,"), a prepositional phrase
    ("wrote in a letter,"), the hearer of a cue that takes one ("told reporters,"). A verb or a
    "that" there means the cue has a clause of its own; an object of another cue ("ordered her
    released,") or of a belief verb ("found himself in Tarnby,") is no frame."""
    nxt = tok.i + 1
    if nxt < end and doc[nxt].text == ",":
        return nxt
    if nxt >= end or lemma not in cues.speech_verbs():
        return None
    opener = doc[nxt]
    if not (opener.pos_ == "ADP" or opener.ent_type_ in _TIME_ENTS or lemma in _HEARER_CUES):
        return None
    for j in range(nxt, min(end, nxt + _MAX_TAIL + 1)):
        t = doc[j]
        if t.text == ",":
            return j
        if t.pos_ not in _TAIL_POS or t.lower_ == "that":
            return None
    return None


def _trimmed(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    while first <= last and (doc[first].is_punct or doc[first].dep_ == "cc"):
        first += 1
    while last >= first and doc[last].is_punct:
        last -= 1
    return (first, last) if first <= last else None
