"""Quote detection over a parsed Doc: direct, indirect, mixed and floating quotes.

Input is one spaCy ``Doc`` (one parse per article) and the output is a list of
:class:`QuoteCandidate` with exact character offsets of the *content* and the token that names the
speaker (resolved to an actor later by :mod:`stancewire.nlp.attribution`).

Span rules (the same ones the gold annotators follow; ``text[start:end] == quote.text`` always):

* **direct**: the text inside the quote marks, marks excluded, surrounding whitespace excluded,
  punctuation inside the marks kept (``“We will win,” he said`` -> ``We will win,``). A quote that
  continues over several paragraphs (each opening with a mark, only the last one closed) yields one
  direct quote per paragraph; continuation paragraphs share the speaker and carry no cue. Split
  quotes (``“A,” he said. “B.”``) are two quotes with the same speaker. ``Name: words`` (colon
  attribution, no marks, e.g. Q&A transcripts) is direct with content = everything after the colon
  to the end of the paragraph.
* **indirect**: the reported content after the cue: for ``said (that) X`` the complement clause X
  (complementiser ``that`` excluded); for object frames everything after the cue word(s) to the end
  of the complement (``accused Putin of seeking ...`` -> ``Putin of seeking ...``,
  ``called for a truce`` -> ``a truce``, ``expressed concern over X`` -> ``X``, ``vowed to rebuild
  the pier`` -> ``to rebuild the pier``, ``urged X to Y`` -> ``X to Y``); for
  ``according to S, X`` the clause X. A final period or comma is never part of the span.
* **mixed**: an indirect statement whose content contains quoted fragments (``praising him as a
  “smart” and “pragmatic” individual``); the span is the indirect content (marks included).
  Fragments consumed by a mixed quote are not reported separately.
* **floating**: a sentence-level quotation with no cue of its own (usually a whole paragraph);
  content as for direct; the speaker comes from context (the previous speaker).

Not quotes: short quoted words outside reported speech (scare quotes), titles of works
("the film “Blue Horizon”", Title Case fragments), "said to be", negated or refused speech
("declined to say"), a reporter's question ("Asked whether ..."), "according to a report".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from stancewire.nlp import cues, doccache
from stancewire.nlp.quotemarks import QuoteSpan, find_quote_spans, paragraphs

_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})
_WALK_UP = frozenset({"advcl", "conj", "xcomp", "pcomp", "prep", "acl"})
_REL_PRONOUNS = frozenset({"who", "which", "that", "whom"})
_TITLE_FRAMES = frozenset(
    [
        "film", "movie", "book", "novel", "song", "album", "single", "titled", "entitled", "called",
        "dubbed", "nicknamed", "named", "headlined", "headline", "show", "series", "programme",
        "program", "exhibition", "play", "opera", "campaign", "slogan", "hashtag", "motto", "term",
        "phrase", "word", "words", "label", "banner", "magazine", "newspaper", "documentary", "podcast",
        "memoir", "essay", "poem", "article", "column", "brand",
    ]
)
_DASHES = "—–-"
_NAMING_VERBS = frozenset({"call", "label", "brand", "term", "dub"})
_XCOMP_VERBS = frozenset(
    {
        "vow",
        "pledge",
        "promise",
        "threaten",
        "offer",
        "agree",
        "refuse",
        "claim",
        "swear",
        "demand",
        "insist",
        "hope",
        "decline",
    }
)
_END_PUNCT = frozenset(".!?")
_MIN_DIRECT_WORDS = 4
_LABEL_ONLY_RE = re.compile(r"\s*([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4})\s*:\s*$")
_NAME_COLON_RE = re.compile(r"\s*([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s*:\s+(?=\S)")
_NOT_SPEAKER_LABELS = frozenset(
    [
        "note", "update", "editor", "photo", "photos", "video", "watch", "read", "background", "source",
        "sources", "warning", "breaking", "analysis", "opinion", "comment", "correction", "disclaimer",
        "q", "a", "question", "answer", "live", "key", "see", "also", "related", "updated", "reporting",
        "writing", "editing", "additional", "contact", "email", "tel", "fax", "file", "image", "caption",
        "credit", "figure", "table", "chart", "map", "step", "summary", "verdict", "result", "results",
        "score",
        # Press-release boilerplate ("About Orlenna Foods: Founded in…", "Notes to editors:",
        # "Media contact:", "For more information:") describes the issuer; nobody says it.
        "about", "notes", "media", "for", "ends",
    ]
)


@dataclass(slots=True)
class QuoteCandidate:
    type: str  # "direct" | "indirect" | "mixed" | "floating"
    start: int
    end: int
    cue_start: int | None = None
    cue_end: int | None = None
    cue_lemma: str | None = None
    speaker_token: int | None = None  # doc token index of the speaker phrase head
    speaker_span: tuple[int, int] | None = None  # char span when the speaker is not a parse subject
    inherit: str | None = None  # "previous" (split quotes) or "context" (floating)
    confidence: float = 0.8
    sent_start: int = 0
    sent_end: int = 0
    # Which rule produced it (for debugging and the benchmark breakdown).
    rule: str = ""


class _DocIndex:
    """Char <-> token lookups and quote-span membership for one Doc, built once (linear)."""

    def __init__(self, doc: Doc, spans: list[QuoteSpan]) -> None:
        self.doc = doc
        self.starts = [t.idx for t in doccache.tokens(doc)]
        self.spans = spans
        self.span_starts = [s.open for s in spans]
        self.in_quote = [False] * len(doc)
        # Tokens inside sentence-level direct quotes and transcript answers (set by the finder);
        # fragments (scare quotes, partial quotes) are not in it, so reported clauses around and
        # through them are still found.
        self.in_direct = [False] * len(doc)
        for s in spans:
            a = self.tok_at(s.start)
            b = self.tok_at(max(s.end - 1, s.start))
            for k in range(a, b + 1):
                self.in_quote[k] = True

    def tok_at(self, char: int) -> int:
        """Index of the token containing (or starting right after) ``char``."""
        i = bisect_right(self.starts, char) - 1
        return max(i, 0)

    def quote_containing(self, char: int) -> QuoteSpan | None:
        i = bisect_right(self.span_starts, char) - 1
        if i >= 0:
            s = self.spans[i]
            if s.open <= char < s.outer_end:
                return s
        return None


def subject_of(tok: Token, max_up: int = 6) -> Token | None:
    """The speaker token of a cue: its subject, else the subject of the clause it hangs from
    (participles ``..., emphasizing that``, conjoined verbs ``..., but reiterated``)."""
    t = tok
    for _ in range(max_up):
        subj = None
        agent = None
        for c in t.children:
            if c.dep_ in _SUBJ:
                subj = c
            elif c.dep_ == "agent":
                agent = next((g for g in c.children if g.dep_ == "pobj"), None)
        if agent is not None:
            return agent
        if subj is not None:
            if subj.dep_ == "nsubjpass" and t is tok:
                return None  # "it was announced that ..." names no speaker
            if subj.lower_ in _REL_PRONOUNS and t.dep_ == "relcl":
                return t.head
            if subj.lower_ in {"it", "there"} and subj.dep_ == "nsubj" and t is tok and t.lemma_ == "be":
                return None
            return subj
        if t.dep_ == "relcl":
            return t.head
        if t.dep_ not in _WALK_UP or t.head is t:
            return None
        if (
            t.dep_ == "conj"
            and t.head.dep_ == "ccomp"
            and t.head.head.pos_ == "VERB"
            and cues.is_speech_verb(t.head.head.lemma_.lower())
        ):
            # "X said A had happened and praised B": the parser hangs the second cue under the
            # content clause A, but its subject is the speaker of "said", not A's subject.
            t = t.head.head
            continue
        t = t.head
    return None


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """Strip whitespace and trailing sentence punctuation/commas from a content span."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and (
        text[b - 1].isspace()
        or text[b - 1] in ".,;:—–"
        or (text[b - 1] in '”"’»' and b - 2 >= a and text[b - 2] in ",")
    ):
        if text[b - 1] in '”"’»':
            break
        b -= 1
    return a, b


