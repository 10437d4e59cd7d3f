"""Definite descriptions of people ("the Ohio Democrat", "the 52-year-old", "the veteran
goalkeeper") resolved to the person the article named earlier and described that way.

A description is a definite noun phrase that is no name: a party noun with a place ("the Dorvan
Democrat"), an age ("the 52-year-old"), or an occupational or characterising noun with its
modifiers. Its antecedent is a person cluster named *before* it whose mentions come with the
same descriptors nearby: an apposition ("Marla Quint, a Dorvan Democrat,"), a party and state
tag ("Quint, D-Dorvan"), an age ("Ivo Kessler, 52,"), a title or job word before the name
("goalkeeper Ansel Brandvik"). Hard features (party, age) must all fit; then the candidate with
the most fitting words wins, ties to the one mentioned last. With no fitting antecedent the
description stays a description (the caller makes it an unknown actor, never a person named
"Dorvan Democrat").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Token

from stancewire.nlp import doccache
from stancewire.nlp.mentions.names import DEPUTY_WORDS, gender_of_word, given_names, title_match
from stancewire.nlp.mentions.org_descriptions import previous_sentence_start
from stancewire.nlp.mentions.titles import FORMER
from stancewire.nlp.mentions.types import Mention, PersonCluster
from stancewire.nlp.mentions.us_states import state_name
from stancewire.nlp.mentions.words import (
    FACILITY_WORDS,
    ORG_ROLE_NOUNS,
    ORG_WORDS,
    PERSON_DESC_NOUNS,
    TITLE_WORDS,
)
from stancewire.schemas import MentionKind

if TYPE_CHECKING:
    from stancewire.nlp.mentions.index import ArticleMentions

# Party nouns and adjectives, by the party they name ("Democrat"/"Democratic"/"D-Ohio").
_PARTY = {
    "democrat": "dem",
    "democrats": "dem",
    "democratic": "dem",
    "republican": "rep",
    "republicans": "rep",
    "gop": "rep",
    "conservative": "con",
    "tory": "con",
    "liberal": "lib",
    "liberals": "lib",
    "conservatives": "con",
    "tories": "con",
    "labour": "lab",
    "socialist": "soc",
    "green": "grn",
    "independent": "ind",
}
_SUBJ = ("nsubj", "nsubjpass")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_CALENDAR_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})  # fmt: skip
_PARTY_TAG = re.compile(r"\(?\b([DRI])-\s?([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)")
_TAG_PARTY = {"D": "dem", "R": "rep", "I": "ind"}
_AGE_DESC = re.compile(r"\b(\d{1,3})-year-old\b")
_AGE_NP = re.compile(r"\b[Tt]he\s+(\d{1,3})-year-old\b")
_AGE_FACT = re.compile(r"(?:,\s*|\baged?\s+)(\d{1,3})\s*[,)]")
# Window around a name mention that describes it (apposition, title before the name).
_BEFORE, _AFTER = 60, 90
# Marks that end what describes someone before their name ("..., Democratic front-runner X"):
# the sentence before, the clause or list punctuation that closes someone else's tag.
_CUTS = (". ", ",", ")", ";", ":", " and ", " or ")
# A description names a person when its head is an office or one of these person-noun endings
# ("the former schoolteacher", "the soft-spoken agronomist", "the guesthouse owner").
_PERSON_SUFFIXES = (
    "ist",
    "ian",
    "man",
    "woman",
    "person",
    "eer",
    "holder",
    "owner",
    "maker",
    "leader",
    "worker",
    "teacher",
    "keeper",
    "player",
    "farmer",
    "builder",
    "driver",
    "operator",
)
# How far back a description looks for a salient person when no described one fits: two or
# three news paragraphs. A feature may go a paragraph or two about a person's company or campaign
# without naming them before "the former engineer said" (600 characters, one long paragraph, left
# such a description unresolved).
_SALIENT_WINDOW = 1000
# Sentences before a description that hold whom it just talked about (see _topic_over_fit).
_CONTEXT_SENTENCES = 2
# Words of a description that say nothing about who is meant.
_EMPTY = frozenset({"the", "a", "an", "former", "then", "current", "new", "old", "longtime", "veteran"})
# Determiners that introduce someone new ("a Dorvan Democrat", "another Harrow Republican"): such
# a description refers back to no one, and is never a name either.
_INDEFINITE = frozenset({"a", "an", "another", "one"})


# Person nouns with a gender that gender_of_word (titles, kin terms of names) leaves out: a
# description's gender must agree with the person's ("the woman shouted" is no man named before).
_FEMALE_NOUNS = frozenset(
    {"woman", "girl", "mom", "grandmother", "aunt", "niece", "widow", "girlfriend", "nun"}
)
_MALE_NOUNS = frozenset(
    {"man", "boy", "dad", "grandfather", "uncle", "nephew", "widower", "boyfriend", "priest"}
)
# Nouns for anyone at all: never elegant variation for a person the article named.
_GENERIC_PEOPLE = frozenset(
    {"woman", "man", "girl", "boy", "person", "guy", "lady", "gentleman", "child", "kid"}
)

# Trades and callings (in TITLE_WORDS, which makes them titles before a name: "actor Tim Vell")
# that characterise a person rather than name an office with one unnamed holder: "the actor
# said" is elegant variation for the actor the article is about.
_TRADES = frozenset({
    "actor", "actress", "businessman", "businesswoman", "entrepreneur", "singer", "novelist",
    "poet", "playwright", "filmmaker", "composer", "artist", "comedian",
})  # fmt: skip

# Relations that need their anchor ("the ex-wife of Alan Vell", "his former aide"): a "former"
# one is someone's, not the person the text is about.
_RELATIONS = frozenset({
    "wife", "husband", "spouse", "partner", "girlfriend", "boyfriend", "fiance", "fiancee",
    "friend", "colleague", "aide", "employee", "staffer", "adviser", "advisor", "assistant",
})  # fmt: skip


@dataclass(slots=True)
class Description:
    start: int
    end: int
    party: str | None
    age: str | None
    words: list[str]  # lower-cased content words (modifiers and head)
    indefinite: bool = False  # "a Dorvan Democrat": introduces someone, resolves to no one
    former: bool = False  # "the former governor": someone with a past, whom the article named


def description_of(ix: ArticleMentions, tok: Token, indefinite: bool = False) -> Description | None:
    """The description a definite noun phrase headed by ``tok`` gives, or None when it is no
    definite description of a person (no "the", a plural, a name-like phrase with no party).
    With ``indefinite``, "a"/"another" phrases count too (marked ``indefinite``)."""
    doc = ix.doc
    if tok.lower_ in ("year", "old"):
        # "the 52-year-old": the parser splits it every which way (even "the" onto the verb).
        for m in _AGE_NP.finditer(ix.text, max(0, tok.idx - 30), tok.idx + 30):
            if m.start() <= tok.idx < m.end():
                return Description(m.start(), m.end(), None, m.group(1), [])
        return None
    left = tok.left_edge
    opener = ("the", *_INDEFINITE) if indefinite else ("the",)
    if left.lower_ not in opener:
        # Hyphenated modifiers ("the soft-spoken agronomist") often hang "the" elsewhere: walk
        # back over the modifiers on the surface instead.
        i = tok.i - 1
        while (
            i >= 0
            and tok.i - i <= 6
            and (doc[i].pos_ in ("ADJ", "NOUN", "PROPN", "NUM", "ADV", "VERB") or doc[i].text == "-")
        ):
            i -= 1
        if i < 0 or doc[i].lower_ not in opener:
            return None
        left = doc[i]
    if tok.tag_ in ("NNS", "NNPS") or _body_head(tok):
        return None
    toks = [t for t in doc[left.i + 1 : tok.i + 1] if not t.is_space]
    if left.lower_ != "the" and any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in toks):
        return None  # "a top strategist said Clinton": the parse ran the phrase into a clause
    if not toks or any("\n" in t.text or "\n" in t.whitespace_ for t in doc[left.i : tok.i]):
        return None
    start, end = left.idx, tok.idx + len(tok.text)
    phrase = ix.text[start:end]
    words = [t.lower_ for t in toks if t.is_alpha]
    party = next((_PARTY[t.lower_] for t in toks if t.lower_ in _PARTY and not _adjective_only(t)), None)
    m = _AGE_DESC.search(phrase)
    age = m.group(1) if m else None
    if party is None and age is None and tok.pos_ != "NOUN" and not (tok.pos_ == "PROPN" and tok.is_lower):
        return None  # (a lower-case "PROPN" is a noun the tagger got wrong: "the business mogul")
    content = [w for w in words if w not in _EMPTY and w not in ("year",)]
    former = any(w in FORMER for w in words[:-1])
    return Description(start, end, party, age, content, left.lower_ != "the", former)


# Party words that, in lower case, are plain words of no party: "a democratic socialist",
# "democratic reforms", "republican virtues" (unlike "conservative" or "liberal", which the
# article ties people to either way).
_LOWER_CASE_NO_PARTY = frozenset({"democratic", "republican", "socialist"})


def _adjective_only(t: Token) -> bool:
    """Whether ``t`` is a party word written in lower case as a plain word ("the self-described
    democratic socialist" belongs to no Democratic or Socialist party)."""
    return t.lower_ in _LOWER_CASE_NO_PARTY and t.is_lower


def _body_head(tok: Token) -> bool:
    """Whether ``tok`` heads the phrase of a body, not of a person: "the Harrow National
    Committee", "the Dorvan Democratic Party", "the Harrow Labour steering committee". A party
    word in it names the body's side; such a body is no description of a party member the
    article named, whatever its case."""
    low = tok.lower_
    return low in ORG_ROLE_NOUNS and low not in TITLE_WORDS and low not in PERSON_DESC_NOUNS


def noun_gender(word: str) -> str | None:
    """The gender a noun for one person gives ("woman", "his father", "spokeswoman" -> "f" / "m");
    None for a noun that says nothing of it ("reporter", "head")."""
    if word in _FEMALE_NOUNS:
        return "f"
    if word in _MALE_NOUNS:
        return "m"
    return gender_of_word(word)


def description_gender(d: Description) -> str | None:
    """The gender the head noun of ``d`` gives ("the woman", "his father", "the spokeswoman")."""
    return noun_gender(d.words[-1]) if d.words else None


def is_person_description(d: Description, head_lemma: str) -> bool:
    """Whether ``d`` describes a person (party, age, a person noun), so that it may refer to the
    person the text is about even when no descriptor fits. An office ("the trial judge") is not
    enough: its holder comes from the article's role facts (role_nouns, role_fallback), and an
    office no one was given stays a description rather than the last person named."""
    if d.party is not None or d.age is not None:
        return True
    if (d.former and head_lemma not in _RELATIONS) or head_lemma in _TRADES:
        # "the former president", "the former first lady", "the actor", "the businessman": a
        # past office or a trade is how news refers back to someone it named, not an office
        # someone unnamed holds now (the article's role facts, when it has them, come first).
        return True
    if head_lemma in _GENERIC_PEOPLE:
        # "the woman said": news names the people it has named; a bare "the woman" is someone
        # the article introduced unnamed ("a woman asked ..."), not the last person named.
        return False
    if head_lemma in PERSON_DESC_NOUNS:
        return True  # "the candidate", "the front-runner", "the billionaire"
    return head_lemma not in TITLE_WORDS and head_lemma.endswith(_PERSON_SUFFIXES)


# Agent-noun endings that name a person beyond _PERSON_SUFFIXES ("the speaker", "the donor",
# "the nominee", "the pollster"). Endings that also make abstract nouns ("-ent" of "statement",
# "-al" of "proposal", "-ive" of "initiative") are left out: those person nouns are in the lexicons.
AGENT_SUFFIXES = ("er", "or", "ee", "ster")
# Person nouns with no such ending that no other lexicon lists ("the former model").
_OTHER_PERSON_NOUNS = frozenset({"model", "star", "icon", "anchor", "member", "idol"})


def anyone_noun(head: str) -> bool:
    """Whether a head noun is for anyone at all ("woman", "man", "person"): it says nothing
    that would tie a description to one named person rather than another."""
    return head in _GENERIC_PEOPLE


def is_person_noun(head: str) -> bool:
    """Whether a description's head noun can name a person: an office, a person or relation
    noun, a gendered noun, or an agent-noun ending. "The debate showed", "the stalemate
    helped", "the new count suggests" name events and texts: such a phrase is no elegant
    variation for a person the article named, whatever words stand near that person."""
    return (
        head in TITLE_WORDS
        or head in PERSON_DESC_NOUNS
        or head in _TRADES
        or head in _RELATIONS
        or head in _GENERIC_PEOPLE
        or head in _FEMALE_NOUNS
        or head in _MALE_NOUNS
        or head in _OTHER_PERSON_NOUNS
        or gender_of_word(head) is not None
        or head.endswith(_PERSON_SUFFIXES)
        or head.endswith(AGENT_SUFFIXES)
    )


# Where ``doc.user_data`` keeps, per name mention end, the start of the name's noun phrase
# (_profile asks for every mention of the article once per candidate per description).
_PREMOD_KEY = ("stancewire", "premodified_start")


def _premodified_start(ix: ArticleMentions, m: Mention) -> int:
    """Where the noun phrase of a name mention starts: its premodifiers ("Harrow Party whip
    Tomas Velk") are its own words."""
    cache: dict[int, int] = ix.doc.user_data.setdefault(_PREMOD_KEY, {})
    left = cache.get(m.end)
    if left is None:
        k = bisect_right(ix.tok_starts(), m.end - 1) - 1  # the name's last word heads its phrase
        left = cache[m.end] = ix.doc[k].left_edge.idx if k >= 0 else m.start
    return min(m.start, left)


def _quote_end(ix: ArticleMentions, char: int) -> int:
    """Where the quote around ``char`` ends, or the end of the text when ``char`` is in none."""
    i = bisect_right(ix.quoted, (char, len(ix.text) + 1)) - 1
    if i >= 0 and ix.quoted[i][0] <= char < ix.quoted[i][1]:
        return ix.quoted[i][1]
    return len(ix.text)


def _profile(
    ix: ArticleMentions,
    c: PersonCluster,
    before: int,
    skip: tuple[int, int] | None = None,
    after_object: int | None = None,
) -> tuple[set[str], set[str], set[str], set[str]]:
    """Words, parties and ages the article attaches to ``c`` in mentions before ``before``, and
    the words right at the name (a title before it, the first words of an apposition). With
    ``after_object`` (where the description being resolved starts), the window of a mention that
    is an object in the description's sentence stops there: "Speaking on a show hosted by Lina
    Brask, the candidate said" describes the subject talked about, not the name that the
    description happens to follow. A subject, an apposition or a possessor keeps the words after
    it ("Ada Morn said so. But the former mayor added")."""
    near: set[str] = set()
    words: set[str] = set()
    parties: set[str] = set()
    ages: set[str] = set()
    text = ix.text
    # Other people's names bound the window: what is said next to them describes them, and so
    # do the words that premodify them ("Ada Morn opposed the tolls of Harrow Party whip Tomas
    # Velk": "Harrow Party whip" is Velk's, not Morn's).
    others = sorted(
        (m.start, m.end, _premodified_start(ix, m))
        for m in ix.mentions
        if m.kind == MentionKind.name and ix.cluster_of_token.get(m.head) is not c
    )
    if skip is not None:
        others.append((*skip, skip[0]))  # the phrase being resolved describes no one by standing nearby
    for pos in c.seen:
        if pos >= before:
            break
        a = max(0, text.rfind("\n", 0, pos) + 1, pos - _BEFORE)
        nl = text.find("\n", pos)
        b = min(len(text), pos + _AFTER, nl if nl >= 0 else len(text))
        # Before the name only its own premodifiers count ("Dorvan Democrat Marla Quint"): stop at
        # the clause or list punctuation that closes what came before (someone else's tag).
        # (A mark not found is no cut: rfind's -1 plus the mark's length cut "Democratic" off a
        # name at the very start of the text.)
        a = max([a, *(f + len(p) for p in _CUTS if (f := text.rfind(p, a, pos)) >= 0)])
        # A name inside a quote is described by nothing after the quote ends ("'... my dear Ivo
        # Kessler,' the conference speaker says": the speaker is not Kessler).
        b = min(b, _quote_end(ix, pos))
        for oa, ob, left in others:
            if ob <= pos and ob > a:
                a = ob
            elif oa > pos:
                b = min(b, left if pos < left else oa)
        if after_object is not None and pos < after_object < b and _object_before(ix, pos, after_object):
            b = after_object
        window = text[a:b]
        after = text[pos:b]
        lw = re.findall(r"[a-z]+", window.lower())
        near.update(re.findall(r"[a-z]+", text[max(a, pos - 30) : min(b, pos + len(c.name) + 40)].lower()))
        words.update(lw)
        # A party word in the next sentence is someone else's ("... Marsh would be confirmed.
        # Asked whether any Republicans might defect, ..."); only the description's own words
        # there (the self-match that lets "Morn said so. But the Dorvan Democrat added" find her)
        # still count.
        told = window
        end = _sentence_end(ix, pos)
        if end < b:
            own = text[max(end, after_object) : b] if after_object is not None else ""
            told = text[a:end] + " " + own
        parties.update(_PARTY[w] for w in re.findall(r"[a-z]+", told.lower()) if w in _PARTY)
        for m in _PARTY_TAG.finditer(window):
            parties.add(_TAG_PARTY[m.group(1)])
            words.update(re.findall(r"[a-z]+", m.group(2).lower()))
            # "R-Neb." is from Nebraska: "the Nebraska Republican" should find its senator.
            place = m.group(2)
            state = state_name(place) or state_name(place.split()[0])
            if state:
                words.update(state.split())
        # An age right after the name ("Ivo Kessler, 52,"), not any number in the window; or
        # among the name's own premodifiers ("52-year-old Ivo Kessler").
        m = _AGE_FACT.search(after[: 40 + len(c.name)]) or _AGE_DESC.search(text, a, pos)
        if m:
            ages.add(m.group(1))
    return near, words, parties, ages


def _sentence_end(ix: ArticleMentions, char: int) -> int:
    """Where the sentence holding the character at ``char`` ends."""
    k = bisect_right(ix.tok_starts(), char) - 1
    return doccache.sent(ix.doc[k]).end_char if k >= 0 else len(ix.text)


def profile_words(
    ix: ArticleMentions, c: PersonCluster, before: int, skip: tuple[int, int] | None = None
) -> set[str]:
    """Words the article attached to ``c`` (apposition, title, party tag) before ``before``: what
    the speaker ranker matches a role phrase against. The phrase at ``skip`` (the one being
    resolved) is no description of a name it happens to follow."""
    return _profile(ix, c, before, skip=skip)[1]


# Nouns for whoever puts the questions in a debate or an interview ("the moderator asked").
INTERLOCUTORS = frozenset({"moderator", "host", "co-host", "interviewer", "anchor", "questioner"})


def asker_for_office(ix: ArticleMentions, c: PersonCluster, lemma: str, before: int) -> bool:
    """Whether ``c`` is someone the article called a moderator or host (in the words right at
    their mentions before ``before``, where the office noun ``lemma`` stands), whom that noun is
    no elegant variation for ("Moderator Ivo Brask asked ... “...,” the senator said": the
    senator answers; whoever asks holds no office)."""
    if lemma not in TITLE_WORDS or lemma in INTERLOCUTORS:
        return False
    called = _profile(ix, c, before, skip=(before, before))[0]
    return bool(INTERLOCUTORS & called) and lemma not in called


def party_of_words(words: list[str]) -> str | None:
    """The party a phrase's lower-cased words name ("GOP", "Democratic"), else None."""
    return next((_PARTY[w] for w in words if w in _PARTY), None)


def other_party(ix: ArticleMentions, c: PersonCluster, party: str, phrase: tuple[int, int]) -> bool:
    """Whether the article tied ``c`` to parties and ``party`` (that of the role noun at
    ``phrase``) is none of them: "the GOP front-runner" is never the person it called the
    Democratic front-runner (anywhere: a role noun may also go to a holder introduced after it;
    the phrase's own words, next to a name, are no description of that name)."""
    parties = _profile(ix, c, len(ix.text), skip=phrase)[2]
    return bool(parties) and party not in parties


def surely_a_person(c: PersonCluster) -> bool:
    """A cluster the salience fallback may pick: a gendered person or a given name and a surname
    (the small NER model also calls places, streets and parties PERSON: "Harrow Lane")."""
    parts = c.name.split()
    if any(p.lower().rstrip("s") in _PARTY for p in parts):
        return False
    if possessed_name(c):
        return False
    if c.gender is not None or (len(parts) > 1 and parts[0].lower() in given_names()):
        return True
    last = parts[-1].lower() if parts else ""
    return len(parts) > 1 and last not in FACILITY_WORDS and last not in ORG_WORDS


def possessed_name(c: PersonCluster) -> bool:
    """A PERSON cluster with a possessive inside its name ("Velk's Celebrity Showdown", "Morn's
    Harrow Tour"): someone's show or thing, never a person a description stands for."""
    return any(p.endswith(("'s", "’s")) for p in c.name.split()[:-1])


def names_a_thing(ix: ArticleMentions, c: PersonCluster) -> bool:
    """A PERSON cluster that is surely no person: no gender, a first word no given name, and a
    last word the article also writes in lower case ("Social Security", "Compaq Computer",
    "Sandy Hook Elementary": the small NER model tags such names PERSON). Salience must not
    hand a "he" to it."""
    if c.gender is not None:
        return False
    parts = c.name.split()
    if len(parts) < 2 or parts[0].lower() in given_names():
        return False
    if ix.lower_words is None:
        ix.lower_words = set(_LOWER_WORD.findall(ix.text))
    last = parts[-1].lower()
    return last in ix.lower_words or last in _CALENDAR_WORDS


def _is_subject_at(ix: ArticleMentions, char: int) -> bool:
    """Whether the name mention at ``char`` is a clause subject, or in apposition or coordination
    with one ("Ms. Ruiz and Mr. Brandt had clashed")."""
    k = bisect_right(ix.tok_starts(), char) - 1
    if k < 0:
        return False
    m = ix.mention_for_token(k)
    tok = ix.doc[m.head] if m is not None and m.head >= 0 else ix.doc[k]
    if _fronted_for(tok):
        return True
    return tok.dep_ in _SUBJ or (tok.dep_ in ("appos", "conj") and tok.head.dep_ in _SUBJ)


def _fronted_for(tok: Token) -> bool:
    """Whether ``tok`` is named in a "For ..." phrase that opens its sentence and hangs on the
    main verb ("For Ada Morn, whose father died in 2016, the news is bittersweet"): the
    sentence is about that person as much as about its grammatical subject."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "for" or prep.dep_ != "prep":
        return False
    sent = doccache.sent(tok)
    return prep.i == sent.start and prep.head.dep_ == "ROOT"


_OBJECTS = ("pobj", "dobj", "dative", "iobj", "agent")


def _object_before(ix: ArticleMentions, char: int, phrase: int) -> bool:
    """Whether the name mention at ``char`` is the object of a verb or preposition, or in
    apposition or coordination with one ("a panel chaired by Ivo Kessler and Lina Brask"), in the
    sentence of the phrase that starts at ``phrase``. (Across a sentence break an object may
    well be whom the next sentence describes: "Velk had lunch with Ada Morn. The retired judge
    later wrote ...".)"""
    k = bisect_right(ix.tok_starts(), char) - 1
    if k < 0:
        return False
    m = ix.mention_for_token(k)
    tok = ix.doc[m.head] if m is not None and m.head >= 0 else ix.doc[k]
    if doccache.sent(tok).end_char <= phrase:
        return False
    for _ in range(3):  # up a short chain of appositions and conjuncts
        if tok.dep_ not in ("appos", "conj") or tok.head is tok:
            break
        tok = tok.head
    return tok.dep_ in _OBJECTS


# Jobs of people who work or speak for someone else ("campaign manager Ada Brask", "spokesman
# Tomas Velk"): such a person is no elegant variation for "the candidate" or "the businessman".
_STAFF_TITLES = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor", "lawyer", "attorney",
    "staffer", "manager", "strategist", "pollster", "assistant", "deputy",
})  # fmt: skip


