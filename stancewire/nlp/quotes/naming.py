"""Naming cues the parser breaks: "Beruff, a Scott ally, called Florida's standards “strong.”",
"Still, he called Clinton's squabble with the agency unusual", "Trump called to ban Muslims …".

"X called Y Z" puts an evaluation on Y; PolNeAR marks "Y Z" as the content. The small model
often misses the shape: the predicate is read as a modifier inside the object ("the community
unusual"), or, after an appositive, "called" is taken for a participle on the name ("Beruff …,
called …", as in "a firm called Dremmel") and the sentence is left rooted in a noun. When the
regular object-predicate frame finds nothing, the rest of the clause after the cue is the content
if it ends in a judgement: a quoted predicate, an adjective, or an "a/an" noun phrase. "called
to ban Muslims" is an infinitive of a call ("called for a ban").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from stancewire.nlp import doccache
from stancewire.nlp.doccache import children
from stancewire.nlp.quotes.candidate import DocIndex, QuoteCandidate
from stancewire.nlp.quotes.speakers import speaker_like
from stancewire.nlp.quotes.syntax import is_negated, subject_of

# "called for/on X" is a demand, its own frame: not a naming.
_DEMAND_PREPS = frozenset({"for", "on", "upon", "in", "off", "out", "up"})


def _speaker(tok: Token) -> Token | None:
    if tok.dep_ == "acl":
        # "Beruff, a Scott ally, called …" misread as a participle on a noun: only when the
        # sentence has no verb of its own (it is rooted in the name), so "the group, called
        # Velden Now, met" stays a name.
        root = doccache.sent(tok).root
        if root.pos_ not in ("PROPN", "NOUN"):
            return None
        return root if speaker_like(root) else None
    subj = subject_of(tok)
    return subj if subj is not None and speaker_like(subj) else None


def frames_a_quote(doc: Doc, tok: Token, speaker: Token, idx: DocIndex) -> bool:
    """Whether ``speaker tok`` follows a quote ("“… sprinting,” she calls, and …"): the frame of
    that quote, not a naming."""
    j = min(tok.i, speaker.left_edge.i) - 1
    while j >= doccache.sent(tok).start and doc[j].is_punct:
        if doc[j].is_quote or idx.in_quote[j]:
            return True
        j -= 1
    return j >= 0 and idx.in_quote[j]


def naming_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """The rest of a naming clause (module doc), when the object-predicate frame found none."""
    from stancewire.nlp.quotes.indirect import content_span, finish  # indirect imports this module

    if tok.pos_ != "VERB" or is_negated(tok):
        return None
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in children(tok)):
        return None
    if any(c.dep_ in ("prep", "prt") and c.lower_ in _DEMAND_PREPS for c in children(tok)):
        return None
    if tok.i + 1 >= doccache.sent(tok).end or idx.in_direct[tok.i + 1]:
        return None
    speaker = _speaker(tok)
    if speaker is None or frames_a_quote(doc, tok, speaker, idx):
        return None
    xcomp = next(
        (
            c
            for c in children(tok)
            if c.dep_ == "xcomp" and c.i == tok.i + 2 and doc[tok.i + 1].lower_ == "to" and c.pos_ == "VERB"
        ),
        None,
    )
    if xcomp is not None:
        span = content_span(doc, tok.i + 1, xcomp.right_edge.i)
    else:
        first, last = tok.i + 1, doccache.sent(tok).end - 1
        rest = [t for t in doc[first : last + 1] if not t.is_punct]
        if len(rest) < 2 or rest[0].pos_ == "ADP" or any(idx.in_direct[t.i] for t in rest):
            return None
        judged = (
            any(t.is_quote or idx.in_quote[t.i] for t in doc[first + 1 : last + 1])
            or rest[-1].tag_ == "JJ"
            or any(t.lower_ in ("a", "an") for t in rest[1:])
        )
        if not judged:
            return None  # "Trump called Cruz on Monday": a phone call, not a naming
        span = content_span(doc, first, last, strip_leading=False)
    if span is None:
        return None
    return finish(doc, text, tok, tok, span[0], span[1], speaker, "naming", 0.6)
