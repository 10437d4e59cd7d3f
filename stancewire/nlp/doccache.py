"""Per-Doc caches for what spaCy rebuilds on every access.

``doc[i]`` and ``for t in doc`` create a new ``Token`` object each time, ``doc.text`` joins every
token's text again and ``doc.ents`` builds new spans: on a 700-token article the rules asked for
~20,000 Token objects, a sixth of the rule time. One :class:`DocCache` object per Doc, kept in the
``Doc._.stancewire_cache`` extension, lets every rule module (mentions, quotes, attribution,
stance) share one list per Doc without passing it around.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy
from spacy.attrs import IDX, LENGTH
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from stancewire.nlp.quotemarks import QuoteSpan, find_quote_spans

_EXT = "stancewire_cache"
if not Doc.has_extension(_EXT):
    Doc.set_extension(_EXT, default=None)


@dataclass(slots=True)
class DocCache:
    tokens: list[Token] | None = None
    text: str | None = None
    ents: tuple[Span, ...] | None = None
    sents: list[Span] | None = None
    sent_of: list[int] | None = None  # token index -> index into sents
    capitalised: list[int] | None = None
    heads: list[int] | None = None
    children: list[Sequence[Token]] | None = None  # token index -> its children, in text order
    starts: list[int] | None = None  # token index -> offset of its first character
    ends: list[int] | None = None  # token index -> offset after its last character
    quote_spans: list[QuoteSpan] | None = None  # the text's quotations (quotemarks)


# Where ``doc._.stancewire_cache`` keeps its value. Read straight from ``user_data``: going
# through ``doc._`` builds an ``Underscore`` object per access, which cost more than some of
# the lookups this cache saves (the rules ask for the token list thousands of times per Doc).
_KEY = ("._.", _EXT, None, None)


def _cache(doc: Doc) -> DocCache:
    data = doc.user_data
    c = data.get(_KEY)
    if c is None:
        c = data[_KEY] = DocCache()
    return c


def quote_spans(doc: Doc) -> list[QuoteSpan]:
    """:func:`~stancewire.nlp.quotemarks.find_quote_spans` of the Doc's text, once per Doc: the
    quote finder and the attribution step's mention rules both read them (read-only)."""
    c = _cache(doc)
    if c.quote_spans is None:
        c.quote_spans = find_quote_spans(text(doc))
    return c.quote_spans


def tokens(doc: Doc) -> list[Token]:
    """``list(doc)``, built once per Doc (rebuilt if the Doc was retokenized since)."""
    c = doc.user_data.get(_KEY)  # (inline: the rules ask for the list thousands of times)
    toks = c.tokens if c is not None else None
    if toks is None or len(toks) != len(doc):
        c = _cache(doc)
        toks = c.tokens = list(doc)
        c.capitalised = None  # indices into the old list
    return toks


def text(doc: Doc) -> str:
    c = _cache(doc)
    t = c.text
    if t is None:
        t = c.text = doc.text
    return t


def remember_text(doc: Doc, text: str) -> None:
    """Seed :func:`text` with the string the Doc was made from (spaCy keeps every character, so
    it equals ``doc.text``): building it back from the tokens costs as much as a rule component."""
    _cache(doc).text = text


def ents(doc: Doc) -> tuple[Span, ...]:
    c = _cache(doc)
    e = c.ents
    if e is None:
        e = c.ents = tuple(doc.ents)
    return e


def sent(tok: Token) -> Span:
    """``tok.sent`` from one pass over ``doc.sents`` per Doc. ``Token.sent`` walks to both ends
    of the sentence and builds two Spans on every call, and the stance and quote rules ask for
    it per trigger, per cue and per quote. Sentence starts are final once the parser has run
    (only ``line_sentences``, before it, sets them), so the cache never goes stale."""
    doc = tok.doc
    c = _cache(doc)
    of = c.sent_of
    if of is None or len(of) != len(doc):
        sents = c.sents = list(doc.sents)
        of = c.sent_of = [0] * len(doc)
        for k, s in enumerate(sents):
            for i in range(s.start, s.end):
                of[i] = k
    assert c.sents is not None
    return c.sents[of[tok.i]]


def capitalised(doc: Doc) -> list[int]:
    """Indices of the tokens whose text starts with an ASCII capital (``mentions.names.CAP_RE``),
    in order. The name rules scan the article once per rule for capitalised words; reading
    ``Token.text`` costs a new string per token and per scan, and a sixth of tokens qualify."""
    toks = tokens(doc)  # (a rebuilt token list drops the indices)
    c = _cache(doc)
    caps = c.capitalised
    if caps is None:
        caps = c.capitalised = [t.i for t in toks if "A" <= t.text[:1] <= "Z"]
    return caps


def heads(doc: Doc) -> list[int]:
    """``[t.head.i for t in doc]`` from the Doc's array, once per Doc (heads never move)."""
    c = doc.user_data.get(_KEY)  # (inline: asked for at every step of an ancestor walk)
    hs = c.heads if c is not None else None
    if hs is None or len(hs) != len(doc):
        c = _cache(doc)
        # HEAD is stored as an offset from the token, unsigned; int64 gives it its sign back.
        hs = c.heads = (doc.to_array("HEAD").astype("int64") + numpy.arange(len(doc))).tolist()
    return hs


