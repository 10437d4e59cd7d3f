"""Indirect quotes: reported clauses after a cue verb or noun, and "according to"."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.attrs import LOWER, POS, TAG
from spacy.symbols import ADJ, ADP, AUX, NOUN, VERB
from spacy.tokens import Doc, Token

from stancewire.nlp import cues, doccache
from stancewire.nlp.doccache import children
from stancewire.nlp.noise import DATELINE
from stancewire.nlp.quotes.acts import RULE_PREFIX as ACT_RULE
from stancewire.nlp.quotes.acts import act_frame, is_act_cue, outer_position_act
from stancewire.nlp.quotes.answers import RULE as ANSWER_RULE
from stancewire.nlp.quotes.answers import answer_frame
from stancewire.nlp.quotes.as_clause import as_clause_frame
from stancewire.nlp.quotes.candidate import DocIndex, QuoteCandidate
from stancewire.nlp.quotes.clauses import adjective_frame, broken_clause_frame, clause_frame, made_clear_frame
from stancewire.nlp.quotes.direct import TRANSCRIPT_RULE
from stancewire.nlp.quotes.evaluation import evaluation_frame, view_frame
from stancewire.nlp.quotes.extent import LIST_RULES, OBJECT_RULES, with_list_tail, with_trailing_phrase
from stancewire.nlp.quotes.findings import finding_frame
from stancewire.nlp.quotes.fronted import closing_frame, fronted_frame, inverted_speaker
from stancewire.nlp.quotes.naming import naming_frame
from stancewire.nlp.quotes.nominal import noun_content_frame
from stancewire.nlp.quotes.own_clause import end_before_own_clauses
from stancewire.nlp.quotes.raising import (
    appearance_frame,
    passive_view_frame,
    question_frame,
    raising_frame,
    refusal_frame,
)
from stancewire.nlp.quotes.relayed import RULE as RELAY_RULE
from stancewire.nlp.quotes.relayed import relay_tail, relayed_quote
from stancewire.nlp.quotes.set_in import set_in_frame
from stancewire.nlp.quotes.source_phrase import drop_polled_answers, in_poll_frame, perspective_frame
from stancewire.nlp.quotes.speakers import author_of_source, speaker_like
from stancewire.nlp.quotes.syntax import (
    SUBJ,
    is_negated,
    is_question_frame,
    misread_perfect,
    misread_verb,
    negation_of,
    noun_clause_end,
    refuses_to_answer,
    reports_omission,
    said_to_be,
    subject_of,
)
from stancewire.nlp.quotes.text import overlap, trim
from stancewire.nlp.quotes.topics import topic_frame
from stancewire.nlp.quotes.words import (
    APPEARANCE_VERBS,
    BELIEF_VERBS,
    CONDITIONAL_WANT_VERBS,
    EVALUATION_VERBS,
    INTENTION_VERBS,
    NAMING_VERBS,
    NOUN_INFINITIVE_CUES,
    NOUN_PREP_CUES,
    PASSIVE_VIEW_VERBS,
    RAISING_VERBS,
    REFUSAL_VERBS,
    TOPIC_CUES,
    VERB_LEMMA_FIXES,
    VIEW_VERBS,
    WANT_VERBS,
    XCOMP_VERBS,
)

# The parts of speech a cue can have: verbs (and auxiliaries the tagger gives a verb's lemma),
# cue nouns, "in" / "for" / "to", evaluative adjectives. "according to" is tested by its word.
_CUE_POS = frozenset({"VERB", "AUX", "NOUN", "ADP", "ADJ"})
_CUE_POS_IDS = frozenset({VERB, AUX, NOUN, ADP, ADJ})
# The tags the relabelling steps below read: a noun that is a verb, a perfect read as passive.
_RELABEL_TAG_IDS = doccache.string_ids(("NN", "NNS", "VBN", "VBD"))
_ACCORDING_IDS = doccache.string_ids(("according",))


def _visited(doc: Doc) -> list[int]:
    """The tokens the loop below can do anything with, in order: a cue's part of speech,
    "according", or a tag a relabelling step reads. The others (about half of an article)
    would only have their strings read to be skipped."""
    picked = set(doccache.where(doc, POS, _CUE_POS_IDS))
    picked.update(doccache.where(doc, TAG, _RELABEL_TAG_IDS))
    picked.update(doccache.where(doc, LOWER, _ACCORDING_IDS))
    return sorted(picked)


def indirect_quotes(doc: Doc, text: str, idx: DocIndex, direct: list[QuoteCandidate]) -> list[QuoteCandidate]:
    out: list[QuoteCandidate] = []
    # A question-and-answer line keeps the frames inside it (finder.py): no span of its own here.
    direct_spans = [(q.start, q.end) for q in direct if q.rule != TRANSCRIPT_RULE]
    set_in_cues: dict[int, int | None] = {}  # cue offset -> speaker token of a set-in frame
    toks = doccache.tokens(doc)
    for i in _visited(doc):
        tok = toks[i]
        # Each attribute read makes a new string: read the three this loop tests once.
        pos, tag, low = tok.pos_, tok.tag_, tok.lower_
        if pos == "VERB" and low in VERB_LEMMA_FIXES:
            # The model lemmatizes "hopes" as "hop": correct it on the Doc, so every rule (and
            # the cue lemma of the quote) sees the verb it is.
            tok.lemma_ = VERB_LEMMA_FIXES[low]
        elif tag in ("NNS", "NN") and misread_verb(tok):
            # "The candidate plans to be back": a verb tagged as a plural noun; every rule
            # tests the part of speech, so it is corrected on the Doc as the lemma above.
            tok.pos_, tok.tag_ = pos, tag = "VERB", "VBZ"
        elif tag in ("VBN", "VBD") and (aux := misread_perfect(tok)) is not None:
            # "She’s argued that …": a contracted "has", read as a passive; relabelled on the Doc
            # as the lemma above, so every rule sees an active verb with its subject.
            aux.dep_ = "aux"
            for c in children(tok):
                if c.dep_ == "nsubjpass":
                    c.dep_ = "nsubj"
        if idx.in_direct[tok.i] or (idx.in_quote[tok.i] and pos == "VERB"):
            continue
        if pos not in _CUE_POS and low != "according":
            continue  # no rule below reads a determiner, pronoun, name, adverb, number, mark …
        lemma = tok.lemma_.lower()
        q = infinitive_frame(doc, text, tok, lemma, idx)
        if q is not None:
            pass
        elif low == "in" and pos == "ADP":
            q = in_poll_frame(doc, text, tok, idx)
        elif low in ("for", "to") and pos == "ADP":
            q = perspective_frame(doc, text, tok, idx)
        elif low == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            # '“…,” Morn said, according to the Ledger': the content is a direct quote's and its
            # frame, so the plain rule skips it; the relay is its outer attribution (.relayed).
            # The relay goes first: after '…, according to the Ledger, during a stop in Hale'
            # the plain rule would take the rest of the sentence alone, which is the relay's tail.
            q = relayed_quote(doc, tok, idx) or according(doc, text, tok, idx)
        elif (pos == "VERB" and lemma in cues.speech_verbs()) or (
            lemma in cues.EXPRESS_VERBS and pos == "VERB"
        ):
            if withholds(tok, lemma):
                continue
            # A cue set into its clause but parsed as the main verb has its own reading, as has
            # one between commas whose parse took half the clause for its object ("The bridge,
            # Kell told the Courier, will be closed": the parts around the frame are the content).
            set_in = set_in_as_main(doc, tok) is not None or set_in_frame(doc, tok, idx) is not None
            q = None if set_in else verb_frame(doc, text, tok, lemma, idx)
            if q is None and lemma in EVALUATION_VERBS:
                q = evaluation_frame(doc, text, tok, idx)
            if q is None and lemma in NAMING_VERBS:
                q = naming_frame(doc, text, tok, idx)
        elif pos == "VERB" and lemma in EVALUATION_VERBS:
            q = evaluation_frame(doc, text, tok, idx)
        elif pos == "VERB" and lemma in TOPIC_CUES:
            q = topic_frame(doc, text, tok, idx)
        elif pos == "VERB" and lemma == "show":
            q = finding_frame(doc, text, tok, idx)
        elif pos == "VERB" and lemma in VIEW_VERBS:
            q = view_frame(doc, text, tok, idx)
            if q is None and lemma in BELIEF_VERBS:
                q = belief_frame(doc, text, tok, idx)
        elif pos == "VERB" and (lemma in BELIEF_VERBS or lemma in CONDITIONAL_WANT_VERBS):
            q = belief_frame(doc, text, tok, idx)
            if q is None and lemma in WANT_VERBS:
                # "want their money back": the wanted object, judged as an evaluation's is.
                q = evaluation_frame(doc, text, tok, idx)
        elif tag == "NNS" and set_in_frame(doc, tok, idx) is not None:
            q = None  # "Democrats, Frank notes, applaud …": a cue the tagger took for a noun
        elif pos == "NOUN" and (lemma in NOUN_PREP_CUES or lemma in NOUN_INFINITIVE_CUES):
            q = noun_content_frame(doc, text, tok, idx)
            if q is None and lemma in cues.NOUN_CUES:
                q = noun_frame(doc, text, tok, idx)
        elif pos == "NOUN" and lemma in cues.NOUN_CUES:
            q = noun_frame(doc, text, tok, idx)
        elif pos == "VERB":
            q = (
                clause_frame(doc, text, tok, idx)
                or made_clear_frame(doc, text, tok, idx)
                or as_clause_frame(doc, text, tok, idx)  # "as Marcus puts it, ..."
            )
            if q is None and not is_act_cue(lemma):
                # Any verb whose object is someone else's stated position acts on it (module .acts).
                q = outer_position_act(doc, text, tok, idx)
                if q is None:
                    continue
        elif pos == "ADJ" and tok.dep_ == "acomp":
            q = adjective_frame(doc, text, tok, idx)
            if q is None:
                continue
        else:
            continue
        if q is None and tok.dep_ == "advcl":
            # "As The Atlantic noted, ...": a speech cue whose content is the clause it modifies.
            q = as_clause_frame(doc, text, tok, idx)
        if q is None and tok.pos_ == "VERB" and is_act_cue(lemma):
            # Last resort for the verbs of an expressive act: their object (module .acts).
            q = act_frame(doc, text, tok, idx) or outer_position_act(doc, text, tok, idx)
        if q is not None and only_a_time(doc, idx, q):
            continue  # "argued for an hour": how long, not what (a parenthetical's "For decades,"
            # part below is content, before the frame)
        parts = [q] if q is not None else parenthetical(doc, text, tok, lemma, idx)
        if q is not None and q.rule == RELAY_RULE:
            # What the source reports runs on past its phrase (quotes/relayed.py).
            tail = relay_tail(doc, text, tok, q, idx)
            if tail is not None:
                parts.append(tail)
        if q is None and not parts:
            parts = set_in_parts(doc, text, tok, idx)
            if parts:
                set_in_cues[tok.idx] = parts[0].speaker_token
        for part in parts:
            if part.end - part.start < 3 and part.rule != ANSWER_RULE:
                continue  # "said no" is an answer (quotes/answers.py); other two-letter contents are noise
            if part.speaker_token is not None and idx.in_direct[part.speaker_token]:
                # '“Imagine Brask on that stage,” mused the co-host': the parser made the quote's
                # words the subject of its frame verb; that frame is the direct quote's.
                continue
            # Content that is (mostly) a direct quote belongs to that quote, not to a new one. A
            # clause that only contains a short one ("said he would counter “Clinton's
            # rhetoric.”", the fragment taken for a direct quote) is still what was said.
            if part.rule != RELAY_RULE and any(
                overlap(part.start, part.end, a, b) > 0.5 * min(part.end - part.start, b - a)
                and not contains_short(part.start, part.end, a, b)
                for a, b in direct_spans
            ):
                continue
            out.append(part)
    if set_in_cues:
        out = drop_set_in_echoes(out, set_in_cues)
    end_before_own_clauses(doc, text, idx, out)  # before the drops: the second report is no nested one
    return drop_overlapping_acts(drop_nested_beliefs(drop_polled_answers(idx, out)), direct_spans)


def set_in_parts(doc: Doc, text: str, tok: Token, idx: DocIndex) -> list[QuoteCandidate]:
    """The two parts of a clause around a cue set into it by commas (module .set_in)."""
    found = set_in_frame(doc, tok, idx)
    if found is None:
        return []
    speaker, *spans = found
    return clause_parts(doc, text, tok, idx, speaker, spans, "set-in", 0.74)


def clause_parts(
    doc: Doc,
    text: str,
    tok: Token,
    idx: DocIndex,
    speaker: Token,
    spans: Sequence[tuple[int, int]],
    rule: str,
    conf: float,
) -> list[QuoteCandidate]:
    """The parts [first, last] of a clause around a cue set into it, as quotes with that cue
    and speaker (none when a part is a direct quote's: a frame of a direct quote)."""
    out = []
    for first, last in spans:
        while last >= first and doc[last].is_punct:
            last -= 1
        if last < first or any(idx.in_direct[j] for j in (first, last)):
            return []
        a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
        q = finish(doc, text, tok, tok, a, b, speaker, rule, conf)
        if q is not None:
            out.append(q)
    return out


def drop_set_in_echoes(out: list[QuoteCandidate], set_in_cues: dict[int, int | None]) -> list[QuoteCandidate]:
    """A misparse of a set-in frame also makes its speaker the subject of the clause's own
    verb ("Democrats, Frank argues, applaud …" read with "applaud" as the complement of
    "argues"): that verb's quote, with the frame's speaker and another cue, is dropped."""
    speakers = {sp for sp in set_in_cues.values() if sp is not None}
    return [
        q
        for q in out
        if q.cue_start in set_in_cues or q.speaker_token is None or q.speaker_token not in speakers
    ]


_TIME_ENTS = frozenset({"DATE", "TIME"})


def withholds(tok: Token, lemma: str) -> bool:
    """ "deny" with a recipient withholds a thing, it reports no denial: "closed primaries deny
    many voters the right to vote", "the board denied her a visa"."""
    return lemma == "deny" and any(c.dep_ == "dative" for c in children(tok))


def only_a_time(doc: Doc, idx: DocIndex, q: QuoteCandidate) -> bool:
    """The content is a date or a duration and nothing else ("an hour", "two days")."""
    words = [
        t
        for t in doc[idx.tok_at(q.start) : idx.tok_at(max(q.end - 1, q.start)) + 1]
        if not t.is_punct and t.pos_ not in ("DET", "ADP")
    ]
    return bool(words) and all(t.ent_type_ in _TIME_ENTS for t in words)


def drop_overlapping_acts(
    quotes: list[QuoteCandidate], direct_spans: list[tuple[int, int]]
) -> list[QuoteCandidate]:
    """An act's object that overlaps another quote is part of that quote's content or frame
    ("said he would *release his tax returns*"), not an attribution of its own: the act rule
    is the last resort (module .acts). Unless the act holds that quote whole, cue and all, as a
    report of someone else's (:func:`nested_report`)."""
    inner = [q for q in quotes if not q.rule.startswith(ACT_RULE)]
    return [
        q
        for q in quotes
        if not q.rule.startswith(ACT_RULE)
        or not (
            any(overlap(q.start, q.end, a, b) > 0 for a, b in direct_spans)
            or any(overlap(q.start, q.end, o.start, o.end) > 0 and not nested_report(q, o) for o in inner)
        )
    ]


def nested_report(act: QuoteCandidate, other: QuoteCandidate) -> bool:
    """Whether ``other``, cue and all, lies inside the act's content and is someone else's:
    "railed against what he calls the cartel", "pointed to the poll that shows her ahead". The
    act is then the outer attribution, which reports the inner one, not a piece of that quote's
    content or frame. An inner report with the act's own speaker ("issued a statement saying
    ...", "released an ad that urges ...") is the same message told once: PolNeAR marks one."""
    if other.cue_start is None or other.cue_end is None:
        return False
    if other.speaker_token is None or other.speaker_token == act.speaker_token:
        return False
    return act.start <= min(other.start, other.cue_start) and max(other.end, other.cue_end) <= act.end


def contains_short(start: int, end: int, a: int, b: int) -> bool:
    """Whether the content [start, end) holds the quote [a, b) and is more than twice as long."""
    return start <= a and b <= end + 2 and (b - a) * 2 < end - start


def addressee(c: Token, lemma: str) -> bool:
    """Whether ``c`` is the object a cue is addressed to ("the adviser told *them*"), not its
    content: the direct object of a verb that takes its hearer as object (tell, ask, warn, …)."""
    return c.dep_ == "dobj" and lemma in cues.OBJ_XCOMP_VERBS


def parenthetical(doc: Doc, text: str, tok: Token, lemma: str, idx: DocIndex) -> list[QuoteCandidate]:
    """ "In the three years since, Barden says, far too many lives have been lost": a speech
    cue set into the clause it reports (the parser hangs it there as parataxis). The clause on
    both sides of the cue is the content: two quotes with the same cue and speaker, as a
    split direct quote is (PolNeAR annotates the two fragments as one attribution)."""
    if is_negated(tok):
        return []
    if tok.dep_ != "parataxis" or set_in_as_main(doc, tok) is not None:
        return set_in_main_parts(doc, text, tok, lemma, idx)
    if lemma not in cues.speech_verbs() and lemma not in BELIEF_VERBS:
        return []  # "X, many think, is only a matter of time": a belief set in, as speech is
    head = tok.head
    if head.dep_ in ("aux", "auxpass") and head.head.i > head.i:
        head = head.head  # "The budget, he said, is balanced": hung on the auxiliary
    subj = next((c for c in children(tok) if c.dep_ in SUBJ), None)
    if subj is None or head.pos_ not in ("VERB", "AUX"):
        return []
    # The frame starts at its subject: what the parser hung from the cue before it ("At times
    # last year, aides said, …") opens the reported clause.
    frame_start = min(subj.left_edge.i, tok.i)
    if any(idx.in_quote[j] or doc[j].is_quote for j in range(tok.left_edge.i, frame_start)):
        frame_start = tok.left_edge.i  # '“…,” he said, his voice breaking': a direct quote's frame
    if not head.left_edge.i < frame_start:
        return []
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") and not addressee(c, lemma) for c in children(tok)):
        return []  # the cue has a content of its own: not set into this clause
    sent = doccache.sent(tok)
    spans = [
        (max(head.left_edge.i, sent.start), frame_start - 1),
        (tok.right_edge.i + 1, min(head.right_edge.i, sent.end - 1)),
    ]
    out = []
    for first, last in spans:
        if first > last:
            continue
        last = cut_at_cue(doc, first, last)
        while first <= last and (doc[first].is_punct or doc[first].dep_ == "cc"):
            first += 1
        while last >= first and doc[last].is_punct:
            last -= 1
        if last < first:
            continue
        if any(idx.in_direct[j] for j in (first, last)):
            return []  # a frame of a direct quote ("“…,” he says, pouring tea"): not ours
        a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
        q = finish(doc, text, tok, tok, a, b, subj, "parenthetical", 0.75)
        if q is not None:
            out.append(q)
    return out


def set_in_as_main(doc: Doc, tok: Token) -> tuple[Token, Token, Token] | None:
    """A speech cue set into its clause that the parser read as the main verb: "Any fair
    reading of the record, said Oren Vale, an analyst, would show a retreat" parses "reading"
    as the subject of "said" and "would show" as its complement, with Vale the complement's
    subject ("The budget, said the minister, is balanced": Vale the second subject of "said").
    Returns (the clause's subject, the speaker, the rest of the clause) when the cue and its
    speaker sit between two commas, right after the clause's subject phrase."""
    if tok.dep_ not in ("ROOT", "parataxis") or tok.i < 2 or doc[tok.i - 1].text != ",":
        return None
    sent = doccache.sent(tok)
    before = next((c for c in children(tok) if c.dep_ == "nsubj" and c.i < tok.i), None)
    # Its phrase ends at the comma before the cue (the parser may hang that comma on it).
    if before is None or before.left_edge.i != sent.start:
        return None
    if before.right_edge.i not in (tok.i - 2, tok.i - 1):
        return None
    if before.pos_ not in ("NOUN", "PROPN") or any(t.is_quote for t in doc[sent.start : tok.i]):
        return None
    if tok.dep_ == "parataxis":
        # "The plan, said Ruta Kell, is dead": the cue hung on the clause's verb, but with the
        # clause's subject taken as the cue's.
        rest = tok.head if tok.head.i > tok.i and tok.head.pos_ in ("VERB", "AUX") else None
    else:
        rest = next((c for c in children(tok) if c.dep_ == "ccomp" and c.i > tok.i), None)
    if rest is None:
        return None
    speaker = next((c for c in children(tok) if c.dep_ == "nsubj" and c.i > tok.i), None)
    if speaker is None:
        speaker = next((c for c in children(rest) if c.dep_ == "nsubj" and c.left_edge.i == tok.i + 1), None)
    if speaker is None or speaker.left_edge.i != tok.i + 1 or not speaker_like(speaker):
        return None
    comma = after_phrase(doc, speaker)
    if comma >= rest.i or doc[comma].text != ",":
        return None  # the clause goes on after the speaker's phrase and its closing comma
    return before, speaker, rest


def after_phrase(doc: Doc, tok: Token) -> int:
    """The token right after ``tok``'s phrase; its closing comma when the parser put that
    comma in the phrase ("Ruta Kell, the trade minister," with both commas on "Kell")."""
    last = tok.right_edge.i
    return last if doc[last].text == "," and last > tok.i else last + 1


def set_in_main_parts(doc: Doc, text: str, tok: Token, lemma: str, idx: DocIndex) -> list[QuoteCandidate]:
    """The two parts of the clause around a cue :func:`set_in_as_main` found, as
    :func:`parenthetical` gives them for the parse that reads the cue as set in."""
    found = set_in_as_main(doc, tok)
    if found is None:
        return []
    before, speaker, rest = found
    spans = ((before.left_edge.i, tok.i - 2), (after_phrase(doc, speaker) + 1, rest.right_edge.i))
    return clause_parts(doc, text, tok, idx, speaker, spans, "parenthetical", 0.75)


def infinitive_frame(doc: Doc, text: str, tok: Token, lemma: str, idx: DocIndex) -> QuoteCandidate | None:
    """The cues of :mod:`.raising` (appearance, passive raising, refusal, the reporter's
    question); None lets the other rules look at the word ("predicted" with an agent)."""
    if lemma in APPEARANCE_VERBS:
        return appearance_frame(doc, text, tok, idx)
    if lemma in RAISING_VERBS and tok.tag_ == "VBN":
        q = raising_frame(doc, text, tok, idx)
        if q is not None or lemma not in PASSIVE_VIEW_VERBS:
            return q
    if lemma in PASSIVE_VIEW_VERBS and tok.tag_ == "VBN":
        return passive_view_frame(doc, text, tok, idx)
    if lemma in REFUSAL_VERBS:
        return refusal_frame(doc, text, tok, idx)
    if lemma in cues.QUESTION_FRAMES and tok.tag_ in ("VBN", "VBD"):
        return question_frame(doc, text, tok, idx)
    return None


_NESTABLE = (
    "act-",
    "belief",
    "evaluation",
    "finding",
    "topic",
    "noun-content",
    "clause",
    "speech-object",
)


def nestable(q: QuoteCandidate) -> bool:
    """Whether ``q`` is part of a reported content it sits in rather than its own attribution."""
    return q.rule.startswith(_NESTABLE) or (q.rule == "object" and q.cue_lemma in cues.NESTABLE_OBJECT_VERBS)


def drop_nested_beliefs(quotes: list[QuoteCandidate]) -> list[QuoteCandidate]:
    """A belief, evaluation, finding, topic or cue-noun content (or an announcement's object) inside what
    someone is reported to have said ("X said she expected Y", "X said the result showed Y",
    "X said the company would propose a dividend") is part of that content, not a second
    attribution of its own."""
    spans = [(q.start, q.end) for q in quotes if not nestable(q)]
    # A cue noun inside any other content ("announced her endorsement of Varnay") is part of it.
    every = [(q.start, q.end) for q in quotes if not q.rule.startswith("noun-content")]
    return [
        q
        for q in quotes
        if not (
            nestable(q)
            and q.cue_start is not None
            and any(a <= q.cue_start < b for a, b in (every if q.rule.startswith("noun-content") else spans))
        )
    ]


def finish(
    doc: Doc,
    text: str,
    tok: Token,
    cue_end_tok: Token,
    a: int,
    b: int,
    speaker: Token | None,
    rule: str,
    conf: float,
    min_chars: int = 3,
) -> QuoteCandidate | None:
    if rule in OBJECT_RULES:
        b = with_trailing_phrase(doc, tok, b)
    if rule in OBJECT_RULES or rule in LIST_RULES:
        b = with_list_tail(doc, tok, b)
    a, b = trim(text, a, b)
    if a == 0 or text[a - 1] == "\n":
        # "OTTAWA — The government will …, the minister announced": the dateline opening the
        # paragraph is no part of what was announced.
        dateline = DATELINE.match(text, a)
        if dateline is not None and dateline.end() < b:
            a = dateline.end()
    if b - a < min_chars:
        return None
    # Reported speech never runs across a line break: the content is cut to the cue's line (a
    # cue in a headline, "Falk Says Velic Will Tell the Truth", whose parse reaches into the
    # lead, does not quote the lead; nor does a sentence run into the byline after it).
    line_start = text.rfind("\n", 0, tok.idx) + 1
    line_end = text.find("\n", tok.idx)
    line_end = len(text) if line_end < 0 else line_end
    if a < line_start:
        return None  # content before the cue reaching into an earlier paragraph: a misparse
    if b > line_end:
        a, b = trim(text, a, line_end)
        if b - a < min_chars or text[line_start:line_end].rstrip().endswith(":"):
            return None  # "told shareholders:" announces the next paragraph's quote: not ours
    b = before_next_clause(doc, text, tok, a, b)
    if b - a < min_chars:
        return None
    if cue_end_tok.i < tok.i:
        # A phrasal cue's particle found to the left ("argued about whose ..." parsed oddly)
        # would give an inverted cue span, which Doc.char_span downstream cannot take.
        cue_end_tok = tok
    q = QuoteCandidate(
        type="indirect",
        start=a,
        end=b,
        cue_start=tok.idx,
        cue_end=cue_end_tok.idx + len(cue_end_tok.text),
        cue_lemma=tok.lemma_.lower(),
        speaker_token=speaker.i if speaker is not None else None,
        confidence=conf,
        rule=rule,
    )
    sent = doccache.sent(tok)
    q.sent_start = min(sent.start_char, a)
    q.sent_end = max(sent.end_char, b)
    return q


def verb_frame(doc: Doc, text: str, tok: Token, lemma: str, idx: DocIndex) -> QuoteCandidate | None:
    # A negated cue still reports what was left out ("did not mention X") or left unanswered
    # ("would not say whether X").
    unsaid = reports_omission(tok) or refuses_to_answer(tok)
    if (is_negated(tok) and not unsaid) or is_question_frame(tok) or said_to_be(tok):
        return None
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in children(tok)):
        return None
    # A comparison's noun before the cue goes first: the parser may join the cue to the clause
    # of the comparison, whose subject it then inherits ("That would be more than the industry
    # says …" read as "That would be … and says …").
    speaker = comparison_speaker(doc, tok) or subject_of(tok)
    if speaker is None:
        speaker = appositive_speaker(doc, tok)
    if speaker is None:
        return None
    if speaker.lower_ in {"it", "this", "that", "there"} and lemma not in {"say", "state"}:
        return None
    kids = children(tok)
    # 1. "expressed concern(s) over/about/that X"
    if lemma in cues.EXPRESS_VERBS:
        obj = next(
            (
                c
                for c in kids
                if (c.dep_ == "dobj" and c.lemma_.lower() in cues.EXPRESS_NOUNS)
                or (c.dep_ == "dobj" and c.lower_ in cues.EXPRESS_NOUNS)
            ),
            None,
        )
        comp = None
        if obj is not None:
            comp = next(
                (c for c in children(obj) if c.dep_ in ("prep", "acl", "ccomp", "relcl") and c.i > obj.i),
                None,
            )
            if comp is None:
                comp = next(
                    (
                        c
                        for c in kids
                        if c.dep_ == "prep"
                        and c.i > obj.i
                        and c.lower_ in {"over", "about", "at", "regarding", "for", "that"}
                    ),
                    None,
                )
        if obj is None or comp is None:
            if lemma not in cues.speech_verbs():
                return None
            return verb_frame_main(doc, text, tok, lemma, idx, speaker, kids)
        start_tok = comp
        if comp.dep_ == "prep" or (comp.i > 0 and comp.lower_ in {"that"}):
            start_tok = doc[comp.i + 1] if comp.i + 1 < len(doc) else comp
        if start_tok.lower_ == "that" and start_tok.dep_ == "mark":
            start_tok = doc[start_tok.i + 1]
        if comp.dep_ in ("acl", "ccomp", "relcl"):
            # "expressed hope that the strike would end soon": the whole clause after "that",
            # not just its verb.
            first = max(comp.left_edge.i, obj.i + 1)
        elif start_tok is not comp:
            first = min(start_tok.left_edge.i, start_tok.i)
        else:
            first = start_tok.i
        if comp.dep_ == "prep":
            first = max(first, comp.i + 1)
        # The clause proper starts after its complementiser, however the parse labels it ("that"
        # as dobj); the finder puts a complementiser back in front (finder.with_complementizer).
        while (
            first < len(doc)
            and doc[first].lower_ == "that"
            and (doc[first].dep_ == "mark" or doc[first].pos_ == "SCONJ")
        ):
            first += 1
        last = comp.right_edge.i
        last_tok = doc[comp.i] if comp.dep_ == "prep" else obj
        a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
        return finish(doc, text, tok, last_tok, a, b, speaker, "express", 0.8)
    q = verb_frame_main(doc, text, tok, lemma, idx, speaker, kids)
    neg = negation_of(tok) if unsaid else None
    if q is not None and neg is not None:
        # the cue is "not mention" / "not say": the quote says what was left out or unanswered
        q.cue_start = neg.idx
    return q


