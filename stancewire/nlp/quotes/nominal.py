"""Nominal cues with a prepositional or infinitive content: "Trump's call for a ban on Muslims",
"her opposition to the Common Core", "Perry's endorsement of Cruz", "her decision to champion
the deal", "criticism from rivals that …".

A noun that names a speech act or a position carries what it is about as its content, like
the verb it comes from ("called for", "opposed", "endorsed", "decided to"). Only a holder that
the phrase itself names counts as the speaker: a possessive, a "by/from" phrase, or the subject
of a light verb ("Clinton issued a call for …", "Pence threw his support behind Ryan"). Without
one the noun is an event ("the endorsement of the party"), not someone's position, and no
quote is made.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from stancewire.nlp.doccache import children
from stancewire.nlp.quotes.candidate import DocIndex, QuoteCandidate
from stancewire.nlp.quotes.syntax import subject_of
from stancewire.nlp.quotes.words import LIGHT_VERBS, NOUN_INFINITIVE_CUES, NOUN_PREP_CUES

_NOT_SPEAKERS = frozenset({"it", "this", "that", "there", "what", "which", "these", "those"})


def noun_speaker(tok: Token) -> Token | None:
    """Who holds the position a cue noun names (module doc), or None."""
    poss = next((c for c in children(tok) if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    for c in children(tok):
        if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i > tok.i:
            pobj = next((g for g in children(c) if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    if tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() in LIGHT_VERBS:
        subj = subject_of(tok.head)
        if subj is not None and subj.lower_ not in _NOT_SPEAKERS:
            return subj
    return None


def noun_content_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """The prepositional object or to-infinitive of a cue noun, with its holder as speaker."""
    from stancewire.nlp.quotes.indirect import content_span, finish  # indirect imports this module

    if tok.pos_ != "NOUN":
        return None
    lemma = tok.lemma_.lower()
    preps = NOUN_PREP_CUES.get(lemma, frozenset())
    comp: Token | None = None
    cue_end = tok
    prep = next((c for c in children(tok) if c.dep_ == "prep" and c.lower_ in preps and c.i > tok.i), None)
    if prep is not None:
        comp = next((g for g in children(prep) if g.dep_ in ("pobj", "pcomp")), None)
        cue_end = prep
    elif lemma in NOUN_INFINITIVE_CUES:
        comp = next(
            (
                c
                for c in children(tok)
                if c.dep_ in ("acl", "relcl", "xcomp")
                and c.i > tok.i
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in children(c))
            ),
            None,
        )
    if comp is None or idx.in_direct[comp.i]:
        return None
    speaker = noun_speaker(tok)
    if speaker is None or speaker.lower_ in _NOT_SPEAKERS:
        return None
    span = content_span(doc, comp.left_edge.i, comp.right_edge.i, strip_leading=False)
    if span is None:
        return None
    return finish(doc, text, tok, cue_end, span[0], span[1], speaker, "noun-content", 0.62)
