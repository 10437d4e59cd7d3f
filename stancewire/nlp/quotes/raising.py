"""Cues whose content is a to-infinitive or a predicate about their subject, not a clause:

* appearance: "Trump seemed to suggest that …", "Ramos appeared uneasy", "it appears that …";
* passive raising: "Obama is expected to join Clinton on the trail";
* passive view: "Rubio is seen as the most electable", "the plan is considered a gamble",
  "Ginsburg is known for speaking her mind", "the contests known as Super Tuesday";
* refusal: "Manafort declined to identify anyone involved";
* the reporter's question: "Asked whether he would support Trump, …".

In political news these carry much of what actors are said to think and intend. PolNeAR
annotates the subject together with the infinitive or predicate as the content of an appearance
or raising cue, with no source: it is the writer's reading of the subject, so these quotes carry
no speaker token (the attribution code leaves them without a speaker), unless a "to" phrase
names whose reading it is ("seemed more credible to the public", "known to fans as …"): then
PolNeAR makes that phrase the source. A refusal is the subject's own act, so its subject is the
speaker and the infinitive ("to identify …") the content. A question frame with no subject
("Asked whether …") is the reporter's question: the "whether/if" clause is the content, and it
has no speaker either.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from stancewire.nlp import cues
from stancewire.nlp.doccache import children
from stancewire.nlp.quotemarks import ALL_MARKS
from stancewire.nlp.quotes.candidate import DocIndex, QuoteCandidate
from stancewire.nlp.quotes.evaluation import evaluation_frame
from stancewire.nlp.quotes.speakers import speaker_like
from stancewire.nlp.quotes.syntax import SUBJ, is_question_frame, subject_of, to_infinitive
from stancewire.nlp.quotes.words import EVALUATION_VERBS, NAMING_VERBS

# Subjects that make "X seemed to …" no attribution: "there seems to be", "this appears to …".
_NO_CONTENT_SUBJECTS = frozenset({"there", "this", "that", "these", "those", "what"})
# Clause openers that make a question ("asked whether/if …").
_QUESTION_MARKS = frozenset({"whether", "if"})
# Words that open an indirect wh-question ("asked why he trailed Clinton").
_WH_WORDS = frozenset({"why", "what", "how", "who", "whom", "when", "where", "which"})


def _subject(tok: Token) -> Token | None:
    return next((c for c in children(tok) if c.dep_ in SUBJ and c.i < tok.i), None)


def _is_likeness(c: Token) -> bool:
    """ "like X" or "as if C" after an appearance verb: its predicate."""
    if c.dep_ == "prep" and c.lower_ == "like":
        return True
    marks = ("if", "like", "though")
    return c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in marks for g in children(c))


def _predicate_end(tok: Token, comp: Token) -> int:
    """Last token of an appearance predicate: the complement, and what the parser hung from the
    verb after it ("appeared to end his bid *owing $200,000*", "seemed to gain, *given her
    record*"), up to the end of the verb's own phrase."""
    last = comp.right_edge.i
    for c in children(tok):
        if c.i > last and c.dep_ in ("advcl", "prep", "npadvmod", "conj") and not c.is_punct:
            if c.dep_ == "conj" and any(g.dep_ in SUBJ for g in children(c)):
                break  # "…, and Cruz seemed…": a clause of its own
            last = c.right_edge.i
    return last


def appearance_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """ "X seemed to C" / "X appeared uneasy": X with its predicate; "it appears (that) C": C."""
    from stancewire.nlp.quotes.indirect import content_span, finish

    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("amod", "compound"):
        return None
    subj = _subject(tok)
    if subj is None or subj.lower_ in _NO_CONTENT_SUBJECTS or idx.in_direct[subj.i]:
        return None
    clause = next((c for c in children(tok) if c.dep_ == "ccomp" and c.i > tok.i), None)
    if subj.lower_ == "it" and clause is None and not any(_is_likeness(c) for c in children(tok)):
        return None
    if subj.lower_ == "it" and clause is not None:
        # "It appears that Cruz will win": the clause alone is the content.
        comp = clause
        # The content is the clause; the finder attaches its complementiser ("that C").
        span = content_span(doc, comp.left_edge.i, comp.right_edge.i)
        rule = "belief-appearance-it"
    else:
        # "appeared on television" is no appearance cue: only a to-infinitive or an
        # adjective/noun predicate ("seemed uneasy", "appeared paralyzed") is one.
        comp = to_infinitive(tok) or next(
            (c for c in children(tok) if c.dep_ in ("acomp", "oprd", "attr") and c.i > tok.i), None
        )
        if comp is None:
            # "seemed like an obstacle", "looked as if it might be an anticlimax".
            comp = next((c for c in children(tok) if c.i > tok.i and _is_likeness(c)), None)
        if comp is None or idx.in_direct[comp.i]:
            return None
        if comp.dep_ == "xcomp" and cues.is_speech_verb(comp.lemma_.lower()):
            return None  # "seemed to suggest that C": the speech cue quotes C with its speaker
        if (
            comp.dep_ == "xcomp"
            and comp.lemma_.lower() in EVALUATION_VERBS
            and evaluation_frame(doc, text, comp, idx) is not None
        ):
            return None  # "seemed to mock the plan": the evaluation quotes it with its holder
        span = content_span(doc, subj.left_edge.i, _predicate_end(tok, comp))
        rule = "belief-appearance"
    if span is None:
        return None
    return finish(doc, text, tok, tok, span[0], span[1], _appearance_holder(tok), rule, 0.6)


def raising_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """ "X is expected/believed to C": X with the infinitive, no speaker (the module doc)."""
    from stancewire.nlp.quotes.indirect import content_span, finish

    if tok.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in children(tok)):
        return None
    if any(c.dep_ == "agent" for c in children(tok)):
        return None  # "is expected by analysts to …": an agent is a speaker; not this rule
    subj = next((c for c in children(tok) if c.dep_ == "nsubjpass"), None)
    comp = to_infinitive(tok)
    if subj is None or comp is None or subj.lower_ in _NO_CONTENT_SUBJECTS | {"it"}:
        return None
    if idx.in_direct[subj.i] or idx.in_direct[comp.i]:
        return None
    span = content_span(doc, subj.left_edge.i, comp.right_edge.i)
    if span is None:
        return None
    return finish(doc, text, tok, tok, span[0], span[1], None, "belief-raising", 0.6)


