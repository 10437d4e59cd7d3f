"""Names of things that the small NER model (or a given name at their start) makes people:
"the so-called Harlan Effect", "the Velk Act", "the Brask Rule". A thing is no person, so it
must not become a person id that absorbs "the moderator" or "he" later in the article."""

from __future__ import annotations

from spacy.tokens import Token

from stancewire.nlp.mentions.words import HONORIFICS, THING_SURNAME_WORDS, THING_WORDS, TITLE_WORDS


def thing_name(toks: list[Token], a: int, b: int) -> bool:
    """Whether the name ``toks[a:b]`` (two words or more) is a thing: it ends in a thing noun
    ("Effect", "Act", "Amendment"), or in one that is also a surname ("Law", "Rule", "Bill")
    after "the" or "so-called" (English gives "Ana Law" no article). A title or honorific
    before it ("Mr. Rule", "Gov. Ada Deal") makes it a person's name, whatever it ends in."""
    if b - a < 2:
        return False  # a lone "Bill" or "Law" is a given name or a surname
    last = toks[b - 1].lower_
    surname_like = last in THING_SURNAME_WORDS
    if last not in THING_WORDS and not surname_like:
        return False
    before = toks[a - 1] if a > 0 else None
    if before is not None and before.lower_.rstrip(".") in HONORIFICS | TITLE_WORDS:
        return False
    if not surname_like:
        return True
    return toks[a].lower_ == "the" or (before is not None and _definite(toks, before))


def _definite(toks: list[Token], before: Token) -> bool:
    """Whether the word before a name is "the" or the end of "so-called" (one token or three)."""
    low = before.lower_
    if low in ("the", "so-called"):
        return True
    i = before.i
    return low == "called" and i >= 2 and toks[i - 1].text == "-" and toks[i - 2].lower_ == "so"
