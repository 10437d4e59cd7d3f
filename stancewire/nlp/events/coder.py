"""The event coder: verb patterns + dependency parse -> (actor, target, PLOVER category) items.

For every verb a pattern matches (:mod:`stancewire.nlp.events.patterns`):

1. **Chain.** The verb's control chain is climbed ("offered to *hand over*", "was ready to
   *negotiate*", "threatened to *impose*"): the outer verb decides the intent (intended), turns
   the act into THREATEN / REJECT / REQUEST, or just lends its subject. An outer verb that folded
   an inner act is not coded again.
2. **Actors.** The subject of the chain's top (coordinated subjects give one actor each), or the
   passive "by" agent. A noun phrase resolves by its name ("Jonas Veerland", "the Granite House"),
   else by its modifiers ("*Kaldorian* troops", "*Dravenia's* government", "*Sarvonian and
   Dravenian* police"), else by its "of" phrase ("supporters *of the Union*"). A pronoun or an
   unresolved generic subject of a clause reported by a speech verb ("the ministry said *it* had
   expelled ...") is the speaker.
3. **Targets.** The slot the pattern names ("open fire *on* X"), else a passive subject, the
   object or recipient, the verb's prepositional phrases, then anything named deeper in them;
   coordinated targets give one each. Coordinated actors without any target are each other's
   (reciprocal "A and B signed an accord").
4. **Modality and score** (:mod:`stancewire.nlp.events.modality`): PLOVER score of category + mode.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.attrs import POS
from spacy.symbols import ADJ, VERB
from spacy.tokens import Doc, Span, Token

from stancewire.nlp import doccache
from stancewire.nlp.doccache import children, lefts, rights
from stancewire.nlp.events.modality import (
    INTENT_LEMMAS,
    MATERIAL_CONFLICT,
    REJECT_MODE,
    THREAT_MODE,
    clause_modality,
    is_future,
    recode,
)
from stancewire.nlp.events.patterns import EventPatterns, PatternMatch, load_patterns
from stancewire.nlp.lexicon import used_as_preposition
from stancewire.schemas import ActorKind, ActorRef

Resolver = Callable[[Span], ActorRef | None]

SPEECH_LEMMAS = frozenset(
    {"say", "tell", "announce", "state", "report", "confirm", "claim", "add", "note", "declare",
     "insist", "write", "explain", "acknowledge", "admit", "deny", "allege", "believe"}
)  # fmt: skip
THREAT_LEMMAS = frozenset({"threaten"})
REFUSE_LEMMAS = frozenset({"refuse", "decline"})
REQUEST_LEMMAS = frozenset({"call", "urge", "ask", "demand", "press", "appeal", "request"})
AGREE_LEMMAS = frozenset({"agree"})
FIRST_PERSON = frozenset({"i", "we", "us", "our", "me", "my"})
GENERIC_SUBJECTS = frozenset(
    {"government", "ministry", "officials", "authorities", "it", "they", "he", "she"}
)
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
# Left dependents that can be part of a name ("The Marundi Farmers' Association").
NAME_DEPS = frozenset({"compound", "amod", "det", "nmod", "flat", "punct", "case", "poss"})
OWN_POSSESSIVES = frozenset({"its", "their", "our", "his", "her", "my"})
# Request modes by what is requested (PLOVER REQUEST modes); anything else asks for a change.
REQUEST_MODE = {
    "CONSULT": "meet", "AGREE": "meet", "AID": "assist", "COOPERATE": "assist", "SUPPORT": "assist",
    "RETREAT": "yield", "CONCEDE": "yield",
}  # fmt: skip
# Prepositions that set the scene (where, when, in what) rather than name whom an act is aimed
# at: "*In* a statement on Truth Social, Trump called for ..."; a pattern may still name them.
SETTING_PREPS = frozenset(
    {"in", "during", "after", "before", "since", "despite", "amid", "as", "like", "within",
     "throughout", "until", "following", "via", "through", "among", "inside"}
)  # fmt: skip
# Coordinated actors with no target are each other's only for cooperation ("A and B signed an
# accord", "held joint exercises"); "A and B won their primaries" is no event between them.
RECIPROCAL_OK = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "RETREAT"})
# Longest span tried as one name (tokens).
MAX_NAME = 6

# The parts of speech an act can have: a verb, or an adjective heading a verbless sentence.
_ACT_POS = (VERB, ADJ)


@dataclass(frozen=True)
class CodedEvent:
    actor: ActorRef
    target: ActorRef
    category: str
    mode: str
    modality: str
    score: float
    confidence: float
    sentence_start: int
    sentence_end: int
    anchor: int  # char offset of the act's verb
    verb: str
    reported_by: ActorRef | None = None  # the speaker when the act is told in an attribution
    basis: str = "did"


@dataclass
class _Act:
    match: PatternMatch
    chain: list[Token]  # innermost verb first
    category: str
    mode: str
    target_verb: Token  # whose objects hold the target (the outer verb for REQUEST)


def code_events(doc: Doc, resolve: Resolver, patterns: EventPatterns | None = None) -> list[CodedEvent]:
    """Every coded act of a parsed Doc, in text order (see the module docstring)."""
    pats = patterns if patterns is not None else load_patterns()
    matches: dict[int, PatternMatch] = {}
    toks = doccache.tokens(doc)
    for i in doccache.where(doc, POS, _ACT_POS):  # the parts of speech as one array read
        tok = toks[i]
        if (tok.pos == VERB or tok.dep_ == "ROOT") and not used_as_preposition(tok):
            m = pats.match(tok)
            if m is not None:
                matches[tok.i] = m
    acts: list[_Act] = []
    folded: set[int] = set()
    for i in sorted(matches):
        act = _act(matches[i], matches)
        if act is None:
            continue
        acts.append(act)
        folded.update(t.i for t in act.chain[1:])
    coder = _Coder(doc, resolve, pats)
    out: list[CodedEvent] = []
    seen: set[tuple[str, str, int]] = set()
    for act in acts:
        if act.chain[0].i in folded:
            continue
        for ev in coder.code(act):
            key = (ev.actor.id, ev.target.id, ev.anchor)
            if key not in seen:
                seen.add(key)
                out.append(ev)
    return sorted(out, key=lambda e: (e.sentence_start, e.anchor, e.actor.id, e.target.id))


def _control_chain(verb: Token) -> list[Token]:
    """The verb and the verbs controlling it, innermost first ("hand" <- "offered")."""
    chain = [verb]
    cur = verb
    for _ in range(4):
        if cur.dep_ != "xcomp" or cur.head is cur:
            break
        parent = cur.head
        chain.append(parent)
        if parent.pos_ == "ADJ" and parent.dep_ == "acomp" and parent.head is not parent:
            # "was ready to negotiate": the copula carries the subject and the auxiliaries.
            chain.append(parent.head)
            parent = parent.head
        cur = parent
    return chain


def _act(m: PatternMatch, matches: dict[int, PatternMatch]) -> _Act | None:
    chain = _control_chain(m.verb)
    category, mode, target_verb = m.category, m.mode, m.verb
    for outer in chain[1:]:
        lemma = outer.lemma_.lower()
        if lemma in THREAT_LEMMAS:
            category, mode = "THREATEN", THREAT_MODE.get(category, mode if category == "THREATEN" else "")
        elif lemma in REFUSE_LEMMAS:
            category, mode = "REJECT", REJECT_MODE.get(category, "")
        elif lemma in REQUEST_LEMMAS:
            category, mode = "REQUEST", REQUEST_MODE.get(category, "change")
            target_verb = outer
        elif lemma in AGREE_LEMMAS:
            if category in MATERIAL_CONFLICT:
                category, mode = "THREATEN", THREAT_MODE.get(category, "")
            elif not (category == "RETREAT" and mode == "ceasefire"):
                category, mode = "AGREE", ""
        elif outer.i in matches and lemma not in INTENT_LEMMAS:
            # A purpose clause under another coded act ("worked with X to trace ..."): the
            # outer act is the event; this one is its content.
            return None
    return _Act(m, chain, category, mode, target_verb)


class _Coder:
    def __init__(self, doc: Doc, resolve: Resolver, pats: EventPatterns) -> None:
        self.doc = doc
        self.resolve = resolve
        self.pats = pats
        self._cache: dict[tuple[int, int], ActorRef | None] = {}

    # ------------------------------------------------------------------ resolution

    def span_actor(self, start: int, end: int) -> ActorRef | None:
        key = (start, end)
        if key not in self._cache:
            self._cache[key] = self.resolve(self.doc[start:end])
        return self._cache[key]

    def np_actors(self, head: Token, depth: int = 0) -> list[tuple[ActorRef, float]]:
        """Actors a noun phrase stands for (a coordinated modifier gives several)."""
        if head.pos_ == "PRON" or depth > 2:
            return []
        lo = head.i
        toks = doccache.tokens(self.doc)
        while (
            lo > 0
            and head.i - lo < MAX_NAME
            and toks[lo - 1].dep_ in NAME_DEPS
            and doccache.is_ancestor(head, toks[lo - 1])
        ):
            lo -= 1
        # The name ending at the head, longest first ("Foreign Minister Jonas Veerland"); a
        # name with an "of" phrase first ("the League of Free Nations").
        ends = [head.i + 1]
        if head.pos_ == "PROPN":
            for c in rights(head):
                if c.dep_ == "prep" and c.lower_ == "of":
                    p = next((g for g in children(c) if g.dep_ == "pobj" and g.pos_ == "PROPN"), None)
                    if p is not None and p.right_edge.i - lo < MAX_NAME + 3:
                        ends.insert(0, p.right_edge.i + 1)
        for e in ends:
            for s in range(lo, head.i + 1):
                a = self.span_actor(s, e)
                if a is not None:
                    return [(a, 1.0)]
        # Its modifiers: "Kaldorian troops", "Dravenia's government", "Black Ridge Militia fighters".
        mods = [c for c in lefts(head) if c.dep_ in MODIFIER_DEPS]
        for c in mods:
            found = self.modifier_actors(c, depth)
            if found:
                return found
        if head.pos_ != "PROPN":
            for c in children(head):
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in children(c):
                        if p.dep_ == "pobj":
                            found = self.group(p, depth + 1)
                            if found:
                                return [(a, f * 0.85) for a, f in found]
        return []

    def modifier_actors(self, c: Token, depth: int) -> list[tuple[ActorRef, float]]:
        sub = [t for t in c.subtree if t.dep_ not in ("cc", "conj") or t is c]
        lo, hi = min(t.i for t in sub), c.i + 1
        found: list[tuple[ActorRef, float]] = []
        # Every span inside the modifier, longest first: in "Zarvonnian Defence Ministry" the
        # demonym hangs on "Defence", so the name sits inside, not at the end.
        for n in range(hi - lo, 0, -1):
            for s in range(lo, hi - n + 1):
                a = self.span_actor(s, s + n)
                if a is not None:
                    found.append((a, 0.9))
                    break
            if found:
                break
        if not found and c.dep_ == "poss":
            found = [(a, f * 0.9) for a, f in self.np_actors(c, depth + 1)]
        if found:
            for cj in c.conjuncts:
                if cj.i > c.i:
                    a = self.span_actor(cj.i, cj.i + 1)
                    if a is not None:
                        found.append((a, 0.9))
        return found

    def group(self, head: Token, depth: int = 0) -> list[tuple[ActorRef, float]]:
        """A head and its coordinated heads ("Belmira and Corvenia"), one actor each."""
        out: list[tuple[ActorRef, float]] = []
        for h in (head, *[c for c in head.conjuncts if c.i > head.i]):
            for a, f in self.np_actors(h, depth):
                if all(a.id != o.id for o, _ in out):
                    out.append((a, f))
        return out

    # ------------------------------------------------------------------ sources

    def sources(self, act: _Act) -> tuple[list[tuple[ActorRef, float]], ActorRef | None, bool]:
        """(actors, speaker who reported the act or None, passive)."""
        # The passive verb of the chain, if any: the act's ("sanctions were imposed by X") or
        # the request's ("Belmira was urged by Koval to withdraw").
        verb = next((t for t in act.chain if _is_passive(t)), act.chain[0])
        passive = _is_passive(verb)
        if passive:
            for c in children(verb):
                if c.dep_ == "agent":
                    for p in children(c):
                        if p.dep_ == "pobj":
                            return self.group(p), None, True
            # The parser sometimes hangs the "by" phrase on an object ("threatened with
            # military action by X"): a "by" in the verb's prepositional phrases is the agent.
            for c in children(verb):
                if c.dep_ != "prep":
                    continue
                for t in c.subtree:
                    if t.lower_ == "by" and t.dep_ == "prep":
                        for p in children(t):
                            if p.dep_ == "pobj" and (found := self.group(p)):
                                return found, None, True
            return [], None, True
        subj = _subject(act.chain[-1])
        speaker_verb = _speech_head(act.chain[-1])
        speaker: list[tuple[ActorRef, float]] = []
        if speaker_verb is not None:
            ss = _subject(speaker_verb)
            speaker = self.group(ss) if ss is not None else []
        if subj is None:
            return speaker, speaker[0][0] if speaker else None, False
        found = self.group(subj)
        if found:
            return found, speaker[0][0] if speaker else None, False
        generic = (
            subj.pos_ == "PRON"
            or subj.lower_ in GENERIC_SUBJECTS
            # "its artillery", "our troops": the speaker's own forces.
            or any(c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES for c in children(subj))
        )
        if speaker and (generic or subj.lower_ in FIRST_PERSON):
            # "The ministry said *it* had expelled ...", "*we* shelled ...", the minister said.
            return [(a, f * 0.85) for a, f in speaker], speaker[0][0], False
        return [], None, False

    # ------------------------------------------------------------------ targets

    def target_heads(self, act: _Act, passive: bool) -> Iterator[Token]:
        verb, tv = act.chain[0], act.target_verb
        slot = act.match.pattern.target
        if tv is not verb:  # REQUEST: whom it is asked of ("called on X", "urged X to")
            yield from _slot_heads(tv, "dobj")
            yield from _slot_heads(tv, "on")
        if passive:
            for v in act.chain:
                yield from (c for c in children(v) if c.dep_ == "nsubjpass")
        if slot:
            yield from _slot_heads(verb, slot)
        yield from _slot_heads(verb, "dative")
        yield from _slot_heads(verb, "dobj")
        for c in children(verb):
            if c.dep_ == "prep" and c.lower_ not in SETTING_PREPS:
                yield from (p for p in children(c) if p.dep_ == "pobj")
        # Anything named deeper in the objects and prepositions ("the summit hosted by X").
        for c in children(verb):
            if c.dep_ in ("dobj", "dative", "prep", "nsubjpass", "acomp", "advmod", "npadvmod") and (
                c.lower_ not in SETTING_PREPS
            ):
                yield from (t for t in c.subtree if _np_head(t) and not _in_setting(t))
        # Then the purpose clause ("sent warships to patrol waters claimed by X") and what
        # happened around the act ("after X tested a missile").
        for c in children(verb):
            if c.dep_ in ("xcomp", "advcl") and c.tag_ != "VBG" and c.i not in {t.i for t in act.chain}:
                yield from (t for t in c.subtree if _np_head(t) and t.dep_ != "nsubj")
        for c in children(verb):
            if c.dep_ == "advcl":
                yield from (t for t in c.subtree if t.dep_ in ("nsubj", "nsubjpass"))

    def targets(self, act: _Act, passive: bool, exclude: set[str]) -> list[tuple[ActorRef, float]]:
        tried: set[int] = set()
        for h in self.target_heads(act, passive):
            if h.i in tried:
                continue
            tried.add(h.i)
            found = [(a, f) for a, f in self.group(h) if a.id not in exclude]
            if found:
                return found
        if act.category in MATERIAL_CONFLICT:
            # Force is aimed at someone: the scene-setting phrases are the last place to look
            # ("imposed a curfew ... after clashes with supporters of X").
            verb = act.chain[0]
            for c in children(verb):
                if c.dep_ == "prep" and c.lower_ in SETTING_PREPS:
                    for h in c.subtree:
                        if _np_head(h) and h.i not in tried:
                            tried.add(h.i)
                            found = [(a, f * 0.8) for a, f in self.group(h) if a.id not in exclude]
                            if found:
                                return found
        return []

    # ------------------------------------------------------------------ coding

    def code(self, act: _Act) -> list[CodedEvent]:
        srcs, speaker, passive = self.sources(act)
        if not srcs:
            return []
        ids = {a.id for a, _ in srcs}
        tgts = self.targets(act, passive, ids)
        modality = clause_modality(act.chain)
        if act.category in ("THREATEN", "REJECT", "REQUEST") and modality != "negated":
            # The threat/refusal/request is itself asserted; its content's future is not intent.
            modality = (
                "asserted" if act.category != act.match.category or modality == "intended" else modality
            )
        mode = act.mode
        if act.category == "REQUEST" and not mode:
            mode = _request_mode(act.target_verb)
        coded = recode(act.category, mode, modality, self.pats.score, is_future(act.chain))
        verb = act.chain[0]
        sent = doccache.sent(verb)
        base = 0.75 if act.match.pattern.hand else (0.7 if act.match.pattern.specificity >= 1 else 0.55)
        out: list[CodedEvent] = []
        category, mode = coded.category, coded.mode
        reciprocal = not tgts and category in RECIPROCAL_OK
        for a, fa in srcs:
            pairs = tgts if tgts else ([(o, 0.8) for o, _ in srcs if o.id != a.id] if reciprocal else [])
            for t, ft in pairs:
                if t.id == a.id:
                    continue
                cat, md = category, mode
                if cat == "ASSAULT" and a.kind == ActorKind.person and t.kind == ActorKind.person:
                    # One politician "attacking" another is criticism, not violence.
                    cat, md = "ACCUSE", "disapprove"
                score = coded.score if cat == category else self.pats.score(cat, md)
                out.append(
                    CodedEvent(
                        actor=a,
                        target=t,
                        category=cat,
                        mode=md,
                        modality=coded.modality,
                        score=max(-10.0, min(10.0, score)),
                        confidence=round(max(0.05, min(1.0, base * fa * ft)), 3),
                        sentence_start=sent.start_char,
                        sentence_end=sent.end_char,
                        anchor=verb.idx,
                        verb=verb.lemma_.lower(),
                        reported_by=speaker,
                    )
                )
        return out


MEETING_WORDS = frozenset({"talk", "talks", "negotiation", "negotiations", "meeting", "dialogue", "summit"})
AID_WORDS = frozenset({"aid", "help", "assistance", "support", "loan", "loans", "supplies"})


def _request_mode(verb: Token) -> str:
    """What a request asks for when no coded act says so: a meeting, help, or a change
    ("called for the resignation of ...", "urged X to drop its visa rules")."""
    words = {
        t.lemma_.lower() for c in children(verb) if c.dep_ in ("dobj", "prep", "xcomp") for t in c.subtree
    }
    if words & MEETING_WORDS:
        return "meet"
    if words & AID_WORDS:
        return "assist"
    return "change" if words else ""


def _in_setting(t: Token) -> bool:
    """Inside a scene-setting phrase: "held talks *in Marrowgate*"."""
    return t.dep_ == "pobj" and t.head.lower_ in SETTING_PREPS


def _np_head(t: Token) -> bool:
    """A noun heading its phrase: "Tavrin" in "the Tavrin Dockworkers' Union" is not one."""
    return t.pos_ in ("PROPN", "NOUN") and t.dep_ not in NAME_DEPS


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in children(verb))


def _slot_heads(verb: Token, slot: str) -> Iterator[Token]:
    if slot in ("dobj", "dative"):
        yield from (c for c in children(verb) if c.dep_ == slot)
        return
    heads = [verb, *(c for c in children(verb) if c.dep_ == "dobj")]
    for h in heads:
        for c in children(h):
            if c.dep_ in ("prep", "prt") and c.lower_ == slot:
                yield from (p for p in children(c) if p.dep_ == "pobj")
                if c.dep_ == "prt":
                    yield from (p for p in children(h) if p.dep_ == "dobj")


def _subject(verb: Token) -> Token | None:
    cur = verb
    for _ in range(4):
        for c in children(cur):
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c
        # Coordinated and participial verbs share the subject of the verb they hang on.
        if cur.dep_ in ("conj", "xcomp") or (cur.dep_ == "advcl" and cur.tag_ in ("VBG", "VBN")):
            cur = cur.head
            continue
        return None
    return None


def _speech_head(verb: Token) -> Token | None:
    """The speech verb a clause is reported by ("said" in "X said it had expelled ...")."""
    cur = verb
    for _ in range(3):
        if cur.dep_ in ("ccomp", "parataxis") and cur.head.lemma_.lower() in SPEECH_LEMMAS:
            return cur.head
        if cur.dep_ in ("conj", "xcomp") and cur.head is not cur:
            cur = cur.head
            continue
        return None
    return None
