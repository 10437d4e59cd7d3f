"""Scraper noise in article bodies: find it, and blank it without moving any offset.

Scraped article bodies carry lines that are not the article: photo credits and captions
("Ada Morn/Marrow Press/Photo Service", "(Photo: …)"), a wire service's name alone on a line,
bylines ("By Ada Morn", "Ada Morn / Harbour News", "Ada Morn · Harbour News · Posted: …", "Ada
Morn, The Harbour Press") and time stamps ("Updated December 3, 2019 6:12 pm"), credit lines
("— With files from …", "Reporting by …; Editing by …"), "Story continues below advertisement",
"WATCH: …", "READ MORE: …", "Related: …", a video player's "Click to play video: …" and timed
title, page furniture ("Social Sharing"), newsletter and social prompts, image alt text, a live
blog's comment-widget residue ("FlagShareLikeReply…").
Parsed as prose they become speakers ("Morn/Marrow Press said"), get glued into names across
line breaks, or split and join quotes. :func:`noise_spans` finds them; :func:`mask_noise`
replaces them with spaces of the same length, so every offset computed on the masked text
still points into the original (``Quote.start``/``end`` stay valid).

Pure functions over a string, no spaCy. The rules are deliberately conservative: a line is
noise only when *the whole line* has the shape of a label, credit or prompt (short, no quote
marks, no sentence of prose), so "Watch the river, she said." or a quote that mentions a photo
is never touched. Fragments inside a line are masked only for bracketed credits and for a
credit that trails a caption line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTE_MARKS = '“”"«»„‘’'

# A dateline that opens a lead paragraph ("OTTAWA — ", "WASHINGTON (AP) — ", "DES MOINES, Iowa
# — ", "LAS VEGAS, Nev. (Reuters) — "): no noise to blank (it is the article's), but neither
# prose of the sentence it opens nor part of a name after it.
DATELINE = re.compile(
    r"[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{2,}(?:,\s+[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"
    r"(?:\s*\([A-Za-z ]+\))?\s*[-–—]+\s+"
)

# A capitalised word of a name or organisation (initials, hyphens, apostrophes, "&").
_CAP = r"(?:[A-Z][\w.'’&-]*|&)"
_NAMEISH = rf"{_CAP}(?:\s+(?:{_CAP}|of|the|de|da|van|von|der|la|le|for|and))*"

# "Ada Morn/Marrow Press/Photo Service", "Ada Morn / Harbour News", "Press Photo/Ada Morn"
_CREDIT_LINE = re.compile(rf"^{_NAMEISH}(?:\s*/\s*{_NAMEISH})+\.?$")
# "Ada Morn via Marrow Images", "Photo by Ada Morn for The Harbour Post": a photo credit in words
# (a "for" credit needs its "Photo by": "Farmers for Reform" may head a paragraph).
_VIA_CREDIT = re.compile(
    rf"^(?:(?:Photo|Photograph|Image|Picture)s?\s+(?:by\s+)?{_NAMEISH}\s+(?:via|for)|{_NAMEISH}\s+via)"
    rf"\s+{_NAMEISH}\.?$"
)
# A credit trailing a caption on the same line: "The mayor on Tuesday. Ada Morn/Marrow Press"
_TRAILING_CREDIT = re.compile(rf"(?<=[.!?)])\s+({_NAMEISH}(?:\s*/\s*{_NAMEISH})+)\s*$")
# Known wire services, and names shaped like one ("… Press", "… News Service"), alone on a line.
_WIRE_WORDS = (
    r"Associated Press|AP|Reuters|AFP|Agence France-Presse|Bloomberg|UPI|dpa|ANSA|EFE|"
    r"(?:The\s+)?Canadian Press|Press Association|PA|Getty Images"
)
_WIRE_LINE = re.compile(
    rf"^\(?(?:{_WIRE_WORDS}|(?:The\s+)?{_CAP}(?:\s+{_CAP}){{0,3}}\s+"
    rf"(?:Press|Wire|News Service|Newswire|News Agency|Photo Service|Images|Photos))\)?\.?$"
)
# "By Ada Morn", "By Ada Morn and Ola Brandt, Harbour News", "BY ADA MORN | Staff Writer"
_BYLINE = re.compile(
    rf"^(?:By|BY)\s+{_NAMEISH}(?:\s*(?:,|and|&)\s*{_NAMEISH})*(?:\s*[,|/–—-]\s*{_NAMEISH})?\.?$"
)
# Bylines of Canadian outlets: "Ada Morn · Marrow News · Posted: Dec 03, 2019 5:00 AM ET",
# "By Ada Morn Marrow News Posted December 3, 2019 5:00 pm", "Ada Morn, The Marrow Press".
_DOT_BYLINE = re.compile(rf"^{_NAMEISH}\s*·\s*{_NAMEISH}(?:\s*·[^\n]*)?$")
_STAMP = (
    r"(?:Posted|Updated|Published|Last Updated|Last updated)\s*:?\s*(?:on\s+)?"
    r"(?:[A-Z][a-z]+,?\s+)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]+\s+\d{4})"
)
_STAMP_BYLINE = re.compile(rf"^(?:By|BY)\s+{_NAMEISH}\s+{_STAMP}")
# Only times, dates, zones and capitalised words after the stamp: no prose ("the letter said").
_STAMP_LINE = re.compile(rf"^{_STAMP}(?:[\s,|:.\d-]|[AaPp]\.?[Mm]\.?|[A-Z][A-Za-z]*\.?)*$")
_OUTLET_BYLINE = re.compile(
    rf"^{_NAMEISH}(?:\s*(?:,|and)\s*{_NAMEISH})*,\s+(?:{_WIRE_WORDS}|(?:The\s+)?{_CAP}(?:\s+{_CAP}){{0,3}}"
    r"\s+(?:Press|News|Newswire|Wire))\.?$"
)
_ADVERT = re.compile(
    r"^(?:story|article) continues (?:below|after) (?:this )?advertisement\.?$|^advertisement\.?$|"
    r"^continue reading (?:the main story|below)\.?$|^skip advertisement$|"
    r"^this advertisement has not loaded yet,? but your article continues below\.?$",
    re.I,
)
# Credit lines of wire copy and of Canadian outlets: "— With files from Ada Morn and The Marrow
# Press", "Reporting by Ada Morn; Editing by Ola Brandt".
_FILES_CREDIT = re.compile(
    rf"^[—–-]?\s*(?:With|WITH|with) (?:files|FILES) (?:from|FROM)\s+{_NAMEISH}"
    rf"(?:\s*(?:,|and|&)\s*{_NAMEISH})*\.?$"
)
_WIRE_CREDIT = re.compile(
    r"^(?:Additional )?(?:Reporting|Writing|Editing)(?: and (?:writing|editing))? by\b[^.!?]*"
    r"(?:;|\bEditing by\b)"
)
# A video player's title, with its duration in front: "2:14 Morn defends the ferry deal". A
# live blog's timed entry is a sentence ("9:30 Morn arrives at the pier."), and stays.
_VIDEO_TITLE = re.compile(r"^\d{1,2}:\d{2}\s+[A-Z][^.!?]*$")
# Page furniture alone on a line.
_FURNITURE = frozenset({
    "social sharing", "report an error", "related stories", "comments", "trending",
    "also on huffpost", "more from huffpost", "share this article",
})  # fmt: skip
# A label and a colon opening a line: "WATCH: …", "READ MORE: …", "Related: …"
_LABEL = re.compile(
    r"^(?:WATCH|Watch|READ MORE|Read more|Read More|MORE|RELATED|Related|ALSO READ|Also read|"
    r"Click to play video|Click to play|"
    r"SEE ALSO|See also|LISTEN|Listen|VIDEO|Video|PHOTOS|Photos|GALLERY|Gallery|"
    r"RELATED STORY|Related story|Related Story|RECOMMENDED|Recommended|TRENDING|Trending)\s*:"
)
# Prompts address the reader: an imperative opening the line (or a sentence of it), or the
# reader's inbox/our app. "She urged residents to subscribe to…" reports speech and is kept.
_PROMPT = re.compile(
    r"(?:^|[?!.]\s+)\(?(?:Sign up|Subscribe|Follow (?:us|@\w+|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}) on|"
    r"Like us on|Share this|Click here|Download (?:our|the)|Get (?:the latest|breaking)|Turn on|"
    r"Join our|Don[’']t miss|Never miss)\b"
    r"|\byour inbox\b|\bour (?:newsletter|app)\b",
)
_ALT_TEXT = re.compile(
    r"^(?:\[?(?:Image|Photo|Picture|Video)(?: caption| copyright| source| credit)?\s*[:：]|"
    r"Image caption\b|Image copyright\b|Caption\s*:|Photo credit\s*:|!\[[^\]]*\]\([^)]*\))",
    re.I,
)
# Bracketed credits anywhere: "(Photo: Ada Morn/Marrow Press)", "(Marrow Press Photo/Ada Morn)";
# and, closing a line, a bracketed "(Ada Morn/Marrow Daily)": the photographer and the outlet.
_PAREN_CREDIT = re.compile(
    r"\((?:Photo|Photograph|Image|Picture|Video|Credit|Photo credit)s?(?:\s+by)?\s*[:：]?\s*[^()\n]{1,150}\)"
    r"|\([^()\n]{0,60}\b(?:Photo|Images)\s*/\s*[^()\n]{1,80}\)"
    rf"|(?-i:\(\s*{_NAMEISH}(?:\s*/\s*{_NAMEISH})+\s*\))(?=\s*\.?$)",
    re.I,
)

# A live blog's comment-widget residue glued into the text: its buttons ("FlagShareLikeReply"),
# then the next post's author, points, badges and time ("Mari Hayman 5ptsmoderatorFeatured
# February 6, 2016 9:23PM"). The glued button words never occur in prose.
_WIDGET = re.compile(
    r"(?:Flag)?ShareLikeReply"
    r"(?:[A-Z][\w'’.-]*(?:[ \t][A-Z][\w'’.-]*){0,3}[ \t]*\d+[ \t]*pts?)?"
    r"(?:moderator)?(?:Featured)?"
    r"(?:[A-Z][a-z]+[ \t]\d{1,2},[ \t]\d{4}[ \t]\d{1,2}:\d{2}[ \t]?[AP]M)?"
)

_MAX_PROMPT_WORDS = 30
_MAX_CAPTION_WORDS = 25
_SPEECH = re.compile(r"\b(?:said|says|say|told|tells|according to|announced|warned|added|wrote)\b", re.I)
_MAX_LABEL_WORDS = 40


@dataclass(frozen=True, slots=True)
class NoiseSpan:
    start: int
    end: int
    reason: str  # rule: credit, wire, byline, advert, label, prompt, alt-text, caption, paren-credit, widget


def _line_reason(line: str) -> str | None:
    """The rule a whole (stripped) line falls under, or None when it may be prose."""
    words = len(line.split())
    has_marks = any(c in line for c in _QUOTE_MARKS)
    if _ADVERT.match(line):
        return "advert"
    if _LABEL.match(line) and words <= _MAX_LABEL_WORDS:
        return "label"
    if _ALT_TEXT.match(line) and not has_marks:
        return "alt-text"
    if line.casefold().rstrip(":") in _FURNITURE:
        return "label"
    if has_marks:
        return None  # a line with quote marks is someone's words, whatever it looks like
    if words <= 25 and (_FILES_CREDIT.match(line) or _WIRE_CREDIT.match(line)):
        return "credit"
    if words <= 20 and _VIDEO_TITLE.match(line):
        return "label"
    if words <= 12 and _BYLINE.match(line):
        return "byline"
    if words <= 30 and (_DOT_BYLINE.match(line) or _STAMP_BYLINE.match(line)):
        return "byline"
    if (words <= 20 and _STAMP_LINE.match(line)) or (words <= 12 and _OUTLET_BYLINE.match(line)):
        return "byline"
    if words <= 8 and _WIRE_LINE.match(line):
        return "wire"
    if words <= 14 and (_CREDIT_LINE.match(line) or _VIA_CREDIT.match(line)):
        return "credit"
    if words <= _MAX_PROMPT_WORDS and _PROMPT.search(line):
        return "prompt"
    return None


def _is_caption(line: str, credit_start: int, credit_end: int) -> bool:
    """A short line that ends with a photo credit is a caption: "The pier at dawn. Ada Morn/Press".

    Only when the credit closes the line, the text before it is short, holds no quote marks and
    reports no speech (a wire lead "…, the minister said. (Photo: …)" keeps its sentence).
    """
    before = line[:credit_start]
    return (
        not line[credit_end:].strip(" .")
        and len(before.split()) <= _MAX_CAPTION_WORDS
        and not any(c in line for c in _QUOTE_MARKS)
        and not _SPEECH.search(before)
    )


def _inside_quote(line: str, pos: int) -> bool:
    """Whether ``pos`` lies inside quotation marks opened earlier on the line."""
    before = line[:pos]
    curly = before.count("“") - before.count("”") + before.count("«") - before.count("»")
    return curly > 0 or before.count('"') % 2 == 1


def noise_spans(text: str) -> list[NoiseSpan]:
    """Character spans of noise lines and fragments in ``text``, sorted, never overlapping.

    A whole-line span covers the line without its surrounding whitespace and never a line
    break, so paragraph structure survives masking.
    """
    spans: list[NoiseSpan] = []
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group(0)
        stripped = raw.strip()
        if not stripped:
            continue
        start = m.start() + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped)
        reason = _line_reason(stripped)
        if reason:
            spans.append(NoiseSpan(start, end, reason))
            continue
        # Widget residue is masked where it is; unlike a credit it does not make its line a caption.
        for w in _WIDGET.finditer(stripped):
            spans.append(NoiseSpan(start + w.start(), start + w.end(), "widget"))
        fragments: list[tuple[int, int, str]] = []
        for pm in _PAREN_CREDIT.finditer(stripped):
            if not any(c in pm.group(0) for c in _QUOTE_MARKS) and not _inside_quote(stripped, pm.start()):
                fragments.append((pm.start(), pm.end(), "paren-credit"))
        if not any(c in stripped for c in _QUOTE_MARKS):
            tc = _TRAILING_CREDIT.search(stripped)
            if tc:
                fragments.append((tc.start(1), tc.end(1), "credit"))
        if fragments and _is_caption(stripped, min(f[0] for f in fragments), max(f[1] for f in fragments)):
            spans.append(NoiseSpan(start, end, "caption"))
            continue
        spans.extend(NoiseSpan(start + a, start + b, reason) for a, b, reason in fragments)
    spans.sort(key=lambda s: (s.start, -s.end))
    merged: list[NoiseSpan] = []
    for s in spans:
        if merged and s.start < merged[-1].end:
            continue  # inside an earlier span (line spans come first at equal starts)
        merged.append(s)
    return merged


# How far into a body a byline line may stand (after a headline, a dek and a time stamp).
_BYLINE_REACH = 600


def body_bylines(text: str) -> list[str]:
    """The "By …" byline lines near the top of an article body ("By Ada Morn | Staff Writer"):
    the writers, when the scraper gave no author field."""
    head = text[:_BYLINE_REACH]
    lines = (head[s.start : s.end] for s in noise_spans(head) if s.reason == "byline")
    # Only a "By …" line: a time stamp ("Published Wednesday, …") or an outlet line names no writer.
    return [line for line in lines if line.startswith(("By ", "BY "))]


def mask_noise(text: str) -> str:
    """``text`` with every noise span replaced by spaces of the same length (offsets unchanged)."""
    spans = noise_spans(text)
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for s in spans:
        parts.append(text[pos : s.start])
        parts.append(" " * (s.end - s.start))
        pos = s.end
    parts.append(text[pos:])
    out = "".join(parts)
    assert len(out) == len(text)
    return out


__all__ = ["NoiseSpan", "mask_noise", "noise_spans"]
