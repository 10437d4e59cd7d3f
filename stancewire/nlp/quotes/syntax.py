"""Parse-tree helpers of the quote rules: subjects, negation, question frames, clause ends."""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Doc, Token

from stancewire.nlp import cues
from stancewire.nlp.doccache import children
from stancewire.nlp.mentions.descriptions import is_person_noun
from stancewire.nlp.mentions.surnames import modal_surname
from stancewire.nlp.mentions.words import (
    COLLECTIVE_PERSON_NOUNS,
    GROUP_NOUNS,
    HONORIFICS,
    ORG_ROLE_NOUNS,
    TITLE_WORDS,
)
from stancewire.nlp.quotes.candidate import DocIndex
from stancewire.nlp.quotes.words import (
    BELIEF_VERBS,
    CAUSING_VERBS,
    DEGREE_WORDS,
    KEEPING_VERBS,
    POSITION_VERBS,
    REL_PRONOUNS,
    SPEAKER_NOUNS,
)
from stancewire.nlp.wordfiles import load_words, word_sets

SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})


WALK_UP = frozenset({"advcl", "conj", "xcomp", "pcomp", "prep", "acl"})
# Texts whose words are their issuer's ("released a statement saying", "sent an email reading",
# "placed newspaper ads calling"): the list attribution reads for "the family's statement".
(ISSUED_TEXTS,) = word_sets(load_words("attribution_words.json"), "issued_texts")
ISSUING_VERBS = frozenset(
    {"issue", "release", "send", "post", "publish", "put", "place", "run", "air", "write", "file", "tweet",
     "sign", "deliver", "pen", "circulate", "distribute", "launch", "unveil", "share", "submit", "pass"}
)  # fmt: skip


# Words after which a past form is part of the same verb group or phrase, not a new predicate.
NOT_PREDICATE_BEFORE = frozenset({"AUX", "PART", "DET", "CCONJ", "SCONJ", "ADP", "PUNCT"})


def subject_of(tok: Token, max_up: int = 6) -> Token | None:
    """The speaker token of a cue: its subject, else the subject of the clause it hangs from
    (participles ``..., emphasizing that``, conjoined verbs ``..., but reiterated``)."""
    t = _frame_of_unrealised_infinitive(tok) or tok
    for _ in range(max_up):
        subj = None
        agent = None
        for c in children(t):
            if c.dep_ in SUBJ:
                if subj is None or not _floating_quantifier(c):
                    subj = c
            elif c.dep_ == "agent":
                agent = next((g for g in children(c) if g.dep_ == "pobj"), None)
        if subj is None and agent is None and t is tok:
            clause = _clause_continued(t) or _list_continued(t)
            if clause is not None:
                t = clause
                continue
            subj = (
                _relative_namer(t)
                or participle_subject(t)
                or _with_absolute_subject(t)
                or _subject_read_as_object(t)
                or _modal_name(t)
            )
        if subj is None and agent is None:
            subj = _object_conjunct_subject(t)
        if agent is not None and t is not tok and _participle_of_phrase(tok, t):
            # "Varga was booed and shouted down by supporters after telling them …": the doer
            # of a participle after a preposition is the clause's subject, never its agent.
            agent = None
        if agent is not None and (t is tok or subj is None):
            # "X was told by Y" names Y; but a verb joined to a passive clause shares that
            # clause's subject, not its agent: "Varga was joined on stage by Bell and joked",
            # "was shouted down by supporters after telling them" are Varga's.
            return agent
        if subj is not None and t is not tok and subj.dep_ == "nsubj" and _infinitive_clause(t):
            # "He defended barring Vaskans to enter the country by citing a poll": the parser
            # hangs the cue under the to-infinitive; the infinitive's subject is the object of
            # the verb above (allowed, wanted), whom nobody reports as speaking. Walk on.
            subj = None
        if subj is not None and t is not tok and _mute_content_clause(t, tok, subj):
            # "Morn said the tax has hurt families before adding that …": the parser hangs the
            # participle phrase in the reported clause, whose subject (a tax, a deadlock) says
            # nothing; the speaker of the reporting verb adds it.
            t = t.head
            continue
        if subj is not None and t is not tok and t.lemma_ == "be":
            doer = _pseudo_cleft_doer(subj)
            if doer is not None:
                # "All she could do was shout …": the copula's subject is the clause of doing,
                # whose own subject shouts (not "all").
                return misread_subject(doer)
        if subj is not None:
            if subj.dep_ == "nsubjpass" and t is tok:
                return None  # "it was announced that ..." names no speaker
            if subj.lower_ in REL_PRONOUNS and t.dep_ == "relcl":
                member = _member_of_those(t.head)
                if member is not None:
                    return misread_subject(member)
                return issuer_of(t.head) or t.head
            if subj.lower_ in {"it", "there"} and subj.dep_ == "nsubj" and t is tok and t.lemma_ == "be":
                return None
            return misread_subject(subj)
        receiver = _receiver_of_the_means(t) if t.dep_ in ("relcl", "acl") else None
        if receiver is not None:
            return misread_subject(receiver)
        if t.dep_ in ("relcl", "acl") and _purpose_of_an_occasion(t):
            # "Morn held an impromptu press briefing to brag that …": an infinitive of purpose
            # on a thing someone held or gave; whoever held it speaks, not the briefing.
            t = t.head.head
            continue
        if t.dep_ == "relcl":
            verb = _infinitive_of_a_chance(t)
            if verb is not None:
                t = verb
                continue
            return t.head
        if (
            t.dep_ == "dobj"
            and t is not tok
            and t.pos_ == "NOUN"
            and t.lemma_.lower() in ISSUED_TEXTS
            and t.head.lemma_.lower() in ISSUING_VERBS
        ):
            # "X issued a statement saying …", "sent a tweet calling …": the text's issuer, the
            # subject of the verb whose object it is, speaks (not who read or received it).
            t = t.head
            continue
        if t.dep_ not in WALK_UP or t.head is t:
            return None
        caused = _caused_doer(t) or _kept_from_doer(t)
        if caused is not None:
            return misread_subject(caused)
        if t is tok:
            denier = _relative_clause_continued(t)
            if denier is not None:
                return misread_subject(denier)
        if t is tok and _participle_of_time_clause(t):
            # "He sent an email as the meeting began vowing to …": a participle after a time
            # or reason clause about a thing describes the main clause's subject.
            t = t.head.head
            continue
        reporter = _reporting_verb_above(t, tok)
        if reporter is not None:
            # "X said A had happened and praised B", "X said that A represents B, stating …",
            # "X said A will have to choose, saying …": the parser hangs the second cue under
            # the content clause A, but its subject is the speaker of "said", not A's subject.
            t = reporter
            continue
        t = t.head
    return None


