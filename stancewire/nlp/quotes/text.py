"""Character-level helpers of the quote rules: trimming spans, sentences and paragraphs, dedupe."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from stancewire.nlp.quotes.candidate import QuoteCandidate
from stancewire.nlp.quotes.words import TITLE_FRAMES

END_PUNCT = frozenset(".!?")


MIN_DIRECT_WORDS = 4


DASHES = "—–-"


LABEL_ONLY_RE = re.compile(r"\s*([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4})\s*:\s*$")


NAME_COLON_RE = re.compile(r"\s*([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s*:\s+(?=\S)")

# A question label at a line's start: "Q: …", "Q. …", "QWhat would …" (glued by the scraper).
QUESTION_RE = re.compile(r"^[ \t\"“]*Q(?:[ \t]*[:.]|(?=[A-Z][a-z]))", re.MULTILINE)


def first_question(text: str) -> int | None:
    """Where the first question label starts, when the article is a question-and-answer
    transcript (two or more question labels); None for any other article."""
    labels = QUESTION_RE.finditer(text, 0, 200_000)
    first = next(labels, None)
    return first.start() if first is not None and next(labels, None) is not None else None


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    """Strip whitespace and trailing sentence punctuation/commas from a content span."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and (
        text[b - 1].isspace()
        or text[b - 1] in ".,;:—–"
        or (text[b - 1] in '”"’»' and b - 2 >= a and text[b - 2] in ",")
    ):
        if text[b - 1] in '”"’»':
            break
        b -= 1
    return a, b


def span_chars(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """Char span of tokens [i, j] inclusive."""
    return doc[i].idx, doc[j].idx + len(doc[j].text)


def overlap(a: int, b: int, c: int, d: int) -> int:
    return max(0, min(b, d) - max(a, c))


SENT_END_RE = re.compile(
    r"(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|Co|Lt|Mt))(?<!\bMrs|\bGen|\bSen|\bRep|\bGov|\bCol|\bInc|\bLtd|\bSgt)(?<!\bProf|\bCapt|\bCorp)(?<!\b[A-Z])[.!?]\s+(?=[A-Z“\"‘'(]|$)"
    # A dotted initialism ("S.C.", "D.C.", "U.S.") ends the sentence when a capitalised quote
    # follows ("... told reporters in Fort Mill, S.C. “It seems ...”"), or when the text ends there:
    # the left context of a quote stops at its opening mark.
    r"|(?<=\b[A-Z]\.[A-Z])\.\s+(?=(?:[“\"]|'')[A-Z]|$)"
)


def last_sentence(left: str) -> str:
    """The part of ``left`` after its last sentence boundary."""
    last = None
    for m in SENT_END_RE.finditer(left):
        last = m
    return left[last.end() :] if last else left


FIRST_END_RE = re.compile(
    r"(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|Co|Lt|Mt))(?<!\bMrs|\bGen|\bSen|\bRep|\bGov|\bCol|\bInc|\bLtd|\bSgt)(?<!\bProf|\bCapt|\bCorp)(?<!\b[A-Z])[.!?](?:\s|$)"
)


def first_sentence_end(right: str) -> int | None:
    m = FIRST_END_RE.search(right)
    return m.end() if m else None


def last_word(s: str) -> str:
    parts = s.split()
    return parts[-1] if parts else ""


def is_title(left_sent: str, content: str) -> bool:
    words = left_sent.lower().replace(",", " ").split()
    if words and words[-1].strip('“"‘') in TITLE_FRAMES:
        return True
    if words[-2:-1] and words[-2] in TITLE_FRAMES and words[-1] in {"the", "a", "an", "as"}:
        return True
    # Title Case without final punctuation: "“Blue Horizon”", "“The Art of the Deal”".
    ws = content.split()
    if 1 <= len(ws) <= 8 and content[-1:].isalnum():
        small = {"the", "of", "a", "an", "and", "in", "on", "for", "to", "at", "with", "or"}
        caps = [w for w in ws if w.lower() not in small]
        if caps and all(w[:1].isupper() for w in caps) and len(caps) >= 2:
            return True
    return False


def split_paragraphs(text: str, q: QuoteCandidate) -> list[QuoteCandidate]:
    """A quote running over several paragraphs is one quote per paragraph (the annotation
    convention); continuation paragraphs keep the speaker but carry no cue."""
    if "\n" not in text[q.start : q.end]:
        return [q]
    pieces: list[QuoteCandidate] = []
    pos = q.start
    while pos < q.end:
        nl = text.find("\n", pos, q.end)
        stop = q.end if nl < 0 else nl
        a, b = pos, stop
        while a < b and (text[a].isspace() or text[a] in '“"‘«„'):
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            piece = QuoteCandidate(
                type=q.type,
                start=a,
                end=b,
                speaker_token=q.speaker_token,
                speaker_span=q.speaker_span,
                inherit=q.inherit,
                confidence=q.confidence,
                sent_start=q.sent_start,
                sent_end=q.sent_end,
                rule=q.rule,
            )
            if not pieces:
                piece.cue_start, piece.cue_end, piece.cue_lemma = q.cue_start, q.cue_end, q.cue_lemma
            else:
                piece.rule = q.rule + "+continuation"
            pieces.append(piece)
        pos = stop + 1
    return pieces or [q]


def dedupe(qs: list[QuoteCandidate]) -> list[QuoteCandidate]:
    out: list[QuoteCandidate] = []
    seen: set[tuple[int, int]] = set()
    for q in qs:
        key = (q.start, q.end)
        if key in seen:
            continue
        seen.add(key)
        out.append(q)
    return out
