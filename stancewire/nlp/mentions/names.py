"""Small pure helpers of the mention rules: name parts, places, titles, genders."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from stancewire.nlp.mentions.words import FEMALE_WORDS, MALE_WORDS, TITLE_EQUIV
from stancewire.nlp.registry import normalise

if TYPE_CHECKING:
    from spacy.tokens import Span

POSSESSIVE = frozenset({"'s", "’s", "'", "’"})

# Prepositions of place: "a plant in Halden", "offices at Morvik", "flights from Dravik".
_LOCATIVE_PREPS = frozenset({"in", "at", "near", "from"})


def located(span: Span) -> bool:
    """Whether a one-word place name is the object of a preposition of place ("a chemical
    plant in Halden"): it names where something is, not an organisation."""
    root = span.root
    return len(span) == 1 and root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE_PREPS


def without_possessive(word: str) -> str:
    """ "Okafor's" -> "Okafor", "Marks’" -> "Marks": only the possessive ending goes
    (``rstrip("'’s")`` would also eat a surname's own final s: "Sanders’" -> "Sander")."""
    for end in ("'s", "’s", "'", "’"):
        if word.endswith(end) and len(word) > len(end):
            return word[: -len(end)]
    return word


NICK_OPEN = frozenset({"‘", "“", '"', "'", "«"})

NICK_CLOSE = frozenset({"’", "”", '"', "'", "»"})

# A quoted nickname inside a name ("Rafael ‘Little Bull’ Quintela") is not part of its tokens.
NICK_RE = re.compile(r"[‘“\"'«][^’”\"'»]{1,40}[’”\"'»]")

_GIVEN_NAMES_PATH = Path(__file__).resolve().parent.parent / "data" / "given_names.tsv"


@lru_cache(maxsize=1)
def given_names() -> dict[str, str]:
    """Common given names -> "f"/"m"/"u" (data/given_names.tsv, hand-compiled across cultures).

    Used twice: to find person names the small NER model misses or labels ORG ("Ilse
    Varga-Tamm" is no entity at all), and as a gender cue for pronoun agreement when the article
    gives no honorific or gendered title."""
    out: dict[str, str] = {}
    with _GIVEN_NAMES_PATH.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or "\t" not in line:
                continue
            name, _, g = line.rstrip("\n").partition("\t")
            out[name] = g
    return out


def name_tokens(parts: list[str]) -> set[str]:
    """Normalised name parts plus the pieces of hyphenated ones, so a later "Tamm" or "Varga"
    joins "Ilse Varga-Tamm" (hyphenated surnames are often shortened in running text)."""
    out = set(parts)
    for p in parts:
        if "-" in p:
            out.update(x for x in p.split("-") if len(x) > 2)
    return out


CAP_RE = re.compile(r"^[A-Z]")

FIRST_WORD_RE = re.compile(r"\w+")

PLACE_RE = re.compile(r"^[A-Z][a-z]{2,}(?:ia|land|stan|ova|ania|ea)$")


@lru_cache(maxsize=4096)
def _org_words_cached(name: str) -> tuple[str, ...]:
    words = normalise(name).split()
    if words and words[0] == "the":
        words = words[1:]
    return tuple(words)


def org_words(name: str) -> list[str]:
    return list(_org_words_cached(name))


def last_before(seen: list[int], char: int) -> int:
    k = bisect_left(seen, char)
    return seen[k - 1] if k > 0 else -1


# Words before a title that make it another office ("Lt. Gov.", "Deputy Gov.", "Lieutenant
# Governor", "Vice President"): the deputy of an office does not hold it.
DEPUTY_WORDS = frozenset({"lt", "lieut", "lieutenant", "deputy", "vice", "asst", "assistant"})


def title_match(fact: str, wanted: str) -> bool:
    if fact == wanted or fact in TITLE_EQUIV.get(wanted, ()):
        return True
    # "the minister" matches "foreign minister"; "the executive" matches "chief executive"; but
    # "the president" is no "vice president", nor "the minister" a "deputy prime minister".
    if not fact.endswith(" " + wanted):
        return False
    return not any(w in DEPUTY_WORDS for w in fact[: -len(wanted) - 1].split())


def same_scope(a: str, b: str) -> bool:
    """Scope keys of one body: equal, or one a shortening of the other ("Harbour Wanderers" /
    "the Wanderers")."""
    x, y = a.split(":")[-1], b.split(":")[-1]
    if x == y:
        return True
    wx, wy = set(re.split(r"[ -]", x)), set(re.split(r"[ -]", y))
    return bool(wx and wy) and (wx <= wy or wy <= wx)


# US states whose names end like a demonym ("-i", "-an"): a place, never a people's adjective.
_PLACES_LIKE_DEMONYMS = frozenset({"mississippi", "missouri", "hawaii", "michigan"})


def stem_place(norm: str) -> str:
    """A key an unknown place and its demonym share ("veltria" and "veltrian" -> "veltria",
    "velmar" and "velmari" -> "velmar"). A place name is its own key: ids are made of it, and a
    place cut at an ending ("gov:philadelph" for Philadelphia) names nothing a reader or a
    Source would write; only a demonym's ending is undone ("-ian" names a place in "-ia")."""
    if norm in _PLACES_LIKE_DEMONYMS:
        return norm
    for suf in ("ians", "ian"):
        if norm.endswith(suf) and len(norm) - len(suf) >= 4:
            return norm[: -len(suf)] + "ia"
    if norm.endswith("ia"):
        return norm
    for suf in ("ans", "an", "ese", "ish", "i"):
        if norm.endswith(suf) and len(norm) - len(suf) >= 4:
            return norm[: -len(suf)].rstrip("i")
    return norm


def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


DEMONYM_SUFFIXES = ("i", "ian", "an", "ese", "ish", "ean", "n")


def has_demonym(norm: str, words: set[str]) -> bool:
    """Whether a demonym of the place ``norm`` is among ``words`` ("kethara" -> "kethari",
    "isparre" -> "isparrean", "veltria" -> "veltrian")."""
    if len(norm) < 4 or " " in norm:
        return False
    stems = {norm, norm[:-1]} if norm[-1] in "aeiouy" else {norm}
    return any(st + suf in words for st in stems for suf in DEMONYM_SUFFIXES if st + suf != norm)


# Words in "-man" that are no man: a demonym, a kind of being, a name.
_UNGENDERED_MAN = frozenset({
    "human", "german", "roman", "ottoman", "shaman", "talisman", "caiman", "doberman", "batman",
    "superman", "yeoman",
})  # fmt: skip


def gender_of_word(w: str) -> str | None:
    """The gender a word marks: a gendered title, pronoun or kin term, or a "-woman" / "-man"
    compound ("spokeswoman", "councilman", "the former defenceman")."""
    w = w.lower()
    if w in FEMALE_WORDS or w.endswith("woman"):
        return "f"
    if w in MALE_WORDS or (w.endswith("man") and len(w) > 4 and w not in _UNGENDERED_MAN):
        return "m"
    return None
