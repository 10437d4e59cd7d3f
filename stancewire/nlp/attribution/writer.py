"""The article's writer as the speaker of first-person narration.

"I find his message chilling", "we know that he grew up in Brooklyn": outside quote marks a
first-person subject is the writer of a column or an analysis, whom only the byline names
(``Article.authors``, read by :mod:`stancewire.nlp.bylines`). It is resolved only when the byline
names exactly one person, and never in a transcript: a line labelled "A:", "Q:" or "KESSEL:",
or any line of an article with question labels, is an interview answer, whose "I" is the
interviewee.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from stancewire.nlp.bylines import byline_names
from stancewire.nlp.mentions import ArticleMentions
from stancewire.nlp.mentions.persons import untitled
from stancewire.nlp.registry import person_id
from stancewire.schemas import ActorKind, ActorRef

# "Q: …", "A. …", "QWhat would …" (a label glued to its line by the scraper), "KESSEL: …",
# "Ida Kessel: …": a line that starts with who speaks it.
_LABEL = re.compile(
    r"^[ \t\"“]*(?:[QA](?:[ \t]*[:.]|(?=[A-Z][a-z]))|[A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3}[ \t]*:)",
    re.MULTILINE,  # matched from a line's start inside the text: "^" must match after "\n"
)
_QUESTION = re.compile(r"^[ \t\"“]*Q(?:[ \t]*[:.]|(?=[A-Z][a-z]))", re.MULTILINE)


def writer_actor(authors: Sequence[str], mentions: ArticleMentions) -> ActorRef | None:
    """The one person the byline names, as an actor: the same one the article's own mention of
    that name resolves to (registry entry, untitled, else ``person:<name>``)."""
    names = byline_names(authors)
    if len(names) != 1:
        return None  # no byline, or several writers: "I" is none of them in particular
    found = mentions.registry.lookup(names[0], mentions.at, ActorKind.person)
    if found is not None and found.kind == ActorKind.person:
        return untitled(mentions, found).ref()
    return ActorRef(id=person_id(names[0]), name=names[0], kind=ActorKind.person)


def is_interview(text: str) -> bool:
    """Whether the article is a question-and-answer transcript (two or more question labels)."""
    return len(_QUESTION.findall(text, 0, 200_000)) >= 2


def labelled_line(text: str, char: int) -> bool:
    """Whether the line holding ``char`` starts with a speaker label ("A:", "KESSEL:")."""
    start = text.rfind("\n", 0, char) + 1
    return _LABEL.match(text, start, char) is not None
