"""Question-and-answer transcripts: an answer's "I" is the interviewee (attribution/writer.py).

The articles are fictional: invented people, places and newspapers.
"""

from __future__ import annotations

from datetime import UTC, datetime

from stancewire.schemas import Article, MentionKind

INTERVIEW = (
    "Lina Okafor talks about the drought in Estmere.\n\n"
    "Former water minister Lina Okafor has written a new book about the drought in Estmere. "
    "Okafor sat down this week with the Gazette to discuss it. Questions and answers have been "
    "edited for length and clarity.\n\n"
    "Q: Why did you write the book?\n\n"
    "A: Because nobody listened. I believe the dams were a mistake from the start.\n\n"
    "Q: I believe the minister Tomas Reyna disagrees. What should the government do now?\n\n"
    "A: We need to stop building dams. I know people are impatient.\n\n"
    "And I want to say this clearly: the farmers were right."
)


def _quotes(extractor, text: str, authors: list[str]):
    art = Article(
        id="qa", text=text, authors=authors, published_at=datetime(2025, 1, 1, tzinfo=UTC), synthetic=True
    )
    return extractor.extract(art).quotes


def test_first_person_in_answers_is_the_interviewee(extractor) -> None:
    qs = _quotes(extractor, INTERVIEW, ["By Ida Kessel"])
    # The reported clauses of the answers (each "A:" line is a quote of its own as well).
    said = ("dams were a mistake", "people are impatient")
    answers = [q for q in qs if q.cue is not None and any(w in q.text for w in said)]
    assert len(answers) == 2
    for q in answers:
        assert q.speaker is not None and q.speaker.id == "person:lina-okafor", q
        assert q.speaker.mention == "I" and q.speaker.mention_kind == MentionKind.pronoun
    # An answer's later paragraph, without its own label, is still the answer.
    later = [q for q in qs if "to say this clearly" in q.text]
    assert later and later[0].speaker is not None and later[0].speaker.id == "person:lina-okafor"


def test_first_person_in_questions_is_not_the_interviewee(extractor) -> None:
    qs = _quotes(extractor, INTERVIEW, ["By Ida Kessel"])
    asked = [q for q in qs if "minister Tomas Reyna disagrees" in q.text]
    # The question's "I" is the interviewer: neither the interviewee nor, in a transcript, the
    # narrating writer.
    assert asked, [q.text for q in qs]
    assert all(q.speaker is None or q.speaker.id != "person:lina-okafor" for q in asked)


def test_a_transcript_whose_introduction_names_nobody_has_no_interviewee(extractor) -> None:
    text = "Q: Will the harbour reopen?\n\nA: I think the closure is a mistake.\n\nQ: Why?\n\nA: I know it."
    qs = [q for q in _quotes(extractor, text, []) if "closure is a mistake" in q.text]
    assert all(q.speaker is None for q in qs)
