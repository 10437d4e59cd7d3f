"""A speaker token or span resolved to a canonical ``Speaker`` (name, organisation, role, group)."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from stancewire.nlp import doccache
from stancewire.nlp.attribution.anaphora import anaphor_speaker
from stancewire.nlp.attribution.candidates import rank
from stancewire.nlp.attribution.org_speakers import (
    body_name,
    owned_body_speaker,
    press_title,
    seated_government_speaker,
)
from stancewire.nlp.attribution.patterns import JOINERS, SPEAKER_WINDOW
from stancewire.nlp.attribution.pronouns import pronoun
from stancewire.nlp.attribution.quantified import quantified_speaker
from stancewire.nlp.attribution.speaker_build import actor_speaker, entourage_actor
from stancewire.nlp.attribution.tokens import np_bounds
from stancewire.nlp.attribution.words import (
    ANAPHORIC_TEXTS,
    ENTOURAGE_NOUNS,
    FIRST,
    HE,
    ISSUED_TEXTS,
    IT,
    SHARE_NOUNS,
    SHE,
    THEY,
)
from stancewire.nlp.cues import DOCUMENT_NOUNS, is_speech_verb
from stancewire.nlp.doccache import children
from stancewire.nlp.mentions import PersonCluster
from stancewire.nlp.mentions.body_names import body_shaped
from stancewire.nlp.mentions.descriptions import (
    INTERLOCUTORS,
    anyone_noun,
    asker_for_office,
    description_of,
    is_person_description,
    is_person_noun,
    noun_gender,
    other_party,
    party_of_words,
    profile_words,
    resolve_description,
    surely_a_person,
)
from stancewire.nlp.mentions.headlines import headline_name_words
from stancewire.nlp.mentions.name_ends import CALENDAR, glued_tail
from stancewire.nlp.mentions.names import PLACE_RE, gender_of_word, given_names, org_words, without_possessive
from stancewire.nlp.mentions.outlets import press_noun
from stancewire.nlp.mentions.person_spans import referred_to_as_it
from stancewire.nlp.mentions.role_nouns import office_held_by_other
from stancewire.nlp.mentions.titles import FORMER
from stancewire.nlp.mentions.words import (
    COLLECTIVE_PERSON_NOUNS,
    GROUP_NOUNS,
    MULTI_TITLES,
    ORG_ROLE_NOUNS,
    ORG_WORDS,
    PERSON_DESC_NOUNS,
    PRESS_NOUNS,
    TITLE_WORDS,
    person_noun_plural,
)
from stancewire.nlp.quotes import QuoteCandidate
from stancewire.nlp.quotes.syntax import mistagged_name
from stancewire.nlp.quotes.words import POLL_NOUNS
from stancewire.nlp.registry import normalise, person_id, slugify
from stancewire.schemas import ActorKind, ActorRef, MentionKind, Speaker

if TYPE_CHECKING:
    from stancewire.nlp.attribution.attributor import Attributor


def from_token(att: Attributor, tok: Token, q: QuoteCandidate) -> Speaker | None:
    """The speaker a token names (:func:`token_speaker`), unless that is an actor made of a bare
    capitalised office: "the Premier" is whoever holds the office, not a body or a person named
    "Premier" (the NER often tags the office ORG or PERSON)."""
    text_tok, tok = tok, speaking_token(att, tok)
    sp = token_speaker(att, tok, q)
    if sp is None and tok.dep_ == "poss" and tok.head.i == text_tok.i:
        # "according to its Amazon summary": a possessor that resolves to no one (the book's)
        # leaves the text itself as the source, not nobody.
        tok = text_tok
        sp = token_speaker(att, tok, q)
    if sp is None or sp.kind not in (ActorKind.person, ActorKind.organisation):
        return sp
    office = capitalised_office(att, tok)
    if office is None or sp.id.split(":", 1)[1] != slugify(att.text[office[0] : office[1]]):
        return sp
    # The article's holder of the office, as for "the mayor".
    return held_role_speaker(att, att.m.resolve_role(tok)) or described_or_unknown(att, tok, *office)


def held_role_speaker(att: Attributor, held: tuple[ActorRef, tuple[int, int]] | None) -> Speaker | None:
    """The speaker of a role noun the mention index resolved (``resolve_role`` and its kin give
    the holder and the span of the words that named the role), or None when it did not."""
    if held is None:
        return None
    actor, (a, b) = held
    return actor_speaker(actor, att.text[a:b], a, b, MentionKind.role)


def token_speaker(att: Attributor, tok: Token, q: QuoteCandidate) -> Speaker | None:
    """The speaker a token names, in order of trust: a pronoun, a person cluster, a resolved
    mention, a role noun (the article's holder, then the registry's), else its phrase."""
    lower = tok.lower_
    if lower in CALENDAR and tok.pos_ == "PROPN" and att.m.mention_for_token(tok.i) is None:
        return None  # "an official said Wednesday": the parser's subject; a weekday never speaks
    # "Morn was the first official to say …", "he was the first one to say …": the subject.
    predicated = predicated_speaker(att, tok, q)
    if predicated is not None:
        return predicated
    quant = quantified_speaker(att, tok)  # "several said", "three in 10 said": no antecedent
    if quant is not None:
        return quant
    if tok.pos_ == "PRON" or lower in HE | SHE | THEY | IT | FIRST:
        return pronoun(att, tok, q)
    headline = headline_noun_speaker(att, tok)
    if headline is not None:
        return headline
    if (tok.pos_ == "PROPN" or tok.lower_ in ("year", "old")) and not press_title(tok):
        # "the Harrow Republican" is often tagged a PERSON: a party or age description is no name.
        # An outlet's title is no description though it is a party word ("the Independent, a
        # Dorvan newspaper,"): the press noun in apposition names what it is.
        hard = description_speaker(att, tok, hard_only=True)
        if hard is not None:
            return hard
    family = family_speaker(att, tok) or capitalised_plural_noun(att, tok)
    if family is not None:
        return family
    cluster = att.m.cluster_for_token(tok.i)
    mention = att.m.mention_for_token(tok.i)
    if (
        mention is not None
        and mention.kind == MentionKind.organisation
        and tok.is_lower
        and tok.pos_ == "NOUN"
    ):
        # A lower-case person noun the NER tagged ORG ("the soft-spoken agronomist").
        desc = description_speaker(att, tok, person_only=True)
        if desc is not None:
            return desc
    if mention is None or mention.actor.kind == ActorKind.unknown:
        # "“…,” the editorial read": a press noun the index took for a text speaks for its outlet.
        outlet = press_outlet_speaker(att, tok)
        if outlet is not None:
            return outlet
    if mention is not None and people_of_a_country(att, tok, mention.start, mention.end, mention.actor.kind):
        # "Some Germans said", "Americans believe", "a Corvenian said": people, not the state.
        if plural_proper(att, tok):
            return phrase_speaker(att, tok)
        return described_or_unknown(att, tok, tok.idx, tok.idx + len(tok.text))
    if cluster is not None and cluster.actor is not None:
        return person_speaker(
            att,
            cluster,
            mention.start if mention else tok.idx,
            mention.end if mention else tok.idx + len(tok.text),
        )
    if mention is not None:
        return actor_speaker(
            mention.actor,
            att.text[mention.start : mention.end],
            mention.start,
            mention.end,
            mention.kind,
            mention.affiliation,
        )
    entourage = (
        entourage_speaker(att, tok) or owned_body_speaker(att, tok) or seated_government_speaker(att, tok)
    )
    if entourage is not None:
        return entourage
    anaphor = anaphor_speaker(att, tok, q)
    if anaphor is not None:
        return anaphor
    lemma = tok.lemma_.lower()
    relation = named_relation_speaker(att, tok, lemma)
    if relation is not None:
        return relation
    if official_office(att, tok, lemma):
        return office_speaker(att, tok)
    if (
        lemma in TITLE_WORDS or lemma in ORG_ROLE_NOUNS or lemma == "side" or press_noun(tok) is not None
    ) and not new_body(tok, lemma):
        held = held_role_speaker(att, att.m.resolve_role(tok))
        if held is not None:
            return held
    sp = guessed_role_speaker(att, tok, lemma)
    # The article's holder by an abbreviated title, when the guess found no one, is a role fact
    # of its own as above (the ranker knows no such titles).
    held = abbreviated_holder(att, tok) if sp is None or sp.kind == ActorKind.unknown else None
    if held is not None:
        sp = held
    elif rankable_role(att, tok, lemma):
        sp = ranked_role_speaker(att, tok, sp)
    if sp is None or sp.kind == ActorKind.unknown:
        # No one named before holds the role: the lede may name its holder just after.
        return lede_holder_speaker(att, tok) or next_sentence_holder(att, tok) or sp
    return sp


# Verbs whose subject the noun after them is: "Morn was the first official to say", "Velk
# became the only senator who voted no".
_COPULAS = frozenset({"be", "become"})
# Subjects that point at what follows rather than at someone ("It was the mayor who said").
_EMPTY_SUBJECTS = frozenset({"it", "this", "that", "there", "what", "which"})


def predicated_noun(tok: Token) -> Token | None:
    """The copula whose predicate noun ``tok`` is: "the first official" in "Morn was the first
    official to say". Not "one of two women who declared": the clause is the women's, of whom
    the subject is only one."""
    if tok.pos_ != "NOUN" and tok.lower_ != "one":  # "he was the first one to say"
        return None
    if tok.dep_ != "attr" or tok.head.lemma_.lower() not in _COPULAS:
        return None
    return tok.head


def predicated_speaker(att: Attributor, tok: Token, q: QuoteCandidate) -> Speaker | None:
    """ "Mayor Ada Morn was the first official to say the plan would fail": a noun predicated
    of the copula's subject is that subject, whoever the noun alone would refer back to (the
    official named before). The predicate stays the mention; a subject that resolves to no
    known actor leaves the noun to the rules below."""
    cop = predicated_noun(tok)
    if cop is None:
        return None
    subj = next((c for c in children(cop) if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ in _EMPTY_SUBJECTS:
        return None
    sp = token_speaker(att, subj, q)
    if sp is None or sp.kind == ActorKind.unknown:
        return None
    if sp.kind != ActorKind.person and not person_headed(tok, tok.lemma_.lower()):
        # "Velk's campaign was late to see the local contests that decided …": a thing
        # predicated of a body is no speaker, nor the body by another name.
        return None
    a, b = np_bounds(att, tok)
    mention = {"mention": att.text[a:b], "mention_start": a, "mention_end": b}
    return sp.model_copy(update={**mention, "mention_kind": MentionKind.role})


def abbreviated_holder(att: Attributor, tok: Token) -> Speaker | None:
    """ "Gov. Ada Morn toured the valley. [...] The governor said ...": a definite role noun that
    nothing else resolved is the person named before with that office's abbreviated title."""
    if tok.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in children(tok)):
        return None
    return held_role_speaker(att, att.m.resolve_abbreviated_role(tok))


