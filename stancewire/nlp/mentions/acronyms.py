"""Acronyms an article defines: "the Federal Transit Authority (FTA)" makes every later "FTA"
(and "the FTA") the same actor as the full name.

Only an organisation mention followed directly by a parenthesised all-capitals word whose letters
are the initials of the name's capitalised words (function words may or may not count: "Bank of
Isparre (BI)", "Bureau of Land Records (BLR)") defines an acronym; a registry actor keeps its id.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from stancewire.schemas import ActorRef, MentionKind

if TYPE_CHECKING:
    from stancewire.nlp.mentions.index import ArticleMentions

_PAREN_ACRONYM = re.compile(r"\s*\(\s*([A-Z][A-Z&]{1,7})\s*\)")
_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "&", "de", "du", "des"})


def _initials_fit(name: str, acronym: str) -> bool:
    whole = name.split()
    if whole and whole[0].lower() == "the":
        whole = whole[1:]
    words = [p for w in whole for p in w.split("-") if p]
    content = "".join(w[0].upper() for w in words if w.lower() not in _FUNCTION_WORDS)
    every = "".join(w[0].upper() for w in words)
    # "Canadian Radio-television and Telecommunications Commission (CRTC)": a lower-case part
    # after a hyphen gives no initial of its own.
    hyphened = "".join(
        p[0].upper()
        for w in whole
        if w.lower() not in _FUNCTION_WORDS
        for k, p in enumerate(w.split("-"))
        if p and (k == 0 or p[0].isupper())
    )
    letters = acronym.replace("&", "")
    return letters in (content, every, hyphened)


def link_acronyms(ix: ArticleMentions) -> None:
    """Give every mention of a defined acronym the actor of the full name it was defined for."""
    defined: dict[str, tuple[int, ActorRef]] = {}
    text = ix.text
    for m in ix.orgs:
        hit = _PAREN_ACRONYM.match(text, m.end)
        if hit is None:
            continue
        acronym = hit.group(1)
        if _initials_fit(text[m.start : m.end], acronym):
            defined.setdefault(acronym, (m.start, m.actor))
    if not defined:
        return
    ix.acronyms.update({a: actor for a, (_, actor) in defined.items()})
    for m in ix.mentions:
        if m.kind != MentionKind.organisation:
            continue
        words = text[m.start : m.end].split()
        if words and words[0].lower() == "the":
            words = words[1:]
        entry = defined.get(" ".join(words))
        # From the definition on (an earlier "FTA" may be another body the reader knows).
        if entry is not None and m.start > entry[0] and m.actor.id != entry[1].id:
            m.actor = entry[1]