def belief_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """A belief or intention cue: "X believes (that) C", "X expects C", "X wants/plans to C".

    Only a clause or a to-infinitive counts as content (a bare object, "wants a raise", is no
    attributed proposition), and the subject must be someone who can hold a belief: not an
    expletive or a demonstrative, not a generic "you".
    """
    if is_question_frame(tok) or any(
        c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in children(tok)
    ):
        return None
    if tok.dep_ in ("amod", "acl", "relcl") and tok.tag_ in ("VBN", "VBG"):
        return None  # "the expected result", "a planned visit": a modifier, not a cue
    speaker = subject_of(tok)
    if speaker is None or speaker.lower_ in {"it", "this", "that", "there", "you", "which", "what", "who"}:
        return None
    kids = children(tok)
    comp = next(
        (c for c in kids if c.dep_ == "ccomp" and c.i > tok.i and not idx.in_direct[c.i]),
        None,
    )
    rule, conf = "belief-ccomp", 0.7
    # An intention ("wants to run") only from a subject who can hold one (a name, a pronoun, a
    # role, group or body noun) and an intention verb: "the programme aims to…", "she expected
    # to wait" report plans of things or plain expectations, not a position someone takes.
    intends = tok.lemma_.lower() in INTENTION_VERBS or (
        tok.lemma_.lower() in CONDITIONAL_WANT_VERBS
        and any(c.dep_ == "aux" and c.lower_ in ("would", "'d", "’d") for c in children(tok))
    )
    # "plans a rally to press its case": an object first makes the infinitive its purpose.
    has_object = any(c.dep_ in ("dobj", "obj") for c in kids)
    if comp is None and intends and not has_object and (speaker.pos_ == "PRON" or speaker_like(speaker)):
        comp = next(
            (
                c
                for c in kids
                if c.dep_ == "xcomp"
                and c.i > tok.i
                and c.pos_ in ("VERB", "AUX")
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in children(c))
            ),
            None,
        )
        rule, conf = "belief-xcomp", 0.65
    if comp is None:
        return None
    first, last = comp.left_edge.i, comp.right_edge.i
    while first <= last and (
        (doc[first].dep_ == "mark" and doc[first].lower_ == "that") or doc[first].is_punct
    ):
        first += 1
    if first > last:
        return None
    if rule == "belief-ccomp":
        last = contrast_tail(doc, tok, last)  # "think A, but that B" (as for speech cues)
    last = cut_at_cue(doc, first, last)
    a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
    return finish(doc, text, tok, tok, a, b, speaker, rule, conf)


