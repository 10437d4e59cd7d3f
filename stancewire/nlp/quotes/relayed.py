"""A direct quote with its speaker's frame, relayed by "according to" ('“…,” Morn said,
according to the Ledger.'): the outer attribution of the sentence.

The words are the speaker's, and the direct quote rules give them to the speaker. But the
sentence as a whole, quote and frame, is what the cited source reports: the Ledger says that
Morn said it. PolNeAR annotates that outer attribution (source the Ledger, content the quote and
its frame), as it does for an indirect report ("Morn said the bridge would close, according to
the Ledger", which :func:`stancewire.nlp.quotes.indirect.according` already finds). The
"according to" rule skips content that is a direct quote's; this one adds the outer attribution
beside the direct quote, which keeps its own speaker. The attribution step resolves the
source but lets the relay change nothing the next quotes read (the last person quoted, the "he"
of the frame): :class:`stancewire.nlp.attribution.attributor.Attributor`.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Token

from stancewire.nlp import cues, doccache
from stancewire.nlp.doccache import children
from stancewire.nlp.quotemarks import QuoteSpan
from stancewire.nlp.quotes.candidate import DocIndex, QuoteCandidate
from stancewire.nlp.quotes.speakers import author_of_source
from stancewire.nlp.quotes.syntax import subject_of

RULE = "according-relay"
# At most this many words between a quote's closing mark and "according to": the frame ("Morn
# said", "the senator told reporters Monday in Hale"), not a clause of its own.
_MAX_FRAME_WORDS = 12


def relayed_quote(doc: Doc, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """The outer attribution of '“…,” Morn said, according to the Ledger' (module doc): the
    quote and its frame, with the cited source (or the named author of a cited text) as the
    speaker. None unless "according to" closes a speech frame that follows a direct quote."""
    to = doc[tok.i + 1]
    pobj = next((c for c in children(to) if c.dep_ == "pobj"), None)
    if pobj is None or tok.i == 0 or doc[tok.i - 1].text != ",":
        return None
    frame_last = tok.i - 2  # the frame ends before the comma
    quote = _framed_quote(doc, idx, tok, frame_last)
    if quote is None or frame_last < 0 or idx.in_quote[frame_last]:
        return None
    a, b = quote.open, doc[frame_last].idx + len(doc[frame_last].text)
    sent = doccache.sent(tok)
    return QuoteCandidate(
        type="indirect",
        start=a,
        end=b,
        cue_start=tok.idx,
        cue_end=to.idx + len(to.text),
        cue_lemma="according to",
        speaker_token=(author_of_source(pobj) or pobj).i,
        confidence=0.7,
        sent_start=min(sent.start_char, a),
        sent_end=sent.end_char,
        rule=RULE,
    )


def _framed_quote(doc: Doc, idx: DocIndex, tok: Token, frame_last: int) -> QuoteSpan | None:
    """The direct quote right before the frame that "according to" closes: its closing mark is
    within a few words of "according", and between them stands a speech verb, outside quotes,
    whose subject is in the frame too ('” Morn said,' / '” said Morn,' / '” he told Lia Quorn,')."""
    k = bisect_right(idx.span_starts, tok.idx) - 1
    if k < 0:
        return None
    quote = idx.spans[k]
    if quote.close is None or quote.outer_end > tok.idx or not idx.in_direct[idx.tok_at(quote.start)]:
        return None
    first = idx.tok_at(quote.outer_end)
    if doc[first].idx < quote.outer_end:
        first += 1
    frame = doc[first : frame_last + 1]
    if not 0 < len(frame) <= _MAX_FRAME_WORDS or any(t.is_sent_start and t.i > first for t in frame):
        return None
    for t in frame:
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in cues.speech_verbs():
            subj = subject_of(t)
            if subj is not None and first <= subj.i <= frame_last:
                return quote
    return None
