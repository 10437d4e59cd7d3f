"""Topic definitions. Names are ``<prefix>.<name>``; every key is JSON, every value a pydantic model.

Data flow::

    articles (raw bytes, any producer)
      -> [ingest]   -> articles.valid (Article, key article id) | articles.dead-letter (DeadLetter)
      -> [dedupe]   -> articles.accepted (Article, key article id)
      -> [extract]  -> quotes (Quote, key speaker id) + stances (StanceEvidence, key actor id)
      -> [positions] -> stance-changes (StanceChange, key actor id); tables ``positions``, ``position-detail``
      quotes -> [actor_quotes] -> table ``actor-quotes``
"""

from __future__ import annotations

from dataclasses import dataclass

import faust
from faust.types import TopicT

from stancewire.schemas import Article, DeadLetter, Quote, StanceChange, StanceEvidence
from stancewire.settings import Settings
from streams.codec import PydanticCodec


@dataclass(frozen=True)
class Topics:
    """The pipeline's topics on one app (``create_app`` makes them; agents and views receive them)."""

    articles: TopicT
    dead_letters: TopicT
    valid_articles: TopicT
    accepted_articles: TopicT
    quotes: TopicT
    stances: TopicT
    stance_changes: TopicT


def create_topics(app: faust.App, settings: Settings) -> Topics:
    def typed(name: str, codec: PydanticCodec) -> TopicT:  # type: ignore[type-arg]
        return app.topic(settings.topic(name), value_serializer=codec)

    return Topics(
        # Raw input: scrapers may send anything, so values stay bytes and ingest validates them.
        articles=app.topic(
            settings.topic("articles"),
            key_type=None,
            value_type=bytes,
            value_serializer="raw",
            key_serializer="raw",
        ),
        dead_letters=typed("articles.dead-letter", PydanticCodec(DeadLetter)),
        valid_articles=typed("articles.valid", PydanticCodec(Article)),
        accepted_articles=typed("articles.accepted", PydanticCodec(Article)),
        quotes=typed("quotes", PydanticCodec(Quote)),
        stances=typed("stances", PydanticCodec(StanceEvidence)),
        stance_changes=typed("stance-changes", PydanticCodec(StanceChange)),
    )
