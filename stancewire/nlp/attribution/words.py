"""The word lists of speaker attribution, read from ``nlp/data/attribution_words.json``.

* ``HE``, ``SHE``, ``THEY``, ``IT``: third-person pronouns by gender and number.
* ``FIRST``: first-person pronouns ("I", "we" inside a quote are its speaker).
* ``ISSUED_TEXTS``: texts whose possessor is their author ("the family's statement").
* ``PERSON_SUFFIXES``: endings of plural nouns for people ("volunteers", "fishermen").
* ``NOT_PEOPLE``: common nouns with those endings that are not people ("water", "border").
"""

from __future__ import annotations

import json
from pathlib import Path

_PATH = Path(__file__).resolve().parent.parent / "data" / "attribution_words.json"
_DATA = json.loads(_PATH.read_text(encoding="utf-8"))

HE: frozenset[str] = frozenset(_DATA["he"])
SHE: frozenset[str] = frozenset(_DATA["she"])
THEY: frozenset[str] = frozenset(_DATA["they"])
IT: frozenset[str] = frozenset(_DATA["it"])
FIRST: frozenset[str] = frozenset(_DATA["first"])
ISSUED_TEXTS: frozenset[str] = frozenset(_DATA["issued_texts"])
NOT_PEOPLE: frozenset[str] = frozenset(_DATA["not_people"])
# A tuple: str.endswith takes a tuple, and the order does not matter to it.
PERSON_SUFFIXES: tuple[str, ...] = tuple(_DATA["person_suffixes"])
