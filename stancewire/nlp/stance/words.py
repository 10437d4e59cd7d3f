"""The word lists of the stance rules, read from ``nlp/data/stance_words.json``.

* ``SPEECH_CUES``: speech cues that carry no stance of their own; any other cue verb ("warned",
  "urged", "praised") is itself the trigger for the quote.
* ``COMMISSIVE_LEMMAS``: outer triggers that take the inner action as their content ("agreed to meet").
"""

from __future__ import annotations

import json
from pathlib import Path

_PATH = Path(__file__).resolve().parent.parent / "data" / "stance_words.json"
_DATA = json.loads(_PATH.read_text(encoding="utf-8"))

SPEECH_CUES: frozenset[str] = frozenset(_DATA["speech_cues"])
COMMISSIVE_LEMMAS: frozenset[str] = frozenset(_DATA["commissive_lemmas"])
