"""Role nouns ("the Russian president", "the company's chief executive") resolved to their holder."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from spacy.tokens import Token

from stancewire.nlp.doccache import children
from stancewire.nlp.mentions.descriptions import (
    name_head_at,
    named_in_context,
    other_party,
    party_of_words,
    sentence_before_start,
    surely_a_person,
    topic_before,
)
from stancewire.nlp.mentions.names import last_before, same_scope, singular, stem_place, title_match
from stancewire.nlp.mentions.org_names import country_body, full_org_for
from stancewire.nlp.mentions.outlets import outlet_before, press_noun
from stancewire.nlp.mentions.titles import FORMER, scope_of, split_title
from stancewire.nlp.mentions.types import PersonCluster, RoleFact
from stancewire.nlp.mentions.words import (
    MULTI_TITLES,
    NAMED_ONLY_BODIES,
    NOT_SCOPE,
    ORG_ROLE_NOUNS,
    TITLE_WORDS,
)
from stancewire.nlp.registry import canonical_title, normalise, slugify
from stancewire.schemas import ActorKind, ActorRef

if TYPE_CHECKING:
    from stancewire.nlp.mentions.index import ArticleMentions


_CHAMBER_OR_PARTY = frozenset(
    {"senate", "house", "assembly", "democratic", "republican", "democrat", "gop", "labour", "party"}
)
# Words that describe the holder, not the office: "the veteran goalkeeper" and "the embattled
# mayor" hold the same office as "goaltender X" and "Mayor X" (a qualifier such as "finance" or
# "minority" names another office).
_DESCRIPTIVE = frozenset({
    "veteran", "longtime", "long-time", "embattled", "beleaguered", "outspoken", "soft-spoken",
    "young", "elderly", "rookie", "seasoned", "popular", "controversial", "powerful", "influential",
    "combative", "fiery", "affable", "legendary", "celebrated", "first-term", "two-term",
    "three-term", "freshman", "incumbent", "current", "retiring", "outgoing",
})  # fmt: skip


def role_holder(
    ix: ArticleMentions,
    tok: Token,
    ctitle: str,
    scope_key: str | None,
    exact: bool = False,
    former: bool = False,
    party: str | None = None,
    phrase: tuple[int, int] = (0, 0),
    facts: list[RoleFact] | None = None,
) -> PersonCluster | None:
    """The person holding ``ctitle`` (in ``scope_key`` if given) a role noun refers to. A fact
    with a matching scope beats an unscoped one ("the Falcons manager" vs "X, the club's
    manager,"); then the holder mentioned last before the noun; then the first introduced
    after it. An indefinite noun ("a coroner") introduces someone, so only later holders count.
    A ``party`` the noun (at ``phrase``) names ("the GOP front-runner") rules out holders of
    another party. ``facts`` are other role facts than the article's own (its abbreviated
    titles): only holders named before the noun count then."""
    char = tok.idx
    det = next((c for c in children(tok) if c.dep_ == "det"), None)
    indefinite = det is not None and det.lower_ in ("a", "an", "one")
    best: tuple[int, int, int] | None = None
    best_c: PersonCluster | None = None
    for pos, t, sk, c in ix.role_facts if facts is None else facts:
        if c.actor is None or not (t == ctitle if exact else title_match(t, ctitle)):
            continue
        if former != (pos in ix.former_facts):
            continue  # "the former president" is not "President Obama", nor the reverse
        if party is not None and other_party(ix, c, party, phrase):
            continue
        # (A name of its own: reusing ``exact`` here turned every fact after the first into a
        # loose title match, so "the Senate Democratic leader" went to a "President X".)
        scoped = 0
        if scope_key is not None and sk is not None:
            if not (sk == scope_key or same_scope(sk, scope_key)):
                continue
            scoped = 1
        before = last_before(c.seen, char)
        if indefinite and before >= 0:
            continue
        if before < 0 and (pos <= char or facts is not None):
            continue
        key = (scoped, 1, before) if before >= 0 else (scoped, 0, -pos)
        if best is None or key > best:
            best, best_c = key, c
    if best_c is not None and best is not None and best[:2] == (0, 1) and not indefinite:
        topic = _untitled_topic(ix, tok, best_c)
        if topic is not None:
            return topic
    return best_c


def _untitled_topic(ix: ArticleMentions, tok: Token, holder: PersonCluster) -> PersonCluster | None:
    """The main subject of the sentences right before the role noun ``tok`` when the article
    gave that person no office at all and named the ``holder`` it found only further back: "Sen.
    Ada Morn ... [two paragraphs] ... Tom Belvik stopped by his office. Walking in, the senator
    said" is Belvik, whose office the article took as known (it calls him "the senator from
    Dorvan" elsewhere, which is no title fact). A person with an office of their own is someone
    else than "the senator"; "his spokesman" is someone's, never that someone."""
    if any(c.dep_ == "poss" for c in children(tok)):
        return None
    found = topic_before(ix, tok.idx)
    if found is None:
        return None
    c, at = found
    if c is holder or not surely_a_person(c) or _appositive_noun(ix, at):
        return None
    if named_in_context(ix, holder, sentence_before_start(ix, tok.idx), tok.idx, tok.lower_):
        return None
    if c.roles or any(cl is c for _, _, _, cl in (*ix.role_facts, *ix.abbreviated_facts)):
        return None
    return c


