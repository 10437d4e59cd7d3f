"""Definite phrases that refer back to a text or an entourage the article introduced earlier.

* "The statement said", "the poll found", "the lawsuit argues": a text speaks for whoever
  issued it, and a definite one is the text of that kind the article mentioned before ("In a
  statement, the Orvane Workers Party said", "a Halden Research poll shows", "the party filed
  a lawsuit", "a report by the Lunevar Institute"). Without this the speaker is an unknown
  actor named "statement", or worse a person whose name stood next to the word "poll".
* "his campaign said", "her team said": a body that speaks for the person the possessive
  pronoun refers to, an organisation named after them as "the Velk campaign" is.
* "the campaign said": the campaign (team, camp) the article named last, else the campaign
  of the person the article is about.

When nothing earlier fits, these return None and the generic rules name the phrase.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from stancewire.nlp import doccache
from stancewire.nlp.attribution.pronouns import pronoun
from stancewire.nlp.attribution.speaker_build import actor_speaker, entourage_actor
from stancewire.nlp.attribution.words import ANAPHORIC_TEXTS, ENTOURAGE_NOUNS, HE, SHE
from stancewire.nlp.doccache import children
from stancewire.nlp.mentions.descriptions import description_of, resolve_description
from stancewire.nlp.mentions.names import without_possessive
from stancewire.nlp.quotes import QuoteCandidate
from stancewire.nlp.registry import normalise
from stancewire.schemas import ActorKind, ActorRef, MentionKind, Speaker

if TYPE_CHECKING:
    from stancewire.nlp.attribution.attributor import Attributor

# How far back an antecedent text may be: a few earlier mentions of the same word, within
# a long article's reach (a "statement" ten paragraphs back is still the statement).
MAX_HOPS = 6
MAX_CHARS = 6000
_DEFINITE = frozenset({"the", "this", "that"})
_SPEAKING = (ActorKind.person, ActorKind.organisation, ActorKind.government)
# Verbs whose subject issued the text they take as object or "in ..." phrase ("X released a
# statement", "X filed a lawsuit", "In a statement, X said"); any verb will do, the subject is
# what matters, but a text that is the subject itself is never its own issuer.
_ISSUER_PREPS = ("by", "from")
# Verbs whose subject holds, gets or reads a text someone else issued ("Velk keeps a note from
# Morn", "the Post obtained the memo").
_RECEIPT_VERBS = frozenset(
    {"have", "keep", "receive", "get", "obtain", "read", "see", "review", "cite", "quote"}
)


def anaphor_speaker(att: Attributor, tok: Token, q: QuoteCandidate) -> Speaker | None:
    """The speaker of a definite text or entourage noun (module doc), or None."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN":
        return None
    lemma = tok.lemma_.lower()
    det = next((c for c in children(_noun_phrase_head(tok)) if c.dep_ in ("det", "poss")), None)
    if det is None:
        return None
    if lemma in ENTOURAGE_NOUNS:
        return _entourage(att, tok, det, lemma, q)
    if lemma in ANAPHORIC_TEXTS and det.dep_ == "det" and det.lower_ in _DEFINITE:
        if any(c.dep_ == "prep" and c.lower_ in _ISSUER_PREPS for c in children(tok)):
            return None  # "the report by X": its own issuer, handled where the text is read
        own = _issuer(att, tok, q, own=True)
        if own is not None:
            # "The survey, conducted by the Halden Institute, finds": the text names its issuer.
            return _speaker(att, tok, det, own)
        anchor = tok
        for prev in _earlier(att, tok, lemma):
            actor = _issuer(att, prev, q)
            if actor is not None:
                return _speaker(att, tok, det, actor)
            if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in children(prev)):
                return None  # "an entrance poll of voters": the text introduced last, its issuer untold
            anchor = prev
        # No earlier noun names the issuer: the text may have been introduced by the verb of
        # issuing it ("Velk sued the council ... The lawsuit says", "Morn emailed the members ...
        # The email adds").
        actor = _issuing_verb_subject(att, anchor, lemma, q) or _announcer(att, anchor, lemma, q)
        if actor is not None:
            return _speaker(att, tok, det, actor)
    return None


# Frame verbs the small model takes for a noun after a quote, with the text before them as its
# compound: "“…,” the email read." parses as the noun phrase "the email read".
_NOUN_TAGGED_FRAMES = frozenset({"read", "reads", "write", "writes", "state", "states"})


