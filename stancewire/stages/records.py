"""What a stage returns: records to send, table entries to write, dead letters.

Topic and table names are the logical ones (``articles.valid``, ``positions``); the agent maps
them to its Faust topics (which add the deployment's prefix) and tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from stancewire.schemas import DeadLetter

# Topics (logical names, without ``STANCEWIRE_TOPIC_PREFIX``).
ARTICLES_VALID = "articles.valid"
ARTICLES_ACCEPTED = "articles.accepted"
QUOTES = "quotes"
STANCES = "stances"
STANCE_CHANGES = "stance-changes"

# Tables.
ARTICLES_SEEN = "articles-seen"
POSITIONS = "positions"
POSITION_DETAIL = "position-detail"
ACTOR_QUOTES = "actor-quotes"


@dataclass(frozen=True)
class Record:
    """One record to send: its topic's logical name, key and value (a model, or JSON bytes
    already encoded from one by the NLP process)."""

    topic: str
    key: str
    value: Any


@dataclass(frozen=True)
class TableWrite:
    """One table entry to write. ``at`` is the index (in the stage's input) of the record the
    write belongs to: Faust takes a table write's partition from the current event, so the
    agent writes it while that record's event is current."""

    table: str
    key: str
    value: Any
    at: int = 0


@dataclass
class Output:
    """A stage's result. Records are sent in order and acknowledged by the broker *before* the
    table writes are made (a crash in between repeats records, which are deduplicated by id
    downstream, instead of losing them)."""

    records: list[Record] = field(default_factory=list)
    writes: list[TableWrite] = field(default_factory=list)
    dead_letters: list[DeadLetter] = field(default_factory=list)