# Prepositions that set a participle phrase in time or manner ("before adding", "after telling",
# "by insisting"): the phrase's doer is its clause's subject.
_PHRASE_PREPS = frozenset({"after", "before", "by", "while", "since", "upon", "on"})


def _participle_of_phrase(tok: Token, verb: Token) -> bool:
    """Whether ``tok`` is a participle after a preposition of time or manner that hangs on
    ``verb`` ("was shouted down by supporters *after telling* them")."""
    prep = tok.head
    return (
        tok.tag_ == "VBG"
        and tok.dep_ == "pcomp"
        and prep.dep_ == "prep"
        and prep.lower_ in _PHRASE_PREPS
        and prep.head.i == verb.i
    )


def _mute_content_clause(clause: Token, tok: Token, subj: Token) -> bool:
    """Whether ``clause``, where the parser hung the participle cue ``tok`` ("said the tax has
    hurt families *before adding* that …"), is the content of a reporting verb and its subject
    a thing that says nothing: a common noun for no person, body, text or channel."""
    reporter = clause.head
    lemma = subj.lemma_.lower()
    return (
        _participle_of_phrase(tok, clause)
        and clause.dep_ == "ccomp"
        and reporter.pos_ == "VERB"
        and cues.is_speech_verb(reporter.lemma_.lower())
        and any(c.dep_ == "nsubj" for c in children(reporter))
        and subj.pos_ == "NOUN"
        and subj.ent_type_ == ""
        and not is_person_noun(lemma)
        and lemma not in SPEAKING_BODIES
        and lemma not in SPEAKER_NOUNS
        and lemma not in ISSUED_TEXTS
    )


_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def _clause_continued(verb: Token) -> Token | None:
    """The adverbial clause a subjectless conjoined verb continues: "some people were yawning as
    he mentioned the wage and described her plans", "his eyes welled as he spoke of his faith and
    urged voters to …". The parser joins the second verb to the main one, a participle ("were
    yawning", "welled" read as one), but a finite verb in the tense of the clause that ends right
    before its "and" goes on with that clause and shares its subject ("he"), not the main
    clause's ("people")."""
    if verb.dep_ != "conj" or verb.tag_ not in _FINITE or any(c.dep_ in SUBJ for c in children(verb)):
        return None
    head = verb.head
    if head.tag_ not in ("VBG", "VBN") or head.i >= verb.i:
        return None
    last = _word_before_conjunction(verb, head.i)
    if last is None:
        return None
    clause = last
    while clause.dep_ != "advcl" and clause.head.i != clause.i and clause.head.i > head.i:
        clause = clause.head
    if clause.dep_ != "advcl" or clause.tag_ != verb.tag_:
        return None
    return clause if any(c.dep_ == "nsubj" for c in children(clause)) else None


def _list_continued(verb: Token) -> Token | None:
    """The adverbial clause a subjectless verb of a list continues: "the only time she came up was
    when Rell speculated about her coat, referred to her record and considered …". The parser
    hangs "referred" on the main verb as a clause of its own; a finite verb in the tense of the
    clause that ends right before its comma goes on with that clause and shares its subject
    ("Rell"), not the main clause's ("the only time")."""
    if verb.dep_ != "advcl" or verb.tag_ not in _FINITE or verb.i < 2 or verb.nbor(-1).text != ",":
        return None
    if any(c.dep_ in SUBJ for c in children(verb)):
        return None
    comma = verb.nbor(-1).i
    before = (c for c in children(verb.head) if c.dep_ == "advcl" and c.i < verb.i)
    clause = next((c for c in before if comma - 1 <= c.right_edge.i <= comma), None)
    if clause is None or clause.tag_ != verb.tag_:
        return None
    return clause if any(c.dep_ == "nsubj" for c in children(clause)) else None


# Verbs that name a thing in a relative clause ("which Morn called “a disgrace”").
_NAMING_VERBS = frozenset({"call", "describe", "dub", "term", "label", "brand"})


def _relative_namer(verb: Token) -> Token | None:
    """Who names a thing in the relative clause right before a participle: "Kettle Weekly put him
    at $2 billion, which Mr. Hollis called “a disgrace,” blaming Orr" is Hollis's blame. The
    parser hangs the participle on the main verb ("put"), whose subject only reported a figure;
    the namer, who just gave his verdict on it, goes on to give its cause."""
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or verb.i < 3:
        return None
    k = verb.i - 1
    while k > verb.i - 3 and verb.doc[k].is_punct and verb.doc[k].text != ",":
        k -= 1
    if verb.doc[k].text != ",":
        return None
    last = verb.doc[k - 1]
    while last.is_punct and last.i > 0:
        last = last.nbor(-1)
    rel = last
    while rel.dep_ != "relcl" and rel.head.i != rel.i and rel.head.i < verb.i:
        rel = rel.head
    if rel.dep_ != "relcl" or rel.lemma_.lower() not in _NAMING_VERBS or rel.head.i > rel.i:
        return None
    kids = children(rel)
    if not any(c.dep_ == "dobj" and c.lower_ in REL_PRONOUNS for c in kids):
        return None
    namers = (c for c in kids if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "PRON"))
    return next((c for c in namers if c.lower_ not in REL_PRONOUNS), None)


