"""Candidate antecedents of a guessed speaker, their features, and the ranker's pick among them.

A decision is made where the rules would guess: a "he"/"she" speaker (kind ``pronoun``) or a
definite singular role noun or person description ("the candidate said", "said the former
chairman"; kind ``role``). The candidates are the actors the article mentioned before the
cue, nearest first (persons; for a role also organisations and governments), each with the
features listed in :data:`~stancewire.nlp.attribution.ranker.FEATURES`, computed from the
mention index, the parse and the attribution state (who spoke last, who spoke at all).

With a ranker the highest-scoring candidate is the speaker; a role decision's null candidate
winning means the description names no one mentioned (it stays a description). With a trace
list every decision is recorded whether or not a ranker decides (the training script's labels
are attached to these records).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Token

from stancewire.nlp.attribution.ranker import FEATURES
from stancewire.nlp.mentions import Mention, PersonCluster
from stancewire.nlp.mentions.descriptions import asker_for_office, profile_words, surely_a_person
from stancewire.schemas import ActorKind, ActorRef

if TYPE_CHECKING:
    from stancewire.nlp.attribution.attributor import Attributor

MAX_CANDIDATES = 10  # the nearest actors; an antecedent further back is rarely the speaker
_SUBJ = ("nsubj", "nsubjpass")
_PERSON = (ActorKind.person,)
_ACTORS = (ActorKind.person, ActorKind.organisation, ActorKind.government)
_IDX = {name: i for i, name in enumerate(FEATURES)}
_EMPTY = frozenset({"the", "a", "an", "former", "then", "current", "new", "old", "longtime", "veteran"})


@dataclass(slots=True)
class Candidate:
    actor: ActorRef
    affiliation: str | None
    feats: list[float]


@dataclass(slots=True)
class Decision:
    """One ranked decision: where (the speaker token's chars), among whom, and who won."""

    kind: str
    start: int
    end: int
    actor_ids: list[str | None]  # None: the null candidate
    feats: list[list[float]]
    rule: int | None  # index of the rules' choice among the candidates
    chosen: int | None
    genders: list[str | None] = field(default_factory=list)


def _is_subject(tok: Token) -> bool:
    return tok.dep_ in _SUBJ or (tok.dep_ == "appos" and tok.head.dep_ in _SUBJ)


def _sentence_starts(att: Attributor) -> list[int]:
    if att.sent_starts is None:
        att.sent_starts = [s.start_char for s in att.doc.sents]
    return att.sent_starts


def candidates(
    att: Attributor, tok: Token, kind: str, want: str | None, rule_id: str | None
) -> list[Candidate]:
    """The actors mentioned before ``tok``, nearest first, with their features (module doc)."""
    a = tok.idx
    kinds = _PERSON if kind == "pronoun" else _ACTORS
    latest: dict[str, Mention] = {}
    counts: dict[str, int] = {}
    subj_at: dict[str, int] = {}  # latest start of a subject mention
    order: list[str] = []
    ms = att.m.mentions
    for k in range(bisect_right(att.m.starts, a) - 1, -1, -1):
        m = ms[k]
        if m.end > a or m.actor.kind not in kinds or not m.actor.id:
            continue
        aid = m.actor.id
        if aid not in latest:
            if len(order) >= MAX_CANDIDATES:
                continue
            latest[aid] = m
            order.append(aid)
        counts[aid] = counts.get(aid, 0) + 1
        if aid not in subj_at and m.head >= 0 and _is_subject(att.doc[m.head]):
            subj_at[aid] = m.start
    if not order:
        return []
    clusters: dict[str, PersonCluster] = {c.actor.id: c for c in att.m.clusters if c.actor is not None}
    first_named = min((c for c in clusters.values() if c.seen), key=lambda c: c.first_seen, default=None)
    starts = _sentence_starts(att)
    tok_sent = bisect_right(starts, a) - 1
    prev_start = starts[tok_sent - 1] if tok_sent > 0 else -1
    last_person = att.last_by_kind.get("person")
    phrase: list[str] = []
    if kind == "role":
        phrase = [
            t.lower_ for t in att.doc[tok.left_edge.i : tok.i + 1] if t.is_alpha and t.lower_ not in _EMPTY
        ]
    lemma = tok.lemma_.lower()
    out: list[Candidate] = []
    for rank, aid in enumerate(order):
        m = latest[aid]
        c = clusters.get(aid)
        gender = c.gender if c is not None else None
        if want is not None and gender is not None and gender != want:
            continue  # "he" is never a person the article called "she"
        if kind == "role" and c is not None and asker_for_office(att.m, c, lemma, a):
            continue  # "Moderator X asked ... the senator said": whoever asks holds no office
        f = [0.0] * len(FEATURES)
        f[_IDX["rule_choice"]] = float(aid == rule_id)
        f[_IDX["last_person_speaker"]] = float(last_person is not None and last_person.speaker.id == aid)
        f[_IDX["last_speaker"]] = float(att.last is not None and att.last.speaker.id == aid)
        f[_IDX["spoke_before"]] = float(aid in att.spoken)
        f[_IDX["last_mention_subject"]] = float(subj_at.get(aid) == m.start)
        f[_IDX["prev_sentence_subject"]] = float(prev_start >= 0 and subj_at.get(aid, -1) >= prev_start)
        m_sent = bisect_right(starts, m.start) - 1
        f[_IDX["same_sentence"]] = float(m_sent == tok_sent)
        f[_IDX["sentence_distance"]] = min(tok_sent - m_sent, 10) / 10
        f[_IDX["paragraph_distance"]] = min(att.text.count("\n", m.end, a), 5) / 5
        f[_IDX["char_distance"]] = math.log1p(max(a - m.end, 0)) / 8
        f[_IDX["recency_rank"]] = min(rank, 5) / 5
        f[_IDX["mention_count"]] = math.log1p(counts[aid])
        f[_IDX["gender_match"]] = float(want is not None and gender == want)
        f[_IDX["gender_unknown"]] = float(gender is None)
        f[_IDX["surely_person"]] = float(c is not None and surely_a_person(c))
        f[_IDX["last_mention_in_quote"]] = float(att.m.in_quote(m.start))
        f[_IDX["first_person_named"]] = float(c is not None and c is first_named)
        if kind == "role" and c is not None:
            words = profile_words(att.m, c, a)
            f[_IDX["description_hits"]] = min(sum(1 for w in phrase if w in words), 3) / 3
            f[_IDX["title_match"]] = float(any(t.lower() == lemma for t, _ in c.roles))
            f[_IDX["has_role"]] = float(bool(c.roles))
        f[_IDX["organisation"]] = float(m.actor.kind != ActorKind.person)
        newer = max((s for o, s in subj_at.items() if o != aid), default=-1)
        f[_IDX["newer_subject_exists"]] = float(newer > m.start)
        aff = c.affiliation if c is not None else m.affiliation
        out.append(Candidate(ActorRef(id=aid, name=m.actor.name, kind=m.actor.kind), aff, f))
    return out


def rank(
    att: Attributor, tok: Token, kind: str, want: str | None, rule_id: str | None
) -> tuple[bool, Candidate | None]:
    """(whether the ranker decided, its pick) for ``tok``; the pick is None when the null
    candidate won. Records the decision when the attributor keeps a trace."""
    if att.ranker is None and att.trace is None:
        return False, None
    cands = candidates(att, tok, kind, want, rule_id)
    feats = [c.feats for c in cands]
    ids: list[str | None] = [c.actor.id for c in cands]
    if kind == "role":
        null = [0.0] * len(FEATURES)
        null[_IDX["null"]] = 1.0
        null[_IDX["rule_choice"]] = float(rule_id is None or rule_id not in ids)
        feats.append(null)
        ids.append(None)
    if not cands:
        return False, None
    rule = ids.index(rule_id) if rule_id in ids else (len(ids) - 1 if kind == "role" else None)
    decides = att.ranker is not None and kind in att.ranker_kinds
    chosen = att.ranker.best(kind, feats) if att.ranker is not None and decides else rule
    if att.trace is not None:
        genders = [att.m.gender_of(i) if i else None for i in ids]
        att.trace.append(Decision(kind, tok.idx, tok.idx + len(tok.text), ids, feats, rule, chosen, genders))
    if not decides or chosen is None:
        return False, None
    return True, (cands[chosen] if chosen < len(cands) else None)
