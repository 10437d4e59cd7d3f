"""The PolNeAR harness reads each article's mention index from the real pipeline.

Fictional text (invented people and places). A floating quote has no speaker mention of its
own, so the lenient and strict speaker rates can only credit it through the other mentions of
the resolved actor; when the harness lost the index (the extractor's API changed under it),
every such quote scored as a wrong speaker and the PolNeAR speaker rate fell for no real reason.
"""

from __future__ import annotations

import pytest

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


# Fictional people and places. The cue is not the relative clause's own verb but a conjunct or
# complement of it ("who came out and endorsed", "who was critical of"): the relative pronoun
# is still a mention of the speaker.
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Mayor Oriel Danvik, who came out on Tuesday and endorsed the Kelbridge levy, left early.",
            "person:oriel-danvik",
        ),
        (
            "Senator Ilse Marrow, who has been critical of the Kelbridge levy for years, left early.",
            "person:ilse-marrow",
        ),
    ],
)
def test_relative_pronoun_of_a_conjoined_or_complement_cue(
    extractor: Extractor, text: str, speaker: str
) -> None:
    _, preds, spans = next(extract_attributions(extractor, [Article(id="rel2", text=text)]))
    assert speaker in [p.speaker_id for p in preds], preds
    who = text.index("who")
    assert (who, who + 3) in spans[speaker]


def test_relative_pronoun_is_not_a_mention_when_the_cue_has_its_own_subject(extractor: Extractor) -> None:
    # Fictional: "she" is the subject of the cue, not "who"; "who" is Danvik, not Marrow.
    text = "Mayor Oriel Danvik, who came out on Tuesday, and Senator Ilse Marrow said she endorsed the levy."
    _, preds, spans = next(extract_attributions(extractor, [Article(id="rel3", text=text)]))
    who = text.index("who")
    for actor, actor_spans in spans.items():
        if actor != "person:oriel-danvik":
            assert (who, who + 3) not in actor_spans, (actor, preds)


def test_pronoun_subject_in_the_speakers_sentence_is_a_mention_of_them(extractor: Extractor) -> None:
    # Fictional: "she" in the cue's own sentence, with no other woman named there, is Velic.
    text = "Marta Velic, as she left the Kelbridge council on Monday, said the bridge would reopen."
    _, preds, spans = next(extract_attributions(extractor, [Article(id="pro", text=text)]))
    assert "person:marta-velic" in [p.speaker_id for p in preds], preds
    she = text.index("she")
    assert (she, she + 3) in spans["person:marta-velic"]


def test_pronoun_subject_is_no_mention_when_another_could_be_it(extractor: Extractor) -> None:
    # Fictional: two men in the sentence; "he" may be either, so it is recorded for neither.
    text = "Oren Matz told Piet Vell, as he left the Kelbridge council, that the bridge would reopen."
    _, preds, spans = next(extract_attributions(extractor, [Article(id="pro2", text=text)]))
    he = text.index(" he ") + 1
    assert all((he, he + 2) not in s for s in spans.values()), (preds, spans)