def _word_before_conjunction(verb: Token, floor: int) -> Token | None:
    """The last word after ``floor`` before the "and" (or "but") that joins ``verb``, an adverb
    between them skipped ("and then urged") and a bracketed aside before it too ("the wage (with
    less passion) and described"). None without such a conjunction, or after a comma: "were
    waiting when the mayor arrived, and demanded …" goes back to the main verb."""
    doc = verb.doc
    i = verb.i - 1
    while i > floor and doc[i].dep_ == "advmod" and doc[i].pos_ == "ADV":
        i -= 1
    if i <= floor or doc[i].dep_ != "cc":
        return None
    i -= 1
    if doc[i].text == ")":
        while i > floor and doc[i].text != "(":
            i -= 1
        i -= 1
    return None if i <= floor or doc[i].is_punct else doc[i]


def _infinitive_of_a_chance(verb: Token) -> Token | None:
    """The verb above a to-infinitive the parser read as a relative clause on a noun: "He went
    out of his way *to say* …", "took the time to say", "seized the chance to argue". No
    relative word and no subject: the infinitive is what the noun is for, and the subject of the
    verb governing the noun ("went", "took") does it, not the noun ("his way"). None for a real
    relative clause, or when that verb is no more than "it is"/"there is"."""
    if not _to_infinitive(verb) or any(c.dep_ in SUBJ or c.lower_ in REL_PRONOUNS for c in children(verb)):
        return None
    t = verb.head
    for _ in range(4):  # noun -> preposition -> noun -> verb ("out of his way")
        if t.pos_ in ("VERB", "AUX"):
            break
        if t.dep_ not in ("pobj", "prep", "dobj") or t.head.i == t.i:
            return None
        t = t.head
    if t.pos_ not in ("VERB", "AUX"):
        return None
    subj = next((c for c in children(t) if c.dep_ in SUBJ), None)
    return t if subj is not None and subj.lower_ not in ("it", "there") else None


def _frame_of_unrealised_infinitive(tok: Token) -> Token | None:
    """The verb framing a "for X to V" infinitive, whose act is only called for or made possible:
    "called for all candidates *to lay out* their plans", "made it easier for courts *to
    dismiss* cases". X does nothing yet; the frame's subject is who speaks. (Not "allowed users
    to tell readers …": after "allow" the act is mostly done, and X is its doer.)"""
    kids = children(tok)
    if (
        tok.tag_ != "VB"
        or tok.dep_ not in ("advcl", "ccomp", "xcomp")
        or not _to_infinitive(tok)
        or not any(c.dep_ == "nsubj" for c in kids)
        or not any(c.dep_ == "mark" and c.lower_ == "for" for c in kids)
    ):
        return None
    head = tok.head
    if head.pos_ == "ADJ" and head.dep_ in ("ccomp", "oprd", "xcomp"):
        head = head.head  # "made it easier for …": the adjective is the object's predicate
    return head if head.pos_ == "VERB" and head.lemma_ != "be" else None


def _right_after(obj: Token, comp: Token) -> bool:
    """Whether the complement follows the object's phrase with no punctuation between ("prompted
    Morn in 2011 to argue"), or only the comma closing a phrase set off inside it ("left many
    voters, even allies, wondering"). Not "prompted cheers across the crowd in Dorsk, highlighting
    …": a comment on the whole sentence."""
    gap = obj.doc[obj.right_edge.i + 1 : comp.left_edge.i]
    if not any(w.is_punct for w in gap):
        return True
    return all(w.is_punct for w in gap) and any(
        w.lower_ == "," for w in obj.doc[obj.left_edge.i : obj.right_edge.i + 1]
    )


def _member_of_those(noun: Token) -> Token | None:
    """ "Vell is among those who say …", "Vell was one of those who said …": the subject counted
    among "those" says it; "those" stands for no one else in the text."""
    if noun.lower_ != "those" or noun.dep_ != "pobj":
        return None
    prep = noun.head
    if prep.lower_ == "among":
        verb = prep.head
    elif prep.lower_ == "of" and prep.head.lower_ == "one" and prep.head.dep_ == "attr":
        verb = prep.head.head
    else:
        return None
    if verb.lemma_ != "be":
        return None
    return next((c for c in children(verb) if c.dep_ == "nsubj"), None)


_FIRST_PERSON = frozenset({"me", "us"})

# Quantifiers that float after the subject they count ("Morn and Kade *both* condemned").
_FLOATING_QUANTIFIERS = frozenset({"both", "all", "each"})


def _floating_quantifier(subj: Token) -> bool:
    """ "Dorvan leaders — whose party … — both suggested": the parser makes the floating "both" a
    second subject of the verb; it only counts the subject before it, which names the speakers."""
    return subj.tag_ == "DT" and subj.lower_ in _FLOATING_QUANTIFIERS and not any(children(subj))


def _caused_doer(t: Token) -> Token | None:
    """The object of a causing verb whose complement ``t`` is: "the delay led some aides *to
    worry* that …", "the vote left senators *wondering* whether …": the object does what the
    complement says, the subject only brought it about. Only an object that can speak (a name,
    a pronoun, a person, body or plural noun): "left the hall to say" is a purpose. ("bring" and
    "send" are left out: "brought the bills to argue", "sent letters to urge" are purposes.)"""
    verb = t.head
    if t.dep_ not in ("xcomp", "advcl", "ccomp") or verb.lemma_.lower() not in CAUSING_VERBS:
        return None
    kids = children(t)
    if any(c.dep_ in SUBJ for c in kids):
        return None
    if not (t.tag_ == "VBG" or (t.tag_ == "VB" and _to_infinitive(t))):
        return None
    obj = _speaking_object(verb, t)
    return obj if obj is not None and _right_after(obj, t) else None


