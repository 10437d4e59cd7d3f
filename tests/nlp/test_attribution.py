"""Speaker resolution: names, titles, pronouns, role nouns, organisations/places, groups."""

from __future__ import annotations

import pytest

from stancewire.nlp.mentions import ArticleMentions
from stancewire.schemas import ActorKind, MentionKind


def _speakers(res):
    return [
        (q.speaker.name if q.speaker else None, q.speaker.mention_kind if q.speaker else None)
        for q in res.quotes
    ]


# ------------------------------------------------------------------ names


# ------------------------------------------------------------------ pronouns


def test_he_is_previous_speaker(run) -> None:
    text = "Coach Tomas Reyna said the team was tired. He also noted that two players were injured."
    qs = run(text).quotes
    assert [q.speaker.name for q in qs] == ["Tomas Reyna", "Tomas Reyna"]
    assert qs[1].speaker.mention_kind == MentionKind.pronoun
    assert qs[1].speaker.mention == "He"


def test_first_person_inside_quote_is_recorded_for_speaker(extractor, run) -> None:
    from datetime import UTC, datetime

    from stancewire.schemas import Article

    text = "“I will not resign,” said Mayor Rosa Delacroix."
    art = Article(id="m", text=text, published_at=datetime(2025, 1, 1, tzinfo=UTC))
    mentions = extractor.process(art)._.mentions
    ref = mentions.actor_at(1, 2)  # "I"
    assert ref is not None and ref.name == "Rosa Delacroix"


def test_we_inside_quote_is_recorded_for_speaker(extractor) -> None:
    from datetime import UTC, datetime

    from stancewire.schemas import Article

    text = "“We will not back down, and our members know it,” said union leader Petra Olvensdottir."
    art = Article(id="w", text=text, published_at=datetime(2025, 1, 1, tzinfo=UTC))
    mentions = extractor.process(art)._.mentions
    we = text.index("We")
    our = text.index("our")
    for a, b in ((we, we + 2), (our, our + 3)):
        ref = mentions.actor_at(a, b)
        assert ref is not None and ref.name == "Petra Olvensdottir"


def test_they_skips_a_non_human_plural_subject(run) -> None:
    # "The talks" cannot speak: "they" reaches back to the people one sentence earlier.
    text = (
        "Dock workers in Port Averly walked out on Monday. The talks lasted six hours. "
        "They said the harbour would stay closed."
    )
    q = next(q for q in run(text).quotes if "harbour" in q.text)
    assert q.speaker.kind == ActorKind.group
    assert "workers" in q.speaker.name.lower()


# ------------------------------------------------------------------ role nouns


def test_role_noun_from_article(run) -> None:
    text = (
        "Veltrian President Ama Koro said the border would stay closed. "
        "Later, the Veltrian president urged neighbours to show restraint."
    )
    qs = run(text).quotes
    assert qs[1].speaker.name == "Ama Koro"
    assert qs[1].speaker.mention == "the Veltrian president"
    assert qs[1].speaker.mention_kind == MentionKind.role


def test_role_noun_from_registry_by_date(run) -> None:
    r1 = run("The US president said tariffs would rise.", published="2024-06-01").quotes[0]
    r2 = run("The US president said tariffs would rise.", published="2025-02-01").quotes[0]
    assert r1.speaker.name == "Joe Biden"
    assert r2.speaker.name == "Donald Trump"
    r3 = run("The Russian president said talks were possible.", published="2025-02-01").quotes[0]
    assert r3.speaker.name == "Vladimir Putin"


# ------------------------------------------------------------------ organisations and places


def test_places_speak_for_governments(run) -> None:
    res = run(
        "The Kremlin said talks were possible. Kyiv has expressed concerns over the plan. "
        "Washington warned that sanctions would follow."
    )
    assert [(q.speaker.id, q.speaker.mention_kind) for q in res.quotes] == [
        ("gov:rus", MentionKind.organisation),
        ("gov:ukr", MentionKind.organisation),
        ("gov:usa", MentionKind.organisation),
    ]


# ------------------------------------------------------------------ groups


