"""Short answers as what was said: "72 percent of Democrats said yes", "the candidate said no",
"He said no to the Iraq war", "26 percent said the same", "49 percent say the same of Trump",
"neither side would say so".

Polls and interviews report answers this way, and PolNeAR marks the answer word (with what it
answers "to", "of" or "about") as the content of the speech verb. The other speech rules skip
these objects on purpose ("said it", "said nothing" report nothing), so the answers get a frame
of their own: only these words, only right after the cue.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from stancewire.nlp.doccache import children
from stancewire.nlp.quotes.candidate import DocIndex, QuoteCandidate
from stancewire.nlp.quotes.speakers import speaker_like

RULE = "answer"
ANSWER_CUES = frozenset({"say", "answer", "reply", "respond"})
_YES_NO = frozenset({"yes", "no"})
# What the answer is about: "no to the war", "the same of Trump", "the same about Mr. Trump".
_ABOUT = frozenset({"to", "of", "about", "for"})
_SHARES = frozenset(
    {"percent", "majority", "minority", "most", "half", "third", "quarter", "everyone", "all"}
)


def answer_frame(doc: Doc, text: str, tok: Token, idx: DocIndex) -> QuoteCandidate | None:
    """The answer right after ``tok`` (module doc), or None."""
    from stancewire.nlp.quotes.indirect import finish  # indirect imports this module

    if tok.lemma_.lower() not in ANSWER_CUES or tok.i + 1 >= len(doc):
        return None
    # The subject before the cue: the parser sometimes takes "the same" for a second subject.
    speaker = next((c for c in children(tok) if c.dep_ == "nsubj" and c.i < tok.i), None)
    if speaker is None or not (
        speaker.pos_ == "PRON" or speaker.lemma_.lower() in _SHARES or speaker_like(speaker)
    ):
        return None
    nxt = doc[tok.i + 1]
    if idx.in_quote[nxt.i]:
        return None
    last = nxt.i
    if nxt.lower_ in _YES_NO or nxt.lower_ == "so":
        if nxt.head.i != tok.i or (nxt.lower_ == "so" and nxt.dep_ != "advmod"):
            return None  # "said no decisions had been taken": a determiner of the clause's subject
        about = next(
            (c for c in children(tok) if c.dep_ == "prep" and c.i == nxt.i + 1 and c.lower_ == "to"), None
        )
        if about is not None and nxt.lower_ == "no":
            last = about.right_edge.i  # "said no to the Iraq war"
    elif nxt.lower_ == "the" and nxt.i + 1 < len(doc) and doc[nxt.i + 1].lower_ == "same":
        same = doc[nxt.i + 1]
        if same.head.i != tok.i:
            return None
        last = same.i
        about = next(
            (
                c
                for c in (*children(same), *children(tok))
                if c.dep_ == "prep" and c.lower_ in _ABOUT and c.i == last + 1
            ),
            None,
        )
        if about is not None:
            last = about.right_edge.i
    else:
        return None
    while last > nxt.i and doc[last].is_punct:
        last -= 1
    a, b = nxt.idx, doc[last].idx + len(doc[last].text)
    return finish(doc, text, tok, tok, a, b, speaker, RULE, 0.6, min_chars=2)
