"""The plain string search of mentions/name_ends answers as the regexes it replaced.

``_glued_once`` used ``re.findall(r"(?<!\\w)NAME(?!\\w)")`` and a negative lookahead per name; the
string search is there for speed only, so on any text it must find exactly what they found."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from stancewire.nlp.mentions.name_ends import _whole_phrase_at, _word_follows

# Few letters, so phrases recur, touch each other and overlap; the apostrophes, "s", spaces and
# an accented letter and digit exercise the word-boundary and possessive cases.
_ALPHABET = st.sampled_from(list("abAB s'’_é1-\n"))
_TEXT = st.text(_ALPHABET, max_size=40)
_PHRASE = st.text(_ALPHABET, min_size=1, max_size=5)


@settings(max_examples=400, deadline=None)
@given(text=_TEXT, phrase=_PHRASE)
def test_whole_phrase_offsets_are_the_regex_matches(text: str, phrase: str) -> None:
    expected = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)]
    assert list(_whole_phrase_at(text, phrase)) == expected


@settings(max_examples=400, deadline=None)
@given(text=_TEXT, phrase=_PHRASE, word=st.text(st.sampled_from(list("abAé")), min_size=1, max_size=3))
def test_word_follows_is_the_regex_lookahead(text: str, phrase: str, word: str) -> None:
    # The old test: some whole occurrence of the phrase is NOT followed by the word.
    pattern = rf"(?<!\w){re.escape(phrase)}(?!\w)(?!['’]?s?\s+{re.escape(word)}\b)"
    expected = re.search(pattern, text) is not None
    found = any(not _word_follows(text, i + len(phrase), word) for i in _whole_phrase_at(text, phrase))
    assert found == expected


def test_examples() -> None:
    text = "Ada Morn Misses The Point. Later Ada Morn’s Misses, and Ada Morn spoke."
    assert list(_whole_phrase_at(text, "Ada Morn Misses")) == [0]
    assert list(_whole_phrase_at(text, "Ada Mor")) == []  # "Mor" runs on into "n"
    assert _word_follows(text, len("Ada Morn"), "Misses")
    assert _word_follows(text, text.index("Morn’s") + 4, "Misses")  # after a possessive
    assert not _word_follows(text, text.rindex("Morn") + 4, "Misses")
    assert not _word_follows("Ada Morn Missesx", 8, "Misses")  # not a whole word
