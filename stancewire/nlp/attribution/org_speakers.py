"""Organisation speakers the generic rules misname: a body a named person owns ("Morn's agency"),
a government named with its seat ("the government in Tarsk") and an outlet whose name is a
demonym ("The Vaskian").

Its own module so that ``speakers`` (which holds the person-role rules) only calls into it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stancewire.nlp.attribution.speaker_build import actor_speaker, entourage_actor
from stancewire.nlp.attribution.words import OWNED_BODY_NOUNS
from stancewire.nlp.doccache import children
from stancewire.nlp.mentions.names import org_words, without_possessive
from stancewire.nlp.mentions.org_descriptions import seated_government
from stancewire.nlp.mentions.words import PRESS_NOUNS
from stancewire.nlp.registry import normalise
from stancewire.schemas import ActorKind, ActorRef, MentionKind, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Token

    from stancewire.nlp.attribution.attributor import Attributor
    from stancewire.nlp.mentions import PersonCluster


def owned_body_speaker(att: Attributor, tok: Token) -> Speaker | None:
    """ "Morn's agency declined to comment", "Morn's organization has argued": a body owned by a
    person the article names is that person's body: the one she was introduced with ("Ada Morn,
    the president of the Dorvan Institute"), else the one organisation carrying her name ("the
    Morn Foundation"), else one named after her, as campaigns and teams are. Never the
    organisation the article mentions most (a party, a legislature), which the generic
    description rule would pick."""
    if tok.lemma_.lower() not in OWNED_BODY_NOUNS or tok.tag_ != "NN":
        return None
    owner = _person_owner(att, tok)
    if owner is None or owner.actor is None:
        return None
    body = _body_of(att, owner) or entourage_actor(owner.actor.name, tok.lemma_.lower())
    a, b = _phrase_span(tok)
    return actor_speaker(body, att.text[a:b], a, b, MentionKind.organisation, owner.actor.name)


def seated_government_speaker(att: Attributor, tok: Token) -> Speaker | None:
    """ "the government in Tarsk has denied ...": the government of the place named with it,
    which the description rules (reading only the words before the noun) would make the
    government the article mentions most."""
    gov = seated_government(att.m, tok.idx, tok.lemma_.lower())
    if gov is None:
        return None
    a, b = _phrase_span(tok)
    return actor_speaker(gov, att.text[a:b], a, b, MentionKind.organisation)


def _phrase_span(tok: Token) -> tuple[int, int]:
    """The characters from the phrase's first word (its determiner or possessor) to ``tok``."""
    return tok.left_edge.idx, tok.idx + len(tok.text)


def _person_owner(att: Attributor, tok: Token) -> PersonCluster | None:
    """The named person in the possessive before ``tok`` ("Morn's"), if the article names one
    so. Pronoun owners ("her agency") are left to the rules that resolve pronouns."""
    for c in children(tok):
        if c.i > tok.i or c.dep_ != "poss" or not c.text[:1].isupper():
            continue
        cluster = att.m.cluster_for_token(c.i) or att.m.cluster_by_part(normalise(without_possessive(c.text)))
        if cluster is not None and cluster.actor is not None and cluster.actor.kind == ActorKind.person:
            return cluster
    return None


def _body_of(att: Attributor, owner: PersonCluster) -> ActorRef | None:
    """An organisation of the article that is ``owner``'s: the one her affiliation names, else
    the only one whose name carries her surname (with two, "Morn Labs" and "the Morn
    Foundation", the phrase does not say which)."""
    affiliation = _bare_name(owner.affiliation or "")
    surname = owner.key.split()[-1:]
    carrying: dict[str, ActorRef] = {}
    for m in att.m.orgs:
        a = m.actor
        if a.kind != ActorKind.organisation:
            continue
        if affiliation and affiliation in (_bare_name(a.name), _bare_name(att.text[m.start : m.end])):
            return a
        if surname and surname[0] in org_words(normalise(a.name)):
            carrying[a.id] = a
    return next(iter(carrying.values())) if len(carrying) == 1 else None


def _bare_name(name: str) -> str:
    """A body's name without its article: "the Dorvan Institute" is "dorvan institute"."""
    return normalise(name).removeprefix("the ").strip()


def press_title(tok: Token) -> bool:
    """Whether a demonym-like name under "the" is an outlet's title: "the Vaskian, a Dorvan
    newspaper," (a press noun in apposition), or "According to The Vaskian" (a capitalised "The"
    inside a sentence starts a title; "the Vaskian said" describes a person)."""
    det = next((c for c in children(tok) if c.dep_ == "det" and c.i < tok.i), None)
    if det is None or det.lower_ != "the":
        return False
    if any(c.dep_ == "appos" and c.lemma_.lower() in PRESS_NOUNS for c in children(tok)):
        return True
    prev = tok.doc[det.i - 1] if det.i > 0 else None
    return (
        det.text == "The"
        and not det.is_sent_start
        and prev is not None
        and prev.is_alpha
        and prev.text.islower()
    )


def body_name(phrase: str) -> str:
    """The name of a body named by its phrase ("the nationalist Harrow Times tabloid"): from its
    first capitalised word, since a leading description ("nationalist") is no part of the name
    and would make one outlet two actors."""
    words = phrase.split()
    while len(words) > 1 and not words[0][:1].isupper():
        words.pop(0)
    return " ".join(words)
