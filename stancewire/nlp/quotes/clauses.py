"""Any verb that reports a clause from someone: "Trump insinuated that the election was rigged",
"Clinton wondered whether the deal would hold", "Sanders questioned why the banks were bailed out".

The cue lexicons cover the common speech, belief and evaluation verbs, but political news
attributes positions with a long tail of verbs (hundreds of lemmas, most seen once or twice):
lexicon entries one at a time cannot reach them. The shape can. A verb whose subject is someone
who can speak (a name of a person, organisation, group or country, a personal pronoun, a role
or group noun) and whose complement is a finite clause ("that/whether/if C" or a bare clause)
or an indirect wh-question reports that clause as the subject's content; PolNeAR annotates the
verb as the cue and the clause as the content.

Light and eventive verbs that take clauses without reporting them ("made sure that", "saw that
the hall was full", "it means that") are left out by a stop list; a verb in a lexicon of its own
never reaches this rule (the lexicon's frame decides there).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from stancewire.nlp import doccache
from stancewire.nlp.doccache import children
from stancewire.nlp.quotes.candidate import DocIndex, QuoteCandidate
from stancewire.nlp.quotes.set_in import set_in_frame
from stancewire.nlp.quotes.speakers import speaker_like
from stancewire.nlp.quotes.syntax import WH_OPENERS, is_negated, is_question_frame, said_to_be, subject_of
from stancewire.nlp.quotes.words import CLAUSE_STOP_VERBS


def _complement(tok: Token, idx: DocIndex) -> Token | None:
    """The clause ``tok`` reports: a ccomp after it that is a finite clause or a wh-question."""
    for c in children(tok):
        if c.dep_ != "ccomp" or c.i < tok.i or idx.in_direct[c.i]:
            continue
        if c.pos_ not in ("VERB", "AUX"):
            continue
        if c.left_edge.lower_ in WH_OPENERS:
            return c
        # A finite clause: a subject of its own (a bare "to" clause is an infinitive, not this shape).
        if any(g.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for g in children(c)):
            return c
    return None


def _reported(
    doc: Doc,
    text: str,
    idx: DocIndex,
    tok: Token,
    cue_end: Token,
    speaker: Token | None,
    first: int,
    last: int,
    rule: str,
    confidence: float,
) -> QuoteCandidate | None:
    """The attribution of tokens first..last to ``speaker``, if the speaker can speak and stands
    outside a direct quote (the shared tail of the frames below)."""
    from stancewire.nlp.quotes.indirect import content_span, finish  # indirect imports this module

    if speaker is None or not speaker_like(speaker) or idx.in_direct[speaker.i]:
        return None
    span = content_span(doc, first, last)
    if span is None:
        return None
    return finish(doc, text, tok, cue_end, span[0], span[1], speaker, rule, confidence)


def clause_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """A verb outside the cue lexicons with a speaker-like subject and a reported clause."""

    if tok.pos_ != "VERB" or tok.lemma_.lower() in CLAUSE_STOP_VERBS:
        return None
    if tok.dep_ in ("amod", "compound", "acl", "relcl", "ccomp", "xcomp") and tok.tag_ in ("VBN", "VBG"):
        return None  # a modifier or a participle inside another clause, not a report
    if is_negated(tok) or is_question_frame(tok) or said_to_be(tok):
        return None
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in children(tok)):
        return None  # "if she concludes that ...": a condition, not a report
    comp = _complement(tok, idx)
    if comp is None:
        return None
    return _reported(
        doc, text, idx, tok, tok, subject_of(tok), comp.left_edge.i, comp.right_edge.i, "clause", 0.62
    )


# Clause-taking speech cues whose clause the parser sometimes breaks up: "the candidate said
# families of people killed by police file lawsuits" parsed with "families" as the object of
# "said" and the verb swallowed into a noun phrase.
_CLAUSE_CUES = frozenset(
    {"say", "add", "argue", "contend", "insist", "claim", "acknowledge", "admit", "tell"}
)
# Cues that take a noun object as readily as a clause ("revealed the plan", "confirmed the
# date"): for them only a "that" after a fronted phrase marks the broken clause ("disclosed for
# the first time that …", the clause hung as a relative of "time"), never the rest of the sentence.
_FRONTED_THAT_CUES = frozenset(
    {"reveal", "disclose", "confirm", "announce", "concede", "note", "warn", "predict", "testify", "recall"}
)
_BROKEN_CLAUSE_CUES = _CLAUSE_CUES | _FRONTED_THAT_CUES
# Objects that are no broken clause: "said it", "said so", "said nothing".
_NOT_CLAUSE_START = frozenset(
    {"it", "so", "nothing", "something", "anything", "this", "that", "no", "yes", "much", "little", "more"}
)
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def broken_clause_frame(
    doc: Doc, text: str, tok: Token, idx: DocIndex, speaker: Token
) -> QuoteCandidate | None:
    """A clause cue left without a clause by a misparse: the rest of the sentence, when it holds a
    finite verb ("said families … file lawsuits"); after a fronted phrase, from its "that" ("said
    following a vote in 2001 that he had …")."""
    from stancewire.nlp.quotes.indirect import content_span, finish  # indirect imports this module

    lemma = tok.lemma_.lower()
    if lemma not in _BROKEN_CLAUSE_CUES or tok.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    if tok.dep_ in ("relcl", "acl", "advcl", "amod"):
        return None  # "which claimed responsibility for …", "everything Trump says is true"
    if speaker.i > tok.i or doccache.sent(speaker) != doccache.sent(tok):
        return None  # "“…,” said Lee Epstein, who teaches …": a quote's frame, inverted
    if set_in_frame(doc, tok, idx) is not None:
        return None  # "The plan, Voss said Monday, was never funded": the clause around the
        # frame is the content (indirect.parenthetical), not the rest after it
    before, sent_start = tok.i - 1, doccache.sent(tok).start
    while before >= sent_start and (doc[before].is_punct or doc[before].i >= speaker.left_edge.i):
        if idx.in_quote[before] or (doc[before].is_quote and doc[before].tag_ != "POS"):
            # "“…,” Rubio said Sunday as the crowd roared": a quote's frame (the apostrophe of
            # "the Nurses' Union" is a possessive, no quote mark)
            return None
        before -= 1
    sent_end = doccache.sent(tok).end
    first = tok.i + 1
    if tok.lemma_.lower() == "tell":
        # "told reporters outside the courthouse (that) …": past whom the speaker told.
        told = next((c for c in children(tok) if c.dep_ in ("dobj", "dative") and c.i == first), None)
        if told is None:
            return None
        first = told.right_edge.i + 1
    if first >= sent_end or idx.in_quote[first] or doc[first].is_punct:
        return None  # "said:", "said, “…”": a quote's frame, not a clause
    if doc[first].pos_ in ("ADP", "VERB", "SCONJ") and doc[first].lower_ != "that":
        # "said in a statement that …", "said following a vote that …": the clause starts
        # after its complementiser, if there is one in reach; without one, where a clause the
        # parser hung on the phrase's noun as a relative opens with its own subject ("said
        # outside the courthouse his client would plead not guilty").
        that = next((t for t in doc[first : min(sent_end, first + 12)] if _complementiser(t)), None)
        clause = _clause_in_phrase(doc[first]) if that is None and lemma in _CLAUSE_CUES else None
        if that is None and clause is None:
            return None
        first = that.i + 1 if that is not None else clause.left_edge.i
    elif lemma not in _CLAUSE_CUES:
        return None  # "revealed the plan that …": a noun object, no broken clause
    elif doc[first].lower_ == "that" and doc[first].tag_ == "IN":
        first += 1
    if first >= sent_end:
        return None
    if first == tok.i + 1 and doc[first].lower_ in _NOT_CLAUSE_START:
        return None  # "said it", "said so"; after a "that" ("said in a statement that it would …")
        # the same words open the clause
    last = sent_end - 1
    if any(idx.in_direct[j] for j in range(first, last + 1)):
        return None
    if not any(t.tag_ in _FINITE for t in doc[first + 1 : last + 1]) or last - first < 3:
        return None
    span = content_span(doc, first, last)
    if span is None:
        return None
    return finish(doc, text, tok, tok, span[0], span[1], speaker, "ccomp-broken", 0.6)


def _clause_in_phrase(prep: Token) -> Token | None:
    """A finite clause the parser hung as a relative on the object of ``prep`` although no
    relative word opens it: its subject comes first ("outside the courthouse his client would
    plead": "plead" with "his client" as subject)."""
    pobj = next((c for c in children(prep) if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    for c in children(pobj):
        if c.dep_ != "relcl" or c.i < pobj.i:
            continue
        kids = children(c)
        subj = next((g for g in kids if g.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.tag_ in ("WDT", "WP", "WP$") or subj.left_edge.i != c.left_edge.i:
            continue
        if any(g.tag_ in ("WDT", "WP", "WRB") for g in kids):
            continue
        return c
    return None


def _complementiser(t: Token) -> bool:
    """A "that" opening the cue's clause after a fronted phrase. The parser may read it as a
    relative pronoun of the phrase's last noun ("said before attending the town hall that the
    network asked her to …"); a relative "that" missing its subject is followed by the verb,
    one opening a clause by the clause's own subject."""
    if t.lower_ != "that":
        return False
    if t.tag_ == "IN":
        return True
    nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
    return (
        t.tag_ == "WDT"
        and t.dep_ not in ("nsubj", "nsubjpass")
        and nxt is not None
        and nxt.pos_ in ("DET", "PROPN", "PRON", "NOUN", "NUM", "ADJ")
        and nxt.dep_ != "poss"
    )


# Copulas whose adjective can report a stance: "are concerned that", "remain confident that".
_COPULAS = frozenset({"be", "remain", "feel", "become", "stay", "grow", "appear", "seem"})
# Adjectives that only take a clause as a fact, not a position ("it is likely that" has an
# expletive subject anyway; "X was glad/able/due" are no attributions of a clause).
_NOT_STANCE_ADJECTIVES = frozenset(
    {"able", "unable", "due", "likely", "unlikely", "possible", "free", "ready", "set", "close", "similar",
     "next", "home", "back", "available", "responsible", "present", "busy", "bound",
     # States and statuses, not positions: "subject to criticism", "ineligible to apply".
     "subject", "dependent", "eligible", "ineligible", "married", "short", "immune", "susceptible",
     "qualified", "positioned", "competitive", "familiar", "related", "equal", "entitled", "allowed"}
)  # fmt: skip
# Adjectives whose infinitive is a prediction or a fact, not the holder's stance ("is sure to
# win", "is certain to face a vote").
_RAISING_ADJECTIVES = frozenset({"sure", "certain", "about", "poised", "expected"})
# Prepositions that put the object of a stance adjective: "open to", "angry at", "tepid about".
_STANCE_PREPS = frozenset({"about", "of", "at", "to", "with", "toward", "towards", "on", "over"})
# "made (it) clear that …", "made known that …": the light verb with a predicate of saying.
_MADE_PREDICATES = frozenset({"clear", "plain", "known", "explicit"})


def _that_clause(heads: list[Token], after: int, idx: DocIndex) -> Token | None:
    """The first clause under ``heads`` after token ``after`` opened by "that"/"whether"/"if"."""
    for h in heads:
        for c in children(h):
            if c.i <= after or c.pos_ not in ("VERB", "AUX") or idx.in_direct[c.i]:
                continue
            if c.dep_ in ("ccomp", "csubj", "advcl") and any(
                g.dep_ == "mark" and g.lower_ in ("that", "whether", "if") for g in children(c)
            ):
                return c
            if c.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in children(c)):
                return c
    return None


def adjective_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """ "Some Democrats are concerned that C", "labor leaders remain confident that C", "he
    was adamant that C": an adjective of stance with a clause, its holder the subject."""

    head = tok.head
    if (
        tok.dep_ != "acomp"
        or head.lemma_.lower() not in _COPULAS
        or tok.lemma_.lower() in _NOT_STANCE_ADJECTIVES
    ):
        return None
    if is_negated(head) or any(
        c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in children(head)
    ):
        return None
    if head.dep_ == "xcomp":
        return None  # "is said to be furious", "seems to be open": the outer verb's frame
    if tok.tag_ in ("JJR", "JJS"):
        return None  # "harder to ignore", "easier to please": a comparison, not a stance
    if any(c.dep_ == "advmod" and c.lower_ in ("so", "too") for c in children(tok)):
        return None  # "so blatant that C": a result clause, not a stance
    comp = _that_clause([tok, head], tok.i, idx)
    cue_end, first = tok, -1
    if comp is None:
        # "is eager to get the book out", "was tepid about U.S. involvement", "angry at the
        # government": the infinitive or the prepositional object of the stance adjective.
        comp = next(
            (
                c
                for c in children(tok)
                if c.dep_ == "xcomp"
                and c.i > tok.i
                and tok.lemma_.lower() not in _RAISING_ADJECTIVES
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in children(c))
            ),
            None,
        )
        prep = next(
            (c for c in children(tok) if c.dep_ == "prep" and c.i == tok.i + 1 and c.lower_ in _STANCE_PREPS),
            None,
        )
        if comp is None and prep is not None:
            comp = next((g for g in children(prep) if g.dep_ in ("pobj", "pcomp")), None)
            if comp is not None and comp.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC"):
                return None  # "stay closed on Wednesday", "close to Dremmel": when or where
            cue_end = prep
            first = prep.i + 1
    if comp is None or idx.in_direct[comp.i]:
        return None
    first = comp.left_edge.i if first < 0 else first
    holder = _outside_a_comparison(head, tok)
    return _reported(
        doc, text, idx, tok, cue_end, subject_of(holder), first, comp.right_edge.i, "clause-adjective", 0.6
    )


def _outside_a_comparison(head: Token, tok: Token) -> Token:
    """The verb whose subject holds a stance adjective set off after a comparison: "she has been
    more careful than Kade has been, keen to …" is her keenness; the parser hangs the adjective in
    the "than" clause. Else ``head``."""
    if not any(c.dep_ == "mark" and c.lower_ == "than" for c in children(head)):
        return head
    if not any(w.lower_ == "," for w in tok.doc[head.i + 1 : tok.i]):
        return head
    for up in head.ancestors:
        if up.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in children(up)):
            return up
    return head


def made_clear_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """ "Clinton made it clear to House Democrats that she has their backs": the clause."""

    if tok.lemma_.lower() != "make" or tok.pos_ != "VERB" or is_negated(tok):
        return None
    pred = next((c for c in children(tok) if c.lower_ in _MADE_PREDICATES and c.i > tok.i), None)
    if pred is None:
        return None
    comp = _that_clause([pred, tok], pred.i, idx)
    if comp is None:
        return None
    return _reported(
        doc, text, idx, tok, pred, subject_of(tok), comp.left_edge.i, comp.right_edge.i, "made-clear", 0.65
    )
