"""Organisation and place mentions: ORG/GPE/FAC entities grown to the whole name, and registry aliases."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from stancewire.nlp import doccache
from stancewire.nlp.mentions.headlines import body_form, headline_only, title_case_line
from stancewire.nlp.mentions.names import (
    CAP_RE,
    FIRST_WORD_RE,
    PLACE_RE,
    POSSESSIVE,
    given_names,
    has_demonym,
    located,
    org_words,
    stem_place,
)
from stancewire.nlp.mentions.types import Mention
from stancewire.nlp.mentions.words import ORG_WORDS, TITLE_WORDS, person_noun_plural
from stancewire.nlp.registry import normalise, slugify
from stancewire.schemas import ActorKind, ActorRef, MentionKind

if TYPE_CHECKING:
    from stancewire.nlp.mentions.index import ArticleMentions


def add_org(ix: ArticleMentions, ent: Span, taken: set[int], label: str | None = None) -> None:
    doc = ix.doc
    label = label or ent.label_
    start, end = ent.start, ent.end
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    if start < end and doc[start].lower_ == "the":
        start += 1
    end = before_lower_tail(doc, start, end)
    if end <= start:
        return
    if label == "NORP":
        return  # demonyms alone are not actors; they scope role nouns instead
    if end - start == 1 and label == "ORG" and person_noun_plural(doc[start].text, doc[start].lemma_):
        return  # "Farmers said", "Aides say": people (attribution makes them a group), no body
    if label in ("ORG", "FAC"):
        start, end = extend_org(ix, start, end, taken)
    if label == "ORG":
        # A title-case headline runs a name into its verbs and nouns ("Harwick Gazette Hires
        # Two Lawyers For Pier Inquiry"): the name is the part the body writes; a span of words the
        # body never uses names no body at all.
        if headline_only(doc, start, end):
            return
        start, end = body_form(doc, start, end)
    span = doc[start:end]
    parts = normalise(span.text).split()
    if not parts:
        return  # a headline cut to its punctuation
    if is_dateline(ix, span):
        return
    if (start, end) != (ent.start, ent.end):
        drop_swallowed_names(ix, span)
    # NER sometimes labels a known person's surname ORG ("Trump has continued ...").
    if (
        len(parts) <= 2
        and label in ("ORG", "GPE", "FAC", "PRODUCT", "WORK_OF_ART")
        and ix.registry.lookup(span.text) is None
    ):
        c = ix.cluster_by_part(parts[-1])
        if c is not None and c.actor is not None:
            ix.add_name(span, c.actor, c, taken)
            return
    if (
        label == "ORG"
        and len(span) == 1
        and (PLACE_RE.search(span.text) or has_demonym(normalise(span.text), ix.cap_words))
        and normalise(span.text) not in ORG_WORDS
    ):
        label = "GPE"  # "Corvenia said": the small model often calls unknown countries ORG
    actor = org_actor(ix, span.text, label, place=label in ("GPE", "LOC") and located(span))
    if actor is None:
        return
    m = Mention(span.start_char, span.end_char, actor, MentionKind.organisation, span.root.i)
    ix.mentions.append(m)
    ix.orgs.append(m)
    if label in ("PRODUCT", "WORK_OF_ART"):
        ix.weak_orgs.add(m.start)
    for t in span:
        ix.by_token[t.i] = m
        taken.add(t.i)


def before_lower_tail(doc: Doc, start: int, end: int) -> int:
    """Where a name span really ends when the NER ran it on over a spaced dash into lower-case
    words ("the Halden Policy Center - half a percentage point"): at the dash."""
    for k in range(start + 1, end - 1):
        t = doc[k]
        spaced_dash = t.text in ("-", "–", "—") and doc[k - 1].whitespace_ and t.whitespace_
        if spaced_dash and all(w.is_lower or w.is_punct or w.like_num for w in doc[k + 1 : end]):
            return k
    return end


def drop_swallowed_names(ix: ArticleMentions, span: Span) -> None:
    """The NER often splits "the Communication Workers' Guild" into an ORG and a PERSON
    ("Guild"). Once the organisation grew over that piece, the piece is no person: it would
    otherwise be the mention found at the speaker token and speak as "Guild"."""
    a, b = span.start_char, span.end_char
    gone = [m for m in ix.mentions if m.kind == MentionKind.name and a <= m.start and m.end <= b]
    if not gone:
        return
    for m in gone:
        ix.mentions.remove(m)
        for t in span:
            if ix.by_token.get(t.i) is m:
                del ix.by_token[t.i]
            c = ix.cluster_of_token.pop(t.i, None)
            if c is not None and m.start in c.seen:
                c.seen.remove(m.start)
                if not c.seen and c in ix.clusters:
                    ix.clusters.remove(c)


def two_known_actors(ix: ArticleMentions, a: int, b: int) -> bool:
    """Whether toks[a:b] and the capitalised words after the "and" at ``b`` are two actors the
    registry knows ("Harwen and Corvenia"): a pair of them, not one organisation's name."""
    toks = ix.toks
    if toks[b].lower_ not in ("and", "&"):
        return False
    e = b + 1
    while e < len(toks) and toks[e].pos_ == "PROPN" and CAP_RE.match(toks[e].text) and e - b < 5:
        e += 1
    left = ix.doc[a:b].text
    right = ix.doc[b + 1 : e].text
    return ix.registry.lookup(left) is not None and ix.registry.lookup(right) is not None