# Predicates of a passive view verb besides "as": "known for its candour"; "considered a gamble",
# "deemed unfit", "was declared the winner" (a small clause; "was seen leaving" is a sighting,
# not a view); "were known to use …" (an infinitive; "was called to testify" is a summons).
_VIEW_PREPS = {"know": frozenset({"as", "for"})}
_SMALL_CLAUSE_VIEWS = frozenset(
    {"consider", "deem", "regard", "declare", "announce", "dub", "label", "brand"}
)
_INFINITIVE_VIEWS = frozenset({"know", "see", "view", "perceive", "regard", "deem"})
# Passive views of perception, whose "to" phrase is who perceives ("known to fans as …"); with a
# view of telling it is the audience ("described to reporters as a gamble": no holder named).
_PERCEPTION_VIEWS = frozenset({"know", "see", "view", "perceive"})
# Entity types of a "by" object that measure or date: "by 2-1", "by Monday", "by ten points".
_MEASURES = frozenset({"DATE", "TIME", "CARDINAL", "PERCENT", "QUANTITY", "MONEY", "ORDINAL"})


def _view_predicate(tok: Token) -> Token | None:
    """The "as"/"for" phrase, small-clause predicate or to-infinitive of a passive view verb."""
    preps = _VIEW_PREPS.get(tok.lemma_.lower(), frozenset({"as"}))
    agent = next((c for c in children(tok) if c.dep_ == "agent"), None)
    # "interpreted by some as a threat": the parser hangs the "as" phrase from the agent; in
    # "known to fans as the Iron Judge", likewise from the "to" phrase's object.
    to = _experiencer_to(tok)
    holder_kids = [*(children(agent) if agent is not None else []), *(children(to) if to is not None else [])]
    after = [*children(tok), *(g for a in holder_kids for g in children(a))]
    for c in after:
        if c.i < tok.i:
            continue
        if c.dep_ == "prep" and c.lower_ in preps and any(not g.is_punct for g in children(c)):
            return c
        # A passive has no object of its own: "was announced the winner" is a small clause.
        if c.dep_ in ("oprd", "attr", "acomp", "dobj") and tok.lemma_.lower() in _SMALL_CLAUSE_VIEWS:
            return c
        if c.dep_ == "prep" and c.lower_ == "to" and tok.lemma_.lower() == "refer":
            # "referred to as the deadliest sniper": the "as" phrase hangs from "to".
            as_ = next((g for g in children(c) if g.dep_ == "prep" and g.lower_ == "as"), None)
            if as_ is not None:
                return as_
    return to_infinitive(tok) if tok.lemma_.lower() in _INFINITIVE_VIEWS else None