def _appositive_noun(ix: ArticleMentions, char: int) -> bool:
    """Whether the name at ``char`` stands in apposition with a common noun ("The moderator,
    Felix Oyo, asked", "Felix Oyo, the moderator, asked"): the text gave that person a role of
    their own there, so "the spokesperson" after it is someone else."""
    tok = name_head_at(ix, char)
    if tok is None:
        return False
    if tok.dep_ == "appos" and tok.head.pos_ == "NOUN":
        return True
    return any(ch.dep_ == "appos" and ch.pos_ == "NOUN" for ch in children(tok))


_LEADER_TITLES = ("president", "prime minister", "chancellor")


def qualified_government(ix: ArticleMentions, left: list[Token]) -> ActorRef | None:
    """The government a government noun's modifiers (``left``) name: a country ("the Mexican
    government", "Vaskia's government"), else a leader ("the Obama administration")."""
    for t in left:
        code = ix.registry.country_code(t.text)
        gov = ix.registry.government(code) if code else None
        if gov is not None:
            return gov.ref()
    for t in left:
        led = leader_government(ix, t)
        if led is not None:
            return led
    return None


# How far back (characters, a few paragraphs) a bare "the government" looks for the government
# the article last called so.
_CALLED_WINDOW = 3000


def called_government(ix: ArticleMentions, char: int, noun: str) -> ActorRef | None:
    """A bare "the government" or "the administration" (at ``char``): the government the article
    last called so outside quotes ("the Vaskian government", "the Morn administration"), within
    a few paragraphs; None when it called none so. The bodies named before are no guide: every
    government's registry name says "government", and the one mentioned last is often the
    reader's own country named as a place ("trade with the United States") in a story about
    another. Only runs for such bare nouns, scanning the window's text, not its tokens."""
    lo = max(0, char - _CALLED_WINDOW)
    starts = ix.tok_starts()
    for hit in reversed(list(re.finditer(rf"\b{noun}\b", ix.text[lo:char], re.IGNORECASE))):
        i = bisect_right(starts, lo + hit.start()) - 1
        if i < 0 or ix.in_quote(starts[i]):
            continue
        prior = ix.toks[i]
        left = [t for t in ix.doc[prior.left_edge.i : prior.i] if t.pos_ != "DET" and not t.is_punct]
        gov = qualified_government(ix, left) if left else None
        if gov is not None:
            return gov
    return None


def leader_government(ix: ArticleMentions, t: Token) -> ActorRef | None:
    """ "the Obama administration", "the Merkel government": the government of the country
    whose government the named person served in (the registry's roles), not whichever
    government the article mentions most (a state's, or another country's)."""
    # "Koro" before a noun is no mention of its own ("the Morrow campaign" rule of the surname
    # pass): find the person by the surname.
    c = ix.cluster_for_token(t.i) or (ix.cluster_by_part(normalise(t.text)) if t.pos_ == "PROPN" else None)
    actor = ix.registry.get(c.actor.id) if c is not None and c.actor is not None else None
    if actor is None and t.pos_ == "PROPN":
        # "the Bush administration" in an article that names no Bush: the leader the registry
        # knows by that title and surname.
        for title in _LEADER_TITLES:
            actor = ix.registry.lookup(f"{title} {normalise(t.text)}")
            if actor is not None:
                break
    if actor is None or actor.kind != ActorKind.person:
        return None
    code = next((r.country for r in actor.roles if r.code and r.code.endswith("GOV") and r.country), None)
    gov = ix.registry.government(code) if code else None
    return gov.ref() if gov is not None else None