def extend_org(ix: ArticleMentions, a: int, b: int, taken: set[int]) -> tuple[int, int]:
    """Grow an organisation name the NER cut short: a place word before it ("Dalmera" +
    "Central Electoral Commission"), "of"/"for"/"and" + capitalised words after it ("Chamber" +
    "of Commerce"), hyphen joins and inner possessives ("Workers' Guild")."""
    toks = ix.toks
    n = len(toks)
    while (
        a > 0
        and a - 1 not in taken
        and CAP_RE.match(toks[a - 1].text)
        and toks[a - 1].pos_ in ("PROPN", "ADJ")
        and toks[a - 1].whitespace_
        and not toks[a - 1].is_sent_start
        and "\n" not in toks[a - 1].text
        and toks[a - 1].lower_ not in TITLE_WORDS
    ):
        a -= 1
    grow = True
    while grow:
        grow = False
        if (
            b + 1 < n
            and toks[b].lower_ in ("of", "for", "and", "&")
            and CAP_RE.match(toks[b + 1].text)
            and toks[b + 1].pos_ == "PROPN"
            and not two_known_actors(ix, a, b)
        ):
            b += 2
            while b < n and toks[b].pos_ == "PROPN" and CAP_RE.match(toks[b].text) and b - a < 9:
                b += 1
            grow = True
        elif (
            b + 1 < n
            and toks[b].text in ("'", "’", "-", "‑")
            and CAP_RE.match(toks[b + 1].text)
            and (
                toks[b - 1].text.endswith("s")
                if toks[b].text in ("'", "’")
                else not toks[b - 1].whitespace_ and not toks[b].whitespace_
            )
        ):
            b += 2
            grow = True
    return a, b


def is_dateline(ix: ArticleMentions, span: Span) -> bool:
    """An all-capitals place at a paragraph start ("ISPARRE CITY —", "MARROWGATE, March 3")."""
    surface = span.text
    if not (surface.isupper() and len(surface) > 3):
        return False
    before = ix.text[max(0, span.start_char - 2) : span.start_char]
    return span.start_char == 0 or "\n" in before


def prefixes_several_orgs(ix: ArticleMentions, word: str) -> bool:
    names = {a.id for a in (m.actor for m in ix.orgs) if org_words(a.name)[:1] == [word]}
    return len(names) >= 2


