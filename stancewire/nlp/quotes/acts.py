"""Expressive acts: "Trump cast doubt on the polls", "the campaign released a list of donors",
"Cruz questioned Rubio's record", "Republicans portrayed the deal as a surrender", "Sanders
focused on income inequality", "the union pushed for a recount".

PolNeAR marks far more than speech as attribution: what someone offers, issues, posts, lists,
questions, defends or recalls, and what they focus on, push for or rail against, is their
position or their message, and the verb is the cue. No word class covers these verbs (they are
not speech, belief or evaluation verbs, and most of their uses in general text are not
attribution), so the lists (``ACT_OBJECT_VERBS`` for the object, ``ACT_PREP_CUES`` for the
prepositional object) hold the verbs whose content so read, with a subject that can hold a
position, was an attributed content in about two of five uses or more on PolNeAR dev (measured
with all other rules applied first), and that name an act of expressing or taking a position
(not "win", "have", "pass"). "recall" is there for its memory sense ("recalled the convention
fight of 1988"), not when a company or a country calls something or someone back (:func:`_object`).
Acts that are events between actors ("sign", "file", "deliver", "recognise") are left to the
event coder, which reads them from the sentence: a quote of their object would become the
stance target ("filed a complaint against Belmira").
:func:`outer_position_act` takes any other verb whose object is a stated position, named by a
cue noun with its holder ("celebrated the board's decision to ...", "escalated his attacks on
..."): the act on that position is the attribution.
``ACT_INFINITIVE_VERBS`` adds aims as a to-infinitive ("aims to win", "delegates looking to
unseat Trump"). These frames run last: only for a verb that no other rule took, and their quote
is dropped where it overlaps another quote (:func:`.indirect.drop_overlapping_acts`), unless it
holds someone else's report whole ("pointed to the poll that shows ...": the act reports it).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from stancewire.nlp.doccache import children
from stancewire.nlp.mentions.descriptions import is_person_noun
from stancewire.nlp.quotes.candidate import DocIndex, QuoteCandidate
from stancewire.nlp.quotes.evaluation import holder_token
from stancewire.nlp.quotes.speakers import speaker_like
from stancewire.nlp.quotes.syntax import is_negated, is_question_frame, subject_of, to_infinitive
from stancewire.nlp.quotes.words import (
    ACT_INFINITIVE_VERBS,
    ACT_OBJECT_VERBS,
    ACT_PREP_CUES,
    EVALUATION_VERBS,
    LIGHT_VERBS,
    NOUN_INFINITIVE_CUES,
    NOUN_PREP_CUES,
    POSITION_VERBS,
)

RULE_PREFIX = "act-"
# Pronoun objects that a phrase makes content ("cast *him as weak*", "defended *himself against
# the charge*"); "said *anything at the change of ends*" is none.
_PERSONAL = frozenset(
    {
        "him",
        "her",
        "them",
        "me",
        "us",
        "himself",
        "herself",
        "themselves",
        "myself",
        "ourselves",
        "itself",
        "it",
    }
)
# Verbs that also mean calling someone back: with a person or a country as object ("recalled
# its ambassador") the act is an event between actors, not a memory the subject voices.
_CALL_BACK_VERBS = frozenset({"recall"})
# How far the preposition may follow its verb: a particle or an adverb between ("lashed out at",
# "doubled down on", "pushed hard for").
_PREP_REACH = 3


def is_act_cue(lemma: str) -> bool:
    return lemma in ACT_OBJECT_VERBS or lemma in ACT_PREP_CUES or lemma in ACT_INFINITIVE_VERBS


def act_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """The object (or prepositional object) of an expressive act (module doc), or None."""
    if tok.pos_ != "VERB" or (tok.dep_ in ("amod", "compound") and tok.tag_ == "VBN"):
        return None
    if is_negated(tok) or is_question_frame(tok):
        return None
    if any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in children(tok)):
        return None  # "whether she would release her returns": a question, not an act
    lemma = tok.lemma_.lower()
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and lemma in ACT_INFINITIVE_VERBS:
        # "delegates looking to unseat Trump": the noun the participle modifies has the aim.
        speaker: Token | None = tok.head
    else:
        speaker = subject_of(tok)
    if speaker is None or speaker.dep_ == "nsubjpass":
        return None
    if not speaker_like(speaker) and holder_token(speaker) is None:
        # A share of people holds a position too ("41 percent would vote for Varnay", "most of
        # the delegates focused on pensions"): poll numbers, which speaker_like does not take.
        return None
    q = _infinitive(doc, text, tok, idx, speaker) if lemma in ACT_INFINITIVE_VERBS else None
    if q is None and lemma in ACT_OBJECT_VERBS:
        q = _object(doc, text, tok, idx, speaker)
    if q is None and lemma in ACT_PREP_CUES:
        q = _prep_object(doc, text, tok, idx, speaker, ACT_PREP_CUES[lemma])
    return q


def _object(doc: Doc, text: str, tok: Token, idx: DocIndex, speaker: Token) -> QuoteCandidate | None:
    """The object with the verb's trailing prepositional phrases ("cast doubt *on the polls*",
    "portrayed the deal *as a surrender*")."""
    from stancewire.nlp.quotes.indirect import content_span, finish  # indirect imports this module

    obj = next((c for c in children(tok) if c.dep_ in ("dobj", "obj") and c.i > tok.i), None)
    if obj is None or idx.in_direct[obj.i]:
        return None
    lemma = tok.lemma_.lower()
    nxt = obj.right_edge.i + 1
    if nxt < len(doc) and doc[nxt].text == ":":
        return None  # "listed the reasons: …": the colon hands over to what follows
    last = obj.right_edge.i
    if lemma in _CALL_BACK_VERBS and (speaker_like(obj) or not _can_remember(speaker)):
        return None  # "recalled its ambassador", "the company recalled the cars": calling back
    said_what = obj.pos_ != "PRON"
    for c in children(tok):
        if c.i > last and c.dep_ == "prep":
            last = c.right_edge.i
            # A pronoun ("posted it", "reads them") says nothing without coreference; with its
            # phrase it does ("cast him as weak on immigration"), unless that only says when.
            said_what = said_what or (
                obj.lower_ in _PERSONAL and not any(g.ent_type_ in ("DATE", "TIME") for g in children(c))
            )
    if not said_what:
        return None
    if lemma in EVALUATION_VERBS and lemma not in POSITION_VERBS:
        # The evaluation rule's judgement holds here too: "embraced his mother", "rejected that
        # argument" act on a thing or a person; a name or a longer object states a position.
        # (The other acts' short objects are content: PolNeAR marks "offered thanks", "posed a
        # question", "released the letter".)
        words = [t for t in doc[obj.left_edge.i : obj.right_edge.i + 1] if not t.is_punct and t.pos_ != "DET"]
        if len(words) < 3 and not any(t.pos_ == "PROPN" for t in words):
            return None
    span = content_span(doc, obj.left_edge.i, last)
    if span is None:
        return None
    return finish(doc, text, tok, tok, span[0], span[1], speaker, RULE_PREFIX + "object", 0.55)


# Prepositions through which a verb takes a position as its object ("pushed back against his
# attack", "backed away from her pledge", "cheered Clinton's attacks" has none); not time or
# cause ("after his decision", "despite her call").
_POSITION_PREPS = frozenset(
    {"at", "on", "against", "for", "to", "with", "from", "about", "over", "behind", "into"}
)
# Verbs that take a position as object without acting on it ("has a plan", "is the call").
_NOT_ACTS = frozenset({"be", "have", "do", "get", "say"})
# Cue nouns that name no position as an object: a bid for office is a candidacy ("ended his
# bid", "pursues her bid"), which PolNeAR does not mark.
_NOT_POSITIONS = frozenset({"bid"})
# Subjects and holders that name no one ("nothing could change his mind about his decision",
# "a minister whose plan ...": the relative's holder is the clause's, not the verb's object's).
_NO_ONE = frozenset(
    {"it", "this", "that", "there", "what", "which", "whose", "nothing", "something", "anything"}
)


def outer_position_act(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """An act whose object is a stated position, named by a cue noun with its holder: someone
    else's ("the council celebrated the board's decision to ...", "Vale pushed back against
    Farrow's attack on ...") or the subject's own ("escalated his attacks on ..."). The subject
    acts on that position whatever the verb, and the act is the attribution: PolNeAR marks the
    outer act, with the position's own quote as part of its content. That quote, inside this
    one, is dropped as nested (:func:`.indirect.drop_nested_beliefs`)."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() in _NOT_ACTS or tok.lemma_.lower() in LIGHT_VERBS:
        return None
    if tok.dep_ in ("amod", "compound", "acl", "relcl", "prep") or is_question_frame(tok):
        return None
    speaker = subject_of(tok)
    if speaker is None or speaker.dep_ == "nsubjpass" or speaker.lower_ in _NO_ONE:
        return None
    if not speaker_like(speaker) and holder_token(speaker) is None:
        return None
    found = _position_object(tok, idx)
    if found is None:
        return None
    cue_end, noun = found
    holder = next((c for c in children(noun) if c.dep_ == "poss"), None)
    if holder is None or holder.i == speaker.i or holder.lower_ in _NO_ONE:
        return None
    from stancewire.nlp.quotes.indirect import content_span, finish  # indirect imports this module

    span = content_span(doc, noun.left_edge.i, noun.right_edge.i, strip_leading=False)
    if span is None:
        return None
    return finish(doc, text, tok, cue_end, span[0], span[1], speaker, RULE_PREFIX + "outer", 0.55)