def _span_chars(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """Char span of tokens [i, j] inclusive."""
    return doc[i].idx, doc[j].idx + len(doc[j].text)


def _is_negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children) and tok.lemma_ not in {"deny"}:
        return True
    h = tok.head
    return tok.dep_ == "xcomp" and h.lemma_ in cues.NEGATING_HEADS


def _is_question_frame(tok: Token) -> bool:
    # "Asked whether ..., she said" / "When asked about X, he said": the reporter's question.
    return (
        tok.lemma_ in cues.QUESTION_FRAMES
        and tok.tag_ == "VBN"
        and not any(c.dep_ in _SUBJ for c in tok.children)
    )


def _said_to_be(tok: Token) -> bool:
    # "He is said to be furious", "It is said that": passive report verb with no agent.
    if not any(c.dep_ == "auxpass" for c in tok.children):
        return False
    return not any(c.dep_ == "agent" for c in tok.children)


class QuoteFinder:
    """Finds quote candidates in one Doc. Stateless apart from the lexicon; reuse freely."""

    def __init__(self) -> None:
        self.verbs = cues.speech_verbs()

    # ------------------------------------------------------------------ public

    def find(self, doc: Doc) -> list[QuoteCandidate]:
        text = doccache.text(doc)
        spans = find_quote_spans(text)
        idx = _DocIndex(doc, spans)
        paras = paragraphs(text)
        para_starts = [p[0] for p in paras]
        out: list[QuoteCandidate] = []
        direct, fragments = self._direct(doc, text, idx, paras, para_starts)
        colon = self._colon_paragraphs(doc, text, idx, paras, direct)
        for q in colon:
            # Transcript answers are the interviewee's words: no indirect quotes inside them.
            for k in range(idx.tok_at(q.start), idx.tok_at(max(q.end - 1, q.start)) + 1):
                idx.in_quote[k] = True
                idx.in_direct[k] = True
        direct.extend(colon)
        for q in direct:
            for k in range(idx.tok_at(q.start), idx.tok_at(max(q.end - 1, q.start)) + 1):
                idx.in_direct[k] = True
        indirect = self._indirect(doc, text, idx, direct)
        # Fragments inside an indirect content make it mixed; other fragments are scare quotes.
        used: set[int] = set()
        for q in indirect:
            for k, fr in enumerate(fragments):
                # Inside the content, or starting in it and running past its (parse-cut) end.
                if q.start <= fr.open <= q.end + 2 and fr.outer_end <= q.sent_end:
                    if fr.outer_end > q.end + 1:
                        q.end = _trim(text, q.start, fr.outer_end)[1]
                    q.type = "mixed"
                    q.confidence = min(0.9, q.confidence + 0.05)
                    used.add(k)
        out.extend(direct)
        out.extend(indirect)
        out.sort(key=lambda q: (q.start, q.end))
        return _dedupe(out)

    # ------------------------------------------------------------------ direct quotes

    def _direct(
        self, doc: Doc, text: str, idx: _DocIndex, paras: list[tuple[int, int]], para_starts: list[int]
    ) -> tuple[list[QuoteCandidate], list[QuoteSpan]]:
        found: list[QuoteCandidate] = []
        fragments: list[QuoteSpan] = []
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
            # Right context: to the next quote or the paragraph end (of the closing paragraph).
            close_end = s.outer_end
            cp_i = bisect_right(para_starts, max(close_end - 1, 0)) - 1
            right_lim = paras[cp_i][1] if cp_i >= 0 else len(text)
            if k + 1 < len(idx.spans) and idx.spans[k + 1].open < right_lim:
                right_lim = idx.spans[k + 1].open
            right = text[close_end:right_lim]
            left_sent = _last_sentence(left)
            n_words = len(content.split())
            ends_clause = bool(content) and content[-1] in ".,!?…:;—-"
            left_strip = left_sent.rstrip()
            starts_sentence = left_strip == "" or left_strip[-1] in ":,"
            right_strip = right.lstrip()
            ends_sentence = (
                right_strip == ""
                or right_strip[0] in ".!?"
                or ends_clause
                or right_strip[0] in _DASHES
                or right_strip[0] == ","
            )
            if _is_title(left_sent, content):
                continue
            sentence_level = (
                starts_sentence and ends_sentence and (n_words >= _MIN_DIRECT_WORDS or ends_clause)
            )
            # "said “We ...”" without a comma: a cue right before a capitalised quote.
            if not sentence_level and content[:1].isupper() and (n_words >= _MIN_DIRECT_WORDS or ends_clause):
                last = _last_word(left_sent)
                if last and _word_is_cue(doc, idx, s.open, self.verbs):
                    sentence_level = ends_sentence or n_words >= 6
            if not sentence_level:
                fragments.append(s)
                prev_span = s
                continue
            q = QuoteCandidate(type="direct", start=s.start, end=s.end, rule="direct")
            first_tok = idx.tok_at(s.start)
            last_tok = idx.tok_at(max(s.end - 1, s.start))
            q.sent_start = doc[first_tok].sent.start_char
            q.sent_end = doc[last_tok].sent.end_char
            attributed = (
                self._attribute_right(doc, text, idx, s, right, q)
                or self._attribute_left(doc, text, idx, s, left_lim, left, q)
                or self._attribute_dash(doc, idx, s, right, q)
                or self._attribute_prev_para_colon(doc, text, idx, s, paras, p_i, q)
            )
            if not attributed:
                between = text[prev_span.outer_end : s.open] if prev_span is not None else ""
                if (
                    prev_q is not None
                    and prev_span is not None
                    and prev_span.outer_end <= s.open
                    and bisect_right(para_starts, prev_span.open) - 1 == p_i
                    and prev_q.cue_start is not None
                    and prev_q.cue_start < s.open
                    and len(between) < 120
                ):
                    q.inherit = "previous"
                    q.cue_start, q.cue_end, q.cue_lemma = prev_q.cue_start, prev_q.cue_end, prev_q.cue_lemma
                    q.confidence = 0.85
                    q.rule = "split"
                elif n_words >= _MIN_DIRECT_WORDS and left_sent.strip() == "":
                    q.type = "floating"
                    q.inherit = "context"
                    q.confidence = 0.6
                    q.rule = "floating"
                else:
                    fragments.append(s)
                    prev_span = s
                    continue
            found.extend(_split_paragraphs(text, q))
            prev_span, prev_q = s, q
        return found, fragments

    def _cue_in(self, doc: Doc, idx: _DocIndex, a: int, b: int, prefer_last: bool) -> Token | None:
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
            if (t.lemma_.lower() in self.verbs and t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN") or (
                t.lemma_.lower() in self.verbs
                and t.tag_ == "VBN"
                and any(c.dep_ == "aux" for c in t.children)
            ):
                return t
            if t.lower_ == "according" and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
                return t
        return None

    def _set_cue(self, q: QuoteCandidate, cue: Token, speaker: Token | None) -> None:
        q.cue_start, q.cue_end = cue.idx, cue.idx + len(cue.text)
        q.cue_lemma = cue.lemma_.lower()
        if cue.lower_ == "according":
            nxt = cue.nbor(1)
            q.cue_end = nxt.idx + len(nxt.text)
            q.cue_lemma = "according to"
        q.speaker_token = speaker.i if speaker is not None else None

    def _speaker_for(self, doc: Doc, cue: Token, a: int, b: int, idx: _DocIndex) -> Token | None:
        if cue.lower_ == "according":
            to = cue.nbor(1)
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                pobj = next(
                    (t for t in doc[to.i + 1 : min(len(doc), to.i + 8)] if t.pos_ in ("PROPN", "NOUN")), None
                )
            if pobj is not None and pobj.lemma_.lower() in cues.DOCUMENT_NOUNS:
                return None
            return pobj
        subj = subject_of(cue)
        if subj is not None and not idx.in_quote[subj.i]:
            return subj
        # The parse often mangles "…,” said Peskov." Fall back to the nearest name-ish token
        # after (inverted) or before the cue inside the frame.
        i0 = bisect_left(idx.starts, a)
        i1 = bisect_left(idx.starts, b)
        for j in range(cue.i + 1, min(i1, cue.i + 6)):
            t = doc[j]
            if t.pos_ in ("PROPN", "PRON") or (t.pos_ == "NOUN" and t.dep_ in _SUBJ):
                return _phrase_head(t)
            if t.is_punct:
                break
        for j in range(cue.i - 1, max(i0 - 1, cue.i - 8), -1):
            t = doc[j]
            if t.pos_ in ("PROPN", "PRON", "NOUN") and not idx.in_quote[j]:
                return _phrase_head(t)
        return None

    def _attribute_right(
        self, doc: Doc, text: str, idx: _DocIndex, s: QuoteSpan, right: str, q: QuoteCandidate
    ) -> bool:
        # “...,” she said / “...” said Peskov / “...,” according to X — the frame must follow the
        # quote directly (within its sentence).
        a = s.outer_end
        seg = right
        stop = _first_sentence_end(seg)
        seg_end = a + (stop if stop is not None else len(seg))
        if seg.strip() == "" or seg.lstrip()[:1] in _DASHES:
            return False
        cue = self._cue_in(doc, idx, a, min(seg_end, a + 80), prefer_last=False)
        if cue is None:
            return False
        # The cue must be close to the quote: at most ~5 words in between ("Peskov told reporters").
        gap_words = text[a : cue.idx].split()
        if len(gap_words) > 6:
            return False
        # A cue with its own content clause after it is not this quote's frame ("..., he said that X").
        if (
            any(c.dep_ == "ccomp" and c.idx > cue.idx and not idx.in_quote[c.i] for c in cue.children)
            and len(gap_words) > 0
            and cue.lemma_ != "add"
        ):
            pass
        speaker = self._speaker_for(doc, cue, a, seg_end, idx)
        self._set_cue(q, cue, speaker)
        q.confidence = 0.92 if speaker is not None else 0.7
        q.rule = "direct-right"
        q.sent_end = max(q.sent_end, cue.sent.end_char)
        return True

    def _attribute_left(
        self, doc: Doc, text: str, idx: _DocIndex, s: QuoteSpan, left_lim: int, left: str, q: QuoteCandidate
    ) -> bool:
        # Peskov said: “...” / Peskov told reporters, “...” / Peskov: “...”
        stripped = left.rstrip()
        if not stripped:
            return False
        a = left_lim + (len(left) - len(_last_sentence(left)))
        b = s.open
        cue = self._cue_in(doc, idx, a, b, prefer_last=True)
        if cue is not None:
            tail = text[cue.idx + len(cue.text) : b]
            if len(tail.split()) <= 8 and (
                stripped[-1] in ":," or tail.strip() == "" or len(tail.split()) <= 4
            ):
                speaker = self._speaker_for(doc, cue, a, b, idx)
                self._set_cue(q, cue, speaker)
                q.confidence = 0.9 if speaker is not None else 0.7
                q.rule = "direct-left"
                q.sent_start = min(q.sent_start, cue.sent.start_char)
                return True
        if stripped[-1] == ":":
            m = _LABEL_ONLY_RE.match(text[a:b])
            if m and m.group(1).lower().split()[0] not in _NOT_SPEAKER_LABELS:
                q.speaker_span = (a + m.start(1), a + m.end(1))
                q.confidence = 0.85
                q.rule = "direct-colon"
                return True
        return False

    def _attribute_dash(self, doc: Doc, idx: _DocIndex, s: QuoteSpan, right: str, q: QuoteCandidate) -> bool:
        # “...” — Jane Doe, chief executive of X
        r = right.lstrip()
        if not r or r[0] not in _DASHES:
            return False
        off = s.outer_end + (len(right) - len(r)) + 1
        m = re.match(r"\s*([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})", right[len(right) - len(r) + 1 :])
        if not m:
            return False
        q.speaker_span = (off + m.start(1), off + m.end(1))
        q.confidence = 0.85
        q.rule = "direct-dash"
        return True

    def _attribute_prev_para_colon(
        self,
        doc: Doc,
        text: str,
        idx: _DocIndex,
        s: QuoteSpan,
        paras: list[tuple[int, int]],
        p_i: int,
        q: QuoteCandidate,
    ) -> bool:
        # "Peskov told reporters:\n“We are ready.”"
        if p_i <= 0 or text[paras[p_i][0] : s.open].strip():
            return False
        pa, pb = paras[p_i - 1]
        prev = text[pa:pb].rstrip()
        if not prev.endswith(":"):
            return False
        cue = self._cue_in(doc, idx, pa, pb, prefer_last=True)
        if cue is None:
            return False
        speaker = self._speaker_for(doc, cue, pa, pb, idx)
        self._set_cue(q, cue, speaker)
        q.confidence = 0.85
        q.rule = "direct-prev-colon"
        return True

    # ------------------------------------------------------------------ colon paragraphs

    def _colon_paragraphs(
        self,
        doc: Doc,
        text: str,
        idx: _DocIndex,
        paras: list[tuple[int, int]],
        existing: list[QuoteCandidate],
    ) -> list[QuoteCandidate]:
        # Interview / transcript style without marks: "Peskov: We have received no signals."
        out: list[QuoteCandidate] = []
        for pa, pb in paras:
            m = _NAME_COLON_RE.match(text, pa, pb)
            if not m:
                continue
            label = m.group(1)
            if label.lower().split()[0] in _NOT_SPEAKER_LABELS or len(label) < 2:
                continue
            a, b = m.end(), pb
            while b > a and text[b - 1].isspace():
                b -= 1
            if text[a] in '“"‘«„':
                continue  # a marked quote: handled by the direct rules
            if len(text[a:b].split()) < 3:
                continue
            ti = idx.tok_at(m.start(1))
            tj = idx.tok_at(m.end(1) - 1)
            toks = doc[ti : tj + 1]
            if not any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "GPE") for t in toks):
                continue
            if any(t.pos_ in ("VERB", "AUX") for t in toks):
                continue
            q = QuoteCandidate(
                type="direct",
                start=a,
                end=b,
                speaker_span=(m.start(1), m.end(1)),
                confidence=0.8,
                rule="colon-paragraph",
            )
            q.sent_start, q.sent_end = pa, pb
            out.append(q)
        return out

    # ------------------------------------------------------------------ indirect quotes

    def _indirect(
        self, doc: Doc, text: str, idx: _DocIndex, direct: list[QuoteCandidate]
    ) -> list[QuoteCandidate]:
        out: list[QuoteCandidate] = []
        direct_spans = [(q.start, q.end) for q in direct]
        for tok in doccache.tokens(doc):
            if idx.in_direct[tok.i] or (idx.in_quote[tok.i] and tok.pos_ == "VERB"):
                continue
            lemma = tok.lemma_.lower()
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                q = self._according(doc, text, tok, idx)
            elif (tok.pos_ == "VERB" and lemma in self.verbs) or (
                lemma in cues.EXPRESS_VERBS and tok.pos_ == "VERB"
            ):
                q = self._verb_frame(doc, text, tok, lemma, idx)
            elif tok.pos_ == "NOUN" and lemma in cues.NOUN_CUES:
                q = self._noun_frame(doc, text, tok, idx)
            else:
                continue
            if q is None:
                continue
            if q.end - q.start < 3:
                continue
            # Content that is (mostly) a direct quote belongs to that quote, not to a new one.
            if any(
                _overlap(q.start, q.end, a, b) > 0.5 * min(q.end - q.start, b - a) for a, b in direct_spans
            ):
                continue
            out.append(q)
        return out

    def _finish(
        self,
        doc: Doc,
        text: str,
        tok: Token,
        cue_end_tok: Token,
        a: int,
        b: int,
        speaker: Token | None,
        rule: str,
        conf: float,
    ) -> QuoteCandidate | None:
        a, b = _trim(text, a, b)
        if b - a < 3:
            return None
        if cue_end_tok.i < tok.i:
            # A phrasal cue's particle found to the left ("argued about whose ..." parsed oddly)
            # would give an inverted cue span, which Doc.char_span downstream cannot take.
            cue_end_tok = tok
        q = QuoteCandidate(
            type="indirect",
            start=a,
            end=b,
            cue_start=tok.idx,
            cue_end=cue_end_tok.idx + len(cue_end_tok.text),
            cue_lemma=tok.lemma_.lower(),
            speaker_token=speaker.i if speaker is not None else None,
            confidence=conf,
            rule=rule,
        )
        sent = tok.sent
        q.sent_start = min(sent.start_char, a)
        q.sent_end = max(sent.end_char, b)
        return q

    def _verb_frame(
        self, doc: Doc, text: str, tok: Token, lemma: str, idx: _DocIndex
    ) -> QuoteCandidate | None:
        if _is_negated(tok) or _is_question_frame(tok) or _said_to_be(tok):
            return None
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in tok.children):
            return None
        speaker = subject_of(tok)
        if speaker is None:
            return None
        if speaker.lower_ in {"it", "this", "that", "there"} and lemma not in {"say", "state"}:
            return None
        children = list(tok.children)
        # 1. "expressed concern(s) over/about/that X"
        if lemma in cues.EXPRESS_VERBS:
            obj = next(
                (
                    c
                    for c in children
                    if (c.dep_ == "dobj" and c.lemma_.lower() in cues.EXPRESS_NOUNS)
                    or (c.dep_ == "dobj" and c.lower_ in cues.EXPRESS_NOUNS)
                ),
                None,
            )
            comp = None
            if obj is not None:
                comp = next(
                    (c for c in obj.children if c.dep_ in ("prep", "acl", "ccomp", "relcl") and c.i > obj.i),
                    None,
                )
                if comp is None:
                    comp = next(
                        (
                            c
                            for c in children
                            if c.dep_ == "prep"
                            and c.i > obj.i
                            and c.lower_ in {"over", "about", "at", "regarding", "for", "that"}
                        ),
                        None,
                    )
            if obj is None or comp is None:
                if lemma not in self.verbs:
                    return None
                return self._verb_frame_main(doc, text, tok, lemma, idx, speaker, children)
            start_tok = comp
            if comp.dep_ == "prep" or (comp.i > 0 and comp.lower_ in {"that"}):
                start_tok = doc[comp.i + 1] if comp.i + 1 < len(doc) else comp
            if start_tok.lower_ == "that" and start_tok.dep_ == "mark":
                start_tok = doc[start_tok.i + 1]
            if comp.dep_ in ("acl", "ccomp", "relcl"):
                # "expressed hope that the strike would end soon": the whole clause after "that",
                # not just its verb.
                first = max(comp.left_edge.i, obj.i + 1)
            elif start_tok is not comp:
                first = min(start_tok.left_edge.i, start_tok.i)
            else:
                first = start_tok.i
            if comp.dep_ == "prep":
                first = max(first, comp.i + 1)
            # The complementiser is not content, however the parse labels it ("that" as dobj).
            while (
                first < len(doc)
                and doc[first].lower_ == "that"
                and (doc[first].dep_ == "mark" or doc[first].pos_ == "SCONJ")
            ):
                first += 1
            last = comp.right_edge.i
            last_tok = doc[comp.i] if comp.dep_ == "prep" else obj
            a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
            return self._finish(doc, text, tok, last_tok, a, b, speaker, "express", 0.8)
        return self._verb_frame_main(doc, text, tok, lemma, idx, speaker, children)

    def _verb_frame_main(
        self,
        doc: Doc,
        text: str,
        tok: Token,
        lemma: str,
        idx: _DocIndex,
        speaker: Token,
        children: list[Token],
    ) -> QuoteCandidate | None:
        # 2. complement clause: said (that) X
        comp = next(
            (c for c in children if c.dep_ in ("ccomp", "parataxis") and not idx.in_direct[c.i]), None
        )
        if comp is not None and comp.dep_ == "parataxis" and comp.i > tok.i:
            comp = None if not any(c.dep_ in _SUBJ for c in comp.children) else comp
        if comp is not None:
            first = comp.left_edge.i
            last = comp.right_edge.i
            # Several complements on the same side ("suggested that X ... had Trump been president").
            for c in children:
                if c is not comp and c.dep_ == "ccomp" and (c.i > tok.i) == (comp.i > tok.i):
                    first = min(first, c.left_edge.i)
                    last = max(last, c.right_edge.i)
            # A fronted clause ("X, he said") ends before the cue.
            if comp.i < tok.i:
                last = min(last, tok.i - 1)
                first = max(first, doc[tok.i].sent.start)
            while first <= last and (
                (doc[first].dep_ == "mark" and doc[first].lower_ in {"that"}) or doc[first].is_punct
            ):
                first += 1
            if first > last:
                return None
            # Cut at a following cue clause attached inside ("..., adding that ...").
            last = self._cut_at_cue(doc, first, last)
            a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
            conf = 0.88 if lemma in {"say", "tell", "state", "add", "note"} else 0.8
            return self._finish(doc, text, tok, tok, a, b, speaker, "ccomp", conf)
        obj = next((c for c in children if c.dep_ in ("dobj", "obj")), None)
        # 2a. infinitival complement: vowed to rebuild the pier -> "to rebuild the pier"
        if lemma in _XCOMP_VERBS and obj is None:
            xc = next(
                (
                    c
                    for c in children
                    if c.dep_ == "xcomp"
                    and c.i > tok.i
                    and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                ),
                None,
            )
            if xc is not None:
                first, last = xc.left_edge.i, self._cut_at_cue(doc, xc.left_edge.i, xc.right_edge.i)
                a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
                return self._finish(doc, text, tok, tok, a, b, speaker, "xcomp", 0.75)
        # 2b. verb + object + predicate: called the reform a “disaster”, described it as ...
        if lemma in _NAMING_VERBS and obj is not None:
            oprd = next((c for c in children if c.dep_ in ("oprd", "xcomp", "ccomp") and c.i > obj.i), None)
            if oprd is not None:
                first, last = obj.left_edge.i, self._cut_at_cue(doc, obj.left_edge.i, oprd.right_edge.i)
                a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
                return self._finish(doc, text, tok, tok, a, b, speaker, "obj-predicate", 0.78)
        # 3. verb + object + preposition: accused X of Y, praised X as Y
        preps = cues.OBJ_PREP_CUES.get(lemma)
        obj = next((c for c in children if c.dep_ in ("dobj", "obj")), None)
        if preps and obj is not None:
            prep = next((c for c in children if c.dep_ == "prep" and c.lower_ in preps and c.i > obj.i), None)
            if prep is None:
                prep = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ in preps), None)
            if prep is not None:
                first, last = obj.left_edge.i, prep.right_edge.i
                last = self._cut_at_cue(doc, first, last)
                a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
                return self._finish(doc, text, tok, tok, a, b, speaker, "obj-prep", 0.82)
        # 4. verb + preposition: called for X, warned of X
        preps = cues.PREP_CUES.get(lemma)
        if preps:
            prep = next(
                (c for c in children if c.dep_ == "prep" and c.lower_ in preps and c.i <= tok.i + 2), None
            )
            if prep is not None and any(c.dep_ in ("pobj", "pcomp") for c in prep.children):
                first = prep.i + 1
                last = self._cut_at_cue(doc, first, prep.right_edge.i)
                if last >= first:
                    a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
                    return self._finish(doc, text, tok, prep, a, b, speaker, "prep", 0.8)
        # 5. object + infinitive: urged the board to resign; call on X to Y
        if lemma in cues.OBJ_XCOMP_VERBS:
            xc = next((c for c in children if c.dep_ in ("xcomp", "ccomp") and c.i > tok.i), None)
            on = next((c for c in children if c.dep_ == "prep" and c.lower_ in {"on", "upon"}), None)
            if xc is not None:
                first_tok = obj if obj is not None else on
                if first_tok is None:
                    return None
                first = first_tok.left_edge.i if first_tok is obj else first_tok.i + 1
                last = self._cut_at_cue(doc, first, xc.right_edge.i)
                a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
                return self._finish(
                    doc, text, tok, first_tok if first_tok is on else tok, a, b, speaker, "obj-xcomp", 0.8
                )
        # 6. bare object for statement verbs: stressed his intent to ...
        if lemma in cues.OBJECT_VERBS and lemma not in cues.CLAUSE_ONLY and obj is not None:
            if obj.pos_ == "PRON" and obj.right_edge.i == obj.i:
                return None
            first = obj.left_edge.i
            last = obj.right_edge.i
            # Trailing modifiers of the verb after the object ("... if the conflict does not end").
            for c in children:
                if c.i > last and c.dep_ in ("advcl", "prep") and not self._is_cue_clause(c):
                    last = max(last, c.right_edge.i)
            last = self._cut_at_cue(doc, first, last)
            # A bare "the announcement" / "a cut" is an event object, not reported content.
            content_words = [t for t in doc[first : last + 1] if not t.is_punct and t.pos_ not in ("DET",)]
            if len(content_words) < 3:
                return None
            a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
            return self._finish(doc, text, tok, tok, a, b, speaker, "object", 0.72)
        return None

    def _is_cue_clause(self, c: Token) -> bool:
        return c.pos_ == "VERB" and c.lemma_.lower() in self.verbs and c.dep_ in ("advcl", "conj")

    def _cut_at_cue(self, doc: Doc, first: int, last: int) -> int:
        """End the content before a participial/conjoined cue clause or an attribution tail."""
        for j in range(first + 1, last + 1):
            t = doc[j]
            # ", said lead author Omar Said" / ", he added" / ", emphasizing that": attribution tails.
            prev_comma = doc[j - 1].text in (",", "—", "–") or (
                j - 2 >= first and doc[j - 2].text == "," and doc[j - 1].pos_ in ("PRON", "PROPN")
            )
            if (
                t.pos_ == "VERB"
                and t.tag_ in ("VBG", "VBD", "VBZ")
                and t.lemma_.lower() in self.verbs
                and ((t.dep_ in ("advcl", "conj") and doc[j - 1].is_punct) or prev_comma)
            ) or (t.lower_ == "according" and j + 1 <= last and doc[j + 1].lower_ == "to"):
                k = j - 1
                while k > first and (doc[k].is_punct or doc[k].dep_ == "cc"):
                    k -= 1
                return k
        return last

    def _noun_frame(self, doc: Doc, text: str, tok: Token, idx: _DocIndex) -> QuoteCandidate | None:
        # "Trump's statement that ...", "the ministry's warning that ..."
        comp = next(
            (
                c
                for c in tok.children
                if c.dep_ in ("acl", "ccomp", "relcl")
                and c.i > tok.i
                and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            ),
            None,
        )
        if comp is None:
            return None
        speaker = next((c for c in tok.children if c.dep_ == "poss"), None)
        if speaker is None:
            by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"by", "from"}), None)
            if by is not None:
                speaker = next((g for g in by.children if g.dep_ == "pobj"), None)
        if (
            speaker is None
            and tok.dep_ in ("dobj",)
            and tok.head.lemma_ in {"make", "issue", "release", "repeat", "reiterate"}
        ):
            speaker = subject_of(tok.head)
        if speaker is None:
            return None
        first = comp.left_edge.i
        while first <= comp.right_edge.i and doc[first].dep_ == "mark":
            first += 1
        last = self._cut_at_cue(doc, first, comp.right_edge.i)
        last = _noun_clause_end(doc, tok, comp, first, last)
        if last < first:
            return None
        a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
        return self._finish(doc, text, tok, tok, a, b, speaker, "noun", 0.72)

    def _according(self, doc: Doc, text: str, tok: Token, idx: _DocIndex) -> QuoteCandidate | None:
        to = doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        if pobj.lemma_.lower() in cues.DOCUMENT_NOUNS or pobj.lower_ in cues.DOCUMENT_NOUNS:
            return None
        sent = tok.sent
        phrase_first = tok.i
        phrase_last = max(tok.right_edge.i, to.right_edge.i)
        # The content is the rest of the sentence on the longer side of the "according to" phrase.
        left = (sent.start, phrase_first - 1)
        right = (phrase_last + 1, sent.end - 1)
        first, last = right if (right[1] - right[0]) >= (left[1] - left[0]) else left
        while first <= last and doc[first].is_punct:
            first += 1
        while last >= first and doc[last].is_punct:
            last -= 1
        if last - first < 2:
            return None
        if any(idx.in_direct[j] for j in (first, last)):
            return None
        a, b = doc[first].idx, doc[last].idx + len(doc[last].text)
        return self._finish(doc, text, tok, to, a, b, pobj, "according", 0.75)


