"""How far an object content reaches when the parser cut it short.

The object and prepositional-object rules take the object's subtree as the content. The parser
often hangs what completes it from the cue instead: the phrase that says what the object is
taken as or is for ("cited the tax *as a major reason*", "defended his call *to raise the
wage*"), or the rest of a list after its first item ("citing a platform*, opposition to fracking
and reforms*"). PolNeAR's content runs through both; these helpers give the end of the content
with them, for :func:`.indirect.finish` to apply to the rules listed here.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from stancewire.nlp import cues, doccache
from stancewire.nlp.doccache import children
from stancewire.nlp.quotes.acts import RULE_PREFIX as ACT_RULE
from stancewire.nlp.quotes.syntax import SUBJ

# Rules whose content is an object or a prepositional object of the cue, which the phrase the
# parser hangs from the cue itself still completes (:func:`with_trailing_phrase`).
OBJECT_RULES = frozenset(
    {"object", "prep", "obj-prep", "speech-object", "evaluation-object", "topic", ACT_RULE + "object",
     ACT_RULE + "prep"}
)  # fmt: skip


# Infinitive contents, whose list of aims the parser breaks off as well ("to invest in roads,
# expand benefits, and enable debt-free college").
LIST_RULES = frozenset({"xcomp", "obj-xcomp", "belief-xcomp", ACT_RULE + "infinitive"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_LIST_END = frozenset({".", ";", ":", "!", "?"})


def with_list_tail(doc: Doc, tok: Token, b: int) -> int:
    """End of an object or infinitive content ``…[:b]`` extended over the rest of its list, when
    the parser hung the list's continuation elsewhere: "citing a more progressive platform*,
    opposition to fracking and reforms of the election system*", "discussing the economy*,
    women's health, the environment or a woman candidate*". Only a list: the rest of the sentence
    holds "and"/"or" and no clause of its own (no subject, no finite verb, no quote, no cue)."""
    toks = doccache.tokens(doc)
    k = next((t.i for t in toks[tok.i :] if t.idx + len(t.text) >= b), None)
    if k is None or k + 2 >= len(doc):
        return b
    if doc[k + 1].text == ",":
        start = k + 2
    elif doc[k + 1].lower_ in ("and", "or") and doc[k + 1].dep_ == "cc":
        start = k + 1  # "questioned Trump's values and his readiness to be commander in chief"
    else:
        return b
    end = start
    sent_end = doccache.sent(tok).end
    while end < sent_end and doc[end].text not in _LIST_END:
        end += 1
    tail = doc[start:end]
    if not 1 < len(tail) <= 40 or not any(t.dep_ == "cc" and t.lower_ in ("and", "or") for t in tail):
        return b
    if any(
        t.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "mark")
        or t.tag_ in _FINITE_TAGS
        or t.is_quote
        or (t.pos_ == "VERB" and t.lemma_.lower() in cues.speech_verbs())
        for t in tail
    ):
        return b
    last = end - 1
    while last > k and doc[last].is_punct:
        last -= 1
    return max(b, doc[last].idx + len(doc[last].text))


def with_trailing_phrase(doc: Doc, tok: Token, b: int) -> int:
    """End of an object content ``…[:b]`` extended over the phrase right after it that the parser
    hangs from the cue ``tok`` instead of the object: "referred to demonstrators *as 'my
    friends'*", "cited the tax *as a major reason …*", "defended his call *to raise the minimum
    wage*", "compared the president *to Lyndon Johnson*". PolNeAR's content runs through them:
    they say what the object is taken as, or what it is for. A clause with a subject of its own
    ("as the crowd cheered") is not such a phrase."""
    toks = doccache.tokens(doc)
    j = next((t.i + 1 for t in toks[tok.i :] if t.idx + len(t.text) >= b), None)
    if j is None or j >= len(doc):
        return b
    t = doc[j]
    phrase: Token | None = None
    if t.lower_ == "as" and t.dep_ == "prep" and t.head.i == tok.i:
        phrase = t  # "cited the tax as a major reason"
    elif t.lower_ == "to" and t.dep_ == "prep" and t.head.i == tok.i:
        phrase = t  # "compared the president to Johnson"
    elif t.lower_ == "to" and t.dep_ == "aux":
        verb = t.head
        if (
            verb.dep_ in ("xcomp", "advcl")
            and verb.head.i == tok.i
            and not any(c.dep_ in SUBJ for c in children(verb))
        ):
            phrase = verb  # "defended his call to raise the minimum wage"
    if phrase is None:
        return b
    from stancewire.nlp.quotes.indirect import cut_at_cue  # indirect imports this module

    last = cut_at_cue(doc, j, phrase.right_edge.i)
    while last > j and doc[last].is_punct:
        last -= 1
    return max(b, doc[last].idx + len(doc[last].text))
