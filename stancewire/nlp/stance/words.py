"""The word lists of the stance rules, read from ``nlp/data/stance_words.json``.

* ``SPEECH_CUES``: speech cues that carry no stance of their own; any other cue verb ("warned",
  "urged", "praised") is itself the trigger for the quote.
* ``COMMISSIVE_LEMMAS``: outer triggers that take the inner action as their content ("agreed to meet").
"""

from __future__ import annotations

from stancewire.nlp.wordfiles import load_words, word_sets

_DATA = load_words("stance_words.json")

SPEECH_CUES, COMMISSIVE_LEMMAS = word_sets(_DATA, "speech_cues", "commissive_lemmas")
