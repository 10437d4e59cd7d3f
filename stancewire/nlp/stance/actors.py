"""Who acts and who is addressed: subjects and objects resolved to actors, affiliations, counterparts."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from spacy.tokens import Token

from stancewire.nlp import doccache
from stancewire.nlp.doccache import lefts
from stancewire.nlp.stance.coding import Trigger
from stancewire.nlp.stance.syntax import (
    FIRST_PERSON,
    PERSONAL,
    PRONOUNS,
    conj_group,
    np_bounds,
    object_candidates,
    subject_of,
)
from stancewire.schemas import ActorKind, ActorRef, Quote

if TYPE_CHECKING:
    from stancewire.nlp.stance.context import StanceContext


def resolve(
    ctx: StanceContext, tok: Token, exclude: set[str] | frozenset[str] = frozenset(), depth: int = 0
) -> tuple[ActorRef | None, float]:
    """Actor behind ``tok`` and a confidence factor (1.0 direct, lower for fallbacks)."""
    if tok.lower_ in ("who", "which", "that") and tok.dep_ in ("nsubj", "nsubjpass"):
        head = tok.head.head if tok.head.dep_ == "relcl" else None
        if head is not None:
            return resolve(ctx, head, exclude)
    if tok.lower_ in FIRST_PERSON:
        return None, 0.0
    start, end = np_bounds(tok)
    a = ctx.mentions.actor_at(start, end) or ctx.mentions.actor_at(tok.idx, tok.idx + len(tok.text))
    if a is not None:
        return ctx.ref(a), 1.0
    if tok.pos_ != "PRON":
        found = ctx.mentions.actors_in(start, end)
        if found:
            return ctx.ref(found[-1][2]), 0.9
        if tok.pos_ == "NOUN" and depth < 2:
            # "Corvenian troops", "Arvana's board": a common noun stands for its owner.
            for c in lefts(tok):
                for g in c.subtree:
                    if g.dep_ in ("poss", "compound", "amod", "nmod") and g.text[:1].isupper():
                        a, f = resolve(ctx, g, exclude, depth + 1)
                        if a is not None:
                            return a, f * 0.9
        if tok.pos_ == "PROPN":
            # A name the resolver missed here but resolved elsewhere in the article
            # ("Trump" tagged ORG once): reuse that resolution.
            aid = ctx.by_text.get(ctx.text[start:end].lower()) or ctx.by_text.get(tok.lower_)
            if aid is not None and aid in ctx.refs:
                return ctx.refs[aid], 0.85
        if tok.text[:1].isupper():
            # Demonym of a country named elsewhere in the article ("Corvenian" -> Corvenia).
            aid = demonym(ctx, tok.lower_)
            if aid is not None:
                return ctx.refs[aid], 0.8
            a = registry_lookup(ctx, tok, start, end)
            if a is not None:
                return a, 0.8
        return None, 0.0
    if tok.lower_ in PRONOUNS:
        a = recent_actor(ctx, tok, exclude)
        if a is not None:
            return a, 0.75
    return None, 0.0


def recent_actor(ctx: StanceContext, tok: Token, exclude: set[str] | frozenset[str]) -> ActorRef | None:
    """Most recent named actor before ``tok`` (other than ``exclude``), kind-compatible."""
    lo = max(0, doccache.sent(tok).start_char - 2000)
    personal = tok.lower_ in PERSONAL
    neuter = tok.lower_ in ("it", "its")
    best_any: ActorRef | None = None
    for _s, _e, a in reversed(ctx.mentions.actors_in(lo, tok.idx)):
        if a.id in exclude:
            continue
        if personal and a.kind not in (ActorKind.person, ActorKind.unknown):
            continue
        if neuter and a.kind == ActorKind.person:
            continue
        if best_any is None:
            best_any = a
        return ctx.ref(a)
    return best_any


def learn_affiliations(ctx: StanceContext, quotes: list[Quote]) -> None:
    """Index actor names, and map speaker id -> affiliated actor ids.

    ``Speaker.affiliation`` is a name ("Kremlin", "US", "Russian government"); it is matched
    against the article's actor names and mention texts to get ids.
    """
    by_text = ctx.by_text
    for s, e, a in ctx.mentions.actors_in(0, len(ctx.text)):
        by_text.setdefault(ctx.text[s:e].lower(), a.id)
        by_text.setdefault(a.name.lower(), a.id)
        ctx.refs.setdefault(a.id, a)
    for q in quotes:
        sp = q.speaker
        if sp is None or not sp.affiliation:
            continue
        aff = sp.affiliation.lower()
        aid = by_text.get(aff) or by_text.get(aff.removeprefix("the "))
        if aid is not None and aid != sp.id:
            ctx.affiliation.setdefault(sp.id, set()).add(aid)


def registry_lookup(ctx: StanceContext, tok: Token, start: int, end: int) -> ActorRef | None:
    """Optional: a resolver that exposes its actor ``registry`` (``ArticleMentions`` does)
    lets a proper noun or demonym it did not index ("Dravenia cut ties", "Veltrian
    fishermen") be looked up by name. Not part of the ``MentionResolver`` protocol."""
    reg = getattr(ctx.mentions, "registry", None)
    if reg is None or not (tok.pos_ in ("PROPN", "ADJ") or tok.ent_type_):
        return None
    try:
        found = reg.lookup(ctx.text[start:end], at=ctx.article.published_at) or reg.lookup(
            tok.text, at=ctx.article.published_at
        )
        if found is None and tok.pos_ == "ADJ":
            code = reg.country_code(tok.text)
            found = reg.government(code) if code else None
    except Exception:  # a foreign registry type: the fallback is best-effort only
        return None
    if found is None:
        return None
    a = found.ref()
    ctx.by_text.setdefault(tok.lower_, a.id)
    return ctx.ref(a)


def demonym(ctx: StanceContext, word: str) -> str | None:
    for suffix, repl in (
        ("ian", "ia"),
        ("ian", "y"),
        ("an", "a"),
        ("ese", ""),
        ("i", ""),
        ("ish", ""),
        ("an", ""),
        ("ic", "y"),
        ("ean", "ea"),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            aid = ctx.by_text.get(word[: -len(suffix)] + repl)
            if aid is not None and aid in ctx.refs:
                return aid
    return None


def counterpart(
    ctx: StanceContext, source: ActorRef, exclude: set[str], state_level: bool = False
) -> ActorRef | None:
    """Implicit target of a conflict act: whom the source already addressed in this article,
    else the most-mentioned other actor. ``state_level`` (sanctions, embargoes) lifts a person
    to the government they speak for, since sanctions are imposed on states."""
    exclude = exclude | ctx.own_side(source.id)
    pick: ActorRef | None = None
    for aid in ctx.addressed.get(source.id, []):
        if aid not in exclude:
            pick = ctx.refs.get(aid)
            break
    if pick is None:
        pick = most_mentioned(ctx, exclude)
    if pick is not None and state_level and pick.kind == ActorKind.person:
        for gid in sorted(ctx.affiliation.get(pick.id, set())):
            g = ctx.refs.get(gid)
            if g is not None and g.id not in exclude:
                return g
    return pick


def most_mentioned(ctx: StanceContext, exclude: set[str]) -> ActorRef | None:
    """The article's most-mentioned actor not in ``exclude`` (ties: earliest)."""
    if ctx.counts is None:
        ctx.counts = Counter()
        ctx.first_seen = {}
        for _s, _e, a in ctx.mentions.actors_in(0, len(ctx.text)):
            ctx.counts[a.id] += 1
            ctx.first_seen.setdefault(a.id, a)
    for aid, _n in ctx.counts.most_common():
        if aid not in exclude:
            return ctx.ref(ctx.first_seen[aid])
    return None


def sources(ctx: StanceContext, t: Trigger) -> list[tuple[ActorRef, float]]:
    subj = subject_of(t.tok)
    if subj is None:
        return []
    out: list[tuple[ActorRef, float]] = []
    for g in conj_group(subj):
        a, f = resolve(ctx, g)
        if a is not None and all(a.id != o.id for o, _ in out):
            out.append((a, f))
    return out


def actor_targets(ctx: StanceContext, t: Trigger, source_ids: set[str]) -> list[tuple[ActorRef, float]]:
    extra = (t.inner,) if t.inner is not None else ()
    for cand in object_candidates(t.tok, extra):
        a, f = resolve(ctx, cand, exclude=source_ids)
        if a is None or a.id in source_ids:
            continue
        out = [(a, f)]
        for g in conj_group(cand)[1:]:
            b, fb = resolve(ctx, g, exclude=source_ids)
            if b is not None and b.id not in source_ids and all(b.id != x.id for x, _ in out):
                out.append((b, fb))
        return out
    return []


def quote_actors(ctx: StanceContext, toks: list[Token], exclude: set[str]) -> list[ActorRef]:
    if not toks:
        return []
    out: list[ActorRef] = []
    for _s, _e, a in ctx.mentions.actors_in(toks[0].idx, toks[-1].idx + len(toks[-1].text)):
        if a.id not in exclude and all(a.id != o.id for o in out):
            out.append(ctx.ref(a))
    return out