def test_groups(run) -> None:
    res = run("Officials said the airport would reopen. Analysts said rates would rise.")
    assert [(q.speaker.name, q.speaker.kind) for q in res.quotes] == [
        ("Officials", ActorKind.group),
        ("Analysts", ActorKind.group),
    ]


# ------------------------------------------------------------------ resolver protocol


def test_article_mentions_protocol(extractor, registry) -> None:
    text = "Russian President Vladimir Putin met Kremlin spokesman Dmitry Peskov in Moscow."
    doc = extractor.nlp(text)
    m = ArticleMentions(doc, registry)
    start = text.index("Putin")
    assert m.actor_at(start, start + 5).id == "person:vladimir-putin"
    ids = [a.id for _, _, a in m.actors_in(0, len(text))]
    assert "person:vladimir-putin" in ids and "person:dmitry-peskov" in ids and "gov:rus" in ids
    assert m.actor_at(0, 1) is None or m.actor_at(0, 1).id == "gov:rus"


# ------------------------------------------------------------------ the writer (first person)


def _column(extractor, text: str, authors: list[str]):
    from datetime import UTC, datetime

    from stancewire.schemas import Article

    art = Article(
        id="col", text=text, authors=authors, published_at=datetime(2025, 1, 1, tzinfo=UTC), synthetic=True
    )
    return extractor.extract(art).quotes


def test_first_person_narration_is_the_bylines_writer(extractor) -> None:
    # Fictional column by a fictional writer.
    text = (
        "The council voted on Tuesday to close the Velk harbour.\n\n"
        "I think the closure is a mistake, and I told the mayor so.\n\n"
        "“We will reopen it in a year,” Mayor Ada Morn said. She added that the budget was tight."
    )
    qs = _column(extractor, text, ["By IDA KESSEL, The Quillon Herald"])
    by_text = {q.text: q.speaker for q in qs}
    mine = [sp for t, sp in by_text.items() if "closure is a mistake" in t]
    assert mine and mine[0] is not None and mine[0].id == "person:ida-kessel"
    assert mine[0].mention == "I" and mine[0].mention_kind == MentionKind.pronoun
    # The writer is nobody a later "she" refers to.
    added = [sp for t, sp in by_text.items() if "budget was tight" in t]
    assert added and added[0] is not None and added[0].name == "Ada Morn"


@pytest.mark.parametrize(
    ("authors", "text"),
    [
        # Two writers: "I" is neither in particular.
        (["IDA KESSEL and PIET VOS"], "I think the closure is a mistake."),
        # No byline.
        ([], "I think the closure is a mistake."),
        # A transcript answer is the interviewee's.
        (["Ida Kessel"], "Q: Will the harbour reopen?\n\nA: I think the closure is a mistake."),
    ],
)
def test_first_person_narration_without_one_writer_has_no_speaker(extractor, authors, text) -> None:
    qs = [q for q in _column(extractor, text, authors) if "closure is a mistake" in q.text]
    assert all(q.speaker is None for q in qs)


def test_speaker_mention_the_name_index_missed_is_indexed(extractor) -> None:
    """A speaker resolved from a span the name index did not take ("Le Vosk told", a surname
    with a particle) is a mention of that person in the index too, where stance targets and
    the scorer of a later floating quote look for the actor."""
    from datetime import UTC, datetime

    from stancewire.schemas import Article

    text = (
        "Marine Le Vosk backs the plan. “It is everything but the old guard,” Le Vosk told the radio station."
    )
    art = Article(id="d", text=text, published_at=datetime(2025, 1, 1, tzinfo=UTC))
    doc = extractor.process(art)
    [quote] = [q for q in doc._.quotes if q.cue is not None and q.cue.text == "told"]
    assert quote.speaker is not None and quote.speaker.id == "person:marine-le-vosk"
    start = text.index("Le Vosk told")
    assert quote.speaker.mention_start == start
    ref = doc._.mentions.actor_at(start, start + len("Le Vosk"))
    assert ref is not None and ref.id == "person:marine-le-vosk"