def qualified_title(tok: Token) -> bool:
    """Whether a qualifier on the title headed by ``tok`` makes it another office than its
    equivalents ("the Senate minority leader", "the party leader": "leader" is a president only
    unqualified)."""
    return any(
        c.dep_ in ("compound", "amod")
        and c.i < tok.i
        and (c.is_lower or c.lower_ in _CHAMBER_OR_PARTY)
        and c.lower_ not in NOT_SCOPE
        and c.lower_ not in _DESCRIPTIVE
        and f"{c.lower_} {tok.lower_}" not in MULTI_TITLES
        for c in children(tok)
    )


def resolve_role(
    ix: ArticleMentions, tok: Token, facts: list[RoleFact] | None = None
) -> tuple[ActorRef, tuple[int, int]] | None:
    """Resolve a role noun phrase headed by ``tok`` ("the Russian president", "the company").
    With ``facts``, a person's office only, from those facts (see role_holder)."""
    doc = ix.doc
    lemma = tok.lemma_.lower()
    left = [t for t in doc[tok.left_edge.i : tok.i] if t.pos_ != "DET" and not t.is_punct]
    span = (doc[tok.left_edge.i].idx, tok.idx + len(tok.text))
    if facts is not None and (lemma not in TITLE_WORDS or lemma in ORG_ROLE_NOUNS):
        return None  # other facts name people's offices only
    if tok.left_edge.i < tok.i and doc[tok.left_edge.i].lower_ == "the":
        span = (doc[tok.left_edge.i].idx, span[1])
    press = press_noun(tok)
    if press is not None:
        # "the paper", "the network", "the news outlet": the outlet the article named last that
        # fits; with none, the phrase describes one (never the body the article names most).
        outlet = outlet_before(ix, tok.idx, press)
        if outlet is not None:
            return outlet, span
        if press != "editors":
            return None
    # "the American side", "the Veltrian side": the government of that country.
    if lemma == "side":
        for t in left:
            code = ix.registry.country_code(t.text)
            if code:
                g = ix.registry.government(code)
                if g is not None:
                    return g.ref(), span
            if t.ent_type_ in ("NORP", "GPE"):
                return ActorRef(
                    id=f"gov:{slugify(stem_place(normalise(t.text)))}",
                    name=f"Government of {t.text}",
                    kind=ActorKind.government,
                ), span
        return None
    if lemma in ORG_ROLE_NOUNS and lemma in TITLE_WORDS and tok.tag_ == "NN":
        # "the regulator": a body the article named (its regulator, "the Dorvan Energy Board"),
        # else a person whose title it is.
        mods = [t.lower_ for t in left if t.dep_ in ("compound", "amod")]
        body = ix.best_org_before(tok.idx, lemma, mods)
        if body is not None:
            return body, span
    if lemma in ORG_ROLE_NOUNS and lemma not in TITLE_WORDS:
        if lemma == "government" or lemma == "administration":
            gov = qualified_government(ix, left) if left else called_government(ix, tok.idx, lemma)
            if gov is not None:
                return gov, span
        mods = [t.lower_ for t in left if t.dep_ in ("compound", "amod")]
        if not any(p < tok.idx and singular(d) == lemma for p, d, _ in ix.org_desc):
            # "the city council" -> "Dravik City Council" named in the same article.
            full = full_org_for(ix, tok.idx, [*mods, lemma])
            if full is not None:
                return full, span
            if lemma == "ministry" and mods:
                body = country_body(ix, tok, [*mods, lemma])
                if body is not None:
                    return body, span
        best = ix.best_org_before(tok.idx, lemma, mods)
        if best is not None and lemma in NAMED_ONLY_BODIES and lemma not in normalise(best.name).split():
            return None  # "Police said" after a party rally: the police, not the party
        if best is not None:
            return best, span
        return None
    if lemma not in TITLE_WORDS:
        return None
    words = [*left, tok]
    title, scope_word = split_title(ix, words)
    if title is None:
        return None
    # "the company's chief executive": the scope is the most recent organisation.
    poss = next((c for c in children(tok) if c.dep_ == "poss"), None)
    scope_key: str | None = None
    if poss is not None and poss.lemma_.lower() in ORG_ROLE_NOUNS:
        orgs = ix.org_mentions_before(tok.idx)
        scope_key = orgs[0].actor.id if orgs else None
    elif poss is not None and poss.pos_ == "PROPN":
        scope_key, _ = scope_of(ix, poss.text)
    elif scope_word:
        scope_key, _ = scope_of(ix, scope_word)
    of = next((c for c in children(tok) if c.dep_ == "prep" and c.lower_ in {"of", "for", "at"}), None)
    if scope_key is None and of is not None:
        pobj = next((g for g in children(of) if g.dep_ == "pobj"), None)
        if pobj is not None:
            scope_key, _ = scope_of(ix, doc[pobj.left_edge.i : pobj.i + 1].text)
            span = (span[0], pobj.idx + len(pobj.text))
    ctitle = canonical_title(title)
    # "the Senate minority leader", "the party leader": a qualifier on the title itself makes it
    # another office than its equivalents ("leader" is a president only unqualified).
    # A capitalised modifier is a scope ("the Corvenian leader", "the Kremlin spokesman"),
    # unless it names a chamber or party rather than a country or organisation.
    qualified = qualified_title(tok)
    # "the former president": whoever held the office before, never its holder at the date.
    former = any(t.lower_ in FORMER for t in left) or tok.lower_.startswith("ex-")
    # 1. The article's own role facts ("Senior Coroner X", "X, the club's manager,"): the holder
    # mentioned most recently before the role noun, else (a lede's "a coroner ruled" before
    # "Senior Coroner X said") the next holder the article introduces.
    party = party_of_words([t.lower_ for t in left])
    hit = role_holder(
        ix, tok, ctitle, scope_key, exact=qualified, former=former, party=party, phrase=span, facts=facts
    )
    if hit is not None:
        return hit.actor, span  # type: ignore[return-value]
    if facts is not None:
        return None
    # 2. The registry's role holder at the publication date.
    if scope_key is not None and not former:
        if len(scope_key) == 3 and scope_key.isupper():
            a = ix.registry.by_role(ctitle, country=scope_key, at=ix.at)
        elif scope_key.startswith(("org:", "gov:")):
            gov = ix.registry.get(scope_key)
            if gov is not None and gov.kind == ActorKind.government and gov.country:
                a = ix.registry.by_role(ctitle, country=gov.country, at=ix.at)
            else:
                a = ix.registry.by_role(ctitle, org=scope_key, at=ix.at)
        else:
            a = None
        if a is not None:
            return a.ref(), span
    return None


