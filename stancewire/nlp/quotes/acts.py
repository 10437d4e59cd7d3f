"""Expressive acts with an object as content: "Trump cast doubt on the polls", "the campaign
released a list of donors", "Cruz questioned Rubio's record", "she shared a photo of the rally",
"Republicans portrayed the deal as a surrender".

PolNeAR marks far more than speech as attribution: what someone offers, issues, posts, lists,
questions, challenges, defends or recalls is their position or their message, and the verb is
the cue. No word class covers these verbs (they are not speech, belief or evaluation verbs, and
most of their uses in general text are not attribution), so the list (``ACT_OBJECT_VERBS``) is
of verbs whose object, with a subject that can hold a position, was an attributed content in at
least two of five uses on PolNeAR dev (measured by the rule below, all other rules applied
first). This frame runs last: only for a verb that no other rule took, and its quote is
dropped where it overlaps another quote (see :func:`.indirect.drop_nested_beliefs`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from stancewire.nlp.quotes.candidate import DocIndex, QuoteCandidate
from stancewire.nlp.quotes.speakers import speaker_like
from stancewire.nlp.quotes.syntax import is_negated, is_question_frame, subject_of

RULE = "act-object"


def act_object_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """The object of an expressive act (module doc), with the verb's trailing prepositional
    phrases ("cast doubt *on the polls*", "portrayed the deal *as a surrender*")."""
    from stancewire.nlp.quotes.indirect import content_span, finish  # indirect imports this module

    if tok.pos_ != "VERB" or (tok.dep_ in ("amod", "compound") and tok.tag_ == "VBN"):
        return None
    if is_negated(tok) or is_question_frame(tok):
        return None
    if any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in tok.children):
        return None  # "whether she would release her returns": a question, not an act
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "obj") and c.i > tok.i), None)
    if obj is None or idx.in_direct[obj.i] or obj.pos_ == "PRON":
        # A pronoun ("posted it", "reads them") says nothing without coreference.
        return None
    speaker = subject_of(tok)
    if speaker is None or speaker.dep_ == "nsubjpass" or not speaker_like(speaker):
        return None
    last = obj.right_edge.i
    for c in tok.children:
        if c.i > last and c.dep_ == "prep":
            last = c.right_edge.i
    span = content_span(doc, obj.left_edge.i, last)
    if span is None:
        return None
    return finish(doc, text, tok, tok, span[0], span[1], speaker, RULE, 0.55)
