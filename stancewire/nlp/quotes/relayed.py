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

What the source reports runs on past the "according to" phrase: the rest of the frame's
sentence ('“…,” Morn told reporters, according to the Ledger, during a stop in Hale.') or the
quote the speaker goes on with, bare, in the same paragraph ('“…,” Morn said, according to the
Ledger. “We will not wait.”'). PolNeAR takes that tail into the outer attribution too, and
:func:`relay_tail` adds it as a second part under the same cue and source (the evaluation joins
the parts of one cue and speaker into one attribution); the bare quote stays the speaker's too.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from spacy.tokens import Doc, Token

from stancewire.nlp import cues, doccache
from stancewire.nlp.doccache import children
from stancewire.nlp.quotemarks import QuoteSpan
from stancewire.nlp.quotes.candidate import DocIndex, QuoteCandidate
from stancewire.nlp.quotes.speakers import author_of_source
from stancewire.nlp.quotes.syntax import subject_of
from stancewire.nlp.quotes.text import trim

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


# The words that close a quote's sentence inside its marks: a bare continuation ends its
# sentence there ('“We will not wait.”'); one closed by a comma has a frame of its own ('“We
# will not wait,” she added'), another attribution.
_SENTENCE_CLOSERS = frozenset(".!?…")
# At least this many words in the rest of a frame's sentence: "during a stop in Hale", not
# "Monday".
_MIN_TAIL_WORDS = 3


def relay_tail(
    doc: Doc, text: str, tok: Token, relay: QuoteCandidate, idx: DocIndex
) -> QuoteCandidate | None:
    """The part of a relay's report after its "according to" phrase (``tok`` is "according";
    module doc): the rest of the frame's sentence after a comma, or the bare quote that opens
    right after its full stop in the same paragraph. None when the sentence goes on with a
    clause of its own or the next quote has a frame of its own."""
    # The source phrase ends with the subtree of "to" ("the Ledger, which first reported it").
    last = doc[tok.i + 1].right_edge
    if last.i + 1 >= len(doc):
        return None
    nxt = doc[last.i + 1]
    if nxt.text == ",":
        return _sentence_rest(doc, text, relay, nxt)
    if nxt.text == ".":
        return _bare_continuation(text, relay, nxt, idx)
    return None


def _sentence_rest(doc: Doc, text: str, relay: QuoteCandidate, comma: Token) -> QuoteCandidate | None:
    """'…, according to the Ledger, during a stop in Hale.': the rest of the sentence, unless it
    is a clause of its own (a conjunction, a verb with its own subject) or holds a quote."""
    sent = doccache.sent(comma)
    rest = doc[comma.i + 1 : sent.end]
    if len(rest) < _MIN_TAIL_WORDS or rest[0].pos_ == "CCONJ":
        return None
    # A verb at the top of the rest with a subject of its own starts a new clause ("…, and the
    # Ledger printed it"); a subject deeper down is a relative clause's ("where Morn spoke").
    tops = (t for t in rest if not rest.start <= t.head.i < rest.end or t.head.i == t.i)
    if any(
        t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in children(t)) for t in tops
    ):
        return None
    if any(t.text in '“”"' for t in rest):
        return None
    a, b = trim(text, rest.start_char, rest.end_char)
    if len(text[a:b].split()) < _MIN_TAIL_WORDS:
        return None
    return _part(relay, a, b)


def _bare_continuation(text: str, relay: QuoteCandidate, stop: Token, idx: DocIndex) -> QuoteCandidate | None:
    """'…, according to the Ledger. “We will not wait.”': the quote that opens right after the
    full stop, in the same paragraph, and ends its own sentence with no frame after it."""
    k = bisect_right(idx.span_starts, stop.idx)
    if k >= len(idx.spans):
        return None
    quote = idx.spans[k]
    between = text[stop.idx + 1 : quote.open]
    if quote.close is None or "\n" in between or between.strip():
        return None
    if text[quote.start : quote.end].rstrip()[-1:] not in _SENTENCE_CLOSERS:
        return None
    after = text[quote.outer_end : quote.outer_end + 40].lstrip(" ")
    if after[:1].islower() or after[:1] in (",", "—"):
        return None
    # With both marks: the words alone are the speaker's own quote (a span is kept once), and
    # the reader sees a whole quotation, not one with a stray closing mark.
    return _part(relay, quote.open, quote.outer_end)


def _part(relay: QuoteCandidate, a: int, b: int) -> QuoteCandidate:
    """A second part of ``relay``: same cue, source and rule, so it joins the same attribution."""
    return replace(
        relay, start=a, end=b, sent_start=min(relay.sent_start, a), sent_end=max(relay.sent_end, b)
    )
