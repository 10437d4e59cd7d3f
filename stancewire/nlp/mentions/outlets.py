"""Press nouns ("the newspaper", "the network", "the editorial") resolved to the news outlet the
article named last that fits them."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from stancewire.nlp import doccache
from stancewire.nlp.mentions.words import PRESS_NOUNS
from stancewire.nlp.registry import normalise, slugify
from stancewire.schemas import ActorKind, ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Token

    from stancewire.nlp.mentions.index import ArticleMentions

# Press nouns for a newspaper's own voice ("the paper", "the editorial", "the editors"), for a
# broadcaster ("the network"), or for any outlet ("the outlet", "the magazine").
_PAPER_NOUNS = frozenset({"newspaper", "paper", "editorial", "editors", "tabloid", "daily", "weekly"})
_BROADCAST_NOUNS = frozenset({"network", "station", "channel", "broadcaster"})
# ("the website" is left alone: news says it of a town's, a campaign's or a person's site.)
_ANY_NOUNS = frozenset({"outlet", "publication", "magazine"})

# Words that make a name a newspaper's ("Harbour Ledger", "Marrow Daily Courier") or a
# broadcaster's ("Velk TV", "Dorvan Broadcasting Network"); "News" may be either.
_PAPER_NAME_WORDS = frozenset(
    {
        "times",
        "post",
        "journal",
        "tribune",
        "herald",
        "ledger",
        "gazette",
        "courier",
        "daily",
        "weekly",
        "telegraph",
        "chronicle",
        "examiner",
        "observer",
        "guardian",
        "inquirer",
        "sentinel",
        "advocate",
        "dispatch",
        "bulletin",
        "register",
        "globe",
        "star",
        "mail",
        "express",
        "mirror",
        "independent",
        "standard",
        "argus",
        "beacon",
        "clarion",
        "enquirer",
        "newspaper",
        "paper",
        "tabloid",
        "magazine",
        "review",
    }
)
_BROADCAST_NAME_WORDS = frozenset(
    {"tv", "television", "radio", "broadcasting", "network", "channel", "station", "broadcaster", "cable"}
)
_EITHER_NAME_WORDS = frozenset({"news", "press", "media", "outlet"})
# Broadcasters news names by their letters alone.
_BROADCAST_LETTERS = frozenset(
    {"cnn", "msnbc", "nbc", "abc", "cbs", "pbs", "bbc", "npr", "cnbc", "fox", "c-span"}
)

# Modifiers that leave a press noun a reference back to an outlet ("the news outlet", "the
# conservative publication"); any other ("the white paper", "the research paper") makes it a
# document or a thing of its own.
_EMPTY_PRESS_MODS = frozenset({"news", "conservative", "liberal", "local", "national", "online", "same"})


def press_noun(tok: Token) -> str | None:
    """The press noun a definite phrase headed by ``tok`` is ("the newspaper", "the editorial
    board", "the editors", "the news outlet"), or None: an indefinite ("a newspaper"), owned
    ("her paper", "the Ledger's editorial") or named ("the Harbour Ledger newspaper") one is no
    reference back to an outlet. "The editorial" may be tagged an adjective before a verb."""
    word = tok.lower_
    if word == "board":
        word = "editorial" if any(c.lower_ == "editorial" for c in doccache.children(tok)) else word
    elif word != "editors":
        word = tok.lemma_.lower() if tok.pos_ == "NOUN" else word
    if word not in _PAPER_NOUNS | _BROADCAST_NOUNS | _ANY_NOUNS:
        return None
    if tok.i == 0 or "the" not in (tok.doc[tok.left_edge.i].lower_, tok.doc[tok.i - 1].lower_):
        return None
    for c in doccache.children(tok):
        if c.i > tok.i:
            if c.dep_ in ("appos", "compound", "nmod", "npadvmod"):
                return None  # "the news site Velk Info": the phrase names its outlet
            continue
        if c.dep_ == "poss" or (c.dep_ in ("compound", "nmod") and c.text[:1].isupper()):
            return None
        if c.dep_ in ("amod", "compound") and c.lower_ not in _EMPTY_PRESS_MODS and c.lower_ != "editorial":
            # "the white paper", "the research paper": a document, not a newspaper.
            return None
    return word


def outlet_before(ix: ArticleMentions, char: int, noun: str) -> ActorRef | None:
    """The outlet the article named last before ``char`` that fits the press noun ``noun``: a
    newspaper for "the paper", a broadcaster for "the network", any outlet for "the outlet".
    An outlet is an organisation named with a press word ("Velk News", "the Harbour Ledger
    newspaper"), one the article called by a press noun ("the Ledger, a Dorvan newspaper"), or
    one the registry files as media."""
    described = {m.actor.id: lemma for _, lemma, m in ix.org_desc if lemma in PRESS_NOUNS}
    for m in ix.org_mentions_before(char, window=6000):
        a = m.actor
        if a.kind != ActorKind.organisation:
            continue
        kind = _mention_kind(ix, m.head) or _outlet_kind(ix, a, described) or _titled(ix, m.start)
        if _fits(kind, noun):
            return a
    return unnamed_outlet(ix, char, noun)


# How far back (in tokens) an outlet the NER missed is looked for.
_UNNAMED_WINDOW = 600


def unnamed_outlet(ix: ArticleMentions, char: int, noun: str) -> ActorRef | None:
    """An outlet the NER did not tag, written as a name with a press word: "Velk News", "the
    Harbour Ledger newspaper", "the Harrow Leader, Dorvan's largest newspaper" (named by its
    phrase, as the speaker rules name it), the latest before ``char`` that fits ``noun``. Only
    run when no organisation mention fits, which is rare; the scan stops at a few hundred
    tokens."""
    toks = ix.toks
    end = bisect_right(ix.tok_starts(), char) - 1
    for i in range(end - 1, max(-1, end - _UNNAMED_WINDOW), -1):
        t = toks[i]
        if t.is_lower and t.pos_ == "NOUN" and t.lower_ in _OUTLET_NOUNS:
            names = [c for c in doccache.children(t) if c.dep_ == "compound" and c.i < t.i]
            if not names or not all(_name_word(c) for c in names):
                continue
            first, kind = names[0].i, _press_kind(t.lower_)
        elif t.pos_ == "PROPN" and t.text[:1].isupper() and i + 1 < len(toks) and toks[i + 1].pos_ != "PROPN":
            kind = _name_kind([t.lower_]) or _mention_kind(ix, i)
            first = i
            while first > 0 and toks[first - 1].pos_ == "PROPN" and toks[first - 1].text[:1].isupper():
                first -= 1
            if first == i:
                continue  # a bare "News" or "Times" is no outlet's name
        else:
            continue
        if not _fits(kind, noun):
            continue
        name = ix.text[toks[first].idx : t.idx + len(t.text)].removeprefix("The ")
        return ActorRef(id=f"org:{slugify(name)}", name=name, kind=ActorKind.organisation)
    return None


# Press nouns that name an outlet after its name ("the Harbour Ledger newspaper"); "the Friday
# editorial" is a text of some outlet, not one called "Friday".
_OUTLET_NOUNS = (_PAPER_NOUNS | _BROADCAST_NOUNS | _ANY_NOUNS) - {"editorial", "editors"}


def _name_word(tok: Token) -> bool:
    """A capitalised word of a name, not a day or a month ("Friday", "March")."""
    return tok.text[:1].isupper() and tok.pos_ == "PROPN" and tok.ent_type_ not in ("DATE", "TIME")


def _titled(ix: ArticleMentions, start: int) -> str | None:
    """ "either" for a name written with a capitalised "The" inside a sentence ("the editors of
    The Weathervane"): news capitalises that article only in the title of an outlet or a work."""
    i = bisect_right(ix.tok_starts(), start) - 1
    if i < 1 or ix.toks[i].idx != start:
        return None
    det = ix.toks[i - 1]
    return "either" if det.text == "The" and not det.is_sent_start else None


def _press_kind(word: str) -> str:
    if word in _PAPER_NOUNS:
        return "paper"
    return "broadcast" if word in _BROADCAST_NOUNS else "either"


def _mention_kind(ix: ArticleMentions, head: int) -> str | None:
    """The outlet kind a press noun in apposition gives the name an organisation mention is part
    of ("the pro-Morn Harrow Leader, the state's largest newspaper," when the NER tagged only
    "pro-Morn Harrow" and made its head the prefix)."""
    root = ix.toks[head]
    while root.dep_ in ("compound", "amod") and root.head.pos_ == "PROPN" and root.head.i > root.i:
        root = root.head
    said = next((c.lemma_.lower() for c in doccache.children(root) if c.dep_ == "appos"), None)
    return _press_kind(said) if said in PRESS_NOUNS else None


def _outlet_kind(ix: ArticleMentions, actor: ActorRef, described: dict[str, str]) -> str | None:
    """ "paper", "broadcast", "either" for an outlet, None for any other organisation."""
    said = described.get(actor.id)
    if said is not None:
        return _press_kind(said)
    kind = _name_kind(normalise(actor.name).split())
    if kind is not None:
        return kind
    known = ix.registry.get(actor.id)
    return "either" if known is not None and getattr(known, "country", None) == "MED" else None


def _name_kind(words: list[str]) -> str | None:
    """The outlet kind a name's words give ("Harbour Ledger": paper), or None."""
    if any(w in _PAPER_NAME_WORDS for w in words[-2:]):
        return "paper"
    if any(w in _BROADCAST_NAME_WORDS for w in words) or (words and words[0] in _BROADCAST_LETTERS):
        return "broadcast"
    return "either" if any(w in _EITHER_NAME_WORDS for w in words) else None


def _fits(kind: str | None, noun: str) -> bool:
    if kind is None:
        return False
    if noun in _PAPER_NOUNS:
        return kind in ("paper", "either")
    if noun in _BROADCAST_NOUNS:
        return kind in ("broadcast", "either")
    return True
