"""The antecedent of a relative-pronoun speaker ("X, who said ...").

The quote rules take the noun a relative clause hangs on as its speaker token. The parser often
hangs it on the wrong noun of the phrase before the pronoun, and that noun is then the speaker:

* "one Velorian familiar with the talks, who added": the clause is on "talks", the last noun;
  "who" takes a person, so the speaker is the nearest person-like noun the phrase is built on
  ("Velorian"), climbing out of the prepositional phrases after it;
* "Tessaly Brunn, a Quillon shipping magnate who previously backed": the clause is on the
  description in apposition to a name; the speaker is the person named (not an unknown
  "Quillon shipping magnate");
* "Ilse Dravik says to Oren Matz on camera, who responds": no noun of the phrase is a person;
  the nearest person-like noun before the pronoun in the sentence speaks.

"which"/"that" keep the parser's noun: they take things and bodies as well as people.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from stancewire.nlp import doccache
from stancewire.nlp.attribution.people import human_plural
from stancewire.nlp.attribution.words import COUNT_NOUNS, PERSON_SUFFIXES, QUANTIFIED_PLURAL, SHARE_NOUNS
from stancewire.nlp.doccache import children
from stancewire.nlp.mentions.words import (
    COLLECTIVE_PERSON_NOUNS,
    GROUP_NOUNS,
    PERSON_DESC_NOUNS,
    TITLE_WORDS,
)
from stancewire.nlp.quotes import QuoteCandidate
from stancewire.nlp.quotes.words import REL_PRONOUNS
from stancewire.schemas import ActorKind

if TYPE_CHECKING:
    from stancewire.nlp.attribution.attributor import Attributor

_PERSONAL = frozenset({"who", "whom"})
_PERSONAL_WORDS = _PERSONAL | {"whose"}
# Dependencies a cue verb climbs through to the relative clause it belongs to ("who cooperated
# with the council and called him a pragmatist": "called" is a conjunct of the clause's verb;
# "a group that is devoted to": the cue adjective is the complement of the clause's verb).
_UP = frozenset({"conj", "xcomp", "advcl", "acomp"})
# Modifiers between a noun and the prepositional phrase after it ("familiar with", "close to").
_NOUN_MODS = frozenset({"amod", "acl"})
_MAX_CLIMB = 4
_MAX_BACK = 12  # tokens a "who" may reach back over when the parse gives no personal noun
_THING_ENTS = frozenset(
    {"ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "DATE", "TIME"}
)
# Where a name stands as a phrase of its own (not "Clinton supporter", "Clinton's aide").
_NAME_HEAD_DEPS = frozenset({"pobj", "dobj", "dative", "nsubj", "nsubjpass", "appos", "conj", "attr"})


def clause_relative(att: Attributor, q: QuoteCandidate) -> tuple[Token, Token] | None:
    """The relative clause holding ``q``'s cue and its relative-pronoun subject, climbing from
    the cue through conjuncts and complements ("who came out and endorsed", "who was reluctant
    to", "who has struggled while talking about"), or None."""
    if q.cue_start is None:
        return None
    span = att.doc.char_span(q.cue_start, q.cue_end or q.cue_start + 1, alignment_mode="expand")
    if span is None:
        return None
    t = span.root
    own: Token | None = None  # the cue's own relative pronoun in a second clause ("and who hoped")
    for _ in range(_MAX_CLIMB):
        if t.dep_ == "relcl":
            break
        if t.dep_ not in _UP or t.head.i == t.i:
            return None
        subj = _subject(t)
        if subj is not None and not (t.dep_ == "conj" and subj.lower_ in REL_PRONOUNS):
            return None  # "who came out, and she endorsed": the cue has a subject of its own
        # "X, who threatened to close the port, and who hoped to win": the second clause, with
        # its own "who", is a conjunct of the first and hangs on the same noun.
        own = own or subj
        t = t.head
    if t.dep_ != "relcl":
        return None
    if own is not None:
        # "a mayor who closed the port and who hoped", "an ally whose district backed her but
        # who warned": the first clause's relative word takes a person as "who" does. After
        # "the raid that killed …" a "who" clause was joined to the wrong clause.
        return (t, own) if joined_relative(t, own) else None
    rel = _subject(t)
    if rel is None or rel.lower_ not in REL_PRONOUNS:
        return None
    return t, rel


def _subject(verb: Token) -> Token | None:
    return next((c for c in children(verb) if c.dep_ in ("nsubj", "nsubjpass")), None)


def joined_relative(relcl: Token, rel: Token) -> bool:
    """Whether a clause opened by the relative pronoun ``rel`` and joined to the relative
    clause ``relcl`` is a second relative clause on the same noun: both take a person ("who",
    "whom", "whose") or both a thing."""
    first = _relative_word(relcl)
    return first is not None and (first.lower_ in _PERSONAL_WORDS) == (rel.lower_ in _PERSONAL_WORDS)


def _relative_word(verb: Token) -> Token | None:
    """The relative word that opens the clause ``verb`` heads ("who", "whom", "whose", "that")."""
    words = REL_PRONOUNS | _PERSONAL_WORDS
    return next((t for t in verb.subtree if t.i < verb.i and t.lower_ in words), None)


def relative_host(tok: Token) -> Token | None:
    """The noun the relative clause whose subject is the relative pronoun ``tok`` hangs on,
    through conjoined clauses ("a mayor who closed the port and who hoped …" -> "mayor");
    None when ``tok`` is no such pronoun (a question word, a clause the parser joined to the
    main verb)."""
    if tok.lower_ not in REL_PRONOUNS or tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = tok.head
    for _ in range(_MAX_CLIMB):
        if verb.dep_ == "relcl":
            return verb.head if verb is tok.head or joined_relative(verb, tok) else None
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            break
        verb = verb.head
    return _relative_just_before(tok)


def _relative_just_before(rel: Token) -> Token | None:
    """The noun of the relative clause that ends right before "and who" / ", but who" when the
    parser joined the second clause to the main verb instead ("Ada Morn, whom the council
    appointed in March, and who is now backing Brennel": the clause on "Morn"); None when no
    relative clause taking a person ends there."""
    k = rel.i - 1
    sent_start = doccache.sent(rel).start
    while k > sent_start and (rel.doc[k].dep_ == "cc" or rel.doc[k].is_punct):
        k -= 1
    if k == rel.i - 1:
        return None  # nothing joins the clauses: no second relative clause
    t = rel.doc[k]
    for _ in range(_MAX_CLIMB * 2):
        if t.dep_ == "relcl" and t.i < rel.i:
            return t.head if joined_relative(t, rel) else None
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def relative_pronoun(att: Attributor, tok: Token, q: QuoteCandidate) -> Token | None:
    """The relative pronoun subject of the clause holding ``q``'s cue, when ``tok`` is the noun
    that clause hangs on (else None)."""
    found = clause_relative(att, q)
    if found is None or found[0].head != tok:
        return None
    return found[1]


def is_personal(att: Attributor, t: Token) -> bool:
    """Whether ``t`` can be what "who" refers to: a person's name, a people noun ("voters",
    "a Republican", "the pollster", "one former staffer"), not a thing ("talks", "camera")."""
    cluster = att.m.cluster_for_token(t.i)
    if cluster is not None:
        return True
    m = att.m.mention_for_token(t.i)
    if m is not None:
        return m.actor.kind in (ActorKind.person, ActorKind.group)
    if t.pos_ == "PROPN":
        # A capitalised word no rule made an organisation or place: a name or a demonym.
        return t.ent_type_ not in _THING_ENTS
    if t.pos_ != "NOUN":
        return False
    lemma = t.lemma_.lower()
    if lemma in TITLE_WORDS or lemma in PERSON_DESC_NOUNS or lemma in COLLECTIVE_PERSON_NOUNS:
        return True
    if t.lower_ in GROUP_NOUNS or human_plural(t):
        return True
    # "opponents", "residents", "immigrants" (not "comments", "governments").
    return lemma.endswith(PERSON_SUFFIXES) or (lemma.endswith(("ent", "ant")) and not lemma.endswith("ment"))


def _noun_above(t: Token) -> Token | None:
    """The noun a prepositional phrase object hangs on ("the talks" in "familiar with the talks"
    -> "Velorian"; "party" in "a pollster with the party" -> "pollster"), or None."""
    if t.dep_ != "pobj":
        return None
    h = t.head.head  # the preposition's head
    while h.dep_ in _NOUN_MODS and h.pos_ in ("ADJ", "VERB") and h.head.i != h.i:
        h = h.head
    return h if h.pos_ in ("NOUN", "PROPN", "PRON", "NUM") else None


def _named_above(att: Attributor, t: Token) -> Token:
    """A description in apposition to a person's or organisation's name (or a conjunct of one:
    "a superdelegate and party supporter"), climbed to the name; else ``t``."""
    u = t
    while u.dep_ == "conj" and u.head.pos_ in ("NOUN", "PROPN") and u.head.i != u.i:
        u = u.head
    if u.dep_ != "appos":
        return t
    if att.m.cluster_for_token(u.head.i) is not None:
        return u.head
    named = att.m.mention_for_token(u.head.i)
    if named is not None and named.actor.kind in (ActorKind.organisation, ActorKind.government):
        return u.head  # "Our Principles PAC, a group that is devoted to ...": the organisation
    return t


def _personal_before(att: Attributor, rel: Token) -> Token | None:
    """The nearest noun phrase head before ``rel`` in its sentence that can be a "who" ("Bundy
    says to Santilli on camera, who"; "derision from opponents on the left, who")."""
    for k in range(rel.i - 1, max(doccache.sent(rel).start, rel.i - _MAX_BACK) - 1, -1):
        t = att.doc[k]
        if t.pos_ in ("VERB", "AUX"):
            return None  # the clause before the verb is another phrase ("His behavior has angered X, who")
        if t.dep_ in _NAME_HEAD_DEPS and t.pos_ in ("NOUN", "PROPN") and is_personal(att, t):
            return t
    return None


def relative_antecedent(att: Attributor, tok: Token, q: QuoteCandidate) -> Token:
    """The token that names who speaks when ``tok`` heads a relative clause holding the cue
    (module doc); ``tok`` itself otherwise. The quote rules may hand over the relative pronoun
    itself ("the 30 percent who say", "and who hoped"): it names nobody, the noun its clause
    hangs on does."""
    tok = relative_host(tok) or tok
    rel = relative_pronoun(att, tok, q)
    if rel is None:
        return tok
    # A collective noun counts people only with them after it ("a group of homeowners who");
    # "a group that is devoted to …" in apposition to a named PAC is that PAC.
    counted = tok.lower_ == "number" or (
        tok.lower_ in COUNT_NOUNS and any(c.dep_ == "prep" and c.lower_ == "of" for c in children(tok))
    )
    if tok.lemma_.lower() in SHARE_NOUNS or tok.lower_ in QUANTIFIED_PLURAL or counted or tok.like_num:
        # "the 30 percent of voters who said", "double the number who said": a share or count
        # of people, named by its phrase (no person named before it).
        return tok
    t = _named_above(att, tok)
    if t is not tok or rel.lower_ not in _PERSONAL:
        return t
    for _ in range(_MAX_CLIMB):
        if is_personal(att, t):
            return _named_above(att, t)
        above = _noun_above(t)
        if above is None:
            break
        t = above
    return _personal_before(att, rel) or tok
