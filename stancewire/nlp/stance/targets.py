"""What a trigger is about: an actor, an issue from the issue lexicon, or the article's counterpart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from stancewire.nlp import doccache
from stancewire.nlp.stance.actors import actor_targets, counterpart, quote_actors
from stancewire.nlp.stance.coding import COUNTERPART_OK, ISSUE_OK, Trigger
from stancewire.nlp.stance.syntax import np_bounds, object_tokens
from stancewire.schemas import ActorRef, Quote, TargetRef

if TYPE_CHECKING:
    from stancewire.nlp.stance.context import StanceContext


def issue_target(ctx: StanceContext, t: Trigger) -> TargetRef | None:
    if t.kind == "noun":
        s, e = np_bounds(t.tok)
        span = ctx.doc.char_span(s, e, alignment_mode="expand")
        hits = ctx.issues.find(span) if span is not None else []
    else:
        extra = (t.inner,) if t.inner is not None else ()
        toks = object_tokens(t.tok, extra)
        # The verb is included so "ending the war" can match; the verb alone ("visit",
        # "trade", "protest") is the act, not its topic.
        hits = [
            h
            for h in ctx.issues.find(toks)
            if not (h.end - h.start == 1 and h.start in (t.tok.i, t.inner.i if t.inner is not None else -1))
        ]
    if hits:
        return hits[0].issue.ref()
    if t.issue:
        issue = ctx.issues.get(t.issue)
        if issue is not None:
            return issue.ref()
    return None


def targets(
    ctx: StanceContext,
    t: Trigger,
    category: str | None,
    source: ActorRef,
    exclude: set[str],
    quote_toks: list[Token] | None,
) -> list[tuple[TargetRef, float]]:
    """Targets for one coded trigger; first = primary. Confidence factor per target."""
    out: list[tuple[TargetRef, float]] = []
    issue = issue_target(ctx, t)
    meeting_noun = t.kind == "noun" and t.category in ("CONSULT", "AGREE") and issue is not None
    if not meeting_noun:
        for a, f in actor_targets(ctx, t, exclude):
            out.append((actor_target(a), f))
    if quote_toks is not None and not out and not meeting_noun:
        for a in quote_actors(ctx, quote_toks, exclude):
            out.append((actor_target(a), 0.7))
            break
    wants_issue = (
        (not out and (category in ISSUE_OK or category is None or t.mode == "ceasefire"))
        or t.also_issue
        or meeting_noun
    )
    if issue is not None and wants_issue and all(issue.id != x.id for x, _ in out):
        out.append((issue, 0.9))
    if not out and category in COUNTERPART_OK:
        state = t.category == "SANCTION" or t.issue == "issue:sanctions" or t.mode == "restrict"
        c = counterpart(ctx, source, exclude, state_level=state)
        if c is not None:
            out.append((actor_target(c), 0.5))
    if t.need_actor_object and not any(x.kind == "actor" for x, _ in out):
        return []
    return out


def actor_target(a: ActorRef) -> TargetRef:
    return TargetRef(id=a.id, name=a.name, kind="actor")


def neutral_target(ctx: StanceContext, toks: list[Token], q: Quote, own: set[str]) -> TargetRef | None:
    actors = quote_actors(ctx, toks, own)
    if actors:
        return actor_target(actors[0])
    hits = ctx.issues.find(toks) if toks else []
    if hits:
        return hits[0].issue.ref()
    # Actors named in the sentence around the quote ("..., Putin said of Trump").
    if toks:
        sent = doccache.sent(toks[0])
        for _s, _e, a in ctx.mentions.actors_in(sent.start_char, sent.end_char):
            if a.id not in own:
                return actor_target(ctx.ref(a))
    return None