def verb_frame_main(
    doc: Doc,
    text: str,
    tok: Token,
    lemma: str,
    idx: DocIndex,
    speaker: Token,
    kids: Sequence[Token],
) -> QuoteCandidate | None:
    # 2. complement clause: said (that) X. A cue set in before this one ("Instead, she said,
    # her boss told her …", parsed as a clause under "told") is the frame that owns this verb's
    # clause, not its content: this verb's content is its own complement after it.
    comp = next(
        (
            c
            for c in kids
            if c.dep_ in ("ccomp", "parataxis")
            and not idx.in_direct[c.i]
            and not (c.i < tok.i and _colon_between(doc, c.right_edge.i, tok.i))
            and not (c.i < tok.i and set_in_frame(doc, c, idx) is not None)
            # "more dredging than the shipping industry says …": the clause with the speaker
            # in it is not what the speaker says (comparison_speaker).
            and not (c.i < tok.i and c.left_edge.i <= speaker.i <= c.right_edge.i)
        ),
        None,
    )
    if comp is not None and comp.dep_ == "parataxis" and comp.i > tok.i:
        comp = None if not any(c.dep_ in SUBJ for c in children(comp)) else comp
    if comp is not None and coordinated_clause(doc, tok, comp):
        comp = None
    if comp is not None:
        first = comp.left_edge.i
        last = comp.right_edge.i
        # Several complements on the same side ("suggested that X ... had Trump been president").
        for c in kids:
            if c is not comp and c.dep_ == "ccomp" and (c.i > tok.i) == (comp.i > tok.i):
                first = min(first, c.left_edge.i)
                last = max(last, c.right_edge.i)
        # A fronted clause ("X, he said") ends before the cue.
        if comp.i < tok.i:
            last = min(last, tok.i - 1)
            first = max(first, doccache.sent(doc[tok.i]).start)
        while first <= last and (
            (doc[first].dep_ == "mark" and doc[first].lower_ in {"that"}) or doc[first].is_punct
        ):
            first += 1
        if first > last:
            return None
        if comp.i > tok.i:
            last = contrast_tail(doc, tok, last)
        # Cut at a following cue clause attached inside ("..., adding that ..."). Not in a clause
        # before a frame that closes the sentence: in "Trump welcomed the news, saying …, CNN
        # reported" all of it is what CNN reported.
        if comp.i > tok.i or closing_frame(doc, tok, speaker) is None:
            last = cut_at_cue(doc, first, last)
        a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
        conf = 0.88 if lemma in {"say", "tell", "state", "add", "note"} else 0.8
        return finish(doc, text, tok, tok, a, b, speaker, "ccomp", conf)
    inverted = inverted_speaker(tok)
    if inverted is not None and (q := fronted_frame(doc, text, tok, idx, inverted)) is not None:
        return q  # ", reported the Lumen Ledger.": the outlet is who reported, not what
    obj = next((c for c in kids if c.dep_ in ("dobj", "obj")), None)
    # 2a. infinitival complement: vowed to rebuild the pier -> "to rebuild the pier"
    if lemma in XCOMP_VERBS and obj is None:
        xc = next(
            (
                c
                for c in kids
                if c.dep_ == "xcomp"
                and c.i > tok.i
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in children(c))
            ),
            None,
        )
        if xc is not None:
            first, last = xc.left_edge.i, cut_at_cue(doc, xc.left_edge.i, xc.right_edge.i)
            a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
            return finish(doc, text, tok, tok, a, b, speaker, "xcomp", 0.75)
    # 2b. verb + object + predicate: called the reform a “disaster”, described it as ...
    if lemma in NAMING_VERBS and obj is not None:
        oprd = next((c for c in kids if c.dep_ in ("oprd", "xcomp", "ccomp") and c.i > obj.i), None)
        if oprd is not None:
            first, last = obj.left_edge.i, cut_at_cue(doc, obj.left_edge.i, oprd.right_edge.i)
            a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
            return finish(doc, text, tok, tok, a, b, speaker, "obj-predicate", 0.78)
        nxt = obj.right_edge.i + 1
        if oprd is None and nxt < len(doc) and idx.quote_containing(doc[nxt].idx) is not None:
            # "called the assault “an attack on our country”": the parser left the quoted
            # predicate unattached; the object is the content and the finder joins the quoted
            # fragment that opens right after it (a mixed quote).
            first, last = obj.left_edge.i, obj.right_edge.i
            a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
            return finish(doc, text, tok, tok, a, b, speaker, "obj-predicate", 0.74)
    # 3. verb + object + preposition: accused X of Y, praised X as Y
    preps = cues.OBJ_PREP_CUES.get(lemma)
    obj = next((c for c in kids if c.dep_ in ("dobj", "obj")), None)
    if preps and obj is not None:
        prep = next((c for c in kids if c.dep_ == "prep" and c.lower_ in preps and c.i > obj.i), None)
        if prep is None:
            # "accused X of Y", or "accused X and Z of Y" with "of" hung from the last conjunct.
            prep = next(
                (
                    c
                    for o in (obj, *obj.conjuncts)
                    for c in children(o)
                    if c.dep_ == "prep" and c.lower_ in preps
                ),
                None,
            )
        if prep is not None:
            first, last = obj.left_edge.i, prep.right_edge.i
            last = cut_at_cue(doc, first, last)
            a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
            return finish(doc, text, tok, tok, a, b, speaker, "obj-prep", 0.82)
    # 4. verb + preposition: called for X, warned of X
    preps = cues.PREP_CUES.get(lemma)
    if preps:
        prep = next((c for c in kids if c.dep_ == "prep" and c.lower_ in preps and c.i <= tok.i + 2), None)
        if prep is not None and any(c.dep_ in ("pobj", "pcomp") for c in children(prep)):
            first = prep.i + 1
            last = cut_at_cue(doc, first, prep.right_edge.i)
            if last >= first:
                a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
                return finish(doc, text, tok, prep, a, b, speaker, "prep", 0.8)
    # 5. object + infinitive: urged the board to resign; call on X to Y
    if lemma in cues.OBJ_XCOMP_VERBS:
        xc = next((c for c in kids if c.dep_ in ("xcomp", "ccomp") and c.i > tok.i), None)
        on = next((c for c in kids if c.dep_ == "prep" and c.lower_ in {"on", "upon"}), None)
        if xc is not None:
            first_tok = obj if obj is not None else on
            if first_tok is None:
                return None
            first = first_tok.left_edge.i if first_tok is obj else first_tok.i + 1
            last = cut_at_cue(doc, first, xc.right_edge.i)
            a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
            return finish(
                doc, text, tok, first_tok if first_tok is on else tok, a, b, speaker, "obj-xcomp", 0.8
            )
    # 6. bare object for statement verbs: stressed his intent to ...; "proposed temporarily
    # banning Muslims" (a gerund clause as the object).
    if obj is None and lemma in cues.OBJECT_VERBS:
        obj = next(
            (c for c in kids if c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG" and c.i > tok.i), None
        )
    if lemma in cues.OBJECT_VERBS and lemma not in cues.CLAUSE_ONLY and obj is not None:
        if obj.pos_ == "PRON" and obj.right_edge.i == obj.i:
            return None
        first = obj.left_edge.i
        last = obj.right_edge.i
        # Trailing modifiers of the verb after the object ("... if the conflict does not end").
        for c in kids:
            if c.i > last and c.dep_ in ("advcl", "prep") and not is_cue_clause(c):
                last = max(last, c.right_edge.i)
        last = cut_at_cue(doc, first, last)
        # A bare "the announcement" / "a cut" is an event object, not reported content; a name
        # is not ("mentioned CNN five times", "proposed Medicare for All").
        content_words = [t for t in doc[first : last + 1] if not t.is_punct and t.pos_ not in ("DET",)]
        if len(content_words) < 3 and not any(t.pos_ == "PROPN" for t in content_words):
            return None
        a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
        return finish(doc, text, tok, tok, a, b, speaker, "object", 0.72)
    if obj is not None and lemma not in cues.CLAUSE_ONLY and lemma not in _ADDRESS_VERBS:
        q = speech_object(doc, text, tok, obj, speaker, idx)
        if q is not None:
            return q
    return (
        broken_clause_frame(doc, text, tok, idx, speaker)
        or fronted_frame(doc, text, tok, idx, speaker)
        or answer_frame(doc, text, tok, idx)
    )


def appositive_speaker(doc: Doc, tok: Token) -> Token | None:
    """The speaker of a cue left without a subject because the parser made the name an
    apposition of an earlier phrase: "As a part of his plea, Marcel Lazar, 44, said that ...",
    "Among GOP voters, about two-thirds, 67 percent, say they will vote for Trump". The name (or
    share) must end right before the cue (an age between is allowed), and the cue must report a
    clause after it."""
    if tok.dep_ != "ROOT" or not any(c.dep_ == "ccomp" and c.i > tok.i for c in children(tok)):
        return None
    j = tok.i - 1
    while j > doccache.sent(tok).start and doc[j].is_punct:
        j -= 1
    if doc[j].like_num and doc[j].dep_ == "appos":
        j -= 1  # ", 44," the age after a name
        while j > doccache.sent(tok).start and doc[j].is_punct:
            j -= 1
    t = doc[j]
    if t.dep_ != "appos" or t.pos_ not in ("PROPN", "NOUN") or t.right_edge.i >= tok.i:
        return None
    return t if speaker_like(t, places=False) or t.lemma_.lower() in ("percent", "majority", "half") else None


def comparison_speaker(doc: Doc, tok: Token) -> Token | None:
    """The speaker of a cue inside a comparison: "more dredging than the shipping industry says
    the harbour can handle". The parser makes the noun after "than" the object of the
    preposition and leaves the cue without a subject. The noun phrase must end right before the
    cue, and the cue must report a clause after it (its content; the clause before, which holds
    the comparison, is the writer's)."""
    kids = children(tok)
    if tok.i == 0 or any(c.dep_ in SUBJ for c in kids):
        return None
    if not any(c.dep_ == "ccomp" and c.i > tok.i for c in kids):
        return None
    noun = doc[tok.i - 1]
    for _ in range(3):  # from the last word of the noun phrase ("industry's lawyers") up to its head
        if noun.dep_ == "pobj" or noun.head.i == noun.i:
            break
        noun = noun.head
    if noun.dep_ != "pobj" or noun.head.lower_ != "than" or noun.right_edge.i != tok.i - 1:
        return None
    # Any subject of a speech verb speaks ("the law says"), as in verb_frame; not a number
    # ("more than 200 say").
    return None if noun.like_num or noun.ent_type_ in ("CARDINAL", "PERCENT") else noun


def _colon_between(doc: Doc, a: int, b: int) -> bool:
    """Whether a colon or semicolon stands between tokens ``a`` and ``b``: "... because it is
    paying off: He said he's raised $100,000" -- the clause before it is the writer's, however
    the parser hangs it from the cue."""
    return any(doc[j].text in (":", ";") for j in range(a + 1, b))


# Speech verbs whose object is the one addressed ("told reporters", "urged him", "asked the
# board") or an act the saying performs ("declared a ceasefire", "approved the budget"), not what
# is said.
_ADDRESS_VERBS = frozenset(
    {"tell", "ask", "urge", "advise", "assure", "inform", "instruct", "order", "implore", "thank", "remind",
     "warn", "caution", "beg", "call", "appeal", "answer", "question", "accuse", "blame", "praise", "say",
     "declare", "approve", "sign", "issue", "grant", "proclaim"}
)  # fmt: skip


def speech_object(
    doc: Doc, text: str, tok: Token, obj: Token, speaker: Token, idx: DocIndex
) -> QuoteCandidate | None:
    """The object of any other communicative verb ("alleges defamation by Clinton", "quoting a
    reporter's tweet"): what was said, when it is not a person (the addressee) or a pronoun."""
    if obj.i < tok.i or idx.in_direct[obj.i] or obj.pos_ == "PRON" or speaker_like(obj):
        return None
    if obj.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "GPE", "LOC"):
        return None
    first, last = obj.left_edge.i, cut_at_cue(doc, obj.left_edge.i, obj.right_edge.i)
    while last > first and doc[last].is_punct:
        last -= 1
    words = [t for t in doc[first : last + 1] if not t.is_punct and t.pos_ != "DET"]
    if len(words) < 2:
        return None
    a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
    return finish(doc, text, tok, tok, a, b, speaker, "speech-object", 0.6)


