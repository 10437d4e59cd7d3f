"""Who is mentioned where in one article: names, titles, organisations/places, role nouns, pronouns.

:class:`~stancewire.nlp.mentions.index.ArticleMentions` is the per-article index (built once per
Doc by the ``stancewire_mentions`` component, ``Doc._.mentions``). The rules that fill it live in
one module per job:

================== ================================================================
module             job
================== ================================================================
``index``          the index and its queries (``actor_at``, ``actors_in``, ...)
``build``          the order in which the rules below fill the index
``person_spans``   where the person names are (NER corrected, names it misses)
``persons``        clustering the forms of a name; resolving a cluster to an actor
``titles``         titles and their scope around a name
``orgs``           organisation and place names, registry aliases
``org_names``      short organisation names -> the full name the article gives
``org_descriptions`` "the company", "the ministry" -> an organisation of the article
``outlets``        "the paper", "the network", "the editorial" -> the outlet named before
``things``         names that end in a thing noun ("the Harlan Effect"): no person
``body_names``     names of bodies ("Team Morn", "X PAC", "Y Watch", "Log Cabin Republicans"): no person
``role_nouns``     "the Russian president" -> the holder
``descriptions``   "the Ohio Democrat", "the 52-year-old" -> the person so described
``acronyms``       "the Federal Transit Authority (FTA)": later "FTA" is the same actor
``headlines``      names read from title-case lines, cut to the body's form
``lines``          entity spans cut at line breaks
``surnames``       bare surnames the NER missed, after the full name
``name_ends``      words glued onto a name (weekdays, programme words, headline words, party tags)
``bodies``         whether an organisation antecedent can speak ("they" is no recession)
``names``          small pure helpers (name parts, demonyms, genders)
``types``          the records of the index (``Mention``, ``PersonCluster``)
``words``          the word lists (``nlp/data/mention_words.json``)
================== ================================================================
"""

from __future__ import annotations

from stancewire.nlp.mentions.index import ArticleMentions
from stancewire.nlp.mentions.types import Mention, PersonCluster

__all__ = ["ArticleMentions", "Mention", "PersonCluster"]
