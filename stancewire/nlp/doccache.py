"""Per-Doc caches for what spaCy rebuilds on every access.

``doc[i]`` and ``for t in doc`` create a new ``Token`` object each time, ``doc.text`` joins every
token's text again and ``doc.ents`` builds new spans: on a 700-token article the rules asked for
~20,000 Token objects, a sixth of the rule time. One :class:`DocCache` object per Doc, kept in the
``Doc._.stancewire_cache`` extension, lets every rule module (mentions, quotes, attribution,
stance) share one list per Doc without passing it around.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

_EXT = "stancewire_cache"
if not Doc.has_extension(_EXT):
    Doc.set_extension(_EXT, default=None)


@dataclass(slots=True)
class DocCache:
    tokens: list[Token] | None = None
    text: str | None = None
    ents: tuple[Span, ...] | None = None


def _cache(doc: Doc) -> DocCache:
    c = doc._.stancewire_cache
    if c is None:
        c = DocCache()
        doc._.stancewire_cache = c
    return c


def tokens(doc: Doc) -> list[Token]:
    """``list(doc)``, built once per Doc (rebuilt if the Doc was retokenized since)."""
    c = _cache(doc)
    toks = c.tokens
    if toks is None or len(toks) != len(doc):
        toks = c.tokens = list(doc)
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


def release(doc: Doc) -> None:
    """Drop the caches (the token list refers back to the Doc)."""
    doc._.stancewire_cache = None