def _speaking_object(verb: Token, comp: Token) -> Token | None:
    """The object of ``verb`` that does what its complement ``comp`` says, when it can speak:
    a name, a pronoun, a person, body or plural noun. Not a thing, nor the writer: a first-person
    object's own narration ("forced me to confront …") is no statement we attribute, and the
    frame keeps its clause as before."""
    obj = next((c for c in children(verb) if c.dep_ == "dobj" and verb.i < c.i < comp.i), None)
    if obj is None or obj.lower_ in ("it", "this", "that", "what") or obj.lower_ in _FIRST_PERSON:
        return None
    lemma = obj.lemma_.lower()
    if obj.pos_ == "NOUN" and not (
        obj.tag_ == "NNS" or is_person_noun(lemma) or lemma in SPEAKING_BODIES or lemma in SPEAKER_NOUNS
    ):
        return None
    return obj


def _kept_from_doer(t: Token) -> Token | None:
    """The object of a verb of keeping from ("prevented his wife, Ada, *from writing* about
    …", "barred Morn from criticizing", "an agreement barring her from publishing"): the object
    would have done what the participle says; the subject only stopped it. A passive ("Morn
    was barred from …") has no object and keeps its subject."""
    prep = t.head
    if t.dep_ != "pcomp" or t.tag_ != "VBG" or prep.lower_ != "from" or prep.dep_ != "prep":
        return None
    verb = prep.head
    if verb.lemma_.lower() not in KEEPING_VERBS:
        return None
    obj = _speaking_object(verb, prep)
    return obj if obj is not None and _right_after(obj, prep) else None


def _relative_clause_continued(tok: Token) -> Token | None:
    """The subject of a relative clause of speech a trailing participle goes on with: "… had
    been rigged, a charge that party leaders denied, *noting* that …". The parser hangs the
    participle on the main verb; but right after a comment set off by a comma ("a charge
    that …") whose clause ends at the participle's comma, the participle tells how its subject
    denied. Not after an object ("rejected the plan that Morn proposed, calling it …"), whose
    relative clause is no comment: the main clause's subject calls it that."""
    doc = tok.doc
    if tok.dep_ != "advcl" or tok.tag_ != "VBG" or tok.i < 2 or doc[tok.i - 1].text != ",":
        return None
    clause = doc[tok.i - 2]
    for _ in range(4):
        if clause.dep_ == "relcl" or clause.head.i == clause.i:
            break
        clause = clause.head
    if clause.dep_ != "relcl" or clause.right_edge.i != tok.i - 2:
        return None
    if not cues.is_speech_verb(clause.lemma_.lower()) or not _set_off(clause.head):
        return None
    subj = next((c for c in children(clause) if c.dep_ == "nsubj" and c.i < clause.i), None)
    return None if subj is None or subj.lower_ in REL_PRONOUNS else subj


def _set_off(noun: Token) -> bool:
    """A noun phrase that comments on the clause before it: an apposition, or after a comma."""
    start = noun.left_edge.i
    return noun.dep_ in ("appos", "npadvmod") or (start > 0 and noun.doc[start - 1].text == ",")


# Heads of the subject of a pseudo-cleft: "All she could do was …", "The only thing they could
# do was …".
_CLEFT_NOUNS = frozenset({"all", "thing"})


def _pseudo_cleft_doer(subj: Token) -> Token | None:
    """The subject of the clause of doing a copula's subject ``subj`` is made of: "all *she*
    could do", "the only thing *they* wanted to do", "what *Morn* did" (which the parser makes
    a clausal subject, "did", with "what" its object). None for any other subject."""
    if subj.dep_ == "csubj":
        clause = subj if any(c.lower_ == "what" and c.i < subj.i for c in children(subj)) else None
    elif subj.lemma_.lower() in _CLEFT_NOUNS:
        clause = next((c for c in children(subj) if c.dep_ == "relcl"), None)
    else:
        return None
    if clause is None or not _does(clause):
        return None
    return next((c for c in children(clause) if c.dep_ == "nsubj" and c.lower_ not in REL_PRONOUNS), None)


def _does(verb: Token) -> bool:
    """Whether ``verb`` is "do", or ends in it ("wanted to do", "could hope to do")."""
    for _ in range(3):
        if verb.lemma_.lower() == "do":
            return True
        verb = next((c for c in children(verb) if c.dep_ == "xcomp"), verb)
    return verb.lemma_.lower() == "do"


def _purpose_of_an_occasion(t: Token) -> bool:
    """Whether ``t`` is a to-infinitive without a subject on the object of a verb, and that
    object is no person: "held a briefing to brag", "had reason to know", "took the chance to
    note" are the subject's. Not "hired a lawyer to argue" (the lawyer argues), nor after a
    verb with a recipient: "gave states the freedom to spend" is the states' to do."""
    noun = t.head
    verb = noun.head
    return (
        t.tag_ == "VB"
        and _to_infinitive(t)
        and not any(c.dep_ in SUBJ for c in children(t))
        and noun.pos_ == "NOUN"
        and noun.dep_ == "dobj"
        and verb.pos_ == "VERB"
        and not is_person_noun(noun.lemma_.lower())
        and _receiver(verb, noun) is None
    )


def _receiver_of_the_means(t: Token) -> Token | None:
    """Who was given the means a to-infinitive without a subject is for: "His job offers Morn a
    platform to speak out", "gave reporters a chance to ask": the means is the receiver's to
    use, so the receiver speaks, not the giver ("His job")."""
    noun = t.head
    if not _to_infinitive(t) or noun.dep_ != "dobj" or any(c.dep_ in SUBJ for c in children(t)):
        return None
    return _receiver(noun.head, noun)


