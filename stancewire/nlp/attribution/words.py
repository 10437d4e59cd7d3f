"""The word lists of speaker attribution, read from ``nlp/data/attribution_words.json``.

* ``HE``, ``SHE``, ``THEY``, ``IT``: third-person pronouns by gender and number.
* ``FIRST``: first-person pronouns ("I", "we" inside a quote are its speaker).
* ``ISSUED_TEXTS``: texts whose possessor is their author ("the family's statement", "Brandt's
  disclosure form", "the newspaper's editorial").
* ``PERSON_SUFFIXES``: endings of plural nouns for people ("volunteers", "fishermen").
* ``NOT_PEOPLE``: common nouns with those endings that are not people ("water", "border").
* ``PEOPLE_NOUNS``: nouns for people without those endings ("allies", "colleagues", "citizens").
* ``ENTOURAGE_NOUNS``: bodies that speak for one person ("the Cruz campaign", "her team").
* ``OWNED_BODY_NOUNS``: bodies a person may own or lead ("Morn's agency", "Morn's group"), which
  are that person's body, never another organisation the article mentions.
* ``SHARE_NOUNS``: shares of a polled population ("47 percent said", "a majority said").
* ``QUANTIFIED_PLURAL``, ``QUANTIFIED_SINGLE``: quantifiers that speak as a subject of their own
  ("Several said", "some who advocate free speech argue", "another said").
* ``COUNT_NOUNS``: nouns that count people when they count them ("a number of senators said",
  "double the number who said"), and count things otherwise ("the top-line number").
* ``ANAPHORIC_TEXTS``: texts a definite phrase refers back to ("The statement said", "the poll
  found"): they speak for whoever issued the same text earlier in the article.
"""

from __future__ import annotations

from stancewire.nlp.wordfiles import load_words, word_sets

_DATA = load_words("attribution_words.json")

HE, SHE, THEY, IT, FIRST, ISSUED_TEXTS, NOT_PEOPLE, ENTOURAGE_NOUNS, SHARE_NOUNS, ANAPHORIC_TEXTS = word_sets(
    _DATA,
    "he",
    "she",
    "they",
    "it",
    "first",
    "issued_texts",
    "not_people",
    "entourage_nouns",
    "share_nouns",
    "anaphoric_texts",
)
QUANTIFIED_PLURAL, QUANTIFIED_SINGLE, COUNT_NOUNS, OWNED_BODY_NOUNS, PEOPLE_NOUNS = word_sets(
    _DATA, "quantified_plural", "quantified_single", "count_nouns", "owned_body_nouns", "people_nouns"
)

# A tuple: str.endswith takes a tuple, and the order does not matter to it.
PERSON_SUFFIXES: tuple[str, ...] = tuple(_DATA["person_suffixes"])