def staff_only(c: PersonCluster, d: Description) -> bool:
    """Whether the article gave ``c`` only staff jobs and ``d`` is a plain noun of something else
    ("the businessman said" after "said Ada Brask, a spokeswoman": the spokeswoman is whom she
    speaks for, not the businessman). A party or age description says nothing of the job."""
    if not c.roles or d.party is not None or d.age is not None or not d.words:
        return False
    head = d.words[-1]
    titles = {t for title, _ in c.roles for t in title.split()}
    return head not in titles and titles <= _STAFF_TITLES


def deputy_only(c: PersonCluster, head: str) -> bool:
    """Whether the article gave ``c`` a deputy's office of ``head`` ("Lieutenant Governor Ada
    Morn") and not the office itself: "the governor" is someone else, though the word "governor"
    stands right before her name."""
    titles = [t for t, _ in c.roles]
    # (titles.split_title puts the deputy word first: "deputy prime minister")
    deputy = any(len(w := t.split()) > 1 and w[-1] == head and w[0] in DEPUTY_WORDS for t in titles)
    return deputy and not any(title_match(t, head) for t in titles)


def _last_spoken_role(ix: ArticleMentions, c: PersonCluster, before: int) -> int:
    """Where the last speaker role mention resolved to ``c`` before ``before`` starts, or -1."""
    return max((p for p, cl in ix.spoken_roles if cl is c and p < before), default=-1)


