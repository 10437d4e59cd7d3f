"""A cue in an "as" clause: "As The Atlantic noted, trust in government is collapsing", "Obama
is trying to make Republicans an offer, as Ruth Marcus puts it", "as the report found, ...".

The "as" clause names who said what the clause it modifies states: that clause, on the other
side of the cue, is the content. Only a speech verb (or "put it") with no content of its own
counts: "as he called on Americans to …" or "as she sought the nomination" say when, not who
says so.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from stancewire.nlp import cues, doccache
from stancewire.nlp.doccache import children
from stancewire.nlp.quotes.candidate import DocIndex, QuoteCandidate
from stancewire.nlp.quotes.syntax import is_negated, subject_of

# A complement or an addressee of its own makes the cue's clause say when, not who said it.
_OWN_CONTENT = frozenset({"ccomp", "xcomp", "dobj", "obj", "dative"})


def as_clause_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """The clause that an "as X noted" clause modifies (module doc), or None."""
    from stancewire.nlp.quotes.indirect import content_span, finish  # indirect imports this module

    lemma = tok.lemma_.lower()
    if tok.dep_ != "advcl" or tok.pos_ != "VERB" or is_negated(tok):
        return None
    if not (lemma in cues.speech_verbs() or lemma == "put"):
        return None
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in children(tok)):
        return None
    for c in children(tok):
        if c.dep_ in _OWN_CONTENT and not (lemma == "put" and c.lower_ == "it"):
            return None
        if c.dep_ == "prep" and c.lower_ in ("on", "for", "to") and not _says_when(c):
            return None  # "as he called for calm", "as she pointed to the polls"
    speaker = subject_of(tok)
    if speaker is None:
        return None
    head, sent = tok.head, doccache.sent(tok)
    nxt = tok.right_edge.i + 1
    while nxt < sent.end - 1 and doc[nxt].is_punct:
        nxt += 1
    prev = tok.left_edge.i - 1
    while prev > sent.start and doc[prev].is_punct:
        prev -= 1
    if (nxt < len(doc) and idx.in_direct[nxt]) or (prev >= 0 and idx.in_quote[prev]):
        # "as she puts it, “a very old car”", "rose “sharply”, as traders put it": the quote
        # next to the clause is what was put.
        return None
    if tok.i < head.i:
        first, last = tok.right_edge.i + 1, min(head.right_edge.i, sent.end - 1)
    else:
        first, last = max(head.left_edge.i, sent.start), tok.left_edge.i - 1
    while first <= last and doc[first].is_punct:
        first += 1
    if last - first < 2 or any(idx.in_direct[j] for j in (first, last)):
        return None
    span = content_span(doc, first, last)
    if span is None:
        return None
    return finish(doc, text, tok, tok, span[0], span[1], speaker, "as-clause", 0.7)


def _says_when(prep: Token) -> bool:
    """ "on Sunday", "on Tuesday night": a time, not what the cue is about."""
    return any(g.ent_type_ in ("DATE", "TIME") for g in children(prep))