def is_ancestor(anc: Token, tok: Token) -> bool:
    """``anc.is_ancestor(tok)`` over :func:`heads`: spaCy walks ``tok.ancestors``, a new Token
    object per step."""
    hs = heads(tok.doc)
    i, target = tok.i, anc.i
    while hs[i] != i:
        i = hs[i]
        if i == target:
            return True
    return False


_NO_CHILDREN: Sequence[Token] = ()


def children(tok: Token) -> Sequence[Token]:
    """``list(tok.children)``, from one pass over the heads per Doc. ``Token.children`` scans the
    token's subtree and makes a new Token object per child on every call, and the rules ask
    for the children of a cue, a subject or a trigger many times over. The rules relabel
    dependencies but never move a head, so the lists stay right."""
    doc = tok.doc
    # The rules ask for children ~600 times per article: the built lists are read first, with
    # no call in between (the staleness test is in ``_children``, run when they are missing).
    c = doc.user_data.get(_KEY)
    kids = c.children if c is not None else None
    if kids is None or len(kids) != len(doc):
        kids = _children(doc)
    return kids[tok.i]


def lefts(tok: Token) -> list[Token]:
    """``list(tok.lefts)``: the children before the token (the cached lists are in text order)."""
    i = tok.i
    return [c for c in children(tok) if c.i < i]


def rights(tok: Token) -> list[Token]:
    """``list(tok.rights)``: the children after the token."""
    i = tok.i
    return [c for c in children(tok) if c.i > i]


def _children(doc: Doc) -> list[Sequence[Token]]:
    c = _cache(doc)
    toks = tokens(doc)
    grouped: dict[int, list[Token]] = {}
    for i, h in enumerate(heads(doc)):
        if h != i:
            grouped.setdefault(h, []).append(toks[i])
    # One shared empty tuple for the leaves (most tokens), a list for each head.
    kids: list[Sequence[Token]] = [_NO_CHILDREN] * len(toks)
    for h, ks in grouped.items():
        kids[h] = ks
    c.children = kids
    return kids


def where(doc: Doc, attr: int, values: Collection[int]) -> list[int]:
    """Indices of the tokens whose ``attr`` (a ``spacy.attrs`` id such as ``POS`` or ``LOWER``)
    is one of ``values`` (symbol ids or string hashes), in order. One array read per call, so
    it sees relabels made since; the article-wide loops visit only the tokens a rule can use
    instead of reading a string attribute off every token (a new string per read)."""
    if not len(doc):
        return []
    col = doc.to_array(attr)
    # One comparison per value: the callers pass a handful, and ``numpy.isin`` costs more in
    # set-up (it sorts) than the comparisons of a whole article.
    mask = numpy.zeros(len(col), dtype=bool)
    for v in values:
        mask |= col == v
    return numpy.flatnonzero(mask).tolist()


def string_ids(words: Iterable[str]) -> frozenset[int]:
    """The string-store hashes of ``words`` (for :func:`where` over ``LOWER`` or ``LEMMA``),
    computed without adding them to any store."""
    return frozenset(get_string_id(w) for w in words)


def token_starts(doc: Doc) -> list[int]:
    """``[t.idx for t in doc]``, the offset of each token's first character, from one array read
    per Doc (the text never changes): the rules map characters to tokens by bisection over it."""
    c = _cache(doc)
    starts = c.starts
    if starts is None or len(starts) != len(doc):
        starts = c.starts = doc.to_array(IDX).tolist()
    return starts


def char_range(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The token range of ``doc.char_span(start, end, alignment_mode="expand")`` (None when that
    is None), by bisection over offsets read once per Doc: ``char_span`` builds a Span and a
    Token per boundary, and the stance rules ask for two per quote. Every character of the
    text belongs to a token or to the one space after it, so a character's token is the last
    one starting at or before it."""
    starts = token_starts(doc)
    c = _cache(doc)
    ends = c.ends
    if ends is None or len(ends) != len(starts):
        ends = c.ends = [a + n for a, n in zip(starts, doc.to_array(LENGTH).tolist(), strict=True)]
    n_chars = len(text(doc))
    if not (0 <= start < n_chars and 0 <= end - 1 < n_chars) or end < start:
        return None  # (spaCy raises for end < start; no caller asks)
    a = bisect_right(starts, start) - 1
    b = bisect_right(starts, end - 1) - 1
    if start == ends[a]:
        a += 1  # at the space after a token: the span starts with the next one
    return a, b + 1


def span_tokens(span: Span) -> list[Token]:
    """``list(span)`` from the Doc's token list, without a new Token object per token."""
    return tokens(span.doc)[span.start : span.end]


def release(doc: Doc) -> None:
    """Drop the caches (the token list refers back to the Doc)."""
    doc._.stancewire_cache = None
