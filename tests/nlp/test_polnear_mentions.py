"""The PolNeAR harness reads each article's mention index from the real pipeline.

Fictional text (invented people and places). A floating quote has no speaker mention of its
own, so the lenient and strict speaker rates can only credit it through the other mentions of
the resolved actor; when the harness lost the index (the extractor's API changed under it),
every such quote scored as a wrong speaker and the PolNeAR speaker rate fell for no real reason.
"""

from __future__ import annotations

from stancewire.eval.polnear_run import extract_attributions
from stancewire.nlp.extract import Extractor
from stancewire.schemas import Article

TEXT = (
    "Marten Voss, the mayor of Kelbridge, spoke on Tuesday.\n\n"
    "“We will rebuild the bridge before winter,” Voss said.\n\n"
    "“Nobody in this town will be left behind.”\n"
)


def test_harness_returns_the_mention_index_and_the_floating_speaker(extractor: Extractor) -> None:
    out = list(extract_attributions(extractor, [Article(id="fict", text=TEXT)], batch_size=4))
    assert [name for name, _, _ in out] == ["fict"]
    _, preds, spans = out[0]
    floating = [p for p in preds if p.cue is None]
    assert floating, preds
    actor = floating[0].speaker_id
    assert actor is not None and actor.endswith("voss")
    # Every mention of the speaker, the full name in the first paragraph included.
    first = TEXT.index("Marten Voss")
    assert (first, first + len("Marten Voss")) in spans[actor]
    assert len(spans[actor]) >= 2


def test_relative_pronoun_of_a_speaker_is_a_mention_of_them(extractor: Extractor) -> None:
    text = "Marta Velic, who said the fictional Kelbridge bridge would reopen, left early."
    _, preds, spans = next(extract_attributions(extractor, [Article(id="rel", text=text)]))
    assert [p.speaker_id for p in preds] == ["person:marta-velic"]
    who = text.index("who")
    assert (who, who + 3) in spans["person:marta-velic"]
