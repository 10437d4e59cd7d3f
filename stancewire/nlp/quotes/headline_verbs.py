"""Headline cues the tagger reads as names: "Farmers Union Endorses Odile Varnay", "Korr Slams
Varnay Over Pension Plan".

In a title-case line every word is capitalised, and the small model often tags the verb of a
short headline as one more proper noun of the name before it, so no verb rule sees it. A word
on such a line whose lower-case form is the present or past tense of a reporting, belief,
evaluation or expressive-act verb ("Endorses", "Blasts", "Warns", "Questioned"), after a run of
capitalised words from the line's start (the name) and before the rest of the line, is the cue:
the words before it are the speaker, the rest of the line the content (PolNeAR marks headline
attributions so); a verb with a preposition of its own ("Sides With") takes it into the cue. A
verb the tagger did read as a verb is left to the verb rules.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from stancewire.nlp import cues
from stancewire.nlp.mentions.headlines import title_case_line
from stancewire.nlp.quotes.candidate import DocIndex, QuoteCandidate
from stancewire.nlp.quotes.text import trim
from stancewire.nlp.quotes.words import (
    ACT_OBJECT_VERBS,
    ACT_PREP_CUES,
    BELIEF_VERBS,
    EVALUATION_VERBS,
    REFUSAL_VERBS,
)

# Words the name before the cue may hold besides capitalised ones ("Daughter of Korr Backs …").
_NAME_GLUE = frozenset({"of", "and", "&", "'s", "’s", "-", "–", "—", ".", ","})


def _cue_lemma(word: str) -> str | None:
    """The lemma of a third-person present or a past form ("endorses" -> "endorse", "bashes" ->
    "bash", "questioned" -> "question", "slammed" -> "slam") when it is a cue verb (module doc),
    else None."""
    if len(word) < 4:
        return None
    if word.endswith("es"):
        stems: tuple[str, ...] = (word[:-1], word[:-2])
    elif word.endswith("s"):
        stems = (word[:-1],)  # not "voters" -> "vote"
    elif word.endswith("ed"):
        doubled = word[-3] == word[-4]  # "slammed"
        stems = (word[:-2], word[:-1], word[:-3]) if doubled else (word[:-2], word[:-1])
    else:
        return None
    return next((lemma for lemma in stems if _is_cue(lemma)), None)


def _is_cue(lemma: str) -> bool:
    return (
        lemma in EVALUATION_VERBS
        or lemma in ACT_OBJECT_VERBS
        or lemma in ACT_PREP_CUES
        or lemma in BELIEF_VERBS
        or lemma in REFUSAL_VERBS
        or lemma in cues.speech_verbs()
    )


def _cue(doc: Doc, first: int, last: int) -> tuple[Token, str] | None:
    """The misread cue of the headline doc[first:last + 1] and its lemma, or None: the first
    word after a name of capitalised words that reads as a cue verb, with words after it."""
    for i in range(first + 1, last):
        tok = doc[i]
        if not tok.text[:1].isupper():
            if tok.lower_ in _NAME_GLUE:
                continue
            return None  # a lower-case word before any cue: not a "Name Verb ..." headline
        if tok.pos_ in ("VERB", "AUX"):
            return None  # "Korr Gets More Votes": the headline has its verb
        lemma = _cue_lemma(tok.lower_)
        if lemma is None:
            continue
        if tok.pos_ not in ("PROPN", "NOUN") or not any(t.pos_ == "PROPN" for t in doc[first:i]):
            return None  # the tagger read a verb (the verb rules have it), or no name before it
        return tok, lemma
    return None


def headline_frames(
    doc: Doc, text: str, idx: DocIndex, paras: list[tuple[int, int]], taken: list[QuoteCandidate]
) -> list[QuoteCandidate]:
    """Attributions of the title-case lines no other rule quoted from (module doc)."""
    out: list[QuoteCandidate] = []
    for pa, pb in paras:
        if any(q.start < pb and pa < q.end for q in taken) or not title_case_line(text, pa, pa):
            continue
        first, last = idx.tok_at(pa), idx.tok_at(max(pb - 1, pa))
        found = _cue(doc, first, last)
        if found is None or idx.in_quote[found[0].i]:
            continue
        tok, lemma = found
        cue_end = tok
        nxt = doc[tok.i + 1] if tok.i + 1 <= last else None
        if nxt is not None and nxt.lower_ in ACT_PREP_CUES.get(lemma, ()):
            cue_end = nxt  # "Sides With Korr": the preposition is the cue's, not the content's
        a, b = trim(text, cue_end.idx + len(cue_end.text), pb)
        if b - a < 3:
            continue
        speaker = trim(text, doc[first].idx, tok.idx)
        q = QuoteCandidate(
            type="indirect",
            start=a,
            end=b,
            cue_start=tok.idx,
            cue_end=cue_end.idx + len(cue_end.text),
            cue_lemma=lemma,
            speaker_span=speaker,
            confidence=0.6,
            sent_start=pa,
            sent_end=pb,
            rule="headline-verb",
        )
        out.append(q)
    return out
