"""Definite descriptions ("the company", "the ministry") resolved to an organisation of the article."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from stancewire.nlp import doccache
from stancewire.nlp.mentions.bodies import can_speak
from stancewire.nlp.mentions.body_names import political_committee
from stancewire.nlp.mentions.names import given_names, org_words, singular
from stancewire.nlp.mentions.types import Mention
from stancewire.nlp.mentions.words import (
    COMPANY_NOUNS,
    INSTITUTION_WORDS,
    LEGISLATURE_WORDS,
    PLACE_BODY_MODS,
    PLACE_BODY_NOUNS,
    PRESS_NOUNS,
)
from stancewire.nlp.registry import normalise, slugify
from stancewire.schemas import ActorKind, ActorRef, MentionKind

if TYPE_CHECKING:
    from spacy.tokens import Token

    from stancewire.nlp.mentions.index import ArticleMentions

# British and American spellings of a body noun: "the center" is the "European Centre".
_SPELLINGS = {"center": "centre", "centre": "center"}


def best_org_before(
    ix, char: int, noun: str | None = None, mods: list[str] | None = None, by_sector: bool = True
) -> ActorRef | None:
    """The organisation a definite description ("the company", "the ministry") refers to: one
    whose name contains the noun if any, else the most often mentioned, ties to the latest.
    A sector noun ("the utility") looks among the organisations of its sector first
    (``by_sector``), then among all."""
    if noun:
        # The article said what this noun refers to ("Larkspur Labs, the company behind…").
        for pos, lemma, dm in reversed(ix.org_desc):
            if pos >= char or not fits_business_noun(dm.actor, noun):
                continue
            if lemma == noun or singular(lemma) == noun:
                return dm.actor
        hit = same_sentence_org(ix, char, noun)
        if hit is not None:
            return place_body(ix, hit, char, noun, mods or [])
    orgs = ix.org_mentions_before(char, window=6000)
    if not orgs:
        return None
    score: dict[str, float] = {}
    ref: dict[str, ActorRef] = {}
    near = previous_sentence_start(ix, char) if generic_reference(ix, char, noun) else char
    # Fitting bodies named outside quotes in the last few sentences, latest first.
    local: list[tuple[int, bool, ActorRef]] = []
    # Departments and agencies named there ("police asked the Dorvan Bureau of Mines for help, and
    # the agency said ...").
    near_dept = previous_sentence_start(ix, char) if noun in _DEPARTMENT_WORDS else char
    departments: list[tuple[int, bool, ActorRef]] = []
    named_noun = False
    sector = _sector_orgs(orgs, noun) if by_sector else set()
    for rank, m in enumerate(orgs):
        a = m.actor
        if sector and a.id not in sector:
            continue  # "the utility" is the water company the article named, not its pollster
        surface = ix.text[m.start : m.end]
        gov_department = _government_department(a, surface, noun)
        if noun in ("government", "administration", "authorities"):
            ok = a.kind == ActorKind.government
        else:
            ok = a.kind == ActorKind.organisation or gov_department
        if not ok:
            continue
        if surface.isupper() and len(surface) > 6:
            continue  # datelines ("ISPARRE CITY —") are not actors
        if m.start in ix.weak_orgs or not can_speak(a, ix.text, ix.registry):
            continue  # a ferry, album, prize, event or region named like an organisation does not speak
        sc = score.get(a.id, 0.0) + 1.0 + (0.5 if rank == 0 else 0.0)
        if ix.toks[m.head].dep_ in ("nsubj", "nsubjpass"):
            sc += 1.0  # organisations that act in the article are what "the company" means
        if not fits_business_noun(a, noun):
            continue  # "the company" is not the ministry, court or prize the article cites
        head = ix.toks[m.head]
        if _recipient(head):
            continue  # "In a statement to the Herald, the company said": the Herald was told
        told = not ix.in_quote(m.start) and not an_example(head)
        if m.start >= near and told:
            local.append((doccache.sent(head).start, head.dep_ in ("nsubj", "nsubjpass"), a))
        name_words = normalise(a.name).split()
        if m.start >= near_dept and told and _department(a, noun, name_words, gov_department):
            departments.append((doccache.sent(head).start, head.dep_ in ("nsubj", "nsubjpass"), a))
        if noun and (noun in name_words or _SPELLINGS.get(noun) in name_words or gov_department):
            named_noun = True
            sc += 5.0
            # "the health ministry" prefers "Kethara Health Ministry" over other ministries.
            sc += 3.0 * sum(1 for w in mods or () if w in name_words)
        score[a.id] = sc
        ref[a.id] = a
    if not score:
        # The sector's organisations were all cited, not acting ("told Velk Power"): any other.
        return best_org_before(ix, char, noun, mods, by_sector=False) if sector else None
    if noun and local and not named_noun:
        # "The Marrow Creek Trust turned down an interview with Norvik Media Inc. ... "...," the
        # group said": a description continues the body of the last sentence that
        # named one (within three), its subject first, else the latest named, not the body the
        # whole article mentions most. A body whose name carries the noun still wins.
        return _latest_subject_first(local)
    if departments:
        # "the agency" after the last sentences named a department or bureau is that one, not
        # the department the whole article mentions most.
        return _latest_subject_first(departments)
    if not named_noun and (noun in INSTITUTION_WORDS or noun in _PANELS) and _own_words(mods):
        # "the city council", "the five-member panel", "the Harrow committee": a public body
        # the phrase itself describes, which no body of the article is named by, is no
        # unrelated ministry or newspaper the article happens to mention most.
        return None
    return ref[max(score, key=lambda k: score[k])]


# Words in the names of the businesses a sector noun describes: "the utility" is the "Aldra
# Water Company", "the airline" is "Corvel Airways", "the bank" is "Marrow Savings".
_SECTOR_WORDS: dict[str, frozenset[str]] = {
    "utility": frozenset(
        {"water", "power", "electric", "electricity", "gas", "energy", "utility", "utilities", "hydro"}
    ),
    "airline": frozenset({"air", "airways", "airlines", "airline", "aviation"}),
    "carrier": frozenset({"air", "airways", "airlines", "airline", "aviation"}),
    "bank": frozenset({"bank", "banks", "bancorp", "banking", "credit", "savings"}),
    "lender": frozenset({"bank", "banks", "bancorp", "banking", "credit", "savings", "loan", "loans"}),
}


def _sector_orgs(orgs: list[Mention], noun: str | None) -> set[str]:
    """Ids of the organisations among ``orgs`` whose names fit a sector noun ("the utility",
    "the airline", "the bank"); empty when the noun names no sector or no name fits, so that
    the description falls back to the organisations it would take otherwise."""
    words = _SECTOR_WORDS.get(noun or "")
    if not words:
        return set()
    return {
        m.actor.id
        for m in orgs
        if m.actor.kind == ActorKind.organisation and words.intersection(normalise(m.actor.name).split())
    }


def seated_government(ix: ArticleMentions, char: int, noun: str | None) -> ActorRef | None:
    """ "the government in Tarsk", "the administration of Vaskia": the government of the place
    the phrase itself names (a capital stands for its country), not the government the article
    mentions most (often the reader's own)."""
    if noun not in _GOVERNMENT_NOUNS:
        return None
    i = bisect_right(ix.tok_starts(), char) - 1
    if i < 0:
        return None
    for prep in doccache.children(ix.toks[i]):
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "of"):
            continue
        for place in doccache.children(prep):
            if place.dep_ == "pobj" and place.pos_ == "PROPN":
                return _place_government(ix, place)
    return None


