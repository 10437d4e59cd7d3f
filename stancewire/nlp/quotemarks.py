"""Quote-mark scanning: pairs opening and closing marks into quote spans, in pure Python.

Runs on the raw text (no parse), so offsets are exact by construction. Handles “ ” " " ‘ ’ « » „ “
‹ › and straight quotes, nesting (only outermost spans are returned; inner quotes stay inside the
content), paragraph continuation (a paragraph that opens a quote without closing it continues into
the next paragraph if that one opens with a mark) and apostrophes (``don't``, ``Trump’s``,
``leaders’``) which never open or close a quote.

Two apostrophes in a row are one straight double mark, two characters wide: the New York Times and
Penn-Treebank-style text write every double quote that way. Read as two single marks, the inner one
opened a single quote whose content then began with an apostrophe, so the cue rules, which look for
a sentence start right before the mark, never saw one and kept only the parse's first clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
ALL_MARKS = frozenset(DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'")
_OPEN_BEFORE = frozenset(" \t\n([{—–-/:;,“‘\"'«„")
_CLOSE_AFTER = frozenset(" \t\n.,;:!?)]}—–-”’\"'»…")
_PARA_RE = re.compile(r"[^\n]+")
PAIR = "''"  # a doubled apostrophe: one straight double quote mark


@dataclass(slots=True)
class QuoteSpan:
    """One outermost quotation: ``text[start:end]`` is the content without the marks."""

    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark; None when the quote ran to a paragraph end
    start: int
    end: int
    para_start: int  # offset where the opening paragraph starts
    double: bool = True
    close_len: int = 1  # width of the closing mark: 2 for a doubled apostrophe

    @property
    def outer_end(self) -> int:
        return self.close + self.close_len if self.close is not None else self.end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line; news paragraphs are newline-separated."""
    return [(m.start(), m.end()) for m in _PARA_RE.finditer(text) if m.group().strip()]


