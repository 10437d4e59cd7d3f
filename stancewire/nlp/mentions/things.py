"""Names of things that the small NER model (or a given name at their start) makes people:
"the so-called Harlan Effect", "the Velk Act", "the Brask Rule", the thriller “Marlowe”. A
thing is no person, so it must not become a person id that absorbs "the moderator" or "he"
later in the article."""

from __future__ import annotations

from spacy.tokens import Token

from stancewire.nlp.mentions.names import NICK_CLOSE, NICK_OPEN
from stancewire.nlp.mentions.words import (
    HONORIFICS,
    THING_SURNAME_WORDS,
    THING_WORDS,
    TITLE_WORDS,
    WORK_NOUNS,
)


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


def quoted_title(toks: list[Token], a: int, b: int) -> bool:
    """Whether the name ``toks[a:b]`` (one or two words) stands alone in quotation marks right
    after a noun for a show, book or song ("the cable thriller, “Marlowe,”", "the comedy
    “Vesper Lane”"): its title, not a person, though the NER often tags it PERSON. After any
    other noun ("his co-star, “Marlowe,”") it may be a name or nickname."""
    if b - a > 2 or a < 2 or toks[a - 1].text not in NICK_OPEN:
        return False
    close = b + 1 if b < len(toks) and toks[b].text == "," else b
    if close >= len(toks) or toks[close].text not in NICK_CLOSE:
        return False
    noun = toks[a - 3] if toks[a - 2].text == "," and a >= 3 else toks[a - 2]
    return noun.lemma_.lower() in WORK_NOUNS or noun.lower_ in WORK_NOUNS