def _place_government(ix: ArticleMentions, place: Token) -> ActorRef | None:
    """The government a place name stands for: its country's (the registry knows capitals),
    else the government the article's mention of the place resolved to; None for a name that
    is no place ("the government of President Morn")."""
    code = ix.registry.country_code(place.text)
    gov = ix.registry.government(code) if code else None
    if gov is not None:
        return gov.ref()
    m = ix.mention_for_token(place.i)
    return m.actor if m is not None and m.actor.kind == ActorKind.government else None


# Bodies of a few members set up by another body (not institution words: "the board" of a
# company the article named is that company).
_PANELS = frozenset({"panel"})

# Modifiers that say nothing about which body is meant ("the new council", "the full committee").
_EMPTY_MODS = frozenset({"new", "former", "same", "other", "full", "whole", "entire", "current", "powerful"})


def _own_words(mods: list[str] | None) -> bool:
    """Whether a description's modifiers describe the body ("city", "advisory", "Harrow")."""
    return any(w.isalpha() and w not in _EMPTY_MODS for w in mods or ())


def _latest_subject_first(named: list[tuple[int, bool, ActorRef]]) -> ActorRef:
    """Of bodies named in the last sentences (sentence start, subject?, actor; latest first),
    the subject of the latest sentence that named one, else its latest body."""
    last = [(subj, a) for s, subj, a in named if s == named[0][0]]
    return next((a for subj, a in last if subj), last[0][1])


# Words for a department of state: "the agency" and "the department" refer back to one the
# article named, even when the registry makes that name its government ("the State
# Department said ... the agency said").
_DEPARTMENT_WORDS = frozenset({"department", "agency", "bureau"})


