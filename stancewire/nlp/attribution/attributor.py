"""The per-article attribution state, and the order in which each quote's speaker is found."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from stancewire.nlp.attribution.candidates import Decision
from stancewire.nlp.attribution.floating import floating_speaker
from stancewire.nlp.attribution.plural_subjects import joint_speaker
from stancewire.nlp.attribution.pronouns import first_person_in_quote
from stancewire.nlp.attribution.ranker import KINDS, RankerModel
from stancewire.nlp.attribution.relatives import clause_relative, relative_antecedent
from stancewire.nlp.attribution.sentence_mentions import sentence_possessives, sentence_pronouns
from stancewire.nlp.attribution.speakers import from_span, from_token
from stancewire.nlp.attribution.tokens import raised_subject, token_at, usable_speaker_token
from stancewire.nlp.attribution.writer import interviewee_actor
from stancewire.nlp.doccache import children
from stancewire.nlp.mentions import ArticleMentions
from stancewire.nlp.quotes import QuoteCandidate
from stancewire.nlp.quotes.direct import TRANSCRIPT_RULE
from stancewire.nlp.quotes.relayed import RULE as RELAY_RULE
from stancewire.nlp.quotes.text import first_question
from stancewire.schemas import ActorKind, ActorRef, MentionKind, Speaker


@dataclass(slots=True)
class LastQuote:
    speaker: Speaker
    end: int  # char offset where that quote ended
    # Whom the speaker asked, when the quote is a question put to a person ("Velk asked Marsh
    # whether ..."): the one who answers next (see pronouns.answerer).
    asked: ActorRef | None = None


class Attributor:
    """Resolves the speakers of one article's quote candidates (call :meth:`run` once per Doc).

    It holds what one article's attribution remembers: the previous speaker (for split and
    floating quotes and pronouns) and lookups built on first need."""

    def __init__(
        self,
        doc: Doc,
        mentions: ArticleMentions,
        ranker: RankerModel | None = None,
        trace: list[Decision] | None = None,
        ranker_kinds: frozenset[str] = frozenset(KINDS),
        writer: ActorRef | None = None,
    ) -> None:
        self.doc = doc
        # Doc.text re-joins every token on each access: read it once.
        self.text = mentions.text
        self.m = mentions
        self.last: LastQuote | None = None
        self.last_by_kind: dict[str, LastQuote] = {}
        self.quote_spans: list[tuple[int, int]] | None = None  # quote-marked spans, on first need
        # The text inside quotation marks alone (a mixed quote's own words, not its narration),
        # as (start, end) in text order, on first need.
        self.marked: list[tuple[int, int]] | None = None
        self.sent_starts: list[int] | None = None  # sentence start offsets, on first need
        # The learned ranker decides guessed speakers (None: the rules alone); ``trace``
        # collects every such decision for the training script.
        self.ranker = ranker
        self.ranker_kinds = ranker_kinds  # which decisions ("pronoun", "role") it makes
        self.trace = trace
        self.spoken: set[str] = set()  # ids of every speaker so far
        self.contents: list[tuple[int, int]] = []  # every quote's [start, end), set by run()
        # The byline's one writer speaks first-person narration (see writer.py); not in a
        # question-and-answer transcript, whose "I" is the interviewee.
        # Where a question-and-answer transcript's first question is (None: no transcript).
        self.first_question = first_question(self.text)
        self.writer = writer if self.first_question is None else None
        self.interviewee = (
            interviewee_actor(mentions, self.first_question) if self.first_question is not None else None
        )

    def from_token(self, tok: Token, q: QuoteCandidate) -> Speaker | None:
        """The speaker a token names (a method, so that pronoun resolution, which calls it for
        an earlier subject, and speaker resolution, which calls pronoun resolution, need not
        import each other)."""
        return from_token(self, tok, q)

    def run(self, candidates: list[QuoteCandidate]) -> list[tuple[QuoteCandidate, Speaker | None]]:
        out: list[tuple[QuoteCandidate, Speaker | None]] = []
        prev: Speaker | None = None
        # A split quote takes the speaker of the quote whose cue it shares, not of whatever was
        # attributed in between ('"A," LeVell declared, after a show during which callers asked
        # how much he was paid. "B."': "B" is LeVell's, not the callers').
        by_cue: dict[int, Speaker | None] = {}
        # Names said inside a quote are what the speaker talks about, not whom a later
        # description ("the former governor said") refers to: the mention index learns where
        # the quotes are.
        self.m.quoted = sorted((c.start, c.end) for c in candidates if c.type != "indirect")
        # Every quote's content, reported speech included: a name there is what a speaker said
        # about someone (pronoun salience reads it, see pronouns.pronoun).
        self.contents = sorted((c.start, c.end) for c in candidates)
        for q in candidates:
            sp: Speaker | None = None
            if q.inherit == "previous":
                sp = by_cue.get(q.cue_start, prev) if q.cue_start is not None else prev
            elif q.inherit == "context":
                s = floating_speaker(self, q, candidates)
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
                tok = usable_speaker_token(self, self.doc[q.speaker_token], q)
                if tok is not None:
                    tok = relative_antecedent(self, tok, q)
                # "Velk and Brekke said": the subject the quote finder found joins several.
                sp = (joint_speaker(self, tok) or from_token(self, tok, q)) if tok is not None else None
            elif q.speaker_span is not None:
                sp = from_span(self, *q.speaker_span)
            else:
                tok = raised_subject(self, q)
                sp = from_token(self, tok, q) if tok is not None else None
            if sp is None and q.rule == TRANSCRIPT_RULE:
                # An "A:" line whose introduction names no one: the line is nobody's quote to
                # report.
                continue
            if q.rule == RELAY_RULE:
                # '“…,” he told aides, according to Lia Quorn': the source only relays the quote,
                # whose own frame follows; she is not the "he" of that frame, nor the last person
                # quoted for the next "he said".
                out.append((q, sp))
                continue
            if sp is not None and self.writer is not None and sp.id == self.writer.id:
                # The writer narrating is nobody a later "he said" or floating quote refers to;
                # but the rest of a quote the writer split ("'I am not shy,' I said. 'I have
                # ...'") is the writer's too.
                prev = sp
                if q.cue_start is not None and q.inherit is None:
                    by_cue.setdefault(q.cue_start, sp)
                out.append((q, sp))
                continue
            if sp is not None:
                self.spoken.add(sp.id)
                self.last = LastQuote(sp, q.end, asked_person(self, q))
                if sp.kind == ActorKind.person:
                    self.last_by_kind["person"] = self.last
                else:
                    self.last_by_kind["collective"] = self.last
            if sp is not None:
                speaker_mention(self, sp)
                spoken_role(self, sp)
            if sp is not None and q.cue_start is not None and q.cue_end is not None:
                relative_mention(self, q, sp)
                sentence_pronouns(self, q, sp)
                sentence_possessives(self, q, sp)
            prev = sp if sp is not None else prev
            if q.cue_start is not None and q.inherit is None:
                by_cue.setdefault(q.cue_start, sp)
            out.append((q, sp))
            if sp is not None and q.type in ("direct", "floating", "mixed"):
                first_person_in_quote(self, q, sp)
        return out


def asked_person(att: Attributor, q: QuoteCandidate) -> ActorRef | None:
    """The person a question quote is put to: the named object of its cue "ask" ("Velk asked
    Marsh whether ..."), else None."""
    if q.cue_start is None or (q.cue_lemma or "").lower() != "ask":
        return None
    cue = token_at(att, q.cue_start)
    for c in children(cue) if cue is not None else ():
        m = att.m.mention_for_token(c.i) if c.dep_ in ("dobj", "dative") else None
        if m is not None and m.actor.kind == ActorKind.person and m.kind == MentionKind.name:
            return m.actor
    return None


def speaker_mention(att: Attributor, sp: Speaker) -> None:
    """A name the speaker was resolved from is a mention of that actor even where the name
    index did not take it ("Le Pen told", a surname with a particle). The index records it, so
    that its readers (stance targets, a floating quote's scorer, the web view's mentions) see
    every place the actor is named. Head -1: the span is not a token's mention, so the speaker
    rules, which ask the index about tokens, read the same index as before."""
    a, b = sp.mention_start, sp.mention_end
    if a is None or b is None or sp.mention_kind != MentionKind.name:
        # Only names: a description or pronoun resolved by the speaker rules is a guess, and
        # as an index mention a wrong guess would spread to the stance targets that the
        # index's pronouns resolve to ("his assets" going to the wrong person).
        return
    if sp.kind in (ActorKind.unknown, ActorKind.group):
        # A description that stayed a description ("the source", "the protesters") is no
        # known actor: as a mention it would shadow what the event coder resolves there.
        return
    # Mentions are short: any overlapping one lies inside this window.
    near = att.m.actors_in(a - 200, b + 200)
    if any(actor.id == sp.id and s < b and a < e for s, e, actor in near):
        return
    att.m.add(a, b, ActorRef(id=sp.id, name=sp.name, kind=sp.kind), sp.mention_kind, -1)


# Speaker mentions that refer back to a person already named (a name is in the index already).
_TALKED_ABOUT = frozenset({MentionKind.role, MentionKind.pronoun})


def spoken_role(att: Attributor, sp: Speaker) -> None:
    """ "The congressman said on Monday ...": a role mention resolved to a person keeps that
    person the one talked about, for a later description's salience ("... the 61-year-old
    said" with a name mentioned in between). So does a subject pronoun speaker ("“…,” he
    said"): the narrative kept talking about that person without naming them, and "the
    self-described centrist said" paragraphs after the name is still them. Only the person's
    cluster records it; the index's mentions stay names (see speaker_mention)."""
    if sp.mention_kind not in _TALKED_ABOUT or sp.kind != ActorKind.person or sp.mention_end is None:
        return
    if sp.mention_kind == MentionKind.pronoun and (sp.mention or "").lower() not in ("he", "she"):
        return  # "him siding with ...", "his vote": an object or possessor, not who tells
    head = token_at(att, sp.mention_end - 1)
    if head is None or head.dep_ == "poss" or any(c.dep_ == "case" for c in children(head)):
        return  # "the German leader's plan": a topic of the sentence, not who speaks in it
    c = next((c for c in att.m.clusters if c.actor is not None and c.actor.id == sp.id), None)
    if c is not None:
        att.m.spoken_roles.append((sp.mention_start, c))


def relative_mention(att: Attributor, q: QuoteCandidate, sp: Speaker) -> None:
    """ "Sanders, who said the race was not over": the relative pronoun is a mention of the
    speaker too (the speaker itself is the antecedent), so that later readers of the mention
    index (stance, evaluation) find the actor at "who" as well as at "Sanders"."""
    found = clause_relative(att, q)
    if found is None:
        return
    rel = found[1]
    if att.m.mention_for_token(rel.i) is not None:
        return
    actor = ActorRef(id=sp.id, name=sp.name, kind=sp.kind)
    att.m.add(rel.idx, rel.idx + len(rel.text), actor, MentionKind.pronoun, rel.i)
