"""Findings attributed with "in": "In the new Morning Consult poll, 40 percent of likely voters
back Sanders", "Mr. Trump is ahead in public opinion polls in Florida"; and a view given from
someone's standpoint: "For most Democrats, the Clinton years remain the good old days", "To
Frank, the party line is a fantasy" (:func:`perspective_frame`).

A poll or survey named in an "in" phrase is the source of the clause it modifies, as with
"according to a poll"; PolNeAR annotates "in" as the cue. Only polls and surveys count: "in a
speech" or "in Iowa" is the setting of an act, and a speech verb in the clause ("In a
statement, the department said …") has an attribution of its own.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from stancewire.nlp import cues, doccache
from stancewire.nlp.doccache import children
from stancewire.nlp.quotes.candidate import DocIndex, QuoteCandidate
from stancewire.nlp.quotes.speakers import speaker_like
from stancewire.nlp.quotes.syntax import subject_of
from stancewire.nlp.quotes.words import BELIEF_VERBS, POLL_NOUNS

POLL_RULE = "according-in"


def in_poll_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """The clause an "in <poll>" phrase modifies, the poll as its source (module doc)."""
    from stancewire.nlp.quotes.indirect import cut_at_cue, finish  # indirect imports this module

    if tok.dep_ != "prep":
        return None
    pobj = next((c for c in children(tok) if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_.lower() not in POLL_NOUNS or _standings(pobj):
        return None
    head = tok.head
    sent = doccache.sent(tok)
    if _cites_source(sent):
        # "Morn leads Kade in national polls by three points, according to the average of recent
        # polls compiled by Halden Research": the "in" phrase says where the figure stands, the
        # "according to" phrase whose measure it is; that one is the source.
        return None
    fronted = tok.i == sent.start or (tok.i == sent.start + 1 and doc[sent.start].is_punct)
    closing = all(doc[j].is_punct for j in range(tok.right_edge.i + 1, sent.end))
    if head.pos_ not in ("VERB", "AUX") and not fronted and closing:
        # "... have a favorable view of Trump in a new poll.": the parser hangs a closing poll
        # phrase from the nearest noun; it still sources the whole clause.
        head = sent.root
    if fronted and head.dep_ == "ROOT":
        # "In the most recent survey, 71 percent of supporters approved of Obama": the rest of the
        # sentence, whatever the parser made its root ("percent" as a noun root).
        pass
    elif head.pos_ not in ("VERB", "AUX") or head.dep_ not in ("ROOT", "ccomp", "conj"):
        return None
    lemma = head.lemma_.lower()
    # "In a new poll, 40 percent said …": the respondents' answers are the poll's finding, and
    # PolNeAR gives the whole clause (share and verb too) to the poll. A fronted poll phrase
    # only, over a share of respondents; anyone else's cue ("In a poll released Monday, the
    # pollster said …", "… said in a poll") quotes its own speaker.
    if (lemma in cues.speech_verbs() or lemma in BELIEF_VERBS or lemma == "show") and not (
        fronted and _share_of_respondents(subject_of(head))
    ):
        return None
    first, last = head.left_edge.i, head.right_edge.i
    if tok.i < head.i:
        first = tok.right_edge.i + 1  # "In the new poll, C": the clause after the phrase
    elif tok.right_edge.i == last or doc[tok.right_edge.i + 1].is_punct or closing:
        last = tok.i - 1  # "C in public opinion polls.": the clause before it
        if closing and head.i != tok.head.i:
            # The clause a closing phrase sources starts after a fronted adverbial ("As a
            # result, C in a new poll").
            comma = next((j for j in range(first, head.i) if doc[j].text == ","), None)
            if comma is not None and all(doc[j].dep_ != "nsubj" for j in range(first, comma)):
                first = comma + 1
    # else the phrase sits inside the clause ("leads Trump in national polls by three points"):
    # the whole clause is the content.
    last = cut_at_cue(doc, first, last)
    while first <= last and (doc[first].is_punct or doc[first].dep_ == "cc"):
        first += 1
    while last >= first and doc[last].is_punct:
        last -= 1
    if last - first < 2 or any(idx.in_direct[j] for j in (first, last)):
        return None
    a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
    return finish(doc, text, tok, tok, a, b, pobj, POLL_RULE, 0.65)


def _standings(pobj: Token) -> bool:
    """Whether a bare "(the) polls" says where someone stands, not whose finding a clause is:
    "slid in the polls", "ahead in polls", "sits at single digits in the polls". A finding
    names its poll ("in a CNN poll", "in January polls", "in most surveys")."""
    return all(c.dep_ == "det" and c.lower_ == "the" for c in children(pobj))


def _cites_source(sent: Span) -> bool:
    """Whether the sentence names its source with "according to"."""
    return any(t.lower_ == "according" and t.i + 1 < sent.end and t.nbor(1).lower_ == "to" for t in sent)


# Heads of a share of respondents: "40 percent", "a majority of voters", "most", "31%".
_SHARE_HEADS = frozenset(
    {"percent", "%", "majority", "minority", "most", "half", "third", "quarter", "plurality"}
)


def _share_of_respondents(subj: Token | None) -> bool:
    """Whether a subject counts a share of the people polled: a share noun or a number
    ("40 percent of voters", "a majority", "1,409 teachers", "six in 10")."""
    if subj is None:
        return False
    if subj.lemma_.lower() in _SHARE_HEADS or subj.like_num:
        return True
    return any(c.dep_ == "nummod" for c in children(subj))


def drop_polled_answers(idx: DocIndex, quotes: list[QuoteCandidate]) -> list[QuoteCandidate]:
    """ "In a new poll, 40 percent said C": the poll's clause (:func:`in_poll_frame`) holds the
    answer, and the speech verb's own quote of C inside it (speaker "40 percent") is the same
    attribution told twice: it goes. Only the verb the poll phrase hangs on; another cue in the
    clause ("… of voters who said C back Falk") is an attribution of its own."""
    doc = idx.doc
    answered: dict[int, tuple[int, int]] = {}
    for q in quotes:
        if q.rule == POLL_RULE and q.cue_start is not None:
            head = doc[idx.tok_at(q.cue_start)].head
            answered[head.idx] = (q.start, q.end)
    if not answered:
        return quotes
    return [
        q
        for q in quotes
        if q.rule == POLL_RULE
        or q.cue_start not in answered
        or not (answered[q.cue_start][0] <= q.start and q.end <= answered[q.cue_start][1])
    ]


_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


def _own_cue(t: Token) -> bool:
    """A cue of its own set into the clause: "the aides said", "according to Bennett"."""
    if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
        return True
    return t.dep_ == "parataxis" and t.lemma_.lower() in cues.speech_verbs()


def perspective_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """ "For most Democrats, C" / "To Frank, C": a fronted "for/to" phrase naming someone who can
    hold a view, set off by a comma, makes the clause after it that holder's view (PolNeAR
    annotates the preposition as the cue). Not "For now, …" or "To date, …" (no holder), nor a
    clause with a cue of its own ("For Varnay, the aides said …")."""
    from stancewire.nlp.quotes.indirect import cut_at_cue, finish  # indirect imports this module

    if tok.dep_ != "prep" or tok.lower_ not in ("for", "to"):
        return None
    sent = doccache.sent(tok)
    # First in its sentence, after at most a conjunction ("But for most Democrats, …").
    opener = all(doc[j].is_punct or doc[j].dep_ == "cc" for j in range(sent.start, tok.i))
    pobj = next((c for c in children(tok) if c.dep_ == "pobj"), None)
    head = tok.head
    if not opener or pobj is None or not speaker_like(pobj, places=False) or head.pos_ not in ("VERB", "AUX"):
        return None
    # The clause starts after the last comma before its subject: the holder's phrase may have an
    # apposition or a relative clause of its own ("For Varnay, the front-runner, C"). The parser
    # may also hang the clause's subject from the holder as an apposition ("To Mayor Brandvold,
    # the party line …"): then the first comma after the holder.
    subj = next((c for c in children(head) if c.dep_ in _SUBJECTS and c.i > tok.right_edge.i), None)
    end = subj.left_edge.i if subj is not None else tok.right_edge.i + 2
    commas = [j for j in range(pobj.i + 1, min(end, len(doc))) if doc[j].text == ","]
    if not commas:
        return None
    comma = commas[-1] if subj is not None else commas[0]
    lemma = head.lemma_.lower()
    if lemma in cues.speech_verbs() or lemma in BELIEF_VERBS or head.i < comma:
        return None
    first, last = comma + 1, cut_at_cue(doc, comma + 1, head.right_edge.i)
    while last >= first and doc[last].is_punct:
        last -= 1
    if last - first < 2 or any(idx.in_direct[j] for j in (first, last)):
        return None
    if any(_own_cue(t) for t in doc[tok.i : last + 1]):
        return None  # "For Korr, the aides said, …": the cue set in quotes the clause
    a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
    return finish(doc, text, tok, tok, a, b, pobj, "according-perspective", 0.6)