def _department(actor: ActorRef, noun: str | None, name_words: list[str], gov_department: bool) -> bool:
    """Whether a body is a department, agency or bureau that "the agency"/"the department"
    (``noun``) may refer back to: a government named as one of its departments
    (``gov_department``, :func:`_government_department`), or an organisation whose name has
    such a word ("Federal Bureau of Investigation")."""
    if noun not in _DEPARTMENT_WORDS:
        return False
    if actor.kind == ActorKind.organisation:
        return any(w in _DEPARTMENT_WORDS for w in name_words)
    return gov_department


def _government_department(actor: ActorRef, surface: str, noun: str | None) -> bool:
    """Whether a government mention named as one of its departments (by the words of
    ``surface``) fits the description noun ``noun`` ("the agency", "the department")."""
    if actor.kind != ActorKind.government or noun not in _DEPARTMENT_WORDS:
        return False
    return any(w in _DEPARTMENT_WORDS for w in normalise(surface).split())


# Nouns of public bodies and parties: their names usually carry the noun ("Dravik City
# Council"), so the article-wide score finds them; a nearby body of another kind is no antecedent.
_GOVERNMENT_NOUNS = frozenset({"government", "administration", "authorities"})

# Prepositions that list examples ("firms such as Velk Corp", "brands like Norvik"): a body named
# there is not what the article goes on to talk about.
_EXAMPLE_PREPS = frozenset({"like", "including"})


def generic_reference(ix: ArticleMentions, char: int, noun: str | None) -> bool:
    """Whether the description at ``char`` is a generic body noun ("the group", "the company",
    "the foundation") that may refer back to the body the last sentences named: not one a
    person owns ("her firm", "Velk's company"); a name's own possessive ("the Dorvan
    Herald's newspaper") is no owner."""
    if not noun or noun in INSTITUTION_WORDS or noun in LEGISLATURE_WORDS or noun in _GOVERNMENT_NOUNS:
        return False
    i = bisect_right(ix.tok_starts(), char) - 1
    if i < 0:
        return False
    owners = [c for c in doccache.children(ix.toks[i]) if c.dep_ == "poss"]
    return not any(c.pos_ == "PRON" or c.ent_type_ == "PERSON" for c in owners)


def an_example(tok: Token) -> bool:
    """Whether ``tok`` is the object of an example list ("such as", "like", "including")."""
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    if prep.lower_ in _EXAMPLE_PREPS:
        return True
    return prep.lower_ == "as" and any(c.lower_ == "such" for c in doccache.children(prep))


def previous_sentence_start(ix: ArticleMentions, char: int, back: int = 3) -> int:
    """Where the sentence ``back`` sentences before the one holding ``char`` starts (a quote
    and its cue may be sentences of their own)."""
    i = bisect_right(ix.tok_starts(), char) - 1
    if i < 0:
        return 0
    sent = doccache.sent(ix.toks[i])
    for _ in range(back):
        if sent.start == 0:
            break
        sent = doccache.sent(ix.toks[sent.start - 1])
    return sent.start_char


def fits_business_noun(actor: ActorRef, noun: str | None) -> bool:
    """Whether a business or press noun ("the company", "the group", "the newspaper") can
    describe ``actor``: an organisation that is no ministry, court, prize, legislature or city
    hall. "The group" after many mentions of Congress is still not Congress, and "the
    newspaper" is no state the parser hung it on ("flood-ravaged Louisiana, a Baton Rouge
    newspaper")."""
    if noun not in COMPANY_NOUNS and noun not in PRESS_NOUNS:
        return True
    if actor.kind != ActorKind.organisation:
        return False
    if political_committee(actor.name):
        return noun == "group"  # "the PAC ... the company website": the donor company's
    last = normalise(actor.name).split()[-1:]
    if noun == "group" and last and last[0] in _MEMBER_BODIES:
        return True  # "the Dorvan Hunting Association ... the group said": members' bodies are groups
    return not last or (last[0] not in INSTITUTION_WORDS and last[0] not in LEGISLATURE_WORDS)


# Bodies of members that news calls "the group" (an association, a federation, a union of
# workers), though no company: the institution words they share with ministries and courts
# do not bar them from that noun.
_MEMBER_BODIES = frozenset({"association", "federation", "guild", "union", "league", "coalition", "alliance"})


def place_body(ix: ArticleMentions, hit: ActorRef, char: int, noun: str, mods: list[str]) -> ActorRef:
    """ "Dravik will scrap the route, the city council said": when the sentence's subject is a
    bare place name and the description is a public body it does not contain, the speaker is
    that place's body, named the way news names it ("Dravik City Council"). The new name is
    indexed so that a later "the council" finds it too."""
    words = org_words(hit.name)
    if (
        noun not in PLACE_BODY_NOUNS
        or len(words) != 1
        or noun in words
        or (hit.kind != ActorKind.government and ix.registry.get(hit.id) is not None)
    ):
        return hit
    place = hit.name.removeprefix("Government of ")
    if " " in place or not place[:1].isupper():
        return hit
    # Only words that are part of such names ("city council", "health ministry"); "the local
    # council" is still "Dravik Council".
    kept = [w.capitalize() for w in mods if w in PLACE_BODY_MODS]
    name = " ".join([place, *kept, noun.capitalize()])
    body = ActorRef(id=f"org:{slugify(name)}", name=name, kind=ActorKind.organisation)
    i = bisect_right(ix.tok_starts(), char) - 1
    m = Mention(char, char + len(noun), body, MentionKind.organisation, max(i, 0))
    ix.orgs.insert(bisect_right([o.start for o in ix.orgs], char), m)
    return body


