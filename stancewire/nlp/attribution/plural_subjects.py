"""Whom "they" continues when it is people: the plural subject just before it.

* a plural group made the main subject of one of the two sentences before ("Union leaders met
  on Tuesday. They said ...");
* the same, in the same sentence, when "they" opens a subordinate clause ("Senate Velorians
  blocked the bill because they said ...");
* several people or organisations named together as that subject ("Ada Velk and Tomas
  Brekke met the mayor. They were especially hard on him ..."), a group named by its phrase;
  also when "along with" or "together with" joins them ("Ada Velk, along with Tomas Brekke,
  wrote ...");
* a capitalised plural that is no name of the article ("The Brandts", "Velorians"), or a
  family the article named ("The Velks", whom the NER takes for a person "Velks");
* a named person together with people a plural noun describes ("Ada Velk and several
  harbour pilots");
* people named as the subject of an adverbial clause opening "they"'s own sentence ("While Velk
  and Brekke inspected the silos, they ..."), and, through an earlier "they" no quote resolved
  that heads the sentence, whom that one continues;
* people a subject that is no plural noun stands for: a quantifier or count noun ("Several of
  the delegates walked out", "A group of Velk supporters met"), or singular nouns for people
  joined by "and" ("Velk's father and mother married ... when they were young"), or a share
  of people ("40 percent of the pilots", "About 4 in 10 say they", "the proportion of voters
  saying they want ...");
* not the subject of a sentence "they" only comments on ("Velk, they said, ordered them to
  wait": the people before).

The search stops at a subject that is one named person or organisation (a newer topic).

The same joined names as a cue's own subject ("Ada Velk and Tomas Brekke said") are one group
speaker too (:func:`joint_speaker`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from spacy.tokens import Token

from stancewire.nlp import doccache
from stancewire.nlp.attribution.patterns import SPEAKER_WINDOW
from stancewire.nlp.attribution.people import human_plural, speaking_noun
from stancewire.nlp.attribution.quantified import out_of, quantified_speaker
from stancewire.nlp.attribution.speaker_build import actor_speaker
from stancewire.nlp.attribution.words import SHARE_NOUNS
from stancewire.nlp.doccache import children
from stancewire.nlp.mentions.descriptions import noun_gender
from stancewire.nlp.quotes import QuoteCandidate
from stancewire.nlp.registry import slugify
from stancewire.schemas import ActorKind, ActorRef, MentionKind, Speaker

if TYPE_CHECKING:
    from stancewire.nlp.attribution.attributor import Attributor

_SUBJ = ("nsubj", "nsubjpass")
_STOP = object()  # a singular named subject: the search ends there
# Quantifiers that count no one: never whom a later "they" is ("None of the candidates is
# pushing for it. Mostly, they ...": the candidates, not "none of" them).
_NO_ONE = frozenset({"nobody", "none"})
# A person's pronoun may open a pair of speakers ("She and Tomas Brekke both condemned it").
_ONE_PERSON = frozenset({"he", "she"})
# A quantifier floated after the people it counts ("Velk and Brekke both said"), and how the
# parser may hang those people on it.
_FLOATING = frozenset({"both", "all"})
_HUNG = frozenset({"nmod", "npadvmod", "compound", "appos"})


class PluralSubject(NamedTuple):
    """A group "they" refers to and the phrase that names it (``start``..``end``): the phrase is
    the group's antecedent, a mention of it (see pronouns.group_antecedent)."""

    actor: ActorRef
    start: int
    end: int


def plural_subject(att: Attributor, tok: Token, q: QuoteCandidate, depth: int = 0) -> PluralSubject | None:
    """The people "they" (``tok``) refers to, as a group speaker and its phrase, or None."""
    for subj in subjects_before(att, tok):
        if subj.lower_ == "they" and att.m.mention_for_token(subj.i) is None:
            # "While Velk and Brekke inspected the silos, they grew uneasy, they wrote later": an
            # earlier "they" carries the same people on; whom it refers to is whom this one does.
            if depth >= 2:
                return None
            return plural_subject(att, subj, q, depth + 1)
        hit = _people(att, subj, q)
        if hit is _STOP:
            return None
        if hit is not None:
            return hit  # type: ignore[return-value]
    return None


