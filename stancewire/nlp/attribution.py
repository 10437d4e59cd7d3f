"""Speaker resolution: turn a quote candidate's speaker token/span into a canonical ``Speaker``.

Quotes are attributed in text order so the previous speaker is known:

* a token inside a name mention -> that person (``mention_kind=name``), with the affiliation the
  article gave ("Kremlin spokesman Dmitry Peskov" -> affiliation "Kremlin");
* an organisation or place ("the Kremlin", "Kyiv") -> its actor (``organisation``);
* a role noun ("the US president", "the company", "the American side") -> the article's earlier
  mention or the registry role holder at ``published_at`` (``role``); unresolved role nouns and
  plural groups ("officials", "analysts") become ``group:``/``unknown:`` speakers named by the phrase;
* a pronoun -> salience: the previous speaker if compatible (gender, number) and recent, else the
  nearest preceding compatible subject (``pronoun``); "I"/"we" inside quotes -> the quote's speaker;
* split quotes take the previous quote's speaker; floating quotes the last speaker within two
  paragraphs (``floating``).

Ids of unknown actors: ``person:<slug>`` for names, ``group:<slug>`` for groups ("officials"),
``unknown:<slug>`` for a role noun that could not be resolved ("the minister").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from stancewire.nlp.mentions import ArticleMentions, Mention, PersonCluster
from stancewire.nlp.mentions.names import PLACE_RE, org_words
from stancewire.nlp.mentions.words import COLLECTIVE_PERSON_NOUNS, GROUP_NOUNS, ORG_ROLE_NOUNS, TITLE_WORDS
from stancewire.nlp.quotes import QuoteCandidate
from stancewire.nlp.registry import normalise, person_id, slugify
from stancewire.schemas import ActorKind, ActorRef, MentionKind, Speaker

_HE = frozenset({"he", "him", "his"})
_SHE = frozenset({"she", "her", "hers"})
_THEY = frozenset({"they", "them", "their"})
_IT = frozenset({"it", "its"})
_FIRST = frozenset({"i", "me", "my", "we", "us", "our"})
# Sentence-initial capitals count ("We will ...", "Our members ..."); all-caps "US" is the country.
_PRONOUN_RE = re.compile(
    r"\b(I|[Mm]e|[Mm]y|mine|[Mm]yself|[Ww]e|[Uu]s|[Oo]ur|[Oo]urs|[Oo]urselves)\b"
)
# A dateline opens a paragraph: capitalised place words (optionally "(Reuters)"), then a comma or dash.
_DATELINE_RE = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{2,}(?:\([A-Za-z ]+\))?\s*(?:,|[-–—])")
# Live-blog entry headings ("10:25 — Weather outlook", "12:15 GMT: Arrest") are labels, not text.
# The date part of a dateline ("ISPARRE CITY, Nov 10 —"), which the parser also makes an
# apposition of the place: never the speaker.
_JOINERS = frozenset(["-", "‑", "–"])
_MONTH_RE = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\.?$|^(?:january|february|march|april"
    r"|june|july|august|september|october|november|december)$",
    re.IGNORECASE,
)
_TIMESTAMP_LINE_RE = re.compile(
    r"\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.|GMT|BST|CET|UTC|ET))?\s*[-–—:|]"
)
# Texts whose possessor is their author ("the family's statement", "the union's letter").
_ISSUED_TEXTS = frozenset(
    ["statement", "letter", "report", "memo", "ruling", "judgment", "judgement", "release", "filing", "post"]
)
_SPEAKER_WINDOW = 1200  # chars: how far back a pronoun may reach for the previous speaker
_FLOAT_WINDOW = 1500


# Plural nouns for people that are not in GROUP_NOUNS: agent suffixes ("volunteers",
# "protesters", "fishermen", "economists") minus common non-human words with the same endings.
_PERSON_SUFFIXES = ("er", "or", "ist", "ian", "eer", "ee", "man", "woman", "person", "folk", "people")
_NOT_PEOPLE = frozenset(
    [
        "number", "paper", "order", "matter", "water", "letter", "offer", "center", "centre", "computer",
        "container", "counter", "error", "factor", "sector", "motor", "floor", "door", "indicator",
        "monitor", "meter", "filter", "layer", "corridor", "tractor", "reactor", "border", "cluster",
        "chapter", "quarter", "barrier", "power", "tower", "flower", "river", "corner", "winter",
        "summer", "voucher", "banner", "poster", "trailer", "register", "folder", "tanker", "server",
        "timer", "shower", "fee", "committee", "guarantee", "tree", "degree", "color", "colour",
        "favour", "favor", "labour", "labor", "rumor", "rumour", "figure", "shelter", "headquarter",
        "semester", "character", "disaster", "theatre", "theater", "liter", "litre", "kilometer",
        "kilometre", "parameter", "weather", "cancer", "finger", "charter",
    ]
)


def _human_plural(t: Token) -> bool:
    """A plural noun naming people ("officials", "union leaders", "volunteers", "fishermen")."""
    if t.pos_ != "NOUN":
        return False
    lower, lemma = t.lower_, t.lemma_.lower()
    if lower in GROUP_NOUNS:
        return True
    if t.tag_ != "NNS":
        return False
    if lemma in TITLE_WORDS or f"{lemma}s" in GROUP_NOUNS:
        return True
    if lemma in _NOT_PEOPLE:
        return False
    return lemma.endswith(_PERSON_SUFFIXES) or lower.endswith(("men", "people"))


@dataclass(slots=True)
class _Last:
    speaker: Speaker
    end: int  # char offset where that quote ended


class Attributor:
    """Resolves the speakers of one article's quote candidates (call :meth:`run` once per Doc)."""

    def __init__(self, doc: Doc, mentions: ArticleMentions) -> None:
        self.doc = doc
        # Doc.text re-joins every token on each access: read it once.
        self.text = mentions.text
        self.m = mentions
        self.last: _Last | None = None
        self.last_by_kind: dict[str, _Last] = {}
        self._starts: list[int] | None = None  # token start offsets, built on first need
        self._quote_spans: list[tuple[int, int]] | None = None  # quote-marked spans, on first need

    def run(self, candidates: list[QuoteCandidate]) -> list[tuple[QuoteCandidate, Speaker | None]]:
        out: list[tuple[QuoteCandidate, Speaker | None]] = []
        prev: Speaker | None = None
        for q in candidates:
            sp: Speaker | None = None
            if q.inherit == "previous":
                sp = prev
            elif q.inherit == "context":
                s = self._floating_speaker(q, candidates)
                if s is not None:
                    sp = s.model_copy(
                        update={
                            "mention": None,
                            "mention_start": None,
                            "mention_end": None,
                            "mention_kind": MentionKind.floating,
                        }
                    )
            elif q.speaker_token is not None:
                tok = self._usable_speaker_token(self.doc[q.speaker_token], q)
                sp = self.from_token(tok, q) if tok is not None else None
            elif q.speaker_span is not None:
                sp = self.from_span(*q.speaker_span)
            if sp is not None:
                self.last = _Last(sp, q.end)
                if sp.kind == ActorKind.person:
                    self.last_by_kind["person"] = self.last
                else:
                    self.last_by_kind["collective"] = self.last
            prev = sp if sp is not None else prev
            out.append((q, sp))
            if sp is not None and q.type in ("direct", "floating", "mixed"):
                self._first_person_in_quote(q, sp)
        return out

    def _floating_speaker(self, q: QuoteCandidate, candidates: list[QuoteCandidate]) -> Speaker | None:
        """A quote paragraph without a cue belongs to the previous speaker only if nobody else was
        brought in since: a person named after the last quote, in this paragraph's lead-in
        ("Asked about it, Morn smiled. "…"") or in the previous paragraph ("Her colleague Ana Ruiz
        was less sure."), is the likely speaker. Nearest first; subjects before other mentions
        of the previous paragraph."""
        text = self.text
        para = text.rfind("\n\n", 0, q.start) + 2 if text.rfind("\n\n", 0, q.start) >= 0 else 0
        prev = text.rfind("\n\n", 0, max(0, para - 2))
        prev = prev + 2 if prev >= 0 else 0
        lo = max(prev, self.last.end if self.last is not None else 0)
        if self._quote_spans is None:
            self._quote_spans = sorted((c.start, c.end) for c in candidates if c.type != "indirect")
        spans = self._quote_spans
        here: Mention | None = None
        subj: Mention | None = None
        other: Mention | None = None
        for m in self.m.person_mentions_before(q.start, window=q.start - lo):
            if m.start < lo:
                break
            k = bisect_right(spans, (m.start, 1 << 30)) - 1
            if k >= 0 and spans[k][0] <= m.start < spans[k][1]:
                continue  # a name inside someone's quote is not a new speaker
            if m.start >= para:
                here = here or m
            elif self.doc[m.head].dep_ in ("nsubj", "nsubjpass"):
                subj = subj or m
            else:
                other = other or m
        if here is None and para > lo:
            # The lead-in's subject may be a surname the NER missed ("Osei-Barnes, watching from
            # the desk, laughs."): the lead-in is short, so look at its tokens.
            tok = self._token_at(para)
            while tok is not None and tok.idx < q.start and here is None:
                if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "PROPN":
                    c = self.m.cluster_by_part(normalise(tok.text))
                    if c is not None and c.actor is not None:
                        return self._person_speaker(c, tok.idx, tok.idx + len(tok.text))
                tok = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
        pick = here or subj or other
        if pick is not None:
            c = self.m.cluster_for_token(pick.head)
            if c is not None and c.actor is not None:
                return self._person_speaker(c, pick.start, pick.end)
            return Speaker(id=pick.actor.id, name=pick.actor.name, kind=pick.actor.kind,
                           mention=text[pick.start : pick.end], mention_start=pick.start,
                           mention_end=pick.end, mention_kind=pick.kind, affiliation=pick.affiliation)
        if self.last is not None and q.start - self.last.end <= _FLOAT_WINDOW:
            return self.last.speaker
        return None

    def _role_fallback(self, tok: Token) -> Speaker | None:
        """ "Pezzamonti was less happy. The Athletic manager complained…": a definite singular role
        noun the article never tied to a name is elegant variation for the person just talked
        about: the named subject of the previous sentence, else the last person quoted, provided
        the article gave them no other role."""
        det = next((c for c in tok.children if c.dep_ in ("det", "poss")), None)
        if det is None or (det.dep_ == "det" and det.lower_ != "the") or tok.tag_ != "NN":
            return None
        sent = tok.sent
        cands: list[PersonCluster] = []
        if sent.start > 0:
            prev_sent = self.doc[sent.start - 1].sent
            if sent.start_char - prev_sent.end_char < 4:  # same or adjacent paragraph
                for t in prev_sent:
                    if t.dep_ in ("nsubj", "nsubjpass"):
                        c = self.m.cluster_for_token(t.i)
                        if c is not None:
                            cands.append(c)
        last = self.last_by_kind.get("person")
        if last is not None and tok.idx - last.end <= _SPEAKER_WINDOW:
            for c in self.m.clusters:
                if c.actor is not None and c.actor.id == last.speaker.id:
                    cands.append(c)
        for c in cands:
            if c.actor is not None and not c.roles:
                a, b = self._np_bounds(tok)
                return Speaker(id=c.actor.id, name=c.actor.name, kind=ActorKind.person,
                               mention=self.text[a:b], mention_start=a, mention_end=b,
                               mention_kind=MentionKind.role, affiliation=c.affiliation)
        return None

    def _np_bounds(self, tok: Token) -> tuple[int, int]:
        left = tok.left_edge
        return left.idx, tok.idx + len(tok.text)

    # ------------------------------------------------------------------ token -> speaker

    def _line_bounds(self, char: int) -> tuple[int, int]:
        a = self.text.rfind("\n", 0, char) + 1
        b = self.text.find("\n", char)
        return a, (len(self.text) if b < 0 else b)

    def _is_dateline(self, tok: Token) -> bool:
        """An all-capitals place opening a paragraph ("MARROWGATE, Sept 3 -", "ISPARRE CITY
        (Reuters) -") is a dateline; the parser often makes it the subject of the first verb."""
        if not tok.text.isupper() or not any(c.isalpha() for c in tok.text):
            return False
        a, _ = self._line_bounds(tok.idx)
        return _DATELINE_RE.match(self.text, a) is not None and tok.idx < a + 40

    def _usable_speaker_token(self, tok: Token, q: QuoteCandidate) -> Token | None:
        """Reject speaker tokens the parser joined to the cue across a line break (a live-blog
        heading merged into the next paragraph) or from a dateline; fall back to the cue's own
        subject on the cue's line, or to the name in apposition to the dateline."""
        if q.cue_start is None:
            return tok
        la, lb = self._line_bounds(q.cue_start)
        ok_line = la <= tok.idx < lb
        if ok_line and not self._is_dateline(tok) and not _TIMESTAMP_LINE_RE.match(self.text, la):
            return tok
        if ok_line and self._is_dateline(tok):
            # "MARROWGATE, Sept 3 - Kestavo Telecom said": the real subject hangs off the dateline
            # as an apposition after the dash.
            for c in tok.subtree:
                if (
                    c.dep_ == "appos"
                    and c.i > tok.i
                    and not c.text.isupper()
                    and c.pos_ in ("PROPN", "NOUN")
                    and not _MONTH_RE.match(c.text)
                ):
                    return c
            return None
        # Different line: the cue's subject if it is on the cue's line.
        cue = self._token_at(q.cue_start)
        if cue is None:
            return None
        for c in cue.children:
            if c.dep_ in ("nsubj", "nsubjpass") and la <= c.idx < lb:
                return c
        # The parse hung the subject on the heading: take the outermost noun phrase head between
        # the line start and the cue.
        i = cue.i - 1
        while i >= 0 and self.m.toks[i].idx >= la:
            i -= 1
        lo = i + 1
        for t in self.m.toks[lo : cue.i]:
            if t.pos_ in ("NOUN", "PROPN", "PRON") and not (lo <= t.head.i < cue.i):
                return t
        return None

    def _token_at(self, char: int) -> Token | None:
        if self._starts is None:
            self._starts = [t.idx for t in self.m.toks]
        i = bisect_right(self._starts, char) - 1
        return self.m.toks[i] if i >= 0 else None

    def from_token(self, tok: Token, q: QuoteCandidate) -> Speaker | None:
        if tok.lemma_.lower() in _ISSUED_TEXTS:
            # "the family's statement said", "the ministry's report found": a written text speaks
            # for its issuer.
            poss = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")), None)
            if poss is not None:
                tok = poss
        # A subject with an apposition naming a person: "the spokesman, Dmitry Peskov, said".
        for c in tok.children:
            if c.dep_ == "appos" and self.m.cluster_for_token(c.i) is not None:
                tok = c
                break
        else:
            if tok.pos_ == "NOUN" and self.m.mention_for_token(tok.i) is None:
                # "Her publisher, Brisca House, said" / "The auditors, Halvard & Quist, said": a
                # description with a named organisation in apposition (the parser sometimes makes
                # a comma-separated name a conjunct) speaks as that organisation.
                has_cc = any(c.dep_ == "cc" for c in tok.children)
                for c in tok.children:
                    if c.i <= tok.i or not (c.dep_ == "appos" or (c.dep_ == "conj" and not has_cc)):
                        continue
                    if c.dep_ == "conj" and self.doc[c.left_edge.i - 1].text != ",":
                        continue
                    hit = self.m.mention_for_token(c.i)
                    if hit is not None and hit.kind == MentionKind.organisation:
                        tok = c
                        break
        lower = tok.lower_
        if tok.pos_ == "PRON" or lower in _HE | _SHE | _THEY | _IT | _FIRST:
            return self._pronoun(tok, q)
        cluster = self.m.cluster_for_token(tok.i)
        mention = self.m.mention_for_token(tok.i)
        if cluster is not None and cluster.actor is not None:
            return self._person_speaker(
                cluster,
                mention.start if mention else tok.idx,
                mention.end if mention else tok.idx + len(tok.text),
            )
        if mention is not None:
            return Speaker(
                id=mention.actor.id,
                name=mention.actor.name,
                kind=mention.actor.kind,
                mention=self.text[mention.start : mention.end],
                mention_start=mention.start,
                mention_end=mention.end,
                mention_kind=mention.kind,
                affiliation=mention.affiliation,
            )
        lemma = tok.lemma_.lower()
        if lemma in TITLE_WORDS or lemma in ORG_ROLE_NOUNS or lemma == "side":
            res = self.m.resolve_role(tok)
            if res is not None:
                actor, (a, b) = res
                aff = None
                return Speaker(
                    id=actor.id,
                    name=actor.name,
                    kind=actor.kind,
                    mention=self.text[a:b],
                    mention_start=a,
                    mention_end=b,
                    mention_kind=MentionKind.role,
                    affiliation=aff,
                )
        if lemma in TITLE_WORDS and tok.pos_ == "NOUN":
            fb = self._role_fallback(tok)
            if fb is not None:
                return fb
        # Groups and unresolved role nouns: named by their phrase ("US officials", "the minister").
        if tok.pos_ in ("NOUN", "PROPN"):
            left = tok.left_edge.i
            # Never reach back across a line break (live-blog headings run into the next line).
            for k in range(tok.i - 1, left - 1, -1):
                t = self.doc[k]
                if t.text in _JOINERS and not t.whitespace_ and k > 0 and not self.doc[k - 1].whitespace_:
                    continue  # "Peregrine-Oake": a hyphen inside a name does not end the phrase
                if "\n" in t.text or t.is_punct:
                    left = k + 1
                    break
            while left < tok.i and self.doc[left].pos_ in ("DET",):
                left += 1
            a, b = self.doc[left].idx, tok.idx + len(tok.text)
            phrase = self.text[a:b]
            if tok.pos_ == "PROPN" and left == tok.i and PLACE_RE.search(tok.text):
                # "Kethara said": an unknown country speaking is its government.
                gid = f"gov:{slugify(tok.text)}"
                return Speaker(id=gid, name=f"Government of {tok.text}", kind=ActorKind.government,
                               mention=phrase, mention_start=a, mention_end=b,
                               mention_kind=MentionKind.organisation)
            if tok.pos_ == "PROPN":
                # A name the NER missed: join a cluster by surname, else an unknown person.
                c = self.m.cluster_by_part(normalise(tok.text))
                if c is not None and c.actor is not None:
                    return self._person_speaker(c, a, b)
                # Else a short form of an organisation the article named in full ("Peregrine-Oake,
                # the lender, says" after "Peregrine-Oake Bank") that the NER tagged NORP/missed.
                org = self.m.full_org_for(a, org_words(phrase))
                if org is not None and org.kind == ActorKind.organisation:
                    return Speaker(id=org.id, name=org.name, kind=org.kind, mention=phrase,
                                   mention_start=a, mention_end=b,
                                   mention_kind=MentionKind.organisation)
                reg = self.m.registry.lookup(phrase, at=self.m.at, surname=True)
                if reg is not None and reg.priority > 0:
                    return Speaker(
                        id=reg.id,
                        name=reg.name,
                        kind=reg.kind,
                        mention=phrase,
                        mention_start=a,
                        mention_end=b,
                        mention_kind=MentionKind.name
                        if reg.kind == ActorKind.person
                        else MentionKind.organisation,
                        affiliation=reg.affiliation,
                    )
                name = phrase
                return Speaker(
                    id=person_id(name),
                    name=name,
                    kind=ActorKind.person,
                    mention=phrase,
                    mention_start=a,
                    mention_end=b,
                    mention_kind=MentionKind.name,
                )
            if (
                lemma in GROUP_NOUNS
                or tok.tag_ == "NNS"
                or lower in GROUP_NOUNS
                or lemma in COLLECTIVE_PERSON_NOUNS
            ):
                return Speaker(
                    id=f"group:{slugify(phrase)}",
                    name=phrase,
                    kind=ActorKind.group,
                    mention=phrase,
                    mention_start=a,
                    mention_end=b,
                    mention_kind=MentionKind.role,
                )
            # Unresolved role nouns and descriptions ("the minister", "the weather service"). The
            # mention keeps its determiner; the name does not.
            det = tok.left_edge
            ma = det.idx if det.i < tok.i and det.pos_ == "DET" else a
            kind = ActorKind.organisation if lemma in ORG_ROLE_NOUNS else ActorKind.unknown
            return Speaker(
                id=f"unknown:{slugify(phrase)}",
                name=phrase,
                kind=kind,
                mention=self.text[ma:b],
                mention_start=ma,
                mention_end=b,
                mention_kind=MentionKind.organisation if kind == ActorKind.organisation else MentionKind.role,
            )
        return None

    def from_span(self, a: int, b: int) -> Speaker | None:
        """Colon/dash attributions: a name given as text."""
        actor = self.m.actor_at(a, b)
        text = self.text[a:b]
        if actor is not None:
            for c in self.m.clusters:
                if c.actor is not None and c.actor.id == actor.id:
                    return self._person_speaker(c, a, b)
            return Speaker(
                id=actor.id,
                name=actor.name,
                kind=actor.kind,
                mention=text,
                mention_start=a,
                mention_end=b,
                mention_kind=MentionKind.organisation if actor.kind != ActorKind.person else MentionKind.name,
            )
        parts = normalise(text).split()
        c = self.m.cluster_by_part(parts[-1]) if parts else None
        if c is not None and c.actor is not None:
            return self._person_speaker(c, a, b)
        reg = self.m.registry.lookup(text, at=self.m.at, surname=True)
        if reg is not None and reg.priority > 0:
            return Speaker(
                id=reg.id,
                name=reg.name,
                kind=reg.kind,
                mention=text,
                mention_start=a,
                mention_end=b,
                mention_kind=MentionKind.name,
                affiliation=reg.affiliation,
            )
        return Speaker(
            id=person_id(text),
            name=text,
            kind=ActorKind.person,
            mention=text,
            mention_start=a,
            mention_end=b,
            mention_kind=MentionKind.name,
        )

    def _person_speaker(self, c: PersonCluster, a: int, b: int) -> Speaker:
        assert c.actor is not None
        return Speaker(
            id=c.actor.id,
            name=c.actor.name,
            kind=ActorKind.person,
            mention=self.text[a:b],
            mention_start=a,
            mention_end=b,
            mention_kind=MentionKind.name,
            affiliation=c.affiliation,
        )

    # ------------------------------------------------------------------ pronouns

    def _pronoun(self, tok: Token, q: QuoteCandidate) -> Speaker | None:
        lower = tok.lower_
        a, b = tok.idx, tok.idx + len(tok.text)
        actor: ActorRef | None = None
        affiliation = None
        if lower in _HE | _SHE:
            want = "m" if lower in _HE else "f"
            last = self.last_by_kind.get("person")
            if (
                last is not None
                and tok.idx - last.end <= _SPEAKER_WINDOW
                and self._gender_ok(last.speaker.id, want)
                and last.speaker.id
            ):
                actor = ActorRef(id=last.speaker.id, name=last.speaker.name, kind=ActorKind.person)
                affiliation = last.speaker.affiliation
            # A nearer person who is the subject of the previous sentence wins over an older speaker.
            cand = self._nearest_person(tok, want)
            if cand is not None and (actor is None or (cand[1] > (last.end if last else -1) and cand[2])):
                actor, affiliation = cand[0], cand[3]
            if actor is None:
                # Nothing recent: the article's only person of that gender named so far, if unique.
                same = [
                    c
                    for c in self.m.clusters
                    if c.gender == want and c.actor is not None and c.first_seen < tok.idx
                ]
                if len(same) == 1:
                    actor, affiliation = same[0].actor, same[0].affiliation
        elif lower in _THEY | _IT:
            last = self.last_by_kind.get("collective")
            fresh = self._previous_subject_org(tok)
            group = self._previous_subject_group(tok, q) if lower in _THEY else None
            if (
                group is not None
                and (last is None or group[1] > last.end)
                and (fresh is None or group[1] > fresh.start)
            ):
                # "Union leaders met on Tuesday. They said ...": a plural group made the subject
                # since the last collective speaker is what "they" picks up, not an older
                # organisation.
                actor = group[0]
            elif fresh is not None and (last is None or fresh.start > last.end):
                # "The Bank Workers' Federation tells a different story. It says ...": an
                # organisation made the subject since the last collective speaker is the new topic.
                actor = fresh.actor
            elif last is not None and tok.idx - last.end <= _SPEAKER_WINDOW:
                actor = ActorRef(id=last.speaker.id, name=last.speaker.name, kind=last.speaker.kind)
            else:
                actor = self.m.best_org_before(tok.idx)
        elif lower in _FIRST:
            # "I"/"we" outside quote marks: a first-person column or a transcript; keep the writer out.
            return None
        if actor is None:
            return None
        self.m.add(a, b, actor, MentionKind.pronoun, tok.i)
        return Speaker(
            id=actor.id,
            name=actor.name,
            kind=actor.kind,
            mention=tok.text,
            mention_start=a,
            mention_end=b,
            mention_kind=MentionKind.pronoun,
            affiliation=affiliation,
        )

    def _previous_subject_org(self, tok: Token) -> Mention | None:
        """The organisation that is the main-clause subject of the sentence before ``tok``'s
        (one sentence is read, not the article)."""
        start = tok.sent.start
        if start == 0:
            return None
        prev = self.m.toks[start - 1].sent
        for c in prev.root.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                m = self.m.mention_for_token(c.i)
                if (
                    m is not None
                    and m.kind == MentionKind.organisation
                    and m.actor.kind in (ActorKind.organisation, ActorKind.government)
                ):
                    return m
        return None

    def _previous_subject_group(self, tok: Token, q: QuoteCandidate) -> tuple[ActorRef, int] | None:
        """A plural group of people that is the main-clause subject of one of the two sentences
        before ``tok``'s ("Officials at the ministry arrived late.", "Union leaders met."), as the
        group speaker the phrase would be if it spoke itself, with its start offset. The search
        stops at a sentence whose subject is a named person or organisation (a newer topic)."""
        start = tok.sent.start
        for _ in range(2):
            if start == 0:
                return None
            prev = self.m.toks[start - 1].sent
            if tok.idx - prev.start_char > _SPEAKER_WINDOW:
                return None
            for c in prev.root.children:
                if c.dep_ not in ("nsubj", "nsubjpass"):
                    continue
                if self.m.mention_for_token(c.i) is not None or self.m.cluster_for_token(c.i) is not None:
                    return None
                if not _human_plural(c):
                    continue
                sp = self.from_token(c, q)
                if sp is None or sp.kind != ActorKind.group or sp.mention_start is None:
                    return None
                return ActorRef(id=sp.id, name=sp.name, kind=sp.kind), sp.mention_start
            start = prev.start
        return None

    def _gender_ok(self, actor_id: str, want: str) -> bool:
        g = self.m.gender_of(actor_id)
        return g is None or g == want

    def _nearest_person(self, tok: Token, want: str) -> tuple[ActorRef, int, bool, str | None] | None:
        """Nearest preceding person mention of compatible gender: (actor, end, is_subject, affiliation)."""
        sent_start = tok.sent.start_char
        for m in self.m.person_mentions_before(tok.idx, window=_SPEAKER_WINDOW):
            if not self._gender_ok(m.actor.id, want):
                continue
            head = self.doc[m.head]
            # Same-sentence non-subjects ("Putin responded to Trump's offer, praising him") are objects
            # the pronoun cannot be the subject-speaker of; skip them.
            is_subj = head.dep_ in ("nsubj", "nsubjpass")
            if m.start >= sent_start and not is_subj:
                continue
            if not is_subj and head.dep_ not in ("pobj", "dobj", "poss", "appos", "conj", "compound"):
                continue
            return m.actor, m.end, is_subj, m.affiliation
        return None

    def _first_person_in_quote(self, q: QuoteCandidate, sp: Speaker) -> None:
        """Record "I"/"we" inside a quote as mentions of its speaker (for the stance module)."""
        actor = ActorRef(id=sp.id, name=sp.name, kind=sp.kind)
        for mt in _PRONOUN_RE.finditer(self.text, q.start, q.end):
            self.m.add(mt.start(), mt.end(), actor, MentionKind.pronoun, -1)