def _called_word(w: str, words: set[str], shared: bool) -> bool:
    """Whether the article used ``w`` of someone; with ``shared`` also in the plural, for a
    role several people share by name ("hosts Ada Morn and Ivo Brask": each is "the host").
    (Not for every noun: "Velk's employees" nearby makes no one "the employee".)"""
    return w in words or (shared and f"{w}s" in words)


def resolve_description(
    ix: ArticleMentions,
    d: Description,
    salient: bool = False,
    gender: str | None = None,
    own_words: bool = True,
    shared: bool = False,
    by_head: bool = False,
) -> PersonCluster | None:
    """The person named before ``d`` that it describes, or None. With ``salient``, when no one
    fits, the person named last within the window before ``d`` whom nothing contradicts (a
    description is elegant variation for the person just talked about: "Kwame Achebe-Moor, who
    runs a café, sent photos. The 40-year-old said ..."). ``gender`` is what the description's
    clause says of it ("... vowed to take his campaign on"), when its own words say nothing.
    Without ``own_words``, the description's own words describe no one it follows (a subject's
    window otherwise reaches them: "Ada Morn said so. But the former mayor added"). With
    ``shared``, a plural of the noun before names counts too (see _called_word). With
    ``by_head``, only someone the article called by the head noun fits: a party or age word
    alone does not ("the state's Republican party leader" is no Republican activist)."""
    fallback: tuple[tuple[bool, int], PersonCluster] | None = None
    best: tuple[int, int] | None = None
    best_c: PersonCluster | None = None
    gender = description_gender(d) or gender
    for c in ix.clusters:
        if c.actor is None or not c.seen or c.seen[0] >= d.start:
            continue
        if gender is not None and c.gender is not None and c.gender != gender:
            continue
        if any(p.lower().rstrip("s") in _PARTY or p.lower() in _PARTY for p in c.name.split()):
            continue  # "Lakeland Liberals" taken for a PERSON is the party, not a member of it
        if possessed_name(c):
            continue  # the show a person appeared on: the description's words right after it fit no one
        skip = None if own_words else (d.start, d.end)
        near, words, parties, ages = _profile(ix, c, d.start, skip=skip, after_object=d.start)
        if d.party is not None and d.party not in parties and not (salient and not parties):
            continue
        if d.age is not None and d.age not in ages and not (salient and not ages):
            continue
        last_pos = max(p for p in c.seen if p < d.start)
        # Salience counts the narrative's mentions only: a name inside a quote is a topic.
        told = [p for p in c.seen if p < d.start and not ix.in_quote(p)]
        # The subject talked about beats a nearer object ("Sanders met Pope Francis on
        # Saturday. The Democratic presidential candidate said ..."), then recency. A speaker's
        # role mention resolved to ``c`` ("The congressman said ...") is such a subject.
        spoken = _last_spoken_role(ix, c, d.start)
        if told and told[-1] > spoken:
            key = (_is_subject_at(ix, told[-1]), told[-1])
        else:
            key = (True, spoken) if spoken >= 0 else (False, -1)
            told = [*told, spoken] if spoken >= 0 else told
        if (
            salient
            and told
            and d.start - told[-1] <= _SALIENT_WINDOW
            and (fallback is None or key > fallback[0])
            and surely_a_person(c)
            and not names_a_thing(ix, c)
            and not staff_only(c, d)
        ):
            fallback = (key, c)
        if (d.party is not None and d.party not in parties) or (d.age is not None and d.age not in ages):
            continue
        if by_head and not (d.words and _called_word(d.words[-1], near, shared)):
            continue
        if d.party is None and d.age is None and not (d.words and _called_word(d.words[-1], near, shared)):
            continue  # a plain noun ("the economist") must be what the article called them
        if d.party is None and d.age is None and deputy_only(c, d.words[-1]):
            continue  # "the governor" is no "Lieutenant Governor X", whose title holds the word
        hits = sum(1 for w in d.words if _called_word(w, words, shared) and w not in _PARTY)
        score = hits + (2 if d.party else 0) + (2 if d.age else 0)
        if score == 0:
            continue
        key = (score, last_pos)
        if best is None or key > best:
            best, best_c = key, c
    if best_c is None and fallback is not None:
        return fallback[1]
    if best_c is not None and fallback is not None and _topic_over_fit(ix, d, best_c, fallback):
        return fallback[1]
    return best_c