def subjects_before(att: Attributor, tok: Token) -> Iterator[Token]:
    """Main-clause subjects, nearest first: the noun a participle hangs on when "they" opens
    what it says; of ``tok``'s own sentence when "they" opens a subordinate clause (then its
    object, when the subject is no people and the object a plural of people) but not a
    reporting aside; then of the two sentences before (within the speaker window)."""
    sent = doccache.sent(tok)
    sayer = _participle_sayer(tok)
    if sayer is not None:
        yield sayer
    if tok.head.i != sent.root.i and not _aside(tok, sent.root):
        subj = next((c for c in children(sent.root) if c.dep_ in _SUBJ and c.i < tok.i), None)
        if subj is None:
            subj = _share_hung_on_verb(sent.root, tok)
        if subj is not None:
            yield subj
            # "The draft budget alarms ferry captains, since they expect ...": a thing subject,
            # so the people the clause is about are whom it affects (read after the subject, so
            # a plural subject of people still comes first).
            yield from (
                c for c in children(sent.root) if c.dep_ == "dobj" and c.i < tok.i and human_plural(c)
            )
    yield from _opening_clause_subjects(att, sent.root, tok)
    if tok.head.i != sent.root.i:
        # "As Velk and Brekke toured the coast, they were recognized": the clause "they"
        # heads has its own opening clause.
        yield from _opening_clause_subjects(att, tok.head, tok)
    else:
        # "..., they were recognized by voters, they said": a "they" heading the reported
        # clause before the reporting verb is the same people (a noun there, "the crowds were
        # bigger, they said", is what they report on, not who they are).
        yield from (
            c
            for clause in children(tok.head)
            if clause.dep_ == "ccomp" and clause.right_edge.i < tok.i
            for c in children(clause)
            if c.dep_ in _SUBJ and c.lower_ == "they"
        )
    start = sent.start
    for _ in range(2):
        if start == 0:
            return
        prev = doccache.sent(att.m.toks[start - 1])
        if tok.idx - prev.start_char > SPEAKER_WINDOW:
            return
        yield from (c for c in children(prev.root) if c.dep_ in _SUBJ)
        start = prev.start


def _aside(tok: Token, root: Token) -> bool:
    """Whether "they" is the subject of a reporting aside set in the sentence ("Velk, they
    said, ordered them to wait"): the sentence's subject is whom they report on, never who
    they are."""
    return tok.dep_ in _SUBJ and tok.head.dep_ == "parataxis" and tok.head.head.i == root.i


def _participle_sayer(tok: Token) -> Token | None:
    """The noun a participle hangs on when "they" opens what it says ("the proportion of voters
    saying they want ...", "riders saying they fear ..."): who says it, whatever the clause
    around it is about; else None."""
    clause = tok.head
    if tok.dep_ not in _SUBJ or clause.dep_ != "ccomp":
        return None
    verb = clause.head
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or verb.head.pos_ != "NOUN" or verb.head.i > verb.i:
        return None
    return verb.head


def _share_hung_on_verb(verb: Token, tok: Token) -> Token | None:
    """A share of people the parser hung on the verb as a number though it is its subject
    ("About 4 in 10 say they want ...": "10" a nummod of "say", "4 in" before it), else None."""
    shares = (c for c in children(verb) if c.dep_ == "nummod" and c.like_num and out_of(c))
    return next((c for c in shares if c.i < verb.i < tok.i), None)


def _named_person(att: Attributor, t: Token) -> bool:
    """Whether ``t`` heads a person the article names (a cluster, or a person mention)."""
    if att.m.cluster_for_token(t.i) is not None:
        return True
    m = att.m.mention_for_token(t.i)
    return m is not None and m.actor.kind == ActorKind.person


