"""Evaluation cues with an object as content: "Christie endorsed Trump", "Cruz blamed the law
on Democratic politicians", "voters supported Sanders".

In political news much of the stance is carried by who endorses, backs, opposes, praises or
blames whom; PolNeAR annotates the object (with the phrase that says why: "for", "as", "on",
"over") as the attributed content and the verb as the cue. Speech verbs with an object rule of
their own (praise, condemn) still go through it first; this frame takes what that rule leaves,
above all short objects ("endorsed Cruz", "opposed the tax", "Obama endorsed her"): PolNeAR
marks them, however short, when the subject can hold a position.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from stancewire.nlp import cues
from stancewire.nlp.doccache import children
from stancewire.nlp.quotes.candidate import DocIndex, QuoteCandidate
from stancewire.nlp.quotes.speakers import speaker_like
from stancewire.nlp.quotes.syntax import is_negated, is_question_frame, subject_of
from stancewire.nlp.quotes.words import (
    APPEARANCE_VERBS,
    EVALUATION_PREPS,
    NOUN_INFINITIVE_CUES,
    NOUN_PREP_CUES,
    POSITION_VERBS,
)

# Subjects that hold no position: expletives, demonstratives, generic "you", questions.
_NOT_HOLDERS = frozenset({"it", "this", "that", "there", "you", "what", "which", "these", "those"})
# Pronoun objects PolNeAR marks as the content of a stance ("Obama endorsed her", "opposed it").
_PERSONAL_OBJECTS = frozenset({"him", "her", "them", "it", "me", "us"})
# Nouns that can hold a position without being a name: a share of people ("62 percent").
_SHARE_NOUNS = frozenset(
    {"percent", "majority", "minority", "most", "half", "third", "quarter", "several", "many", "both"}
)
# Nouns of a number of people: "a growing number of senators", "a group of donors".
_COUNT_NOUNS = frozenset({"number", "group", "share", "handful", "dozen", "dozens", "hundreds", "thousands"})


def holder(tok: Token) -> Token | None:
    """The subject of ``tok`` when it can take a position: a name, a personal pronoun, a plural
    noun ("voters", "Republicans") or a share of people; not a thing ("the funds support ...")."""
    subj = subject_of(tok)
    if subj is None or subj.dep_ == "nsubjpass":
        return None
    return holder_token(subj)


def holder_token(subj: Token) -> Token | None:
    """``subj`` when it can take a position (:func:`holder`), else None."""
    if subj.lower_ in _NOT_HOLDERS:
        return None
    # "West Virginia used to back Democrats": a place votes, it takes no stand.
    if subj.pos_ == "PRON" or subj.lemma_.lower() in _SHARE_NOUNS or speaker_like(subj, places=False):
        return subj
    if subj.lemma_.lower() in _COUNT_NOUNS:
        # The people counted hold the position: "a growing number of Democratic senators".
        of = next((c for c in children(subj) if c.dep_ == "prep" and c.lower_ == "of"), None)
        people = next((g for g in children(of) if g.dep_ == "pobj"), None) if of is not None else None
        if people is not None and speaker_like(people, places=False):
            return subj
    return None


def under_appearance(tok: Token) -> bool:
    """``tok`` is the infinitive of an appearance verb ("seemed to *mock* the plan")."""
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in APPEARANCE_VERBS


def evaluation_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """The object of an evaluation verb (with its "for/as/on/over" phrase) as indirect content."""
    from stancewire.nlp.quotes.indirect import finish  # indirect imports this module

    if tok.pos_ != "VERB" or (tok.dep_ in ("amod", "acl", "compound") and tok.tag_ == "VBN"):
        return None
    if is_negated(tok) or is_question_frame(tok):
        return None
    if any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in children(tok)):
        return None  # "whether she would support the bill": a question, not a position
    if any(c.dep_ == "auxpass" for c in children(tok)):
        return _passive_evaluation(doc, text, tok, idx)
    aux = {c.lower_ for c in children(tok) if c.dep_ in ("aux", "auxpass")}
    if "to" in aux and not under_appearance(tok):
        # "wanted to endorse Sanders": an infinitive is the content of another cue. Not under
        # "seemed/appeared to": "Korr seemed to mock the plan" is Korr's hedged mockery.
        return None
    # "a super PAC backing Cruz", "voters supporting Sanders": the noun a participle modifies
    # holds the position (when it is someone who can).
    participle = tok.tag_ == "VBG" and not aux and tok.dep_ == "acl"
    speaker = holder_token(tok.head) if participle else holder(tok)
    if speaker is None:
        return None
    obj = next((c for c in children(tok) if c.dep_ in ("dobj", "obj") and c.i > tok.i), None)
    if obj is None:
        # "senators support reforming the superdelegate system": a gerund clause as object.
        gerunds = (c for c in children(tok) if c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG")
        obj = next((c for c in gerunds if c.i > tok.i), None)
    if obj is None or idx.in_direct[obj.i]:
        return None
    if obj.pos_ == "PRON" and obj.right_edge.i == obj.i and obj.lower_ not in _PERSONAL_OBJECTS:
        return None  # "backed this": no content without coreference
    first, last = obj.left_edge.i, obj.right_edge.i
    for c in children(tok):
        if c.i > last and c.dep_ == "prep" and c.lower_ in EVALUATION_PREPS:
            if any(g.ent_type_ in ("DATE", "TIME") for g in children(c)):
                continue  # "on Monday" says when, not why
            last = c.right_edge.i
    while last > first and doc[last].is_punct:
        last -= 1
    words = [t for t in doc[first : last + 1] if not t.is_punct and t.pos_ != "DET"]
    # A name or a bare pronoun ("endorsed her") is a position on someone; "his mother" is not.
    short = (
        len(words) < 3
        and not any(t.pos_ == "PROPN" for t in words)
        and not (first == last and obj.pos_ == "PRON")
    )
    lemma = tok.lemma_.lower()
    judging = lemma in _STANCE_ONLY and not (lemma == "reject" and obj.lemma_.lower() in _FILINGS)
    if short and lemma not in POSITION_VERBS and not judging:
        # "welcomed the plan", "embraced his mother": an act on a thing, not a position;
        # "praised the deal", "condemned the attack" judge it whatever its length.
        return None
    a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
    return finish(doc, text, tok, tok, a, b, speaker, "evaluation-object", 0.66)


# Evaluation verbs whose passive is a stance without a "by" phrase ("Korr was widely criticized");
# the others are often acts ("was attacked in the square", "was welcomed at the airport").
_STANCE_ONLY = frozenset(
    {"applaud", "commend", "condemn", "criticise", "criticize", "denounce", "deride", "disparage",
     "endorse", "lambaste", "laud", "oppose", "praise", "rebuke", "reject", "ridicule", "support"}
)  # fmt: skip


# These judge even a short object ("praised the deal", "rejected the plan"), but rejecting a
# filing is a ruling ("the judge rejected the appeal"), not a position.
_FILINGS = frozenset({"appeal", "motion", "petition", "lawsuit", "suit", "application", "case"})


def _passive_evaluation(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """ "The proposal was rejected by 64 percent of voters", "Varnay was endorsed by the union",
    "Korr was widely criticized": the one evaluated, the passive subject, is the content (as the
    object of the active verb is), and the "by" agent holds the position."""
    from stancewire.nlp.quotes.indirect import content_span, finish

    subj = next((c for c in children(tok) if c.dep_ == "nsubjpass" and c.i < tok.i), None)
    if subj is None or subj.lower_ in _NOT_HOLDERS or idx.in_direct[subj.i]:
        return None
    noun = subj.lemma_.lower()
    if noun in cues.NOUN_CUES or noun in NOUN_PREP_CUES or noun in NOUN_INFINITIVE_CUES:
        return None  # "Its plan to build reservoirs was criticised": the plan is its holder's quote
    agent = next((c for c in children(tok) if c.dep_ == "agent"), None)
    speaker = next((g for g in children(agent) if g.dep_ == "pobj"), None) if agent is not None else None
    if speaker is None and tok.lemma_.lower() not in _STANCE_ONLY:
        return None
    span = content_span(doc, subj.left_edge.i, subj.right_edge.i)
    if span is None:
        return None
    return finish(doc, text, tok, tok, span[0], span[1], speaker, "evaluation-passive", 0.6)


def view_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """ "Democrats see Sanders as a threat", "voters view her unfavorably", "she sees incomes
    rising": the object with its "as" phrase or predicate is the holder's view of it.

    "see" alone is mostly perception ("saw the film"): only an object followed by "as …" or
    a predicate (a clause, a participle, an adjective or adverb of judgement) makes it a view.
    """
    from stancewire.nlp.quotes.indirect import cut_at_cue, finish

    if tok.pos_ != "VERB" or tok.tag_ == "VBN" or is_question_frame(tok):
        return None
    speaker = holder(tok)
    if speaker is None:
        return None
    obj = next((c for c in children(tok) if c.dep_ in ("dobj", "obj") and c.i > tok.i), None)
    if obj is None:
        return _small_clause(doc, text, tok, idx, speaker)
    if idx.in_direct[obj.i]:
        return None
    pred = next(
        (
            c
            for c in children(tok)
            if c.i > obj.i
            and (
                (c.dep_ == "prep" and c.lower_ == "as")
                or c.dep_ in ("oprd", "ccomp", "xcomp")
                or (c.dep_ == "advmod" and c.lower_.endswith("ly") and c.i == obj.right_edge.i + 1)
            )
        ),
        None,
    )
    if pred is None:
        # "see immigrants as a burden" with "as" hung from the object.
        pred = next((c for c in children(obj) if c.dep_ == "prep" and c.lower_ == "as"), None)
    if pred is None:
        # "see the elections held Sunday as a test", "see the campaign as most unfair": the
        # parser hangs "as" deeper, from the object's modifier or an adverbial clause.
        pred = _deep_as(doc, tok, obj)
    if pred is None or idx.in_direct[pred.i]:
        return None
    first = obj.left_edge.i
    last = cut_at_cue(doc, first, max(pred.right_edge.i, obj.right_edge.i))
    while last > first and doc[last].is_punct:
        last -= 1
    a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
    return finish(doc, text, tok, tok, a, b, speaker, "belief-view", 0.62)


# Verbs whose "as" is their own, not the viewer's ("served as mayor", "known as", "such as").
_NOT_VIEW_AS_BEFORE = frozenset({"such", "well", "so", "just", "same"})


def _deep_as(doc: Doc, tok: Token, obj: Token) -> Token | None:
    """The child of ``tok`` after ``obj`` whose subtree holds the "as" of the view, when the
    parser hung "as" below it; None when that "as" belongs to a clause with a subject of its own
    ("see the man who served as mayor") or is "such as" / "as well as"."""
    for j in range(obj.i + 1, tok.right_edge.i + 1):
        t = doc[j]
        if t.lower_ != "as" or t.dep_ not in ("prep", "mark", "advmod"):
            continue
        if doc[j - 1].lower_ in _NOT_VIEW_AS_BEFORE or (
            j + 1 < len(doc) and doc[j + 1].lower_ in ("well", "if")
        ):
            continue
        node = t
        while node.head.i != tok.i:
            if node.head.i == node.i:
                return None
            node = node.head
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in children(node)):
                return None  # the "as" of another clause
        if node.i > obj.i or node.i == obj.i:
            return node
    return None


def _small_clause(doc: Doc, text: str, tok: Token, idx: DocIndex, speaker: Token) -> QuoteCandidate | None:
    """ "Netanyahu considers Obama hopelessly naive", "she considers him a racist": the parser
    makes the object the subject of a verbless clause (an adjective or a noun with a subject of
    its own); that clause is the view."""
    from stancewire.nlp.quotes.indirect import content_span, finish

    comp = next(
        (
            c
            for c in children(tok)
            if c.dep_ == "ccomp"
            and c.i > tok.i
            and c.pos_ in ("ADJ", "NOUN")
            and any(g.dep_ == "nsubj" and g.i < c.i for g in children(c))
        ),
        None,
    )
    if comp is None or idx.in_direct[comp.i]:
        return None
    span = content_span(doc, comp.left_edge.i, comp.right_edge.i)
    if span is None:
        return None
    return finish(doc, text, tok, tok, span[0], span[1], speaker, "belief-view", 0.62)
