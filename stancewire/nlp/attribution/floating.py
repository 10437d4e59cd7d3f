"""The speaker of a quote paragraph without a cue (the previous speaker, unless someone new came in)."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from stancewire.nlp.attribution.patterns import FLOAT_WINDOW
from stancewire.nlp.attribution.speaker_build import actor_speaker
from stancewire.nlp.attribution.speakers import person_speaker
from stancewire.nlp.attribution.tokens import token_at
from stancewire.nlp.mentions import Mention
from stancewire.nlp.quotes import QuoteCandidate
from stancewire.nlp.registry import normalise
from stancewire.schemas import Speaker

if TYPE_CHECKING:
    from stancewire.nlp.attribution.attributor import Attributor


def floating_speaker(att: Attributor, q: QuoteCandidate, candidates: list[QuoteCandidate]) -> Speaker | None:
    """A quote paragraph without a cue belongs to the previous speaker only if nobody else was
    brought in since: a person named after the last quote, in this paragraph's lead-in
    ("Asked about it, Morn smiled. "…"") or in the previous paragraph ("Her colleague Ana Ruiz
    was less sure."), is the likely speaker. Nearest first; subjects before other mentions
    of the previous paragraph."""
    text = att.text
    para = text.rfind("\n\n", 0, q.start) + 2 if text.rfind("\n\n", 0, q.start) >= 0 else 0
    prev = text.rfind("\n\n", 0, max(0, para - 2))
    prev = prev + 2 if prev >= 0 else 0
    lo = max(prev, att.last.end if att.last is not None else 0)
    if att.quote_spans is None:
        att.quote_spans = sorted((c.start, c.end) for c in candidates if c.type != "indirect")
    spans = att.quote_spans
    here: Mention | None = None
    subj: Mention | None = None
    other: Mention | None = None
    for m in att.m.person_mentions_before(q.start, window=q.start - lo):
        if m.start < lo:
            break
        k = bisect_right(spans, (m.start, 1 << 30)) - 1
        if k >= 0 and spans[k][0] <= m.start < spans[k][1]:
            continue  # a name inside someone's quote is not a new speaker
        if m.start >= para:
            here = here or m
        elif att.doc[m.head].dep_ in ("nsubj", "nsubjpass"):
            subj = subj or m
        else:
            other = other or m
    if here is None and para > lo:
        # The lead-in's subject may be a surname the NER missed ("Osei-Barnes, watching from
        # the desk, laughs."): the lead-in is short, so look at its tokens.
        tok = token_at(att, para)
        while tok is not None and tok.idx < q.start and here is None:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "PROPN":
                c = att.m.cluster_by_part(normalise(tok.text))
                if c is not None and c.actor is not None:
                    return person_speaker(att, c, tok.idx, tok.idx + len(tok.text))
            tok = att.doc[tok.i + 1] if tok.i + 1 < len(att.doc) else None
    pick = here or subj or other
    if pick is not None:
        c = att.m.cluster_for_token(pick.head)
        if c is not None and c.actor is not None:
            return person_speaker(att, c, pick.start, pick.end)
        return actor_speaker(
            pick.actor, text[pick.start : pick.end], pick.start, pick.end, pick.kind, pick.affiliation
        )
    if att.last is not None and q.start - att.last.end <= FLOAT_WINDOW:
        return att.last.speaker
    return None