_TOLD_TEXTS = frozenset(
    {"statement", "interview", "email", "e-mail", "letter", "comment", "remark", "message"}
)


def _recipient(head: Token) -> bool:
    """Whether an organisation mention (its head token) is whom something was said to: "told
    the Herald", "in a statement to the Herald", "in an interview with the Herald"."""
    if head.dep_ in ("dobj", "dative") and head.head.lemma_.lower() == "tell":
        return True
    prep = head.head
    return head.dep_ == "pobj" and prep.lower_ in ("to", "with") and prep.head.lemma_.lower() in _TOLD_TEXTS


def same_sentence_org(ix: ArticleMentions, char: int, noun: str) -> ActorRef | None:
    """ "Aerovelt swung to a profit, the airline said": a description that is the subject of a
    trailing cue refers to the organisation that opens its sentence. A one-word name the
    NER took for a place becomes an organisation (for the rest of the article too) when a
    company noun refers to it."""
    k = bisect_right(ix.starts, char)
    tok = None
    for m in reversed(ix.mentions[:k]):
        if m.end > char:
            continue
        if tok is None:
            i = bisect_right(ix.tok_starts(), char) - 1
            tok = ix.toks[i]
            sent_start = doccache.sent(tok).start_char
        if m.start < sent_start:
            break
        first = ix.toks[m.head]
        if first.dep_ not in ("nsubj", "nsubjpass") or m.kind != MentionKind.organisation:
            continue
        a = m.actor
        if a.kind == ActorKind.organisation:
            return a
        if (
            a.kind == ActorKind.government
            and noun in COMPANY_NOUNS
            and ix.registry.get(a.id) is None
            and a.id.startswith("gov:")
        ):
            surface = ix.text[m.start : m.end]
            org = ActorRef(id=f"org:{slugify(surface)}", name=surface, kind=ActorKind.organisation)
            for other in ix.mentions:
                if other.actor.id == a.id:
                    other.actor = org
            return org
    if noun in COMPANY_NOUNS:
        return unlisted_subject_org(ix, char)
    return None


def unlisted_subject_org(ix: ArticleMentions, char: int) -> ActorRef | None:
    """ "Aerovelt swung to a profit, the airline said" when the NER missed "Aerovelt": the
    capitalised subject opening the sentence is the company the trailing description names.
    Only the tokens of this one sentence before the cue are read."""
    i = bisect_right(ix.tok_starts(), char) - 1
    if i < 0:
        return None
    sent = doccache.sent(ix.toks[i])
    for t in ix.toks[sent.start : i]:
        if t.pos_ != "PROPN" or t.dep_ not in ("nsubj", "nsubjpass") or t.head.pos_ != "VERB":
            continue
        if t.i in ix.by_token or t.text.isupper() or not t.text[:1].isupper():
            continue  # named people/organisations were handled above; caps are datelines
        a = t.i  # only the adjacent name words: a dateline may hang off the subject too
        while a > sent.start and ix.toks[a - 1].dep_ == "compound" and ix.toks[a - 1].pos_ == "PROPN":
            a -= 1
        if any(k in ix.by_token for k in range(a, t.i)):
            continue
        surface = ix.text[ix.toks[a].idx : t.idx + len(t.text)]
        words = normalise(surface).split()
        if not words or words[0] in given_names():
            continue  # "Maria said ..., the company said" is not about Maria
        org = ActorRef(id=f"org:{slugify(surface)}", name=surface, kind=ActorKind.organisation)
        # The NER may have taken the same word for a place elsewhere ("Aerovelt said"): an
        # unknown "place" that the article calls a company is that company everywhere.
        for other in ix.mentions:
            oa = other.actor
            if (
                oa.kind == ActorKind.government
                and oa.id.startswith("gov:")
                and ix.registry.get(oa.id) is None
                and ix.text[other.start : other.end] == surface
            ):
                other.actor = org
        # Indexed so that a later "the airline"/"the company" finds it by name.
        m = Mention(ix.toks[a].idx, t.idx + len(t.text), org, MentionKind.organisation, t.i)
        ix.orgs.insert(bisect_right([o.start for o in ix.orgs], m.start), m)
        return org
    return None