def _view_holder(tok: Token) -> Token | None:
    """The "by" agent of a passive view ("seen by some as …"): whose view it is."""
    agent = next((c for c in children(tok) if c.dep_ == "agent"), None)
    return next((g for g in children(agent) if g.dep_ == "pobj"), None) if agent is not None else None


# Quantifiers that stand for people as a "by" object ("viewed as a victory by some in the
# movement", "by many of his allies").
_PEOPLE_QUANTIFIERS = frozenset(
    {"some", "many", "most", "others", "few", "several", "all", "everyone", "everybody"}
)
# Shares that are people only with their "of" phrase ("by 64 percent of voters"); alone they
# measure a margin ("declared the winner by ten percent", "by a wide majority").
_SHARES = frozenset({"percent", "majority", "half", "third", "quarter", "plurality", "share"})


def _by_holder(by: Token) -> Token | None:
    """The object of a "by" phrase when it names who holds a view: a person, body or group,
    or a quantifier or share of people; not a time, margin or means ("by Monday", "by far",
    "by ten points", "by a wide margin", "by mail")."""
    pobj = next((g for g in children(by) if g.dep_ == "pobj"), None)
    if pobj is None or pobj.ent_type_ in _MEASURES:
        return None
    lemma = pobj.lemma_.lower()
    if lemma in _SHARES:
        return pobj if any(g.dep_ == "prep" and g.lower_ == "of" for g in children(pobj)) else None
    if lemma in _PEOPLE_QUANTIFIERS or speaker_like(pobj):
        return pobj
    return None


# Adjectives of a judgment whose "to" phrase is who judges ("seemed more credible to the public",
# "appeared obvious to his aides"); not those whose "to" phrase is their object ("seemed open to
# a deal", "appeared hostile to the unions", "seemed close to the mayor").
_JUDGMENT_ADJECTIVES = frozenset(
    {
        "credible", "plausible", "implausible", "convincing", "persuasive", "clear", "unclear",
        "obvious", "apparent", "evident", "strange", "odd", "bizarre", "absurd", "reasonable",
        "sensible", "logical", "natural", "inevitable", "likely", "unlikely", "surprising",
    }
)  # fmt: skip


def _first_to(head: Token) -> Token | None:
    """The first "to" phrase on ``head``: in "known as Korrin to the Veldens and Korra to the
    Ambelans" the content (the name before the conjunction) is the first one's reading."""
    return next((c for c in children(head) if c.dep_ == "prep" and c.lower_ == "to"), None)


def _experiencer_to(tok: Token) -> Token | None:
    """The "to" phrase of a passive view of perception ("known to fans as …"), not of telling
    (``_PERCEPTION_VIEWS``)."""
    return _first_to(tok) if tok.lemma_.lower() in _PERCEPTION_VIEWS else None


