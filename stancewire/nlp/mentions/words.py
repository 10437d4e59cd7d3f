"""The word lists of the mention rules, read from ``nlp/data/mention_words.json``.

=========================== ==============================================================
list                        what it is for
=========================== ==============================================================
``TITLE_WORDS``             role nouns that name a person by office ("president", "coach")
``MULTI_TITLES``            two-word titles matched on their last word plus the one before
``ORG_ROLE_NOUNS``          nouns that describe an organisation ("the company", "the ministry")
``COLLECTIVE_PERSON_NOUNS`` singular nouns for a group of people ("the family said")
``GROUP_NOUNS``             plural nouns for groups of people ("officials", "analysts")
``ORG_WORDS``               final words that make a capitalised name an organisation
``FEMALE_WORDS``            gendered words (pronouns, titles, honorifics, kin terms)
``MALE_WORDS``              gendered words (pronouns, titles, honorifics, kin terms)
``HONORIFICS``              words before a name that are not part of it ("Dr", "Sir")
``NOT_SCOPE``               words before a title that do not say whose title it is ("former")
``FACILITY_WORDS``          last words of a real facility ("Anna Lindh Bridge")
``COMPANY_NOUNS``           nouns that describe a business: never a ministry, court or prize
``PLACE_BODY_NOUNS``        public bodies a place has ("Dravik" -> "Dravik City Council")
``PLACE_BODY_MODS``         words that are part of such a body's name ("city", "health")
``INSTITUTION_WORDS``       last words of an institution's name ("ministry", "court")
``LOCATIVE``                prepositions after which a capitalised word is a place
``ROLE_VERBS``              office verbs of relative clauses and the title they imply
``TITLE_EQUIV``             titles news style uses interchangeably for the same person
=========================== ==============================================================
"""

from __future__ import annotations

import json
from pathlib import Path

_PATH = Path(__file__).resolve().parent.parent / "data" / "mention_words.json"
_DATA = json.loads(_PATH.read_text(encoding="utf-8"))

TITLE_WORDS: frozenset[str] = frozenset(_DATA["title_words"])
MULTI_TITLES: frozenset[str] = frozenset(_DATA["multi_titles"])
ORG_ROLE_NOUNS: frozenset[str] = frozenset(_DATA["org_role_nouns"])
COLLECTIVE_PERSON_NOUNS: frozenset[str] = frozenset(_DATA["collective_person_nouns"])
GROUP_NOUNS: frozenset[str] = frozenset(_DATA["group_nouns"])
ORG_WORDS: frozenset[str] = frozenset(_DATA["org_words"])
FEMALE_WORDS: frozenset[str] = frozenset(_DATA["female_words"])
MALE_WORDS: frozenset[str] = frozenset(_DATA["male_words"])
HONORIFICS: frozenset[str] = frozenset(_DATA["honorifics"])
NOT_SCOPE: frozenset[str] = frozenset(_DATA["not_scope"])
FACILITY_WORDS: frozenset[str] = frozenset(_DATA["facility_words"])
COMPANY_NOUNS: frozenset[str] = frozenset(_DATA["company_nouns"])
PLACE_BODY_NOUNS: frozenset[str] = frozenset(_DATA["place_body_nouns"])
PLACE_BODY_MODS: frozenset[str] = frozenset(_DATA["place_body_mods"])
INSTITUTION_WORDS: frozenset[str] = frozenset(_DATA["institution_words"])
LOCATIVE: frozenset[str] = frozenset(_DATA["locative"])
ROLE_VERBS: dict[str, str] = dict(_DATA["role_verbs"])
TITLE_EQUIV: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in _DATA["title_equiv"].items()}