def person_surname(ix: ArticleMentions, word: str) -> bool:
    """Whether ``word`` is the surname of a person the article names in full ("Tovan Brell"):
    a lone "Brell" the NER tagged ORG in an article with a "Brell Institute" is still likelier
    the man than a short form of the body named after him."""
    c = ix.cluster_by_part(word)
    return c is not None and c.actor is not None and c.key.split()[-1:] == [word]


def lone_person_words(ix: ArticleMentions) -> set[str]:
    """One-word PERSON entities of the article that person_spans kept as people (not the
    invented places and organisations the NER also tags PERSON). Read once per article, when
    the first organisation is named: person_spans has sorted the entities by then."""
    if ix.lone_persons is None:
        not_people = ix.person_places | ix.person_orgs
        ix.lone_persons = {
            normalise(e.text)
            for e in doccache.ents(ix.doc)
            if e.label_ == "PERSON" and len(e) == 1 and e.start not in not_people
        }
    return ix.lone_persons


def org_actor(ix: ArticleMentions, text: str, label: str, place: bool = False) -> ActorRef | None:
    """The actor an organisation or place name stands for. ``place``: the name is a place in
    a locative phrase ("a plant in Halden"), no short form of a longer organisation's name
    ("Halden Research") the article named before."""
    if text.isupper() and len(text) > 5 and " " in text:
        return None  # a dateline ("ISPARRE CITY"), not an actor
    # A short form of an organisation named earlier ("the Bank" after "the Bank of Veltria").
    words = set() if place else set(normalise(text).split())
    if label in ("GPE", "LOC") and len(words) == 1 and prefixes_several_orgs(ix, next(iter(words))):
        # "employers in Isparre" in an article citing the "Isparre exchange" and the "Isparre
        # Data Protection Authority": a word that opens several institutions' names is
        # their place, not a short form of one of them.
        words = set()
    only = next(iter(words)) if len(words) == 1 else None
    if only is not None and (only in lone_person_words(ix) or person_surname(ix, only)):
        # "Trump" in an article that also has a "Trump Train": the NER calls the lone word a
        # person elsewhere (or the article names a person by it), so it is no short form of
        # the organisation.
        words = set()
    for m in reversed(ix.orgs):
        longer = set(normalise(m.actor.name).split())
        if (
            words
            and words < longer
            and m.actor.kind != ActorKind.government
            and not _channel_only(longer - words)
        ):
            return m.actor
    a = ix.registry.lookup(text, at=ix.at)
    if a is not None and a.kind != ActorKind.person:
        return a.ref()
    if a is not None and a.kind == ActorKind.person:
        return None
    name = text.strip()
    if label == "GPE":
        return ActorRef(
            id=f"gov:{slugify(stem_place(normalise(name)))}",
            name=f"Government of {name}",
            kind=ActorKind.government,
        )
    if label in ("ORG", "FAC"):
        return ActorRef(id=f"org:{slugify(name)}", name=name, kind=ActorKind.organisation)
    return None


def _channel_only(extra: set[str]) -> bool:
    """Whether the words a longer name adds are only a channel number: "Velk News 6" is a
    station, so "Velk News" is the network named as written, not a short form of the station."""
    return all(w.isdigit() for w in extra)