# Determiners that introduce a body the article has not named yet ("an outside group", "some
# groups"): such a phrase refers back to no organisation.
_NEW_BODY_DETS = frozenset({"a", "an", "another", "some", "one", "any", "several", "many", "other"})


def family_speaker(att: Attributor, tok: Token) -> Speaker | None:
    """ "The Velks said", "the Brasks declined": the plural of a surname the article gave a person
    is that family, a group (the NER makes it a person "Velks" or an organisation)."""
    if not tok.text[:1].isupper() or not tok.lower_.endswith("s") or len(tok.text) < 4:
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in children(tok)):
        return None
    stem = normalise(tok.text[:-1])
    if party_of_words([stem]) is not None:
        return None  # "the Greens", "the Liberals": a party, whoever is named Green
    family = att.m.cluster_by_part(stem)
    if family is None or family.actor is None or normalise(family.name).split()[-1] != stem:
        return None  # the singular must be the surname of someone the article named
    a, b = tok.left_edge.idx, tok.idx + len(tok.text)
    family_group = ActorRef(id=f"group:{slugify(tok.text)}", name=tok.text, kind=ActorKind.group)
    return actor_speaker(family_group, att.text[a:b], a, b, MentionKind.role)


def capitalised_plural_noun(att: Attributor, tok: Token) -> Speaker | None:
    """ "Aides said", "Attorneys argued", "Latino Republicans say": a capitalised plural of a
    person, party or body noun (sentence-initial, or in a name-like run) is a group, though the
    NER made it a person "Aides" or an organisation "Advisers"."""
    if not tok.text[:1].isupper() or not tok.lower_.endswith("s") or tok.tag_ not in ("NNS", "NNPS", "NNP"):
        return None
    # (a proper noun's lemma is the word itself: "Republicans")
    singular = tok.lemma_.lower() if tok.lemma_.lower() != tok.lower_ else tok.lower_[:-1]
    party = party_of_words([singular]) is not None
    if not party and person_noun_plural(tok.text, tok.lemma_) is None:
        return None
    cluster = att.m.cluster_for_token(tok.i)
    mention = att.m.mention_for_token(tok.i)
    named = tok.text
    if cluster is not None:
        named = cluster.name
    elif mention is not None:
        named = att.text[mention.start : mention.end]
    words = normalise(named).split()
    if not words or words[-1] != tok.lower_ or (len(words) > 1 and not party):
        # A name ending in a plural-looking word: a person ("Dottie Deans", "Tomas Judges") or
        # an organisation ("Halvany State Railways").
        return None
    if att.m.cluster_by_part(tok.lower_) not in (None, cluster):
        return None  # a surname that looks plural ("Judges") of someone the article named
    _, a, b = phrase_bounds(att, tok)
    phrase = att.text[a:b]
    group = ActorRef(id=f"group:{slugify(phrase)}", name=phrase, kind=ActorKind.group)
    return actor_speaker(group, phrase, a, b, MentionKind.role)


def people_of_a_country(att: Attributor, tok: Token, a: int, b: int, kind: ActorKind) -> bool:
    """Whether a demonym the registry resolved to a government (the mention ``a``..``b``) names
    people of that country rather than its government: a plural with no "the" ("Americans
    believe", "some Germans said", "all Central Americans") or a singular someone introduces ("a
    German said"). "The Russians said" (diplomatic shorthand for the government) and a country's
    name ("the United States") stay the government."""
    if kind != ActorKind.government or tok.ent_type_ != "NORP":
        return False
    span = att.doc.char_span(a, b, alignment_mode="expand")
    if span is None or any(t.ent_type_ != "NORP" for t in span):
        return False  # the mention is more than the demonym
    dets = [c.lower_ for c in children(tok) if c.dep_ in ("det", "predet", "amod", "nummod", "quantmod")]
    if tok.tag_ == "NNPS" or (tok.lower_.endswith("s") and tok.lower_ != tok.lemma_.lower()):
        return "the" not in dets
    return any(d in _NEW_BODY_DETS for d in dets)


def official_office(att: Attributor, tok: Token, lemma: str) -> bool:
    """Whether ``tok`` is a body noun owned by an office holder named by title only ("the
    coroner's office", "the Dorvan County Sheriff's Office", "the attorney general's office"):
    a body named in place, which refers back to no organisation of the article (the most
    mentioned one was picked: a legislature for a county coroner's office)."""
    if lemma not in ORG_ROLE_NOUNS or lemma in TITLE_WORDS:
        return False
    poss = next((c for c in children(tok) if c.dep_ == "poss"), None)
    return (
        poss is not None
        and poss.lemma_.lower() in TITLE_WORDS
        and att.m.mention_for_token(poss.i) is None
        and att.m.cluster_for_token(poss.i) is None
    )


def office_speaker(att: Attributor, tok: Token) -> Speaker:
    """The office ``official_office`` found, named by its phrase without the determiner."""
    _, a, b = phrase_bounds(att, tok)
    det = tok.left_edge
    ma = det.idx if det.i < tok.i and det.pos_ == "DET" else a
    name = att.text[a:b]
    office = ActorRef(id=f"org:{slugify(name)}", name=name, kind=ActorKind.organisation)
    return actor_speaker(office, att.text[ma:b], ma, b, MentionKind.organisation)


def new_body(tok: Token, lemma: str) -> bool:
    """Whether ``tok`` is an organisation noun that introduces bodies rather than refers back to
    one: a plural ("Velorian groups", "civil rights groups") or an indefinite ("a group of
    fishermen", "an outside group"). Only a definite singular ("the group") is resolved to an
    organisation named before; these are named by their phrase (group or unknown actors)."""
    if lemma not in ORG_ROLE_NOUNS or lemma in TITLE_WORDS:
        return False
    if tok.tag_ == "NNS" and tok.lower_ != lemma:
        return True  # an inflected plural; "police" (plural in form only) is one body
    return any(c.dep_ == "det" and c.lower_ in _NEW_BODY_DETS for c in children(tok))


def guessed_role_speaker(att: Attributor, tok: Token, lemma: str) -> Speaker | None:
    """The rules' guess for a role noun or description no role fact resolves: the person just
    talked about, a described person, else the phrase itself."""
    same = repeated_description(att, tok)
    if same is not None:
        return same
    if lemma in TITLE_WORDS and tok.pos_ == "NOUN":
        fb = role_fallback(att, tok)
        if fb is not None:
            return fb
    desc = description_speaker(att, tok)
    if desc is not None:
        return desc
    lede = headline_role_speaker(att, tok, lemma)
    if lede is not None:
        return lede
    # Groups and unresolved role nouns: named by their phrase ("US officials", "the minister").
    if tok.pos_ in ("NOUN", "PROPN"):
        return phrase_speaker(att, tok)
    if mistagged_name(tok) and tok.dep_ not in ("amod", "compound"):
        # "said Skelly" (tagged an adverb): a name the tagger and the NER both missed.
        return proper_noun_speaker(att, tok, tok.idx, tok.idx + len(tok.text))
    if mistagged_text(tok):
        # "The Orvane counterproposal argued" (tagged an adverb), "“…,” the editorial read" (an
        # adjective before "read" taken for a noun): the text speaks, named by its phrase.
        return phrase_speaker(att, tok)
    if tok.like_url or tok.tag_ == "ADD":
        # "A statement posted on the website Dorvexa.com said": the parser makes the untagged web
        # address the subject; the site speaks, as the organisation that runs it.
        site = ActorRef(id=f"org:{slugify(tok.text)}", name=tok.text, kind=ActorKind.organisation)
        return actor_speaker(site, tok.text, tok.idx, tok.idx + len(tok.text), MentionKind.organisation)
    return None


def press_outlet_speaker(att: Attributor, tok: Token) -> Speaker | None:
    """The outlet a definite press noun stands for ("the paper", "the editorial", "the news
    outlet"): the one the article named last that fits it (see ``outlets``), or None."""
    if press_noun(tok) is None:
        return None
    return held_role_speaker(att, att.m.resolve_role(tok))


def mistagged_text(tok: Token) -> bool:
    """A lower-case word for a text (a statement, a proposal, an editorial) that the tagger made
    an adverb, adjective or foreign word where the quote rules read it as the speaker."""
    word = tok.lower_  # (a mistagged word's lemma is the word itself)
    return (
        tok.pos_ in ("ADJ", "ADV", "X")
        and tok.is_lower
        and (word in ISSUED_TEXTS or word in ANAPHORIC_TEXTS or word in DOCUMENT_NOUNS)
    )


def repeated_description(att: Attributor, tok: Token) -> Speaker | None:
    """ "The prime minister's spokesman said … “…,” the spokesman said": a bare "the" + noun
    repeating the head of the unnamed speaker just before is that speaker again, not the person
    named last (the rules' fallback)."""
    last = att.last
    if last is None or tok.tag_ != "NN":
        return None
    deps = {c.dep_: c for c in children(tok)}
    if "det" not in deps or deps["det"].lower_ != "the" or "poss" in deps:
        return None
    if {"amod", "compound", "prep"} & deps.keys():
        return None  # "the other spokesman", "the spokesman for the club": maybe someone else
    sp = last.speaker
    if sp.kind != ActorKind.unknown or not sp.mention or tok.idx - last.end > SPEAKER_WINDOW:
        return None
    if sp.mention.lower().split()[-1] != tok.lower_:
        return None
    a, b = np_bounds(att, tok)
    return actor_speaker(sp, att.text[a:b], a, b, MentionKind.role)


# How far back a possessed person noun looks for the same noun with its name.
_RELATION_WINDOW = 2000