def _noun_phrase_head(tok: Token) -> Token:
    """The head of ``tok``'s phrase: ``tok`` itself, or the frame verb the parser made a noun
    with ``tok`` as its compound ("the email read"), which holds the phrase's determiner."""
    head = tok.head
    if (
        tok.dep_ == "compound"
        and head.i == tok.i + 1
        and head.pos_ == "NOUN"
        and head.lower_ in _NOUN_TAGGED_FRAMES
    ):
        return head
    return tok


def _entourage(att: Attributor, tok: Token, det: Token, lemma: str, q: QuoteCandidate) -> Speaker | None:
    owner: ActorRef | None = None
    if det.dep_ == "poss" and det.lower_ in HE | SHE:
        # "his campaign said": whoever "his" is, resolved as a pronoun speaker would be.
        sp = pronoun(att, det, q)
        if sp is not None and sp.kind == ActorKind.person:
            owner = ActorRef(id=sp.id, name=sp.name, kind=sp.kind)
    elif det.dep_ == "det" and det.lower_ == "the" and _of_phrase(tok) is not None:
        # "the campaign of the harbor pilot": the person the phrase names
        owner = _of_owner(att, tok, q)
    elif det.dep_ == "det" and det.lower_ == "the" and not any(c.dep_ == "compound" for c in children(tok)):
        for prev in _earlier(att, tok, lemma):
            owner = _entourage_owner(att, prev)
            if owner is not None:
                break
        if owner is None:
            # No campaign named before: the campaign of the person the article is about (the
            # salient person a description would refer to), not that person themselves.
            d = description_of(att.m, tok)
            c = resolve_description(att.m, d, salient=True) if d is not None else None
            owner = c.actor if c is not None else None
    if owner is None:
        return None
    if owner.kind != ActorKind.person:
        return _speaker(att, tok, det, owner)  # "the campaign" after an ORG "Velk Campaign"
    a = det.idx if det.i < tok.i else tok.idx
    b = tok.idx + len(tok.text)
    campaign = entourage_actor(owner.name, lemma)
    return actor_speaker(campaign, att.text[a:b], a, b, MentionKind.organisation, affiliation=owner.name)


