"""Cues whose content is a to-infinitive or a predicate about their subject, not a clause:

* appearance: "Trump seemed to suggest that …", "Ramos appeared uneasy", "it appears that …";
* passive raising: "Obama is expected to join Clinton on the trail";
* refusal: "Manafort declined to identify anyone involved";
* the reporter's question: "Asked whether he would support Trump, …".

In political news these carry much of what actors are said to think and intend. PolNeAR
annotates the subject together with the infinitive or predicate as the content of an appearance
or raising cue, with no source: it is the writer's reading of the subject, so these quotes carry
no speaker token (the attribution code leaves them without a speaker). A refusal is the
subject's own act, so its subject is the speaker and the infinitive ("to identify …") the
content. A question frame with no subject ("Asked whether …") is the reporter's question: the
"whether/if" clause is the content, and it has no speaker either.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from stancewire.nlp import cues
from stancewire.nlp.quotes.candidate import DocIndex, QuoteCandidate
from stancewire.nlp.quotes.syntax import SUBJ, is_question_frame, subject_of, to_infinitive

# Subjects that make "X seemed to …" no attribution: "there seems to be", "this appears to …".
_NO_CONTENT_SUBJECTS = frozenset({"there", "this", "that", "these", "those", "what"})
# Clause openers that make a question ("asked whether/if …").
_QUESTION_MARKS = frozenset({"whether", "if"})
# Words that open an indirect wh-question ("asked why he trailed Clinton").
_WH_WORDS = frozenset({"why", "what", "how", "who", "whom", "when", "where", "which"})


def _subject(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ in SUBJ and c.i < tok.i), None)


def _is_likeness(c: Token) -> bool:
    """ "like X" or "as if C" after an appearance verb: its predicate."""
    if c.dep_ == "prep" and c.lower_ == "like":
        return True
    marks = ("if", "like", "though")
    return c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in marks for g in c.children)


def _predicate_end(tok: Token, comp: Token) -> int:
    """Last token of an appearance predicate: the complement, and what the parser hung from the
    verb after it ("appeared to end his bid *owing $200,000*", "seemed to gain, *given her
    record*"), up to the end of the verb's own phrase."""
    last = comp.right_edge.i
    for c in tok.children:
        if c.i > last and c.dep_ in ("advcl", "prep", "npadvmod", "conj") and not c.is_punct:
            if c.dep_ == "conj" and any(g.dep_ in SUBJ for g in c.children):
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
    clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
    if subj.lower_ == "it" and clause is None and not any(_is_likeness(c) for c in tok.children):
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
            (c for c in tok.children if c.dep_ in ("acomp", "oprd", "attr") and c.i > tok.i), None
        )
        if comp is None:
            # "seemed like an obstacle", "looked as if it might be an anticlimax".
            comp = next((c for c in tok.children if c.i > tok.i and _is_likeness(c)), None)
        if comp is None or idx.in_direct[comp.i]:
            return None
        if comp.dep_ == "xcomp" and cues.is_speech_verb(comp.lemma_.lower()):
            return None  # "seemed to suggest that C": the speech cue quotes C with its speaker
        span = content_span(doc, subj.left_edge.i, _predicate_end(tok, comp))
        rule = "belief-appearance"
    if span is None:
        return None
    return finish(doc, text, tok, tok, span[0], span[1], None, rule, 0.6)


def raising_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """ "X is expected/believed to C": X with the infinitive, no speaker (the module doc)."""
    from stancewire.nlp.quotes.indirect import content_span, finish

    if tok.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in tok.children):
        return None
    if any(c.dep_ == "agent" for c in tok.children):
        return None  # "is expected by analysts to …": an agent is a speaker; not this rule
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    comp = to_infinitive(tok)
    if subj is None or comp is None or subj.lower_ in _NO_CONTENT_SUBJECTS | {"it"}:
        return None
    if idx.in_direct[subj.i] or idx.in_direct[comp.i]:
        return None
    span = content_span(doc, subj.left_edge.i, comp.right_edge.i)
    if span is None:
        return None
    return finish(doc, text, tok, tok, span[0], span[1], None, "belief-raising", 0.6)


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


def question_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """ "(When) asked whether/if/why C, …" or "asked about X": the reporter's question, with no
    speaker."""
    from stancewire.nlp.quotes.indirect import content_span, finish

    if not is_question_frame(tok):
        return None
    comp = next(
        (
            c
            for c in tok.children
            if c.dep_ in ("ccomp", "advcl", "xcomp")
            and c.i > tok.i
            and (
                any(g.dep_ == "mark" and g.lower_ in _QUESTION_MARKS for g in c.children)
                or c.left_edge.lower_ in _WH_WORDS
            )
        ),
        None,
    )
    first = comp.left_edge.i if comp is not None else 0
    if comp is None:
        # "Asked about the deportations, …": the topic of the question.
        about = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "about"), None)
        comp = next((g for g in about.children if g.dep_ == "pobj"), None) if about is not None else None
        first = comp.left_edge.i if comp is not None else 0
    if comp is None or idx.in_direct[comp.i]:
        return None
    span = content_span(doc, first, comp.right_edge.i)
    if span is None:
        return None
    return finish(doc, text, tok, tok, span[0], span[1], None, "question", 0.6)
