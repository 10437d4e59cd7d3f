"""Stage 2: drop re-sent articles (same id, same content hash) so scrapers may resend freely."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from stancewire.schemas import Article
from stancewire.stages.records import ARTICLES_ACCEPTED, ARTICLES_SEEN, Output, Record, TableWrite


@dataclass
class DedupeOutput(Output):
    duplicates: int = 0  # articles dropped as re-sends


def dedupe(articles: Sequence[Article], seen: Mapping[str, str | None]) -> DedupeOutput:
    """Forward every article whose content differs from the version already accepted under its
    id (``seen``: article id -> content hash, the ``articles-seen`` table), and record the new
    hashes. A re-send inside the batch is checked against the batch's own earlier copy.

    The writes must be made only after the records are acknowledged: a crash in between re-sends
    the articles (harmless: downstream ids are content-derived) instead of losing them.
    """
    accepted: dict[str, tuple[int, str]] = {}  # article id -> (index of its latest copy, hash)
    out = DedupeOutput()
    for i, article in enumerate(articles):
        digest = article.content_hash
        known = accepted[article.id][1] if article.id in accepted else seen.get(article.id)
        if known == digest:
            out.duplicates += 1
            continue
        out.records.append(Record(ARTICLES_ACCEPTED, article.id, article))
        accepted[article.id] = (i, digest)
    out.writes = [TableWrite(ARTICLES_SEEN, aid, digest, at=i) for aid, (i, digest) in accepted.items()]
    return out