# The conjunction that carries a reported clause on: "said A, but B" reports B as well.
_CONTRAST = frozenset({"but"})


def contrast_tail(doc: Doc, tok: Token, last: int) -> int:
    """End of a reported clause that goes on past ", but" (or a reporting ", and that"): the
    parser often hangs "but B" from the cue ("she said she had no plans, but when Trump spoke it
    just happened"), though B is still what was said. Not when B has a name as subject or a cue
    of its own ("..., but Cruz disagreed"), which is the writer's narration or another speaker."""
    for c in children(tok):
        if c.dep_ != "conj" or c.i <= last or c.pos_ not in ("VERB", "AUX"):
            continue
        between = doc[last + 1 : c.left_edge.i + 1]
        words = [t for t in between if not t.is_punct]
        joined = {t.lower_ for t in between if t.dep_ == "cc"} if len(words) <= 2 else set()
        reporting = any(
            (g.dep_ == "mark" and g.lower_ == "that")
            or g.dep_ == "expl"
            or (g.dep_ == "nsubj" and g.lower_ == "it")
            for g in children(c)
        )
        if joined & {"and", "but"} and reporting and c.lemma_.lower() not in cues.speech_verbs():
            # "said A, and that B", "said A and there was B", "think A, but that B": a
            # complementiser, an expletive or "it" carries the report on.
            return c.right_edge.i
        if "and" in joined:
            return last  # any other "and B" may be the writer's narration ("..., and the crowd cheered")
        if not any(t.dep_ == "cc" and t.lower_ in _CONTRAST for t in between) or len(between) > 3:
            return last
        subj = next((g for g in children(c) if g.dep_ in SUBJ), None)
        lemma = c.lemma_.lower()
        if subj is None or subj.pos_ == "PROPN" or subj.ent_type_ or lemma in cues.speech_verbs():
            return last
        if lemma in BELIEF_VERBS or lemma in EVALUATION_VERBS:
            return last
        return c.right_edge.i
    return last