def named_relation_speaker(att: Attributor, tok: Token, lemma: str) -> Speaker | None:
    """ "his sister told the paper" after "his sister Ana Velk told a paper", "Morn's spokeswoman
    said" after "Morn's spokeswoman, Ada Brask,": a possessed person noun repeats the same noun
    with the same possessor that a name stood in apposition to before (the nearest such, within
    a few paragraphs: a list of several families gives each "his sister" of their own)."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN":
        return None
    poss = next((c for c in children(tok) if c.dep_ == "poss"), None)
    if poss is None:
        return None
    owner = without_possessive(poss.text).lower()
    toks = att.m.toks
    i = tok.i - 1
    while i >= 0 and tok.idx - toks[i].idx <= _RELATION_WINDOW:
        t = toks[i]
        i -= 1
        if t.pos_ != "NOUN" or t.lemma_.lower() != lemma:
            continue
        p = next((c for c in children(t) if c.dep_ == "poss"), None)
        if p is None or without_possessive(p.text).lower() != owner:
            continue
        for c in children(t):
            cl = att.m.cluster_for_token(c.i) if c.dep_ == "appos" else None
            if cl is not None and cl.actor is not None:
                a, b = np_bounds(att, tok)
                return person_speaker(att, cl, a, b, MentionKind.role)
    return None


# How far into the body a headline's role noun looks for the person it stands for.
_LEDE_SENTENCES = 3
_LEDE_CHARS = 1200


def headline_role_speaker(att: Attributor, tok: Token, lemma: str) -> Speaker | None:
    """ "Ex-mayor says dam is safe", "Departing Harrow boss says ...": a headline's bare
    singular person noun (no determiner, headline style) stands for the person the lede reports
    speaking, the first person named as the subject of a main reporting verb (or in apposition
    to it) in the first sentences of the body ("Tomas Velk, the departing boss, said ...", "...,
    Ada Morn told reporters", "The director, Ada Morn, argued ..."); a lede that only sets the
    scene names no one for it."""
    end = _headline_end(att.text)
    if end < 0 or tok.idx >= end or tok.pos_ != "NOUN" or tok.tag_ != "NN":
        return None
    if any(c.dep_ in ("det", "poss") for c in children(tok)):
        return None  # "A senator says", "His aide says": someone the headline leaves unnamed
    if lemma not in TITLE_WORDS and lemma not in PERSON_DESC_NOUNS:
        return None
    gender = gender_of_word(tok.lower_)
    for sent in lede_sentences(att):
        # (the lede tells who says what the headline sums up)
        for c in reporting_subjects(att, sent):
            if not (gender and c.gender and c.gender != gender):
                a, b = np_bounds(att, tok)
                return person_speaker(att, c, a, b, MentionKind.role)
    return None


def headline_noun_speaker(att: Attributor, tok: Token) -> Speaker | None:
    """ "Republican Seeks New Harrow Inquiry", "Justice vows to be more careful", "This Big-Name
    Senator Backed Velk": a headline capitalises its words (title case all, a line its first),
    so the tagger and the NER take an office, person or party noun heading the subject there
    for a name ("person:republican"). It is a role noun: the person the lede reports speaking
    (headline_role_speaker's lede), else a description left unresolved. A word the body also
    uses as (part of) a name ("Justice Ada Morn" is no one; "Ivo Justice" is) stays a name."""
    end = _headline_end(att.text)
    if end < 0 or tok.idx >= end or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
        return None
    lower = tok.lower_
    if not (lower in TITLE_WORDS or lower in PERSON_DESC_NOUNS or party_noun(lower)):
        return None
    if tok.tag_ == "NNPS" or (lower.endswith("s") and not lower.endswith("ss")):
        return None  # "Republicans Ask ...", "Democrats Should ...": a group, no one the lede names
    nxt = att.doc[tok.i + 1] if tok.i + 1 < len(att.doc) else None
    if nxt is not None and att.m.cluster_for_token(nxt.i) is not None:
        return None  # "Senator Velk Says": a title before a name
    cluster = att.m.cluster_for_token(tok.i)
    if cluster is not None and any(p >= end for p in cluster.seen):
        return None  # a name the body repeats
    if cluster is not None and full_name_ends_with(cluster, tok):
        return None  # "Dana Judge wins; Judge says": the surname of a person named in full
    det = next((c for c in children(tok) if c.dep_ in ("det", "poss")), None)
    a, b = np_bounds(att, tok)
    if det is None or det.lower_ in ("the", "this", "that"):
        lede = lede_speaker(att, lower, a, b)
        if lede is not None:
            return lede
    phrase = att.text[a:b]
    unknown = ActorRef(id=f"unknown:{slugify(phrase)}", name=phrase, kind=ActorKind.unknown)
    return actor_speaker(unknown, phrase, a, b, MentionKind.role)


def full_name_ends_with(cluster: PersonCluster, tok: Token) -> bool:
    """Whether ``tok`` is the surname of ``cluster``, a person the article names in full."""
    parts = cluster.key.split()
    return len(parts) > 1 and parts[-1] == normalise(tok.text)


def lede_speaker(att: Attributor, noun: str, a: int, b: int) -> Speaker | None:
    """The person the lede reports speaking, for a headline's role noun ``noun`` at [a, b) (of a
    gender that does not contradict the noun's)."""
    gender = gender_of_word(noun)
    for sent in lede_sentences(att):
        for c in reporting_subjects(att, sent):
            if not (gender and c.gender and c.gender != gender):
                return person_speaker(att, c, a, b, MentionKind.role)
    return None


def reporting_subjects(att: Attributor, sent: Span) -> list[PersonCluster]:
    """The people a sentence reports speaking: the named subject of its main reporting verb, or
    a name in apposition to that subject ("Tomas Velk, the departing boss, said", "The director,
    Ada Morn, argued"); none when the main verb is no reporting verb or is quoted."""
    root = sent.root
    if att.m.in_quote(root.idx) or not _reports(root):
        return []
    out: list[PersonCluster] = []
    for subj in (c for c in children(root) if c.dep_ in ("nsubj", "nsubjpass")):
        for t in (subj, *(c for c in children(subj) if c.dep_ == "appos")):
            c = att.m.cluster_for_token(t.i)
            if c is not None and c.actor is not None:
                out.append(c)
    return out


def _reports(verb: Token) -> bool:
    """Whether a main verb reports speech, itself or by the participle clause it heads ("Lina
    Brask emailed supporters, telling them ...": the emailer is the one reporting)."""
    if is_speech_verb(verb.lemma_.lower()):
        return True
    return any(
        c.dep_ in ("advcl", "xcomp") and c.tag_ == "VBG" and is_speech_verb(c.lemma_.lower())
        for c in children(verb)
    )


def lede_sentences(att: Attributor) -> list[Span]:
    """The first sentences of the body after the headline (at most ``_LEDE_SENTENCES`` within
    ``_LEDE_CHARS``), leaving out the headline's own sentence (the parser may run it over the
    line break) and section labels ("SUMMARY.", a one-line heading), which have no verb."""
    end = _headline_end(att.text)
    if end < 0:
        return []
    out: list[Span] = []
    i = bisect_left(doccache.token_starts(att.doc), end)
    while len(out) < _LEDE_SENTENCES and i < len(att.doc) and att.doc[i].idx - end <= _LEDE_CHARS:
        sent = doccache.sent(att.doc[i])
        i = sent.end
        if sent.start_char >= end and sent.root.pos_ in ("VERB", "AUX"):
            out.append(sent)
    return out


# How many sentences after a lede's description may name its holder.
_HOLDER_SENTENCES = 2
# Words by a later name that make it a second holder of the role, not the one described.
_OTHER_WORDS = frozenset({"another", "other", "second", "fellow"})
# Military ranks: a grade, not a post, so no job that competes with the role noun ("the deputy
# head of the Harrow delegation said ... . Rear Admiral Tomas Velk told ...").
_RANKS = frozenset(
    {"admiral", "brigadier", "colonel", "commodore", "corporal", "general", "lieutenant", "major", "sergeant"}
)


def _definite_person_noun(tok: Token) -> str | None:
    """The lemma of a singular person noun under "the" or a possessor ("the campaign manager",
    "Kade's aide", "the ex-wife of Ivo Kade"), else None: anyone-nouns ("the woman") and
    indefinites ("an official") introduce someone the article may never name; a right-hand man
    or woman ("Morn's right-hand woman") is a post, not anyone."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN":
        return None
    lemma = tok.lemma_.lower()
    if not is_person_noun(lemma):
        return None
    if anyone_noun(lemma) and not any(c.dep_ == "compound" and c.lower_ == "hand" for c in children(tok)):
        return None
    det = next((c for t in _determined_tokens(tok) for c in children(t) if c.dep_ in ("det", "poss")), None)
    if det is None or (det.dep_ == "det" and det.lower_ != "the"):
        return None
    return lemma


def _determined_tokens(tok: Token) -> list[Token]:
    """The noun and, for an "ex-" noun ("the ex-wife"), the "ex" the parser splits off and hangs
    the determiner on ("the ex" "-" "wife", each a subject of the verb)."""
    i = tok.i
    if i >= 2 and tok.doc[i - 1].text == "-" and tok.doc[i - 2].lower_ == "ex":
        return [tok, tok.doc[i - 2]]
    return [tok]


def lede_holder_speaker(att: Attributor, tok: Token) -> Speaker | None:
    """ "The head of the Harrow rules committee has accused the party's leaders of a breach of
    trust. [...] Rules committee chairman Tomas Velk wrote ...", "As Ada Morn began her tour,
    her son said ... . Ivo Morn, son of the candidate, told ...": a lede often gives a person's
    role first and their name in the next sentences. A definite or possessed person noun in the
    lede that no one named before holds is the first person named (outside quotes) in the next
    two sentences whom the article describes there with the same noun, or with two words of the
    body or place the role belongs to ("rules committee"), and not as another holder ("Tomas
    Brask, another official,"). Anyone-nouns ("the woman") and indefinites ("an official")
    introduce someone the article may never name."""
    lemma = _definite_person_noun(tok)
    if lemma is None:
        return None
    sent = doccache.sent(tok)
    if not any(s.start == sent.start for s in lede_sentences(att)):
        return None
    last = sent
    for _ in range(_HOLDER_SENTENCES):
        if last.end >= len(att.doc):
            break
        last = doccache.sent(att.doc[last.end])
    a, b = np_bounds(att, tok)
    scope = own_scope_words(att, tok)
    gender = noun_gender(lemma)
    owner = role_owner(att, tok)
    holder: PersonCluster | None = None
    for c in att.m.clusters:
        if c.actor is None or not c.seen or c is owner or not surely_a_person(c):
            continue
        first = c.seen[0]
        if first <= tok.idx or first >= last.end_char or att.m.in_quote(first):
            continue
        if gender is not None and c.gender is not None and c.gender != gender:
            continue
        if holder is not None and holder.seen[0] < first:
            continue
        words = profile_words(att.m, c, first + 1, skip=(a, b))
        if words & _OTHER_WORDS:
            continue  # "Tomas Brask, another official, disagreed": someone else in that role
        if lemma in words or len(scope & words) >= 2:
            holder = c
    if holder is None and scope and sent.end < len(att.doc) and not _for_a_person(att, tok):
        holder = reporting_newcomer(att, tok, doccache.sent(att.doc[sent.end]), owner)
    return person_speaker(att, holder, a, b, MentionKind.role) if holder is not None else None


def _for_a_person(att: Attributor, tok: Token) -> bool:
    """Whether a role noun is someone's, by a person after "for"/"of" ("the lawyer for a former
    county treasurer", "the wife of a Harrow miner"): the name the next sentence introduces is
    then that person, the client, not the one the role noun stands for. A person named right
    there ("the ex-wife of Ivo Kade") is named already, so no newcomer after is that person."""
    for c in children(tok):
        if c.dep_ == "prep" and c.lower_ in ("for", "of") and c.i > tok.i:
            pobj = next((g for g in children(c) if g.dep_ == "pobj"), None)
            if pobj is None:
                continue
            if is_person_noun(pobj.lemma_.lower()):
                return True
            if pobj.ent_type_ == "PERSON" and att.m.cluster_for_token(pobj.i) is None:
                return True
    return False


def next_sentence_holder(att: Attributor, tok: Token) -> Speaker | None:
    """ "Ivo Kade's campaign manager says he is gratified by the ruling. Tomas Velk, in a
    statement, said ...": past the lede too (a "Latest" item, a new section), a role anchored
    to someone or something named (a possessor or an "of" phrase: "Kade's campaign manager",
    "the deputy head of Vantor's delegation") that no one named before holds is the person the
    very next sentence names for the first time as the one reporting, provided the article
    gives that person no other job there (the role's own noun, or a tie to its anchor, may
    stand by the name: "Lina Brask, vice chairwoman for Morn's campaign,"). An unanchored
    noun ("the official") is someone the article may never name."""
    lemma = _definite_person_noun(tok)
    if lemma is None:
        return None
    scope = own_scope_words(att, tok)
    sent = doccache.sent(tok)
    if not scope or sent.end >= len(att.doc) or _for_a_person(att, tok):
        return None  # (the lawyer "for a former treasurer": the newcomer is the client)
    holder = reporting_newcomer(att, tok, doccache.sent(att.doc[sent.end]), role_owner(att, tok))
    if holder is None:
        return None
    if any(title not in _RANKS for title, _ in holder.roles):  # (a rank alone is no job)
        words = profile_words(att.m, holder, holder.seen[0] + 1)
        if lemma not in words and not scope & words:
            return None  # "Mayor Ada Morn said": someone with a job of her own
    a, b = np_bounds(att, tok)
    return person_speaker(att, holder, a, b, MentionKind.role)


def reporting_newcomer(
    att: Attributor, tok: Token, nxt: Span, owner: PersonCluster | None
) -> PersonCluster | None:
    """ "The head of the Harrow Dockworkers Union is worried about what the plan does to her
    members. In an interview on Monday, Ada Morn said ...": a role of a named body in the lede
    whose holder the very next sentence names for the first time as the one reporting, with no
    gender against it (the noun's own, or a possessive in its clause)."""
    gender = noun_gender(tok.lemma_.lower()) or own_pronoun_gender(att, tok)
    for c in reporting_subjects(att, nxt):
        if c is owner or not c.seen or not nxt.start_char <= c.seen[0] < nxt.end_char:
            continue  # someone named before is no newcomer the role introduced
        if gender is not None and c.gender is not None and c.gender != gender:
            continue
        return c
    return None


def _headline_end(text: str) -> int:
    """Where the headline ends: its first line, with the subtitle line after a title that
    ends in a semicolon ("Harrow shuts two ferry lines;\nFares, official says, must rise")."""
    nl = text.find("\n")
    if nl < 0 or not text[:nl].rstrip().endswith(";"):
        return nl
    nxt = text.find("\n", nl + 1)
    return nxt if nxt >= 0 else len(text)


def rankable_role(att: Attributor, tok: Token, lemma: str) -> bool:
    """A definite singular person noun ("the candidate", "the former chairman", "the
    soft-spoken economist"): where the ranker may decide whom it refers to."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN":
        return False
    if any(lemma in s for s in (ORG_ROLE_NOUNS, GROUP_NOUNS, COLLECTIVE_PERSON_NOUNS, ISSUED_TEXTS)):
        return False
    if lemma in ANAPHORIC_TEXTS or lemma in ENTOURAGE_NOUNS or asking_noun(tok):
        return False  # (whoever asks is someone the article called so, or no one named)
    d = description_of(att.m, tok)
    if d is None:
        return False
    return lemma in TITLE_WORDS or is_person_description(d, lemma)


def ranked_role_speaker(att: Attributor, tok: Token, sp: Speaker | None) -> Speaker | None:
    """The ranker's decision for a role noun (module :mod:`~stancewire.nlp.attribution.candidates`):
    an actor named before it, or the description itself when the null candidate wins."""
    named = sp is not None and sp.kind in (ActorKind.person, ActorKind.organisation, ActorKind.government)
    named = named and sp is not None and not sp.id.startswith(("unknown:", "group:"))
    decided, pick = rank(att, tok, "role", None, sp.id if named and sp is not None else None)
    if not decided:
        return sp
    if pick is None:
        return phrase_speaker(att, tok) if named else sp
    a, b = np_bounds(att, tok)
    return actor_speaker(pick.actor, att.text[a:b], a, b, MentionKind.role, pick.affiliation)


# Channels and pieces that speak for whoever owns or wrote them ("her Twitter account posted",
# "the senator's Facebook page said", "Velk's article argues", "Morn's research suggests"): read
# here only with a possessor, not as issued texts (which the quote rules read too).
_OWN_CHANNELS = frozenset({"account", "profile", "feed", "page", "article", "research", "summary", "blog"})


def speaking_token(att: Attributor, tok: Token) -> Token:
    """The token that names who speaks: the issuer of a text ("the family's statement"), a
    person or organisation in apposition ("the spokesman, Dmitry Peskov,"), else ``tok``."""
    if glued_tail(att.doc, tok.i):
        # "Tomas Harl Sunday told", "Ada Morn (D-Quillon) said": the parser made the weekday or
        # the party tag's state the subject; the person named on its left speaks.
        tag = tok.i >= 4 and att.doc[tok.i - 1].text in ("-", "–")
        left = [*tok.lefts, *(att.doc[tok.i - 4 : tok.i - 3] if tag else [])]
        name = next((c for c in reversed(left) if att.m.cluster_for_token(c.i) is not None), None)
        if name is not None:
            tok = name
    lemma = tok.lemma_.lower()
    if lemma in ISSUED_TEXTS or lemma in _OWN_CHANNELS:
        # "the family's statement said", "the ministry's report found": a written text speaks
        # for its issuer; "her Twitter account posted", "Velk's article argues": an account or
        # a piece speaks for its owner.
        # "his statement said": the pronoun is resolved like any pronoun speaker.
        poss = next(
            (
                c
                for c in children(tok)
                if c.dep_ == "poss" and (c.pos_ in ("NOUN", "PROPN") or c.lower_ in HE | SHE | THEY | IT)
            ),
            None,
        )
        if poss is not None and dated_possessor(att, tok, poss):
            poss = None  # "July's Halden Research poll": a date, not the poll's author
        # "the Rove ad", "the Velk plan": a name compounded with the text is its author too
        # (not with an account: the platform of "the Twitter account" does not own it).
        if lemma in ISSUED_TEXTS:
            poss = poss or next(
                (
                    c
                    for c in children(tok)
                    if c.dep_ == "compound" and c.pos_ == "PROPN" and known_actor(att, c)
                ),
                None,
            )
        if poss is not None:
            tok = poss
    if tok.lemma_.lower() in ISSUED_TEXTS or tok.lower_ in DOCUMENT_NOUNS:
        # "a survey by Halden Research found", "the study by the Lunevar School of Public
        # Health shows": the text speaks for its named author.
        by = next((c for c in children(tok) if c.dep_ == "prep" and c.lower_ == "by"), None)
        author = next((c for c in children(by) if c.dep_ == "pobj"), None) if by is not None else None
        if author is not None and (author.pos_ == "PROPN" or att.m.mention_for_token(author.i) is not None):
            tok = author
    # A subject with an apposition naming a person: "the spokesman, Dmitry Peskov, said". A
    # subject that is a name already keeps it: in "said Teo Brask, a pollster who worked for
    # Morn's rival, then-deputy mayor Ivo Kade" the second name describes the rival.
    own_name = (
        tok.pos_ == "PROPN"
        and tok.lower_ not in TITLE_WORDS  # "Marovia's Maritime Minister, <name>,": a title
        and att.m.cluster_for_token(tok.i) is not None
    )
    for c in () if own_name else children(tok):
        if c.dep_ == "appos" and att.m.cluster_for_token(c.i) is not None:
            tok = c
            break
    else:
        named = described_name(att, tok)
        if named is not None:
            return named
        if tok.pos_ == "NOUN" and att.m.mention_for_token(tok.i) is None:
            # "Her publisher, Brisca House, said" / "The auditors, Halvard & Quist, said": a
            # description with a named organisation in apposition (the parser sometimes makes
            # a comma-separated name a conjunct) speaks as that organisation.
            has_cc = any(c.dep_ == "cc" for c in children(tok))
            for c in children(tok):
                if c.i <= tok.i or not (c.dep_ == "appos" or (c.dep_ == "conj" and not has_cc)):
                    continue
                if c.dep_ == "conj" and att.doc[c.left_edge.i - 1].text != ",":
                    continue
                hit = att.m.mention_for_token(c.i)
                if hit is None and c.pos_ == "NOUN":
                    # "its owner, the Vaskan conglomerate Kestrel Holdings, says": the name
                    # stands in apposition to the apposition's own noun.
                    c = next((g for g in children(c) if g.dep_ == "appos"), c)
                    hit = att.m.mention_for_token(c.i)
                if hit is not None and hit.kind == MentionKind.organisation:
                    tok = c
                    break
    return tok


def dated_possessor(att: Attributor, text: Token, poss: Token) -> bool:
    """Whether the possessor of a text is its date ("Tuesday's statement", "July's Halden
    Research poll"): a weekday or month; "May" only when a named organisation compounded with
    the text is its author ("May's Halden Research poll"; "May's statement" may be a person's)."""
    if poss.lower_ in CALENDAR or poss.ent_type_ in ("DATE", "TIME"):
        return True  # "Tuesday's statement", "last year's FBI statistics"
    return poss.lower_ == "may" and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" and known_actor(att, c) for c in children(text)
    )


def described_name(att: Attributor, tok: Token) -> Token | None:
    """The person a description subject names where the parser did not make the name its
    apposition: after a relative clause ("The editor I was talking to, Tim Varrow, interrupted":
    the name hangs off the clause), or as the last of coordinated titles ("said lobbyist and
    strategist Charlie Brannock": a conjunct). Else None."""
    if tok.pos_ != "NOUN" or att.m.mention_for_token(tok.i) is not None:
        return None
    for c in children(tok):
        if c.dep_ == "relcl":
            for n in children(c):
                if (
                    n.dep_ in ("npadvmod", "appos")
                    and n.i > c.i
                    and att.doc[n.left_edge.i - 1].text == ","
                    and att.m.cluster_for_token(n.i) is not None
                ):
                    return n
        if c.dep_ == "conj" and c.i > tok.i and any(g.dep_ == "cc" for g in children(tok)):
            between = att.doc[tok.i + 1 : c.i]
            # (the second title may have its own modifiers: "former clerk and current radio host X")
            titles = all(is_person_noun(t.lower_) or t.dep_ in ("cc", "compound", "amod") for t in between)
            if titles and att.m.cluster_for_token(c.i) is not None:
                return c
    return displaced_apposition(att, tok) or named_by_clause(att, tok)


# Prepositions that tie a description to the body or place it belongs to ("the chairman of
# the Halden Institute", "his friend at Lindale", "the lawyer for Norwind").
_DESCRIPTION_PREPS = frozenset({"of", "at", "for", "from", "in", "with"})


def displaced_apposition(att: Attributor, tok: Token) -> Token | None:
    """A person's name in apposition to the whole description that the parser hung lower down:
    on the name closing the description's "of"-phrase ("The chairman of the Halden Institute,
    Peter Vask, said": Vask is the chairman, not a second name for the institute) or on a
    second description in apposition ("The other man, his cousin Jonas Verlo, said"). A name
    never stands in apposition to another name, so the person named is the one described."""
    for c in children(tok):
        if c.i < tok.i:
            continue
        if c.dep_ == "prep" and c.lower_ in _DESCRIPTION_PREPS:
            hosts = [p for p in children(c) if p.dep_ == "pobj" and p.pos_ == "PROPN"]
        elif c.dep_ == "appos" and c.pos_ == "NOUN" and att.m.cluster_for_token(c.i) is None:
            hosts = [c]
        else:
            continue
        for host in hosts:
            name = next((a for a in children(host) if a.dep_ == "appos" and a.i > host.i), None)
            if name is not None and _person_after(att, name, host):
                return name
    return None


def _person_after(att: Attributor, tok: Token, host: Token) -> bool:
    """Whether ``tok`` is a person's name that starts right after a comma (or right after a
    description noun: "his cousin Jonas Verlo"), its mention not glued to the words before it
    (the NER's "Lindale, Bruno Kettle" is no person's name)."""
    comma = att.doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
    cl = att.m.cluster_for_token(tok.i)
    m = att.m.mention_for_token(tok.i)
    return (
        comma is not None
        and (comma.text == "," or (comma.i == host.i and host.pos_ == "NOUN"))
        and cl is not None
        and cl.actor is not None
        and cl.actor.kind == ActorKind.person
        and (m is None or m.start > comma.idx)
    )


_NAMING_PARTICIPLES = frozenset({"named", "called", "known"})


def named_by_clause(att: Attributor, tok: Token) -> Token | None:
    """ "The first witness, a waiter at the bar named Haruka Moriyama-Ebbe, said", "a resident
    named Caroline Dunmore said", "the base chief known as Tomas": the name a "named", "called"
    or "known as" clause gives inside the description (the description itself, or its
    apposition) when it names a person."""
    heads = [tok, *(c for c in children(tok) if c.dep_ == "appos" and c.i > tok.i)]
    for h in heads:
        for t in h.subtree:
            if t.dep_ != "acl" or t.lower_ not in _NAMING_PARTICIPLES:
                continue
            name = next((c for c in children(t) if c.dep_ in ("oprd", "dobj", "attr")), None)
            if name is None and t.lower_ == "known":
                # "the base chief known as Tomas": the name is the object of "as".
                as_ = next((c for c in children(t) if c.dep_ == "prep" and c.lower_ == "as"), None)
                name = next((c for c in children(as_) if c.dep_ == "pobj"), None) if as_ is not None else None
            if name is not None and att.m.cluster_for_token(name.i) is not None:
                return name
    return None


def known_actor(att: Attributor, tok: Token) -> bool:
    """Whether ``tok`` is part of a person or organisation the article's mention index knows
    (not a place: "New Hampshire polls" are polls of the state, not by its government)."""
    if att.m.cluster_for_token(tok.i) is not None:
        return True
    m = att.m.mention_for_token(tok.i)
    return m is not None and m.actor.kind in (ActorKind.person, ActorKind.organisation)


def phrase_bounds(att: Attributor, tok: Token) -> tuple[int, int, int]:
    """Where the noun phrase headed by ``tok`` starts (its first token after any determiner)
    and its character span: ``(first token, start char, end char)``."""
    left = tok.left_edge.i
    # Never reach back across a line break (live-blog headings run into the next line).
    for k in range(tok.i - 1, left - 1, -1):
        t = att.doc[k]
        if t.text in JOINERS and not t.whitespace_ and k > 0 and not att.doc[k - 1].whitespace_:
            continue  # "Peregrine-Oake": a hyphen inside a name does not end the phrase
        if "\n" in t.text or t.is_punct:
            left = k + 1
            break
    while left < tok.i and att.doc[left].pos_ in ("DET",):
        left += 1
    a, b = att.doc[left].idx, tok.idx + len(tok.text)
    return left, a, b


def phrase_speaker(att: Attributor, tok: Token) -> Speaker:
    """A noun or name the mention index does not resolve, named by its phrase: an unknown
    country's government, a group ("US officials"), an unresolved role ("the minister")."""
    lemma = tok.lemma_.lower()
    lower = tok.lower_
    left, a, b = phrase_bounds(att, tok)
    phrase = att.text[a:b]
    if tok.pos_ == "PROPN" and left == tok.i and PLACE_RE.search(tok.text):
        # "Kethara said": an unknown country speaking is its government.
        gid = f"gov:{slugify(tok.text)}"
        return Speaker(
            id=gid,
            name=f"Government of {tok.text}",
            kind=ActorKind.government,
            mention=phrase,
            mention_start=a,
            mention_end=b,
            mention_kind=MentionKind.organisation,
        )
    acr = att.m.acronyms.get(phrase) if tok.pos_ == "PROPN" and a > 0 else None
    if acr is not None:
        # "the FTA said" after "the Federal Transit Authority (FTA)", the NER having missed it.
        return actor_speaker(acr, phrase, a, b, MentionKind.organisation)
    if tok.pos_ == "PROPN" and not plural_proper(att, tok):
        return proper_noun_speaker(att, tok, a, b)
    if (
        plural_proper(att, tok)
        or lemma in GROUP_NOUNS
        or tok.tag_ == "NNS"
        or lower in GROUP_NOUNS
        or lemma in COLLECTIVE_PERSON_NOUNS
        or poll_share(tok)
    ):
        return Speaker(
            id=f"group:{slugify(phrase)}",
            name=phrase,
            kind=ActorKind.group,
            mention=phrase,
            mention_start=a,
            mention_end=b,
            mention_kind=MentionKind.role,
        )
    # Unresolved role nouns and descriptions ("the minister", "the weather service"). The
    # mention keeps its determiner; the name does not.
    det = tok.left_edge
    ma = det.idx if det.i < tok.i and det.pos_ == "DET" else a
    kind = ActorKind.organisation if lemma in ORG_ROLE_NOUNS else ActorKind.unknown
    prefix = "org" if named_body(tok, lemma) else "unknown"
    name = body_name(phrase) if prefix == "org" else phrase
    return Speaker(
        id=f"{prefix}:{slugify(name)}",
        name=name,
        kind=kind,
        mention=att.text[ma:b],
        mention_start=ma,
        mention_end=b,
        mention_kind=MentionKind.organisation if kind == ActorKind.organisation else MentionKind.role,
    )


def named_body(tok: Token, lemma: str) -> bool:
    """A body or press noun with a proper name before it that no mention resolved ("BFM TV reported",
    "the Not1More campaign said"): an organisation named by its phrase, not an unknown actor.
    An indefinite one ("a Velk campaign", "some Senate committees") introduces bodies instead."""
    # (a press noun too: "Harrow magazine wrote" names an outlet)
    if (
        lemma not in ORG_ROLE_NOUNS
        and lemma not in ENTOURAGE_NOUNS
        and lemma not in ORG_WORDS
        and lemma not in PRESS_NOUNS
    ):
        return False
    if new_body(tok, lemma) or any(c.dep_ == "det" and c.lower_ in _NEW_BODY_DETS for c in children(tok)):
        return False
    # (the tagger calls an unknown name a common noun: "the Not1More campaign")
    return any(c.dep_ == "compound" and c.i < tok.i and c.text[:1].isupper() for c in children(tok))


def poll_share(tok: Token) -> bool:
    """ "47 percent said", "a majority said", "two-thirds of voters say": a share of a polled
    population is a group of people, not one unknown actor called "47 percent"."""
    if tok.lower_ not in SHARE_NOUNS and tok.lemma_.lower() not in SHARE_NOUNS:
        return False
    # A count, determiner or degree word makes the noun a share ("47 percent", "a majority",
    # "about half"); a bare "percent" or "half" is some other use of the word.
    counted = any(c.dep_ in ("nummod", "det", "quantmod", "amod", "advmod") for c in children(tok))
    # "Half of Velmar Democrats said": a share of a plural population, though uncounted.
    of_people = any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and any(g.dep_ == "pobj" and g.tag_ in ("NNS", "NNPS") for g in children(c))
        for c in children(tok)
    )
    return counted or of_people or (tok.i > 0 and tok.nbor(-1).like_num)


def entourage_speaker(att: Attributor, tok: Token) -> Speaker | None:
    """ "the Cruz campaign said", "Okafor's team said": a body that speaks for one person the
    article names is an organisation of its own, named after that person (not an unknown
    "Cruz campaign", and not the person: what a campaign says is not the candidate's word)."""
    lemma = tok.lemma_.lower()
    if lemma not in ENTOURAGE_NOUNS or not (tok.tag_ == "NN" or _headline_cased_noun(tok)):
        return None
    owner: ActorRef | None = None
    for c in children(tok):
        # A sentence-initial surname may be tagged a common noun ("Marks’ campaign said"); a
        # name before an adjective is an nmod ("the Ada Morn presidential campaign").
        if c.i < tok.i and c.dep_ in _OWNER_DEPS and (c.pos_ == "PROPN" or c.text[:1].isupper()):
            name = normalise(without_possessive(c.text))
            cluster = att.m.cluster_for_token(c.i) or att.m.cluster_by_part(name)
            if cluster is not None and cluster.actor is not None:
                owner = cluster.actor
                break
        elif c.i < tok.i and c.dep_ == "poss" and c.lemma_.lower() in TITLE_WORDS:
            # "The minister's office added": the office of the minister the article named.
            held = att.m.resolve_role(c)
            if held is not None and held[0].kind == ActorKind.person:
                owner = held[0]
                break
    if owner is None:
        return None
    det = tok.left_edge
    a = det.idx if det.i < tok.i else tok.idx
    b = tok.idx + len(tok.text)
    body = entourage_actor(owner.name, lemma)
    return actor_speaker(body, att.text[a:b], a, b, MentionKind.organisation, owner.name)


# Dependencies of a name that owns an entourage noun: "the Morn campaign", "Morn's campaign",
# "the Ada Morn presidential campaign" (the parser makes a name before an adjective an nmod).
_OWNER_DEPS = ("compound", "poss", "nmod")


def _headline_cased_noun(tok: Token) -> bool:
    """ "Ada Morn Campaign Wants A New Chair": a capitalised entourage noun the tagger made a
    proper noun in a title-cased headline; "Campaign" there is still the common noun. Whether a
    name owns it is for the caller (the "Harbor Rights Campaign" has no owner the article names)."""
    title_cased_next = tok.i + 1 < len(tok.doc) and tok.nbor(1).text.istitle()
    return tok.tag_ == "NNP" and tok.text.istitle() and title_cased_next


def plural_proper(att: Attributor, tok: Token) -> bool:
    """A capitalised plural ("Republicans", "many Democrats", "Senate Republicans"): party
    members and demonyms are a group, not an unknown person named "Republicans". A surname
    that looks plural ("Sanders") is a person when the article names someone by it."""
    plural = tok.tag_ == "NNPS" or (tok.ent_type_ == "NORP" and tok.lower_.endswith("s"))
    if tok.pos_ != "PROPN" or not plural:
        return False
    return att.m.cluster_by_part(normalise(tok.text)) is None


def proper_noun_speaker(att: Attributor, tok: Token, a: int, b: int) -> Speaker:
    """A capitalised speaker the mention index does not know: a name the NER missed, a short form
    of an organisation the article named in full, a registry alias, else an unknown person."""
    phrase = att.text[a:b]
    # A name the NER missed: join a cluster by surname, else an unknown person.
    c = att.m.cluster_by_part(normalise(tok.text))
    if c is not None and c.actor is not None:
        return person_speaker(att, c, a, b)
    # Else a short form of an organisation the article named in full ("Peregrine-Oake,
    # the lender, says" after "Peregrine-Oake Bank") that the NER tagged NORP/missed.
    org = att.m.full_org_for(a, org_words(phrase))
    if org is not None and org.kind == ActorKind.organisation:
        return actor_speaker(org, phrase, a, b, MentionKind.organisation)
    reg = att.m.registry.lookup(phrase, at=att.m.at, surname=True)
    if reg is not None and reg.priority > 0:
        return actor_speaker(
            reg,
            phrase,
            a,
            b,
            MentionKind.name if reg.kind == ActorKind.person else MentionKind.organisation,
            reg.affiliation,
        )
    if tok.ent_type_ == "NORP" and press_title(tok):
        # "According to The Vaskian", "the Vaskian, a Dorvan newspaper,": an outlet's title.
        body = ActorRef(id=f"org:{slugify(phrase)}", name=phrase, kind=ActorKind.organisation)
        return actor_speaker(body, phrase, a, b, MentionKind.organisation)
    if tok.ent_type_ == "NORP" and any(c.dep_ == "det" for c in children(tok)):
        # "the Texan said", "another Muslim said": a demonym or party word with a determiner
        # describes someone (named earlier, or not at all); nobody is named "Texan".
        return described_or_unknown(att, tok, a, b)
    if titled_body(att, tok, a, b) or referred_to_as_it(tok):
        # "The Atlantic noted", "the FDIC said": a capitalised name under "the" that the
        # article never gives a person is a body (an outlet, an agency), not a person; so is a
        # name the sentence calls "which" or "it" ("Unifor, which represents …, said it …").
        body = ActorRef(id=f"org:{slugify(phrase)}", name=phrase, kind=ActorKind.organisation)
        return actor_speaker(body, phrase, a, b, MentionKind.organisation)
    if tok.is_lower and tok.pos_ == "PROPN":
        # "The Ontario Nurses' Union local said": a lower-case head the tagger made a proper noun
        # is a common noun; a body it belongs to ("Union" of the named union) speaks for it.
        for c in children(tok):
            m = att.m.mention_for_token(c.i) if c.dep_ == "compound" else None
            if m is not None and m.actor is not None and m.actor.kind == ActorKind.organisation:
                body = att.text[m.start : m.end]
                return actor_speaker(m.actor, body, m.start, m.end, MentionKind.organisation)
    if not any(ch.isupper() for ch in phrase) or common_word_as_name(tok, phrase):
        # A lower-case "proper noun" is the tagger's mistake, never a name: "the billionaire
        # business mogul told People" is a description, "the secretary of state" a role.
        return described_or_unknown(att, tok, a, b)
    if " " in phrase.strip():
        headline = headline_speaker(att, a, b, head=True)
        if isinstance(headline, Speaker):
            return headline
        if headline is False:
            # "Former Halden Pollster Says …", "Medal Of Honor Winner Opens Up …": a headline's
            # role noun, which stands for the person the lede reports speaking.
            lede = lede_speaker(att, tok.lower_, a, b) if tok.lower_ in _HEADLINE_PERSON_NOUNS else None
            return lede or described_or_unknown(att, tok, a, b)
    if org_shaped(phrase):
        # "Halvern Research found", a body's name the NER did not tag: no person's name ends so
        body = ActorRef(id=f"org:{slugify(phrase)}", name=phrase, kind=ActorKind.organisation)
        return actor_speaker(body, phrase, a, b, MentionKind.organisation)
    name = phrase
    return Speaker(
        id=person_id(name),
        name=name,
        kind=ActorKind.person,
        mention=phrase,
        mention_start=a,
        mention_end=b,
        mention_kind=MentionKind.name,
    )


# Person nouns heading a headline's subject that the lede's speaker answers to: offices and
# descriptions, and the kin and trade nouns headlines use for someone the lede names.
_HEADLINE_KIN_AND_TRADES = frozenset({
    "son", "daughter", "wife", "husband", "father", "mother", "brother", "sister",
    "pollster", "winner", "speaker", "strategist", "donor", "insider", "whistleblower",
})  # fmt: skip
_HEADLINE_PERSON_NOUNS = TITLE_WORDS | PERSON_DESC_NOUNS | _HEADLINE_KIN_AND_TRADES


# Common nouns a one-word capitalised speaker is, when it is no name: a headline's "Poll Finds …",
# "Report Reveals …", "Newspaper Says …", a role noun opening a sentence.
_COMMON_SPEAKER_NOUNS = (
    (TITLE_WORDS | PERSON_DESC_NOUNS | COLLECTIVE_PERSON_NOUNS | GROUP_NOUNS | ORG_ROLE_NOUNS | PRESS_NOUNS)
    | DOCUMENT_NOUNS
    | POLL_NOUNS
)


def common_word_as_name(tok: Token, phrase: str) -> bool:
    """A one-word capitalised speaker that is a common noun (a role, a body, a document: "Poll",
    "Newspaper", "Justice") or a place ("a spokesman in Baghdad" misparsed), and no given name:
    nobody is called that. Surnames that are also nouns reach here only when no person in the
    article has that name (the cluster lookup comes first)."""
    if " " in phrase.strip() or tok.lower_ in given_names():
        return False
    if tok.ent_type_ in ("GPE", "LOC"):
        return True
    low, lemma = tok.lower_, tok.lemma_.lower()
    return (
        low in _COMMON_SPEAKER_NOUNS
        or lemma in _COMMON_SPEAKER_NOUNS
        or person_noun_plural(tok.text, lemma) is not None
    )


def capitalised_office(att: Attributor, tok: Token) -> tuple[int, int] | None:
    """The span of "the President", "the Health Minister", "the MP": a capitalised office under
    "the" describes whoever holds it (named earlier, or nobody), though the NER often makes it an
    organisation or a person named "Health Minister". A capitalised "The" inside a sentence
    starts a name instead ("The Economist said")."""
    if tok.lower_ not in TITLE_WORDS:
        return None
    det = next((c for c in children(tok) if c.dep_ == "det" and c.i < tok.i), None)
    if det is None or det.lower_ != "the" or (det.text == "The" and not det.is_sent_start):
        return None
    words = [c for c in children(tok) if c.i < tok.i and c.i > det.i and c.dep_ in ("compound", "amod")]
    if any(not w.text[:1].isupper() or _named_word(att, w, tok) for w in words):
        return None  # "the veteran Senator", "the Morn Senator": not a bare office
    start = min((w.idx for w in words), default=tok.idx)
    return start, tok.idx + len(tok.text)


def _named_word(att: Attributor, w: Token, title: Token) -> bool:
    """``w`` is part of a person's name, not of the office: a cluster that the NER built from
    the office itself ("Health Minister" as a PERSON) does not count."""
    c = att.m.cluster_for_token(w.i)
    return c is not None and c.actor is not None and not c.actor.name.lower().endswith(title.lower_)


def org_shaped(name: str) -> bool:
    """A name of two or more words whose last is an organisation word ("Halvern Research",
    "Brisk Ledger Politics"), as ``org_like_person`` reads the NER's PERSON entities; one that
    opens with a given name is a person's whose surname is such a word ("Lena Media")."""
    words = normalise(name).split()
    if body_shaped(words):
        return True  # "Velmar Watch reported", "Team Okafor says": a watchdog, a campaign
    return len(words) >= 2 and words[-1] in ORG_WORDS and words[0] not in given_names()


def titled_body(att: Attributor, tok: Token, a: int, b: int) -> bool:
    """ "The Atlantic", "the FDIC": the speaker phrase is capitalised words right after "the"."""
    words = att.text[a:b].split()
    if not words or not all(w[:1].isupper() for w in words):
        return False
    det = [c for c in children(tok) if c.dep_ == "det" and c.i < tok.i]
    return bool(det) and det[0].lower_ == "the" and det[0].idx + len(det[0].text) <= a


def described_or_unknown(att: Attributor, tok: Token, a: int, b: int) -> Speaker:
    """The person a description at ``tok`` refers back to, else an unknown actor named by the
    phrase ``a``..``b`` (never a person so named)."""
    desc = description_speaker(att, tok)
    if desc is not None:
        return desc
    phrase = att.text[a:b]
    unknown = ActorRef(id=f"unknown:{slugify(phrase)}", name=phrase, kind=ActorKind.unknown)
    return actor_speaker(unknown, phrase, a, b, MentionKind.role)


def from_span(att: Attributor, a: int, b: int) -> Speaker | None:
    """Colon/dash attributions: a name given as text."""
    text = att.text[a:b]
    if text == "A" and att.first_question is not None:
        return transcript_speaker(att, a, b)
    if " " in text.strip():
        # A headline's label is its clause ("Velk Rebukes Harbour Board:"): the person its name
        # word stands for, before whatever the NER made of the whole.
        headline = headline_speaker(att, a, b)
        if isinstance(headline, Speaker):
            return headline
    actor = att.m.actor_at(a, b)
    if actor is not None:
        for c in att.m.clusters:
            if c.actor is not None and c.actor.id == actor.id:
                return person_speaker(att, c, a, b)
        return actor_speaker(
            actor,
            text,
            a,
            b,
            MentionKind.organisation if actor.kind != ActorKind.person else MentionKind.name,
        )
    parts = normalise(text).split()
    c = att.m.cluster_by_part(parts[-1]) if parts else None
    if c is not None and c.actor is not None:
        return person_speaker(att, c, a, b)
    reg = att.m.registry.lookup(text, at=att.m.at, surname=True)
    if reg is not None and reg.priority > 0:
        return actor_speaker(reg, text, a, b, MentionKind.name, reg.affiliation)
    if " " in text.strip() and headline_name_words(att.text, a, b) == []:
        return None  # a headline's label that names no one the body names
    if org_shaped(text):
        # "Halvern Research: “…”": a body's name as the label, spoken for by the body
        body = ActorRef(id=f"org:{slugify(text)}", name=text, kind=ActorKind.organisation)
        return actor_speaker(body, text, a, b, MentionKind.organisation)
    return Speaker(
        id=person_id(text),
        name=text,
        kind=ActorKind.person,
        mention=text,
        mention_start=a,
        mention_end=b,
        mention_kind=MentionKind.name,
    )


def transcript_speaker(att: Attributor, a: int, b: int) -> Speaker | None:
    """Who speaks a question-and-answer transcript's "A:" line: the interviewee the introduction
    names (None when it names no one). "Q:" lines make no quote (quotes/direct.py)."""
    actor = att.interviewee
    if actor is None:
        return None
    for c in att.m.clusters:
        if c.actor is not None and c.actor.id == actor.id:
            return person_speaker(att, c, a, b)
    return actor_speaker(actor, att.text[a:b], a, b, MentionKind.name)


_LABEL_PREPOSITION = re.compile(r"\s(?:on|about|to|for|with|against|over|at|in|from|of|after|before)\s", re.I)


def headline_speaker(att: Attributor, a: int, b: int, head: bool = False) -> Speaker | bool | None:
    """A capitalised speaker phrase on a title-case headline that no mention covers ("Dorvan
    Addresses Pellham Attack: ‘…’", "Right After This Big-Name Senator Endorsed …"): the headline
    capitalises its verbs and nouns, so the phrase is a name only by the words the body writes
    as names. The person the body names by one of them; False when the body names no one by it
    (no person of that name: the caller falls back to a description or nobody); None when the
    phrase is on no headline or its name is one the article gives no person.

    ``head``: the phrase is a noun phrase (a verb's subject), so it names a person only by its
    last word ("Former Halden Pollster", "Dorvan’s Son", "Medal Of Honor Winner" describe
    someone the body names otherwise, whatever name they hold). A label before a colon is a
    headline's clause ("Dorvan Addresses Pellham Attack:"): its first name word, unless that
    is a possessor."""
    words = headline_name_words(att.text, a, b)
    if words is None:
        return None
    end = b
    while end > a and not att.text[end - 1].isalnum():
        end -= 1
    if head:
        words = [w for w in words if w[1] == end]
    else:
        # "Halden Chief On Dorvan: ‘…’": a name after a preposition is what the label is about.
        prep = _LABEL_PREPOSITION.search(att.text, a, b)
        words = [w for w in words if prep is None or w[1] <= prep.start()]
    for k, (i, j) in enumerate(words):
        # The run of name words from here ("Ola Young Backs …" names "Ola Young", not "Ola").
        while k + 1 < len(words) and words[k + 1][0] == j + 1 and att.text[j] == " ":
            k += 1
            j = words[k][1]
        if att.text[j : j + 2] in ("’s", "'s") and j < end:
            return False  # "Dorvan’s Son:": the son, not Dorvan
        parts = normalise(att.text[i:j]).split()
        c = att.m.cluster_by_part(parts[-1]) if parts else None
        if c is not None and c.actor is not None:
            return person_speaker(att, c, i, j)
    return None if words else False


def description_speaker(
    att: Attributor, tok: Token, hard_only: bool = False, person_only: bool = False
) -> Speaker | None:
    """ "the Dorvan Democrat said", "the 52-year-old said": the person the article described that
    way; a party or age description with no fitting antecedent is an unknown actor described so
    (never a person named "Dorvan Democrat")."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "NOUN" and poll_share(tok):
        return None  # "the 30 percent said": a share of people, never the person named last
    if tok.pos_ == "NOUN" and (
        lemma in ORG_ROLE_NOUNS
        or lemma in GROUP_NOUNS
        or lemma in COLLECTIVE_PERSON_NOUNS
        or lemma in ISSUED_TEXTS
        # A text or a campaign is no description of a person ("the poll found" once went to
        # the candidate named next to the word "poll" earlier).
        or lemma in ANAPHORIC_TEXTS
        or lemma in ENTOURAGE_NOUNS
    ):
        return None
    if hard_only and titled_name(att, tok):
        return None  # "the conservative writer Tomas Harl": a name with its description
    # A capitalised party or age phrase may be indefinite ("a Dorvan Democrat said"): it
    # introduces someone unnamed, whom the NER would otherwise make a person of that name.
    d = description_of(att.m, tok, indefinite=hard_only)
    if d is None or (hard_only and d.party is None and d.age is None):
        return None
    if person_only and not is_person_description(d, lemma):
        return None
    if d.age is None and not person_headed(tok, lemma) and not (d.party is not None and party_noun(lemma)):
        # "the debate showed": an event or a text, no person; the generic rules name it. A party
        # word makes no person of a thing either: "the conservative magazine argued", "the
        # Republican-led Congress" (only "the Dorvan Democrat" itself is a party member).
        return None
    mention = att.text[d.start : d.end]
    # A description anchored to a body ("the state's Republican party leader") is someone of
    # that body, not whoever was talked about last: only what the article said of a person
    # resolves it, and by its head noun: its party word alone fits any party member named
    # before. A past office ("the former head of the Dorvan Port Authority") is how news refers
    # back to someone it named.
    anchored = not d.former and body_anchored(att, tok)
    salient = is_person_description(d, lemma) and not anchored
    # "the moderator", "the host": the one who asks, never the person just talked about (whom
    # the question was about), nor the guest whose sentence the noun follows; only someone the
    # article called so.
    asker = asking_noun(tok)
    salient = salient and not asker
    gender = own_pronoun_gender(att, tok)
    c = None
    if not d.indefinite:
        c = resolve_description(att.m, d, salient, gender, not asker, shared=asker, by_head=anchored)
    if c is not None and asker_for_office(att.m, c, tok.lemma_.lower(), tok.idx):
        c = None
    if c is not None and office_held_by_other(att.m, tok, c):
        # The words of "the governor" after someone's name are no description of them when the
        # article gave the office to another person (the abbreviated titles resolve it later).
        c = None
    if c is not None and c.actor is not None:
        return Speaker(
            id=c.actor.id,
            name=c.actor.name,
            kind=ActorKind.person,
            mention=mention,
            mention_start=d.start,
            mention_end=d.end,
            mention_kind=MentionKind.role,
            affiliation=c.affiliation,
        )
    if d.party is None and d.age is None:
        return None  # a plain noun phrase: the generic rules below name it
    # The name drops the determiner ("the Dorvan Democrat", "another Harrow Republican").
    name = mention.split(" ", 1)[1] if " " in mention and d.start < tok.idx else mention
    return Speaker(
        id=f"unknown:{slugify(name)}",
        name=name,
        kind=ActorKind.unknown,
        mention=mention,
        mention_start=d.start,
        mention_end=d.end,
        mention_kind=MentionKind.role,
    )


def asking_noun(tok: Token) -> bool:
    """Whether ``tok`` is a bare noun for whoever asks in a debate or an interview ("the
    moderator", "the host"): the role in the exchange, never the person it was about. With
    words of its own it describes an occupation, as any description does ("Alex Vell ... The
    ranting radio host said")."""
    return tok.lemma_.lower() in INTERLOCUTORS and not any(
        c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i for c in children(tok)
    )


def body_anchored(att: Attributor, tok: Token) -> bool:
    """Whether the noun at ``tok`` is anchored to a body or place by a possessor ("the state's
    party leader", "the agency's inspector general") or an "of" phrase with a name ("the party
    leader of Tarnby"). A person's possessive ("Velk's aide") is read by role_owner instead."""
    for c in children(tok):
        if c.dep_ == "poss" and c.i < tok.i and c.pos_ in ("NOUN", "PROPN"):
            return att.m.cluster_for_token(c.i) is None
        if c.dep_ == "prep" and c.lower_ == "of" and c.i > tok.i:
            pobj = next((g for g in children(c) if g.dep_ == "pobj"), None)
            if pobj is None or pobj.pos_ != "PROPN" or att.m.cluster_for_token(pobj.i) is not None:
                continue
            if f"{tok.lower_} of {pobj.lower_}" not in MULTI_TITLES:  # "the secretary of State"
                return True
    return False


def party_noun(lemma: str) -> bool:
    """Whether a description's head is a party noun for a member ("the Dorvan Democrat", "the
    Republican"); "the GOP" is the party itself."""
    return lemma != "gop" and party_of_words([lemma]) is not None


# Pronouns that, in the clause a description is the subject of, refer back to it.
_OWN_PRONOUN_GENDER = {"his": "m", "her": "f", "himself": "m", "herself": "f"}
# Dependents whose words are what the speaker reports or a clause of its own, not the subject's
# own doings: "the senator said she would quit" may be about anyone.
_REPORTED_DEPS = frozenset({"ccomp", "parataxis", "advcl", "conj", "csubj"})


def own_pronoun_gender(att: Attributor, tok: Token) -> str | None:
    """The gender a possessive or reflexive pronoun gives the description headed by ``tok``, read
    in the description's own clause: "the Vaskan Democrat has vowed to take his campaign to the
    convention", "the self-described socialist, who ran all his races as an independent, said".
    The first such pronoun counts, unless a name or another person noun comes between ("the
    senator faulted the governor for his response" is about the governor); reported content (a
    clausal complement) and quotes are left out."""
    roots = [c for c in children(tok) if c.dep_ == "relcl"]
    if tok.dep_ in ("nsubj", "nsubjpass"):
        roots.append(tok.head)
    found: list[Token] = []
    for root in roots:
        stack = [root]
        while stack:
            t = stack.pop()
            if t.i == tok.i:
                continue  # the description's own words (its who-clause is a root of its own)
            own = t.dep_ == "poss" or t.lower_.endswith("self")
            if t.i > tok.i and t.lower_ in _OWN_PRONOUN_GENDER and own:
                found.append(t)
            stack.extend(c for c in children(t) if c.dep_ not in _REPORTED_DEPS)
    for p in sorted(found, key=lambda t: t.i):
        if att.m.in_quote(p.idx):
            continue
        between = att.doc[tok.i + 1 : p.i]
        if any(other_person_word(att, t) for t in between):
            return None
        return _OWN_PRONOUN_GENDER[p.lower_]
    return None


def other_person_word(att: Attributor, t: Token) -> bool:
    """Whether ``t`` names or describes a person a pronoun after it could refer to instead."""
    if att.m.cluster_for_token(t.i) is not None:
        return True
    return t.pos_ == "NOUN" and t.tag_ == "NN" and is_person_noun(t.lemma_.lower())


def person_headed(tok: Token, lemma: str) -> bool:
    """Whether a description headed by ``tok`` may stand for a person: its head is a person
    noun, or a person noun owns it ("the trader's speech" speaks for the trader)."""
    return is_person_noun(lemma) or any(
        c.dep_ == "poss" and is_person_noun(c.lemma_.lower()) for c in children(tok)
    )


def titled_name(att: Attributor, tok: Token) -> bool:
    """Whether ``tok`` is in a person's name that a common noun introduces ("the conservative
    writer Tomas Harl", "liberal radio host Ada Morn"): the party word before it describes the
    named person, the phrase is no description like "the Harrow Republican" (a PERSON to the NER
    with no noun before it)."""
    if att.m.cluster_for_token(tok.i) is None:
        return False
    m = att.m.mention_for_token(tok.i)
    i = tok.i
    while i > 0 and m is not None and att.m.mention_for_token(i - 1) is m:
        i -= 1
    return i > 0 and att.doc[i - 1].pos_ == "NOUN" and att.doc[i - 1].is_lower


def person_speaker(
    att: Attributor, c: PersonCluster, a: int, b: int, kind: MentionKind = MentionKind.name
) -> Speaker:
    assert c.actor is not None
    return Speaker(
        id=c.actor.id,
        name=c.actor.name,
        kind=ActorKind.person,
        mention=att.text[a:b],
        mention_start=a,
        mention_end=b,
        mention_kind=kind,
        affiliation=c.affiliation,
    )


def former_holder(att: Attributor, tok: Token) -> PersonCluster | None:
    """The person named before whom the article described with the words of a "former" role
    noun at ``tok`` ("the former secretary" after "Ada Morn, who served as secretary of state,"),
    unless the article gives them that office now ("President Velk" is no former president)."""
    d = description_of(att.m, tok)
    c = resolve_description(att.m, d) if d is not None else None
    if c is None or c.actor is None:
        return None
    lemma = tok.lemma_.lower()
    for pos, title, _, holder in att.m.role_facts:
        if holder is c and pos not in att.m.former_facts and lemma in title.split():
            return None
    return c


# Words of a scope phrase that say nothing about which body or place it is.
_SCOPE_STOP = frozenset({"the", "of", "a", "an", "'s", "’s", "and", "for", "at", "its", "their"})


def own_scope_words(att: Attributor, tok: Token) -> set[str]:
    """The words of the body or place a role noun names as its own, in a possessor ("Harrow
    Union's chief") or an "of"/"at"/"for" phrase ("the head of the Harrow Union", "the
    secretary of state"). A pronoun possessor ("his deputy") names no scope; nor does a
    definite common noun ("the club's manager", "the head of the agency"), which refers back to
    a body named before under another name; a compound ("the Athletic manager") is the title's
    own word, read by the role facts."""
    words: set[str] = set()
    for c in children(tok):
        if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN"):
            phrase = att.doc[c.left_edge.i : c.i + 1]
        elif c.dep_ == "prep" and c.lower_ in ("of", "at", "for") and c.i > tok.i:
            pobj = next((g for g in children(c) if g.dep_ == "pobj"), None)
            if pobj is None:
                continue
            phrase = att.doc[pobj.left_edge.i : pobj.i + 1]
        else:
            continue
        if not any(t.pos_ == "PROPN" for t in phrase) and any(t.lower_ == "the" for t in phrase):
            continue
        words.update(t.lower_ for t in phrase if t.is_alpha and t.lower_ not in _SCOPE_STOP)
    return words


def role_owner(att: Attributor, tok: Token) -> PersonCluster | None:
    """The person a role noun belongs to ("Velk's spokesman", "the top Velk aide"): an
    aide, lawyer or manager of someone is never that someone."""
    for c in children(tok):
        if c.dep_ in ("poss", "compound") and c.i < tok.i:
            owner = att.m.cluster_for_token(c.i)
            if owner is not None:
                return owner
    return None


# People who speak or act for someone else: "X's spokesman" is never X.
_AGENTS = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor", "lawyer", "attorney",
    "staffer",
})  # fmt: skip


# Offices a country (or a church) has one holder of at a time: "the president" is that holder,
# never elegant variation for someone the article gave no office.
_ONE_HOLDER_OFFICES = frozenset({"president", "premier", "pope", "chancellor", "king", "queen"})


def role_fallback(att: Attributor, tok: Token) -> Speaker | None:
    """ "Pezzamonti was less happy. The Athletic manager complained…": a definite singular role
    noun the article never tied to a name is elegant variation for the person just talked
    about: the named subject of the previous sentence, else the last person quoted, provided
    the article gave them no other role."""
    det = next((c for c in children(tok) if c.dep_ in ("det", "poss")), None)
    if det is None or (det.dep_ == "det" and det.lower_ != "the") or tok.tag_ != "NN":
        return None
    if det.dep_ == "poss" and det.pos_ == "PRON":
        return None  # "his spokesman", "her doctor": someone's, never the person just talked about
    prime = tok.lemma_.lower() == "minister" and any(t.lower_ == "prime" for t in tok.lefts)
    # "the president praised Brask" after a paragraph quoting an activist: the country's one
    # office holder, not whoever was quoted last; only the subject of the sentence before, in
    # the same paragraph ("Obama defended the process. “…,” the president told …"), may be
    # called so without the title.
    one_holder = det.dep_ == "det" and (tok.lemma_.lower() in _ONE_HOLDER_OFFICES or prime)
    agent = tok.lemma_.lower() in _AGENTS
    if det.dep_ == "poss" and det.pos_ == "NOUN" and agent and role_owner(att, tok) is None:
        # "the prime minister's spokesman" whose prime minister the article never named: the
        # spokesman of someone unknown, not the person just talked about.
        return None
    a, b = np_bounds(att, tok)
    mods = [t.lower_ for t in att.doc[tok.left_edge.i : tok.i]]
    if any(w in FORMER or w.startswith("ex-") for w in mods):
        # "the former secretary of state": someone's past office; the person the article
        # described so (and who holds no such office now) beats whoever was just quoted.
        described = former_holder(att, tok)
        if described is not None:
            return person_speaker(att, described, a, b, MentionKind.role)
    # "the Democratic front-runner" is no one the article tied to another party.
    party = party_of_words(mods)
    sent = doccache.sent(tok)
    cands: list[PersonCluster] = []
    if one_holder and any(w in FORMER or w.startswith("ex-") for w in mods):
        one_holder = False  # "the former president": a past office, held by many
    if sent.start > 0:
        prev_sent = doccache.sent(att.doc[sent.start - 1])
        # (a paragraph break is a whitespace token at the end of the sentence before)
        gap = att.text[prev_sent.start_char : sent.start_char]
        if sent.start_char - prev_sent.end_char < 4 and not (one_holder and "\n" in gap):
            for t in prev_sent:
                # A subject inside a quote is who the speaker talks about, not the topic.
                if t.dep_ in ("nsubj", "nsubjpass") and not att.m.in_quote(t.idx):
                    c = att.m.cluster_for_token(t.i)
                    if c is not None:
                        cands.append(c)
    last = att.last_by_kind.get("person")
    if last is not None and tok.idx - last.end <= SPEAKER_WINDOW and not one_holder:
        for c in att.m.clusters:
            if c.actor is not None and c.actor.id == last.speaker.id:
                cands.append(c)
    # "the chairwoman" is no man named before it; nor is "the senator [who] cited his record" a
    # woman (the possessive in the role noun's own clause, as for descriptions).
    gender = gender_of_word(tok.lower_) or own_pronoun_gender(att, tok)
    scope = own_scope_words(att, tok)
    owner = role_owner(att, tok)
    for c in cands:
        if c is owner:
            continue
        if gender is not None and c.gender is not None and c.gender != gender:
            continue
        if party is not None and other_party(att.m, c, party, (a, b)):
            continue
        if scope and not scope & profile_words(att.m, c, tok.idx, skip=(a, b)):
            continue  # "the head of the Harrow Union" is no one the article never tied to it
        if office_held_by_other(att.m, tok, c):
            continue  # "Gov. Ada Morn ... Velk said so. The governor said": the office is Morn's
        if asker_for_office(att.m, c, tok.lemma_.lower(), tok.idx):
            continue
        if c.actor is not None and not c.roles:
            return person_speaker(att, c, a, b, MentionKind.role)
    return None
