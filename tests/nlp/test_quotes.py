"""Quote detection: every kind, many domains, fictional people/places, real spaCy model."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stancewire.nlp.quotemarks import find_quote_spans
from stancewire.schemas import Quote


def _only(quotes: list[Quote], qtype: str | None = None) -> Quote:
    qs = [q for q in quotes if qtype is None or q.type == qtype]
    assert len(qs) == 1, [(q.type, q.text) for q in quotes]
    return qs[0]


# ------------------------------------------------------------------ quote marks (no parse)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will win,” he said.", ["We will win,"]),
        ('"Profits rose," she said.', ["Profits rose,"]),
        ("‘It was brilliant,’ the coach said.", ["It was brilliant,"]),
        ("«Nous gagnerons», a-t-il dit.", ["Nous gagnerons"]),
        ("„Wir schaffen das“, sagte sie.", ["Wir schaffen das"]),
        ("‹Oui›, dit-elle.", ["Oui"]),
        ("“They told us ‘not yet’ twice,” she said.", ["They told us ‘not yet’ twice,"]),
        ("Trump’s offer and the leaders’ talks don't count.", []),
        ('The 6\'2" guard said "fine".', ["fine"]),
        ("She said ‘hello there’ in the ‘90s.", ["hello there"]),
        # Two apostrophes are one double mark; the apostrophe of "didn't" stays inside.
        ("He said: " + "''" + "I replied. I didn't post it." + "''", ["I replied. I didn't post it."]),
        ("''" + "It is ''so'' over,'' she said.", ["It is ''so'' over,"]),
        (
            "''" + "We will rebuild.\n\n''" + "It takes years,'' he said.",
            ["We will rebuild.\n\n''It takes years,"],
        ),
        # Pasted quotes mix curly and straight marks: a straight mark that can only close ends
        # the curly quote; one that opens stays an inner quote.
        ('“They are frustrated," said Kessel. "They left."', ["They are frustrated,", "They left."]),
        ('He said “it was "fine" for me” and left.', ['it was "fine" for me']),
    ],
)
def test_quote_marks(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in find_quote_spans(text)] == expected


def test_paragraph_continuation_is_one_span() -> None:
    text = "“We will rebuild the pier.\n\n“It will take years,” the mayor said.\n\nNext paragraph."
    spans = find_quote_spans(text)
    assert len(spans) == 1
    assert text[spans[0].start : spans[0].end].startswith("We will rebuild")
    assert text[spans[0].start : spans[0].end].endswith("It will take years,")


def test_unclosed_quote_ends_at_paragraph() -> None:
    text = "“We are not done yet\n\nThe match ended 2-1."
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["We are not done yet"]


# Single characters plus the doubled apostrophe, which the scanner reads as one two-char mark.
_WORD = st.lists(st.sampled_from([*"abcdefgh ’'\"“”‘’«».,\n", "''"]), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_WORD)
def test_spans_always_valid(text: str) -> None:
    for s in find_quote_spans(text):
        assert 0 <= s.start <= s.end <= len(text)
        assert s.open < s.start
        assert text[s.start : s.end] == text[s.start : s.end].strip()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.sampled_from(
            [
                "“We will appeal,” said Marta Velez.",
                "The club said it would appeal.",
                "He said: “No.”",
                "Critics called it a “disaster”.",
                "“It is over.”",
                "‘Fine,’ she said.",
                "Analysts said rates would rise.",
                "Koro: We are ready.",
                "The film “Blue Harbour” opened.",
                "\n\n",
                " ",
                "“Open quote",
                "don't",
            ]
        ),
        min_size=1,
        max_size=6,
    )
)
def test_offsets_invariant_on_random_articles(run, parts: list[str]) -> None:
    text = " ".join(parts).strip() or "x"
    run(text)  # the fixture asserts text[start:end] == quote.text for every quote


# ------------------------------------------------------------------ direct


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "“We will appeal the verdict,” said Marta Velez, a lawyer for the defendants.",
            "We will appeal the verdict,",
            "Marta Velez",
        ),
        (
            "“The results are encouraging,” Dr. Ilse Brandt told reporters on Tuesday.",
            "The results are encouraging,",
            "Ilse Brandt",
        ),
        (
            "Coach Tomas Reyna said: “The boys played with heart tonight.”",
            "The boys played with heart tonight.",
            "Tomas Reyna",
        ),
        (
            '"Our revenue grew by 12 percent," Norwind chief executive Ama Koro said in a statement.',
            "Our revenue grew by 12 percent,",
            "Ama Koro",
        ),
        (
            "‘It was a brilliant performance,’ goalkeeper Luka Brenner said after the match.",
            "It was a brilliant performance,",
            "Luka Brenner",
        ),
        (
            "«This ruling protects tenants», said Judge Odile Marchetti of the Valmont tribunal.",
            "This ruling protects tenants",
            "Odile Marchetti",
        ),
        (
            "„The telescope works perfectly“, said astronomer Greta Halvorsen.",
            "The telescope works perfectly",
            "Greta Halvorsen",
        ),
        (
            "Researcher Priya Nandakumar told the conference, “The data speak for themselves.”",
            "The data speak for themselves.",
            "Priya Nandakumar",
        ),
    ],
)
def test_direct_with_cue(run, text: str, content: str, speaker: str) -> None:
    q = _only(run(text).quotes, "direct")
    assert q.text == content
    assert q.speaker is not None and q.speaker.name == speaker
    assert q.cue is not None


def test_split_quote_same_speaker(run) -> None:
    text = "“The results are encouraging,” Dr. Ilse Brandt told reporters. “But we need more data.”"
    qs = run(text).quotes
    assert [q.text for q in qs] == ["The results are encouraging,", "But we need more data."]
    assert {q.speaker.name for q in qs} == {"Ilse Brandt"}
    assert all(q.type == "direct" for q in qs)


def test_split_quote_in_one_sentence(run) -> None:
    text = "“This changes everything,” said Omar Selby, “and we are only at the beginning.”"
    qs = run(text).quotes
    assert len(qs) == 2
    assert all(q.speaker.name == "Omar Selby" for q in qs)


def test_multi_paragraph_quote_one_per_paragraph(run) -> None:
    text = (
        "Mayor Rosa Delacroix spoke at the pier.\n\n“We will rebuild it plank by plank.\n\n"
        "“It will take years, but it will be done,” Delacroix said."
    )
    qs = [q for q in run(text).quotes if q.type == "direct"]
    assert [q.text for q in qs] == [
        "We will rebuild it plank by plank.",
        "It will take years, but it will be done,",
    ]
    assert {q.speaker.name for q in qs} == {"Rosa Delacroix"}


def test_apostrophes_do_not_open_quotes(run) -> None:
    res = run("The company’s shares fell. Investors didn’t panic, and the firm’s CEO wasn’t worried.")
    assert res.quotes == []


# ------------------------------------------------------------------ not quotes


@pytest.mark.parametrize(
    "text",
    [
        "The film “Silent Harbour” won three awards at the festival.",
        "Her novel “The Salt Orchard” sold out in a week.",
        "The so-called “green corridor” opened on Monday.",
        "He is said to be furious about the decision.",
        "The senator did not say that the bill would pass.",
        "Is this the end of globalisation? Few economists think so.",
        "The striker Rui “The Hammer” Delgado scored twice.",
        "The team arrived in Valmont on Tuesday and trained for two hours.",
    ],
)
def test_not_quotes(run, text: str) -> None:
    assert run(text).quotes == []


def test_scare_quote_inside_narrative_ignored(run) -> None:
    assert run("Residents of the “new town” gathered in the square.").quotes == []


# ------------------------------------------------------------------ indirect


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        (
            "Prosecutors said the defendant had wired the money to an offshore account.",
            "the defendant had wired the money to an offshore account",
            "Prosecutors",
            "said",
        ),
        (
            "The central bank warned that inflation could stay high for longer.",
            "that inflation could stay high for longer",
            None,
            "warned",
        ),
        (
            "Marta Velez told the court that her client had acted in self-defence.",
            "that her client had acted in self-defence",
            "Marta Velez",
            "told",
        ),
        (
            "The talks will resume next week, the ministry said.",
            "The talks will resume next week",
            None,
            "said",
        ),
        (
            "According to the ministry, 14 people were injured in the blast.",
            "14 people were injured in the blast",
            None,
            "According to",
        ),
        (
            "Coach Tomas Reyna called for a full investigation into the referee's decision.",
            "a full investigation into the referee's decision",
            "Tomas Reyna",
            "called for",
        ),
        (
            "Marta Velez accused the prosecution of hiding evidence.",
            "the prosecution of hiding evidence",
            "Marta Velez",
            "accused",
        ),
        ("The union urged the government to raise wages.", "the government to raise wages", None, "urged"),
        (
            "Health Minister Sara Lind expressed concern over the rising number of cases.",
            "the rising number of cases",
            "Sara Lind",
            "expressed concern over",
        ),
        (
            "Mayor Rosa Delacroix vowed to rebuild the pier before the summer.",
            "to rebuild the pier before the summer",
            "Rosa Delacroix",
            "vowed",
        ),
        (
            "Astronomer Greta Halvorsen argued that the signal came from a distant galaxy.",
            "that the signal came from a distant galaxy",
            "Greta Halvorsen",
            "argued",
        ),
        (
            "Marek Dvorin denied that his company had paid the inspectors.",
            "that his company had paid the inspectors",
            "Marek Dvorin",
            "denied",
        ),
        (
            "Defence lawyer Ivo Sandrell denied any wrongdoing by his client.",
            "any wrongdoing by his client",
            "Ivo Sandrell",
            "denied",
        ),
        (
            "Coach Lina Brannock insisted that her squad was fit for the final.",
            "that her squad was fit for the final",
            "Lina Brannock",
            "insisted",
        ),
        (
            "The Orlenna Football Federation insisted on Monday that the match would go ahead.",
            "that the match would go ahead",
            "Orlenna Football Federation",
            "insisted",
        ),
        (
            "Analysts predicted that Norwind's shares would recover by spring.",
            "that Norwind's shares would recover by spring",
            "Analysts",
            "predicted",
        ),
    ],
)
def test_indirect(run, text: str, content: str, speaker: str | None, cue: str) -> None:
    q = _only(run(text).quotes)
    assert q.type == "indirect"
    assert q.text == content
    assert q.cue is not None and q.cue.text == cue
    assert q.speaker is not None
    if speaker is not None:
        assert q.speaker.name == speaker


def test_two_cues_two_quotes(run) -> None:
    text = (
        "Chief executive Ama Koro said profits had doubled, adding that the company would hire 200 engineers."
    )
    qs = run(text).quotes
    assert [q.text for q in qs] == ["profits had doubled", "that the company would hire 200 engineers"]
    assert all(q.speaker.name == "Ama Koro" for q in qs)


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        # The parse reads the main verb as an adjective and hangs it inside the clause.
        (
            "Tomas Reyna's statement that the team was tired angered fans.",
            "that the team was tired",
            "Tomas Reyna",
        ),
        ("Ama Koro's statement that the plan failed surprised nobody.", "that the plan failed", "Ama Koro"),
        (
            "Lena Varga's warning that the bridge was unsafe went unheeded.",
            "that the bridge was unsafe",
            "Lena Varga",
        ),
        (
            "Brisk Harlan's promise that taxes would fall delighted voters.",
            "that taxes would fall",
            "Brisk Harlan",
        ),
    ],
)
def test_noun_cue_content_is_only_the_complement_clause(run, text: str, content: str, speaker: str) -> None:
    q = _only(run(text).quotes)
    assert q.type == "indirect"
    assert q.text == content
    assert q.speaker.name == speaker
    assert q.speaker.kind == "person"
    assert q.speaker.id == "person:" + speaker.lower().replace(" ", "-")


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        (
            "In a statement, Norwind Mining expressed hope that the strike would end soon.",
            "that the strike would end soon",
            "Norwind Mining",
            "expressed hope",
        ),
        (
            "In a statement, Norwind Mining expressed concern that prices would rise.",
            "that prices would rise",
            "Norwind Mining",
            "expressed concern",
        ),
        (
            "Finance Minister Ilse Marrow expressed concern that inflation could climb above five percent.",
            "that inflation could climb above five percent",
            "Ilse Marrow",
            "expressed concern",
        ),
        (
            "The Kestavo Party expressed hope that talks with the Ondrelian government would resume "
            "next month.",
            "that talks with the Ondrelian government would resume next month",
            "Kestavo Party",
            "expressed hope",
        ),
    ],
)
def test_express_noun_that_clause_is_whole_clause(
    run, text: str, content: str, speaker: str, cue: str
) -> None:
    q = _only(run(text).quotes)
    assert q.text == content
    assert q.cue is not None and q.cue.text == cue
    assert q.speaker.name == speaker


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        # Nouns that come from CAMEO's "express" patterns, not from the hand-written list.
        (
            "The Orlenna Football Federation expressed surprise that the referee had been suspended.",
            "that the referee had been suspended",
            "expressed surprise",
        ),
        (
            "Residents of Port Vell expressed relief that the dam had held.",
            "that the dam had held",
            "expressed relief",
        ),
    ],
)
def test_cameo_express_nouns(run, text: str, content: str, cue: str) -> None:
    q = _only(run(text).quotes)
    assert q.text == content
    assert q.cue is not None and q.cue.text == cue


def test_cameo_derived_cue_data() -> None:
    import json

    from stancewire.nlp import cues

    data = json.loads(cues.DATA_FILE.read_text(encoding="utf-8"))
    # note (OBSERVE entry), deny (its patterns: 016), urge (DEMAND patterns: appeals), call (FOR/ON/UPON).
    assert {"note": "010", "deny": "016", "urge": "020", "call": "020"}.items() <= data["verbs"].items()
    assert data["prep_cues"]["call"] == ["for", "on", "upon"]
    assert {"concern", "hope", "relief", "surprise"} <= set(data["express_nouns"])
    assert {"surprise", "relief", "concern"} <= cues.EXPRESS_NOUNS
    assert all(cues.is_speech_verb(v) for v in ("note", "deny", "urge", "call"))


# ------------------------------------------------------------------ mixed


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "Lina Park praised the volunteers as “true heroes” of the flood response.",
            "the volunteers as “true heroes” of the flood response",
            "Lina Park",
        ),
        (
            "Dr. Ilse Brandt of Halden University said the vaccine was “remarkably effective” "
            "in early trials.",
            "the vaccine was “remarkably effective” in early trials",
            "Ilse Brandt",
        ),
        (
            "Critics called the reform a “disaster” for small businesses.",
            "the reform a “disaster” for small businesses",
            "Critics",
        ),
        (
            "Coach Tomas Reyna said his side had been “robbed” and “humiliated” by the referee.",
            "his side had been “robbed” and “humiliated” by the referee",
            "Tomas Reyna",
        ),
        (
            "The ministry warned that any new incident would “end the conversation before it starts”.",
            "that any new incident would “end the conversation before it starts”",
            None,
        ),
    ],
)
def test_mixed(run, text: str, content: str, speaker: str | None) -> None:
    q = _only(run(text).quotes)
    assert q.type == "mixed"
    assert q.text == content
    if speaker is not None:
        assert q.speaker.name == speaker


def test_single_quoted_word_makes_mixed_not_direct(run) -> None:
    res = run("Analysts said the plan was “ambitious” but underfunded.")
    q = _only(res.quotes)
    assert q.type == "mixed"
    assert not any(x.type == "direct" for x in res.quotes)


# ------------------------------------------------------------------ floating


def test_floating_paragraph_takes_previous_speaker(run) -> None:
    text = (
        "“We were the better side,” said coach Tomas Reyna.\n\n"
        "“Next week we go again and we will be ready for them.”"
    )
    qs = run(text).quotes
    assert [q.type for q in qs] == ["direct", "floating"]
    assert qs[1].speaker.name == "Tomas Reyna"
    assert qs[1].speaker.mention_kind == "floating"
    assert qs[1].speaker.mention is None
    assert qs[1].speaker.mention_start is None
    assert qs[1].speaker.mention_end is None
    assert qs[1].confidence < qs[0].confidence


def test_floating_after_indirect(run) -> None:
    text = (
        "Researcher Priya Nandakumar said the trial would be extended.\n\n"
        "“We need another year of data before anyone can be certain.”"
    )
    qs = run(text).quotes
    assert qs[-1].type == "floating"
    assert qs[-1].speaker.name == "Priya Nandakumar"


def test_quote_ids_stable_and_metadata(run) -> None:
    text = "“We will appeal,” said Marta Velez."
    a = run(text, article_id="same")
    b = run(text, article_id="same")
    assert a.quotes[0].quote_id == b.quotes[0].quote_id
    q = a.quotes[0]
    assert q.published_at is not None and q.source == "unknown"
    assert q.sentence_start == 0 and q.sentence_end >= q.end