def _receiver(verb: Token, obj: Token) -> Token | None:
    """The recipient of ``verb`` giving ``obj``: its dative, or a first object before ``obj``
    that names someone (the parser reads "offers Morn a platform" as two objects; not the date
    of "invoked the Sept. 11 attacks to defend herself")."""
    for c in children(verb):
        if c.dep_ in ("dative", "iobj") or (c.dep_ == "dobj" and c.i < obj.i and _someone(c)):
            return c
    return None


_NO_ONE_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"})


def _someone(t: Token) -> bool:
    """A pronoun, a name (not a date's or an event's) or a person noun."""
    if t.pos_ == "PROPN":
        return t.ent_type_ not in _NO_ONE_ENTS
    return t.pos_ == "PRON" or is_person_noun(t.lemma_.lower())


def _reporting_verb_above(t: Token, tok: Token) -> Token | None:
    """The speech verb whose content clause a conjoined verb or a trailing participle ``t`` was
    hung in, walking up from its head through the infinitives and conjuncts of that clause
    ("said Bosk will have to choose …, saying"); None when ``t`` is no such cue, or when its head
    is a reporting verb itself: a parenthetical frame ('that “…,” Ada Morn added, saying') has
    its own speaker."""
    trailing = t.dep_ == "advcl" and t.tag_ == "VBG" and t is tok
    if t.dep_ != "conj" and not trailing:
        return None
    head = t.head
    if trailing and _parenthetical_frame(head):
        return None
    while (
        head.dep_ in ("xcomp", "conj")
        and head.head.i != head.i
        and not any(c.dep_ in SUBJ for c in children(head))
    ):
        head = head.head  # "will have to choose": the infinitive shares its clause's subject
    reporter = head.head
    if (
        head.dep_ != "ccomp"
        or reporter.lemma_ in ("seem", "appear")
        or reporter.pos_ != "VERB"
        or not _holds_a_clause(reporter, t, trailing)
    ):
        return None
    if trailing and t.i < reporter.i:
        return None
    return reporter


# Conjunctions that open a clause ("after Morn had said …") and that the parser may read as a
# preposition whose object is the clause's subject.
_CLAUSE_PREPS = frozenset({"after", "before", "since", "until", "once", "while"})


def _subject_read_as_object(verb: Token) -> Token | None:
    """The subject of a clause opened by "after" (or "before", "since", …) that the parser read
    as a preposition with the subject as its object, leaving the clause's finite verb without
    one: "Kell's staff spoke after Chairman Ivo Brandt (R) earlier in the day touted …", "the
    issue came up after Brandt, asked about Oskov, had said …". The parser hangs the verb on
    the verb the preposition hangs on (as a clause, an aside or a conjunct); only the verb's own
    words (an auxiliary, an adverb) or one aside set off by commas may stand between the object
    and the verb. A conjunction between them ("spoke after Brandt and praised …") makes the verb
    the main clause's: its subject, not the object of "after", does it."""
    if verb.dep_ not in ("advcl", "parataxis", "conj", "dep", "ROOT") or not _finite_group(verb):
        return None
    doc = verb.doc
    # The preposition hangs on the verb above, or (when the parser made the cue the root) on the
    # clause before the cue that it made the cue's complement ("the issue came up after …").
    hosts = [c for c in children(verb) if c.dep_ in ("ccomp", "advcl") and c.i < verb.i]
    if verb.dep_ != "ROOT":
        hosts.append(verb.head)
    for prep in (p for h in hosts for p in children(h)):
        if prep.dep_ != "prep" or prep.lower_ not in _CLAUSE_PREPS or prep.i > verb.i:
            continue
        noun = next((c for c in children(prep) if c.dep_ == "pobj"), None)
        if noun is None or noun.pos_ not in ("PROPN", "NOUN") or is_date_word(noun):
            continue
        i = noun.right_edge.i + 1
        if i < verb.i and doc[i].text == ",":
            close = next((j for j in range(i + 1, verb.i) if doc[j].text == ","), None)
            if close is None or any(doc[j].dep_ in SUBJ for j in range(i + 1, close)):
                return None
            i = close + 1
        if all(i <= doc[j].head.i <= verb.i for j in range(i, verb.i)):
            return noun  # the words left are the verb's own ("had", "earlier in the day")
    return None


def _modal_name(verb: Token) -> Token | None:
    """A capitalised surname the tagger read as the verb's modal ("Will wrote", "While Will
    acknowledges …"; see :func:`~stancewire.nlp.mentions.surnames.modal_surname`): the verb's
    subject."""
    return next((c for c in children(verb) if modal_surname(c)), None)


def _finite_group(verb: Token) -> bool:
    """A finite verb, or a participle after a finite auxiliary ("had said")."""
    if verb.tag_ in _FINITE:
        return True
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.tag_ in _FINITE for c in children(verb))


