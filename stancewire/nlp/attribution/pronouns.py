"""Pronoun speakers (salience, gender and number agreement) and "I"/"we" inside quotes."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from stancewire.nlp import doccache
from stancewire.nlp.attribution.candidates import rank
from stancewire.nlp.attribution.patterns import PRONOUN_RE, SPEAKER_WINDOW
from stancewire.nlp.attribution.plural_subjects import PluralSubject, plural_subject, subjects_before
from stancewire.nlp.attribution.tokens import token_at
from stancewire.nlp.attribution.words import (
    ANAPHORIC_TEXTS,
    FIRST,
    HE,
    IT,
    NOT_PEOPLE,
    PERSON_SUFFIXES,
    SHE,
    THEY,
)
from stancewire.nlp.attribution.writer import answer_line, labelled_line, letter_signer
from stancewire.nlp.doccache import children
from stancewire.nlp.mentions import Mention, PersonCluster
from stancewire.nlp.mentions.bodies import can_speak
from stancewire.nlp.mentions.descriptions import names_a_thing, noun_gender, surely_a_person
from stancewire.nlp.mentions.words import (
    COLLECTIVE_PERSON_NOUNS,
    FEMALE_WORDS,
    GROUP_NOUNS,
    MALE_WORDS,
    PERSON_DESC_NOUNS,
    TITLE_WORDS,
)
from stancewire.nlp.quotes import QuoteCandidate
from stancewire.schemas import ActorKind, ActorRef, MentionKind, Speaker

if TYPE_CHECKING:
    from stancewire.nlp.attribution.attributor import Attributor, LastQuote


def pronoun(att: Attributor, tok: Token, q: QuoteCandidate) -> Speaker | None:
    lower = tok.lower_
    a, b = tok.idx, tok.idx + len(tok.text)
    actor: ActorRef | None = None
    affiliation = None
    if lower in HE | SHE:
        want = "m" if lower in HE else "f"
        last = att.last_by_kind.get("person")
        # "he told Hannity": the pronoun is never the object of its own verb.
        others = own_objects(att, tok)
        if (
            last is not None
            and (last.speaker.mention or "").lower() in FIRST
            and not att.m.in_quote(last.speaker.mention_start or 0)
        ):
            last = None  # the narrator (see :func:`narrator`) spoke last
        if (
            last is not None
            and tok.idx - last.end <= SPEAKER_WINDOW
            and gender_ok(att, last.speaker.id, want)
            and last.speaker.id
            and not thing_id(att, last.speaker.id)
            and last.speaker.id not in others
        ):
            actor = ActorRef(id=last.speaker.id, name=last.speaker.name, kind=ActorKind.person)
            affiliation = last.speaker.affiliation
        answering = answerer(att, q, last, want, others)
        if answering is not None:
            actor, affiliation = answering, None
        # A nearer person who is the subject of the previous sentence wins over an older speaker.
        cand = nearest_person(att, tok, want, others)
        # ... unless that subject is inside a quote's content, the very quote being attributed
        # included ("“I am sure Brandt is going to win,” he said": Brandt is what the speaker
        # talks about; "he" is still the last speaker, Marsh).
        newer = (
            cand is not None
            and cand[2]
            and (
                cand[1] > (last.end if last else -1)
                or overrun(att, cand[1], last)
                or reports(att, cand, last)
            )
        )
        if newer and actor is not None and cand is not None and in_content(att, cand[1] - 1):
            newer = overrun(att, cand[1], last)
        if cand is not None and (actor is None or newer):
            actor, affiliation = cand[0], cand[3]
        reporter = (
            reporter_of(att, tok, last, want, others) if actor is not None and last is not None else None
        )
        if reporter is not None and actor is not None and last is not None and actor.id == last.speaker.id:
            # "Marsh was blunt, claiming that Velk wanted ... ''Insane,'' he said": the nearest
            # subject is the reported one; the sentence is about its reporter.
            actor, affiliation = reporter.actor, reporter.affiliation
        if actor is None:
            # Nothing recent: the article's only person of that gender named so far, if unique.
            same = [
                c
                for c in att.m.clusters
                if c.gender == want and c.actor is not None and c.first_seen < tok.idx
            ]
            if len(same) == 1:
                actor, affiliation = same[0].actor, same[0].affiliation
        if actor is None:
            # Nobody named fits: "A widow who sells nets by the lighthouse heard the news from
            # her nephew. She said ...": the person a subject just before describes.
            actor = described_person(att, tok, want, q)
        if actor is None:
            actor = unnamed_speaker_continued(att, tok, want)
        if actor is None:
            actor = name_gender_overruled(att, tok, want)
        if actor is None:
            actor = relative_before(att, tok, want, q)
        # Salience above is a guess among the people named so far: the learned ranker, when
        # on, decides among them (the rules' pick is one of its features).
        decided, pick = rank(att, tok, "pronoun", want, actor.id if actor is not None else None)
        if decided and pick is not None:
            actor, affiliation = pick.actor, pick.affiliation
        if actor is not None and unnamed_spoke_since(att, tok, last, want):
            # "Another mother, who asked not to be named, said ... 'I check everything,' she
            # said": an unnamed person spoke after the last named speaker and no person was
            # named since; the pronoun continues her, not the older name.
            unnamed = unnamed_speaker_continued(att, tok, want)
            if unnamed is not None:
                actor, affiliation = unnamed, None
        if actor is not None:
            learn_gender(att, actor.id, want)
    elif lower in THEY | IT:
        actor = collective_pronoun(att, tok, q, lower)
    elif lower in FIRST:
        # "I"/"we" outside quote marks: the writer of a first-person column, when the byline
        # names one; never a transcript line ("A: I think …"), which is its labelled speaker's.
        if att.interviewee is not None and answer_line(att.text, tok.idx, att.first_question or 0):
            actor = att.interviewee  # "A: I think it's in our interests": the interviewee
        elif labelled_line(att.text, tok.idx):
            return None
        elif att.writer is not None:
            actor = att.writer
        elif lower in _SINGULAR_FIRST:
            # A readers' letters page: "I" is whoever signs the letter (writer.letter_signer).
            actor = letter_signer(att.m, att.text, tok.idx)
    if actor is None:
        return None
    att.m.add(a, b, actor, MentionKind.pronoun, tok.i)
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


def collective_pronoun(att: Attributor, tok: Token, q: QuoteCandidate, lower: str) -> ActorRef | None:
    """Whom "they"/"it" (``tok``) refers to: a text, a plural group or an organisation made the
    subject since the last collective speaker, else that speaker."""
    last = att.last_by_kind.get("collective")
    if last is not None and not speaks(att, last.speaker):
        last = None  # "the Great Recession" is no antecedent of "they said"
    # "A woman in the front row said ...": one person or thing described is no "they"; nor,
    # then, is an older organisation (the "they" is people the parser did not make a subject).
    singular = last is not None and lower in THEY and one_described(att, last.speaker)
    if singular:
        last = None
    fresh = previous_subject_org(att, tok)
    if fresh is not None and not speaks(att, fresh.actor):
        fresh = None
    group = plural_subject(att, tok, q) if lower in THEY else None
    text = text_subject_before(att, tok, q) if lower in IT else None
    if text is not None and (last is None or text[1] > last.end):
        # "The report also listed the breaches. It said ...": the text made the subject
        # since the last collective speaker speaks on (for whoever issued it, when known).
        return text[0]
    if (
        group is not None
        and (last is None or group.start > last.end or within_group(group, last.speaker))
        and (fresh is None or group.start > fresh.start)
    ):
        # "Union leaders met on Tuesday. They said ...": a plural group made the subject
        # since the last collective speaker is what "they" picks up, not an older
        # organisation.
        group_antecedent(att, group.actor, group.start, group.end)
        return group.actor
    if fresh is not None and (last is None or fresh.start > last.end):
        # "The Bank Workers' Federation tells a different story. It says ...": an
        # organisation made the subject since the last collective speaker is the new topic.
        return fresh.actor
    if last is not None and tok.idx - last.end <= SPEAKER_WINDOW:
        sp = last.speaker
        actor = ActorRef(id=sp.id, name=sp.name, kind=sp.kind)
        if sp.mention_kind == MentionKind.role:  # the phrase it spoke by, not a pronoun
            group_antecedent(att, actor, sp.mention_start or 0, sp.mention_end or 0)
        return actor
    actor = att.m.best_org_before(tok.idx) if not singular else None
    return actor if actor is not None and speaks(att, actor) else None


def one_described(att: Attributor, sp: Speaker) -> bool:
    """Whether the speaker ``sp`` is a description of one unnamed person or thing ("a woman",
    "the book", "one insider"): its mention a singular common noun that names no group of
    people ("the crowd", "the family" are "they" in American usage) and no body."""
    if sp.kind != ActorKind.unknown or sp.mention_kind != MentionKind.role or not sp.mention_end:
        return False
    head = token_at(att, sp.mention_end - 1)
    if head is None or head.tag_ != "NN":
        return False
    lemma = head.lemma_.lower()
    return lemma not in COLLECTIVE_PERSON_NOUNS and lemma not in GROUP_NOUNS and lemma != "group"


def group_antecedent(att: Attributor, actor: ActorRef, a: int, b: int) -> None:
    """ "Harbour pilots met on Tuesday. They said ...": the phrase a group was named by is a
    mention of it once a pronoun refers back to it, so the index's readers (the web view, the
    evaluation) see what "they" stands for. A group no pronoun takes up stays out of the index
    (see attributor.speaker_mention). Head -1, as there: the speaker rules' token lookups stay
    as they were."""
    if actor.kind != ActorKind.group or b <= a:
        return
    if any(other.id == actor.id and s < b and a < e for s, e, other in att.m.actors_in(a, b)):
        return  # already recorded (an earlier pronoun took it up)
    att.m.add(a, b, actor, MentionKind.role, -1)


_SINGULAR_FIRST = frozenset({"i", "me", "my"})


def described_person(att: Attributor, tok: Token, want: str, q: QuoteCandidate) -> ActorRef | None:
    """The person a singular common noun describes as the main subject of the pronoun's own
    sentence (when the pronoun opens a clause under it: "The chair of the dock union opposes
    the levy, since she expects ...") or of the two sentences before ("A photographer from the
    Courier watched the count. '...,' he said"), when its gender fits; else None. Only asked
    when no named person fits: a description is no better guess than a name of that gender."""
    for subj in subjects_before(att, tok):
        g = noun_gender(subj.lemma_.lower())
        if subj.pos_ != "NOUN" or subj.tag_ != "NN" or not (person_noun(subj) or g is not None):
            continue
        if g is not None and g != want:
            continue
        if rival_described(att, subj, tok, want):
            return None
        sp = att.from_token(subj, q)
        if sp is None or sp.kind not in (ActorKind.person, ActorKind.unknown):
            continue
        if sp.kind == ActorKind.person and not gender_ok(att, sp.id, want):
            continue  # the description resolved to someone named, of the other gender
        return ActorRef(id=sp.id, name=sp.name, kind=sp.kind)
    return None


def unnamed_speaker_continued(att: Attributor, tok: Token, want: str) -> ActorRef | None:
    """The unnamed person who spoke last ("the woman", a "she" resolved to her) when the
    pronoun ``tok`` can only continue her: only asked when no named person fits. "The woman
    said … 'It just came out,' she said. After she blurted it out, she said …": each "she" is
    the speaker before it, though her description is sentences back (described_person reads
    two)."""
    last = att.last
    if last is None or last.speaker.kind != ActorKind.unknown or tok.idx - last.end > SPEAKER_WINDOW:
        return None
    words = (last.speaker.mention or "").lower().split()
    if not words:
        return None
    head = words[-1]
    if head in HE | SHE:
        fits = head in (HE if want == "m" else SHE)
    else:
        g = noun_gender(head)
        fits = g == want or (g is None and person_word(head))
    if not fits:
        return None
    return ActorRef(id=last.speaker.id, name=last.speaker.name, kind=last.speaker.kind)


def unnamed_spoke_since(att: Attributor, tok: Token, last: LastQuote | None, want: str) -> bool:
    """Whether the latest quote, just before the pronoun ``tok``, is an unnamed person's (kind
    unknown) and ends after the last named speaker's quote, and no person of the pronoun's
    gender ``want`` was named since that one ("A reporter asked Sanders how he felt. He
    replied": Sanders answers)."""
    newest = att.last
    if newest is None or newest.speaker.kind != ActorKind.unknown:
        return False
    since = last.end if last is not None else -1
    if newest.end <= since or tok.idx - newest.end > _UNNAMED_REACH:
        return False
    if not main_clause_speaker(att, newest):
        return False  # "... because she feared her employer would think she lied": no speaker
    if last is not None:
        # The named speaker's own cue sentence ('"...," said Morn, whose son ...') names him.
        end_tok = token_at(att, max(last.end - 1, 0))
        since = doccache.sent(end_tok).end_char if end_tok is not None else since
    return not any(
        m.start > since and gender_ok(att, m.actor.id, want)
        for m in att.m.person_mentions_before(tok.idx, window=SPEAKER_WINDOW)
    )


def main_clause_speaker(att: Attributor, q: LastQuote) -> bool:
    """Whether the speaker mention of ``q`` is the subject of a verb outside any subordinate
    clause, as a speaker who is introduced is ("A teacher, who asked not to be named, said
    ..."), not of one inside a reason or relative clause ("... because she feared her employer
    would think she lied")."""
    end = q.speaker.mention_end
    head = token_at(att, end - 1) if end else None
    if head is None or head.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return all(t.dep_ not in _SUBORDINATE for t in (head.head, *head.head.ancestors))


_SUBORDINATE = frozenset({"advcl", "relcl", "acl"})


# chars: how far after an unnamed speaker's quote a pronoun still plainly continues her
_UNNAMED_REACH = 400


def rival_described(att: Attributor, subj: Token, tok: Token, want: str) -> bool:
    """Whether a noun whose gender is ``want`` ("a young man") stands between the subject
    ``subj`` and the pronoun ``tok``, outside the subject's own phrase: someone else the
    pronoun may continue ("A magistrate spoke with a young man. ... once he admitted ..."), so
    the subject is no safe guess."""
    for t in att.doc[subj.right_edge.i + 1 : tok.i]:
        if t.pos_ == "NOUN" and t.tag_ == "NN" and noun_gender(t.lemma_.lower()) == want:
            return True
    return False


def answerer(
    att: Attributor, q: QuoteCandidate, last: LastQuote | None, want: str, others: set[str]
) -> ActorRef | None:
    """Whom "he"/"she" is right after a question put to a named person ("Velk asked Marsh
    whether he would run. 'Not this year,' he said."): the person asked, who answers, when the
    gender fits and the quote is no further question; else None."""
    if last is None or last.asked is None or att.last is not last or (q.cue_lemma or "").lower() == "ask":
        return None  # only the quote right after the question answers it
    if q.start - last.end > SPEAKER_WINDOW or last.asked.id in others:
        return None
    return last.asked if gender_ok(att, last.asked.id, want) else None


def speaks(att: Attributor, actor: ActorRef | Speaker) -> bool:
    ref = ActorRef(id=actor.id, name=actor.name, kind=actor.kind)
    return ref.kind == ActorKind.group or can_speak(ref, att.text, att.m.registry)


def overrun(att: Attributor, end: int, last: LastQuote | None) -> bool:
    """Whether the person mention ending at ``end`` is the subject of its sentence's main verb,
    outside quote marks and after the last speaker's own mention, though inside that speaker's
    content ("Asked whether he feared Velk, who called the plan a hoax, Ostrand demurred.": the
    content of "called" runs on over "Ostrand demurred"). A reported content is a clause under
    its cue, never the main clause: the sentence is about this person, whom "he" continues."""
    if last is None or last.speaker.mention_end is None or end <= last.speaker.mention_end:
        return False
    k = bisect_right(att.m.tok_starts(), end - 1) - 1
    m = att.m.mention_for_token(k) if k >= 0 else None
    if m is None or m.head < 0:
        return False
    head = att.doc[m.head]
    main = head.dep_ in ("nsubj", "nsubjpass") and head.head == doccache.sent(head).root
    return main and not att.m.in_quote(head.idx)


def reports(att: Attributor, cand: tuple[ActorRef, int, bool, str | None], last: LastQuote | None) -> bool:
    """Whether the subject ``cand`` (actor, end of its mention, ...) reported the last speaker's
    words: the last speaker is named later in the same sentence as ``cand``, who is outside any
    quote's content, inside a quote's content ("Velk said he ran only because Marsh agreed to
    help.") or as the subject of a clause under the main one ("Velk was blunt, claiming that
    Marsh wanted to close the port."). The sentence is about the reporter; the one reported is
    what he talks about, and a "he" after it continues the reporter."""
    if last is None or last.speaker.mention_start is None or cand[0].id == last.speaker.id:
        return False
    start = last.speaker.mention_start
    if cand[1] > start or in_content(att, cand[1] - 1):
        return False
    starts = att.m.tok_starts()
    toks = att.m.toks
    here = toks[bisect_right(starts, start) - 1]
    there = toks[bisect_right(starts, cand[1] - 1) - 1]
    if doccache.sent(here).start != doccache.sent(there).start:
        return False
    return in_content(att, start) or embedded_subject(att, here)


def reporter_of(
    att: Attributor, pron: Token, last: LastQuote, want: str, exclude: set[str]
) -> Mention | None:
    """The main-clause subject who reported the last speaker (see :func:`reports`): a person of
    fitting gender named before the last speaker in the same sentence, outside any quote's
    content, when the last speaker is named inside one or as the subject of a clause under the
    main verb, and the pronoun ``pron`` opens a later sentence (in the reporter's own sentence
    it is part of what was reported: "Velk noted that Marsh had posted it right after he
    posted ..."); else None."""
    start = last.speaker.mention_start
    if start is None:
        return None
    starts = att.m.tok_starts()
    tok = att.m.toks[bisect_right(starts, start) - 1]
    sent = doccache.sent(tok)
    if doccache.sent(pron).start <= sent.start:
        return None
    if not (in_content(att, start) or embedded_subject(att, tok)):
        return None
    for c in children(sent.root):
        if c.dep_ not in ("nsubj", "nsubjpass") or c.idx >= start:
            continue
        m = att.m.mention_for_token(c.i)
        if m is None or m.actor.kind != ActorKind.person:
            continue  # "A week earlier, ... Mr. Marsh was harsh": the parser's second subject
        if (
            m.actor.id in exclude
            or m.actor.id == last.speaker.id
            or not gender_ok(att, m.actor.id, want)
            or thing_id(att, m.actor.id)
            or in_content(att, m.start)
        ):
            return None
        return m
    return None


# Dependencies that join a clause as a second statement of its own, not one under the verb.
_COORDINATE = frozenset({"conj", "parataxis"})


def embedded_subject(att: Attributor, tok: Token) -> bool:
    """Whether the name at ``tok`` is the subject of a clause set under its sentence's main verb
    (a complement or adverbial clause, at any depth), not of the main or a coordinate clause."""
    m = att.m.mention_for_token(tok.i)
    head = att.m.toks[m.head] if m is not None and m.head >= 0 else tok
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return False
    root = doccache.sent(head).root
    verb = head.head
    if verb == root:
        return False
    for _ in range(8):
        if verb.dep_ in _COORDINATE or verb.head.i == verb.i:
            return False
        verb = verb.head
        if verb == root:
            return True
    return False


def in_content(att: Attributor, char: int) -> bool:
    """Whether ``char`` lies inside the content of one of the article's quotes (direct or
    reported)."""
    i = bisect_right(att.contents, (char, 1 << 62)) - 1
    return i >= 0 and att.contents[i][0] <= char < att.contents[i][1]


def within_group(group: PluralSubject, sp: Speaker) -> bool:
    """Whether ``sp`` was named inside the phrase of ``group`` ("The Harbour Board and the
    Pilots' Guild oppose the levy. They said ...": the board spoke last, as the first of the
    subjects, but "they" is all of them)."""
    start = sp.mention_start
    return start is not None and group.start <= start < group.end


def previous_subject_org(att: Attributor, tok: Token) -> Mention | None:
    """The organisation that is the main-clause subject of the sentence before ``tok``'s
    (one sentence is read, not the article). One of several subjects joined by "and" is not
    it ("the Harbour Board and the Pilots' Guild oppose ...": "they" is both)."""
    start = doccache.sent(tok).start
    if start == 0:
        return None
    prev = doccache.sent(att.m.toks[start - 1])
    for c in children(prev.root):
        if c.dep_ in ("nsubj", "nsubjpass") and not c.conjuncts:
            m = att.m.mention_for_token(c.i)
            if (
                m is not None
                and m.kind == MentionKind.organisation
                and m.actor.kind in (ActorKind.organisation, ActorKind.government)
            ):
                return m
    return None


def text_subject_before(att: Attributor, tok: Token, q: QuoteCandidate) -> tuple[ActorRef, int] | None:
    """The speaker a definite text ("the report", "this memo") stands for, and its offset, when
    that text is the main-clause subject of the sentence right before the subject pronoun
    ``tok``, in the same paragraph; else None."""
    start = doccache.sent(tok).start
    if start == 0 or tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    prev = doccache.sent(att.m.toks[start - 1])
    if "\n" in att.text[prev.end_char : tok.idx]:
        return None
    subj = next((c for c in children(prev.root) if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ != "NOUN" or subj.tag_ != "NN" or subj.lemma_.lower() not in ANAPHORIC_TEXTS:
        return None
    if not any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in children(subj)):
        return None
    sp = att.from_token(subj, q)
    if sp is None:
        return None
    return ActorRef(id=sp.id, name=sp.name, kind=sp.kind), subj.idx


def learn_gender(att: Attributor, actor_id: str, want: str) -> None:
    """A person the article has called "he" or "she" keeps that gender for later pronouns: a
    surname alone, or a first name the data does not know, has none until then, and without it
    a later "she" may go to him as readily as to her."""
    for c in att.m.clusters:
        if c.actor is not None and c.actor.id == actor_id:
            if c.gender is None and surely_a_person(c) and not names_a_thing(att.m, c):
                c.gender = want
            return


def name_gender_overruled(att: Attributor, tok: Token, want: str) -> ActorRef | None:
    """The main subject of the sentence just before, in the same paragraph, when only the
    given-name list gave that person the other gender ("Marty Walz ... Walz approaches it
    calmly. She said ..."): with nobody of gender ``want`` in reach, the article's own pronoun
    says the name is one of those given to either sex, and the person keeps that gender."""
    sent = doccache.sent(tok)
    if sent.start == 0 or "\n" in att.text[sent.start_char - 2 : sent.start_char]:
        return None
    prev = doccache.sent(att.doc[sent.start - 1])
    if "\n" in att.text[prev.start_char : sent.start_char].rstrip():
        return None  # the sentence before is in another paragraph
    subj = next((t for t in children(prev.root) if t.dep_ in ("nsubj", "nsubjpass")), None)
    c = att.m.cluster_for_token(subj.i) if subj is not None else None
    if c is None or c.actor is None or not c.gender_by_name or c.gender == want or att.m.in_quote(subj.idx):
        return None
    if own_gender_pronoun(att, prev, c.gender):
        # "Tom Hale came with his daughter, Ana. 'We ran late,' she said": the sentence itself
        # calls someone "his", most likely the man it is about; the "she" is someone else
        # (the daughter it names), not a sign that the given name is a woman's too.
        return None
    c.gender, c.gender_by_name = want, False
    return c.actor


def relative_before(att: Attributor, tok: Token, want: str, q: QuoteCandidate) -> ActorRef | None:
    """Someone's relative of gender ``want`` the sentence just before names ("Tom Hale came with
    his daughter, Ana. 'We ran late,' she said"), in the same paragraph: only asked when nobody
    named fits, so the "she" is the daughter, not the man."""
    sent = doccache.sent(tok)
    if sent.start == 0 or "\n" in att.text[sent.start_char - 2 : sent.start_char]:
        return None
    prev = doccache.sent(att.doc[sent.start - 1])
    if "\n" in att.text[prev.start_char : sent.start_char].rstrip():
        return None
    for t in prev:
        if t.pos_ != "NOUN" or noun_gender(t.lemma_.lower()) != want or att.m.in_quote(t.idx):
            continue
        if not any(c.dep_ == "poss" for c in children(t)):
            continue
        sp = att.from_token(t, q)
        if sp is not None and sp.kind in (ActorKind.person, ActorKind.unknown):
            return ActorRef(id=sp.id, name=sp.name, kind=sp.kind)
    return None


def own_gender_pronoun(att: Attributor, sent: Span, gender: str | None) -> bool:
    """Whether ``sent`` has a pronoun of ``gender`` ("he", "his"; "she", "her") outside quote
    marks."""
    words = HE if gender == "m" else SHE if gender == "f" else frozenset()
    return any(t.lower_ in words and not att.m.in_quote(t.idx) for t in sent)


def thing_id(att: Attributor, actor_id: str) -> bool:
    """Whether ``actor_id`` is a PERSON cluster that names a thing ("Velmar Security"): it may
    have spoken ("Velmar Security warned"), but "he" is never it."""
    c = next((c for c in att.m.clusters if c.actor is not None and c.actor.id == actor_id), None)
    return c is not None and names_a_thing(att.m, c)


def person_like(att: Attributor, c: PersonCluster) -> bool:
    """Whether salience may hand a "he"/"she" to ``c``: a cluster that is surely a person, or a
    lone surname the article gave a person's title ("Judge Varrow", "Sen. Okafor"): the title
    says it is someone, though not whether he or she."""
    titled = bool(c.roles) and len(c.name) > 2  # not the "D" of a "(D-Quillon)" party tag
    return surely_a_person(c) or (titled and not names_a_thing(att.m, c))


def gender_ok(att: Attributor, actor_id: str, want: str) -> bool:
    g = att.m.gender_of(actor_id)
    return g is None or g == want


# Prepositions whose object is someone other than the verb's subject ("said to Brekke", "spoke
# with", "said of Cruz"); not "as"/"like" ("praised Lindqvist as the best coach, including me":
# a predicate, which may be the subject himself).
_OBJECT_PREPS = frozenset(
    {"to", "with", "at", "of", "about", "against", "toward", "towards", "for", "from", "by", "on"}
)


def own_objects(att: Attributor, tok: Token) -> set[str]:
    """Actors named as the object of the verb ``tok`` is the subject of ("he told Hannity",
    "she thanked Velde", "he said to Brekke"): whom the pronoun cannot be."""
    verb = tok.head
    out: set[str] = set()
    for c in children(verb):
        objs = [c] if c.dep_ in ("dobj", "dative") else []
        if c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS:
            objs = [g for g in children(c) if g.dep_ == "pobj"]
        for o in objs:
            m = att.m.mention_for_token(o.i)
            if m is not None and m.actor.id:
                out.add(m.actor.id)
    out |= named_below(att, tok)
    return out


def named_below(att: Attributor, tok: Token) -> set[str]:
    """People named after the subject pronoun ``tok`` in a clause its verb takes as object or
    complement, its reported words included ("He argued that Ostrand had ignored the evidence",
    "she told the court Velk lied"): a pronoun is never someone named in the clause it governs
    (one writes "Ostrand argued that he had", not "he argued that Ostrand had"). Names in an
    adjunct or relative clause ("he spoke after Velk left the room"), inside quote marks (a
    speaker may name himself) or only modifying a noun ("the Velk campaign") do not count."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return set()
    verb = tok.head
    end = verb.right_edge.idx + len(verb.right_edge.text)
    out: set[str] = set()
    for a, _b, actor in att.m.actors_in(tok.idx + len(tok.text), end):
        if actor.kind != ActorKind.person or not actor.id:
            continue
        k = bisect_right(att.m.tok_starts(), a) - 1
        m = att.m.mention_for_token(k)
        if m is None or m.kind != MentionKind.name or m.head < 0:
            continue
        head = att.doc[m.head]
        if not modifier_name(head) and governed(head, verb) and not quoted_in_sentence(att, head):
            out.add(actor.id)
    return out


# How a clause or noun the verb governs joins it: objects and complements, not adjuncts.
_GOVERNED = frozenset({"ccomp", "xcomp", "dobj", "dative"})
# Clauses inside them whose names the pronoun does not govern (a relative, an adverbial clause,
# a coordinate clause with a subject of its own).
_FREE = frozenset({"relcl", "acl", "advcl", "conj", "parataxis"})


def governed(head: Token, verb: Token) -> bool:
    """Whether ``head`` sits in an object or complement of ``verb``, not in an adjunct, a
    relative or a coordinate clause on the way up."""
    t = head
    for _ in range(12):
        if t.head.i == t.i:
            return False
        if t.head == verb:
            return t.dep_ in _GOVERNED
        if t.dep_ in _FREE:
            return False
        t = t.head
    return False


def quoted_in_sentence(att: Attributor, head: Token) -> bool:
    """Whether ``head`` stands between quote marks opened earlier in its sentence."""
    text = att.text[doccache.sent(head).start_char : head.idx]
    opened = text.count("\u201c") > text.count("\u201d")
    return opened or text.count('"') % 2 == 1 or text.count("''") % 2 == 1


def nearest_person(
    att: Attributor, tok: Token, want: str, exclude: set[str] | frozenset[str] = frozenset(), depth: int = 0
) -> tuple[ActorRef, int, bool, str | None] | None:
    """Nearest preceding person mention of compatible gender, not one of ``exclude``: (actor,
    end, is_subject, affiliation)."""
    sent_start = doccache.sent(tok).start_char
    chain = chained_pronoun(att, tok, want) if depth < 3 else None
    topic_only = False
    for m in att.m.person_mentions_before(tok.idx, window=SPEAKER_WINDOW):
        if narrator(att, m):
            continue
        if chain is not None and m.start < doccache.sent(chain).end_char:
            # "Marsh once worked for Brandt. On Sunday he sat beside Reyes. ... he said": a
            # he/she heading the sentence before, which no quote resolved, carries the topic on;
            # the pronoun is whom that one continues (not a name that sentence has as an
            # object), a subject newer than what it passed.
            got = nearest_person(att, chain, want, exclude, depth + 1)
            if got is not None:
                return got[0], chain.idx + len(chain.text), True, got[3]
            chain = None
        if not gender_ok(att, m.actor.id, want) or m.actor.id in exclude:
            continue
        c = att.m.cluster_for_token(m.head)
        head = att.doc[m.head]
        # "the old Harrow Lane rail yard": a place the NER took for a person; but a lone
        # surname as the main subject of the sentence just before, in the same paragraph, is
        # the person the next "she" continues ("Paradis agrees. She said ...").
        doubtful = c is not None and c.gender is None and (not person_like(att, c) or names_a_thing(att.m, c))
        if doubtful and (c is None or names_a_thing(att.m, c) or not topic_surname(att, m, head, tok)):
            continue
        # Same-sentence non-subjects ("Putin responded to Trump's offer, praising him") are objects
        # the pronoun cannot be the subject-speaker of; skip them.
        # "CRC's chief executive, Fenna Achterberg, will leave": a name in apposition to the
        # subject is the subject.
        is_subj = head.dep_ in ("nsubj", "nsubjpass") or (
            head.dep_ == "appos" and head.head.dep_ in ("nsubj", "nsubjpass")
        )
        if m.start >= sent_start and is_subj:
            main = outer_subject(att, head, tok, want)
            if main is not None and main.actor.id not in exclude:
                # "Holm waited until Pirvu came back, and she told reporters ...": the subject of
                # a clause under the main verb is not what the sentence is about; a pronoun
                # outside that clause continues the main-clause subject.
                return main.actor, main.end, True, main.affiliation
        if m.start >= sent_start and not is_subj:
            if (
                preposed_possessor(head, tok)
                or topic_phrase(head, tok)
                or (possessed_subject(att, head) is not None and doccache.is_ancestor(head.head.head, tok))
            ):
                # "Since Rivera's op-ed in May, she has tacked left": the possessor in a phrase
                # before the pronoun's own clause is whom the sentence is about.
                return m.actor, m.end, True, m.affiliation
            if object_in_other_clause(att, m, head, tok, want):
                # "The ruling would not hurt Morn if she is elected, but she will want ...": the
                # one person of the pronoun's gender the sentence names, in a clause of its own.
                return m.actor, m.end, True, m.affiliation
            continue
        if m.start < sent_start and described_subject(att, head):
            # "A mayor who once beat Reyes will leave office. He said ...": the sentence is about
            # the person its subject describes, whom no name stands for there; a name in the
            # subject's relative clause is not whom "he" continues, nor is a name only
            # mentioned before it: the last person who was a sentence's subject is.
            topic_only = True
            continue
        if topic_only and not is_subj:
            continue
        if m.start < sent_start and main_possessed_subject(att, head):
            # "Brell's visit to the port was a surprise. He said ...": the sentence is about the
            # owner of its subject, a newer topic than the last speaker.
            return m.actor, m.end, True, m.affiliation
        if (
            not is_subj
            and head.dep_ not in ("pobj", "dobj", "poss", "appos", "conj", "compound")
            and not (
                marked_possessor(head) and m.start < sent_start and other_gender_subject(att, head, want)
            )
        ):
            continue
        if modifier_name(head):
            continue
        if is_subj and m.start < sent_start:
            main = main_subject(att, head, want)
            if main is not None and main is not m and main.actor.id not in exclude:
                # "Reid raised the example, just as Lincoln did. 'He reached out…', he said":
                # the subject of an embedded clause is nearer, but the sentence is about its
                # main-clause subject, whom the next sentence's "he" continues.
                return main.actor, main.end, True, main.affiliation
        if not is_subj and m.start < sent_start:
            subj = sentence_subject(att, head, want, exclude)
            if subj is not None:
                # "Obama has deported more people than President Bush. He supported cuts": the
                # sentence is about its subject, whom the next "he" continues, not the object
                # (not a "newer" subject either: the last speaker still comes first).
                return subj.actor, subj.end, False, subj.affiliation
            if other_gender_subject(att, head, want) and sole_of_gender(att, head, m, want):
                # "Morn had backed Brennel's campaign. He thanked her": the subject cannot be
                # "he", and the one man the sentence names is newer than the last speaker.
                return m.actor, m.end, True, m.affiliation
        return m.actor, m.end, is_subj, m.affiliation
    return None


def clause_verb(t: Token) -> Token:
    """The verb (or the root) of the clause ``t`` stands in."""
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t
        t = t.head
    return t


_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


def has_subject(verb: Token) -> bool:
    """Whether the clause of ``verb`` has a subject of its own or, as a coordinate verb, its
    first conjunct's (a parse without one has misread the clause: "While Will acknowledges ..."
    with the name "Will" taken for a modal)."""
    for v in (verb, verb.head if verb.dep_ == "conj" else None):
        if v is not None and any(c.dep_ in _SUBJECTS for c in children(v)):
            return True
    return False


def object_in_other_clause(att: Attributor, m: Mention, head: Token, tok: Token, want: str) -> bool:
    """Whether ``m``, named before the subject pronoun ``tok`` in its sentence but not as a
    subject, is whom ``tok`` continues: ``tok`` heads a clause of its own (not one whose verb has
    ``m`` as an argument: "Velk praised Morn, and she ..." but never "she" for "Morn" in
    "Morn's rival said she ..."), the article knows ``m`` to be of gender ``want``, and no
    subject before ``tok`` in the sentence may be ``tok`` ("The ruling would not hurt Morn if
    she wins": Morn; "Velk told Brandt that he ...": not Brandt, Velk may be "he"), nor another
    person of that gender named there ("Morn thanked Venn, and she ...")."""
    if tok.dep_ not in ("nsubj", "nsubjpass") or head.dep_ not in ("dobj", "pobj", "dative"):
        return False
    if att.m.gender_of(m.actor.id) != want or att.m.in_quote(m.start) or quoted_in_sentence(att, head):
        return False
    verb = clause_verb(head)
    if verb == tok.head or thing_id(att, m.actor.id) or doccache.is_ancestor(head, tok):
        return False  # "Velk backed Morn, whom she ...": a clause inside m's phrase is about m
    if not has_subject(verb):
        return False  # "Velk spoke, praising Morn": the one who praises, unnamed, may be "she"
    sent = doccache.sent(tok)
    for t in sent:
        if t.i >= tok.i:
            break
        if t.dep_ in ("nsubj", "nsubjpass", "expl") and t.i != head.i:
            other = att.m.mention_for_token(t.i)
            if t.lower_ in HE | SHE:
                # one after the name continues it as ``tok`` does ("if she wins, but she ...")
                if (t.lower_ in HE) == (want == "m") and t.i < head.i:
                    return False
            elif other is not None and other.actor.kind == ActorKind.person:
                if gender_ok(att, other.actor.id, want):
                    return False
            elif person_noun(t):
                return False  # "The senator praised Morn, and she ...": a person, of either sex
    rivals = {
        o.actor.id
        for o in att.m.person_mentions_before(tok.idx, window=tok.idx - sent.start_char)
        if o.start >= sent.start_char and o.actor.id != m.actor.id and gender_ok(att, o.actor.id, want)
    }
    return not rivals


def other_gender_subject(att: Attributor, head: Token, want: str) -> bool:
    """Whether the main-clause subject of ``head``'s sentence, before ``head``, is a person the
    article knows to be of the other gender than ``want``."""
    for c in children(doccache.sent(head).root):
        if c.dep_ not in ("nsubj", "nsubjpass") or c.i > head.i:
            continue
        m = att.m.mention_for_token(c.i)
        if m is None or m.actor.kind != ActorKind.person:
            return False
        g = att.m.gender_of(m.actor.id)
        return g is not None and g != want
    return False


def sole_of_gender(att: Attributor, head: Token, m: Mention, want: str) -> bool:
    """Whether ``m`` is a person known to be of gender ``want`` (a name of unknown gender may be
    anyone's: "a breakfast with Sharpton" is no "her") and the only person of a compatible gender
    that ``head``'s sentence names outside quote marks."""
    if att.m.gender_of(m.actor.id) != want:
        return False
    sent = doccache.sent(head)
    others = {
        o.actor.id
        for o in att.m.person_mentions_before(sent.end_char, window=sent.end_char - sent.start_char)
        if o.start >= sent.start_char and o.actor.id != m.actor.id and gender_ok(att, o.actor.id, want)
    }
    return not others and not att.m.in_quote(m.start) and not quoted_in_sentence(att, head)


def narrator(att: Attributor, m: Mention) -> bool:
    """Whether ``m`` is an "I"/"we" outside quote marks (a column's writer, a letter's signer):
    the narrator, whom a later "he" or "she" never names; an "I" inside a quote is its
    speaker, whom "he said" may well continue."""
    return (
        m.kind == MentionKind.pronoun
        and att.text[m.start : m.end].lower() in FIRST
        and not att.m.in_quote(m.start)
    )


def chained_pronoun(att: Attributor, tok: Token, want: str) -> Token | None:
    """The he/she of gender ``want`` that is the main-clause subject of the sentence before
    ``tok``'s and that no quote resolved (no mention is recorded for it); else None."""
    start = doccache.sent(tok).start
    if start == 0:
        return None
    prev = doccache.sent(att.m.toks[start - 1])
    for c in children(prev.root):
        if c.dep_ not in ("nsubj", "nsubjpass"):
            continue
        pron = c.lower_ in HE if want == "m" else c.lower_ in SHE
        if pron and att.m.mention_for_token(c.i) is None:
            return c
    return None


_PREPOSED = frozenset({"prep", "advcl", "npadvmod", "advmod"})


def preposed_possessor(head: Token, tok: Token) -> bool:
    """Whether ``head`` is a possessor inside a phrase that opens the clause ``tok`` is the
    subject of ("Since Rivera's op-ed, she ..."; "After Brekke's speech, he ..."), before it."""
    if head.dep_ != "poss" or head.i > tok.i or tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = tok.head
    t = head
    for _ in range(8):
        if t.head.i == t.i:
            return False
        if t.head == verb:
            return t.dep_ in _PREPOSED and t.i < tok.i
        t = t.head
    return False


def topic_phrase(head: Token, tok: Token) -> bool:
    """Whether ``head`` is named in an "as for ..." or "as to ..." phrase before the pronoun
    subject ``tok`` ("As for Brell, he was subdued"): the phrase announces whom the clause is
    about."""
    prep = head.head
    if head.dep_ != "pobj" or prep.lower_ not in ("for", "to") or head.i > tok.i:
        return False
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    before = prep.nbor(-1) if prep.i > 0 else None
    return before is not None and before.lower_ == "as" and prep.i < tok.i


def marked_possessor(head: Token) -> bool:
    """Whether ``head`` is a possessor the parser labelled a plain noun modifier ("Brell's
    campaign" with "Brell" an nmod, its "'s" a case marker)."""
    if head.dep_ != "nmod":
        return False
    return any(c.dep_ == "case" and c.lower_ in ("'s", "\u2019s") for c in children(head))


def possessed_subject(att: Attributor, head: Token) -> Token | None:
    """The subject ``head`` is the possessor of, when that subject is a thing the person owns
    or does ("Brell's visit", "Morn's bid"): not a person ("Brell's spokesman", whom a "he"
    may be), nor a mention of an actor of its own ("Morn's campaign"); else None."""
    if not (head.dep_ == "poss" or marked_possessor(head)):
        return None
    if att.m.in_quote(head.idx) or quoted_in_sentence(att, head):
        return None  # a name in a quote is what its speaker talks about, not the article's topic
    noun = head.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or noun.pos_ != "NOUN" or noun.i < head.i:
        return None
    lemma = noun.lemma_.lower()
    if person_word(lemma) or lemma in GROUP_NOUNS or noun.lower_ in GROUP_NOUNS:
        return None
    if att.m.mention_for_token(noun.i) is not None:
        return None
    return noun


def main_possessed_subject(att: Attributor, head: Token) -> bool:
    """Whether ``head`` owns the main-clause subject of its sentence (see
    :func:`possessed_subject`)."""
    noun = possessed_subject(att, head)
    return noun is not None and noun.head == doccache.sent(head).root


def modifier_name(head: Token) -> bool:
    """Whether a name only modifies a common noun ("the Obama administration", "Clinton
    supporters", "the Trump campaign"): it names the thing, not a person the sentence talks
    about, so a later "he" or "she" does not continue it."""
    return head.dep_ == "compound" and head.head.pos_ == "NOUN"


def sentence_subject(
    att: Attributor, head: Token, want: str, exclude: set[str] | frozenset[str]
) -> Mention | None:
    """The person of compatible gender who is the main-clause subject of ``head``'s sentence,
    named before ``head`` (else None)."""
    for c in doccache.sent(head).root.children:
        if c.dep_ not in ("nsubj", "nsubjpass") or c.i > head.i:
            continue
        m = att.m.mention_for_token(c.i)
        if m is None or m.actor.kind != ActorKind.person or m.actor.id in exclude:
            return None
        if not gender_ok(att, m.actor.id, want) or thing_id(att, m.actor.id):
            return None
        return m
    return None


def described_subject(att: Attributor, head: Token) -> bool:
    """Whether ``head`` is named inside the main-clause subject of its sentence (in a relative
    clause or participle phrase of it) and that subject is a common noun for one person ("A mayor
    who once beat Brandt ...") that no mention names, nor a name in apposition to it ("A local
    farmer, Ada Morn, 35, ..."). A name the main verb has as its object is not inside
    ("Our reporter spoke to Ada Morn. She said": Morn)."""
    for c in children(doccache.sent(head).root):
        if c.dep_ not in ("nsubj", "nsubjpass") or c.i > head.i:
            continue
        if not in_relative_clause(c, head) or c.pos_ != "NOUN" or c.tag_ != "NN" or not person_noun(c):
            return False
        named = [c] + [a for a in children(c) if a.dep_ == "appos"]
        return all(att.m.mention_for_token(t.i) is None for t in named)
    return False


def in_relative_clause(noun: Token, head: Token) -> bool:
    """Whether ``head`` is named inside a relative clause or participle phrase of ``noun``, and
    not in apposition (the parser may hang "Ada Morn" of "a rival mayor who has never endorsed
    Velk, Ada Morn," on the nearer name: it still names the mayor)."""
    if head.dep_ == "appos":
        return False
    t = head
    for _ in range(12):
        if t.head.i == t.i:
            return False
        if t.dep_ in ("relcl", "acl") and t.head == noun:
            return True
        t = t.head
    return False


def person_noun(t: Token) -> bool:
    """A noun for a person (see :func:`person_word`)."""
    return person_word(t.lemma_.lower())


def person_word(lemma: str) -> bool:
    """A singular noun for a person: a title or description ("president", "candidate"), a
    gendered word ("man", "girl"), the singular of a noun for people ("witness"), or a person
    suffix ("voter", "chairman", "attendee"), not a thing that ends like one ("letter")."""
    if any(lemma in s for s in (TITLE_WORDS, PERSON_DESC_NOUNS, FEMALE_WORDS, MALE_WORDS)):
        return True
    if f"{lemma}s" in GROUP_NOUNS or f"{lemma}es" in GROUP_NOUNS:
        return True
    return lemma not in NOT_PEOPLE and lemma.endswith(PERSON_SUFFIXES)


def topic_surname(att: Attributor, m: Mention, head: Token, tok: Token) -> bool:
    """Whether ``m`` (a one-word name) is the main-clause subject of the sentence right before
    ``tok``'s, in the same paragraph."""
    if len(m.actor.name.split()) != 1 or head.dep_ not in ("nsubj", "nsubjpass"):
        return False
    start = doccache.sent(tok).start
    if head.head != doccache.sent(head).root or start == 0:
        return False
    return doccache.sent(att.doc[start - 1]) == doccache.sent(head) and "\n" not in att.text[m.end : tok.idx]


def outer_subject(att: Attributor, head: Token, tok: Token, want: str) -> Mention | None:
    """The main-clause subject of the sentence (see :func:`main_subject`) when ``head``, named
    before the pronoun ``tok`` in the same sentence, is the subject of a clause set under the
    main verb and ``tok`` stands outside that clause ("Velk said Marsh lied, and he ..."; not
    "Velk said Marsh lied when he ...", where "he" is in Marsh's clause); else None."""
    if head.dep_ not in ("nsubj", "nsubjpass") or not embedded_subject(att, head):
        return None
    if doccache.is_ancestor(head.head, tok):
        return None
    return main_subject(att, head, want)


def main_subject(att: Attributor, head: Token, want: str) -> Mention | None:
    """The person of compatible gender who is the main-clause subject of ``head``'s sentence,
    when ``head`` is the subject of an embedded clause there (else None)."""
    verb = head.head.head if head.dep_ == "appos" else head.head
    root = doccache.sent(head).root
    if verb == root:
        return None  # ``head`` is the main-clause subject itself
    for c in children(root):
        if c.dep_ not in ("nsubj", "nsubjpass") or c.i > head.i:
            continue
        m = att.m.mention_for_token(c.i)
        if m is None:
            m = next(
                (att.m.mention_for_token(a.i) for a in children(c) if a.dep_ == "appos"),
                None,
            )
        if m is None or m.actor.kind != ActorKind.person or not gender_ok(att, m.actor.id, want):
            return None
        cl = att.m.cluster_for_token(m.head)
        if cl is not None and cl.gender is None and (not person_like(att, cl) or names_a_thing(att.m, cl)):
            return None
        return m
    return None


def first_person_in_quote(att: Attributor, q: QuoteCandidate, sp: Speaker) -> None:
    """Record "I"/"we" inside a quote as mentions of its speaker (for the stance module)."""
    actor = ActorRef(id=sp.id, name=sp.name, kind=sp.kind)
    for mt in PRONOUN_RE.finditer(att.text, q.start, q.end):
        att.m.add(mt.start(), mt.end(), actor, MentionKind.pronoun, -1)