# ---------------------------------------------------------------------- helpers

# Words after which a past form is part of the same verb group or phrase, not a new predicate.
_NOT_PREDICATE_BEFORE = frozenset({"AUX", "PART", "DET", "CCONJ", "SCONJ", "ADP", "PUNCT"})
_DEGREE_WORDS = frozenset({"very", "so", "too", "more", "most", "less", "least", "not", "never", "as"})


def _noun_clause_end(doc: Doc, noun: Token, comp: Token, first: int, last: int) -> int:
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
        if prev.pos_ in _NOT_PREDICATE_BEFORE or prev.lower_ in _DEGREE_WORDS:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in t.children):
            continue  # a clause of its own ("that prices rose and wages fell")
        if t.dep_ in ("relcl", "ccomp", "advcl", "conj", "xcomp", "pcomp"):
            continue
        k = j - 1
        while k > first and doc[k].is_punct:
            k -= 1
        return k
    return last



def _phrase_head(t: Token) -> Token:
    # Climb compounds/flat names to the head noun ("Dmitry" -> "Peskov").
    while t.dep_ in ("compound", "flat", "amod", "det", "poss") and t.head is not t and t.head.i > t.i:
        t = t.head
    return t


def _overlap(a: int, b: int, c: int, d: int) -> int:
    return max(0, min(b, d) - max(a, c))