def _with_absolute_subject(verb: Token) -> Token | None:
    """The noun of "with X V-ing": "the talk ended with Morn asking Kade whether …", "the ad ends
    with a narrator saying that …": X does what the participle says, not the clause's subject."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "acl"):
        return None
    if verb.dep_ == "acl":
        # After a comma the participle is no part of the "with" phrase: "ended the debate with a
        # reference to a film, remarking, “…”" is the ender's remark, not the reference's.
        noun = verb.head
        if verb.i > 0 and verb.nbor(-1).text == ",":
            return None
        return noun if noun.dep_ == "pobj" and noun.head.lower_ == "with" else None
    for prep in children(verb.head):
        if prep.dep_ != "prep" or prep.lower_ != "with":
            continue
        noun = next((c for c in children(prep) if c.dep_ == "pobj"), None)
        if noun is not None and noun.right_edge.i + 1 == verb.left_edge.i:
            return noun
    return None


def _holds_a_clause(reporter: Token, t: Token, trailing: bool) -> bool:
    """Whether ``reporter`` reports the clause ``t`` was hung in: a speech verb; or a belief verb
    when ``t`` is a conjoined cue ("strategists fear that Morn has missed a chance and warn
    that …", "sources believe Morn has joined a bloc, and admit that …"): the second cue is
    joined to the believers' clause, not to the one they believe."""
    lemma = reporter.lemma_.lower()
    return cues.is_speech_verb(lemma) or (not trailing and lemma in BELIEF_VERBS)


def _object_conjunct_subject(verb: Token) -> Token | None:
    """ "Prosecutors charged the officer (with murder) and Ada Morn fired her deputy": the parser
    joins the name to the first verb's object (or the noun of its prepositional phrase) and
    leaves the second verb without a subject. A noun right before a subjectless conjoined verb,
    itself such a conjunct, is that verb's subject (an object list never runs into a verb)."""
    if verb.dep_ != "conj" or verb.i == 0 or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    cand = _before_aside(verb)
    if cand.dep_ != "conj" or cand.pos_ not in ("PROPN", "NOUN"):
        return None
    obj = cand.head
    if obj.dep_ == "pobj" and obj.head.dep_ == "prep":
        obj = obj.head  # "charged the officer with murder and Ada Morn fired": the object's phrase
    if obj.dep_ not in ("dobj", "prep") or obj.head.i != verb.head.i:
        return None
    return cand


def _before_aside(verb: Token) -> Token:
    """The word before ``verb``, past a clause set off by commas that hangs on the verb above
    ("… and Ada Morn, as she has in the past, opposed it"): the aside is no subject."""
    doc = verb.doc
    prev = doc[verb.i - 1]
    if prev.text != "," or verb.i < 3:
        return prev
    for i in range(verb.i - 2, max(verb.i - 12, 0), -1):
        if doc[i].text == ",":
            aside = doc[i + 1 : verb.i - 1]
            clause = any(t.dep_ == "mark" for t in aside) and all(t.head.i != verb.i for t in aside)
            return doc[i - 1] if clause and i > 0 else prev
    return prev


def _parenthetical_frame(verb: Token) -> bool:
    """A reporting verb with a subject but no content of its own ('that “…,” Ada Morn added'):
    it frames the clause it interrupts, unlike "rejected his attempts" in a reported clause."""
    kids = children(verb)
    return (
        verb.pos_ == "VERB"
        and cues.is_speech_verb(verb.lemma_.lower())
        and any(c.dep_ == "nsubj" for c in kids)
        and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in kids)
    )


def _infinitive_clause(verb: Token) -> bool:
    """A to-infinitive complement with a subject of its own ("allowing Vaskans *to enter*")."""
    return verb.dep_ in ("ccomp", "xcomp") and _to_infinitive(verb)


def _to_infinitive(verb: Token) -> bool:
    """Whether ``verb`` has the infinitive marker "to" ("to lay out", "to brag")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in children(verb))


SPEAKING_BODIES = GROUP_NOUNS | ORG_ROLE_NOUNS | COLLECTIVE_PERSON_NOUNS
_SUBORDINATORS = frozenset({"as", "when", "while", "after", "before", "because", "since", "until", "once"})


def _participle_of_time_clause(tok: Token) -> bool:
    """A participle ("vowing", "…, saying") hung on a subordinate clause ("as the meeting
    began") whose subject is a common noun that names no one who speaks (a meeting, the vote;
    no person, group or body noun): such a clause sets the time, the participle's doer is the
    main clause's subject."""
    head = tok.head
    if tok.dep_ not in ("advcl", "xcomp") or tok.tag_ != "VBG" or head.dep_ != "advcl" or head.head is head:
        return False
    if tok.i < head.i:
        return False
    if not any(c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in children(head)):
        return False
    subj = next((c for c in children(head) if c.dep_ in SUBJ), None)
    return (
        subj is not None
        and subj.pos_ == "NOUN"
        and subj.ent_type_ == ""
        and not is_person_noun(subj.lemma_.lower())
        and subj.lemma_.lower() not in SPEAKING_BODIES
        and not any(c.dep_ == "poss" for c in children(subj))
        and any(c.dep_ in SUBJ for c in children(head.head))
    )


def to_infinitive(tok: Token) -> Token | None:
    """The to-infinitive complement of ``tok`` ("seemed *to suggest* …"), after it."""
    return next(
        (
            c
            for c in children(tok)
            if c.dep_ == "xcomp"
            and c.i > tok.i
            and c.pos_ in ("VERB", "AUX")
            and any(g.dep_ == "aux" and g.lower_ == "to" for g in children(c))
        ),
        None,
    )


def misread_verb(tok: Token) -> bool:
    """Whether a token tagged as a plural noun is a present-tense verb: it has a subject before
    it and a clause or infinitive after it ("The candidate *plans* to be back", "Cruz *hopes*
    that …"), which no noun has."""
    if tok.tag_ not in ("NNS", "NN") or tok.dep_ not in ("ROOT", "conj", "ccomp"):
        return False
    kids = children(tok)
    if not any(c.dep_ == "nsubj" and c.i < tok.i for c in kids):
        return False
    if tok.tag_ == "NN":
        # "Fewer than half of the voters surveyed ... support Clinton": after a long subject the
        # tagger reads a stance verb as a singular noun; the parse still gives it a subject and
        # an object, which no noun has.
        return tok.lemma_.lower() in POSITION_VERBS and any(c.dep_ == "dobj" and c.i > tok.i for c in kids)
    return any(c.dep_ in ("xcomp", "ccomp") and c.i > tok.i for c in kids)


# A contracted "has" the parser reads as a passive "is" ("She’s argued that …").
_CONTRACTED_S = frozenset({"’s", "'s"})


def issuer_of(text: Token) -> Token | None:
    """Who issued a text that says something: "Trump released a marketing video that said,
    “…”" is Trump's (as "issued a statement saying" is, see subject_of)."""
    if text.dep_ != "dobj" or text.lemma_.lower() not in ISSUED_TEXTS:
        return None
    verb = text.head
    if verb.lemma_.lower() not in ISSUING_VERBS:
        return None
    return next((c for c in children(verb) if c.dep_ == "nsubj"), None)


