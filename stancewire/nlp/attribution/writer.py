"""The article's writer as the speaker of first-person narration.

"I find his message chilling", "we know that he grew up in Brooklyn": outside quote marks a
first-person subject is the writer of a column or an analysis, whom only the byline names
(``Article.authors``, read by :mod:`stancewire.nlp.bylines`). It is resolved only when the byline
names exactly one person, and never in a transcript: a line labelled "A:", "Q:" or "KESSEL:",
or any line of an article with question labels, is an interview answer, whose "I" is the
interviewee: the person the introduction before the first question names most
(:func:`interviewee_actor`). On a readers' letters page (a "LETTERS." line), where the byline
names nobody, "I" is whoever signs the letter it stands in: the name line after it
(:func:`letter_signer`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from stancewire.nlp.bylines import byline_names
from stancewire.nlp.mentions import ArticleMentions
from stancewire.nlp.mentions.persons import untitled
from stancewire.nlp.quotes.text import QUESTION_RE
from stancewire.nlp.registry import person_id
from stancewire.schemas import ActorKind, ActorRef, MentionKind

# "Q: …", "A. …", "QWhat would …" (a label glued to its line by the scraper), "KESSEL: …",
# "Ida Kessel: …": a line that starts with who speaks it.
_LABEL = re.compile(
    r"^[ \t\"“]*(?:[QA](?:[ \t]*[:.]|(?=[A-Z][a-z]))|[A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3}[ \t]*:)",
    re.MULTILINE,  # matched from a line's start inside the text: "^" must match after "\n"
)
# A readers' letters page: a line "LETTERS." on its own.
_LETTERS = re.compile(r"^[ \t]*LETTERS\.?[ \t]*$", re.MULTILINE)
# A letter's signature: a line that is only a name of two to four capitalised words ("Ada L.
# Morn.") or a handle ("@adamorn."); a place line ("Port Anselm, Veltria.") has a comma.
_SIGNATURE = re.compile(
    r"^[ \t]*(@\w{2,30}|[A-Z][\w'’-]*\.?(?:[ \t]+[A-Z][\w'’-]*\.?){1,3})\.?[ \t]*$", re.MULTILINE
)
# A section heading of the page ("FACEBOOK.", "TWITTER."): what follows is someone else's.
_HEADING = re.compile(r"^[ \t]*[A-Z]{3,}\.?[ \t]*$", re.MULTILINE)
# A book excerpt's credit line: "From THE LONG HARBOR by Ada Morn. Copyright © 2015 by Ada Morn.
# Reprinted courtesy of ...". Only a line that also says it is reprinted or copyrighted: a
# sentence that starts "From the port to the hills, ... by ..." is no credit.
_CREDIT = re.compile(
    r"^[ \t]*(?:Excerpted |Adapted )?[Ff]rom[ \t]+[^\n]{1,150}?[ \t]by[ \t]+"
    r"([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){1,3})\.[^\n]*(?:Copyright|©|[Rr]eprinted|permission)",
    re.MULTILINE,
)

# A writer's closing note: "Morn is a Vask-based reporter for the Dorvan Herald." (a line of its
# own, in the article's last 400 characters).
_BIO = re.compile(
    r"^[ \t]*([A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2})[ \t]+is[ \t]+an?[ \t]+[^.\n]{0,80}?"
    r"\b(?:reporter|columnist|correspondent|writer)\b[^\n]*$",
    re.MULTILINE,
)


def writer_actor(authors: Sequence[str], mentions: ArticleMentions) -> ActorRef | None:
    """The one person the byline names, as an actor: the same one the article's own mention of
    that name resolves to (registry entry, untitled, else ``person:<name>``). With no person in
    the byline (a publisher's name), a book excerpt's author from its credit line."""
    names = byline_names(authors) or book_author(mentions.text) or closing_bio_writer(authors, mentions.text)
    if len(names) != 1:
        return None  # no byline, or several writers: "I" is none of them in particular
    found = mentions.registry.lookup(names[0], mentions.at, ActorKind.person)
    if found is not None and found.kind == ActorKind.person:
        return untitled(mentions, found).ref()
    return ActorRef(id=person_id(names[0]), name=names[0], kind=ActorKind.person)


def book_author(text: str) -> list[str]:
    """The author a book excerpt's credit line names ("From TITLE by NAME. Copyright ..."): the
    excerpt's "I" is that author, though the byline names only the publisher. Read separately
    from ``byline_names``, which the scorer uses for the article's own writers."""
    found = _CREDIT.search(text)
    return [found.group(1)] if found is not None else []


def closing_bio_writer(authors: Sequence[str], text: str) -> list[str]:
    """The writer a closing note names ("Morn is a Vask-based reporter for ..."), when the byline
    has that name split by a stray comma ("Ada , Morn", which ``byline_names`` leaves out as too
    unsure): the note confirms the split name is the writer's."""
    found = _BIO.search(text, max(0, len(text) - 400))
    if found is None:
        return []
    name = found.group(1)
    words = [w for w in re.split(r"[\s,]+", " ".join(authors)) if w]
    for k in range(1, len(words)):
        if words[k] == name.split()[-1] and words[k - 1][:1].isupper():
            # "Gaudiano is a ... reporter" with "Nicole , Gaudiano": the byline's given name
            return [name if " " in name else f"{words[k - 1]} {name}"]
    return []


def labelled_line(text: str, char: int) -> bool:
    """Whether the line holding ``char`` starts with a speaker label ("A:", "KESSEL:")."""
    start = text.rfind("\n", 0, char) + 1
    return _LABEL.match(text, start, char) is not None


def interviewee_actor(mentions: ArticleMentions, first_q: int) -> ActorRef | None:
    """Who answers in a question-and-answer transcript whose first question label is at
    ``first_q``: the person the headline and introduction name most often, the first named on a
    tie ("Actress Diane Guerrero has become …", "Former first lady Laura Bush wrote …"). None when
    the introduction names nobody."""
    named = [
        m.actor
        for m in mentions.mentions
        if m.start < first_q and m.actor.kind == ActorKind.person and m.kind == MentionKind.name
    ]
    if not named:
        return None
    counts = Counter(a.id for a in named)
    best = max(counts, key=counts.__getitem__)  # the first of the most named: Counter keeps order
    return next(a for a in named if a.id == best)


def answer_line(text: str, char: int, first_q: int) -> bool:
    """Whether ``char`` is on an answer of an interview whose first question label is at
    ``first_q``: after it, on a line that is not a question ("A: I think …", or an answer's later
    paragraph with no label)."""
    if char < first_q:
        return False
    start = text.rfind("\n", 0, char) + 1
    if QUESTION_RE.match(text, start, char) is not None:
        return False
    label = _LABEL.match(text, start, char)
    return label is None or label.group(0).strip(' \t"“').startswith("A")


@lru_cache(maxsize=8)
def signatures(text: str) -> tuple[tuple[int, str], ...]:
    """The signature lines of a readers' letters page, as (start, name) in text order; none
    for any other article. An all-capitals line is a heading, not a name."""
    if _LETTERS.search(text) is None:
        return ()
    return tuple(
        (m.start(1), m.group(1).rstrip("."))
        for m in _SIGNATURE.finditer(text)
        if not m.group(1).replace(".", "").replace(" ", "").isupper()
    )


def letter_signer(mentions: ArticleMentions, text: str, char: int) -> ActorRef | None:
    """Who signs the letter holding ``char`` on a readers' letters page: the first signature
    line after it, unless a section heading comes between (the page's own note that opens a
    section is no letter); None on any other article."""
    sigs = signatures(text)
    k = bisect_right(sigs, (char, "\uffff"))
    if k >= len(sigs) or _HEADING.search(text, char, sigs[k][0]) is not None:
        return None
    name = sigs[k][1]
    if name.startswith("@"):
        return ActorRef(id=person_id(name[1:]), name=name, kind=ActorKind.person)
    found = mentions.registry.lookup(name, mentions.at, ActorKind.person)
    if found is not None and found.kind == ActorKind.person:
        return found.ref()
    return ActorRef(id=person_id(name), name=name, kind=ActorKind.person)