def _named_body(att: Attributor, t: Token) -> bool:
    """Whether ``t`` heads an organisation or government the article names ("the Harbour Board
    and the Pilots' Guild oppose the levy. They said ...": the bodies named together)."""
    m = att.m.mention_for_token(t.i)
    return m is not None and m.actor.kind in (ActorKind.organisation, ActorKind.government)


def _opening_clause_subjects(att: Attributor, root: Token, tok: Token) -> Iterator[Token]:
    """Subjects of adverbial clauses of the main verb that end before ``tok`` and name several
    people together ("While Velk and Brekke inspected the silos, they ..."): whom the sentence
    is about, though not its main subject. A plural noun there ("once the crowds reach the
    quay, they warned") is mostly the scene, not who speaks."""
    for clause in children(root):
        if clause.dep_ != "advcl" or clause.right_edge.i >= tok.i:
            continue
        for c in children(clause):
            together = [c, *c.conjuncts]
            if c.dep_ in _SUBJ and len(together) > 1 and all(_named_person(att, t) for t in together):
                yield c


def _names_hung_before(att: Attributor, c: Token) -> list[Token]:
    """Names the parser hung under the name ``c`` as a modifier though an "and" joins them to it
    ("Candidates Ada Velk and Tomas Brekke": "Velk" an nmod of "Brekke"): the first of the pair,
    not a conjunct."""
    return [
        t
        for t in children(c)
        if t.dep_ in ("nmod", "compound")
        and t.i < c.i
        and any(x.dep_ == "cc" and x.lower_ in ("and", "&") for x in children(t))
        and _named_person(att, t)
    ]


def _named_pair_in_apposition(att: Attributor, c: Token) -> Token | None:
    """The first of several people named in apposition to the plural noun ``c`` ("Democratic
    candidates Ada Velk and Tomas Brekke", "candidates" their head), else None."""
    if c.tag_ != "NNS":
        return None
    return next(
        (
            a
            for a in children(c)
            if a.dep_ == "appos" and _named_person(att, a) and (a.conjuncts or _names_hung_before(att, a))
        ),
        None,
    )


def _companions(att: Attributor, c: Token) -> list[Token]:
    """People joined to the name ``c`` by "along with" or "together with" ("Ada Velk, along
    with Tomas Brekke and two pilots, wrote ..."): the sentence's subject is all of them, so a
    "they" after it is those people. A plain "with" is no such join ("Velk, with the harbour
    board, said": whom she works for). The parser hangs the phrase on the name or on the verb;
    on the verb, only between the subject and the verb counts ("met the mayor along with ..."
    is whom she met him with, after the fact)."""
    out: list[Token] = []
    verb = c.head
    joined = [*children(c), *(p for p in children(verb) if c.i < p.i < verb.i)] if c.dep_ in _SUBJ else []
    for p in joined:
        if p.dep_ != "prep":
            continue
        if p.lower_ == "along":
            p = next((w for w in children(p) if w.dep_ == "prep" and w.lower_ == "with"), p)
        elif not (p.lower_ == "with" and any(a.lower_ == "together" for a in children(p))):
            continue
        if p.lower_ != "with":
            continue
        for o in children(p):
            if o.dep_ == "pobj" and (_named_person(att, o) or human_plural(o)):
                out += [o, *(t for t in o.conjuncts if _named_person(att, t) or human_plural(t))]
    return out