def _opens(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return prev in _OPEN_BEFORE and not nxt.isspace()


def _closes(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return not prev.isspace() and (nxt in _CLOSE_AFTER or not nxt.isalnum())


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """All outermost quote spans in text order (see module docstring)."""
    spans: list[QuoteSpan] = []
    paras = paragraphs(text)
    pending: QuoteSpan | None = None  # an unclosed double quote carried to the next paragraph
    for p_start, p_end in paras:
        # stack entries: (mark char, offset, is_double)
        stack: list[tuple[str, int, bool]] = []
        first = p_start
        while first < p_end and text[first].isspace():
            first += 1
        if pending is not None:
            if first < p_end and text[first] in DOUBLE_OPEN + '"':
                # Paragraph continuation: the quote goes on; the new opening mark is part of it.
                stack.append((text[first], pending.open, True))
                i = first + 1
            elif text.startswith(PAIR, first) and first + 2 <= p_end:
                stack.append((PAIR, pending.open, True))
                i = first + 2
            else:
                spans.append(pending)
                pending = None
                i = p_start
        else:
            i = p_start
        while i < p_end:
            ch = text[i]
            if ch not in ALL_MARKS:
                i += 1
                continue
            top = stack[-1] if stack else None
            if ch == "'" and text.startswith(PAIR, i) and not text.startswith("'''", i):
                _pair(text, stack, i, spans, pending, p_start)
                if not stack:
                    pending = None
                i += 2
                continue
            if ch in DOUBLE_OPEN:
                if (
                    ch == "“"
                    and top is not None
                    and top[2]
                    and (top[0] == "„" or _closes(text, i))
                    and not _opens(text, i)
                ):
                    _close(text, stack, i, spans, pending, p_start)
                    pending = None if not stack else pending
                elif ch == "«" or ch == "„" or _opens(text, i) or ch == "“":
                    stack.append((ch, i, True))
            elif ch in DOUBLE_CLOSE:
                if any(s[2] for s in stack):
                    while stack and not stack[-1][2]:
                        stack.pop()  # an inner single quote left open: drop it
                    _close(text, stack, i, spans, pending, p_start)
                    if not stack:
                        pending = None
            elif ch == '"':
                if top is not None and top[0] == '"' and (_closes(text, i) or not _opens(text, i)):
                    _close(text, stack, i, spans, pending, p_start)
                    if not stack:
                        pending = None
                elif _opens(text, i):
                    stack.append((ch, i, True))
                elif top is not None and top[2] and top[0] in DOUBLE_OPEN and _closes(text, i):
                    # “…," said X: pasted quotes mix curly and straight marks; a straight mark
                    # that can only close ends the curly quote it follows.
                    _close(text, stack, i, spans, pending, p_start)
                    if not stack:
                        pending = None
                elif any(s[0] == '"' for s in stack) and _closes(text, i):
                    while stack and stack[-1][0] != '"':
                        stack.pop()
                    _close(text, stack, i, spans, pending, p_start)
                    if not stack:
                        pending = None
            elif ch in SINGLE_OPEN or (ch == "'" and _opens(text, i)):
                # A single opener needs a letter/quote after it ("‘90s" has a digit: no).
                nxt = text[i + 1] if i + 1 < len(text) else " "
                if ch == "‹" or ((nxt.isalpha() or nxt in '“"') and _opens(text, i)):
                    stack.append((ch, i, False))
            elif ch in SINGLE_CLOSE or ch == "'":
                # Only a closer when a single quote is open and no letter follows (else apostrophe).
                nxt = text[i + 1] if i + 1 < len(text) else " "
                if top is not None and not top[2] and _closes(text, i) and not nxt.isalpha():
                    _close(text, stack, i, spans, pending, p_start)
            i += 1
        # End of paragraph: an open outermost double quote may continue in the next paragraph.
        outer = next((s for s in stack if s[2]), None) if stack else None
        if outer is not None and (not stack or stack[0] == outer):
            o_mark, o_off, _ = outer
            if pending is not None and pending.open == o_off:
                pending.start, pending.end = _strip(text, pending.start, p_end)
                pending.close = None
            else:
                a, b = _strip(text, o_off + len(o_mark), p_end)
                pending = QuoteSpan(open=o_off, close=None, start=a, end=b, para_start=p_start)
        elif pending is not None and not stack:
            pending = None
    if pending is not None:
        spans.append(pending)
    spans.sort(key=lambda s: s.open)
    # Keep outermost only.
    out: list[QuoteSpan] = []
    for s in spans:
        if out and s.open < out[-1].outer_end and s.open >= out[-1].open:
            continue
        if s.end > s.start:
            out.append(s)
    return out


def _pair(
    text: str,
    stack: list[tuple[str, int, bool]],
    i: int,
    spans: list[QuoteSpan],
    pending: QuoteSpan | None,
    p_start: int,
) -> None:
    """A doubled apostrophe at ``i``: opens or closes like a straight double quote, 2 chars wide."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 2] if i + 2 < len(text) else " "
    opens = prev in _OPEN_BEFORE and not nxt.isspace()
    closes = not prev.isspace() and (nxt in _CLOSE_AFTER or not nxt.isalnum())
    top = stack[-1] if stack else None
    if top is not None and top[0] == PAIR and (closes or not opens):
        _close(text, stack, i, spans, pending, p_start, close_len=2)
    elif opens:
        stack.append((PAIR, i, True))
    elif closes and any(s[0] == PAIR for s in stack):
        while stack and stack[-1][0] != PAIR:
            stack.pop()  # an inner quote left open: drop it
        _close(text, stack, i, spans, pending, p_start, close_len=2)


def _close(
    text: str,
    stack: list[tuple[str, int, bool]],
    i: int,
    spans: list[QuoteSpan],
    pending: QuoteSpan | None,
    p_start: int,
    close_len: int = 1,
) -> None:
    mark, off, dbl = stack.pop()
    if stack:
        return  # an inner quote: it stays part of the outer content
    if pending is not None and pending.open == off:
        start = pending.start
        para_start = pending.para_start
    else:
        start = off + len(mark)
        para_start = p_start
    a, b = _strip(text, start, i)
    spans.append(
        QuoteSpan(open=off, close=i, start=a, end=b, para_start=para_start, double=dbl, close_len=close_len)
    )