def noun_title(ix: ArticleMentions, tok: Token) -> str | None:
    """The canonical office a role noun headed by ``tok`` names ("the lieutenant governor" ->
    "lieutenant governor"), or None when it names none."""
    if tok.lemma_.lower() not in TITLE_WORDS:
        return None
    left = [t for t in ix.doc[tok.left_edge.i : tok.i] if t.pos_ != "DET" and not t.is_punct]
    title, _ = split_title(ix, [*left, tok])
    return canonical_title(title) if title is not None else None


# How recently another holder of an office must have been named for a role noun to be theirs
# rather than elegant variation for the person just talked about ("Sen. Ada Morn" in the lede
# does not make every later "the senator" hers).
_OTHER_HOLDER_WINDOW = 600


def office_held_by_other(ix: ArticleMentions, tok: Token, c: PersonCluster) -> bool:
    """Whether the article gave the office a role noun at ``tok`` names to someone else named
    shortly before it, and never to ``c`` ("Gov. Ada Morn toured ... Velk said the roads were
    shut. The governor said ...": Morn, not Velk whom the noun merely follows). A past office
    ("former Gov. X") counts only for a "former" noun, and the reverse."""
    ctitle = noun_title(ix, tok)
    if ctitle is None:
        return False
    words = ix.doc[tok.left_edge.i : tok.i + 1]
    former = any(t.lower_ in FORMER or t.lower_.startswith("ex-") for t in words)
    exact = qualified_title(tok)  # "the Senate minority leader" is no "President X"
    party = party_of_words([t.lower_ for t in words])  # "the GOP front-runner" is no Democrat
    span = (words[0].idx, tok.idx + len(tok.text))
    other = False
    for pos, t, _, holder in (*ix.role_facts, *ix.abbreviated_facts):
        if pos >= tok.idx or holder.actor is None or former != (pos in ix.former_facts):
            continue
        if not (t == ctitle if exact else title_match(t, ctitle)):
            continue
        if party is not None and other_party(ix, holder, party, span):
            continue
        if holder is c:
            return False
        other = other or last_before(holder.seen, tok.idx) >= tok.idx - _OTHER_HOLDER_WINDOW
    return other