def participle_subject(verb: Token) -> Token | None:
    """ "Sen. Ona Durb (D), noting the size of his following, said": the parser gave the subject
    to the participle set in before the verb; it is the verb's (the participle may also be
    read as the main verb, with the cue hung on it)."""
    participles = [c for c in children(verb) if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i < verb.i]
    head = verb.head
    if verb.dep_ in ("parataxis", "conj") and head.tag_ == "VBG" and head.i < verb.i:
        participles.append(head)
    for p in participles:
        subj = next((g for g in children(p) if g.dep_ == "nsubj" and g.i < p.i), None)
        if subj is not None:
            return subj
    return None


_CONTRACTED_AUX = frozenset({"'ve", "'re", "'d", "'ll"})
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def is_date_word(t: Token) -> bool:
    return t.lower_ in _WEEKDAYS or t.ent_type_ in ("DATE", "TIME")


def _title_word(t: Token) -> bool:
    word = t.lower_.rstrip(".")
    return word in TITLE_WORDS or word in HONORIFICS


def misread_subject(subj: Token) -> Token | None:
    """The word the parser made a subject when it is no noun phrase's head, mended:
    - an adjective coordinated with the noun's other modifier ("Current and former officials
      said"): the noun it is joined to;
    - a preposition ("Of Tarrant, Levko, who has …, said"): the name set off after its object,
      else its object;
    - a date opening the sentence ("Saturday at the convention Sen. Ana Quill (D) said"): the
      name the parse hung inside it.
    - a title coordinated with a titled name ("former Gov. and Party Chairman Ed Brennel
      said"): the name;
    - a contracted auxiliary after its subject ("the delegates who’ve already said": "’ve" made
      a second subject; "she’s told reporters", a perfect whose "’s" the parser reads as a
      subject with "she" as its own): that subject, or the noun a relative one stands for;
    - a participle phrase on the subject ("Voters going to the polls on Tuesday said"), which
      the parser makes a clausal subject with the noun as its own subject: the noun.
    Anything else is the subject as parsed."""
    contracted = subj.lower_.replace("’", "'")
    if (contracted in _CONTRACTED_AUX or contracted == "'s") and subj.i > 0:
        prev = subj.doc[subj.i - 1]
        if prev.lower_ in REL_PRONOUNS:
            if subj.head.dep_ == "relcl":
                return subj.head.head
            before = subj.doc[prev.i - 1] if prev.i > 0 else prev
            return before if before.pos_ in ("NOUN", "PROPN") else prev
        return prev if prev.pos_ == "PRON" else subj
    if _title_word(subj) and not any(c.dep_ in ("det", "poss") for c in children(subj)):
        # "former Vaskan Gov. and National Committee Chairman Ed Brennel said": the parser makes
        # the first title the subject and the titled name its conjunct; one person holds both.
        name = next(
            (
                c
                for c in children(subj)
                if c.dep_ == "conj" and c.pos_ == "PROPN" and c.ent_type_ == "PERSON" and not _title_word(c)
            ),
            None,
        )
        if name is not None and any(c.dep_ == "cc" and c.lower_ == "and" for c in children(subj)):
            return name
    if subj.dep_ == "csubj" and subj.tag_ == "VBG":
        noun = next((c for c in children(subj) if c.dep_ == "nsubj" and c.i < subj.i), None)
        if noun is not None and noun.pos_ in ("NOUN", "PROPN", "PRON"):
            return noun
    if subj.pos_ == "ADJ":
        noun = next((c for c in children(subj) if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")), None)
        return noun if noun is not None else subj
    if subj.pos_ == "ADP":
        obj = next((c for c in children(subj) if c.dep_ == "pobj"), None)
        if obj is None:
            return subj
        # "Of Tarrant, Levko, who …, said": the object is the topic, the name set off after it
        # (its apposition) the speaker.
        return next((c for c in children(obj) if c.dep_ == "appos" and c.pos_ == "PROPN"), obj)
    if is_date_word(subj):
        # The last word of a name ("Broaddrick Sunday night recounted": the name is a compound
        # of "night"; "Nine months of Trump talking about …"), a person's first.
        names = [
            t
            for t in subj.subtree
            if t.pos_ == "PROPN"
            and not is_date_word(t)
            and not (t.i + 1 < len(t.doc) and t.doc[t.i + 1].ent_iob_ == "I")
        ]
        people = [t for t in names if t.ent_type_ == "PERSON"]
        # With no name in it, the clause is left as parsed: its content is still reported
        # speech, and attribution finds no actor in a date.
        return (people or names or [subj])[-1]
    return subj


def misread_perfect(tok: Token) -> Token | None:
    """The auxiliary of a present perfect the parser took for a passive: "She’s argued that …",
    "he’s predicted big wins" read as "she is argued", so the speaker became a passive subject
    (no speaker) and the cue a passive report. A past participle after a contracted "’s" with a
    clause or an object of its own after it is active ("has argued"): passives take neither.
    Expletive subjects stay passive ("it’s said that …"). The participle may be tagged as a past
    form ("She’s argued": VBD)."""
    if tok.tag_ not in ("VBN", "VBD"):
        return None
    aux = next((c for c in children(tok) if c.dep_ == "auxpass" and c.lower_ in _CONTRACTED_S), None)
    if aux is None or not any(c.dep_ in ("ccomp", "dobj") and c.i > tok.i for c in children(tok)):
        return None
    subj = next((c for c in children(tok) if c.dep_ in ("nsubj", "nsubjpass") and c.i < aux.i), None)
    if subj is None or subj.lower_ in ("it", "there", "this", "that", "what"):
        return None
    return aux


def is_negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in children(tok)) and tok.lemma_ not in {"deny"}:
        return True
    h = tok.head
    return tok.dep_ == "xcomp" and h.lemma_ in cues.NEGATING_HEADS


# Verbs whose negation still reports a speech: "did not mention Varga by name" says what a
# speaker left out of what they said, and PolNeAR marks it with the verb as its cue.
_OMISSION_VERBS = frozenset({"mention"})


def reports_omission(tok: Token) -> bool:
    """Whether ``tok`` is a negated verb of mentioning with its object ("never mentioned the
    plan"); "not to mention the cost" is the writer's aside, nobody's omission."""
    return (
        tok.lemma_.lower() in _OMISSION_VERBS
        and negation_of(tok) is not None
        and any(c.dep_ in ("dobj", "obj") and c.i > tok.i for c in children(tok))
        and not any(c.dep_ == "aux" and c.lower_ == "to" for c in children(tok))
    )


# Verbs whose negation before an embedded question still reports a speech act: "would not say
# whether he will run" is a refusal to answer, as "declined to say whether he will run" is, and
# PolNeAR marks it with the negated verb as its cue ("wouldn't say", "did not say").
_ANSWER_VERBS = frozenset({"say", "tell", "disclose", "reveal", "specify", "discuss"})
# Words that open an embedded question ("wondered why ...", "would not say whether ...").
WH_OPENERS = frozenset({"whether", "if", "when", "who", "whom", "what", "which", "why", "how", "where"})


def refuses_to_answer(tok: Token) -> bool:
    """Whether ``tok`` is a negated verb of saying whose complement is an embedded question
    ("did not say when the vote would be held", "hasn't said whether he will run"). A negated
    "that" clause ("did not say that X") stays no quote: it denies a statement, it reports none."""
    kids = children(tok)
    lemma = tok.lemma_.lower()
    return (
        lemma in _ANSWER_VERBS
        and negation_of(tok) is not None
        and any(c.dep_ == "ccomp" and c.i > tok.i and _embedded_question(c) for c in kids)
        # "tell" answers a hearer ("would not tell reporters whether"); without one it is
        # "indicate" ("the figures don't tell where she stands"), no speech.
        and (lemma != "tell" or any(c.dep_ in ("dobj", "dative") for c in kids))
    )


def _embedded_question(clause: Token) -> bool:
    # "whether/if X" (a mark) or "when/who/how X" (the clause's first word).
    return clause.left_edge.lower_ in WH_OPENERS or any(
        c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in children(clause)
    )


def negation_of(tok: Token) -> Token | None:
    """The negation before ``tok`` ("did *not* mention", "*never* mentioned"), or None."""
    return next((c for c in children(tok) if c.dep_ == "neg" and c.i < tok.i), None)


def is_question_frame(tok: Token) -> bool:
    # "Asked whether ..., she said" / "When asked about X, he said": the reporter's question.
    return (
        tok.lemma_ in cues.QUESTION_FRAMES
        and tok.tag_ == "VBN"
        and not any(c.dep_ in SUBJ for c in children(tok))
    )


def said_to_be(tok: Token) -> bool:
    # "He is said to be furious", "It is said that": passive report verb with no agent.
    if not any(c.dep_ == "auxpass" for c in children(tok)):
        return False
    return not any(c.dep_ == "agent" for c in children(tok))


def noun_clause_end(doc: Doc, noun: Token, comp: Token, first: int, last: int) -> int:
    """Last token of a noun cue's complement clause ("X's statement that S ...").

    When the statement noun is itself an argument of a verb ("X's claim that S angered fans" with
    "claim" as subject of "angered"), the clause subtree already stops before that verb. When the
    parse has no verb above the noun (the noun is the sentence root), the sentence's real
    predicate was swallowed into the clause ("that the team was tired angered fans", "angered" read
    as an adjective): end the clause before the first finite/past verb form that follows a
    complete clause and is not part of its verb group or a clause of its own."""
    for h in noun.ancestors:
        if h.pos_ in ("VERB", "AUX"):
            return last  # a verb governs the noun: the subtree is the clause
    for j in range(comp.i + 1, last + 1):
        t = doc[j]
        prev = doc[j - 1]
        past_like = t.tag_ in ("VBD", "VBZ") or (
            t.tag_ in ("JJ", "VBN") and t.lower_.endswith("ed") and t.pos_ in ("ADJ", "VERB")
        )
        if not past_like or j - 1 < first:
            continue
        if prev.pos_ in NOT_PREDICATE_BEFORE or prev.lower_ in DEGREE_WORDS:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in children(t)):
            continue  # a clause of its own ("that prices rose and wages fell")
        if t.dep_ in ("relcl", "ccomp", "advcl", "conj", "xcomp", "pcomp"):
            continue
        k = j - 1
        while k > first and doc[k].is_punct:
            k -= 1
        return k
    return last


def mistagged_name(t: Token) -> bool:
    """A title-case word inside a sentence that the tagger gave a non-name part of speech: a
    surname read as an adverb ("said Skelly"), an adjective ("Morn shot back") or a modal ("Will wrote")."""
    return (
        t.pos_ in ("ADJ", "ADV", "NOUN", "X", "INTJ", "AUX")
        and t.is_alpha
        and len(t.text) > 2
        and t.text[:1].isupper()
        and t.text[1:].islower()
        and not t.is_sent_start
    )


def phrase_head(t: Token) -> Token:
    # Climb compounds/flat names to the head noun ("Dmitry" -> "Peskov").
    while t.dep_ in ("compound", "flat", "amod", "det", "poss") and t.head is not t and t.head.i > t.i:
        t = t.head
    return t


def word_is_cue(doc: Doc, idx: DocIndex, mark: int, verbs: Container[str]) -> bool:
    i = idx.tok_at(mark) - 1
    while i >= 0 and doc[i].is_punct:
        i -= 1
    return i >= 0 and doc[i].lemma_.lower() in verbs and doc[i].pos_ == "VERB"