def is_cue_clause(c: Token) -> bool:
    return c.pos_ == "VERB" and c.lemma_.lower() in cues.speech_verbs() and c.dep_ in ("advcl", "conj")


def coordinated_clause(doc: Doc, tok: Token, comp: Token) -> bool:
    """Whether a "complement" after the cue is really the next clause of a coordination the
    parser misread: "Trump called the system “rigged” in a tweet, and a few lawmakers have
    called for …" (a comma and a conjunction between the cue's own words and the clause)."""
    if comp.i < tok.i:
        return False
    start = comp.left_edge.i
    return any(doc[j].pos_ == "CCONJ" and doc[j - 1].text == "," for j in range(tok.i + 2, start + 1))


def before_next_clause(doc: Doc, text: str, tok: Token, a: int, b: int) -> int:
    """End content [a, b) before ", and <clause>" when the parser hung that clause on the cue as
    its complement, so it is the cue clause's coordinate, not part of the content: in "called
    the system “rigged” in a tweet, and a few lawmakers have called for …" the lawmakers' clause
    is a "complement" of "called"; in "said that X won, and Y lost" it hangs on "won", inside
    the content, and stays."""
    if a <= tok.idx:
        return b
    toks = doccache.tokens(doc)
    for j in range(tok.i + 1, len(toks)):
        t = toks[j]
        if t.idx >= b:
            break
        if t.idx <= a or t.pos_ != "CCONJ" or toks[j - 1].text != ",":
            continue
        for k in toks[j + 1 : j + 7]:
            h = k.head
            # Only a clause taken for the cue's complement: a conjoined one ("said he had
            # offers, but the offers were …") is often the report's second half.
            if k.dep_ in SUBJ and h.i > t.i and h.dep_ == "ccomp" and h.head.i <= tok.i:
                return trim(text, a, doc[t.i - 1].idx)[1]
    return b


