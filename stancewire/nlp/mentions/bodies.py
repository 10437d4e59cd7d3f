"""Whether an organisation antecedent can speak: "they"/"it" said something only if it is a
body, company, government, campaign or group, never an event, a law, a period, an ideology or
a place the NER labelled ORG ("the Great Recession", "the Rust Belt", "communism")."""

from __future__ import annotations

import re
from functools import lru_cache

from stancewire.nlp.registry import ActorRegistry, normalise
from stancewire.schemas import ActorRef

# Last words of names of things that do not speak: events, periods, laws, regions, ideas.
NOT_A_BODY = frozenset({
    "recession", "depression", "war", "crisis", "act", "law", "bill", "amendment", "treaty",
    "era", "age", "revolution", "pandemic", "scandal", "election", "primary", "belt", "pit",
    "valley", "desert", "coast", "river", "island", "islands", "day", "week", "summit",
    "drought", "slump", "boom", "famine", "flood", "storm", "hurricane", "shutdown",
})  # fmt: skip


def can_speak(actor: ActorRef, text: str, registry: ActorRegistry) -> bool:
    """Whether ``actor`` (an organisation or government a pronoun may refer to) can have said
    something. Registry actors and governments always can; an unknown name cannot when its last
    word names a thing that does not speak, an "-ism", or, for a one-word name, a word the
    article also writes in lower case and capitalises only to start a sentence ("Disconsolate",
    "Groups" taken for names)."""
    if not actor.id.startswith("org:") or registry.get(actor.id) is not None:
        return True  # governments, groups and descriptions ("unknown:witness") are not judged here
    words = normalise(actor.name).split()
    if not words:
        return False
    last = words[-1]
    if last in NOT_A_BODY or (last.endswith("ism") and len(last) > 5):
        return False
    return len(words) != 1 or not _common_word(last, text)


@lru_cache(maxsize=256)
def _common_word(word: str, text: str) -> bool:
    """Whether the article writes ``word`` in lower case and capitalises it only to start a
    sentence ("Groups", "Disconsolate"), never mid-sentence ("the State Department", "said
    State"). Cached: best_org_before asks for every organisation mention in its window."""
    if re.search(rf"\b{re.escape(word)}\b", text) is None:
        return False
    return re.search(rf"[\w,;:] {re.escape(word.capitalize())}\b", text) is None
