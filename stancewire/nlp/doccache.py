"""Per-Doc caches for what spaCy rebuilds on every access.

``doc[i]`` and ``for t in doc`` create a new ``Token`` object each time, ``doc.text`` joins every
token's text again and ``doc.ents`` builds new spans: on a 700-token article the rules asked for
~20,000 Token objects, a sixth of the rule time. The caches live in ``doc.user_data`` so every rule
module (mentions, quotes, attribution, stance) shares one list per Doc without passing it around.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_TOKENS = "stancewire.tokens"
_TEXT = "stancewire.text"
_ENTS = "stancewire.ents"


def tokens(doc: Doc) -> list[Token]:
    """``list(doc)``, built once per Doc (rebuilt if the Doc was retokenized since)."""
    toks = doc.user_data.get(_TOKENS)
    if toks is None or len(toks) != len(doc):
        toks = doc.user_data[_TOKENS] = list(doc)
    return toks


def text(doc: Doc) -> str:
    t = doc.user_data.get(_TEXT)
    if t is None:
        t = doc.user_data[_TEXT] = doc.text
    return t


def ents(doc: Doc) -> tuple[Span, ...]:
    e = doc.user_data.get(_ENTS)
    if e is None:
        e = doc.user_data[_ENTS] = tuple(doc.ents)
    return e


def release(doc: Doc) -> None:
    """Drop the caches (the token list refers back to the Doc)."""
    for key in (_TOKENS, _TEXT, _ENTS):
        doc.user_data.pop(key, None)
