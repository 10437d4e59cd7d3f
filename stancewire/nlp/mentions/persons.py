"""Person mentions: the forms of one name clustered within an article, each cluster resolved to an actor."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from stancewire.nlp import doccache
from stancewire.nlp.doccache import children
from stancewire.nlp.mentions.descriptions import noun_gender
from stancewire.nlp.mentions.headlines import body_form, headline_only
from stancewire.nlp.mentions.name_ends import CALENDAR, is_party_tag, name_end, name_start, without_title
from stancewire.nlp.mentions.names import (
    CAP_RE,
    NICK_RE,
    POSSESSIVE,
    gender_of_word,
    given_names,
    name_tokens,
)
from stancewire.nlp.mentions.titles import (
    abbreviated_title,
    appos_title,
    former_title,
    left_title,
    relcl_title,
    scope_of,
)
from stancewire.nlp.mentions.types import PersonCluster
from stancewire.nlp.mentions.words import HONORIFICS, TITLE_WORDS
from stancewire.nlp.registry import Actor, canonical_title, normalise, person_id
from stancewire.schemas import ActorKind, ActorRef

if TYPE_CHECKING:
    from stancewire.nlp.mentions.index import ArticleMentions


def add_person(ix: ArticleMentions, ent: Span, taken: set[int]) -> None:
    doc = ix.doc
    start, end = ent.start, ent.end
    # Trailing possessives, punctuation and letterless tokens: the NER sometimes runs a name
    # into the score or figure after it ("beat Ana Boro 2-6 6-3").
    while end > start and (
        doc[end - 1].text in POSSESSIVE
        or doc[end - 1].is_punct
        or not any(c.isalpha() for c in doc[end - 1].text)
    ):
        end -= 1
    # Titles inside the entity ("President Putin", "Senior Coroner Ada Morn" are sometimes one
    # entity): everything up to the last title word is title, not name.
    ent_start = start
    for j in range(end - 2, start - 1, -1):
        if doc[j].lower_ in TITLE_WORDS and CAP_RE.match(doc[j].text):
            start = j + 1
            break
    while start < end - 1 and (
        doc[start].lower_ in TITLE_WORDS
        or doc[start].lower_.rstrip(".") in HONORIFICS
        # the hyphen or full stop inside "Secretary-General", "Lt. Gov." between two titles
        or (doc[start].text in ("-", ".") and start > ent_start)
    ):
        start += 1
    if end <= start:
        return
    if headline_only(doc, start, end):
        return
    start, end = body_form(doc, start, end)
    start = name_start(doc, start, end)
    end = name_end(doc, doccache.text(doc), start, end)
    if end - start == 1 and doc[start].lower_ in CALENDAR:
        return  # "Wednesday", "March" taken for a person by the NER
    span = doc[start:end]
    name = span.text
    if is_party_tag(name):
        return  # "(D-Quillon)" after a senator's name is her party and state
    parts = normalise(NICK_RE.sub(" ", name)).split()
    if not parts:
        return
    prev = doc[start - 1] if start > 0 else None
    honorific = (
        gender_of_word(prev.lower_.rstrip("."))
        # capitalised: "fans miss Velk" is a verb, no "Miss Velk"
        if prev is not None and prev.lower_.rstrip(".") in HONORIFICS and prev.text[:1].isupper()
        else None
    )
    cluster = cluster_for(ix, name, parts, span.start_char, honorific)
    if not cluster.seen and len(parts) == 1:
        family_name(ix, span, cluster)
    # Title/affiliation words before the name, and honorifics.
    title, scope_word = left_title(ix, start, ent_start)
    if title is not None and former_title(ix, start):
        ix.former_facts.add(span.start_char)
    abbreviated = abbreviated_title(ix, start)
    if abbreviated is not None and not former_title(ix, start):
        ix.abbreviated_facts.append(
            (span.start_char, canonical_title(abbreviated[0]), scope_of(ix, abbreviated[1])[0], cluster)
        )
    if title is None:
        title, scope_word = appos_title(ix, span.root)
    if title is None:
        title, scope_word = relcl_title(ix, span.root)
    if title is not None:
        scope_key, scope_name = scope_of(ix, scope_word)
        cluster.roles.append((canonical_title(title), scope_key))
        ix.role_facts.append((span.start_char, canonical_title(title), scope_key, cluster))
        if scope_name and cluster.affiliation is None:
            cluster.affiliation = scope_name
        g = gender_of_word(title)
        if g and cluster.gender is None:
            cluster.gender = g
    if honorific is not None and honorific_fits(ix, cluster, honorific, parts[-1]):
        cluster.gender = honorific
        cluster.gender_by_name = False
    if cluster.gender is None and span.root.dep_ == "appos" and span.root.head.pos_ == "NOUN":
        # "His daughter, Kayla, 26,", "her husband, Aron,": the gendered noun the name stands in
        # apposition to says it (a bare given name gets no gender from the list below).
        cluster.gender = noun_gender(span.root.head.lemma_.lower())
    if cluster.gender is None and len(parts) > 1:
        # Given-name gender is the weakest cue: titles and honorifics above win.
        g = given_names().get(parts[0])
        if g in ("f", "m"):
            cluster.gender = g
            cluster.gender_by_name = True
    cluster.last_seen = span.start_char
    cluster.seen.append(span.start_char)
    placeholder = ActorRef(id=person_id(cluster.name), name=cluster.name, kind=ActorKind.person)
    ix.add_name(span, placeholder, cluster, taken)


# Kin nouns whose bearer shares the possessor's surname ("Velk's husband, Aron,").
_KIN = frozenset({
    "husband", "wife", "son", "daughter", "father", "mother", "brother", "sister",
})  # fmt: skip


def family_name(ix: ArticleMentions, span: Span, cluster: PersonCluster) -> None:
    """A bare given name in apposition to a kin noun of a named person ("Marta Velk's husband,
    Aron," "Velk's son, Tomas,"; "his wife, Ana," "Her father, Tomas, 52,") is that person's
    relative: the cluster takes the possessor's surname ("Aron Velk"), so that it neither stays
    a person named "Aron" nor is any later "Velk" (the bare surname goes to whoever was named
    first, as before)."""
    root = span.root
    if root.dep_ != "appos" or root.head.lemma_.lower() not in _KIN or cluster.key not in given_names():
        return
    poss = next((c for c in children(root.head) if c.dep_ == "poss"), None)
    owner = possessor_cluster(ix, poss) if poss is not None else None
    if owner is None or owner is cluster:
        return
    surname = owner.name.split()[-1]
    g = given_names().get(cluster.key)
    if g in ("f", "m") and cluster.gender is None:
        cluster.gender = g  # a given name and a surname now: "he" must not go to Kathryn Velk
        cluster.gender_by_name = True
    cluster.relative = True
    cluster.key = f"{cluster.key} {normalise(surname)}"
    cluster.name = f"{cluster.name} {surname}"
    cluster.tokens = name_tokens(cluster.key.split())


# A possessive pronoun's gender: "his wife" is the wife of the last man named, "her father"
# the father of the last woman named.
_POSSESSIVE_GENDER = {"his": "m", "her": "f"}


def possessor_cluster(ix: ArticleMentions, poss: Token) -> PersonCluster | None:
    """The person a kin noun's possessor names: a name's own cluster ("Velk's son"), or for
    "his"/"her" the person it continues: before it in its sentence, the sentence before or its
    paragraph, the nearest named subject whose gender fits, else the nearest such name (with a
    surname to give: a given name alone gives none)."""
    if poss.pos_ == "PROPN":
        return ix.cluster_for_token(poss.i)
    want = _POSSESSIVE_GENDER.get(poss.lower_)
    if want is None:
        return None
    sent = doccache.sent(poss)
    start = doccache.sent(ix.toks[sent.start - 1]).start if sent.start > 0 else sent.start
    # ... or its paragraph, when that began earlier ("Velk, whose coalition ..., said ... .
    # On the radio, his wife, Ana, called ...").
    para = doccache.text(ix.doc).rfind("\n", 0, poss.idx) + 1
    start = min(start, bisect_left(ix.tok_starts(), para))
    named: list[tuple[Token, PersonCluster]] = []
    for i in range(poss.i - 1, start - 1, -1):
        t = ix.toks[i]
        # A bare surname is not indexed yet (add_bare_surnames runs after the names).
        c = ix.cluster_for_token(i) or (ix.cluster_by_part(normalise(t.text)) if t.pos_ == "PROPN" else None)
        if c is not None and c.gender in (want, None) and len(c.tokens) > 1:
            named.append((t, c))
    subject = next((c for t, c in named if t.dep_ in ("nsubj", "nsubjpass")), None)
    return subject or (named[0][1] if named else None)


def link_given_names(ix: ArticleMentions) -> None:
    """A given name alone that opened its own cluster before the article named the person in
    full ("Ada:" in a headline, then "Ada Morn" in the text) is that person when exactly one
    full name of the article starts with it: its mentions join that cluster. Later bare given
    names already join by ``cluster_for``; a relative given a surname (family_name) is no
    bare name."""
    names = given_names()
    for c in list(ix.clusters):
        if len(c.tokens) != 1 or c.relative or c.key not in names:
            continue
        full = [d for d in ix.clusters if d is not c and len(d.key.split()) > 1 and d.key.split()[0] == c.key]
        if len(full) != 1 or (c.gender is not None and full[0].gender not in (None, c.gender)):
            continue  # none, several, or an honorific of the other gender ("Mr. Ada")
        merge_cluster(ix, c, full[0])


def merge_cluster(ix: ArticleMentions, c: PersonCluster, into: PersonCluster) -> None:
    """Fold cluster ``c`` into ``into``: its name mentions, positions and role facts."""
    for i, owner in ix.cluster_of_token.items():
        if owner is c:
            ix.cluster_of_token[i] = into
    into.seen = sorted(into.seen + c.seen)
    into.first_seen = min(into.first_seen, c.first_seen)
    into.last_seen = max(into.last_seen, c.last_seen)
    into.roles.extend(c.roles)
    into.affiliation = into.affiliation or c.affiliation
    into.gender = into.gender or c.gender
    ix.role_facts = [(ch, t, sc, into if cl is c else cl) for ch, t, sc, cl in ix.role_facts]
    ix.abbreviated_facts = [(ch, t, sc, into if cl is c else cl) for ch, t, sc, cl in ix.abbreviated_facts]
    ix.clusters.remove(c)


def cluster_for(
    ix: ArticleMentions, name: str, parts: list[str], char: int, gender: str | None = None
) -> PersonCluster:
    """The cluster of this form of a name (a new one if none fits); ``gender`` is what an
    honorific before it says ("Mrs. Clinton" is Hillary, not Bill Clinton named before her)."""
    key = " ".join(parts)
    toks = name_tokens(parts)
    bearers = [c for c in ix.clusters if parts[0] in c.tokens] if len(parts) == 1 else []
    if gender is not None and any(c.gender not in (None, gender) for c in bearers):
        # An honorific at odds with a bearer of the surname ("Mr. Velk" beside "Ana Velk"): the
        # bearer of that gender, or someone not named yet (her husband), never the other.
        fits = [c for c in bearers if c.gender == gender]
        fits = [c for c in fits if not c.relative] or fits
        if fits:
            return fits[-1]
        if all(c.gender not in (None, gender) for c in bearers):
            return new_cluster(ix, key, name, toks, char)
    for c in reversed(ix.clusters):
        if c.key == key:
            return c
    if len(parts) == 1:
        if gender is not None:
            same = [c for c in ix.clusters if parts[0] in c.tokens and len(c.tokens) > 1]
            fits = [c for c in same if c.gender == gender]
            # "Mr. Velk" after "his son Ivo": the relative only when no one else fits.
            fits = [c for c in fits if not c.relative] or fits
            if len(same) > 1 and fits:
                return fits[-1]
        hit = ix.cluster_by_part(parts[0])
        if hit is not None:
            return hit
    else:
        # A longer form of an earlier short mention ("Koro" ... "Ama Koro"), or vice versa; never
        # a person of the other gender ("Mr. Velk" ... "his wife, Ana Velk").
        given_gender = given_names().get(parts[0])
        for c in reversed(ix.clusters):
            if given_gender in ("f", "m") and c.gender in ("f", "m") and c.gender != given_gender:
                continue
            if len(c.key.split()) == 1 and parts[-1] in c.tokens:
                c.key, c.name, c.tokens = key, name, toks
                return c
            if c.relative and toks < c.tokens and c.key.split()[0] == parts[0]:
                # The relative named in full at last ("Clifford Pennington" after "her husband,
                # Clifford," took "Oduya-Pennington" from his wife): the own form wins.
                c.key, c.name, c.tokens, c.relative = key, name, toks, False
                return c
            if toks <= c.tokens:
                return c
            if c.tokens < toks and parts[-1] in c.tokens:
                # "Reyel Okafor" then "Tomás Reyel Okafor": keep the longest form.
                c.key, c.name, c.tokens = key, name, toks
                c.actor = None
                return c
    return new_cluster(ix, key, name, toks, char)


def new_cluster(ix: ArticleMentions, key: str, name: str, toks: set[str], char: int) -> PersonCluster:
    c = PersonCluster(key=key, name=name, tokens=toks, last_seen=char, first_seen=char)
    ix.clusters.append(c)
    return c


def honorific_fits(ix: ArticleMentions, cluster: PersonCluster, gender: str, part: str) -> bool:
    """Whether an honorific's gender may become ``cluster``'s. It beats a guess from the given
    name ("Ms. Jordan Velk"), but "Mr. Clinton" in an article that has so far named only Hillary
    Clinton is her husband, not her: an honorific at odds with the cluster's given name, or
    with its gender when another person shares the surname, is about someone else."""
    if cluster.gender is None or cluster.gender == gender:
        return True
    first = cluster.key.split()[0] if len(cluster.key.split()) > 1 else ""
    if given_names().get(first) not in (None, gender):
        return False
    return not any(c is not cluster and part in c.tokens for c in ix.clusters)


def resolve_person(ix: ArticleMentions, c: PersonCluster) -> ActorRef:
    reg = ix.registry
    actor: Actor | None = None
    if len(c.tokens) > 1:
        actor = reg.lookup(c.name, at=ix.at, kind=ActorKind.person)
    else:
        actor = reg.lookup(c.name, at=ix.at, kind=ActorKind.person, surname=True)
        if actor is not None and actor.priority == 0:
            actor = None  # a bare surname only matches hand-curated actors
    if actor is not None:
        actor = untitled(ix, actor)
        if c.gender is None:
            c.gender = actor.gender
        if c.affiliation is None:
            c.affiliation = actor.affiliation
        if actor.priority > 0 or len(c.tokens) == 1:
            c.name = actor.name
        return ActorRef(id=actor.id, name=c.name, kind=ActorKind.person)
    return ActorRef(id=person_id(c.name), name=c.name, kind=ActorKind.person)


def untitled(ix: ArticleMentions, actor: Actor) -> Actor:
    """The registry's entry for a person whose matched entry carries a title in its name and id
    ("person:secretary-general-ban-ki-moon"): the same person's untitled entry when the registry
    has one ("person:ban-ki-moon"), else the entry under its name without the title (its id is
    the registry's key and stays)."""
    plain = without_title(actor.name, TITLE_WORDS | HONORIFICS)
    if plain == actor.name:
        return actor
    other = ix.registry.get(person_id(plain))
    if other is not None and other.kind == ActorKind.person:
        return replace(other, name=plain, roles=actor.roles or other.roles, priority=actor.priority)
    return replace(actor, name=plain)