def registry_scan(ix: ArticleMentions, taken: set[int]) -> None:
    """Registry aliases the NER missed: "the Kremlin", "Kyiv", "the American side"; and
    capitalised names ending in an organisation word ("Dalmera Central Electoral Commission")."""
    doc = ix.doc
    toks = ix.toks
    n = len(doc)
    # Maximal runs of capitalised proper-noun tokens; an alias must cover a whole run so that
    # "Commission" inside "Dalmera Central Electoral Commission" is not the European Commission.
    run_end: dict[int, int] = {}
    # Only capitalised tokens can start or continue a run (or an alias, below): read those.
    caps = doccache.capitalised(doc)
    propn = {i for i in caps if toks[i].pos_ == "PROPN"}
    i = 0
    while i < n:
        if i in propn:
            j = i
            while j + 1 in propn:
                j += 1
            for k in range(i, j + 1):
                run_end[k] = j + 1
            if (
                j > i
                and normalise(toks[j].text) in ORG_WORDS
                and not any(k in taken for k in range(i, j + 1))
            ):
                span = doc[i : j + 1]
                actor = org_actor(ix, span.text, "ORG")
                if actor is not None:
                    m = Mention(span.start_char, span.end_char, actor, MentionKind.organisation, j)
                    ix.mentions.append(m)
                    ix.orgs.append(m)
                    for k in range(i, j + 1):
                        ix.by_token[k] = m
                        taken.add(k)
            i = j + 1
        else:
            i += 1
    first_words = ix.registry.alias_first_words()
    for i in caps:  # CAP_RE.match(t.text); a matched alias's tokens join ``taken``
        t = toks[i]
        if i in taken or (t.is_sent_start and t.pos_ not in ("PROPN",)):
            continue
        fw = FIRST_WORD_RE.match(normalise(t.text))
        if fw is None or fw.group(0) not in first_words:
            continue  # no alias starts with this word: skip the n-gram lookups
        if (i > 0 and toks[i - 1].text in "-‑" and not toks[i - 1].whitespace_) or (
            i + 1 < n and toks[i + 1].text in "-‑" and not t.whitespace_
        ):
            continue  # a piece of a hyphenated word ("Karimova-Dane") is not an alias mention
        for size in (4, 3, 2, 1):
            if i + size > n or any((i + k) in taken for k in range(size)):
                continue
            span = doc[i : i + size]
            if span[-1].is_punct:
                continue
            if (i + size - 1) in run_end and run_end[i + size - 1] > i + size:
                continue  # the capitalised name goes on: not this alias
            surface = span.text
            if size == 1 and len(surface) <= 3 and not surface.isupper():
                continue
            if not any(x.pos_ == "PROPN" for x in span) and not (size == 2 and span[-1].lower_ == "side"):
                continue
            a = ix.registry.lookup(surface, at=ix.at)
            if a is None or a.kind == ActorKind.person:
                continue
            if a.priority == 0 and size == 1 and a.kind == ActorKind.organisation:
                continue  # single-word Phoenix organisation aliases are too noisy
            m = Mention(span.start_char, span.end_char, a.ref(), MentionKind.organisation, span.root.i)
            ix.mentions.append(m)
            ix.orgs.append(m)
            for k in range(size):
                ix.by_token[i + k] = m
                taken.add(i + k)
            break


def titled_names(ix: ArticleMentions, taken: set[int]) -> None:
    """Names the NER missed that the article writes with a capitalised "The" inside a sentence
    ("the editors of The Beacon", "a column in The Lantern"): news capitalises that article only
    in the title of a newspaper, magazine, show or book, never before a person's name. Every
    bare mention of that word after "the" is then the body too ("The Beacon had chided ...",
    at a sentence's start), so that "the newspaper" later has a body to refer to. A headline
    line capitalises every "The" and proves nothing; a title or honorific ("The President") or
    a given name ("The Donald") is no outlet."""
    doc = ix.doc
    text = doccache.text(doc)
    titled: set[str] = set()
    for t in ix.toks:
        if t.pos_ != "PROPN" or t.ent_type_ or t.i in taken or not CAP_RE.match(t.text):
            continue
        det = next((c for c in doccache.children(t) if c.dep_ == "det"), None)
        if det is None or det.text != "The" or det.i != t.i - 1 or det.is_sent_start:
            continue
        if title_case_line(text, det.idx, t.idx + len(t.text)):
            continue
        titled.add(t.text)
    given = given_names()
    titled = {w for w in titled if w.lower() not in TITLE_WORDS and w.lower() not in given}
    if not titled:
        return
    for t in ix.toks:
        if t.text not in titled or t.ent_type_ or t.i in taken or t.i == 0:
            continue
        if ix.toks[t.i - 1].lower_ != "the":
            continue
        if title_case_line(text, t.idx, t.idx + len(t.text)):
            continue
        add_org(ix, doc[t.i : t.i + 1], taken, label="ORG")
