"""Reading the word lists of ``nlp/data/*.json``: one JSON object per rule package, each key a list."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"


def load_words(name: str) -> dict[str, Any]:
    """The JSON object of ``data/<name>``."""
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def word_sets(data: dict[str, Any], *keys: str) -> tuple[frozenset[str], ...]:
    """The lists under ``keys`` as frozensets (membership is all the rules ask of them)."""
    return tuple(frozenset(data[k]) for k in keys)