def _of_phrase(tok: Token) -> Token | None:
    """The object of an "of" phrase on ``tok`` ("the campaign of Ada Morn": Morn), or None."""
    of = next((c for c in children(tok) if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((p for p in children(of) if p.dep_ == "pobj"), None) if of is not None else None


def _of_owner(att: Attributor, tok: Token, q: QuoteCandidate) -> ActorRef | None:
    """The person an "of" phrase names as the owner of an entourage noun, by name or by a
    description the speaker rules resolve ("the harbor pilot"); None for
    anything else ("the team of doctors")."""
    pobj = _of_phrase(tok)
    actor = _actor_of(att, pobj, q) if pobj is not None else None
    return actor if actor is not None and actor.kind == ActorKind.person else None


def _entourage_owner(att: Attributor, t: Token) -> ActorRef | None:
    """Whose campaign an earlier "campaign" is: its named or pronoun possessor, or the
    organisation the NER made of the whole phrase ("the Velk Campaign")."""
    m = att.m.mention_for_token(t.i)
    if m is not None and m.actor.kind in _SPEAKING and m.actor.id:
        return m.actor
    for c in children(t):
        if c.i > t.i or c.dep_ not in ("compound", "poss"):
            continue
        hit = att.m.mention_for_token(c.i)
        if hit is not None and hit.actor.kind == ActorKind.person and hit.actor.id:
            return hit.actor  # a name, or a pronoun an earlier speaker resolution recorded
        if c.pos_ == "PROPN":
            cl = att.m.cluster_by_part(normalise(without_possessive(c.text)))
            if cl is not None and cl.actor is not None:
                return cl.actor
    return None


# Words news uses for the same text ("a Halden Research survey ... the poll found", "Morn
# wrote in an email ... The message said", "an op-ed by Velk ... the piece argues").
_POLL = frozenset({"poll", "survey"})
_MAIL = frozenset({"email", "e-mail", "message"})
_PIECE = frozenset({"piece", "article", "column", "op-ed", "editorial", "story"})
_SAME_TEXT = {w: group for group in (_POLL, _MAIL, _PIECE) for w in group}


def _earlier(att: Attributor, tok: Token, lemma: str) -> list[Token]:
    """Earlier nouns with ``lemma`` (or a word for the same text), nearest first (at most
    MAX_HOPS, within MAX_CHARS)."""
    out: list[Token] = []
    toks = att.m.toks
    same = _SAME_TEXT.get(lemma, frozenset({lemma}))
    i = tok.i - 1
    while i >= 0 and len(out) < MAX_HOPS and tok.idx - toks[i].idx <= MAX_CHARS:
        t = toks[i]
        if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in same:
            out.append(t)
        i -= 1
    return out


def _issuer(att: Attributor, t: Token, q: QuoteCandidate, own: bool = False) -> ActorRef | None:
    """Who issued the text ``t``: its possessor, a named organisation compounded with it ("a
    Halden Research poll"), "by"/"from" X, or the subject of the verb it is the object or
    "in"-phrase of ("X released a statement", "In a statement, X said"). With ``own`` (the
    speaking text itself), only what the phrase says of its issuer: the verb's subject is
    someone the text speaks about ("Velk was winning in the same poll")."""
    m = att.m.mention_for_token(t.i)
    if m is not None and m.actor.kind in _SPEAKING and m.actor.id:
        return m.actor  # the NER made "the Halden Research poll" one organisation
    cands: list[Token] = []
    for c in children(t):
        if c.dep_ == "poss":
            cands.append(c)
        elif (c.dep_ == "compound" or (c.dep_ == "nmod" and c.pos_ == "PROPN")) and c.i < t.i:
            # The nearest compound first; a name before an adjective is the parser's "nmod"
            # ("a Norwind Institute regional poll").
            cands.insert(0, c)
        elif c.dep_ == "prep" and c.lower_ in _ISSUER_PREPS:
            cands.extend(p for p in children(c) if p.dep_ == "pobj")
        elif c.dep_ == "acl":
            # "a poll conducted by Halden Research"
            for agent in (g for g in children(c) if g.dep_ == "agent"):
                cands.extend(p for p in children(agent) if p.dep_ == "pobj")
    if t.dep_ == "nsubjpass":
        # "The survey was conducted for the stations by Norwind Research". "a memo was sent
        # from the treasurer" (a "from" on a passive verb names where the text came from).
        for g in children(t.head):
            if g.dep_ == "agent" or (g.dep_ == "prep" and g.lower_ == "from"):
                cands.extend(p for p in children(g) if p.dep_ == "pobj")
    if own:
        return next((a for a in (_issuing_actor(att, c, q) for c in cands) if a is not None), None)
    head = t.head
    if t.dep_ == "pobj" and head.lower_ == "in" and head.head.pos_ in ("VERB", "AUX"):
        head = head.head
    elif t.dep_ not in ("dobj",) or head.pos_ != "VERB":
        head = None  # type: ignore[assignment]
    if head is not None:
        # "has a note from Morn", "received a letter from the ministry": the parser hangs the
        # "from" on the verb; whoever has or got the text did not issue it.
        for p in children(head):
            if p.dep_ == "prep" and p.lower_ == "from":
                cands.extend(o for o in children(p) if o.dep_ == "pobj")
        if head.lemma_.lower() not in _RECEIPT_VERBS:
            cands.extend(c for c in children(head) if c.dep_ == "nsubj")
    for c in cands:
        actor = _issuing_actor(att, c, q)
        if actor is not None:
            return actor
    return None


# Verbs that issue a text of these kinds: their subject issued the text a later definite noun
# of that kind refers back to ("The Orvane party sued the ministry. The lawsuit says ...").
_LETTERS = frozenset(
    {"letter", "note", "email", "e-mail", "message", "memo", "op-ed", "column", "piece", "article"}
)
_ISSUING_VERBS: dict[str, frozenset[str]] = {
    "sue": frozenset({"lawsuit", "suit", "complaint", "filing"}),
    "email": frozenset({"email", "e-mail", "message", "note"}),
    "e-mail": frozenset({"email", "e-mail", "message", "note"}),
    "tweet": frozenset({"tweet", "message", "post"}),
    "write": _LETTERS,
    "poll": frozenset({"poll", "survey"}),
    "survey": frozenset({"poll", "survey"}),
}


def _issuing_verb_subject(att: Attributor, anchor: Token, lemma: str, q: QuoteCandidate) -> ActorRef | None:
    """The subject of the nearest verb before ``anchor`` that issues a text of kind ``lemma``
    ("Velk sued", "the unions that wrote to her", "Morn emailed the members"), as an actor; a verb
    inside a quotation is someone's words, not the narrative's account of the text."""
    toks = att.m.toks
    i = anchor.i - 1
    while i >= 0 and anchor.idx - toks[i].idx <= MAX_CHARS:
        v = toks[i]
        i -= 1
        if v.pos_ != "VERB" or lemma not in _ISSUING_VERBS.get(v.lemma_.lower(), ()):
            continue
        if att.m.in_quote(v.idx):
            continue
        subj = _verb_subject(v)
        return _issuing_actor(att, subj, q) if subj is not None else None
    return None


# A statement or press release no noun introduced is the one whoever just announced,
# confirmed or answered something issued ("The Velk campaign responded that it had moved. “…,”
# the statement said"; "the Harbor Party announced she was not coming. “…,” the release said").
# Only the sentence before the text's own: further back, an announcement is another matter.
_ANNOUNCED_TEXTS = frozenset({"statement", "release"})
_ANNOUNCING_VERBS = frozenset(
    {"announce", "confirm", "respond", "reply", "declare", "deny", "acknowledge", "state"}
)


def _announcer(att: Attributor, anchor: Token, lemma: str, q: QuoteCandidate) -> ActorRef | None:
    """The subject of the nearest announcing verb outside quotes in the sentence of ``anchor``
    or the narrative sentence before it, as an actor (see ``_ANNOUNCED_TEXTS``), else None."""
    if lemma not in _ANNOUNCED_TEXTS:
        return None
    start = _previous_narrative_start(att, anchor)
    for v in reversed(att.doc[start : anchor.i]):
        if v.pos_ != "VERB" or v.lemma_.lower() not in _ANNOUNCING_VERBS or att.m.in_quote(v.idx):
            continue
        subj = _verb_subject(v)
        return _issuing_actor(att, subj, q) if subj is not None else None
    return None


def _previous_narrative_start(att: Attributor, anchor: Token) -> int:
    """The first token of the sentence before ``anchor``'s, passing over sentences that lie
    inside a quote (a quotation the parser split in two is not the narrative)."""
    sent = doccache.sent(anchor)
    for _ in range(3):
        if sent.start == 0:
            break
        sent = doccache.sent(att.doc[sent.start - 1])
        if not (att.m.in_quote(sent[0].idx) and att.m.in_quote(sent[-1].idx)):
            break
    return sent.start


def _verb_subject(v: Token) -> Token | None:
    """The subject of ``v``: its own, that of the verb it is coordinated with ("Velk met the
    board and sued"), or the noun a relative clause hangs on ("the unions that wrote")."""
    for _ in range(3):
        subj = next((c for c in children(v) if c.dep_ == "nsubj"), None)
        if subj is not None and subj.lower_ in ("who", "that", "which") and v.dep_ == "relcl":
            return v.head
        if subj is not None:
            return subj
        if v.dep_ == "relcl":
            return v.head
        if v.dep_ != "conj":
            return None
        v = v.head
    return None


def _issuing_actor(att: Attributor, x: Token, q: QuoteCandidate) -> ActorRef | None:
    """The actor ``x`` names as a text's issuer. A common noun compounded with the text ("the
    committee report") issues it as the body it refers to, never as a person: "the 50-state
    poll" is no poll by whoever the role noun "state" would fall back to."""
    actor = _actor_of(att, x, q)
    if actor is not None and x.dep_ == "compound" and x.pos_ == "NOUN" and actor.kind == ActorKind.person:
        return None
    return actor


def _actor_of(att: Attributor, x: Token, q: QuoteCandidate) -> ActorRef | None:
    cl = att.m.cluster_for_token(x.i)
    if cl is not None and cl.actor is not None:
        return cl.actor
    m = att.m.mention_for_token(x.i)
    if m is not None:
        return m.actor if m.actor.kind in _SPEAKING and m.actor.id else None
    if x.pos_ not in ("PROPN", "NOUN") or x.lemma_.lower() in ANAPHORIC_TEXTS:
        return None
    sp = att.from_token(x, q)
    if sp is not None and sp.kind == ActorKind.group and x.tag_ == "NNS":
        # "Forty groups wrote to the council ... the letter says", "Several officials released a
        # statement": people or bodies that issued a text together are who it speaks for (a
        # capitalised plural is rather a name the NER missed: "Halden Reports").
        return ActorRef(id=sp.id, name=sp.name, kind=sp.kind)
    if sp is None or sp.kind not in _SPEAKING or sp.id.startswith(("unknown:", "group:")):
        return None
    return ActorRef(id=sp.id, name=sp.name, kind=sp.kind)


def _speaker(att: Attributor, tok: Token, det: Token, actor: ActorRef) -> Speaker:
    a = det.idx if det.i < tok.i else tok.idx
    b = tok.idx + len(tok.text)
    kind = MentionKind.organisation if actor.kind != ActorKind.person else MentionKind.role
    return actor_speaker(actor, att.text[a:b], a, b, kind)
