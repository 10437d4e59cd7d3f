"""The word lists of the quote rules, read from ``nlp/data/quote_words.json``.

* ``TITLE_FRAMES``: nouns and verbs that introduce a title, not a quote ("the film “Blue Horizon”").
* ``NAMING_VERBS``: verbs that name something ("called it “a farce”"): a fragment, not a statement.
* ``XCOMP_VERBS``: cue verbs whose reported content is a to-infinitive ("vowed to rebuild").
* ``NOT_SPEAKER_LABELS``: labels before a colon that are no speaker ("Update:", "Notes to editors:").
* ``REL_PRONOUNS``: relative pronouns, skipped when looking for the speaker of a relative clause.
* ``DEGREE_WORDS``: degree words after which a past form is part of the same phrase ("so tired").
"""

from __future__ import annotations

import json
from pathlib import Path

_PATH = Path(__file__).resolve().parent.parent / "data" / "quote_words.json"
_DATA = json.loads(_PATH.read_text(encoding="utf-8"))

TITLE_FRAMES: frozenset[str] = frozenset(_DATA["title_frames"])
NAMING_VERBS: frozenset[str] = frozenset(_DATA["naming_verbs"])
XCOMP_VERBS: frozenset[str] = frozenset(_DATA["xcomp_verbs"])
NOT_SPEAKER_LABELS: frozenset[str] = frozenset(_DATA["not_speaker_labels"])
REL_PRONOUNS: frozenset[str] = frozenset(_DATA["rel_pronouns"])
DEGREE_WORDS: frozenset[str] = frozenset(_DATA["degree_words"])
