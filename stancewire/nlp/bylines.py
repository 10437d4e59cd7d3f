"""The writers' names in a scraped byline.

Bylines arrive as scrapers read them: "By JANE ROE and JOHN DOE", "Ada Morn, The Daily Post",
"Ada Morn,Piet Vos", "By IDA KESSEL. Follow Ida Kessel on Twitter @ikessel.", "By THE ASSOCIATED
PRESS", "AP". :func:`byline_names` keeps the people: outlets, wire services, contact lines and
credits ("… contributed reporting") are dropped, and all-capital names are written in title case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A sentence stop after a word of two or more letters ends the names ("By X. Follow X on
# Twitter"); "JAMES B. STEWART" keeps its initial and "Dr. Ada Morn" her title.
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{2})\.\s")
_TITLES = frozenset({
    "dr", "mr", "mrs", "ms", "mx", "rev", "prof", "sen", "rep", "gov", "gen", "col", "capt", "lt",
    "st", "jr", "sr",
})  # fmt: skip
_SEPARATORS = re.compile(r"\s*(?:,|;|/|&|\band\b|\|)\s*", re.IGNORECASE)
_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
_CONTACT = re.compile(r"@|https?:|www\.|\d")
_NAME_WORD = re.compile(r"^[^\W\d_][\w.'’-]*$")
# Words that make a byline part an outlet, a wire service or a credit, not a person.
_NOT_A_PERSON = frozenset({
    "news", "press", "associated", "reuters", "agency", "wire", "service", "services", "staff",
    "editorial", "board", "editors", "editor", "today", "times", "post", "journal", "tribune", "herald",
    "globe", "enquirer", "gazette", "chronicle", "daily", "weekly", "magazine", "network", "media",
    "report", "reporting", "contributed", "contributor", "contributors", "correspondent",
    "correspondents", "bureau", "desk", "team", "online", "digital", "radio", "tv", "television", "the",
    "of", "from", "photo", "photos", "follow", "email", "twitter", "facebook", "updated", "review",
    "insights", "institute", "center", "centre", "foundation", "council", "group", "association",
    "committee", "campaign", "party", "university", "inc", "llc", "company", "corp", "analysis",
    "policy", "research", "opinion", "commentary", "column", "none", "null", "unknown", "anonymous",
    "admin",
})  # fmt: skip


def _title_case(word: str) -> str:
    # "MCCASKILL" -> "Mccaskill": ids are lower case anyway; only the display name is affected.
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


def _names_end(text: str) -> int:
    for m in _SENTENCE_END.finditer(text):
        word = text[: m.start()].rsplit(None, 1)[-1].casefold()
        if word not in _TITLES:
            return m.start()
    return len(text)


def _person(part: str) -> str | None:
    words = part.split()
    while words and words[0].strip(".").casefold() in _TITLES:
        words = words[1:]  # "Dr. Ada Morn": ids and registry names carry no title
    # One word is a pen name, an outlet or half of a name split by a stray comma ("Ada , Morn"):
    # too unsure to make anyone the writer.
    if not 2 <= len(words) <= 5 or not all(_NAME_WORD.match(w) for w in words):
        return None
    if any(w.strip(".").casefold() in _NOT_A_PERSON for w in words):
        return None
    letters = "".join(ch for ch in part if ch.isalpha())
    if letters.isupper():
        words = [_title_case(w) for w in words]
    elif not all(w[0].isupper() for w in words if len(w) > 3 or w[-1] != "."):
        return None  # lower-case words: a sentence, not a name ("contributed reporting")
    return " ".join(words)


def byline_names(bylines: Iterable[str]) -> list[str]:
    """The people named in the article's byline fields, in order, without repeats."""
    out: list[str] = []
    for raw in bylines:
        text = _BY.sub("", raw.replace("\n", " "))
        text = text[: _names_end(text)].rstrip(". ")
        for part in _SEPARATORS.split(text):
            part = _BY.sub("", part).strip(" .")
            if not part or _CONTACT.search(part):
                continue
            name = _person(part)
            if name and name.casefold() not in {n.casefold() for n in out}:
                out.append(name)
    return out