def joint_speaker(att: Attributor, c: Token) -> Speaker | None:
    """The group a cue's subject names when it joins several people ("Ada
    Velk and Tomas Brekke said", "She and harbour master Tomas Brekke both condemned",
    "brothers Ivo and Tomas Brekke were talking about"), named by the phrase that joins them;
    None for one speaker. All of them say it, so the first alone is not the speaker (PolNeAR
    dev: the first name, a floating "both" or a later noun took such quotes)."""
    if c.dep_ not in _SUBJ:
        return None
    if c.lower_ in _FLOATING:
        # "He and Brekke both condemned": the parser may make the quantifier the subject and
        # hang the joined names on it; they, not "both", are who speaks.
        c = next((t for t in children(c) if t.i < c.i and t.dep_ in _HUNG), c)
    # People only: governments and organisations named together each act for themselves, and
    # the stance and event coders give each its own evidence ("Harwen and Sarvonia urged ...").
    first = c.lower_ in _ONE_PERSON or _named_person(att, c)
    together = [c, *c.conjuncts, *_names_hung_before(att, c)]
    if not first or len(together) < 2 or not _joined_by_and(together) or _one_name(att, together):
        return None
    if not all(_named_person(att, t) for t in together if t.i != c.i):
        return None
    last = max(together, key=lambda t: t.i)
    start = min(c.left_edge.i, *(t.left_edge.i for t in together))
    while start < c.i and att.m.toks[start].is_punct:
        start += 1  # a quotation mark the parser hung on the subject is no part of its name
    # The last name's whole mention ("harbour master Tomas Brekke"), not its head.
    m = att.m.mention_for_token(last.i)
    a, b = att.m.toks[start].idx, max(last.idx + len(last.text), m.end if m is not None else 0)
    group = _phrase_group(att, a, b)
    return actor_speaker(group.actor, att.text[a:b], a, b, MentionKind.name)


def _joined_by_and(together: list[Token]) -> bool:
    """Whether an "and" (or "&") joins the names: a bare comma is often the parser's join of a
    name the quote ends on to the one that says it ("... to, now, Cruz, Wilkin said")."""
    return any(x.dep_ == "cc" and x.lower_ in ("and", "&") for t in together for x in children(t))


def _one_name(att: Attributor, together: list[Token]) -> bool:
    """Whether two of the joined words lie in one mention: an "and" inside one recorded name
    ("the Brisca Fire and Rescue Service", a pair of given names the index took as one name)
    joins no speakers."""
    spans = [(m.start, m.end) for t in together if (m := att.m.mention_for_token(t.i)) is not None]
    return len(set(spans)) < len(spans)


def _people(att: Attributor, c: Token, q: QuoteCandidate) -> PluralSubject | object | None:
    """The group subject ``c`` heads, ``_STOP`` for one named person or organisation, else None."""
    family = att.from_token(c, q) if c.pos_ == "PROPN" and c.lower_.endswith("s") else None
    if family is not None and family.kind == ActorKind.group and family.mention_start is not None:
        # "The Velks closed the bar since they ...": a family of a person the article named.
        return _group(family)
    pair = _named_pair_in_apposition(att, c)
    if pair is not None:
        # "Candidates Ada Velk and Tomas Brekke did respond": the people the plural noun names.
        c = pair
    named = att.m.mention_for_token(c.i) is not None or att.m.cluster_for_token(c.i) is not None
    if named:
        together = [c, *c.conjuncts, *_names_hung_before(att, c), *_companions(att, c)]
        if len(together) > 1 and all(
            _named_person(att, t) or _named_body(att, t) or (t.i > c.i and human_plural(t)) for t in together
        ):
            # "Ada Velk and Tomas Brekke", "Ada Velk and several harbour pilots": the people named
            # (or described) together.
            last = max(together, key=lambda t: t.i)
            a, b = c.left_edge.idx, last.idx + len(last.text)
            phrase = att.text[a:b]
            return PluralSubject(
                ActorRef(id=f"group:{slugify(phrase)}", name=phrase, kind=ActorKind.group), a, b
            )
        return _STOP
    plural_name = c.pos_ == "PROPN" and (
        c.tag_ == "NNPS" or (c.ent_type_ == "NORP" and c.lower_.endswith("s"))
    )
    if not (human_plural(c) or plural_name):
        return _people_without_plural(att, c, q)
    sp = att.from_token(c, q)
    if sp is None or sp.kind != ActorKind.group or sp.mention_start is None:
        return _STOP
    return _group(sp)


