"""Titles and their scope around a name ("Russian President", "X, the chief executive of Y,")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from stancewire.nlp.doccache import children
from stancewire.nlp.mentions.names import CAP_RE, DEPUTY_WORDS, POSSESSIVE, stem_place
from stancewire.nlp.mentions.words import MULTI_TITLES, NOT_SCOPE, ROLE_VERBS, TITLE_WORDS
from stancewire.nlp.registry import normalise, slugify
from stancewire.schemas import ActorKind

if TYPE_CHECKING:
    from stancewire.nlp.mentions.index import ArticleMentions


def left_title(
    ix: ArticleMentions, start: int, ent_start: int | None = None
) -> tuple[str | None, str | None]:
    """ "Russian President", "Kremlin spokesman", "Norwind chief executive" before a name.
    Words from ``ent_start`` on were stripped from the PERSON entity as title words."""
    toks = ix.toks
    words: list[Token] = []
    k = start - 1
    inner = start if ent_start is None else ent_start
    while k >= 0 and len(words) < 6:
        t = toks[k]
        if (
            t.is_punct
            or t.is_space
            or t.pos_ in ("DET", "VERB", "AUX", "ADP", "CCONJ", "PRON", "SCONJ")
            or (t.ent_type_ == "PERSON" and k < inner)
            or "\n" in t.text
        ):
            break
        words.append(t)
        k -= 1
    words.reverse()
    return split_title(ix, words)


FORMER = frozenset({"former", "ex", "onetime", "one-time", "erstwhile"})


# Title abbreviations news style prints before a name ("Gov. Ada Morn", "Sen. Ivo Kade", "Rep.
# Ola Brandt"), by the office they abbreviate. Capitalised only (a "rep" in lower case is a sales
# rep), and only offices with one reading ("Gen." is also part of "Lt. Gen.").
_TITLE_ABBREVIATIONS = {
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "coun": "councillor",
    "atty": "attorney",
    "amb": "ambassador",
    "supt": "superintendent",
    "insp": "inspector",
    "det": "detective",
}


def abbreviated_title(ix: ArticleMentions, start: int) -> tuple[str, str | None] | None:
    """The office an abbreviated title right before the name at token ``start`` names ("Gov.
    Ada Morn" -> "governor"), with the capitalised words before it as its scope ("Dorvan Gov.
    Ada Morn" -> "Dorvan"); None when no such abbreviation stands there."""
    k = start - 1
    if k < 0 or not ix.toks[k].text[:1].isupper():
        return None
    title = _TITLE_ABBREVIATIONS.get(ix.toks[k].lower_.rstrip("."))
    if title is None or (k > 0 and ix.toks[k - 1].lower_.rstrip(".") in DEPUTY_WORDS):
        return None  # "Lt. Gov. Ada Morn" is no governor
    scope: list[str] = []
    j = k - 1
    while j >= 0 and k - j <= 3 and CAP_RE.match(ix.toks[j].text) and ix.toks[j].pos_ in ("PROPN", "ADJ"):
        if ix.toks[j].lower_ in NOT_SCOPE or "\n" in ix.toks[j].whitespace_:
            break
        scope.insert(0, ix.toks[j].text)
        j -= 1
    return title, " ".join(scope) or None


def former_title(ix: ArticleMentions, start: int) -> bool:
    """Whether the title words right before the name at token ``start`` say the office is past
    ("former President Ada Morn", "ex-Governor Ivo Kessler")."""
    k = start - 1
    while k >= 0 and start - k <= 6:
        t = ix.toks[k]
        if (t.is_punct and t.text != "-") or t.is_space or "\n" in t.text:
            return False
        if t.lower_ in FORMER or t.lower_.startswith("ex-"):
            return True
        if t.pos_ in ("DET", "VERB", "AUX", "ADP", "CCONJ", "PRON", "SCONJ"):
            return False
        k -= 1
    return False


def split_title(ix: ArticleMentions, words: list[Token]) -> tuple[str | None, str | None]:
    # Find the right-most title word; the words before it are its scope.
    for j in range(len(words) - 1, -1, -1):
        w = words[j].lower_.rstrip(".")
        if w in TITLE_WORDS:
            title = w
            if j > 0 and f"{words[j - 1].lower_} {w}" in MULTI_TITLES:
                title = f"{words[j - 1].lower_} {w}"
                j -= 1
            if j > 0 and words[j - 1].lower_.rstrip(".") in DEPUTY_WORDS:
                # "Lieutenant Governor Ada Morn", "the deputy prime minister": another office
                # than the governor's or the prime minister's, whom "the governor" names.
                title = f"{words[j - 1].lower_.rstrip('.')} {title}"
                j -= 1
            # Scope = capitalised words naming a country/organisation ("Kremlin", "Veltrian"),
            # not "former", "deputy", "its" or "his".
            scope_words = [
                t.text
                for t in words[:j]
                if t.text not in POSSESSIVE
                and CAP_RE.match(t.text)
                and t.pos_ != "PRON"
                and t.lower_ not in NOT_SCOPE
            ]
            scope = " ".join(scope_words) if scope_words else None
            return title, scope
    return None, None


def appos_title(ix: ArticleMentions, root: Token) -> tuple[str | None, str | None]:
    for c in children(root):
        if c.dep_ == "appos" and c.lemma_.lower() in TITLE_WORDS:
            words = [t for t in c.subtree if t.i <= c.i and not t.is_punct and t.pos_ != "DET"]
            title, scope = split_title(ix, words)
            # "the chief executive of Norwind": the scope is the "of" object.
            of = next((g for g in children(c) if g.dep_ == "prep" and g.lower_ in {"of", "at", "for"}), None)
            if of is not None:
                pobj = next((g for g in children(of) if g.dep_ == "pobj"), None)
                if pobj is not None:
                    scope = ix.doc[pobj.left_edge.i : pobj.i + 1].text
            return title, scope
    if root.dep_ == "appos" and root.head.lemma_.lower() in TITLE_WORDS:
        h = root.head
        words = [t for t in h.subtree if t.i <= h.i and not t.is_punct and t.pos_ != "DET"]
        return split_title(ix, words)
    return None, None


def relcl_title(ix: ArticleMentions, root: Token) -> tuple[str | None, str | None]:
    """ "Ada Morn, who manages the Rovers," / "Ola Brandt, who chairs the board,": a relative
    clause with an office verb says which role the person holds and where."""
    for c in children(root):
        if c.dep_ != "relcl" or c.i < root.i:
            continue
        title = ROLE_VERBS.get(c.lemma_.lower())
        if title is None or not any(g.dep_ == "nsubj" and g.lower_ == "who" for g in children(c)):
            continue
        obj = next((g for g in children(c) if g.dep_ == "dobj"), None)
        if c.lemma_.lower() == "represent" and obj is not None and _constituency(obj):
            continue  # "who represents Ward 7": an elected member, not anyone's lawyer
        scope = None
        if obj is not None:
            scope_words = [t.text for t in obj.subtree if CAP_RE.match(t.text) and t.pos_ != "DET"]
            scope = " ".join(scope_words) or None
        return title, scope
    return None, None


# What an elected member represents ("Ward 7", "the 5th District", "the riding of Lumen North").
_CONSTITUENCY_NOUNS = frozenset({
    "ward", "district", "riding", "constituency", "county", "state", "city", "town", "area",
    "region", "precinct", "division", "seat", "residents", "voters", "constituents", "people",
})  # fmt: skip


def _constituency(obj: Token) -> bool:
    """Whether the object of "represents" is a place or its people, not a client."""
    return obj.ent_type_ in ("GPE", "LOC", "FAC") or obj.lemma_.lower() in _CONSTITUENCY_NOUNS


def scope_of(ix: ArticleMentions, word: str | None) -> tuple[str | None, str | None]:
    """Scope words ("Russian", "US", "Kremlin", "Norwind") -> (scope key, affiliation name)."""
    if not word:
        return None, None
    hit = ix.scope_cache.get(word)
    if hit is not None:
        return hit[0], hit[1]
    norm = normalise(word)
    key: str | None
    aff: str | None = word
    code = ix.registry.country_code(word)
    if code is None and " " in norm:
        # "Russian Foreign" / "Veltrian Foreign": take the first word that is a country.
        for w in word.split():
            code = ix.registry.country_code(w)
            if code:
                break
    if code is not None:
        key = code
        gov = ix.registry.government(code)
        # "Russian President X": the affiliation is the government, not the adjective.
        if gov is not None and norm.endswith(("an", "ese", "ish", "ch", "i")) and " " not in norm:
            aff = gov.name
    else:
        actor = ix.registry.lookup(word, at=ix.at)
        key = actor.id if actor is not None and actor.kind != ActorKind.person else f"scope:{slugify(norm)}"
        # Demonym of an unknown place ("Veltrian") and the place ("Veltria") share a key.
        if actor is None:
            key = f"scope:{stem_place(norm)}"
    ix.scope_cache[word] = (key, aff, None)
    return key, aff
