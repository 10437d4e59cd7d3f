"""A quote candidate, and the per-Doc lookups the quote rules share."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc

from stancewire.nlp import doccache
from stancewire.nlp.quotemarks import QuoteSpan


@dataclass(slots=True)
class QuoteCandidate:
    type: str  # "direct" | "indirect" | "mixed" | "floating"
    start: int
    end: int
    cue_start: int | None = None
    cue_end: int | None = None
    cue_lemma: str | None = None
    speaker_token: int | None = None  # doc token index of the speaker phrase head
    speaker_span: tuple[int, int] | None = None  # char span when the speaker is not a parse subject
    inherit: str | None = None  # "previous" (split quotes) or "context" (floating)
    confidence: float = 0.8
    sent_start: int = 0
    sent_end: int = 0
    # Which rule produced it (for debugging and the benchmark breakdown).
    rule: str = ""


class DocIndex:
    """Char <-> token lookups and quote-span membership for one Doc, built once (linear)."""

    def __init__(self, doc: Doc, spans: list[QuoteSpan]) -> None:
        self.doc = doc
        self.starts = doccache.token_starts(doc)
        self.spans = spans
        self.span_starts = [s.open for s in spans]
        self.in_quote = [False] * len(doc)
        # Tokens inside sentence-level direct quotes and transcript answers (set by the finder);
        # fragments (scare quotes, partial quotes) are not in it, so reported clauses around and
        # through them are still found.
        self.in_direct = [False] * len(doc)
        for s in spans:
            a = self.tok_at(s.start)
            b = self.tok_at(max(s.end - 1, s.start))
            for k in range(a, b + 1):
                self.in_quote[k] = True

    def tok_at(self, char: int) -> int:
        """Index of the token containing (or starting right after) ``char``."""
        i = bisect_right(self.starts, char) - 1
        return max(i, 0)

    def quote_containing(self, char: int) -> QuoteSpan | None:
        i = bisect_right(self.span_starts, char) - 1
        if i >= 0:
            s = self.spans[i]
            if s.open <= char < s.outer_end:
                return s
        return None