def _people_without_plural(att: Attributor, c: Token, q: QuoteCandidate) -> PluralSubject | None:
    """The people a subject stands for though its head is no plural noun for people: a
    quantifier or count noun ("Several of the delegates", "A group of Velk supporters", "an
    army of volunteers"; see quantified.py), or singular nouns for people joined by "and" ("Mr.
    Velk's father and mother", "the mayor and her deputy"). A later "they" is those people, not
    an older group that spoke (PolNeAR dev: "they" went to the previous paragraph's speakers).
    A collective noun ("the family", "the majority") stays out: on dev it took a "their" from
    the names the clause itself joins."""
    if c.lower_ in _NO_ONE or any(d.dep_ == "det" and d.lower_ == "no" for d in children(c)):
        return None  # "Nobody hates the tax more than the unions. They ...": the unions
    sp = quantified_speaker(att, c)
    if sp is not None:
        return _group(sp) if sp.kind == ActorKind.group else None
    share = _share_of_people(att, c, q)
    if share is not None:
        return share
    return _joined_people(att, c)


def _share_of_people(att: Attributor, c: Token, q: QuoteCandidate) -> PluralSubject | None:
    """A share of people as a group: "40 percent of the pilots", "the proportion of voters" (a
    plural after "of"; a later "they" is those people, "The proportion of voters saying they
    want ..." the voters who say it), or a share counted with no "of" ("30 percent oppose
    it"). Not "the majority of the levy" (a share of a thing), nor an uncounted "the majority"
    (a collective noun, see above). The group is the one the speaker rules make of the share
    when they name it by its whole opening ("About 40 percent", who may have spoken: the same
    id), else the phrase up to the people ("The proportion of voters")."""
    if c.lemma_.lower() not in SHARE_NOUNS and c.lower_ not in SHARE_NOUNS:
        return None
    of = [g for p in children(c) if p.dep_ == "prep" and p.lower_ == "of" for g in children(p)]
    people = [g for g in of if g.dep_ == "pobj" and g.tag_ in ("NNS", "NNPS")]
    if people:
        last = people[0]
    elif of or not any(n.dep_ == "nummod" and n.like_num for n in children(c)):
        return None
    else:
        last = c
    a = c.left_edge.idx
    sp = att.from_token(c, q)
    if sp is not None and sp.kind == ActorKind.group and sp.mention_start == a:
        return _group(sp)
    return _phrase_group(att, a, last.idx + len(last.text))


def _joined_people(att: Attributor, c: Token) -> PluralSubject | None:
    """Singular nouns for people joined by "and" as one subject ("Mr. Velk's father and
    mother"), as a group named by the phrase; None for anything else ("the levy and the toll",
    one person noun)."""
    together = [c, *c.conjuncts]
    if len(together) < 2 or not all(t.tag_ == "NN" and _person_noun(t) for t in together):
        return None
    return _phrase_group(att, c.left_edge.idx, together[-1].idx + len(together[-1].text))


def _phrase_group(att: Attributor, a: int, b: int) -> PluralSubject:
    """The group the text from ``a`` to ``b`` names, with that phrase as its mention."""
    phrase = att.text[a:b]
    return PluralSubject(ActorRef(id=f"group:{slugify(phrase)}", name=phrase, kind=ActorKind.group), a, b)


def _person_noun(t: Token) -> bool:
    """A singular noun for one person: a title or description ("mayor", "deputy") or a word
    with a gender ("father", "wife")."""
    return speaking_noun(t) or noun_gender(t.lemma_.lower()) is not None


def _group(sp: Speaker) -> PluralSubject:
    """A group speaker the subject resolved to, with the mention it was resolved from."""
    start = sp.mention_start if sp.mention_start is not None else 0
    end = sp.mention_end if sp.mention_end is not None else start + len(sp.name)
    return PluralSubject(ActorRef(id=sp.id, name=sp.name, kind=sp.kind), start, end)
