"""Direct quotes: text in quote marks, its cue and speaker, and "Name: words" transcript paragraphs."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import pairwise

from spacy.tokens import Doc, Token

from stancewire.nlp import cues, doccache
from stancewire.nlp.doccache import children
from stancewire.nlp.mentions.headlines import title_case_line
from stancewire.nlp.quotemarks import QuoteSpan
from stancewire.nlp.quotes.candidate import DocIndex, QuoteCandidate
from stancewire.nlp.quotes.speakers import author_of_source
from stancewire.nlp.quotes.syntax import (
    SUBJ,
    is_date_word,
    mistagged_name,
    phrase_head,
    subject_of,
    word_is_cue,
)
from stancewire.nlp.quotes.text import (
    DASHES,
    LABEL_ONLY_RE,
    MIN_DIRECT_WORDS,
    NAME_COLON_RE,
    QUESTION_RE,
    first_question,
    first_sentence_end,
    is_title,
    last_sentence,
    last_word,
    split_paragraphs,
    trim,
)
from stancewire.nlp.quotes.words import DOCUMENT_LABELS, NOT_SPEAKER_LABELS

# Between a quote and its cue: a capitalised name of one to four words (after up to three
# lower-case title words: "Vask delegate Ivo Rell"), then an apposition set off by commas (no
# quote marks, no line break), and nothing else.
APPOS_GAP = re.compile(
    r"^\s*(?:(?:[A-Z][\w.'’-]*\s+)?(?:[a-z][\w'’-]*\s+){0,3}[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3},\s[^“”\"\n]{3,180},"
    # "…,” the council's press secretary, Tomas Verlaine, said: the description first.
    r"|(?:[Tt]he|[Aa]n?)\s[^“”\"\n,]{3,120},\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3},"
    # "…,” the economist Jared Bern, a former adviser to the mayor, wrote: name, then apposition.
    r"|(?:[Tt]he|[Aa]n?)\s[^“”\"\n,]{3,80}[A-Z][\w'’-]+,\s[^“”\"\n]{3,180},)\s*$"
)


def direct_quotes(
    doc: Doc, text: str, idx: DocIndex, paras: list[tuple[int, int]], para_starts: list[int]
) -> tuple[list[QuoteCandidate], list[QuoteSpan]]:
    found: list[QuoteCandidate] = []
    fragments: list[QuoteSpan] = []
    fragment_ks: set[int] = set()  # indexes in idx.spans of the fragments
    prev_span: QuoteSpan | None = None
    prev_q: QuoteCandidate | None = None
    for k, s in enumerate(idx.spans):
        content = text[s.start : s.end]
        p_i = bisect_right(para_starts, s.open) - 1
        p_start = paras[p_i][0] if p_i >= 0 else 0
        # Left context: from the previous sentence end / quote / paragraph start to the mark.
        left_lim = p_start
        if k > 0 and idx.spans[k - 1].outer_end > left_lim:
            left_lim = idx.spans[k - 1].outer_end
        left = text[left_lim : s.open]
        # The frame reaches back over scare quotes of its own sentence: 'Another said he hoped
        # with his “whole heart” that Okafor wins: “…”'.
        frame_lim, m = left_lim, k - 1
        while m in fragment_ks and idx.spans[m].outer_end == frame_lim and idx.spans[m].open >= p_start:
            frame_lim = max(p_start, idx.spans[m - 1].outer_end) if m > 0 else p_start
            m -= 1
        frame = text[frame_lim : s.open]
        # Right context: to the next quote or the paragraph end (of the closing paragraph).
        close_end = s.outer_end
        cp_i = bisect_right(para_starts, max(close_end - 1, 0)) - 1
        right_lim = paras[cp_i][1] if cp_i >= 0 else len(text)
        right_lim = _right_limit(text, idx, k, close_end, right_lim)
        right = text[close_end:right_lim]
        left_sent = last_sentence(left)
        n_words = len(content.split())
        # Through the closing mark of a quote inside the quote: “… ‘She knew,’” she said.
        core = content.rstrip("’'”\" ")
        ends_clause = bool(core) and core[-1] in ".,!?…:;—-"
        left_strip = left_sent.rstrip()
        starts_sentence = left_strip == "" or left_strip[-1] in ":,"
        right_strip = right.lstrip()
        ends_sentence = (
            right_strip == ""
            or right_strip[0] in ".!?"
            or ends_clause
            or right_strip[0] in DASHES
            or right_strip[0] == ","
        )
        if is_title(left_sent, content):
            continue
        sentence_level = starts_sentence and ends_sentence and (n_words >= MIN_DIRECT_WORDS or ends_clause)
        # "said “We ...”" without a comma: a cue right before a capitalised quote.
        if not sentence_level and content[:1].isupper() and (n_words >= MIN_DIRECT_WORDS or ends_clause):
            last = last_word(left_sent)
            framing = (cues.speech_verbs(), OUTCRY_VERBS)
            if last and any(word_is_cue(doc, idx, s.open, verbs) for verbs in framing):
                sentence_level = ends_sentence or n_words >= 6
        # 'Ryan said “anti-Semitic images have no place here.”': the quote is the whole rest of
        # the sentence after a speech verb, only not capitalised.
        if (
            not sentence_level
            and ends_sentence
            and n_words >= MIN_DIRECT_WORDS
            and content[:1].islower()
            and right_strip[:1] in ("", ".", "\n")
            and text[max(0, s.open - 1) : s.open] == " "
            and any(word_is_cue(doc, idx, s.open, verbs) for verbs in (cues.speech_verbs(), OUTCRY_VERBS))
            # a finite verb or a participle: "the right to protest “means …”" is no frame
            and doc[idx.tok_at(s.open) - 1].tag_ in ("VBD", "VBZ", "VBP", "VBG")
        ):
            sentence_level = True
        if not sentence_level:
            fragments.append(s)
            fragment_ks.add(k)
            prev_span = s
            continue
        q = QuoteCandidate(type="direct", start=s.start, end=s.end, rule="direct")
        first_tok = idx.tok_at(s.start)
        last_tok = idx.tok_at(max(s.end - 1, s.start))
        q.sent_start = doccache.sent(doc[first_tok]).start_char
        q.sent_end = doccache.sent(doc[last_tok]).end_char
        # 'Ada said, “We won.” She added, “…”': a quote that closes its sentence after a frame
        # on its left is that frame's; the cue after it belongs to the next sentence's quote.
        left_first = (
            left_strip[-1:] in (",", ":")
            and content.rstrip("”’\"' ")[-1:] in (".", "!", "?")
            and right_strip[:1].isupper()
        )
        # 'Lind said: “We tried,” the Ledger reported.': the outlet reports the sentence; the
        # quote keeps the speaker who said it.
        relayed = left_strip[-1:] in (",", ":") and relayed_by_report(
            doc, text, idx, s, right, frame_lim, frame
        )
        attributed = (
            attribute_inner_label(doc, text, idx, s, p_start, q)
            or ((left_first or relayed) and attribute_left(doc, text, idx, s, frame_lim, frame, q))
            or attribute_right(doc, text, idx, s, right, q)
            or attribute_left(doc, text, idx, s, frame_lim, frame, q)
            or attribute_dash(text, s, right, q)
            or (right.strip() == "" and attribute_signoff(text, s, paras, cp_i, q))
            or attribute_prev_para_colon(doc, text, idx, s, paras, p_i, q)
        )
        if not attributed:
            between = text[prev_span.outer_end : s.open] if prev_span is not None else ""
            if (
                prev_q is not None
                and prev_span is not None
                and prev_span.outer_end <= s.open
                and bisect_right(para_starts, prev_span.open) - 1 == p_i
                # the quote it continues is in this paragraph too, not only a scare quote
                and bisect_right(para_starts, prev_q.start) - 1 == p_i
                and prev_q.cue_start is not None
                and prev_q.cue_start < s.open
                # the previous quote's own frame may run long ('“A,” said Guido Schmidt-Traub,
                # managing director of a group in Paris, that is analyzing the steps. “B.”')
                and (len(between) < 120 or (len(between) < 300 and prev_span.outer_end <= prev_q.cue_start))
            ):
                q.inherit = "previous"
                q.cue_start, q.cue_end, q.cue_lemma = prev_q.cue_start, prev_q.cue_end, prev_q.cue_lemma
                q.confidence = 0.85
                q.rule = "split"
            elif n_words >= MIN_DIRECT_WORDS and left_sent.strip() == "":
                q.type = "floating"
                q.inherit = "context"
                q.confidence = 0.6
                q.rule = "floating"
            else:
                fragments.append(s)
                fragment_ks.add(k)
                prev_span = s
                continue
        found.extend(split_paragraphs(text, q))
        prev_span, prev_q = s, q
    return found, fragments


def attribute_inner_label(
    doc: Doc, text: str, idx: DocIndex, s: QuoteSpan, p_start: int, q: QuoteCandidate
) -> bool:
    """A quoted transcript line, '“Vera Holt: Seriously, about this …”': the label inside the
    marks names who speaks the words after it (no frame outside can be nearer). Only a quote
    that is its paragraph: inside a sentence, "Name: …" in marks is a title ('the book “Harbour
    Days: A Memoir”') or a message quoted whole ('tweeted “Velk: resign now”')."""
    m = LABEL_COLON_RE.match(text, s.start, s.end)
    line_end = text.find("\n", s.outer_end)
    rest = text[s.outer_end : line_end if line_end >= 0 else len(text)]
    if m is None or text[p_start : s.open].strip() or rest.strip(" \t."):
        return False
    if not names_speaker(doc, text, idx, m, p_start, s.end, entity_words(doc)):
        return False
    label = m.group(1)
    speaker = label_speaker(doc, text, idx, m.start(1), m.start(1) + len(name_part(label)))
    if speaker is None or len(text[m.end() : s.end].split()) < 3:
        return False
    q.start = m.end()
    q.speaker_span = speaker
    q.confidence = 0.8
    q.rule = INNER_LABEL_RULE
    return True


def cue_in(doc: Doc, idx: DocIndex, a: int, b: int, prefer_last: bool) -> Token | None:
    """A reporting-verb token outside quotes whose first char is in [a, b)."""
    if b <= a:
        return None
    i0 = bisect_left(idx.starts, a)
    i1 = bisect_left(idx.starts, b)
    rng = range(i1 - 1, i0 - 1, -1) if prefer_last else range(i0, i1)
    for i in rng:
        t = doc[i]
        if idx.in_quote[i]:
            continue
        if t.lemma_.lower() in cues.speech_verbs() and (
            (t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN") or (t.tag_ == "VBN" and finite_participle(t))
        ):
            return t
        if t.lower_ == "according" and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
            return t
        if participle_lemma(t) is not None:
            return t
    return None


def finite_participle(t: Token) -> bool:
    """A past participle that is a finite verb here: with an auxiliary ("has said"), or the
    tagger's slip on a plain past tense that heads its clause with a subject ('“…!” Trump
    tweeted.', tagged VBN) or that closes a frame after a comma."""
    if any(c.dep_ == "aux" for c in children(t)):
        return True
    doc = t.doc
    if t.i > 0 and doc[t.i - 1].text == "," and (t.i + 1 == len(doc) or doc[t.i + 1].text in (".", ",")):
        # '“…,” Okonjo, 61, recalled.': after a name set off by its age or apposition the
        # tagger reads the bare frame verb as a participle and the parser hangs it in the quote.
        return True
    return t.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in children(t))


def participle_lemma(t: Token) -> str | None:
    """The verb of a reporting participle the small model tags as a noun ("…, writing, “…”"):
    an -ing word hung on a verb as a clause, whose stem is a reporting verb ("write")."""
    if t.tag_ != "NN" or not t.lower_.endswith("ing") or t.dep_ not in ("advcl", "conj", "acl"):
        return None
    stem = t.lower_[:-3]
    forms = (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem)
    return next((f for f in forms if f in cues.speech_verbs()), None)


def frame_only_cue(doc: Doc, idx: DocIndex, a: int, b: int) -> Token | None:
    """ "“…,” he continued." / "continued Blackwell": a frame-only verb (``cues.FRAME_ONLY_VERBS``)
    within the first few words after the quote, with nothing of its own after it (no object,
    no clause, no "to ..."): then it reports the quote before it."""
    for t in _words_after_quote(doc, idx, a, b, 5):
        if t.lemma_.lower() not in cues.FRAME_ONLY_VERBS or t.pos_ not in ("VERB", "AUX") or t.tag_ == "VBN":
            continue
        return t if _tail_only(t, idx, FRAME_ONLY_TAIL_DEPS) else None
    return None


def _words_after_quote(doc: Doc, idx: DocIndex, a: int, b: int, width: int) -> Iterator[Token]:
    """The first ``width`` words in [a, b) after a quote, up to another quote or a line break."""
    i0 = bisect_left(idx.starts, a)
    for i in range(i0, min(bisect_left(idx.starts, b), i0 + width)):
        if idx.in_quote[i] or "\n" in doc[i].text:
            return
        yield doc[i]


def _tail_only(t: Token, idx: DocIndex, deps: frozenset[str]) -> bool:
    """Whether everything after the verb ``t`` outside quotes hangs from it by ``deps``: no
    object, clause or "to …" of its own, which would make it a predicate, not a frame."""
    return all(c.dep_ in deps for c in children(t) if c.i > t.i and not idx.in_quote[c.i])


FRAME_ONLY_TAIL_DEPS = frozenset({"nsubj", "punct", "advmod", "npadvmod", "cc"})


def set_cue(q: QuoteCandidate, cue: Token, speaker: Token | None) -> None:
    q.cue_start, q.cue_end = cue.idx, cue.idx + len(cue.text)
    q.cue_lemma = participle_lemma(cue) or cue.lemma_.lower()
    if cue.lower_ == "according":
        nxt = cue.nbor(1)
        q.cue_end = nxt.idx + len(nxt.text)
        q.cue_lemma = "according to"
    q.speaker_token = speaker.i if speaker is not None else None


def framed_by(q: QuoteCandidate, cue: Token, speaker: Token | None, confidence: float, rule: str) -> bool:
    """Attribute ``q`` to a frame on its left: the cue, its speaker, the sentence it starts in."""
    set_cue(q, cue, speaker)
    q.confidence = confidence
    q.rule = rule
    q.sent_start = min(q.sent_start, doccache.sent(cue).start_char)
    return True


def _right_limit(text: str, idx: DocIndex, k: int, close_end: int, right_lim: int) -> int:
    """Where the right context of quote ``k`` ends: at the next quote, unless that is a short
    scare quote inside the frame's own sentence ('“…,” delegate Ivo Rell, wearing “Ada Morn”
    campaign pins, said'), which the frame reads over."""
    j = k + 1
    while j < len(idx.spans) and idx.spans[j].open < right_lim:
        nxt = idx.spans[j]
        inner = text[nxt.start : nxt.end].strip()
        between = text[close_end : nxt.open]
        if (
            len(inner.split()) > 4
            or inner.rstrip("”’\"' ")[-1:] in (".", "!", "?", ",", ":")
            or not between.strip()
            or any(c in between for c in ".!?\n")
        ):
            return nxt.open
        close_end = nxt.outer_end
        j += 1
    return right_lim


def speaker_for(doc: Doc, cue: Token, a: int, b: int, idx: DocIndex) -> Token | None:
    if cue.lower_ == "according":
        to = cue.nbor(1)
        pobj = next((c for c in children(to) if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = next(
                (t for t in doc[to.i + 1 : min(len(doc), to.i + 8)] if t.pos_ in ("PROPN", "NOUN")), None
            )
        if pobj is not None and pobj.lemma_.lower() in cues.DOCUMENT_NOUNS:
            # A document speaks as its named author ("according to a court document filed by
            # Ivo Kade": Kade), else as itself ("according to court records"), never as nobody.
            return author_of_source(pobj) or pobj
        return pobj
    subj = subject_of(cue)
    if subj is not None and not idx.in_quote[subj.i]:
        if subj.i + 1 < len(doc) and doc[subj.i + 1].text == "-" and not subj.whitespace_:
            # "mused Vask Radio co-host Lia Quorn": the parser took the first half of a
            # hyphenated title for the subject; the name the title run ends with speaks.
            return person_in_title_run(doc, subj, b) or subj
        return subj
    doer = _doer_of_the_phrase(cue)
    if doer is not None and not idx.in_quote[doer.i]:
        return doer
    # '“…,” the party's nominee, Ida Kessel, tweeted Sunday': the parser reads the frame as a
    # noun phrase with a reduced relative; the noun (or the name in apposition to it) speaks.
    head = cue.head
    if cue.dep_ == "acl" and head.i < cue.i and head.pos_ in SUBJECT_POS and not idx.in_quote[head.i]:
        name = next((c for c in children(head) if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        return name if name is not None else head
    # A participle after a comma ("Clinton seemed ready to riff on it in Iowa, telling the
    # crowd, “…”") reports the main clause's subject; the parse often hangs it on a nearby noun.
    # So does one joined by "and" ("… by mentioning the need for a wall and adding, “…”").
    if cue.tag_ == "VBG" and cue.i > 0 and doc[cue.i - 1].lower_ in (",", "and"):
        root = doccache.sent(cue).root
        main = subject_of(root) if root is not cue else None
        if main is not None and main.i < cue.i and not idx.in_quote[main.i]:
            return main
    # The parse often mangles "…,” said Peskov." Fall back to the nearest name-ish token
    # after (inverted) or before the cue inside the frame.
    i0 = bisect_left(idx.starts, a)
    i1 = bisect_left(idx.starts, b)
    # A surname the tagger read as an adverb or adjective ("said Skelly", "Morn shot back")
    # still names the speaker.
    # "Tell" is never inverted ("…,” told Ramos" is no English): the name after it is whom the
    # speaker told ("Ramos, 58, told AFP"), so only the frame before the cue can name the speaker.
    after = range(cue.i + 1, min(i1, cue.i + 6)) if cue.lemma_.lower() != "tell" else range(0)
    for j in after:
        t = doc[j]
        if t.pos_ in ("ADP", "SCONJ") or t.tag_ == "WRB":
            # "said at a recent Dremmel Post event", "said of their time", "said when Brask
            # asked him": no inverted subject; a name after a subordinator is its clause's.
            break
        if is_date_word(t):
            continue  # "said Wednesday, “…”": a day does not speak
        if t.pos_ in ("PROPN", "PRON") or (t.pos_ == "NOUN" and t.dep_ in SUBJ) or mistagged_name(t):
            return person_in_title_run(doc, t, i1) or phrase_head(t)
        if (
            t.pos_ == "NOUN"
            and t.dep_ == "dobj"
            and t.head.i == cue.i
            and cue.lemma_ != "tell"
            and doc[cue.i - 1].is_punct  # the cue right after the quote: an inverted frame
        ):
            # '“How big is that wall?” asked the boy': the parser took the inverted subject
            # for the object (the cue has no subject of its own here); "mused radio co-host
            # Lia Quorn": the name the title run ends with.
            return person_in_title_run(doc, t, i1) or t
        if t.is_punct:
            break
    # '“…,” Gene Sperl, a top outside adviser to the mayor, said': the parser hung the name and
    # its apposition on the quote; the name opening the frame, set off by the comma before the
    # cue, speaks (not the last noun of its apposition).
    opener = next((j for j in range(i0, cue.i) if not doc[j].is_punct), None)
    if opener is not None and cue.i - 1 > opener and doc[cue.i - 1].text == ",":
        t = doc[opener]
        if t.pos_ in ("PROPN", "NOUN", "ADJ") and not idx.in_quote[opener]:
            # "“…,” Vask delegate Ivo Rell, wearing …, said": a title run opening the frame
            # ends with the name that speaks.
            named = person_in_title_run(doc, t, cue.i)
            if named is not None:
                return named
        # (The NER often runs a title-like entity from the quote on into the name.)
        if t.pos_ == "PROPN" and not idx.in_quote[opener] and t.ent_type_ in ("PERSON", "WORK_OF_ART", ""):
            return head_short_of(t, cue)
    end = cue.i - 1
    if doc[end].text == ")":
        # "Speaker Ivo Kade (R-VA) said": the party tag names no speaker; the name before it does.
        opening = next((k for k in range(end - 1, max(i0 - 1, end - 6), -1) if doc[k].text == "("), None)
        end = opening - 1 if opening is not None else end
    for j in range(end, max(i0 - 1, end - 7), -1):
        t = doc[j]
        if (t.pos_ in ("PROPN", "PRON", "NOUN") or mistagged_name(t)) and not idx.in_quote[j]:
            if t.pos_ == "PROPN" and t.ent_type_ == "PERSON":
                return head_short_of(t, cue)  # a person's name right before the cue speaks
            return relative_clause_owner(t, i0, cue.i) or head_short_of(t, cue)
    return None


def person_in_title_run(doc: Doc, t: Token, end: int) -> Token | None:
    """ "said Oversight ranking Democrat Elijah Cummings (D-Md.)": the words before the name
    describe the person the run ends with; the last word of that name speaks."""
    if t.ent_type_ == "PERSON" or t.pos_ == "PRON":
        return None
    last = None
    for j in range(t.i + 1, min(end, t.i + 7)):
        u = doc[j]
        if u.text in ("-", "–") and not u.whitespace_ and not doc[j - 1].whitespace_:
            continue  # a hyphen inside a word: "radio co-host Lia Quorn"
        if u.is_punct or u.pos_ in ("PRON", "DET", "AUX"):
            # "said a Velmar supporter who runs the Chirper account": a relative clause (or a
            # new noun phrase) describes the speaker; a name in it is someone or something else.
            break
        if u.pos_ == "PROPN" and u.ent_type_ in ("PERSON", ""):
            last = u  # (a name the NER missed has no entity type)
        elif last is not None:
            break
    return last


def head_short_of(t: Token, cue: Token) -> Token:
    """The head of ``t``'s name, short of the cue: '“…,” Bozell answers' read as one noun
    phrase ("Bozell answers") must not climb from the name into the cue itself."""
    head = phrase_head(t)
    return t if head.i >= cue.i else head


def relative_clause_owner(t: Token, first: int, cue: int) -> Token | None:
    """The noun whose relative clause ``t`` is in, when that noun is in the frame: "a White
    House official who spoke anonymously to discuss internal strategy said": the official, not
    the strategy (the parser left the cue without a subject)."""
    anc = t
    while anc.head.i != anc.i and anc.head.i < cue:
        if anc.dep_ in ("relcl", "acl") and anc.head.pos_ in ("NOUN", "PROPN") and anc.head.i >= first:
            return anc.head
        anc = anc.head
    return None


# What may follow a frame verb of any lemma: "he surmised.", "shot back with a laugh", "Trump
# interjected on Tuesday", "protesters chanted, …, as they marched down Main Avenue" (an
# adverbial clause says when or how). An object or a complement clause would make it a
# predicate of its own.
FRAME_TAIL_DEPS = frozenset(
    {"nsubj", "punct", "advmod", "prt", "prep", "npadvmod", "cc", "conj", "agent", "advcl"}
)


def any_frame_verb(doc: Doc, idx: DocIndex, a: int, b: int) -> Token | None:
    """A finite verb within the first words after a quote that frames it ("he surmised")."""
    words = list(_words_after_quote(doc, idx, a, b, 6))
    for k, t in enumerate(words):
        if t.pos_ != "VERB" or t.tag_ not in ("VBD", "VBZ"):
            continue
        if not _tail_only(t, idx, FRAME_TAIL_DEPS):
            return None
        if subject_of(t) is None and not any(d.pos_ == "PROPN" for d in words[k + 1 :]):
            return None
        if any(c.dep_ == "nsubj" and c.tag_ in ("WP", "WDT") for c in children(t)):
            return None  # '"…," who proceeded to perform': a relative clause, not a frame
        return t
    return None


def attribute_right(doc: Doc, text: str, idx: DocIndex, s: QuoteSpan, right: str, q: QuoteCandidate) -> bool:
    # “...,” she said / “...” said Peskov / “...,” according to X — the frame must follow the
    # quote directly (within its sentence).
    a = s.outer_end
    seg = right
    stop = first_sentence_end(seg)
    seg_end = a + (stop if stop is not None else len(seg))
    if seg.strip() == "" or seg.lstrip()[:1] in DASHES:
        return False
    # “…,” Tessa Rill, the Democratic chair of Palm County, said: a name with an apposition
    # between the quote and its cue puts the cue further away than a plain frame's.
    cue = cue_in(doc, idx, a, min(seg_end, a + 240), prefer_last=False) or frame_only_cue(
        doc, idx, a, seg_end
    )
    if cue is None and text[s.start : s.end].rstrip("”’\"' ")[-1:] in (",", "?", "!"):
        # “…,” he surmised. / “…?” Bennett shot back with a laugh. The comma inside the closing
        # mark says the sentence goes on into its frame, whatever the verb.
        cue = any_frame_verb(doc, idx, a, seg_end)
    reader = None
    if cue is None:
        cue, reader = text_read_frame(doc, idx, a, seg_end)
    if cue is None:
        return False
    # The cue must be close to the quote: at most ~5 words in between ("Peskov told reporters").
    gap_words = text[a : cue.idx].split()
    if (
        (len(gap_words) > 6 or cue.idx >= a + 80)
        # (a scare quote in the apposition is read over: "wearing “Ada Morn” pins")
        and APPOS_GAP.match(re.sub('[“”"]', "", text[a : cue.idx])) is None
        and not subject_fills_gap(doc, text, idx, cue, a)
        and not closing_inverted_frame(doc, text, idx, cue, seg_end)
    ):
        return False
    # A quote that is a sentence of its own, followed by a sentence whose cue reports content of
    # its own ("“It was during his term.” He added that ..."), is not framed by that cue.
    # So is a quote followed by "and said that ...": the conjoined cue has its own content.
    content = text[s.start : s.end].rstrip("”’\"' ")
    opens_new = seg.lstrip()[:1].isupper() or seg.lstrip().split(" ", 1)[0] in ("and", "but", "then")
    if (
        content[-1:] in (".", "!", "?")
        and opens_new
        and any(
            c.dep_ in ("ccomp", "xcomp") and c.idx > cue.idx and not idx.in_quote[c.i] for c in children(cue)
        )
    ):
        return False
    speaker = reader or speaker_for(doc, cue, a, seg_end, idx)
    set_cue(q, cue, speaker)
    q.confidence = 0.92 if speaker is not None else 0.7
    q.rule = "direct-right"
    q.sent_end = max(q.sent_end, doccache.sent(cue).end_char)
    return True


def relayed_by_report(
    doc: Doc, text: str, idx: DocIndex, s: QuoteSpan, right: str, left_lim: int, left: str
) -> bool:
    """Whether a quote opened by a speaker's own frame ("Lind said: “…”") is closed by an
    outlet's report frame ("…,” the Ledger reported." / "…,” according to the Ledger."): the
    report frame relays the whole sentence, so the quote is the left frame's speaker's."""
    a = s.outer_end
    stop = first_sentence_end(right)
    seg_end = a + (stop if stop is not None else len(right))
    cue = cue_in(doc, idx, a, min(seg_end, a + 80), prefer_last=False)
    if cue is None or not (cue.lower_ == "according" or cue.lemma_.lower() == "report"):
        return False
    start = left_lim + (len(left) - len(last_sentence(left)))
    own = cue_in(doc, idx, start, s.open, prefer_last=True)
    if own is None or own.lower_ == "according" or own.lemma_.lower() == "report":
        return False
    # The speaker's verb closes the frame ("said:", "told reporters,") and its speaker is in
    # the frame: a parse that makes the outlet after the quote the subject of both verbs
    # ("Canvey “bristled” and said, “…,” the Herald reported") names no speaker of its own.
    tail = text[own.idx + len(own.text) : s.open].split()
    who = speaker_for(doc, own, start, s.open, idx)
    return len(tail) <= 2 and who is not None and who.idx < s.open


_READ = frozenset({"read", "reads"})
# Reporting verbs the small model also takes for nouns after a quote: "“…,” the aides write.",
# "“…,” a narrator in the radio spot states.", "“…,” the Velmarans state in their trade report."
_NOUN_TAGGED_FRAME = _READ | frozenset({"write", "writes", "state", "states"})
# What may follow such a verb in a bare frame: "in their trade report", "on its website".
_FRAME_PLACE_PREPS = frozenset({"in", "on"})


def text_read_frame(doc: Doc, idx: DocIndex, a: int, b: int) -> tuple[Token | None, Token | None]:
    """'“…,” the editorial read.' / '“…,” read the email.' / '“…,” read one.' / '“…,” the aides
    write.': a text quoted by its reader verb (or a reporting verb) which the parser takes for a
    noun or gives the text as its object. Returns the verb and the speaker's head word, or (None,
    None). Only a bare frame counts: the phrase and the verb and nothing after them but
    punctuation, a time ("on Friday") or where it was put ("in their trade report")."""
    words = list(_words_after_quote(doc, idx, a, b, 8))
    if not words:
        return None, None
    if words[0].lower_ in _READ:
        # Inverted: the text's noun phrase follows the verb and ends the frame.
        rest = [t for t in words[1:] if not t.is_punct]
        head = next((t for t in rest if t.pos_ in ("NOUN", "PROPN", "NUM", "PRON")), None)
        if head is None or any(t.dep_ in ("ccomp", "xcomp", "advcl") for t in rest):
            return None, None
        return words[0], phrase_head(head)
    for k, t in enumerate(words[1:], start=1):
        # (lower case only: a capitalised "State" or "Read" is part of a name, "the Northern State")
        if t.text not in _NOUN_TAGGED_FRAME:
            continue
        before = words[k - 1]
        after = words[k + 1] if k + 1 < len(words) else None
        if after is not None and not after.is_punct and not _place_tail(doc, after, b):
            return None, None  # "the sign read the names": the verb has an object
        if before.pos_ not in ("NOUN", "PROPN", "ADJ", "PRON"):
            return None, None
        # "a narrator in the radio spot states": the phrase's head, not the noun of its "in" phrase
        # (the parser may take the verb for that noun, with the word before it as a compound).
        node = t if before.head.i == t.i else before
        while node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.i < node.i:
            node = node.head.head
        return t, (before if node.i == t.i else node)
    return None, None


# Words that may stand between a frame verb and the end of its frame: a place or time phrase
# ("in their trade report", "on Monday in a letter"), nothing with a verb of its own.
_TAIL_DEPS = frozenset({"prep", "pobj", "det", "amod", "compound", "poss", "nummod", "npadvmod", "case"})


def _place_tail(doc: Doc, first: Token, end: int) -> bool:
    """Whether the frame goes on from ``first`` only with "in/on …" phrases up to punctuation (a
    relative clause after the comma may follow: "in their trade report, which was sent out")."""
    if first.lower_ not in _FRAME_PLACE_PREPS:
        return False
    for t in doc[first.i :]:
        if t.idx >= end or t.is_punct:
            return True
        if t.dep_ not in _TAIL_DEPS or t.pos_ in ("VERB", "AUX"):
            return False
    return True


def closing_inverted_frame(doc: Doc, text: str, idx: DocIndex, cue: Token, seg_end: int) -> bool:
    """ "''…,'' since so many cases were decided by 5-to-4 votes, said Lee Epstein.": a quote
    whose sentence goes on unquoted and closes with an inverted frame (", said <subject>." as
    the sentence's main verb) is that subject's, however long the stretch before the frame."""
    if cue.dep_ != "ROOT" or cue.i == 0 or doc[cue.i - 1].text != ",":
        return False
    subj = subject_of(cue)
    if subj is None or subj.i < cue.i or idx.in_quote[subj.i]:
        return False
    # Nothing but the subject's phrase after it: the frame ends the sentence.
    tail = text[subj.right_edge.idx + len(subj.right_edge.text) : seg_end]
    return tail.strip(" .,;") == "" or tail.lstrip()[:1] in (".", "\n")


def subject_fills_gap(doc: Doc, text: str, idx: DocIndex, cue: Token, a: int) -> bool:
    """'“…,” former Dravik Party speechwriter Noam Neusner wrote', '“…,” Jeffrey Lewis of the
    Halden Center for Nonproliferation Studies wrote', '“…,” the Florida senator and Republican
    presidential candidate said': a long stretch between the quote and the cue is still a
    frame when all of it is the cue's subject (one noun phrase with its modifiers, opening right
    after the quote), not a sentence of its own."""
    subj = subject_of(cue)
    if subj is None or subj.pos_ not in ("PROPN", "NOUN") or cue.idx - a > 200:
        return False
    if "\n" in text[a : cue.idx]:
        return False
    first = bisect_left(idx.starts, a)
    words = [t for t in doc[first : cue.i] if not t.is_punct and not t.is_space]
    lo, hi = subj.left_edge.i, subj.right_edge.i
    return bool(words) and all(lo <= t.i <= hi for t in words)


def attribute_left(
    doc: Doc, text: str, idx: DocIndex, s: QuoteSpan, left_lim: int, left: str, q: QuoteCandidate
) -> bool:
    # Peskov said: “...” / Peskov told reporters, “...” / Peskov: “...”
    stripped = left.rstrip()
    if not stripped:
        return False
    a = left_lim + (len(left) - len(last_sentence(left)))
    b = s.open
    cue = cue_in(doc, idx, a, b, prefer_last=True)
    if cue is not None and source_label_after(text, cue.idx, a, b, q):
        return True
    tail = text[cue.idx + len(cue.text) : b] if cue is not None else ""
    n_tail = len(tail.split())
    if cue is not None and n_tail <= 8 and (stripped[-1] in ":," or tail.strip() == "" or n_tail <= 4):
        speaker = speaker_for(doc, cue, a, b, idx)
        return framed_by(q, cue, speaker, 0.9 if speaker is not None else 0.7, "direct-left")
    outcry = outcry_verb(doc, idx, s.open)
    if outcry is not None:
        # "He continued, “…”", "a man yelled “Stay there!”", "the crowd chanted: “…”"
        return framed_by(q, *outcry, 0.85, "direct-frame-verb")
    if stripped[-1] == ":":
        colon = left_lim + len(stripped) - 1
        verb = colon_verb(doc, idx, colon)
        if verb is not None:
            return framed_by(q, verb, subject_of(verb), 0.85, "direct-colon-verb")
        message = colon_message(doc, idx, colon)
        if message is not None:
            return framed_by(q, *message, 0.8, "direct-colon-message")
        if cue is not None and n_tail <= 30:
            # 'Another said he hoped with his “whole heart” that Okafor wins: “…”': with no frame
            # of its own at the colon, the reporting sentence the colon closes hands it the quote,
            # however long the reported clause.
            speaker = speaker_for(doc, cue, a, b, idx)
            return framed_by(q, cue, speaker, 0.85 if speaker is not None else 0.7, "direct-left-colon")
        m = HERE_IS_RE.match(text[a:b]) or LABEL_ONLY_RE.match(text[a:b]) or SOURCE_LABEL_RE.search(text[a:b])
        if m and m.group(1).lower().split()[0] not in NOT_SPEAKER_LABELS | WH_WORDS:
            if m.group(1).startswith("the "):
                # "From the report:": the document speaks, read as the noun it is (the report
                # the article introduced before, its issuer; else the document itself).
                q.speaker_token = idx.tok_at(a + m.end(1) - 1)
            else:
                q.speaker_span = (a + m.start(1), a + m.end(1))
            q.confidence = 0.85
            q.rule = "direct-colon"
            return True
        person = None if title_case_line(text, colon, colon) else person_before_colon(doc, idx, colon)
        if person is not None:
            # "… doesn't surprise Republican pollster Daron Shaw: “…”": with no verb to frame it,
            # the person named right before the colon is who the quote is from (not on a
            # headline, whose parse is too poor to tell the subject from the object).
            q.speaker_span = person
            q.confidence = 0.8
            q.rule = "direct-colon-person"
            return True
    return False


# A newsletter's source label closing its line before a quote: "RED STATES OUTNUMBER BLUE - Jeffrey
# M. Jones: “…”", "- More from Jones: “…”", "From the report: “…”".
SOURCE_LABEL_RE = re.compile(
    r"(?:\s[-–—]+\s*(?:More\s+from\s+)?|^\s*(?:More\s+)?[Ff]rom\s+|\s(?:More\s+)?from\s+)"
    r"((?:[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|and|&))*)|the\s+(?:report|study|survey|poll|memo|analysis))"
    r"\s*:\s*$"
)


def source_label_after(text: str, cue: int, a: int, b: int, q: QuoteCandidate) -> bool:
    """A newsletter item's source label after its headline, '“Pollsters agree - Ada Morn: “…”':
    the label after the dash is who the quote is from, not the headline's subject, whatever
    verb (``cue``, at that char) the headline has."""
    m = SOURCE_LABEL_RE.search(text[a:b])
    if m is None or a + m.start() < cue or m.group(0).lstrip()[:1] not in DASHES:
        return False
    label = m.group(1)
    if label.startswith("the ") or label.lower().split()[0] in NOT_SPEAKER_LABELS:
        return False
    q.speaker_span = (a + m.start(1), a + m.end(1))
    q.confidence = 0.85
    q.rule = "direct-source-label"
    return True


def person_before_colon(doc: Doc, idx: DocIndex, colon: int) -> tuple[int, int] | None:
    """The char span of a PERSON entity that ends right at ``colon``, unless it is an addressee
    or the object of a reporting verb (whose subject is the one quoted)."""
    j = idx.tok_at(colon) - 1
    if j < 0 or doc[j].ent_type_ != "PERSON" or doc[j].idx + len(doc[j].text) != colon:
        return None
    i = j
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    root = doc[i : j + 1].root
    if root.dep_ == "dative" or (root.dep_ == "pobj" and root.head.lower_ not in ("by", "from")):
        return None  # "a blunt message to Trump:", "contrasted him with Clinton:" are addressees
    if root.dep_ == "dobj" and cues.is_speech_verb(root.head.lemma_.lower()):
        return None  # "Trump Praises Editor Matthew Boyle: …": the praised one is not quoted
    return doc[i].idx, colon


# "Here's Morn in December 1992: “…”", "Here is Verlaine on the vote: “…”": a presentational
# frame names the speaker of the quote it introduces; what follows the name is when or where.
HERE_IS_RE = re.compile(
    r"\s*Here(?:'s|’s|\s+is|\s+was)\s+([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})"
    r"(?:,?\s+(?:in|on|at|during|from|speaking|last|this|earlier|back|again|explaining|talking)\b[^:\n]{0,80})?\s*:\s*$"
)
WH_WORDS = frozenset({"what", "why", "how", "who", "when", "where", "which"})


# Verbs that frame a quoted outcry or a continuation right before it, though they are no
# reporting verbs elsewhere ("prices continued to rise", "the sign read 20 mph").
OUTCRY_VERBS = frozenset(
    {"continue", "yell", "chant", "scream", "holler", "mutter", "cry", "interject", "sing", "read", "put"}
)


def outcry_verb(doc: Doc, idx: DocIndex, mark: int) -> tuple[Token, Token] | None:
    """The frame verb right before a quote's opening mark ("he yelled “…”", "He continued, “…”")
    and its subject: only punctuation, a particle or an adverb in between."""
    i = idx.tok_at(mark) - 1
    while i >= 0 and doc[i].text in (",", ":"):
        i -= 1
    j = i
    while j > 0 and i - j < 2 and (doc[j].dep_ in ("prt", "advmod") or (doc[j].lower_ == "it" and j == i)):
        j -= 1
    if j < 0 or i < 0:
        return None
    verb = doc[j]
    if (
        verb.lemma_.lower() not in OUTCRY_VERBS
        or not (finite_like(verb) or (verb.tag_ == "VBG" and verb.pos_ == "VERB"))  # "…, chanting “…”"
        or idx.in_quote[verb.i]
    ):
        return None
    # "continued to say": a verb with a complement of its own is no frame ("put it" is the frame).
    own = [c for c in children(verb) if c.dep_ in ("xcomp", "dobj", "obj") and not idx.in_quote[c.i]]
    if any(c.lower_ != "it" for c in own):
        return None
    if verb.lemma_.lower() == "put" and not any(c.lower_ == "it" for c in children(verb)):
        return None  # "put" frames a quote only as "put it"
    subj = as_subject(verb) or subject_of(verb)
    if subj is None and verb.dep_ == "acl" and verb.head.i < verb.i and verb.head.pos_ in SUBJECT_POS:
        subj = verb.head  # the parser hangs "a man yelled “…”" as "a man (who) yelled"
    return (verb, subj) if subj is not None and not idx.in_quote[subj.i] else None


SUBJECT_POS = frozenset({"NOUN", "PROPN", "PRON"})


def _doer_of_the_phrase(cue: Token) -> Token | None:
    """The speaker of a participle after a comma that the parser hung on the object of a
    preposition: "when Hollis ended the debate with a reference to a film, remarking, “…”" is
    Hollis's (the subject of "ended"), not the reference's."""
    if cue.dep_ != "acl" or not cue.lower_.endswith("ing") or cue.i < 1 or cue.nbor(-1).text != ",":
        return None
    noun = cue.head
    if noun.dep_ != "pobj" or noun.i > cue.i:
        return None
    # Climb the chain of prepositional phrases ("with a nod to the sequel") to their verb.
    t = noun
    for _ in range(4):
        if t.dep_ not in ("pobj", "prep"):
            break
        t = t.head
    return subject_of(t) if t.pos_ in ("VERB", "AUX") else None


def as_subject(verb: Token) -> Token | None:
    """The speaker of "As Amar, a law professor, put it, “…”" when the parser reads "As Amar" as
    a prepositional phrase of "put" (and then climbs into the quote for a subject)."""
    for c in children(verb):
        if c.dep_ == "prep" and c.lower_ == "as" and c.i < verb.i:
            return next((g for g in children(c) if g.dep_ == "pobj" and g.pos_ in SUBJECT_POS), None)
    return None


def finite_like(verb: Token) -> bool:
    """A finite verb, or a word the small model mis-tags in that place: "As Kessel put it:" (base
    form VB, "put" has one form for both) and "Article 33 affirms:" (a plural noun), each with a
    subject of its own."""
    if verb.tag_ in ("VBD", "VBZ", "VBP"):
        return verb.pos_ in ("VERB", "AUX")
    own_subject = any(c.dep_ == "nsubj" for c in children(verb)) or as_subject(verb) is not None
    if verb.tag_ == "VB" and verb.pos_ == "VERB":
        return own_subject and not any(c.dep_ == "aux" for c in children(verb))
    return verb.tag_ == "NNS" and own_subject


# Nouns for what was said that introduce its words after a colon: "delivered a blunt message
# to Trump: “…”", "Her advice: “…”", "had a warning for voters: “…”".
MESSAGE_NOUNS = frozenset(
    {
        "message", "warning", "statement", "words", "advice", "response", "reply", "answer",
        "verdict", "argument", "plea", "appeal", "promise", "pledge", "vow", "question",
        "explanation", "assessment", "prediction", "slogan", "motto", "reminder", "request",
        "demand", "challenge", "retort", "rebuke", "rejoinder", "assurance", "instruction",
    }
)  # fmt: skip


def colon_message(doc: Doc, idx: DocIndex, colon: int) -> tuple[Token, Token] | None:
    """A message noun whose phrase ends at the colon before a quote, and who sent it: the
    subject of the verb it is the object of ("Kessel delivered a blunt message to Okafor:"),
    or its possessor ("Kessel's reply:"). Returns (cue token, speaker token)."""
    k = idx.tok_at(colon)
    if doc[k].text != ":":
        return None
    for j in range(k - 1, max(-1, k - 7), -1):
        noun = doc[j]
        if idx.in_quote[j] or noun.is_punct:
            return None
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in MESSAGE_NOUNS:
            continue
        if noun.right_edge.i < k - 1:
            return None  # the words before the colon are not all the noun's phrase
        poss = next((c for c in children(noun) if c.dep_ == "poss"), None)
        if poss is not None and poss.lower_ not in ("its", "their", "his", "her", "my", "our", "your"):
            return noun, poss
        verb = noun.head
        # The parser may hang a paragraph's first noun on the verb of the paragraph before.
        same_para = not any("\n" in t.text for t in doc[min(verb.i, j) : max(verb.i, j) + 1])
        if noun.dep_ in ("dobj", "obj") and verb.pos_ == "VERB" and same_para:
            subj = subject_of(verb)
            if subj is not None and not idx.in_quote[subj.i]:
                return verb, subj
        if poss is not None:
            return noun, poss
        return None
    return None


def colon_verb(doc: Doc, idx: DocIndex, colon: int) -> Token | None:
    """The finite verb right before the colon that opens a quote, when it has a subject.

    "Pence continued: “…”", "Ms. Vale wrote: “…”", "the ministry tweeted: “…”": whatever the verb
    (many are not speech verbs out of this frame), subject, verb and colon introduce the quote.
    """
    k = idx.tok_at(colon)
    if doc[k].text != ":" or k == 0:
        return None
    j = k - 1
    # "She went on:", "he said simply:", "as Vale put it this way:": a particle, an adverb or
    # "it (this way)" may stand between the verb and the colon. Nothing else may: "She listed the
    # reasons:" introduces a list, not her words.
    while (
        j > 0
        and k - j <= 4
        and (
            doc[j].dep_ in ("prt", "advmod")
            or (doc[j].lower_ in FRAME_FILLERS and doc[j].head.i < k and doc[j].head.pos_ in ("VERB", "NOUN"))
        )
    ):
        j -= 1
    verb = doc[j]
    if not finite_like(verb) or idx.in_quote[verb.i]:
        return None
    if j < k - 1 and not all(doc[i].head.i in (verb.i, *range(j + 1, k)) for i in range(j + 1, k)):
        return None  # the words in between belong to something else
    subj = subject_of(verb)
    return verb if subj is not None and not idx.in_quote[subj.i] else None


# "put it this way:", "put it bluntly:": the object and manner words of a framing verb.
FRAME_FILLERS = frozenset({"it", "this", "that", "way"})


# A name of one to four capitalised words after a dash: "— Jane Doe, chief executive of X",
# "- Sanders.", "-Michelle Marks, Philadelphia.".
DASH_NAME = re.compile(r"\s*([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})")


def dash_speaker(text: str, dash: int, end: int, q: QuoteCandidate, rule: str, strip: str = "") -> bool:
    """Give ``q`` the name after the dash at ``dash``, within ``text[:end]`` (its paragraph),
    with trailing ``strip`` characters dropped."""
    m = DASH_NAME.match(text, dash + 1, end)
    if m is None:
        return False
    name = m.group(1).rstrip(strip)
    q.speaker_span = (m.start(1), m.start(1) + len(name))
    q.confidence = 0.85
    q.rule = rule
    return True


def attribute_dash(text: str, s: QuoteSpan, right: str, q: QuoteCandidate) -> bool:
    # “...” — Jane Doe, chief executive of X
    r = right.lstrip()
    if not r or r[0] not in DASHES:
        return False
    end = s.outer_end + len(right)
    return dash_speaker(text, end - len(r), end, q, "direct-dash")


SIGNOFF_NOT_NAMES = frozenset(
    {"reporting", "editing", "edited", "writing", "written", "additional", "contributing", "compiled"}
    | {"photo", "photos", "source", "sources", "via", "video", "image", "graphic", "read", "watch", "related"}
)


def attribute_signoff(
    text: str, s: QuoteSpan, paras: list[tuple[int, int]], cp_i: int, q: QuoteCandidate
) -> bool:
    """A quote paragraph signed off by the next paragraph ('“…”¶¶- Sanders.'), as fact checks
    and convention notebooks quote people: the name after the dash speaks."""
    if cp_i < 0 or cp_i + 1 >= len(paras):
        return False
    a, b = paras[cp_i + 1]
    line = text[a:b]
    if line[:1] not in DASHES or len(line) > 160 or any(c in line for c in '“”"'):
        return False
    words = line[1:].split()
    if not words or words[0].rstrip(".").casefold() in SIGNOFF_NOT_NAMES or " by " in line:
        return False  # "— Reporting by Ada Lind; editing by …": a credit line, not a speaker
    return dash_speaker(text, a, b, q, "direct-signoff", strip=".")


def attribute_prev_para_colon(
    doc: Doc,
    text: str,
    idx: DocIndex,
    s: QuoteSpan,
    paras: list[tuple[int, int]],
    p_i: int,
    q: QuoteCandidate,
) -> bool:
    # "Peskov told reporters:\n“We are ready.”", "Ryan said,\n“Look, …”"
    if p_i <= 0 or text[paras[p_i][0] : s.open].strip():
        return False
    pa, pb = paras[p_i - 1]
    prev = text[pa:pb].rstrip()
    if not prev.endswith((":", ",")):
        return False
    cue = cue_in(doc, idx, pa, pb, prefer_last=True)
    if cue is None:
        return False
    if prev.endswith(",") and len(text[cue.idx + len(cue.text) : pa + len(prev)].split()) > 2:
        return False  # "Ryan said,\n“…”": with a comma only a frame that ends there hands it on
    speaker = speaker_for(doc, cue, pa, pb, idx)
    set_cue(q, cue, speaker)
    q.confidence = 0.85
    q.rule = "direct-prev-colon"
    return True


# The last word of a headline label that speaks for the name before it ("Okafor camp: …").
ENTOURAGE_LABELS = frozenset(
    {"camp", "campaign", "aides", "allies", "team", "lawyers", "spokesman", "spokeswoman"}
)
# A name label before a colon, optionally with one entourage word after it.
LABEL_COLON_RE = re.compile(
    NAME_COLON_RE.pattern.replace(
        "){0,3})", "){0,3}(?:\\s+(?:" + "|".join(sorted(ENTOURAGE_LABELS)) + "))?)", 1
    )
)


def name_part(label: str) -> str:
    """The label without a last entourage word: "Okafor camp" speaks for Okafor (the campaign
    has no actor of its own until the article names one)."""
    head, _, last = label.rpartition(" ")
    return head.rstrip() if head and last.lower() in ENTOURAGE_LABELS else label


# An all-caps kicker and a dash before a headline's "Name: claim" ("EXCLUSIVE – ", "WATCH — ").
KICKER_RE = re.compile(r"[ \t]*[A-Z]{3,}(?:[ \t]+[A-Z]{3,})?[ \t]*[–—-][ \t]*(?=[A-Z])")


def named_elsewhere(text: str, word: str, pa: int, pb: int) -> bool:
    """Whether the article writes ``word`` capitalised outside the paragraph [pa, pb), as a name
    is in running text ("Varga" in "Ilse Varga spoke …", "Marchetti-Obi" for those labels)."""
    pattern = re.compile(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", re.IGNORECASE)
    return any(m.group(0)[0].isupper() and not pa <= m.start() < pb for m in pattern.finditer(text))


POSSESSIVE_RE = re.compile(r"['’]s?(?=\s)")


def label_speaker(doc: Doc, text: str, idx: DocIndex, a: int, b: int) -> tuple[int, int] | None:
    """The speaker span of a label [a, b): the label itself, or for a possessive label the
    possessor when it is a name ("Democrats' new warning:" is the Democrats'); a possessor that
    names no one ("Tuesday's Morning Email:", "Editor's Note:") leaves the words unattributed."""
    m = POSSESSIVE_RE.search(text, a, b)
    if m is None:
        return a, b
    owner = doc[idx.tok_at(a) : idx.tok_at(m.start())]
    if len(owner) and all(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in owner):
        return a, m.start()
    return None


# The labels of a question-and-answer transcript's lines: the interviewer's and the answerer's.
TRANSCRIPT_LABELS = frozenset({"Q", "A"})
# Only the answers are quotes: the outlet's interviewer is no news actor (the gold sets'
# convention, tests/data/gold/README.md), and a news actor's statement reported inside a
# question ("Q: The ministry says digitisation can wait.") is found by the frame rules.
ANSWER_LABEL = "A"
TRANSCRIPT_RULE = "transcript-line"


# A headline's label with whom it is addressed to: "Velk to Harbour Board: Fares will not rise",
# "Morrow To Riders Worried About Fares: …": the name before "to" speaks (group 1).
ADDRESSED_LABEL_RE = re.compile(
    r"\s*([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2})\s+[Tt]o\s+[A-Z][^:\n“”\"]{0,60}?:\s+(?=\S)"
)


def names_no_speaker(label: str, text: str, pa: int, pb: int) -> bool:
    """Whether the shape of a label in the paragraph [pa, pb) says it names no one: its first
    word, a possessive dropped, is a word for a part of the page ("Note:", "Editor's Note:",
    "Correction:", "Update:"), or its last word is one and the article writes the label nowhere
    else ("Weekend Update:", "Photo Credit:"); a name that ends in such a word is one the
    article uses ("Judicial Watch: …" in a story on Judicial Watch)."""
    words = [POSSESSIVE_RE.sub("", w).lower() for w in label.split()]
    if words[0] in NOT_SPEAKER_LABELS:
        return True
    return words[-1] in NOT_SPEAKER_LABELS and not named_elsewhere(text, label, pa, pb)


def colon_paragraphs(
    doc: Doc,
    text: str,
    idx: DocIndex,
    paras: list[tuple[int, int]],
    existing: list[QuoteCandidate],
) -> list[QuoteCandidate]:
    # Interview / transcript style without marks: "Peskov: We have received no signals."
    out: list[QuoteCandidate] = []
    named: set[str] | None = None  # entity words of the article, built on first need
    # "A: …" lines speak for the interviewee and "Q: …" lines are no one's quote, in a transcript
    # only (two question labels or more): elsewhere one letter before a colon names no one.
    transcript = first_question(text) is not None
    labels: set[str] = set()  # the labels taken as speakers'
    doubted: list[tuple[re.Match[str], int, int, int, int]] = []  # label lines the tagger doubted
    for pa, pb in paras:
        # A headline's kicker may come first: "EXCLUSIVE – Roger Stone: Don't Trust the Machines".
        k = KICKER_RE.match(text, pa, pb)
        m = LABEL_COLON_RE.match(text, k.end() if k else pa, pb) or ADDRESSED_LABEL_RE.match(
            text, k.end() if k else pa, pb
        )
        if not m:
            continue
        label = m.group(1)
        if transcript and label in TRANSCRIPT_LABELS:
            q = transcript_line(text, idx, m.start(1), m.end(), pb) if label == ANSWER_LABEL else None
            if q is not None:
                out.append(q)
            continue
        a, b = m.end(), pb
        while b > a and text[b - 1].isspace():
            b -= 1
        if len(text[a:b].split()) < 3:
            continue
        if text[a] in '“"‘«„' and (qs := idx.quote_containing(a + 1)) is not None and qs.outer_end >= b - 1:
            continue  # the whole claim is one marked quote: handled by the direct rules
        if named is None:
            named = entity_words(doc)
        if not names_speaker(doc, text, idx, m, pa, pb, named):
            doubted.append((m, a, b, pa, pb))
            continue
        q = label_paragraph(doc, text, idx, m, a, b, pa, pb)
        if q is not None:
            out.append(q)
            labels.add(label)
    # A transcript's speaker has the same label on every turn, but the tagger reads it anew on
    # each line ("TAPPER: And obviously, …" as a verb): a label another line had as a speaker's
    # is one here too.
    for m, a, b, pa, pb in doubted:
        if m.group(1) in labels and not names_no_speaker(m.group(1), text, pa, pb):
            q = label_paragraph(doc, text, idx, m, a, b, pa, pb)
            if q is not None:
                out.append(q)
    return sorted(out, key=lambda q: q.start)


def label_paragraph(
    doc: Doc, text: str, idx: DocIndex, m: re.Match[str], a: int, b: int, pa: int, pb: int
) -> QuoteCandidate | None:
    """The words [a, b) after the label ``m`` of the paragraph [pa, pb) as its speaker's."""
    label = m.group(1)
    speaker = label_speaker(doc, text, idx, m.start(1), m.start(1) + len(name_part(label)))
    if speaker is None:
        # "Editor's Note:", "Tuesday's Morning Email:": the label names no one, and the
        # paragraph is the writer's own, whose frames report what others said.
        return None
    q = QuoteCandidate(
        type="direct", start=a, end=b, speaker_span=speaker, confidence=0.8, rule="colon-paragraph"
    )
    q.sent_start, q.sent_end = pa, pb
    return q


def entity_words(doc: Doc) -> set[str]:
    """The lower-cased words of the article's person, organisation and place entities."""
    kinds = ("PERSON", "ORG", "GPE", "NORP")
    return {w.lower_ for e in doc.ents if e.label_ in kinds for w in e}


def names_speaker(
    doc: Doc, text: str, idx: DocIndex, m: re.Match[str], pa: int, pb: int, named: set[str]
) -> bool:
    """Whether the label ``m`` (group 1) before a colon in the paragraph [pa, pb) names who
    speaks the words after it: a name, a name with its entourage, or a document ("Poll:").
    ``named``: the article's entity words (:func:`entity_words`)."""
    label = m.group(1)
    if len(label) < 2 or names_no_speaker(label, text, pa, pb):
        return False
    # "Poll: …", "Report: …": a document is the source, though it is no name.
    if label.lower() in DOCUMENT_LABELS:
        return True
    toks = doc[idx.tok_at(m.start(1)) : idx.tok_at(m.end(1) - 1) + 1]
    if not any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "GPE") for t in toks):
        # On a title-case headline the tagger often reads a name as a common noun
        # ("Sanders: Endorsements prove …"): a name the article's entities use elsewhere counts,
        # and so does a name with its entourage ("Okafor camp: …").
        words = [t for t in toks if t.is_alpha]
        if words and len(words) > 1 and words[-1].lower_ in ENTOURAGE_LABELS:
            words = words[:-1]
        if not all(t.lower_ in named for t in words):
            return False
    if any(t.pos_ in ("VERB", "AUX") for t in toks):
        return False
    # One word the article names nowhere else is a kicker, not a speaker ("BUSTED:",
    # "Bombshell:"); a transcript's "KESSEL:" names someone the article introduces.
    return " " in name_part(label) or named_elsewhere(text, name_part(label), pa, pb)


# A turn runs on over this many unlabelled paragraphs at most (a long answer's paragraphs).
MAX_TURN_PARAGRAPHS = 3
# The rule of a quoted transcript line ('“Vera Holt: …”'), a turn like a colon paragraph's.
INNER_LABEL_RULE = "direct-inner-label"


def continue_turns(
    text: str, paras: list[tuple[int, int]], para_starts: list[int], turns: list[QuoteCandidate]
) -> None:
    """Run each transcript turn (a labelled line, ``turns``) on over the unlabelled paragraphs
    after it up to the next turn: "TAPPER: And obviously … / Specifically I've heard … /
    FALLIN: …" is one turn of Tapper's. Only between two turns, so the writer's prose after a
    transcript stays the writer's, and never from a headline (the first paragraph); a line in
    parentheses ("(BEGIN VIDEO CLIP.)"), one with no words ("…."), or a label ends the turn
    where it is. A section heading is no turn: "Velk: Hold the north." over paragraphs that
    tell of Velk (a speaker does not name themselves), or a line of three words or fewer."""
    turns = sorted(turns, key=lambda q: q.start)
    for q, nxt in pairwise(turns):
        i = bisect_right(para_starts, max(q.end - 1, 0)) - 1
        j = bisect_right(para_starts, nxt.start) - 1
        if i <= 0 or not 0 < j - i - 1 <= MAX_TURN_PARAGRAPHS or len(text[q.start : q.end].split()) <= 3:
            continue
        between = paras[i + 1 : j]
        if all(turn_paragraph(text, pa, pb) for pa, pb in between) and not names_itself(
            text, q, between[0][0], between[-1][1]
        ):
            q.end = trim(text, between[0][0], between[-1][1])[1]
            q.sent_end = between[-1][1]


def names_itself(text: str, q: QuoteCandidate, a: int, b: int) -> bool:
    """Whether [a, b) names the speaker of turn ``q`` by the last word of its label."""
    if q.speaker_span is None or q.speaker_span[1] - q.speaker_span[0] < 2:
        return False  # "Q:" / "A:" name no one by a word
    word = text[q.speaker_span[0] : q.speaker_span[1]].split()[-1]
    return re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text[a:b], re.IGNORECASE) is not None


def turn_paragraph(text: str, pa: int, pb: int) -> bool:
    """Whether the paragraph [pa, pb) may be a turn's later paragraph: words, with no label."""
    line = text[pa:pb].strip()
    return (
        line[:1] != "("
        and any(c.isalpha() for c in line)
        and LABEL_COLON_RE.match(text, pa, pb) is None
        and QUESTION_RE.match(text, pa, pb) is None
    )


def transcript_line(text: str, idx: DocIndex, label: int, a: int, pb: int) -> QuoteCandidate | None:
    """A transcript's "A: …" line [a, pb) as its speaker's words, the label as the
    speaker's mention (the attributor resolves it to the interviewee)."""
    b = pb
    while b > a and text[b - 1].isspace():
        b -= 1
    if len(text[a:b].split()) < 2:
        return None
    if text[a] in '“"‘«„' and (qs := idx.quote_containing(a + 1)) is not None and qs.outer_end >= b - 1:
        return None  # one marked quote: the direct rules have it
    q = QuoteCandidate(
        type="direct", start=a, end=b, speaker_span=(label, label + 1), confidence=0.8, rule=TRANSCRIPT_RULE
    )
    q.sent_start, q.sent_end = label, pb
    return q
