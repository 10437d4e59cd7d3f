"""The quote finder: direct quotes first, transcript paragraphs, then indirect ones, merged."""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc

from stancewire.nlp import cues, doccache
from stancewire.nlp.quotemarks import paragraphs
from stancewire.nlp.quotes.candidate import DocIndex, QuoteCandidate
from stancewire.nlp.quotes.direct import (
    INNER_LABEL_RULE,
    TRANSCRIPT_RULE,
    colon_paragraphs,
    continue_turns,
    direct_quotes,
)
from stancewire.nlp.quotes.headline_verbs import headline_frames
from stancewire.nlp.quotes.indirect import indirect_quotes
from stancewire.nlp.quotes.text import dedupe, trim


class QuoteFinder:
    """Finds quote candidates in one Doc. Stateless; reuse freely."""

    def __init__(self) -> None:
        cues.speech_verbs()  # read the cue lexicon now, not inside the first article

    def find(self, doc: Doc) -> list[QuoteCandidate]:
        text = doccache.text(doc)
        spans = doccache.quote_spans(doc)
        idx = DocIndex(doc, spans)
        paras = paragraphs(text)
        para_starts = [p[0] for p in paras]
        out: list[QuoteCandidate] = []
        direct, fragments = direct_quotes(doc, text, idx, paras, para_starts)
        colon = colon_paragraphs(doc, text, idx, paras, direct)
        continue_turns(text, paras, para_starts, colon + [q for q in direct if q.rule == INNER_LABEL_RULE])
        for q in colon:
            # Transcript answers are the interviewee's words: no indirect quotes inside them. A
            # question-and-answer line keeps them: its answers report what the answerer thinks
            # ("A: I think they would have been set back."), as the interview's own sentences.
            if q.rule == TRANSCRIPT_RULE:
                continue
            for k in range(idx.tok_at(q.start), idx.tok_at(max(q.end - 1, q.start)) + 1):
                idx.in_quote[k] = True
                idx.in_direct[k] = True
        direct.extend(colon)
        for q in direct:
            if q.rule == TRANSCRIPT_RULE:
                continue
            for k in range(idx.tok_at(q.start), idx.tok_at(max(q.end - 1, q.start)) + 1):
                idx.in_direct[k] = True
        indirect = indirect_quotes(doc, text, idx, direct)
        indirect.extend(headline_frames(doc, text, idx, paras, direct + indirect))
        cut_before_direct(text, indirect, direct)
        # Fragments inside an indirect content make it mixed; other fragments are scare quotes.
        used: set[int] = set()
        for q in indirect:
            # A fragment opened inside the content may close sentences later, in the same
            # paragraph: 'said the plan "may have failed. We will not wait."' is one mixed quote.
            p_i = bisect_right(para_starts, q.start) - 1
            limit = max(q.sent_end, paras[p_i][1]) if p_i >= 0 else q.sent_end
            for k, fr in enumerate(fragments):
                # Inside the content, or starting in it and running past its (parse-cut) end;
                # the content may start right after the opening mark ('added that “not everyone
                # can afford, or wants, …”': the parse cut the clause at the comma).
                opens_in = q.start <= fr.open or not text[fr.open : q.start].strip(" “‘\"'«„")
                if opens_in and fr.open <= q.end + 2 and fr.outer_end <= limit:
                    if fr.open < q.start:
                        q.start = fr.open  # the opening mark is part of the mixed quote
                    if fr.outer_end > q.end:
                        q.end = trim(text, q.start, fr.outer_end)[1]
                        q.sent_end = max(q.sent_end, fr.outer_end)
                    q.type = "mixed"
                    q.confidence = min(0.9, q.confidence + 0.05)
                    used.add(k)
                elif q.type == "mixed" and k not in used and q.end < fr.open and fr.outer_end <= limit:
                    # 'said her family "came out … in debt," and "struggled to …"', 'suggested X
                    # ''should be buried …'' if she gave ''classified …''': a later fragment of
                    # the same sentence, a few words on, continues the mixed quote, unless
                    # those words bring a reporting verb of their own.
                    gap = text[q.end : fr.open]
                    if (
                        len(gap.split()) <= 6
                        and not SENTENCE_END.search(gap)
                        and not any(
                            t.pos_ == "VERB" and t.lemma_.lower() in cues.speech_verbs()
                            for t in doc[idx.tok_at(q.end) : idx.tok_at(fr.open)]
                        )
                    ):
                        q.end = trim(text, q.start, fr.outer_end)[1]
                        q.sent_end = max(q.sent_end, fr.outer_end)
                        used.add(k)
        for q in indirect:
            q.start = with_complementizer(doc, text, idx, q)
        out.extend(direct)
        out.extend(indirect)
        out.sort(key=lambda q: (q.start, q.end))
        return dedupe(out)


def cut_before_direct(text: str, indirect: list[QuoteCandidate], direct: list[QuoteCandidate]) -> None:
    """End a reported clause where a direct quote opens inside it: in 'said he hoped that X wins:
    “That way …”' the parse runs the clause on into the quote, which is a quote of its own."""
    starts = sorted(d.start for d in direct if d.type == "direct")
    for q in indirect:
        k = bisect_right(starts, q.start)
        if k < len(starts) and starts[k] < q.end:
            mark = starts[k] - 1
            while mark > q.start and text[mark] not in "“\"'‘«„":
                mark -= 1
            if len(text[q.start : mark].split()) >= 3:
                q.end = trim(text, q.start, mark)[1]


# A sentence boundary between two fragments ("… debt." He added "…").
SENTENCE_END = re.compile(r"[.!?;:]\s|\n")

# Words that introduce a reported clause: "said that ...", "asked whether ...", "asked if ...".
COMPLEMENTIZERS = frozenset({"that", "whether", "if"})


def with_complementizer(doc: Doc, text: str, idx: DocIndex, q: QuoteCandidate) -> int:
    """Start of ``q`` moved back over the complementizer that opens its reported clause.

    The content of an attribution is the whole complement clause, "that" included: that is the
    convention of the attribution corpora (PARC, PolNeAR) that exact-span scores are counted in,
    and what a reader sees as what was said ("said that the talks had failed"). Only a
    complementizer after the cue counts (the cue governs it); quote marks and a comma may sit in
    between ("said that, “At this point ...").
    """
    if q.cue_start is None or q.start <= 0:
        return q.start
    j = idx.tok_at(q.start) - 1
    while j >= 0 and (doc[j].is_quote or doc[j].text == ",") and doc[j].idx >= q.start - 4:
        j -= 1
    if j < 0:
        return q.start
    t = doc[j]
    # Tagged IN: a complementizer, not the relative pronoun "that" (WDT), whatever its arc
    # (the small model often hangs "relief that ..." as a direct object).
    if t.lower_ not in COMPLEMENTIZERS or t.idx < q.cue_start or t.tag_ != "IN":
        return q.start
    if text[t.idx + len(t.text) : q.start].strip(" ,“”\"'‘’"):
        return q.start  # something else in between: the complementizer is not this clause's
    return t.idx
