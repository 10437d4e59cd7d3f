"""Words glued onto a person name by the NER, and party-state tags taken for names.

Headlines and captions run a name into the next capitalised word ("Trump Revealed",
"Maria Hinojosa Explained", "The Rachel Maddow Show", "Broaddrick Sunday"); a name never ends
in a reporting verb, a weekday or month, or a show/programme word, nor in a headline word the
article writes the name without ("Ada Morn Miss The Mark" once, "Ada Morn" often).
Congressional tags ("Sen. Ada Morn (D-Quillon)", "Rep. Ivo Brandt, R-Tessaly.") are a party
letter and a state, never a name, whatever the state."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from stancewire.nlp import cues
from stancewire.nlp.mentions.names import given_names

CALENDAR = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    }
)  # fmt: skip  ("may" is left out: Theresa May)

# Last words of a broadcast's name: "The Rachel Maddow Show", "Aaron Klein Investigative Radio".
SHOW_WORDS = frozenset({"show", "radio", "program", "programme", "podcast", "tonight", "hour"})

# "D-Quillon", "R-Wis.", "I-VT": the letter, a hyphen, a capitalised state name or abbreviation.
PARTY_TAG_RE = re.compile(r"^[DRI]\s?[-–]\s?[A-Z][A-Za-z.]{0,14}\.?$")


def is_party_tag(text: str) -> bool:
    return PARTY_TAG_RE.match(text.strip()) is not None


def _verb_form(word: str) -> bool:
    """Whether ``word`` is an inflected reporting verb ("says", "revealed", "explained")."""
    w = word.lower()
    stems = []
    if w.endswith("ed"):
        stems += [w[:-2], w[:-1]]  # "explained" -> "explain", "announced" -> "announce"
    elif w.endswith("ies"):
        stems.append(w[:-3] + "y")
    elif w.endswith("s"):
        stems.append(w[:-1])
    return any(len(s) > 2 and cues.is_speech_verb(s) for s in stems)


# Irregular past forms of reporting verbs that open an inverted attribution ("Said Velk, ...").
_IRREGULAR_SPEECH = frozenset({"said", "told", "wrote", "spoke"})


def _leading_verb(word: str) -> bool:
    """Whether ``word`` is a reporting verb's past, -s or -ing form ("Said", "Stated",
    "Telling"): the NER runs it into the name after it ("Said Velk, ..." opening a sentence)."""
    w = word.lower()
    if w in _IRREGULAR_SPEECH or _verb_form(w):
        return True
    return w.endswith("ing") and any(len(s) > 2 and cues.is_speech_verb(s) for s in (w[:-3], w[:-3] + "e"))


def name_start(doc: Doc, start: int, end: int) -> int:
    """``start`` without a reporting verb the NER ran into the name ("Said Velk", "Telling Ivo
    Marsh to"), unless the data knows the word as a given name. (A given name spelled like such
    a verb and missing from the data, as "Said" is, loses it: the surname still names him.)"""
    while end - start > 1 and _leading_verb(doc[start].text) and doc[start].lower_ not in given_names():
        start += 1
    return start


def name_end(doc: Doc, text: str, start: int, end: int) -> int:
    """``end`` without the glued words at the end of the name doc[start:end].

    A verb form is dropped only when the article also writes the name's last remaining word
    without it (a surname such as "Marks" or "Waters" stays: the article never writes the name
    without it)."""
    while end - start > 1:
        last = doc[end - 1]
        low = last.lower_
        if low in CALENDAR:
            end -= 1
            continue
        if low in SHOW_WORDS:
            end -= 1
            # "Aaron Klein Investigative Radio": a word the article writes only before the
            # programme word is part of the programme's name, not of the person's.
            while end - start > 2 and _only_before(text, doc[end - 1].text, doc[end].text):
                end -= 1
            continue
        if _verb_form(last.text) and _written_without(text, doc[end - 2].text, last.text):
            end -= 1
            continue
        cut = _glued_once(doc, text, start, end)
        if cut < end:
            end = cut
            continue
        break
    return end


# Generational suffixes: "Donald Trump Jr." is written once and "Donald Trump" often, but he is
# another person.
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _glued_once(doc: Doc, text: str, start: int, end: int) -> int:
    """``end`` without the headline words glued onto a name the article writes without them:
    the whole span occurs once in the text (a title-case line, "Ivo Brandt Misses The Point",
    "Ada Morn On Why Taxes Rise"), the longest start of it (two words or more) occurs elsewhere
    not followed by the next word, and no dropped word is a given name or generational suffix.
    The title-case test of :mod:`headlines` misses such lines when they are flattened into a run
    of other text."""
    span = doc[start:end].text
    if sum(1 for _ in _whole_phrase_at(text, span)) != 1:
        return end
    for cut in range(end - 1, start + 1, -1):
        rest = doc[start:cut].text
        if len(rest.split()) < 2:  # "Nagorno-Karabakh" is three tokens but one word
            break
        glued = doc[cut].text
        dropped = [t.text.lower().rstrip(".") for t in doc[cut:end]]
        if not glued.isalpha() or any(w in _SUFFIXES or w in given_names() for w in dropped):
            break
        if any(not _word_follows(text, i + len(rest), glued) for i in _whole_phrase_at(text, rest)):
            return cut
    return end


# Plain string search, not a regex per name: compiling one pattern per name span cost ~4 % of
# the rule components' time, and ``re``'s cache (512 patterns) is smaller than a batch's names.
def _word_char(c: str) -> bool:
    """``\\w`` of ``re`` on str: a letter, digit or underscore in any script."""
    return c.isalnum() or c == "_"


def _whole_phrase_at(text: str, phrase: str) -> Iterator[int]:
    """Offsets of ``phrase`` in ``text`` with no word character on either side, left to right
    and not overlapping (``re.finditer`` of ``(?<!\\w)phrase(?!\\w)``)."""
    n = len(phrase)
    i = text.find(phrase) if n else -1
    while i >= 0:
        if (i == 0 or not _word_char(text[i - 1])) and (i + n == len(text) or not _word_char(text[i + n])):
            yield i
            i = text.find(phrase, i + n)
        else:
            i = text.find(phrase, i + 1)


# What may stand between a name and a word glued onto it: "Morn Miss", "Morn’s Miss".
_GLUE_GAP = re.compile(r"['’]?s?\s+")


def _word_follows(text: str, pos: int, word: str) -> bool:
    """Whether ``word`` (letters) follows ``pos`` as a whole word, after whitespace or a
    possessive: ``['’]?s?\\s+word\\b`` at ``pos``."""
    gap = _GLUE_GAP.match(text, pos)
    if gap is None or not text.startswith(word, gap.end()):
        return False
    after = gap.end() + len(word)
    return after == len(text) or not _word_char(text[after])


def _only_before(text: str, word: str, nxt: str) -> bool:
    return re.search(rf"\b{re.escape(word)}\b(?!\s+{re.escape(nxt)}\b)", text) is None


def _written_without(text: str, word: str, glued: str) -> bool:
    return re.search(rf"\b{re.escape(word)}\b(?!['’]?s?\s+{re.escape(glued)}\b)", text) is not None


def glued_tail(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a weekday/month or the state of a party tag right after a name,
    which the parser sometimes makes the head of the name ("Tomas Harl Sunday told",
    "Senator Ada Morn (D-Quillon) said")."""
    tok = doc[i]
    if tok.lower_ in CALENDAR:
        return True
    return (
        i >= 3
        and doc[i - 1].text in ("-", "–")
        and doc[i - 2].text in ("D", "R", "I")
        and doc[i - 3].text in ("(", ",")
        and tok.text[:1].isupper()
    )


def without_title(name: str, titles: frozenset[str]) -> str:
    """A registry name without the title some entries carry ("Secretary-General Ban Ki-Moon"
    -> "Ban Ki-Moon", "Sir Paul Hasluck" -> "Paul Hasluck"). At least two words stay: "Dean
    Barrow" is a given name and a surname."""
    words = name.split()
    while len(words) > 2 and all(p.lower().rstrip(".") in titles for p in words[0].split("-")):
        words = words[1:]
    return " ".join(words)
