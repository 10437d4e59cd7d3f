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
from stancewire.nlp.attribution.words import ENTOURAGE_NOUNS, HE, PEOPLE_NOUNS, PERSON_SUFFIXES, SHE
from stancewire.nlp.doccache import children
from stancewire.nlp.mentions.descriptions import noun_gender
from stancewire.nlp.mentions.words import (
    COLLECTIVE_PERSON_NOUNS,
    GROUP_NOUNS,
    ORG_ROLE_NOUNS,
    PERSON_DESC_NOUNS,
    TITLE_WORDS,
    person_noun_plural,
)
from stancewire.nlp.quotes import QuoteCandidate
from stancewire.schemas import ActorKind, ActorRef, MentionKind, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from stancewire.nlp.attribution.attributor import Attributor


def sentence_pronouns(att: Attributor, q: QuoteCandidate, sp: Speaker) -> None:
    """Record each "he"/"she" subject of the cue's sentence outside the speaker's own words as
    a mention of the person ``sp`` (module doc), unless another person who could be it is named
    there."""
    sent = _cue_sentence(att, q, sp)
    if sent is None:
        return
    want = att.m.gender_of(sp.id)
    others = _other_people(att, sent, sp.id)
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
        att.marked = sorted((s.start, s.end) for s in doccache.quote_spans(att.doc))
    i = bisect_right(att.marked, (char, len(att.text) + 1)) - 1
    return i >= 0 and att.marked[i][0] <= char < att.marked[i][1]


# The possessive pronouns of a person, and whose gender each names.
_POSSESSIVE_GENDER = {"his": "m", "her": "f"}


def sentence_possessives(att: Attributor, q: QuoteCandidate, sp: Speaker) -> None:
    """Record each "his"/"her" possessor of the cue's sentence outside quotation marks as a
    mention of the person ``sp``, unless another person who could be it is named there.

    "Tolvey struck a chord with his attacks on the levy", "Tolvey, the former mayor, has
    struggled before, and his inability to answer ... appeared costly": the possessor of a
    nominal report ("his attacks on", "his unwillingness to") is who makes it, and in the
    speaker's own sentence it is the speaker, as a "he" subject is (``sentence_pronouns``).
    The reported clause of an indirect quote counts ("struck a chord with his attacks on"):
    it is narration. Words in quotation marks do not: a "his" there is someone talked about.
    """
    sent = _cue_sentence(att, q, sp)
    if sent is None:
        return
    want = att.m.gender_of(sp.id)
    others: set[str] | None = None  # the other people named in the sentence, read on first need
    actor = ActorRef(id=sp.id, name=sp.name, kind=sp.kind)
    for t in doccache.span_tokens(sent):
        g = _POSSESSIVE_GENDER.get(t.lower_)
        if g is None or t.dep_ != "poss" or (want is not None and g != want):
            continue
        if _in_marks(att, t.idx) or att.m.mention_for_token(t.i) is not None:
            continue
        if _names_people(t.head):
            continue  # "her friends have mocked", "his aides said": others, who may speak
        if not _clause_subject_is(att, t, sp.id):
            continue  # "Kade said the mayor should drop his plan": the mayor's plan
        if others is None:
            others = _other_people(att, sent, sp.id)
        if any(att.m.gender_of(o) in (g, None) for o in others):
            continue  # someone else in the sentence could be "his"
        att.m.add(t.idx, t.idx + len(t.text), actor, MentionKind.pronoun, t.i)


def _cue_sentence(att: Attributor, q: QuoteCandidate, sp: Speaker) -> Span | None:
    """The sentence of ``q``'s cue when its speaker ``sp`` is a person, else None."""
    if sp.kind != ActorKind.person or q.cue_start is None:
        return None
    k = bisect_right(att.m.tok_starts(), q.cue_start) - 1
    return doccache.sent(att.doc[k]) if k >= 0 else None


def _clause_subject_is(att: Attributor, poss: Token, speaker_id: str) -> bool:
    """Whether the nearest subject of a clause over ``poss`` is a mention of ``speaker_id``, or
    no clause over it has a subject outside the phrase ``poss`` is in. A possessive is bound
    by the subject of its clause first ("Morn surged on her platform"); a subject the speaker
    is not ("the mayor should drop his plan") is a nearer antecedent than the speaker."""
    prev, head = poss, poss.head
    while head.i != prev.i:
        subj = next((c for c in children(head) if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.i != prev.i:
            m = att.m.mention_for_token(subj.i)
            return m is not None and m.actor.id == speaker_id
        prev, head = head, head.head
    return True


def _other_people(att: Attributor, sent: Span, speaker_id: str) -> set[str]:
    """The ids of the people other than ``speaker_id`` mentioned in ``sent``."""
    return {
        m.actor.id
        for m in att.m.person_mentions_before(sent.end_char, window=sent.end_char - sent.start_char)
        if m.start >= sent.start_char and m.actor.id != speaker_id
    }


def _names_people(noun: Token) -> bool:
    """Whether ``noun`` names people or a body ("friends", "husband", "aides", "team",
    "government"): a possessive before such a noun marks whose people they are, and the people
    themselves are the ones who speak or act in the sentence ("Her liberal friends have mocked
    ...", "said his government would ask")."""
    low, lemma = noun.lower_, noun.lemma_.lower()
    if noun_gender(low) is not None or person_noun_plural(noun.text, noun.lemma_) is not None:
        return True
    if low.endswith(PERSON_SUFFIXES):
        return True
    return any(w in s for w in (low, lemma) for s in _PEOPLE_LISTS)


# Nouns for people, for the bodies that speak for one person, and for organisations.
_PEOPLE_LISTS = (
    PEOPLE_NOUNS,
    ENTOURAGE_NOUNS,
    ORG_ROLE_NOUNS,
    TITLE_WORDS,
    COLLECTIVE_PERSON_NOUNS,
    PERSON_DESC_NOUNS,
    GROUP_NOUNS,
)