def sentence_before_start(ix: ArticleMentions, char: int) -> int:
    """Where the context of the character at ``char`` starts: its own sentence and the two before
    it (the small model splits "... to chants of “Marco! Marco!,” the senator said" after a
    cheer, and a live blog's time stamp is a sentence of its own)."""
    return previous_sentence_start(ix, char, back=_CONTEXT_SENTENCES)


def _topic_over_fit(
    ix: ArticleMentions, d: Description, fit: PersonCluster, topic: tuple[tuple[bool, int], PersonCluster]
) -> bool:
    """Whether the main subject of the sentences right before ``d`` (``topic``, whom the
    salience fallback found) is whom ``d`` means rather than the person ``fit`` whose words fit
    it, named only further back: "Ted Marran has taken time off to attend a funeral. The
    Corvale presidential candidate plans to be back ..." is Marran, though the article called
    Ada Morn a "presidential candidate" three paragraphs before. News varies the name of whom
    it just talked about; a description fits anyone the article once described so, and nothing
    it said of the subject contradicts it (the salience fallback checked party, age, gender).
    The fitting person named in those sentences too ("Velk had lunch with Ada Morn. The retired
    judge later wrote") keeps the fit."""
    if not d.words:
        return False
    found = topic_before(ix, d.start)
    if found is None or found[0] is not topic[1]:
        return False
    return not named_in_context(ix, fit, sentence_before_start(ix, d.start), d.start, d.words[-1])


