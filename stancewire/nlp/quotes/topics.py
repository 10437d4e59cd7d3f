"""What someone talked about, referred to or cited: "Trump mentioned his ties to the faith,
referring to his daughter", "Rubio briefly explained the visas, citing Canada's efforts",
"Clinton talked about trade".

PolNeAR annotates these as attributions whose content is the object (or the object of the
preposition) and whose source is the subject of the clause (a participle after a quote takes the
speaker of that quote, as ``subject_of`` walks up to it). The content is a topic, not a
statement, so it is kept to the noun phrase the verb governs.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from stancewire.nlp.doccache import children
from stancewire.nlp.quotes.candidate import DocIndex, QuoteCandidate
from stancewire.nlp.quotes.syntax import subject_of
from stancewire.nlp.quotes.words import TOPIC_CUES

_NOT_SPEAKERS = frozenset({"it", "this", "that", "there", "what", "which", "these", "those"})


def topic_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """The object or prepositional object of a topic cue (module doc), its subject the speaker."""
    from stancewire.nlp.quotes.indirect import content_span, finish  # indirect imports this module

    preps = TOPIC_CUES.get(tok.lemma_.lower())
    if not preps or tok.pos_ != "VERB" or tok.dep_ in ("amod", "compound"):
        return None
    if tok.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in children(tok)):
        return None  # "the cited figures": a modifier
    head: Token | None = None
    cue_end = tok
    if "" in preps:
        head = next((c for c in children(tok) if c.dep_ in ("dobj", "obj") and c.i > tok.i), None)
    if head is None:
        prep = next(
            (c for c in children(tok) if c.dep_ == "prep" and c.lower_ in preps and c.i > tok.i), None
        )
        if prep is not None:
            head = next((c for c in children(prep) if c.dep_ in ("pobj", "pcomp")), None)
            cue_end = prep
    if head is None or idx.in_direct[head.i] or head.ent_type_ in ("DATE", "TIME"):
        return None  # "spoke on Monday" says when, not what about
    if head.pos_ == "PRON" and head.right_edge.i == head.i:
        return None  # "talked about it": nothing without coreference
    speaker = subject_of(tok)
    if speaker is None or speaker.lower_ in _NOT_SPEAKERS:
        return None
    span = content_span(doc, head.left_edge.i, head.right_edge.i, strip_leading=False)
    if span is None:
        return None
    return finish(doc, text, tok, cue_end, span[0], span[1], speaker, "topic", 0.62)
