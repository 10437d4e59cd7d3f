"""Which token or text span of a sentence can name the speaker (not a dateline, not inside a quote)."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from spacy.tokens import Token

from stancewire.nlp import cues, doccache
from stancewire.nlp.attribution.patterns import DATELINE_RE, MONTH_RE, TIMESTAMP_LINE_RE
from stancewire.nlp.doccache import children
from stancewire.nlp.quotes import QuoteCandidate

if TYPE_CHECKING:
    from stancewire.nlp.attribution.attributor import Attributor


def np_bounds(att: Attributor, tok: Token) -> tuple[int, int]:
    left = tok.left_edge
    return left.idx, tok.idx + len(tok.text)


def line_bounds(att: Attributor, char: int) -> tuple[int, int]:
    a = att.text.rfind("\n", 0, char) + 1
    b = att.text.find("\n", char)
    return a, (len(att.text) if b < 0 else b)


def is_dateline(att: Attributor, tok: Token) -> bool:
    """An all-capitals place opening a paragraph ("MARROWGATE, Sept 3 -", "ISPARRE CITY
    (Reuters) -") is a dateline; the parser often makes it the subject of the first verb."""
    if not tok.text.isupper() or not any(c.isalpha() for c in tok.text):
        return False
    a, _ = line_bounds(att, tok.idx)
    return DATELINE_RE.match(att.text, a) is not None and tok.idx < a + 40


def usable_speaker_token(att: Attributor, tok: Token, q: QuoteCandidate) -> Token | None:
    """Reject speaker tokens the parser joined to the cue across a line break (a live-blog
    heading merged into the next paragraph) or from a dateline; fall back to the cue's own
    subject on the cue's line, or to the name in apposition to the dateline."""
    if q.cue_start is None:
        return tok
    la, lb = line_bounds(att, q.cue_start)
    ok_line = la <= tok.idx < lb
    if ok_line and not is_dateline(att, tok) and not TIMESTAMP_LINE_RE.match(att.text, la):
        return tok
    if ok_line and is_dateline(att, tok):
        # "MARROWGATE, Sept 3 - Kestavo Telecom said": the real subject hangs off the dateline
        # as an apposition after the dash.
        for c in tok.subtree:
            if (
                c.dep_ == "appos"
                and c.i > tok.i
                and not c.text.isupper()
                and c.pos_ in ("PROPN", "NOUN")
                and not MONTH_RE.match(c.text)
            ):
                return c
        return None
    # Different line: the cue's subject if it is on the cue's line.
    cue = token_at(att, q.cue_start)
    if cue is None:
        return None
    for c in children(cue):
        if c.dep_ in ("nsubj", "nsubjpass") and la <= c.idx < lb:
            return c
    # The parse hung the subject on the heading: take the outermost noun phrase head between
    # the line start and the cue.
    i = cue.i - 1
    while i >= 0 and att.m.toks[i].idx >= la:
        i -= 1
    lo = i + 1
    for t in att.m.toks[lo : cue.i]:
        if t.pos_ in ("NOUN", "PROPN", "PRON") and not (lo <= t.head.i < cue.i):
            return t
    return None


def token_at(att: Attributor, char: int) -> Token | None:
    i = bisect_right(doccache.token_starts(att.doc), char) - 1
    return att.m.toks[i] if i >= 0 else None


# Raising verbs: in "Velk seemed hopeful that ..." or "Brandt appeared to concede defeat" the quote
# extractor takes the clause, subject included, as the content and names no speaker. Mostly such
# a clause is the writer's own assessment ("Velk appears to have a lead", "Brandt seemed lost",
# "seemed to favour a referendum"): no one's view. Only a reporting verb under it ("seemed to
# offer a caveat", "appeared to concede it") or an adjective over a that-clause ("seemed hopeful
# that ...") is something the subject said or holds.
_RAISING = frozenset({"seem", "appear"})
# Empty subjects of a raising verb ("It seems that ...", "There appear to be ...").
_EMPTY_SUBJECTS = frozenset({"it", "there", "this", "that", "what"})


def _subjects_view(cue: Token) -> bool:
    """Whether the raising verb ``cue`` reports what its subject said or holds (see above)."""
    kids = list(children(cue))
    for c in kids:
        lemma = c.lemma_.lower()
        if (
            c.dep_ == "xcomp"
            and c.pos_ == "VERB"
            and (cues.is_speech_verb(lemma) or lemma in cues.OBJECT_VERBS)
        ):
            return True
    # An adjective over a "that" clause ("hopeful that ..."; the parser hangs the clause on the
    # adjective or on the verb); not over an infinitive: "certain to leave" is the writer's
    # forecast, not the subject's view.
    adjective = any(c.dep_ in ("acomp", "oprd", "xcomp") and c.pos_ == "ADJ" for c in kids)
    clauses = [g for c in kids if c.pos_ == "ADJ" for g in children(c)] + kids
    return adjective and any(g.dep_ == "ccomp" and g.pos_ in ("VERB", "AUX") for g in clauses)


def raised_subject(att: Attributor, q: QuoteCandidate) -> Token | None:
    """The subject of a raising cue ("seem", "appear") on the cue's line, before it, for a quote
    the extractor gave no speaker, when the cue reports what the subject said or holds: a name
    or pronoun, or the named possessor of a noun subject ("Velk's aides seemed to offer a deal":
    Velk). None otherwise."""
    if q.cue_start is None or (q.cue_lemma or "").lower() not in _RAISING:
        return None
    cue = token_at(att, q.cue_start)
    if cue is None or not _subjects_view(cue):
        return None
    la, _ = line_bounds(att, q.cue_start)
    for c in children(cue):
        if c.dep_ != "nsubj" or not la <= c.idx < cue.idx or c.lower_ in _EMPTY_SUBJECTS:
            continue
        if c.pos_ == "NOUN":
            poss = next((p for p in children(c) if p.dep_ == "poss" and p.pos_ == "PROPN"), None)
            return poss
        return c
    return None
