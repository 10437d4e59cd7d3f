"""Who is mentioned where in one article: names, titles, organisations/places, role nouns, pronouns.

:class:`ArticleMentions` is built once per Doc (linear in its length) and implements the
:class:`~stancewire.nlp.types.MentionResolver` protocol for the stance module.

Rules, in order of trust:

* **Names**: PERSON entities (possessive ``’s`` stripped) are clustered within the article: a full
  name opens a cluster, a later surname or first name joins the most recent cluster that contains
  it ("Russian President Vladimir Putin" ... "Putin"). The cluster's canonical name is its longest
  form; it resolves to a registry actor by full name (or by a registry surname alias when the article
  never gives a full name), else to ``person:<slug of the full name>``.
* **Titles**: words before a name ("Kremlin spokesman Dmitry Peskov", "Veltrian President Ama Koro")
  or an apposition ("Ama Koro, the chief executive of Norwind,") record a role fact (title, scope) on
  the cluster, with the scope (country code / organisation) as affiliation.
* **Organisations and places**: ORG/GPE/FAC entities and registry alias n-grams ("the Kremlin",
  "Kyiv", "the White House", "the American side"). Places resolve to their government actor
  (``gov:<iso3>``); an unknown place "Veltria" becomes ``gov:veltria`` ("Veltria government").
* **Role nouns** ("the Russian president", "the company's chief executive", "the minister"): the
  article's own earlier role facts first, then the registry's role holder at ``published_at``.
  "the company/club/ministry" -> the most recent organisation of that sort in the article.
* **Pronouns** are resolved by :mod:`stancewire.nlp.attribution` (salience + previous speaker), which
  then records them here so ``actors_in`` sees them too.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import datetime

from spacy.tokens import Doc, Span, Token

from stancewire.nlp import doccache
from stancewire.nlp.mentions.build import build
from stancewire.nlp.mentions.lines import split_at_line_breaks
from stancewire.nlp.mentions.names import name_tokens
from stancewire.nlp.mentions.org_descriptions import best_org_before
from stancewire.nlp.mentions.org_names import full_org_for
from stancewire.nlp.mentions.role_nouns import resolve_role
from stancewire.nlp.mentions.types import Mention, PersonCluster, RoleFact
from stancewire.nlp.registry import ActorRegistry
from stancewire.schemas import ActorKind, ActorRef, MentionKind


class ArticleMentions:
    """Per-article index of resolved mentions; implements ``MentionResolver``."""

    def __init__(self, doc: Doc, registry: ActorRegistry, published_at: datetime | None = None) -> None:
        if split_at_line_breaks(doc):
            doccache.release(doc)  # the cached entity spans are the uncut ones
        self.doc = doc
        self.text = doccache.text(doc)
        self.toks: list[Token] = doccache.tokens(doc)
        self.registry = registry
        self.at = published_at
        self.mentions: list[Mention] = []
        self.by_token: dict[int, Mention] = {}
        self.clusters: list[PersonCluster] = []
        self.cluster_of_token: dict[int, PersonCluster] = {}
        self.orgs: list[Mention] = []  # organisation/government mentions in text order
        self.scope_cache: dict[str, tuple[str | None, str | None, str | None]] = {}
        self.person_places: set[int] = set()  # starts of PERSON entities judged to be places
        self.person_orgs: set[int] = set()  # starts of PERSON entities judged to be organisations
        self.cap_words: set[str] = set()  # capitalised words of the article (demonym checks)
        self.lone_persons: set[str] | None = None  # see mentions.orgs.lone_person_words
        # Descriptions an article gives its organisations ("Larkspur Labs, the company behind…",
        # "Her publisher, Brisca House,"): (char, noun lemma, mention), in text order.
        self.org_desc: list[tuple[int, str, Mention]] = []
        self.weak_orgs: set[int] = set()  # starts of org mentions from PRODUCT/WORK_OF_ART entities
        # Role facts in text order: (char, canonical title, scope key, cluster). Role nouns resolve
        # against these by position (the most recent holder before, else the next one introduced).
        self.role_facts: list[RoleFact] = []
        self.former_facts: set[int] = set()  # positions of role facts of a past office ("former")
        # Offices of abbreviated titles ("Gov. Ada Morn", "Sen. Ivo Kade"), as role facts. Kept
        # apart: AP style puts them before every passing name ("Sen. Ola Brandt (Dorvan) said"),
        # so a role noun ("the senator said") is more often the person the article is about;
        # they resolve only a role noun nothing else resolves (see speakers.abbreviated_holder).
        self.abbreviated_facts: list[RoleFact] = []
        self.starts: list[int] = []  # mention starts, parallel to ``mentions`` (set by build)
        self.acronyms: dict[str, ActorRef] = {}  # acronyms the article defines -> full-name actor
        self.quoted: list[tuple[int, int]] = []  # quote spans (set by attribution, for salience)
        # Speakers' role mentions the attribution resolved to a person ("The congressman said"),
        # (char, cluster) in text order: salience for a later description counts them as
        # mentions of that person (set by attribution; kept apart from ``mentions``, see
        # attributor.speaker_mention).
        self.spoken_roles: list[tuple[int, PersonCluster]] = []
        self.lower_words: set[str] | None = None  # words the article writes in lower case, on need
        build(self)

    def actor_at(self, start: int, end: int) -> ActorRef | None:
        best: Mention | None = None
        best_ov = 0
        i = bisect_right(self.starts, end) - 1
        # Mentions are short; scanning back a few is enough to find any that overlap.
        for k in range(i, max(-1, i - 12), -1):
            m = self.mentions[k]
            ov = min(end, m.end) - max(start, m.start)
            if ov > best_ov or (
                ov == best_ov and best is not None and ov > 0 and (m.end - m.start) < (best.end - best.start)
            ):
                best, best_ov = m, ov
        return best.actor if best is not None and best_ov > 0 else None

    def actors_in(self, start: int, end: int) -> list[tuple[int, int, ActorRef]]:
        a = bisect_left(self.starts, start)
        out = []
        for m in self.mentions[a:]:
            if m.start >= end:
                break
            if m.end <= end:
                out.append((m.start, m.end, m.actor))
        return out

    def mention_for_token(self, i: int) -> Mention | None:
        return self.by_token.get(i)

    def cluster_for_token(self, i: int) -> PersonCluster | None:
        return self.cluster_of_token.get(i)

    def cluster_by_part(self, part: str) -> PersonCluster | None:
        """The person a bare name part (normalised) refers to. Relatives share a surname ("Ruth
        Okwuosa ... her father, Samuel Okwuosa"); news style calls the person introduced first by
        the bare surname and the others by a full or first name. A first name ("Ruth") means its
        latest bearer."""
        hits = [c for c in self.clusters if part in c.tokens]
        if not hits:
            return None
        by_surname = [c for c in hits if part in name_tokens(c.key.split()[-1:])]
        if len(by_surname) > 1:
            return by_surname[0]
        return hits[-1]

    def person_mentions_before(self, char: int, window: int = 1500) -> list[Mention]:
        """Person mentions that end before ``char``, nearest first, within ``window`` chars."""
        i = bisect_left(self.starts, char)
        out = []
        for k in range(i - 1, -1, -1):
            m = self.mentions[k]
            if m.end > char:
                continue
            if char - m.end > window:
                break
            if m.actor.kind == ActorKind.person:
                out.append(m)
        return out

    def org_mentions_before(self, char: int, window: int = 3000) -> list[Mention]:
        out = []
        for m in reversed(self.orgs):
            if m.end <= char and char - m.end <= window:
                out.append(m)
        return out

    def best_org_before(
        self, char: int, noun: str | None = None, mods: list[str] | None = None
    ) -> ActorRef | None:
        """The organisation a definite description ("the company", "the ministry") refers to."""
        return best_org_before(self, char, noun, mods)

    def tok_starts(self) -> list[int]:
        return doccache.token_starts(self.doc)

    def add(self, start: int, end: int, actor: ActorRef, kind: MentionKind, head: int) -> Mention:
        """Record a resolved mention (pronouns resolved by attribution, quote-internal I/we).
        The same actor over the same span is one mention: a pronoun resolved again (it speaks
        for two quotes, or a later rule asks about it) is not recorded twice; a token head
        learnt later is kept."""
        k = bisect_left(self.starts, start)
        for old in self.mentions[k : bisect_right(self.starts, start)]:
            if old.end == end and old.actor.id == actor.id:
                if old.head < 0 <= head:  # "I" of a quote, then its speaker's "I said"
                    old.head = head
                    self.by_token.setdefault(head, old)
                return old
        m = Mention(start, end, actor, kind, head)
        self.mentions.insert(k, m)
        self.starts.insert(k, start)
        if head >= 0:
            self.by_token.setdefault(head, m)
        return m

    def add_name(self, span: Span, actor: ActorRef, cluster: PersonCluster, taken: set[int]) -> Mention:
        """Record a person-name mention over ``span`` (the words of ``cluster``'s name) while
        building; its tokens are taken."""
        m = Mention(span.start_char, span.end_char, actor, MentionKind.name, span.root.i, cluster.affiliation)
        self.mentions.append(m)
        for t in span:
            self.by_token[t.i] = m
            self.cluster_of_token[t.i] = cluster
            taken.add(t.i)
        return m

    def in_quote(self, char: int) -> bool:
        """Whether ``char`` lies inside one of the article's quotes (see ``quoted``)."""
        i = bisect_right(self.quoted, (char, len(self.text) + 1)) - 1
        return i >= 0 and self.quoted[i][0] <= char < self.quoted[i][1]

    def gender_of(self, actor_id: str) -> str | None:
        for c in self.clusters:
            if c.actor is not None and c.actor.id == actor_id:
                return c.gender
        a = self.registry.get(actor_id)
        return a.gender if a is not None else None

    def resolve_role(self, tok: Token) -> tuple[ActorRef, tuple[int, int]] | None:
        """Resolve a role noun phrase headed by ``tok`` ("the Russian president", "the company")."""
        return resolve_role(self, tok)

    def resolve_abbreviated_role(self, tok: Token) -> tuple[ActorRef, tuple[int, int]] | None:
        """Resolve a role noun ("the governor") to a person named before it with that office's
        abbreviated title ("Gov. Ada Morn"); see ``abbreviated_facts``."""
        return resolve_role(self, tok, self.abbreviated_facts)

    def full_org_for(self, char: int, words: list[str], exclude: str | None = None) -> ActorRef | None:
        """A longer organisation name of this article containing every word of a short one."""
        return full_org_for(self, char, words, exclude)
