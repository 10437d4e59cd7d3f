"""The training labels of the speaker ranker (``train_speaker_ranker.label``), both schemes.

A hand-made fictional article (no corpus needed): Ivo Marsh and Ada Morn are invented people.
"""

from __future__ import annotations

from stancewire.eval.polnear_corpus import CorpusArticle, GoldAttribution
from stancewire.eval.train_speaker_ranker import label
from stancewire.nlp.attribution.candidates import Decision

# Three paragraphs: Marsh speaks by name, Morn speaks by name, then two paragraphs on, "he".
TEXT = (
    "Ivo Marsh said the harbour would open.\n\n"
    "Ada Morn said it would not.\n\n"
    "The vote is on Friday.\n\n"
    "The weather was fine.\n\n"
    "He said the vote was rigged. The pollster Ivo Marsh said it was close."
)


def _span(s: str, nth: int = 0) -> tuple[int, int]:
    a = -1
    for _ in range(nth + 1):
        a = TEXT.index(s, a + 1)
    return a, a + len(s)


ARTICLE = CorpusArticle(
    name="fictional",
    text=TEXT,
    attributions=[
        GoldAttribution((_span("the harbour would open"),), "said", "Ivo Marsh", (_span("Ivo Marsh"),)),
        GoldAttribution((_span("it would not"),), "said", "Ada Morn", (_span("Ada Morn"),)),
        GoldAttribution((_span("the vote was rigged"),), "said", "He", (_span("He said"),)),
        GoldAttribution(
            (_span("it was close"),), "said", "The pollster Ivo Marsh", (_span("The pollster Ivo Marsh"),)
        ),
    ],
)


def _decision(kind: str, at: str) -> Decision:
    a, b = _span(at)
    return Decision(kind, a, b, ["person:ivo-marsh", "person:ada-morn", None], [[0.0]] * 3, None, None)


def test_nearest_scheme_takes_the_last_named_source_however_far_back() -> None:
    mask = label(ARTICLE, _decision("pronoun", "He"))
    assert mask is not None and mask.tolist() == [False, True, False]  # Morn, three paragraphs up


def test_own_scheme_leaves_a_far_decision_unlabelled() -> None:
    # Morn spoke three paragraphs before "He": too far to be more than the label's guess; the
    # null candidate is no answer for a pronoun either.
    d = _decision("pronoun", "He")
    d.actor_ids = ["person:ivo-marsh", "person:ada-morn"]
    assert label(ARTICLE, d, "own") is None


def test_own_scheme_reads_the_name_in_the_decisions_own_source() -> None:
    mask = label(ARTICLE, _decision("role", "The pollster"), "own")
    assert mask is not None and mask.tolist() == [True, False, False]
    # The nearest scheme ignores it and takes the last named Source before (Morn).
    near = label(ARTICLE, _decision("role", "The pollster"))
    assert near is not None and near.tolist() == [False, True, False]
