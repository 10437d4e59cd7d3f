"""What every agent module's ``register`` receives: the app and the parts built for it."""

from __future__ import annotations

from dataclasses import dataclass

import faust

from agents.dead_letter import DeadLetters
from agents.emit import Emitter
from stancewire.settings import Settings
from streams.tables import Tables
from streams.topics import Topics


@dataclass(frozen=True)
class AgentContext:
    app: faust.App
    settings: Settings
    topics: Topics
    tables: Tables
    emit: Emitter
    dead_letters: DeadLetters