def _after_comma(toks: list[Token], first: int, j: int) -> bool:
    """ ", said lead author Omar Said" / ", he added" / ", emphasizing that": a token set off by
    a comma or dash (or by a comma and a pronoun or name), as an attribution tail is."""
    prev = toks[j - 1]
    return prev.text in (",", "—", "–") or (
        j - 2 >= first and toks[j - 2].text == "," and prev.pos_ in ("PRON", "PROPN")
    )


def _closing_subject_frame(t: Token, first: int) -> bool:
    """ ", The Lumen Ledger reported in 1991." closing the sentence, hung by the parser inside
    the content before it: a frame whose subject phrase opens after a comma."""
    subj = next((c for c in children(t) if c.dep_ == "nsubj" and c.i < t.i), None)
    if subj is None or subj.left_edge.i <= first + 1:
        return False
    return closing_frame(t.doc, t, subj) is not None


def cut_at_cue(doc: Doc, first: int, last: int) -> int:
    """End the content before a participial/conjoined cue clause or an attribution tail."""
    toks = doccache.tokens(doc)
    for j in range(first + 1, last + 1):
        t = toks[j]
        # (The tests are ordered cheapest and rarest first: this runs on every content token.)
        if (
            t.pos_ == "VERB"
            and t.tag_ in ("VBG", "VBD", "VBZ")
            and t.lemma_.lower() in cues.speech_verbs()
            and (
                (t.dep_ in ("advcl", "conj") and toks[j - 1].is_punct)
                or _after_comma(toks, first, j)
                or _closing_subject_frame(t, first)
            )
        ) or (t.lower_ == "according" and j + 1 <= last and toks[j + 1].lower_ == "to"):
            # A cue clause with its own subject ends the content where that clause starts:
            # '… had "held the line," while House Speaker Bo Linn, D-Kettle, said …'.
            own_subject = t.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.lefts)
            k = (t.left_edge.i if own_subject and first < t.left_edge.i < j else j) - 1
            while k > first and (toks[k].is_punct or toks[k].dep_ == "cc" or toks[k].dep_ == "mark"):
                k -= 1
            return k
    return last