def _position_object(tok: Token, idx: DocIndex) -> tuple[Token, Token] | None:
    """(cue end, noun): the verb's object, or its preposition's, when it is a cue noun. The
    preposition may hang on a particle ("pushed back against", "backed away from")."""
    particles = [c for c in children(tok) if c.dep_ in ("prt", "advmod") and tok.i < c.i <= tok.i + 2]
    for c in [*children(tok), *(g for p in particles for g in children(p))]:
        if c.i < tok.i:
            continue
        if c.dep_ in ("dobj", "obj"):
            noun, cue_end = c, tok
        elif c.dep_ == "prep" and c.lower_ in _POSITION_PREPS and c.i <= tok.i + _PREP_REACH:
            pobj = next((g for g in children(c) if g.dep_ == "pobj"), None)
            if pobj is None:
                continue
            noun, cue_end = pobj, c
        else:
            continue
        lemma = noun.lemma_.lower()
        if (
            noun.pos_ == "NOUN"
            and (lemma in NOUN_PREP_CUES or lemma in NOUN_INFINITIVE_CUES)
            and lemma not in _NOT_POSITIONS
            and not idx.in_direct[noun.i]
        ):
            return cue_end, noun
    return None


def _can_remember(speaker: Token) -> bool:
    """Whether ``speaker`` is someone who remembers: a pronoun, a name or a person noun. A
    company or a body that recalls something calls it back (cars, a product). A name passes
    whatever its entity type, which is too noisy to tell a person from a firm (a surname
    tagged ORG or GPE)."""
    if speaker.pos_ in ("PRON", "PROPN"):
        return True
    return is_person_noun(speaker.lemma_.lower())