def _to_holder(to: Token | None) -> Token | None:
    """The people of a "to" phrase ("known to fans as …", "seemed, to many voters, a gamble"):
    whose reading the appearance or view is. Not a place, time or thing ("known to date",
    "seemed close to the harbour"); an infinitive ("seemed to mock", "known to use") is no "to"
    phrase."""
    holder = _by_holder(to) if to is not None else None
    if holder is None or holder.ent_type_ in ("GPE", "LOC", "FAC"):
        return None
    return holder


def _appearance_holder(tok: Token) -> Token | None:
    """Who an appearance cue says it appeared to: a "to" phrase on the verb ("seemed, to many
    voters, a gamble") or on a judgment adjective it predicates ("seemed more credible to the
    public"). PolNeAR makes that phrase the source; without one the reading is the writer's."""
    holder = _to_holder(_first_to(tok))
    if holder is not None:
        return holder
    for c in children(tok):
        if c.dep_ in ("acomp", "oprd") and c.pos_ == "ADJ" and c.lemma_.lower() in _JUDGMENT_ADJECTIVES:
            return _to_holder(_first_to(c))
    return None


def _inner_agent(tok: Token, comp: Token) -> Token | None:
    """A "by" phrase the parser hung inside the predicate of a passive view instead of on the
    verb ("was viewed as a victory *by some in the movement*", "was declared the winner *by
    the county board*"): the agent all the same. Only through nouns and prepositions: a "by"
    in a clause of the predicate ("seen as candidates who would win by a landslide") is that
    clause's."""
    for by in comp.subtree:
        if by.dep_ != "prep" or by.lower_ != "by" or by.i < tok.i:
            continue
        head = by.head
        while head.i != comp.i and head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        if head.i == comp.i:
            return by
    return None


def _names_its_noun(tok: Token, comp: Token) -> bool:
    """A participle on a noun with its "as"/"for" phrase ("the contests known as …") or predicate
    ("emails now deemed classified"); a naming verb with a bare noun only names ("a group dubbed
    Velden Now")."""
    noun = tok.head
    if tok.dep_ != "acl" or noun.pos_ not in ("NOUN", "PROPN") or noun.i > tok.i:
        return False
    if comp.dep_ == "prep" and any(t.text in ALL_MARKS for t in comp.subtree):
        return False  # "a mask known as “the Queen of Ambelo”": a name in quote marks
    return comp.dep_ == "prep" or tok.lemma_.lower() not in NAMING_VERBS


def passive_view_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """ "X is seen/regarded as Y", "X is considered Y", "X is known for Y": X with its predicate,
    as for raising; a participle on a noun ("the contests known as Super Tuesday") takes the noun
    phrase. The speaker is the "by" agent when there is one, else none (the module doc)."""
    from stancewire.nlp.quotes.indirect import content_span, finish

    if tok.tag_ != "VBN":
        return None
    comp = _view_predicate(tok)
    if comp is None or idx.in_direct[comp.i]:
        return None
    if any(c.dep_ == "auxpass" for c in children(tok)):
        subj = next((c for c in children(tok) if c.dep_ == "nsubjpass" and c.i < tok.i), None)
        if subj is None or subj.lower_ in ("it", "there") or idx.in_direct[subj.i]:
            return None
        first, last = subj.left_edge.i, _predicate_end(tok, comp)
    elif _names_its_noun(tok, comp):
        noun = tok.head
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
            noun = noun.head.head  # "the string of contests known as …": the whole phrase
        # The noun phrase with its name, not what the clause goes on with ("… in the south").
        first, last = noun.left_edge.i, comp.right_edge.i
    else:
        return None
    holder = _view_holder(tok)
    by = _inner_agent(tok, comp) if holder is None else None
    if by is not None and (holder := _by_holder(by)) is not None:
        last = by.i - 1  # the view, without who holds it (as when the parser makes it the agent)
    to = _experiencer_to(tok) if holder is None else None
    if to is not None:
        holder = _to_holder(to)  # "known to fans as …", "known as Korrin to the Veldens"
    span = content_span(doc, first, last)
    if span is None:
        return None
    return finish(doc, text, tok, tok, span[0], span[1], holder, "belief-view-passive", 0.6)