_SENT_END_RE = re.compile(
    r"(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|Co|Lt|Mt))(?<!\bMrs|\bGen|\bSen|\bRep|\bGov|\bCol|\bInc|\bLtd|\bSgt)(?<!\bProf|\bCapt|\bCorp)(?<!\b[A-Z])[.!?]\s+(?=[A-Z“\"‘(]|$)"
)


def _last_sentence(left: str) -> str:
    """The part of ``left`` after its last sentence boundary."""
    last = None
    for m in _SENT_END_RE.finditer(left):
        last = m
    return left[last.end() :] if last else left


_FIRST_END_RE = re.compile(
    r"(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|Co|Lt|Mt))(?<!\bMrs|\bGen|\bSen|\bRep|\bGov|\bCol|\bInc|\bLtd|\bSgt)(?<!\bProf|\bCapt|\bCorp)(?<!\b[A-Z])[.!?](?:\s|$)"
)


def _first_sentence_end(right: str) -> int | None:
    m = _FIRST_END_RE.search(right)
    return m.end() if m else None


def _last_word(s: str) -> str:
    parts = s.split()
    return parts[-1] if parts else ""


def _word_is_cue(doc: Doc, idx: _DocIndex, mark: int, verbs: dict[str, str]) -> bool:
    i = idx.tok_at(mark) - 1
    while i >= 0 and doc[i].is_punct:
        i -= 1
    return i >= 0 and doc[i].lemma_.lower() in verbs and doc[i].pos_ == "VERB"


