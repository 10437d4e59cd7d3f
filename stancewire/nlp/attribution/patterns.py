"""Text patterns of speaker attribution: first-person pronouns, datelines, timestamps, windows."""

from __future__ import annotations

import re

# Sentence-initial capitals count ("We will ...", "Our members ..."); all-caps "US" is the country.
PRONOUN_RE = re.compile(r"\b(I|[Mm]e|[Mm]y|mine|[Mm]yself|[Ww]e|[Uu]s|[Oo]ur|[Oo]urs|[Oo]urselves)\b")


# A dateline opens a paragraph: capitalised place words (optionally "(Reuters)"), then a comma or dash.
DATELINE_RE = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{2,}(?:\([A-Za-z ]+\))?\s*(?:,|[-–—])")


# Live-blog entry headings ("10:25 — Weather outlook", "12:15 GMT: Arrest") are labels, not text.
# The date part of a dateline ("ISPARRE CITY, Nov 10 —"), which the parser also makes an
# apposition of the place: never the speaker.
JOINERS = frozenset(["-", "‑", "–"])


MONTH_RE = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\.?$|^(?:january|february|march|april"
    r"|june|july|august|september|october|november|december)$",
    re.IGNORECASE,
)


TIMESTAMP_LINE_RE = re.compile(
    r"\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.|GMT|BST|CET|UTC|ET))?\s*[-–—:|]"
)


SPEAKER_WINDOW = 1200  # chars: how far back a pronoun may reach for the previous speaker


FLOAT_WINDOW = 1500