def content_span(
    doc: Doc, first: int, last: int, strip_leading: bool = True, cut: bool = True
) -> tuple[int, int] | None:
    """Char span of the content tokens [first, last]: cut before a following cue clause (unless
    ``cut`` is False), without the punctuation at its end (and at its start unless
    ``strip_leading`` is False: an opening quote mark kept there lets the finder see the quoted
    fragment and type the quote mixed); None when nothing is left."""
    if cut:
        last = cut_at_cue(doc, first, last)
    while last > first and doc[last].is_punct:
        last -= 1
    while strip_leading and first < last and doc[first].is_punct:
        first += 1
    if last < first:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def noun_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    # "Trump's statement that ...", "the ministry's warning that ..."
    comp = next(
        (
            c
            for c in children(tok)
            if c.dep_ in ("acl", "ccomp", "relcl")
            and c.i > tok.i
            and any(g.dep_ == "mark" and g.lower_ == "that" for g in children(c))
        ),
        None,
    )
    if comp is None:
        return None
    speaker = next((c for c in children(tok) if c.dep_ == "poss"), None)
    if speaker is None:
        by = next((c for c in children(tok) if c.dep_ == "prep" and c.lower_ in {"by", "from"}), None)
        if by is not None:
            speaker = next((g for g in children(by) if g.dep_ == "pobj"), None)
    if (
        speaker is None
        and tok.dep_ in ("dobj",)
        and tok.head.lemma_ in {"make", "issue", "release", "repeat", "reiterate"}
    ):
        speaker = subject_of(tok.head)
    if speaker is None:
        return None
    first = comp.left_edge.i
    while first <= comp.right_edge.i and doc[first].dep_ == "mark":
        first += 1
    last = cut_at_cue(doc, first, comp.right_edge.i)
    last = noun_clause_end(doc, tok, comp, first, last)
    if last < first:
        return None
    a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
    return finish(doc, text, tok, tok, a, b, speaker, "noun", 0.72)


