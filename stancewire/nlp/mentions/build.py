"""Building an article's mention index: names first, then organisations and places, then role nouns."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from spacy.attrs import POS
from spacy.symbols import NOUN

from stancewire.nlp import doccache
from stancewire.nlp.doccache import children
from stancewire.nlp.mentions.acronyms import link_acronyms
from stancewire.nlp.mentions.org_names import expand_short_org_names, index_org_descriptions
from stancewire.nlp.mentions.orgs import add_org, registry_scan, titled_names
from stancewire.nlp.mentions.person_spans import person_spans
from stancewire.nlp.mentions.persons import add_person, link_given_names, resolve_person
from stancewire.nlp.mentions.surnames import add_bare_surnames
from stancewire.nlp.mentions.words import TITLE_WORDS
from stancewire.nlp.noise import DATELINE
from stancewire.schemas import MentionKind

if TYPE_CHECKING:
    from stancewire.nlp.mentions.index import ArticleMentions

_NOUN = (NOUN,)


def build(ix: ArticleMentions) -> None:
    doc = ix.doc
    toks = ix.toks
    # The state or province of a dateline ("WESTBROOK, Alta. --", "HARROW, Ont. --") is a
    # place the NER often tags ORG or PERSON: no actor for "the union" or "he" to pick up.
    taken: set[int] = dateline_state_tokens(ix)
    for span in person_spans(ix):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        add_person(ix, span, taken)
    link_given_names(ix)
    # Clusters may have grown to a longer name after their first mention: resolve now.
    for c in ix.clusters:
        c.seen.sort()
        if c.actor is None:
            c.actor = resolve_person(ix, c)
    for m in ix.mentions:
        c = ix.cluster_of_token.get(m.head)
        if c is not None and c.actor is not None:
            m.actor = c.actor
            m.affiliation = c.affiliation
    add_bare_surnames(ix, taken)
    # Organisations first so that "Kethara" + "Foreign Ministry" becomes one name.
    ents = sorted(doccache.ents(doc), key=lambda e: (e.label_ not in ("ORG", "FAC"), e.start))
    for ent in ents:
        if any(i in taken for i in range(ent.start, ent.end)):
            continue
        if ent.label_ in ("ORG", "GPE", "FAC", "NORP", "LOC", "PRODUCT"):
            add_org(ix, ent, taken)
        elif ent.label_ == "PERSON" and ent.start in ix.person_places:
            add_org(ix, ent, taken, label="GPE")
        elif ent.label_ == "PERSON" and ent.start in ix.person_orgs:
            add_org(ix, ent, taken, label="ORG")
    registry_scan(ix, taken)
    titled_names(ix, taken)
    ix.mentions.sort(key=lambda m: m.start)
    ix.starts = [m.start for m in ix.mentions]
    ix.orgs.sort(key=lambda m: m.start)
    expand_short_org_names(ix)
    link_acronyms(ix)
    index_org_descriptions(ix)
    # Role nouns ("the Russian president") are resolved lazily by resolve_role(); also index
    # the definite ones now so actors_in sees them.
    for i in doccache.where(doc, POS, _NOUN):  # the parts of speech as one array read
        t = toks[i]
        if t.lemma_.lower() in TITLE_WORDS and i not in ix.by_token:
            det = next((c for c in children(t) if c.dep_ in ("det", "poss")), None)
            if det is not None and (det.lower_ == "the" or det.dep_ == "poss"):
                res = ix.resolve_role(t)
                if res is not None:
                    actor, span = res
                    ix.add(span[0], span[1], actor, MentionKind.role, t.i)


def dateline_state_tokens(ix: ArticleMentions) -> set[int]:
    """Token indices of the state or province part of paragraph-opening datelines: after the
    place's comma, before the dash or the "(AP)"-style agency tag."""
    out: set[int] = set()
    starts = ix.tok_starts()
    text = ix.text
    for line in (0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")):
        m = DATELINE.match(text, line)
        if m is None:
            continue
        comma = text.find(",", line, m.end())
        if comma < 0:
            continue
        end = min((k for k in (text.find("(", comma, m.end()),) if k >= 0), default=m.end())
        k = bisect_left(starts, comma + 1)
        while k < len(starts) and starts[k] < end:
            if not ix.toks[k].is_punct:
                out.add(k)
            k += 1
    return out
