"""Putting every stage's agent on an app (``streams.app.create_app`` calls ``register_agents``)."""

from __future__ import annotations

import faust

from agents import actor_quotes, dedupe, extract, ingest, positions
from agents.context import AgentContext
from agents.dead_letter import DeadLetters
from agents.emit import Emitter
from stancewire.settings import Settings
from streams.tables import Tables
from streams.topics import Topics


def register_agents(app: faust.App, topics: Topics, tables: Tables, settings: Settings) -> AgentContext:
    """Register every stage's agent (and the tasks and hooks they need) on ``app``."""
    ctx = AgentContext(
        app=app,
        settings=settings,
        topics=topics,
        tables=tables,
        emit=Emitter(topics, tables),
        dead_letters=DeadLetters(app, topics.dead_letters),
    )
    for stage in (ingest, dedupe, extract, positions, actor_quotes):
        stage.register(ctx)
    return ctx
