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

from stancewire.schemas import Article, DeadLetter, Quote, StanceChange, StanceEvidence
from streams.app import app, settings
from streams.codec import PydanticCodec

# Raw input: scrapers may send anything, so values stay bytes and ingest validates them.
articles_topic = app.topic(
    settings.topic("articles"), key_type=None, value_type=bytes, value_serializer="raw", key_serializer="raw"
)
dead_letter_topic = app.topic(
    settings.topic("articles.dead-letter"), value_serializer=PydanticCodec(DeadLetter)
)
valid_articles_topic = app.topic(settings.topic("articles.valid"), value_serializer=PydanticCodec(Article))
accepted_articles_topic = app.topic(
    settings.topic("articles.accepted"), value_serializer=PydanticCodec(Article)
)
quotes_topic = app.topic(settings.topic("quotes"), value_serializer=PydanticCodec(Quote))
stances_topic = app.topic(settings.topic("stances"), value_serializer=PydanticCodec(StanceEvidence))
stance_changes_topic = app.topic(
    settings.topic("stance-changes"), value_serializer=PydanticCodec(StanceChange)
)
