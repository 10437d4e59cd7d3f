"""What a poll, a study or records show: "The latest poll shows Trump leading by seven points",
"Polls show that Clinton is up by ten".

News attributes findings to the text or data that holds them; PolNeAR annotates "show" with
such a subject as a cue and everything it shows as content. "show" is no speech verb (a
person "shows up", a film "shows" a city), so it is a cue here only with a subject naming a
document or data.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from stancewire.nlp import doccache
from stancewire.nlp.doccache import children
from stancewire.nlp.quotes.candidate import DocIndex, QuoteCandidate
from stancewire.nlp.quotes.syntax import SUBJ, is_negated, subject_of

# Lemmas of what can show a finding ("poll", "survey", "records", "emails", "data").
FINDING_HOLDERS = frozenset({
    "poll", "survey", "study", "data", "record", "report", "figure", "number", "result",
    "analysis", "research", "statistic", "estimate", "filing", "document", "email", "polling",
    "count", "tally", "audit", "review", "investigation", "projection", "forecast",
    # Recordings and papers show what they record ("the video showed the officer shooting").
    "video", "footage", "photo", "photograph", "image", "recording", "tape", "letter", "memo",
    "message", "evidence", "history", "experience", "map", "chart", "graph", "trend", "return",
    "file", "log", "transcript",
})  # fmt: skip
_CONTENT_DEPS = ("ccomp", "dobj", "obj", "xcomp", "oprd")


def finding_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """The content of "<poll/records> show(s) <content>" (module doc)."""
    from stancewire.nlp.quotes.indirect import finish  # indirect imports this module

    if tok.pos_ != "VERB" or tok.lemma_.lower() != "show" or is_negated(tok):
        return None
    if tok.dep_ in ("amod", "acl", "relcl", "compound") and tok.tag_ == "VBN":
        return None
    subj = subject_of(tok)
    if subj is None or not _finding_holder(subj):
        return None
    parts = [c for c in children(tok) if c.dep_ in _CONTENT_DEPS and c.i > tok.i and not idx.in_direct[c.i]]
    if not parts:
        return _closing_finding(doc, text, tok, idx, subj)
    first = min(c.left_edge.i for c in parts)
    # Everything the verb governs after it ("… leading Falk 44 percent to 37 percent, with 13
    # percent undecided"), not a coordinated clause of its own.
    tail = [c for c in children(tok) if c.i > tok.i and c.dep_ not in ("punct", "cc", "conj")]
    last = max(c.right_edge.i for c in tail)
    while first <= last and (doc[first].lower_ == "that" or doc[first].is_punct):
        first += 1
    while last > first and doc[last].is_punct:
        last -= 1
    if first > last:
        return None
    a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
    return finish(doc, text, tok, tok, a, b, subj, "finding", 0.7)


def _closing_finding(doc: Doc, text: str, tok: Token, idx: DocIndex, subj: Token) -> QuoteCandidate | None:
    """ "He agreed to sell it in 2010, records show.": the finding is the clause before a frame
    that closes the sentence, as for a speaker's ", she said"."""
    from stancewire.nlp.quotes.fronted import closing_frame
    from stancewire.nlp.quotes.indirect import content_span, finish

    comma = closing_frame(doc, tok, subj, any_holder=True)
    if comma is None:
        return None
    first = doccache.sent(tok).start
    while first < comma and (doc[first].is_punct or doc[first].dep_ == "cc"):
        first += 1
    last = comma - 1
    if last - first < 2 or idx.in_direct[first] or not any(t.dep_ in SUBJ for t in doc[first : last + 1]):
        return None  # a direct quote's frame, or no clause before the frame
    span = content_span(doc, first, last, strip_leading=False, cut=False)
    if span is None:
        return None
    return finish(doc, text, tok, tok, span[0], span[1], subj, "finding", 0.7)


def _finding_holder(subj: Token) -> bool:
    """Whether ``subj`` names a document or data; a capitalised plural at the start of a sentence
    ("Records show ...") is tagged a proper noun and keeps its "s" in the lemma."""
    lemma = subj.lemma_.lower()
    return lemma in FINDING_HOLDERS or (lemma.endswith("s") and lemma[:-1] in FINDING_HOLDERS)
