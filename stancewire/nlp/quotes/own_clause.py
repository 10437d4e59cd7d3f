"""A clause with a subject and a report of its own ends the content it trails.

"Varga said the levy was fair, and she railed against its critics", "Kell often says he is not
running, but he has also cited the polls", "Brask said all staff sign the pledge, though she
did not discuss its terms", "Lind acknowledged some errors even as he defended the plan": the
parser hangs the second clause inside the first report's content (or the content rule runs on
over it), so that report swallows a second attribution, whose own cue then sits inside it and is
dropped as a nested part of it. PolNeAR ends the first content before the joining words and
annotates the second clause as a report of its own.

Only a clause that opens with its own subject after a joining word (", and", "but", "though",
"even as", ", when") and whose verb is itself a cue with that subject as its speaker counts:
"said A and that he would B" (a complementiser) and "said he would resign when they asked him"
(a plain "when", no comma) are still one report. A pronoun subject also counts before a speech
verb the rules found no content for; a named or noun subject (", while Velk insisted …", "even
though many observers doubt …") only with the report found for it, and only for a speech or
belief verb, not after ", when", and after "while" only for a speech verb.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from stancewire.nlp import cues, doccache
from stancewire.nlp.quotes.candidate import DocIndex, QuoteCandidate
from stancewire.nlp.quotes.source_phrase import POLL_RULE
from stancewire.nlp.quotes.text import trim
from stancewire.nlp.quotes.words import BELIEF_VERBS

# The subjects a second clause opens with: the first report's speaker taken up again.
_PRONOUN_IDS = doccache.string_ids(("he", "she", "they", "we", "i"))
# Coordinators: ", and he ..." (a comma needed: "said A and he B" may be one report) and "but".
_JOINS = frozenset({"and", "but"})
# Subordinators that always open a clause of the writer's ("though she did not discuss …").
_CONCESSIVE = frozenset({"though", "although", "whereas"})
# Subordinators that do only after a comma or "even" (", when he told …", "even as he
# defended …"): "said he would resign when they asked him" is one report.
_TEMPORAL = frozenset({"as", "when", "while"})
_COMMAS = frozenset({",", "—", "–"})
# Contrasts that set a noun's act or aim against the first clause and so often belong to its
# content ("said only he kept his promise, while Velk sought a deal").
_CONTRASTS = frozenset({"while", "whereas"})
# The heads a trailing clause has in the parse: a conjunct, an adverbial clause, or a relative
# clause when "when" follows a time ("in October, when he told …").
_CLAUSE_DEPS = frozenset({"conj", "advcl", "relcl"})
# Frames over the whole sentence: "According to the Ledger, Reyes praised X, and she asked Y"
# and "In a Ledger poll, 38 percent said X, while 60 percent said Y" report both clauses.
_WHOLE_SENTENCE_RULES = frozenset({"according", POLL_RULE})


def end_before_own_clauses(doc: Doc, text: str, idx: DocIndex, quotes: Sequence[QuoteCandidate]) -> None:
    """End each content (in place) before a trailing clause with a report of its own (module
    doc), so that report is no longer nested in it."""
    toks = doccache.tokens(doc)
    reports = {(q.cue_start, q.speaker_token): q.start for q in quotes}
    for s in doccache.where(doc, LOWER, _PRONOUN_IDS):
        subj = toks[s]
        v = subj.head
        if subj.dep_ != "nsubj" or v.dep_ not in _CLAUSE_DEPS or idx.in_quote[v.i]:
            continue
        # The clause's verb is a cue with that subject as its speaker; or a speech verb the
        # rules found no content for ("though he did not say who"), which still ends the
        # content before it.
        own = reports.get((v.idx, s))
        if own is None and not (v.pos_ == "VERB" and v.lemma_.lower() in cues.speech_verbs()):
            continue
        _end_before_clause(text, toks, quotes, s, v, own)
    # A named or noun subject (", and Kell insisted …", ", while most voters said …") counts only
    # when its verb is the cue of a report found with that subject as speaker: a noun is no
    # first speaker taken up again, so only its own report says the clause is a new one.
    for q in quotes:
        s = q.speaker_token
        if s is None or q.cue_start is None or toks[s].lower in _PRONOUN_IDS:
            continue
        subj = toks[s]
        v = subj.head
        if subj.dep_ != "nsubj" or v.idx != q.cue_start or v.dep_ not in _CLAUSE_DEPS or idx.in_quote[v.i]:
            continue
        first = subj.left_edge.i
        if _noun_clause_is_own(toks, first, v):
            _end_before_clause(text, toks, quotes, first, v, q.start)


def _noun_clause_is_own(toks: Sequence[Token], first: int, v: Token) -> bool:
    """Whether the clause of verb ``v`` whose noun subject opens at token ``first`` is a report of
    its own and not more of the content before it. Only words and beliefs count: an act ("…,
    but a judge refused to let them", "and people here see it as a strength") is often what the
    first speaker tells; a ", when" clause tells of the moment the content speaks of ("was a
    question last week, when a student asked …"); after a contrast ("found 28 percent backed
    Kell, while 23 percent favored Velk") only a report in words is one of its own."""
    lemma = v.lemma_.lower()
    word = toks[first - 1].lower_ if first else ""
    if word == "when":
        return False
    if word in _CONTRASTS:
        return lemma in cues.speech_verbs()
    return lemma in cues.speech_verbs() or lemma in BELIEF_VERBS


def _end_before_clause(
    text: str, toks: Sequence[Token], quotes: Sequence[QuoteCandidate], first: int, v: Token, own: int | None
) -> None:
    """End the contents before the clause of verb ``v``, whose subject opens at token ``first``,
    at the words that join it on; ``own`` is where the clause's own report's content starts."""
    j = _joining_words(toks, first)
    if j is None:
        return
    cut = toks[j].idx
    if own is not None and own < cut:
        return  # "…, as she argued": the clause says who holds the content before it
    last = toks[v.right_edge.i]
    _end_contents_at(text, quotes, cut, last.idx + len(last.text))


def _end_contents_at(text: str, quotes: Sequence[QuoteCandidate], cut: int, clause_end: int) -> None:
    """End at ``cut`` every content that runs over it from a cue before it, when the clause
    from ``cut`` to ``clause_end`` closes that content: a fronted "although he opposed it, he
    will vote for it" is the content's own first half, with the content's verb after it."""
    for q in quotes:
        if q.cue_start is None or q.cue_start >= cut or not q.start < cut < q.end or q.end > clause_end:
            continue
        if q.rule in _WHOLE_SENTENCE_RULES:
            continue
        a, b = trim(text, q.start, cut)
        if text[a:b].endswith(" -"):
            a, b = trim(text, a, b - 2)  # a spaced hyphen stands for a dash: "done so - though he"
        if len(text[a:b].split()) >= 2:
            q.end = b


def _joining_words(toks: Sequence[Token], s: int) -> int | None:
    """The first of the words that join a clause whose subject is token ``s`` to the clause
    before (", and" counts from "and"; "even as" from "even"), or None when none do."""
    if s < 2:
        return None
    word, prev = toks[s - 1].lower_, toks[s - 2]
    if word in _JOINS and (word == "but" or prev.text in _COMMAS):
        return s - 1
    if word in _CONCESSIVE:
        return s - 2 if prev.lower_ == "even" else s - 1
    if word in _TEMPORAL and prev.lower_ == "even":
        return s - 2
    if word in _TEMPORAL and prev.text in _COMMAS:
        return s - 1
    return None