def named_in_context(ix: ArticleMentions, c: PersonCluster, start: int, end: int, noun: str) -> bool:
    """Whether the text from ``start`` to ``end`` mentions ``c`` (by any name or resolved role
    noun, or by a surname the small NER model did not tag: "frustration with Obama") or uses
    ``noun`` of anyone ("Kerpen needled the reporter. The reporter has ..."): then a role noun or
    description after it goes on with that, not with the subject."""
    if c.actor is not None and any(a.id == c.actor.id for _, _, a in ix.actors_in(start, end)):
        return True
    text = ix.text[start:end]
    surname = c.name.split()[-1] if c.name else ""
    if surname and re.search(rf"\b{re.escape(surname)}\b", text):
        return True
    return re.search(rf"\b{re.escape(noun)}\b", text.lower()) is not None


def topic_before(ix: ArticleMentions, char: int) -> tuple[PersonCluster, int] | None:
    """The person last named as the main subject of the sentences before the one of ``char``
    (outside quotes), with where; None when no one is. Not in the sentence of ``char`` itself,
    whose subject is someone else than its object ("Kerpen needled the reporter")."""
    context = sentence_before_start(ix, char)
    k = bisect_right(ix.tok_starts(), char) - 1
    char = doccache.sent(ix.doc[k]).start_char if k >= 0 else char
    best: tuple[PersonCluster, int] | None = None
    for c in ix.clusters:
        if c.actor is None:
            continue
        k = bisect_right(c.seen, char - 1) - 1
        while k >= 0 and c.seen[k] >= context:
            p = c.seen[k]
            if not ix.in_quote(p) and _main_subject_at(ix, p):
                if best is None or p > best[1]:
                    best = (c, p)
                break
            k -= 1
    return best


def name_head_at(ix: ArticleMentions, char: int) -> Token | None:
    """The head token of the name mention at ``char`` (the token at ``char`` when no mention
    records one), or None before the first token."""
    k = bisect_right(ix.tok_starts(), char) - 1
    if k < 0:
        return None
    m = ix.mention_for_token(k)
    return ix.doc[m.head] if m is not None and m.head >= 0 else ix.doc[k]


def _main_subject_at(ix: ArticleMentions, char: int) -> bool:
    """Whether the name mention at ``char`` is the subject of its sentence's main verb (or in
    apposition with it): the sentence is about that person, not about whoever it reports on
    ("Velk said Morn would win" is about Velk)."""
    tok = name_head_at(ix, char)
    if tok is None:
        return False
    if tok.dep_ == "appos":
        tok = tok.head
    return tok.dep_ in _SUBJ and tok.head.dep_ == "ROOT"
