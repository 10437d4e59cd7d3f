"""Person names read from title-case lines (headlines), cut to the form the body uses.

In a headline every word is capitalised, so the NER runs a name into the verbs and nouns
around it ("Ted Cruz Refuses to Disavow Lindsey Graham Endorsement" gives the PERSON
"Disavow Lindsey Graham Endorsement"). The cluster then keeps that longest form as the
person's name and id. Capitalisation there is no evidence, the article body is: when the span's
text never occurs outside its line but a shorter part of it (edge words dropped) does, the name
is that part (two words or more); else the edge words the body writes in lower case go.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from stancewire.nlp import doccache
from stancewire.nlp.mentions.names import given_names
from stancewire.nlp.mentions.words import ORG_WORDS, TITLE_WORDS

# Function words: some headlines capitalise them and some do not, so they are not counted.
_FUNCTION = frozenset({
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or",
    "over", "the", "to", "up", "with", "vs",
})  # fmt: skip
# Determiners, pronouns and question words a headline capitalises: never part of a name.
_DETERMINERS = frozenset({
    "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "your", "who",
    "what", "why", "how", "when", "where", "which", "he", "she", "they", "it", "we", "i", "you",
    "some", "all", "every", "no", "not",
})  # fmt: skip
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_NON_SPACE = re.compile(r"\S")


def _line(text: str, char: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, char) + 1
    b = text.find("\n", char)
    return a, len(text) if b < 0 else b


def title_case_line(text: str, start: int, end: int) -> bool:
    """Whether the line holding text[start:end] is written in title case (a headline): four
    content words or more, nearly all capitalised, and no full stop closing it (body lines are
    sentences and end with one), except on the text's first line: scraped titles often get a
    full stop when the page is flattened to text ("Ada Morn Defends Her Record.")."""
    la, lb = _line(text, start)
    line = text[la:lb].strip()
    content = _counted_words(line)
    # (searching for the first non-space char, not copying the text before the line: this runs
    # for every paragraph of an article)
    first = _NON_SPACE.search(text)
    first_line = first is None or first.start() >= la
    if len(content) < 4 or (line.endswith((".", ".”", '."')) and not first_line):
        return False
    return sum(w[0].isupper() for w in content) >= 0.85 * len(content)


def _counted_words(line: str) -> list[str]:
    """The content words of a line that tell its case. A quoted stretch the headline writes in
    title case (more capitalised words than lower-case ones, two at least) may keep a quoted
    preposition in lower case ("Donations ‘Slipped through the Cracks’"): its lower-case words
    say nothing of the line's style. A quoted sentence ("“We have received the report”") counts
    whole."""
    out: list[str] = []
    quote: list[str] | None = None  # the words of the open quoted stretch
    for m in _WORD_OR_MARK.finditer(line):
        w = m.group(0)
        if quote is None and (w in _OPEN_MARKS or w == '"'):
            quote = []
        elif quote is not None and (w in _CLOSE_MARKS or w == '"'):
            out.extend(_quoted_counted(quote))
            quote = None
        elif w.lower() in _FUNCTION:
            continue
        elif quote is None:
            out.append(w)
        else:
            quote.append(w)
            if w.endswith("’"):  # "‘One or Two Instances’": the word took the closing mark
                out.extend(_quoted_counted(quote))
                quote = None
    return out + (quote or [])


def _quoted_counted(words: list[str]) -> list[str]:
    caps = sum(w[0].isupper() for w in words)
    if caps >= 2 and caps > len(words) - caps:
        return [w for w in words if w[0].isupper()]
    return words


_OPEN_MARKS = ("‘", "“")
_CLOSE_MARKS = ("’", "”")
_WORD_OR_MARK = re.compile(r"[A-Za-z][\w'’-]*|[‘’“”\"]")


def body_form(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token bounds of the name in doc[start:end] as the body writes it (see module doc)."""
    text = doccache.text(doc)  # doc.text joins every token again on each call
    a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    if end - start < 2 or not title_case_line(text, a, b):
        return start, end
    la, lb = _line(text, a)
    body = text[:la] + "\n" + text[lb:]

    def in_body(i: int, j: int) -> bool:
        form = doc[i:j].text
        return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", body) is not None

    if in_body(start, end):
        return start, end
    # Longest part of two words or more first; on equal length the earlier one. A single word
    # is not enough: the body may call "Lindsey Graham" only "Graham".
    for size in range(end - start - 1, 1, -1):
        for i in range(start, end - size + 1):
            if in_body(i, i + size):
                return i, i + size
    # Else drop edge words the body uses in lower case ("Reassures", "Endorsement").
    lower = {w for w in _WORD.findall(body) if w.islower()}
    a0, b0 = start, end
    while end - start > 1 and doc[start].text.lower() in lower:
        start += 1
    while end - start > 1 and doc[end - 1].text.lower() in lower:
        end -= 1
    if end - start > 1 and not in_body(start, end):
        # Still no form of the body: the NER ran a surname into the headline's verb and nouns
        # ("Maher Tells Guest Muslim", "Brell Addresses Dorvan"). A word the body writes as the
        # last word of a longer name ("Bill Maher") is the name; the cluster then joins it to
        # the body's person.
        for i in range(a0, b0):
            if _is_surname_in(body, doc[i].text, lower):
                return i, i + 1
    return start, end