def refusal_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """ "X declined/refused to C": "to C" is X's attributed content."""
    from stancewire.nlp.quotes.indirect import content_span, finish

    if tok.pos_ != "VERB" or tok.dep_ in ("amod", "compound"):
        return None
    comp = to_infinitive(tok)
    if comp is None or idx.in_direct[comp.i]:
        return None
    speaker = subject_of(tok)
    if speaker is None or speaker.lower_ in _NO_CONTENT_SUBJECTS | {"it", "you"}:
        return None
    span = content_span(doc, comp.left_edge.i, comp.right_edge.i)
    if span is None:
        return None
    return finish(doc, text, tok, tok, span[0], span[1], speaker, "refusal", 0.7)


def _asker(tok: Token) -> Token | None:
    """Who asks, for a question frame with a subject: the subject of an active "asked X if …"
    (``Voss asked Korr if …``, ``shook hands and asked workers if …``); None for the subjectless
    or passive frame ("asked whether …", "he was asked what happened …"), whose asker the
    sentence does not name, unless a "by" agent does ("was asked by host Lena Voss whether …")."""
    holder = _view_holder(tok)
    if holder is not None:
        return holder
    if is_question_frame(tok) or any(c.dep_ == "nsubjpass" for c in children(tok)):
        return None
    subj = subject_of(tok)
    return subj if subj is not None and subj.lower_ not in _NO_CONTENT_SUBJECTS else None


def _asked_with_subject(tok: Token) -> bool:
    """ "X was asked if C" (a passive, its subject the one asked) or "X asked Y if C" (an active
    whose if-clause the parser hangs as an adverbial clause, which the speech rules skip)."""
    if tok.lemma_.lower() not in cues.QUESTION_FRAMES:
        return False
    if tok.tag_ == "VBN" and any(c.dep_ == "nsubjpass" for c in children(tok)):
        # Only with its asker named ("was asked by host Lena Voss whether …"): our gold, unlike
        # PolNeAR, leaves the bare "X was asked whether …" out (the answer is the quote).
        return _view_holder(tok) is not None
    marked = (
        c
        for c in children(tok)
        if c.dep_ == "advcl"
        and c.i > tok.i
        and any(g.dep_ == "mark" and g.lower_ in _QUESTION_MARKS for g in children(c))
    )
    return _asker(tok) is not None and next(marked, None) is not None


def question_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """ "(When) asked whether/if/why C, …" or "asked about X": the reporter's question, with no
    speaker; "X was asked if C" likewise; "X asked Y if C": X's question."""
    from stancewire.nlp.quotes.indirect import content_span, finish

    if not is_question_frame(tok) and not _asked_with_subject(tok):
        return None
    comp = next(
        (
            c
            for c in children(tok)
            if c.dep_ in ("ccomp", "advcl", "xcomp")
            and c.i > tok.i
            and (
                any(g.dep_ == "mark" and g.lower_ in _QUESTION_MARKS for g in children(c))
                or c.left_edge.lower_ in _WH_WORDS
            )
        ),
        None,
    )
    first = comp.left_edge.i if comp is not None else 0
    if comp is None:
        # "Asked about the deportations, …": the topic of the question.
        about = next((c for c in children(tok) if c.dep_ == "prep" and c.lower_ == "about"), None)
        comp = next((g for g in children(about) if g.dep_ == "pobj"), None) if about is not None else None
        first = comp.left_edge.i if comp is not None else 0
    if comp is None or idx.in_direct[comp.i]:
        return None
    span = content_span(doc, first, comp.right_edge.i)
    if span is None:
        return None
    return finish(doc, text, tok, tok, span[0], span[1], _asker(tok), "question", 0.6)
