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
``PERSON_DESC_NOUNS``       nouns that describe a person news names elsewhere ("the candidate")
``PRESS_NOUNS``             nouns that describe a news outlet ("the newspaper", "the network")
``LEGISLATURE_WORDS``       last words of a legislature's or city hall's name ("Congress")
``THING_WORDS``             last words that make a capitalised name a thing ("the Harlan Effect")
``THING_SURNAME_WORDS``     such words that are also surnames: a thing only after "the" ("Ana Law")
``WORK_NOUNS``              nouns for a show, book or song, whose title may follow in quotes
=========================== ==============================================================
"""

from __future__ import annotations

from stancewire.nlp.wordfiles import load_words, word_sets

_DATA = load_words("mention_words.json")

(
    TITLE_WORDS,
    MULTI_TITLES,
    ORG_ROLE_NOUNS,
    COLLECTIVE_PERSON_NOUNS,
    GROUP_NOUNS,
    ORG_WORDS,
    FEMALE_WORDS,
    MALE_WORDS,
    HONORIFICS,
    NOT_SCOPE,
    FACILITY_WORDS,
    COMPANY_NOUNS,
    PLACE_BODY_NOUNS,
    PLACE_BODY_MODS,
    INSTITUTION_WORDS,
    LOCATIVE,
) = word_sets(
    _DATA,
    "title_words",
    "multi_titles",
    "org_role_nouns",
    "collective_person_nouns",
    "group_nouns",
    "org_words",
    "female_words",
    "male_words",
    "honorifics",
    "not_scope",
    "facility_words",
    "company_nouns",
    "place_body_nouns",
    "place_body_mods",
    "institution_words",
    "locative",
)

ROLE_VERBS: dict[str, str] = dict(_DATA["role_verbs"])
TITLE_EQUIV: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in _DATA["title_equiv"].items()}
(PERSON_DESC_NOUNS,) = word_sets(_DATA, "person_description_nouns")
PRESS_NOUNS, LEGISLATURE_WORDS = word_sets(_DATA, "press_nouns", "legislature_words")
THING_WORDS, THING_SURNAME_WORDS, WORK_NOUNS = word_sets(
    _DATA, "thing_words", "thing_surname_words", "work_nouns"
)
# Bodies a definite noun names only when the article named one of them ("the Dornby Police
# Service"): "police said" is never the article's most salient company or party, nor "Council
# wants" or "the court ruled" its police service. ("board" and "commission" are not here: "the
# board" of a company is the company, and a "commission" may be the article's "Board of X".)
(NAMED_ONLY_BODIES,) = word_sets(_DATA, "named_only_bodies")


def person_noun_plural(word: str, lemma: str) -> str | None:
    """The singular of a plural of a person, group or body noun ("Aides", "Farmers",
    "Advisers"), else None: such a word names people, not an organisation called that."""
    low = word.lower()
    if not low.endswith("s"):
        return None
    # (a proper noun's lemma is the word itself: "Farmers")
    singular = lemma.lower() if lemma.lower() != low else low[:-1]
    nouns = (TITLE_WORDS, COLLECTIVE_PERSON_NOUNS, PERSON_DESC_NOUNS, GROUP_NOUNS, ORG_ROLE_NOUNS)
    # (group nouns are listed as plurals: "Neighbours", whose lemma the tagger leaves as is)
    return singular if any(singular in s or low in s for s in nouns) else None