def _prep_object(
    doc: Doc, text: str, tok: Token, idx: DocIndex, speaker: Token, preps: frozenset[str]
) -> QuoteCandidate | None:
    """The object of the verb's preposition ("focused *on income inequality*"); the cue runs to
    the preposition."""
    from stancewire.nlp.quotes.indirect import content_span, finish  # indirect imports this module

    prep = next(
        (
            c
            for c in children(tok)
            if c.dep_ == "prep" and c.lower_ in preps and tok.i < c.i <= tok.i + _PREP_REACH
        ),
        None,
    )
    if prep is None or any(_stranded(c) and tok.i < c.i < prep.i for c in children(tok)):
        return None  # "the jobs they go to after training": the relative clause's own "to"
    comp = next((g for g in children(prep) if g.dep_ in ("pobj", "pcomp")), None)
    if comp is None or idx.in_direct[comp.i] or (comp.pos_ == "PRON" and comp.right_edge.i == comp.i):
        return None
    if comp.lemma_.lower() == "time" or comp.ent_type_ == "DATE":
        return None  # "voted for the first time", "looked to next year": when, not what
    span = content_span(doc, prep.i + 1, prep.right_edge.i)
    if span is None:
        return None
    return finish(doc, text, tok, prep, span[0], span[1], speaker, RULE_PREFIX + "prep", 0.55)


def _stranded(prep: Token) -> bool:
    """Whether ``prep`` is a preposition left without its object (a relative clause's "go to")."""
    return prep.dep_ == "prep" and not any(g.dep_ in ("pobj", "pcomp") for g in children(prep))


def _infinitive(doc: Doc, text: str, tok: Token, idx: DocIndex, speaker: Token) -> QuoteCandidate | None:
    """The to-infinitive of an aim ("aimed *to win by a large margin*"); not after an object
    ("plans a rally to press its case": the infinitive is the rally's purpose)."""
    from stancewire.nlp.quotes.indirect import content_span, finish  # indirect imports this module

    if any(c.dep_ in ("dobj", "obj") for c in children(tok)):
        return None
    comp = to_infinitive(tok)
    if comp is None or idx.in_direct[comp.i] or any(g.dep_ == "auxpass" for g in children(comp)):
        return None  # "asked not to be named": a passive infinitive is no aim of the subject's
    span = content_span(doc, comp.left_edge.i, comp.right_edge.i)
    if span is None:
        return None
    return finish(doc, text, tok, tok, span[0], span[1], speaker, RULE_PREFIX + "infinitive", 0.55)