def _is_surname_in(body: str, word: str, lower: set[str]) -> bool:
    """Whether the body writes ``word`` as a name's last word: after a capitalised word that the
    body never writes in lower case ("Bill Maher", not "But Richards")."""
    if len(word) < 3 or not word[:1].isupper() or word.lower() in _FUNCTION | ORG_WORDS:
        return False  # "New York Post" ends in no surname
    for m in re.finditer(rf"\b([A-Z][\w.’'-]*) {re.escape(word)}(?![\w’'-])", body):
        before = m.group(1).rstrip(".").lower()
        if before not in lower and before not in _FUNCTION:
            return True
    return False


def headline_only(doc: Doc, start: int, end: int) -> bool:
    """Whether doc[start:end] is a headline's capitalised words that name nobody: a title-case
    line, no given name first, and not one of its words anywhere in the body ("Clerk Breaks
    Silence Over ...", "Aide Seen Plotting With ...": the NER's PERSON "Breaks Silence").
    A person a headline names is named in the body too, if only by surname; a span the body
    never repeats is no one the body's "he" or "she" can continue."""
    text = doccache.text(doc)
    a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    if end - start < 2 or doc[start].lower_ in given_names() or not title_case_line(text, a, b):
        return False
    la, lb = _line(text, a)
    body = text[:la] + "\n" + text[lb:]
    return not any(_names_in_body(body, t.text) for t in doc[start:end] if t.is_alpha)


def _names_in_body(body: str, word: str) -> bool:
    """Whether the body writes ``word`` as (part of) a name: capitalised inside a sentence, or
    capitalised and never in lower case. A function word or an office is no name ("Right After
    This Big-Name Senator": the body's "this", "right" and "Senator Fenn" name no one by it),
    nor is a word the body capitalises only where a sentence starts and writes lower case
    elsewhere ("This", "Right")."""
    low = word.lower()
    if low in _FUNCTION or low in _DETERMINERS or low in TITLE_WORDS:
        return False
    cap = low[:1].upper() + low[1:]
    found = [m.start() for m in re.finditer(rf"(?<![\w'’-]){re.escape(cap)}(?![\w'’-])", body)]
    if not found:
        return False
    if re.search(rf"(?<![\w'’-]){re.escape(low)}(?![\w'’-])", body) is None:
        return True
    return any(_inside_sentence(body, i) for i in found)


def _inside_sentence(text: str, i: int) -> bool:
    """Whether text[i] follows a word of its sentence (no line start, no sentence end before it)."""
    before = text[max(0, i - 4) : i].rstrip(" \t\u00a0")
    return bool(before) and (before[-1].isalnum() or before[-1] in ",;&")


def headline_name_words(text: str, a: int, b: int) -> list[tuple[int, int]] | None:
    """None when text[a:b] is not on a title-case line; else the char spans of its words that the
    body writes as names (see ``_names_in_body``), in order. A speaker phrase a headline
    capitalises ("Right After This Big-Name Senator", "Dorvan Addresses Pellham Attack") is a
    person's name only by those words."""
    if not title_case_line(text, a, b):
        return None
    la, lb = _line(text, a)
    body = text[:la] + "\n" + text[lb:]
    spans = []
    for m in _WORD.finditer(text, a, b):
        word = _POSSESSIVE_END.sub("", m.group(0))  # "Dorvan’s"
        if word and _names_in_body(body, word):
            spans.append((m.start(), m.start() + len(word)))
    return spans


_POSSESSIVE_END = re.compile(r"['’]s?$")
