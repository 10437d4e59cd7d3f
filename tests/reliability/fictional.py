"""Deterministic short fictional articles for the reliability tests.

All people and countries are invented (as in ``seeds/synthetic-sequence.jsonl``) and every
article is marked ``synthetic``. A small cast (six speakers) makes each (actor, target) pair
collect many pieces of evidence, so praise and accusations alternate and stance-change alerts
are raised: the kill test needs alerts to compare, not just quotes.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from stancewire.schemas import Article

NOTE = "Synthetic article: all people, countries and organisations are fictional."
COUNTRIES = ("Veltrian", "Corvenian", "Kaldorian", "Sarvonian", "Marundian", "Ostravian")
ROLES = ("President", "Prime Minister", "Foreign Minister")
CAST = (
    ("Ilse", "Varga-Tamm"),
    ("Tomas", "Reyel"),
    ("Anja", "Birk"),
    ("Olaf", "Renn"),
    ("Dana", "Oskarsson"),
    ("Petra", "Halvik"),
)
STANCES = (
    "praised {t} as a reliable partner",
    "accused {t} of breaking the agreement",
    "agreed to hold talks with {t}",
    "warned {t} of serious consequences",
    "condemned {t} over the river dispute",
    "thanked {t} for the aid",
)
QUOTES = (
    "We will keep talking until there is a deal.",
    "This is not acceptable to our people.",
    "The border must stay open for trade.",
    "Our patience has limits.",
    "We expect an answer next week.",
    "The river belongs to both of our nations.",
)
EPOCH = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


def fictional_article(i: int, rng: random.Random, prefix: str = "rel", max_quotes: int = 3) -> Article:
    """One article: a stance sentence by one cast member about another, then 1..max_quotes quotes."""
    a, b = rng.sample(range(len(CAST)), 2)
    speaker, target = " ".join(CAST[a]), " ".join(CAST[b])
    sentences = [
        f"{rng.choice(COUNTRIES)} {rng.choice(ROLES)} {speaker} "
        f"{rng.choice(STANCES).format(t=target)} on Monday."
    ]
    for _ in range(rng.randint(1, max_quotes)):
        sentences.append(f'"{rng.choice(QUOTES)}" {CAST[a][1]} said.')
    return Article(
        id=f"{prefix}-{i:04d}",
        title=f"{speaker} on {target}",
        text=" ".join(sentences),
        source="Example Wire (fictional)",
        url=f"https://news.example.org/{prefix}/{i:04d}",
        # Event time advances with the index, an hour apart, so decay and ordering are realistic.
        published_at=EPOCH + timedelta(hours=i),
        synthetic=True,
        metadata={"synthetic": True, "note": NOTE},
    )


def fictional_articles(n: int, seed: int, prefix: str = "rel", max_quotes: int = 3) -> list[Article]:
    rng = random.Random(seed)
    return [fictional_article(i, rng, prefix, max_quotes) for i in range(n)]