def _is_title(left_sent: str, content: str) -> bool:
    words = left_sent.lower().replace(",", " ").split()
    if words and words[-1].strip('“"‘') in _TITLE_FRAMES:
        return True
    if words[-2:-1] and words[-2] in _TITLE_FRAMES and words[-1] in {"the", "a", "an", "as"}:
        return True
    # Title Case without final punctuation: "“Blue Horizon”", "“The Art of the Deal”".
    ws = content.split()
    if 1 <= len(ws) <= 8 and content[-1:].isalnum():
        small = {"the", "of", "a", "an", "and", "in", "on", "for", "to", "at", "with", "or"}
        caps = [w for w in ws if w.lower() not in small]
        if caps and all(w[:1].isupper() for w in caps) and len(caps) >= 2:
            return True
    return False


def _split_paragraphs(text: str, q: QuoteCandidate) -> list[QuoteCandidate]:
    """A quote running over several paragraphs is one quote per paragraph (the annotation
    convention); continuation paragraphs keep the speaker but carry no cue."""
    if "\n" not in text[q.start : q.end]:
        return [q]
    pieces: list[QuoteCandidate] = []
    pos = q.start
    while pos < q.end:
        nl = text.find("\n", pos, q.end)
        stop = q.end if nl < 0 else nl
        a, b = pos, stop
        while a < b and (text[a].isspace() or text[a] in '“"‘«„'):
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            piece = QuoteCandidate(
                type=q.type,
                start=a,
                end=b,
                speaker_token=q.speaker_token,
                speaker_span=q.speaker_span,
                inherit=q.inherit,
                confidence=q.confidence,
                sent_start=q.sent_start,
                sent_end=q.sent_end,
                rule=q.rule,
            )
            if not pieces:
                piece.cue_start, piece.cue_end, piece.cue_lemma = q.cue_start, q.cue_end, q.cue_lemma
            else:
                piece.rule = q.rule + "+continuation"
            pieces.append(piece)
        pos = stop + 1
    return pieces or [q]


def _dedupe(qs: list[QuoteCandidate]) -> list[QuoteCandidate]:
    out: list[QuoteCandidate] = []
    seen: set[tuple[int, int]] = set()
    for q in qs:
        key = (q.start, q.end)
        if key in seen:
            continue
        seen.add(key)
        out.append(q)
    return out