def according(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    to = doc[tok.i + 1]
    pobj = next((c for c in children(to) if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    # A document or data source ("according to court records", "according to a new poll") is a
    # source too: news attributes findings to it as to a person, and the attribution code lets
    # the text speak for its named author ("a report by the Halden Institute").
    sent = doccache.sent(tok)
    phrase_first = tok.i
    phrase_last = max(tok.right_edge.i, to.right_edge.i)
    # The content is the rest of the sentence on the longer side of the "according to" phrase.
    left = (sent.start, phrase_first - 1)
    right = (phrase_last + 1, sent.end - 1)
    first, last = right if (right[1] - right[0]) >= (left[1] - left[0]) else left
    k = right[0] + (right[0] < right[1] and doc[right[0]].is_punct)
    if (first, last) == right and left[1] - left[0] >= 2 and k <= right[1] and doc[k].pos_ == "CCONJ":
        # "Democrats spent $12 million, according to filings, and Republicans spent $9 million":
        # what follows "and" is the reporter's next clause; the source backs the one before.
        first, last = left
    while first <= last and doc[first].is_punct:
        first += 1
    while last >= first and doc[last].is_punct:
        last -= 1
    if last - first < 2:
        return None
    if any(idx.in_direct[j] for j in (first, last)):
        return None
    a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
    return finish(doc, text, tok, to, a, b, author_of_source(pobj) or pobj, "according", 0.75)
