"""Pronoun subjects in a speaker's own sentence recorded as mentions of the speaker.

"Senator Ada Morn has confronted the hardest moment of her campaign as she tries to ...": the
"she" of the cue's sentence is the speaker (the speaker is its antecedent) when nobody else of
that gender is named in the sentence. Stance and evaluation readers of the mention index then
find the actor at the pronoun too, as they do at a relative pronoun ("Morn, who said").

The reported clause of an indirect quote counts ("For Ada Morn, the vote was the sort of upset
that she fears"): it is narration, and a report nested there with the speaker's pronoun as its
subject is the speaker's own. Words in quotation marks do not: a "he" there is someone talked
about.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from stancewire.nlp import doccache
from stancewire.nlp.attribution.words import HE, SHE
from stancewire.nlp.quotemarks import find_quote_spans
from stancewire.nlp.quotes import QuoteCandidate
from stancewire.schemas import ActorKind, ActorRef, MentionKind, Speaker

if TYPE_CHECKING:
    from stancewire.nlp.attribution.attributor import Attributor


def sentence_pronouns(att: Attributor, q: QuoteCandidate, sp: Speaker) -> None:
    """Record each "he"/"she" subject of the cue's sentence outside the speaker's own words as
    a mention of the person ``sp`` (module doc), unless another person who could be it is named
    there."""
    if sp.kind != ActorKind.person or q.cue_start is None:
        return
    k = bisect_right(att.m.tok_starts(), q.cue_start) - 1
    if k < 0:
        return
    sent = doccache.sent(att.doc[k])
    want = att.m.gender_of(sp.id)
    others = {
        m.actor.id
        for m in att.m.person_mentions_before(sent.end_char, window=sent.end_char - sent.start_char)
        if m.start >= sent.start_char and m.actor.id != sp.id
    }
    actor = ActorRef(id=sp.id, name=sp.name, kind=sp.kind)
    for t in doccache.span_tokens(sent):
        g = "m" if t.lower_ in HE else "f" if t.lower_ in SHE else None
        if g is None or t.dep_ not in ("nsubj", "nsubjpass") or (want is not None and g != want):
            continue
        if _spoken_words(att, q, t.idx) or att.m.mention_for_token(t.i) is not None:
            continue
        if any(att.m.gender_of(o) in (g, None) for o in others):
            continue  # someone else in the sentence could be "he"
        att.m.add(t.idx, t.idx + len(t.text), actor, MentionKind.pronoun, t.i)


def _spoken_words(att: Attributor, q: QuoteCandidate, char: int) -> bool:
    """Whether ``char`` lies in words someone speaks: inside quotation marks, or inside ``q``
    when ``q`` is a quotation. A "he" in quotation marks is someone the speaker talks about; one in
    the reported clause of an indirect quote is the writer's narration, where the subject of
    the sentence stays its antecedent ("Ivo Kade criticized the board, which he argued had
    failed": "he argued" is a report of Kade's own)."""
    if q.type in ("direct", "floating") and q.start <= char < q.end:
        return True
    return _in_marks(att, char)


def _in_marks(att: Attributor, char: int) -> bool:
    """Whether ``char`` lies inside quotation marks. Not the quote spans of the mention index: a
    mixed quote's span takes in its narration ("Burr said that he did not think the party
    ''will get there''")."""
    if att.marked is None:
        att.marked = sorted((s.start, s.end) for s in find_quote_spans(att.text))
    i = bisect_right(att.marked, (char, len(att.text) + 1)) - 1
    return i >= 0 and att.marked[i][0] <= char < att.marked[i][1]
