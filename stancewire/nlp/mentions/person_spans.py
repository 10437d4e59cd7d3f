"""Where the person names are: PERSON entities corrected, and the names the small NER model misses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from stancewire.nlp import cues, doccache
from stancewire.nlp.doccache import children
from stancewire.nlp.mentions.body_names import not_a_person
from stancewire.nlp.mentions.descriptions import AGENT_SUFFIXES, is_person_noun, noun_gender
from stancewire.nlp.mentions.names import (
    CAP_RE,
    NICK_CLOSE,
    NICK_OPEN,
    POSSESSIVE,
    given_names,
    has_demonym,
    located,
)
from stancewire.nlp.mentions.things import quoted_title, thing_name
from stancewire.nlp.mentions.words import (
    COMPANY_NOUNS,
    FACILITY_WORDS,
    HONORIFICS,
    LOCATIVE,
    ORG_ROLE_NOUNS,
    ORG_WORDS,
    PERSON_DESC_NOUNS,
    TITLE_WORDS,
)
from stancewire.nlp.noise import DATELINE
from stancewire.nlp.registry import normalise
from stancewire.schemas import ActorKind

NON_PERSON_KINDS = frozenset({ActorKind.government, ActorKind.organisation, ActorKind.group})

if TYPE_CHECKING:
    from stancewire.nlp.mentions.index import ArticleMentions


def people_noun(t: Token) -> bool:
    """A capitalised plural of a word for people ("Aides", "Officials", "Politicos") that the
    NER tagged PERSON at the start of a sentence: no one's name unless the data knows it as a
    given name."""
    lower = t.lower_
    if not lower.endswith("s") or lower in given_names():
        return False
    stem = lower[:-1]
    return stem in TITLE_WORDS or stem in PERSON_DESC_NOUNS or stem in _PEOPLE_PLURALS


# People nouns outside the title and description lists that the NER has taken for names.
_PEOPLE_PLURALS = frozenset({"politico", "staffer", "insider", "voter", "resident", "official"})


def owned_name(toks: list[Token], ent: Span, given: dict[str, str]) -> tuple[int, int] | None:
    """ "Velmar News’ Sean Hallity": an organisation's possessive and a person's name, which the
    NER ran into one organisation (the curly mark is tagged as a closing quote, not as "'s"):
    the name after the mark, when it opens with a given name, is the person."""
    for i in range(ent.start + 1, ent.end - 2):
        if toks[i].text in POSSESSIVE:
            rest = toks[i + 1 : ent.end]
            if normalise(rest[0].text) in given and all(CAP_RE.match(t.text) for t in rest):
                return i + 1, ent.end
            return None
    return None


def name_after_comma(toks: list[Token], ent: Span, given: dict[str, str]) -> tuple[int, int] | None:
    """ "said his best friend at Lindale, Bruno Kettle,": a place or body and the name in
    apposition after it, which the NER ran into one entity. The words after the comma, two or
    more in capitals, are the person when they open with a given name or the parser made them an
    apposition to the words before the comma; a surname-first name ("Kettle, Bruno") or a
    suffix ("Velk, Jr.") has no such tail."""
    for i in range(ent.start + 1, ent.end - 2):
        if toks[i].text == ",":
            rest = toks[i + 1 : ent.end]
            if not all(CAP_RE.match(t.text) for t in rest):
                return None
            root = rest[-1]
            appos = root.dep_ == "appos" and ent.start <= root.head.i < i
            if normalise(rest[0].text) in given or appos:
                return i + 1, ent.end
            return None
    return None


def person_spans(ix: ArticleMentions) -> list[Span]:
    """PERSON entities (extended left over first names the NER dropped) plus capitalised names
    right after a title ("chief executive Ama Koro", "Coach Tomas Reyna"), which the small
    model often labels ORG or misses."""
    doc = ix.doc
    toks = ix.toks
    spans: list[tuple[int, int]] = []
    place_words = {normalise(e.text) for e in doccache.ents(doc) if e.label_ in ("GPE", "LOC", "NORP")}
    # Invented countries are often tagged PERSON ("Kethara", "Isparre"). A one-word "person"
    # that appears after a locative preposition anywhere in the article, or whose demonym
    # ("Kethari", "Isparrean") appears under any label, is a place.
    caps = [toks[i] for i in doccache.capitalised(doc)]  # CAP_RE.match(t.text)
    cap_words = {t.lower_ for t in caps if t.pos_ in ("PROPN", "ADJ", "NOUN")}
    ix.cap_words = cap_words
    # ... unless the registry knows the word as a person the article gives a title ("President
    # Brell", "Mr. Brell"): "a letter to Brell" is then written to that person, and the word a
    # place would cost every bare mention of the name in the article.
    titled: set[str] | None = None
    for t in caps:
        if t.dep_ == "pobj" and t.head.lower_ in LOCATIVE and t.ent_type_:
            if titled is None:
                titled = titled_words(caps)
            if t.lower_ in titled and registry_person(ix, t.text):
                continue
            place_words.add(normalise(t.text))
    # First words of multi-word organisation names: "Larkspur" alone after "Larkspur Labs"
    # is the company, not a person.
    org_heads: set[str] = set()
    for ent in doccache.ents(doc):
        if len(ent) > 1 and (ent.label_ == "ORG" or (ent.label_ == "PERSON" and org_like_person(ix, ent))):
            org_heads.add(normalise(ent[0].text))
    given = given_names()
    # Last words of multi-word PERSON names: "the Okafors" or "the Brask" may still mean them.
    surnames = {normalise(e[-1].text) for e in doccache.ents(doc) if e.label_ == "PERSON" and len(e) > 1}
    bodies = the_named_bodies(doccache.ents(doc), given)
    for ent in doccache.ents(doc):
        if ent.label_ != "PERSON":
            continue
        if registry_non_person(ix, ent):
            # The registry knows the name as a government, organisation or armed group
            # ("Veltria", "Hamas"): that beats spaCy's PERSON tag (issue 16).
            ix.person_orgs.add(ent.start)
            continue
        if len(ent) == 1 and normalise(ent.text) in ORG_WORDS:
            # "The Free Choice Parents' Collective": the NER's lone "person" is a body's head.
            ix.person_orgs.add(ent.start)
            continue
        if (
            len(ent) == 1
            and normalise(ent.text.rstrip("'’s")) in org_heads - given_names().keys()
            and not located(ent)  # "a mill in Dorsen" after "Dorsen Analytics": the place
        ):
            ix.person_orgs.add(ent.start)
            continue
        if len(ent) == 1 and (
            place_like(ix, ent, place_words) or has_demonym(normalise(ent.text), cap_words)
        ):
            ix.person_places.add(ent.start)
            continue
        if org_like_person(ix, ent):
            ix.person_orgs.add(ent.start)
            continue
        shaped = not_a_person(toks, ent.start, ent.end)
        if shaped is not None:
            # "Velmar Watch", "Team Okafor": a body, named as the NER wrote it. "Rural
            # Republicans": members, no body; attribution makes them a group.
            if shaped == "body":
                ix.person_orgs.add(ent.start)
            continue
        if the_named(ent, given, surnames) or normalise(ent.text) in bodies:
            ix.person_orgs.add(ent.start)
            continue
        if thing_name(toks, ent.start, ent.end):
            # "the Velk Act" tagged PERSON: a named thing, kept as the NER's name of a body
            ix.person_orgs.add(ent.start)
            continue
        if len(ent) == 1 and people_noun(ent[0]):
            continue  # "Aides said", "Politicos call it": people described, never a name
        after_comma = name_after_comma(toks, ent, given)
        if after_comma is not None:
            spans.append(after_comma)
            continue
        a = ent.start
        lead_role = len(ent) >= 3 and role_word_before_name(toks[a], toks[a + 1], given, len(ent) - 1)
        if (lead_role and toks[a].is_sent_start) or (len(ent) >= 3 and person_word(toks[a], given)):
            # "Comedian Ida Varga was shouted down", "During the debate, Moderator Ana Morrow
            # asked": the role word is no part of the name (inside a sentence, a capitalised word
            # before a full name may be a first name the list lacks, unless it names a person).
            a += 1
        elif len(ent) >= 3 and leading_adverb(toks[a], given):
            # "“Certainly Tomas Velk has gone too far,” …": the NER ran the name back over the
            # sentence's opening adverb, which the tagger still reads as one.
            a += 1
        while (
            a > 0
            and toks[a - 1].pos_ == "PROPN"
            and toks[a - 1].dep_ == "compound"
            and toks[a - 1].lower_ not in TITLE_WORDS
            # "House Speaker Paul Ryan", "Lt. Gov. Dan Patrick": a title is no dropped first name,
            # nor is a plural one ("Senators Brell and Okafor")
            and not plural_title_before(toks, a)
            and toks[a - 1].lower_.rstrip(".") not in HONORIFICS
            and not toks[a - 1].ent_type_
            and a > ent.start - 2
            # "Rival Ada Morn, however, …", "Billionaire Tom Okafor praised …": a name that
            # starts with a given name has dropped no first name, only a capitalised role word.
            and not role_word_before_name(toks[a - 1], toks[a], given, ent.end - a)
        ):
            a -= 1
        # "Lia Quorn of Lumen": the NER ran the name on over a place; a given name and a surname
        # before "of" are the person ("Catherine of Aragon", one name before it, stays whole).
        end = next((j for j in range(ent.start + 2, ent.end - 1) if toks[j].lower_ == "of"), ent.end)
        while end - a > 1 and toks[end - 1].is_lower and toks[end - 1].pos_ in ("ADP", "CCONJ", "DET"):
            end -= 1  # "Mei-Ling Cho of" tagged PERSON before "Harbour Securities": no name ends in "of"
        spans.append((a, end))
    n = len(doc)
    for t in toks:
        w = t.lower_.rstrip(".")
        if not (w in TITLE_WORDS or w in HONORIFICS) or t.i + 1 >= n:
            continue
        nxt = toks[t.i + 1]
        if (
            t.ent_type_ in ("ORG", "FAC")
            and nxt.ent_iob_ == "I"
            and nxt.ent_type_ == t.ent_type_
            and normalise(nxt.text) not in given
            and not _acronym_title_before_name(t)
        ):
            # "General Electric", "the Justice Department": the title word opens a body's name.
            # A given name after it starts a person the NER swallowed ("Green MLA Ilse Varn"),
            # as does an acronym title ("MPP Teo Brask"), whatever the given name.
            continue
        # "Deputy Foreign Minister X": only the last title word of a run starts the name.
        if nxt.lower_ in TITLE_WORDS or (
            t.i + 2 < n
            and toks[t.i + 2].lower_ in TITLE_WORDS
            and CAP_RE.match(nxt.text)
            and nxt.ent_type_ != "PERSON"
        ):
            continue
        if CAP_RE.match(nxt.text) and nxt.pos_ in ("PROPN", "NOUN", "ADJ") and not nxt.is_sent_start:
            b = t.i + 1
            while (
                b < n
                and b - t.i <= 4
                and CAP_RE.match(toks[b].text)
                and toks[b].pos_ in ("PROPN", "NOUN", "ADJ")
                and toks[b].text not in POSSESSIVE
                and toks[b].lower_ not in TITLE_WORDS
            ):
                b += 1
            if b == t.i + 1:
                continue
            # "spokesman Navy Capt. Jeff Dale": a further title inside the run (an abbreviation
            # the tokenizer keeps with its period) starts the name after it.
            titles = TITLE_WORDS | HONORIFICS
            inner = [j for j in range(t.i + 1, b - 1) if toks[j].lower_.rstrip(".") in titles]
            if inner:
                spans.append((inner[-1] + 1, b))
                continue
            if toks[t.i + 1].ent_type_ in ("GPE", "NORP") or (
                ix.registry.lookup(doc[t.i + 1 : b].text) is not None
                and ix.registry.lookup(doc[t.i + 1 : b].text).kind != ActorKind.person
            ):
                continue
            spans.append((t.i + 1, b))
    for ent in doccache.ents(doc):
        # The small model often labels unusual (e.g. hyphenated) personal names ORG. A name in
        # apposition with a title ("Ilse Varga-Tamm, the foreign minister,") is a person.
        if ent.label_ not in ("ORG", "PRODUCT", "WORK_OF_ART", "NORP", "GPE") or len(ent) > 5:
            continue
        owned = owned_name(toks, ent, given) or name_after_comma(toks, ent, given)
        if owned is not None:
            spans.append(owned)
            continue
        after_dateline = dateline_name(ix, ent)
        if after_dateline is not None:
            spans.append(after_dateline)
            continue
        words = normalise(ent.text).split()
        if not words or words[-1] in ORG_WORDS or ix.registry.lookup(ent.text) is not None:
            continue
        root = ent.root
        if ent.label_ == "NORP" and (root.tag_ == "NNPS" or root.lower_.endswith("s")):
            continue  # "Veteran Republicans said": party members, however titled
        titled = (
            any(c.dep_ == "appos" and c.lemma_.lower() in TITLE_WORDS for c in children(root))
            or (root.dep_ == "appos" and root.head.lemma_.lower() in TITLE_WORDS)
            or (ent.start > 0 and toks[ent.start - 1].lower_.rstrip(".") in TITLE_WORDS | HONORIFICS)
        )
        # A bare two/three-word Title-case "organisation" with no organisation word and no
        # determiner ("Saida Ormatova-Kell was sceptical") is far more often a person.
        name_like = (
            ent.label_ == "ORG"
            and 2 <= len(words) <= 3
            and toks[ent.start].lower_ != "the"
            and all(w[:1].isupper() and not w.isupper() for w in ent.text.split())
            and not any(w in ORG_WORDS or w in {"of", "and", "&", "for"} for w in words)
            and not any(t.like_num for t in ent)
            and not country_named_body(ix, ent, given)
            and not place_name(ent, given)
        )
        # "Tamsin Okafor, a single mother who lives in the east end,": a name described by a
        # person noun is a person, whatever the NER tagged it (a rare given name is often GPE).
        described = any(
            c.dep_ == "appos" and c.pos_ == "NOUN" and _only_a_person(c.lemma_.lower())
            for c in children(root)
        )
        if ent.label_ == "GPE" and not (titled or described):
            continue  # a place, unless described as a person
        if titled or name_like or described:
            a = ent.start + (1 if toks[ent.start].lower_ == "the" else 0)
            spans.append((a, ent.end))
    for t in caps:
        # "Its spokesperson, Teodor Vasquez-Olin, said": a name in apposition to a title. After
        # any lower-case noun ("Another resident, Tomas Reel, was less patient"), a name that
        # opens with a given name is a person too, whatever the NER tagged it (often GPE).
        if t.dep_ != "appos" or t.pos_ != "PROPN" or normalise(t.text) in ORG_WORDS:
            continue
        a = t.i
        while a > 0 and toks[a - 1].pos_ == "PROPN" and toks[a - 1].head.i == t.i and a > t.i - 3:
            a -= 1
        head = t.head
        if head.lemma_.lower() in TITLE_WORDS or (
            a < t.i and head.pos_ == "NOUN" and head.is_lower and normalise(toks[a].text) in given
        ):
            spans.append((a, t.i + 1))
    for t in caps:
        # Names the NER missed entirely: a capitalised compound chain that is the subject of a
        # verb ("Aurelio Pezzamonti was less forgiving") or the possessor of a statement noun
        # ("Ama Koro's statement that ..."). The NER often tags only the surname of such a
        # name as a one-word ORG, dropping the given name: that is still a person.
        surname_only_org = (
            t.ent_type_ in ("ORG", "PRODUCT", "NORP")
            and t.ent_iob_ == "B"
            and (t.i + 1 >= len(toks) or toks[t.i + 1].ent_iob_ != "I")
        )
        if (
            (
                t.dep_ in ("nsubj", "nsubjpass")
                or (t.dep_ == "poss" and t.head.lemma_.lower() in cues.NOUN_CUES)
            )
            and t.pos_ == "PROPN"
            and (not t.ent_type_ or surname_only_org)
            and normalise(t.text) not in ORG_WORDS
        ):
            a = t.i
            while (
                a > 0
                and toks[a - 1].pos_ == "PROPN"
                and toks[a - 1].dep_ == "compound"
                and CAP_RE.match(toks[a - 1].text)
                and not toks[a - 1].ent_type_
                and toks[a - 1].lower_ not in TITLE_WORDS
                and t.i - a < 3
            ):
                a -= 1
            if acronym_word(t.text) and normalise(toks[a].text) not in given and not place_initials(ix, t):
                continue  # "the Alpine KVP said": a body's initials, no surname
            if t.i - a >= 1 and ix.registry.lookup(doc[a : t.i + 1].text) is None:
                spans.append((a, t.i + 1))
    spans.extend(given_name_spans(ix))
    spans = [extend_hyphen(ix, a, b) for a, b in spans]
    spans.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[Span] = []
    last_end = -1
    for a, b in spans:
        if a < last_end or thing_name(toks, a, b) or quoted_title(toks, a, b) or not_a_person(toks, a, b):
            # "the so-called Harlan Effect": a given name opens it, but a thing noun ends it;
            # the comedy “Hastings”: a title in quotation marks, no one's name; "Velmar Watch
            # reported" (the NER missed it or called it ORG): a body's name
            continue
        out.append(doc[a:b])
        last_end = b
    return out


_DASHES = frozenset({"-", "–", "—", "--"})


def _acronym_title_before_name(t: Token) -> bool:
    """An all-capitals title ("MPP", "MLA", "MP", "CEO") opening an ORG entity that ends in no
    organisation word: the NER's organisation is a titled person ("MPP Teo Brask"), not a
    body ("MP Materials Corp")."""
    if not (t.text.isupper() and 2 <= len(t.text) <= 4 and t.lower_ in TITLE_WORDS):
        return False
    ent = next((e for e in t.doc.ents if e.start <= t.i < e.end), None)
    return ent is not None and ent.end - t.i >= 3 and normalise(ent[-1].text) not in ORG_WORDS


def dateline_name(ix: ArticleMentions, ent: Span) -> tuple[int, int] | None:
    """The name after a dateline the NER ran into one "organisation" with it ("VELMAR - Halvard
    Ostrowe met ..." tagged ORG whole): capitals at a paragraph start, a dash, then two or three
    Title-case words with no organisation word. Else None."""
    if ent.start_char > 0 and ix.text[ent.start_char - 1] != "\n":
        line = ix.text.rfind("\n", 0, ent.start_char) + 1
        dateline = DATELINE.match(ix.text, line)
        if dateline is None or dateline.end() != ent.start_char or len(ent) not in (2, 3):
            return None
        # "ASHGROVE — Tomas Virta scored": the NER tagged the name after the dateline a place
        # on its own; a given name opening it makes it the person.
        words = normalise(ent.text).split()
        if words[0] not in given_names() or any(w in ORG_WORDS or w in FACILITY_WORDS for w in words):
            return None
        if not all(t.pos_ == "PROPN" and CAP_RE.match(t.text) and not t.text.isupper() for t in ent):
            return None
        return ent.start, ent.end
    dash = next((t.i for t in ent if t.text in _DASHES), None)
    if dash is None or dash == ent.start:
        return None
    if not all(t.text.isupper() or t.is_punct for t in ix.doc[ent.start : dash]):
        return None
    name = ix.doc[dash + 1 : ent.end]
    words = normalise(name.text).split()
    if not 2 <= len(name) <= 3 or any(w in ORG_WORDS for w in words):
        return None
    if not all(t.pos_ == "PROPN" and CAP_RE.match(t.text) and not t.text.isupper() for t in name):
        return None
    return dash + 1, ent.end


def leading_adverb(t: Token, given: dict[str, str]) -> bool:
    """A capitalised adverb that opens a sentence or a quote ("Certainly", "Frankly"), which the
    NER sometimes takes into the PERSON name after it; a given name the tagger misreads is none."""
    prev = t.nbor(-1) if t.i > 0 else None
    opens = t.is_sent_start or (prev is not None and prev.is_quote and prev.is_left_punct)
    return t.tag_ == "RB" and opens and normalise(t.text) not in given


def person_word(t: Token, given: dict[str, str]) -> bool:
    """A capitalised person noun that no one is called by ("Moderator", "Host", "Nominee"); an
    office word ("Judge") is stripped as a title in ``add_person`` already."""
    return t.lower_ in PERSON_DESC_NOUNS and normalise(t.text) not in given


def role_word_before_name(word: Token, first: Token, given: dict[str, str], rest: int) -> bool:
    """Whether ``word`` is a capitalised non-name before a given name that starts a name of
    ``rest`` >= 2 words ("Rival" before "Ann Selzer"): that name has its first name, so a word
    before it that is no given name is a role. A lone surname that is also a given name
    ("Farid") may still have lost its first name ("Hany")."""
    return rest >= 2 and normalise(first.text) in given and normalise(word.text) not in given


# What a state body named after its country is for ("Health Canada", "Statistics Canada",
# "Sport England"): the first words of such names.
_COUNTRY_BODY_WORDS = frozenset(
    {
        "agriculture",
        "defence",
        "elections",
        "employment",
        "environment",
        "finance",
        "fisheries",
        "health",
        "heritage",
        "housing",
        "immigration",
        "industry",
        "infrastructure",
        "innovation",
        "justice",
        "parks",
        "public",
        "revenue",
        "service",
        "sport",
        "statistics",
        "transport",
        "veterans",
        "visit",
    }
)


# Last words of a place's name that are no organisation word: a street, a square, a hill
# ("Capitol Hill", "Wall Street"), which the small NER model often tags ORG.
PLACE_LAST_WORDS = FACILITY_WORDS | {"boulevard", "heights", "hill", "hills", "plaza", "valley"}


def place_name(ent: Span, given: dict[str, str]) -> bool:
    """Whether the bare "ORG" ``ent`` of two or three words is a place ("a visit to Capitol
    Hill"): it ends in a street, square or hill word and opens with no given name ("Ada Park",
    "Ola Hill" are people). A place must not become a person id that takes "he" or "she"
    later in the article."""
    words = normalise(ent.text).split()
    return words[-1] in PLACE_LAST_WORDS and words[0] not in given


def country_named_body(ix: ArticleMentions, ent: Span, given: dict[str, str]) -> bool:
    """ "Health Canada", "Statistics Harwen": a subject word before a country's name is a state
    body called after the country, not a person; nobody is called "Health" ("Paul Jordan" is)."""
    if ent[0].lower_ not in _COUNTRY_BODY_WORDS or normalise(ent[0].text) in given:
        return False
    last = ix.registry.lookup(ent[-1].text, at=ix.at)
    return last is not None and last.kind == ActorKind.government and not ent[-1].lower_.endswith("s")


def registry_non_person(ix: ArticleMentions, ent: Span) -> bool:
    found = ix.registry.lookup(ent.text, at=ix.at)
    return found is not None and found.kind in NON_PERSON_KINDS


def the_named(ent: Span, given: dict[str, str], surnames: set[str]) -> bool:
    """A one-word "PERSON" that the article names with a definite article ("The Beacon had
    chided Brask", "the editors of the Meridian"): English gives a person's name no "the", but a
    newspaper's, a magazine's, a show's or a ship's it does; the small NER model takes such a
    capitalised word for a surname. Not a given name, not a plural ("the Okafors" are a family),
    and not the last word of a person the article names in full ("the Brask we knew")."""
    words = [t for t in ent if t.lower_ != "the"]
    if len(words) != 1:
        return False
    t = words[0]
    if t.tag_ == "NNPS" or normalise(t.text) in given or normalise(t.text) in surnames:
        return False
    return any(c.dep_ == "det" and c.lower_ == "the" for c in children(t))


def the_named_bodies(ents: tuple[Span, ...], given: dict[str, str]) -> set[str]:
    """Names of two or more capitalised words that the article writes under "the" somewhere
    ("the Harrow Institute said", "the Velmar Tribune"): a person's full name takes no article,
    a body's does, so every mention of that name is the body. The article must belong to the name
    ("the Ada Morn campaign" is the campaign's), and a name that opens with a given name stays a
    person ("the Tomas Velk we knew")."""
    out: set[str] = set()
    for ent in ents:
        if ent.label_ not in ("PERSON", "ORG"):
            continue  # (the NER often tags the mention under "the" ORG and a bare one PERSON)
        words = [t for t in ent if t.lower_ != "the"]
        if len(words) < 2 or normalise(words[0].text) in given:
            continue
        if not all(CAP_RE.match(t.text) for t in words):
            continue
        # right before the name: "the elderly, Pascale Dumont" puts the parser's "the" on her
        first = words[0].i
        if any(c.dep_ == "det" and c.lower_ == "the" and c.i == first - 1 for c in children(ent.root)):
            out.add(normalise(ent.text))
    return out


def org_like_person(ix: ArticleMentions, ent: Span) -> bool:
    """A "PERSON" entity that is an organisation: its last word is an organisation word
    ("Larkspur Labs", "Kelvale Water"), it is a body called after a country, or the article
    describes it with an organisation noun in apposition ("Brisca House, the publisher,")."""
    words = normalise(ent.text).split()
    if len(words) >= 2 and words[-1] in ORG_WORDS and words[0] not in given_names():
        return True
    if len(words) >= 2 and words[0] not in given_names() and acronym_last(ix, ent):
        return True  # "Alpine KVP", "Velmar Families PAC": a body's initials close the name
    if len(words) >= 2 and country_named_body(ix, ent, given_names()):
        return True  # "Statistics Harwen" tagged PERSON
    for c in children(ent.root):
        if c.dep_ == "appos" and c.pos_ == "NOUN":
            lemma = c.lemma_.lower()
            return lemma in ORG_ROLE_NOUNS and lemma not in TITLE_WORDS
    return referred_to_as_it(ent.root)


def acronym_last(ix: ArticleMentions, ent: Span) -> bool:
    """Whether a name in mixed case ends in a word of capitals ("Alpine KVP", "Harrow
    PAC"): people's names end in a surname, and a body's in its initials. A name in capitals
    throughout is a headline's or a byline's style, and a Roman numeral is a generation
    ("Tomas Velk III")."""
    if not acronym_word(ent[-1].text) or place_initials(ix, ent[-1]):
        return False
    return any(any(ch.islower() for ch in t.text) for t in ent[:-1])


def place_initials(ix: ArticleMentions, t: Token) -> bool:
    """Initials the registry knows as a country ("USA", "UK"): a body named after the country
    ("Velmar USA") is no government, and organisation lookups would take it for one."""
    found = ix.registry.lookup(t.text, at=ix.at)
    return found is not None and found.kind == ActorKind.government


def acronym_word(text: str) -> bool:
    """A word of two to five capitals that is a body's initials: no Roman numeral or
    generational suffix ("III", "JR"), and no person's office ("CEO", "VP")."""
    word = text.rstrip(".")
    if not (2 <= len(word) <= 5 and word.isalpha() and word.isupper()):
        return False
    return word.lower() not in _NOT_INITIALS and word.lower() not in TITLE_WORDS


_NOT_INITIALS = frozenset({"ii", "iii", "iv", "vi", "vii", "viii", "ix", "jr", "sr", "vp"})


_SUBJECTS = ("nsubj", "nsubjpass")


def referred_to_as_it(root: Token) -> bool:
    """Whether the sentence refers to the name headed by ``root`` as a thing, by a relative
    clause opened by "which" ("Unifor, which represents 2,000 agents, said"): people get "who".
    (An "it" in the clause a name reports is no such sign: "Ada Morn said it was a mistake".)"""
    first = next((c for c in children(root) if c.dep_ == "compound" and c.i < root.i), root)
    if normalise(first.text) in given_names():
        return False  # "Tova Lind, which …" is more likely a slip than a body named like a person
    return any(
        c.dep_ == "relcl" and any(g.lower_ == "which" and g.dep_ in _SUBJECTS for g in children(c))
        for c in children(root)
    )


def given_name_spans(ix: ArticleMentions) -> list[tuple[int, int]]:
    """A common given name followed by capitalised name words is a person, whatever the small
    NER model says ("Ilse Varga-Tamm" is often no entity at all, or an ORG). A quoted nickname
    between the given name and the surname is skipped over ("Rafael ‘Little Bull’ Quintela")."""
    toks = ix.toks
    names = given_names()
    n = len(toks)
    out: list[tuple[int, int]] = []
    for i in doccache.capitalised(ix.doc):  # CAP_RE.match(t.text)
        t = toks[i]
        if i + 1 >= n:
            continue
        # normalise() (accent folding) only for non-ASCII words: this runs on every token.
        if t.lower_ not in names and (t.text.isascii() or normalise(t.text) not in names):
            continue
        if t.ent_type_ in ("GPE", "LOC") or (
            t.ent_type_ in ("ORG", "FAC") and t.ent_iob_ != "B" and not owned_by_org(toks, i)
        ):
            continue
        if t.ent_type_ == "FAC":
            # The small model tags some hyphenated names FAC ("Tomasz Ebuka-Rinn"); a real
            # facility ends in a facility word ("Anna Lindh Bridge").
            k = t.i + 1
            while k < n and toks[k].ent_iob_ == "I":
                k += 1
            if toks[k - 1].lower_ in FACILITY_WORDS:
                continue
        b = t.i + 1
        if toks[b].text in NICK_OPEN:
            close = next((k for k in range(b + 1, min(n, b + 6)) if toks[k].text in NICK_CLOSE), None)
            if close is None or close + 1 >= n:
                continue
            b = close + 1
        nxt = toks[b]
        if not (
            CAP_RE.match(nxt.text)
            and nxt.pos_ in ("PROPN", "NOUN", "ADJ")
            and (nxt.lower_ not in TITLE_WORDS or title_surname(toks, b - 1, b))
            and normalise(nxt.text) not in ORG_WORDS
            and "\n" not in toks[b - 1].whitespace_
            and not opens_body_name(ix, b)
        ):
            continue
        e = b + 1
        while (
            e < n
            and e - b < 3
            and CAP_RE.match(toks[e].text)
            and toks[e].pos_ == "PROPN"
            and toks[e - 1].whitespace_
            and toks[e].lower_ not in TITLE_WORDS
            and normalise(toks[e].text) not in ORG_WORDS
            and not opens_body_name(ix, e)
        ):
            e += 1
        if normalise(toks[e - 1].text) in ORG_WORDS or (e < n and normalise(toks[e].text) in ORG_WORDS):
            continue  # "Ada Morn Foundation" names an organisation
        out.append((t.i, e))
    return out


def owned_by_org(toks: list[Token], i: int) -> bool:
    """Whether token ``i``, inside an ORG entity, follows that entity's possessive ending:
    "Vask News’ Oren Talby", "KTRV's Ada Morn", one entity to the small NER model, is a person
    of the organisation, whose given name starts a name like any other."""
    return i > 0 and toks[i - 1].text in POSSESSIVE and toks[i - 1].ent_type_ == "ORG"


def opens_body_name(ix: ArticleMentions, i: int) -> bool:
    """Whether token ``i`` opens a name of two or three words that the registry knows as a
    government, organisation or group ("White House", "Downing Street"): a surname before it
    is an attribute ("the Carter White House", "a potential Morn White House"), and the name
    ends before it rather than taking "White" as a second surname."""
    toks = ix.toks
    for size in (2, 3):
        j = i + size
        if j > len(toks) or not all(CAP_RE.match(t.text) for t in toks[i:j]):
            break
        found = ix.registry.lookup(ix.doc[i:j].text, at=ix.at)
        if found is not None and found.kind in NON_PERSON_KINDS:
            return True
    return False


def titled_words(caps: list[Token]) -> set[str]:
    """Capitalised words (lower-cased) that follow a person's title or honorific somewhere in
    the article ("President Brell", "Mr. Brell", "Sen. Brell")."""
    out: set[str] = set()
    for t in caps:
        if t.i == 0:
            continue
        before = t.doc[t.i - 1].lower_.rstrip(".")
        if before in HONORIFICS or before in TITLE_WORDS:
            out.add(t.lower_)
    return out


def plural_title(t: Token) -> bool:
    """Whether ``t`` is a title in the plural ("Senators", "Sens.", "Reps."), before the names of
    several people: no part of the first one's name."""
    w = t.lower_.rstrip(".")
    if not w.endswith("s") or w in TITLE_WORDS or w in HONORIFICS:
        return False  # "Mrs." is one woman's
    return w[:-1] in TITLE_WORDS or w[:-1] in HONORIFICS


def plural_title_before(toks: list[Token], a: int) -> bool:
    """Whether a plural title ends right before token ``a``, its period split off or not
    ("Reps. Ivo Marsh": the tagger may even read that period as a proper noun)."""
    if a >= 1 and plural_title(toks[a - 1]):
        return True
    return a >= 2 and toks[a - 1].text == "." and plural_title(toks[a - 2])


def registry_person(ix: ArticleMentions, word: str) -> bool:
    """Whether the registry knows ``word`` alone as a person."""
    found = ix.registry.lookup(word, at=ix.at)
    return found is not None and found.kind == ActorKind.person


def place_like(ix: ArticleMentions, ent: Span, place_words: set[str]) -> bool:
    """A one-word "PERSON" that is really a place: tagged GPE elsewhere, has a demonym in the
    text ("Veltria"/"Veltrian"), or sits after a locative preposition ("in Ambelo")."""
    norm = normalise(ent.text)
    if norm in place_words or any(
        w.startswith(norm[:-1]) and w != norm and len(norm) > 4 for w in place_words
    ):
        return True
    t = ent.root
    if t.dep_ == "pobj" and t.head.lower_ in {
        "in",
        "from",
        "to",
        "at",
        "across",
        "near",
        "into",
        "throughout",
        "around",
        "outside",
        "inside",
    }:
        return True
    return any(c.dep_ == "case" for c in children(t)) and False


def extend_hyphen(ix: ArticleMentions, a: int, b: int) -> tuple[int, int]:
    """Grow a name over hyphen joins the tokenizer split ("Varga - Tamm" -> "Varga-Tamm") and
    over the compound proper nouns it heads, up to a known body's name ("Carter White House")."""
    doc = ix.doc
    toks = ix.toks
    n = len(doc)
    grow = True
    while grow:
        grow = False
        if (
            b + 1 < n
            and toks[b].text in "-‑"
            and not toks[b - 1].whitespace_
            and not toks[b].whitespace_
            and CAP_RE.match(toks[b + 1].text)
        ):
            b += 2
            grow = True
        elif (
            b < n
            and b - a < 4
            and toks[b].pos_ == "PROPN"
            and CAP_RE.match(toks[b].text)
            and toks[b - 1].whitespace_
            and (toks[b].lower_ not in TITLE_WORDS or title_surname(toks, a, b))
            and normalise(toks[b].text) not in ORG_WORDS
            and toks[b].ent_type_ not in ("GPE", "DATE")
            and toks[b - 1].dep_ == "compound"
            and not opens_body_name(ix, b)
        ):
            b += 1
            grow = True
    changed = True
    while changed:
        changed = False
        if (
            a - 2 >= 0
            and toks[a - 1].text in "-‑"
            and not toks[a - 2].whitespace_
            and not toks[a - 1].whitespace_
            and CAP_RE.match(toks[a - 2].text)
        ):
            a -= 2
            changed = True
        elif (
            a - 1 >= 0
            and toks[a - 1].pos_ == "PROPN"
            and toks[a - 1].dep_ == "compound"
            and a - 1 >= 0
            and CAP_RE.match(toks[a - 1].text)
            and a <= toks[a - 1].head.i < b
            and toks[a - 1].lower_.rstrip(".") not in TITLE_WORDS | HONORIFICS
            and not plural_title_before(toks, a)
            and toks[a - 1].ent_type_ not in ("GPE", "NORP", "ORG")
            and not role_word_before_name(toks[a - 1], toks[a], given_names(), b - a)
            and not (b - a >= 2 and person_word(toks[a - 1], given_names()))
        ):
            a -= 1
            changed = True
    return a, b


def title_surname(toks: list[Token], a: int, b: int) -> bool:
    """Whether the capitalised title word at ``b`` is the surname of the given name alone at
    ``a`` ("Dana Judge", "Tomas Chancellor"): the given name is its compound (or left a root by the
    parser), one space apart, and no further name word follows it (in "Ana Judge Oriel Marr" the word
    would be a title before a name). Without it the name stops at the given name and "Judge
    said" becomes a role."""
    if b != a + 1 or normalise(toks[a].text) not in given_names():
        return False
    t = toks[b]
    if t.pos_ != "PROPN" or t.text.isupper() or toks[a].whitespace_ != " ":
        return False
    if toks[a].head.i != b and toks[a].dep_ != "ROOT":
        # (the parser sometimes leaves the given name a sentence of its own, the title word
        # opening the next: "Tomas | Chancellor, the mayor, met ...")
        return False
    nxt = toks[b + 1] if b + 1 < len(toks) else None
    return nxt is None or not (CAP_RE.match(nxt.text) and nxt.pos_ == "PROPN")


def _only_a_person(noun: str) -> bool:
    """A noun that describes a person and no company: an agent noun by its ending alone
    ("provider", "operator", "drugmaker") describes firms as often, so it counts only when a
    lexicon lists it as a person's ("teacher", "supporter") or it is gendered ("mother")."""
    if not is_person_noun(noun) or noun in COMPANY_NOUNS or noun.endswith("maker"):
        return False
    listed = noun in TITLE_WORDS or noun in PERSON_DESC_NOUNS or noun_gender(noun) is not None
    return listed or not noun.endswith(AGENT_SUFFIXES)
