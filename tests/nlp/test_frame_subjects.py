"""Who speaks, and where the content ends, in frames the small parser misreads.

Every article here is fictional: invented people, places and newspapers.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from stancewire.schemas import Article


def _quotes(extractor, text: str):
    art = Article(id="fs", text=text, published_at=datetime(2025, 1, 1, tzinfo=UTC), synthetic=True)
    return extractor.extract(art).quotes


def _one(quotes, words: str):
    found = [q for q in quotes if words in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # The parser reads "As Akhil Varma" as a preposition of "put" and then climbs into the
        # quote for a subject ("Senate Conservatives").
        (
            "The court fight drags on in the Senate of Norland.\n\n"
            "As Akhil Varma, professor of constitutional law at Estmere and author of ''Norland's "
            "Unwritten Charter,'' put it, ''Senate Conservatives should remember that a compromise "
            "candidate today may be far better for them than the justice they may get stuck with.''",
            "Senate Conservatives should remember",
            "person:akhil-varma",
        ),
        # A verb joined to a passive clause shares its subject, not its agent (Bell).
        (
            "Ida Varga spoke in Velk on Sunday.\n\n"
            "Later, Varga was joined on stage again by Senator Tom Bell and joked, "
            '"We are the Bust people now."\n\nThe crowd laughed.',
            "Bust people now",
            "person:ida-varga",
        ),
        # A frame verb with an adverbial clause after it still frames the quote before it.
        (
            "Some of that attention has turned to Mayor Koro.\n\n"
            '"We want Koro out!" some protesters chanted, three days after the release, on Black '
            "Friday, as they marched down Main Avenue.",
            "We want Koro out",
            "group:protesters",
        ),
        # '"…," who proceeded to …' is a relative clause: the frame on the left speaks.
        (
            "Senator Tom Bell told a joke.\n\n"
            'Ada Morn interjected, "Ladies and gentlemen, Mr. Paul Simon," who proceeded to perform '
            '"Bridge Over Troubled Water."',
            "Ladies and gentlemen",
            "person:ada-morn",
        ),
        # A long title and name between the quote and its cue, all of it the cue's subject.
        (
            "Party leaders point to the ban.\n\n"
            '"These are the darkest days for Dravik conservatives like myself," former Tomas K. Varga '
            "speechwriter Noam Neusner wrote in a column this month in the Ledger, a Morn newspaper.",
            "darkest days",
            "person:noam-neusner",
        ),
        # The subject's own modifiers ("of the … Center") and a long description are the gap.
        (
            "Experts disagreed.\n\n"
            '"Building such a weapon would seem to be a stretch," Jeffrey Lorn of the Halden Center '
            "for Nonproliferation Studies wrote in December.",
            "such a weapon",
            "person:jeffrey-lorn",
        ),
        (
            "Senator Ada Morn of Quillon toured the plant on Sunday.\n\n"
            '"It is a disgrace," Governor Tom Bell said on Monday.\n\n'
            '"We have been warning about this for years," the Quillon senator and Republican '
            "presidential candidate said in a statement.",
            "warning about this",
            "person:ada-morn",
        ),
        # The sentence goes on unquoted after the quote and closes with ", said <name>".
        (
            "The court could change.\n\n"
            '"To see the number of cases that could change with this appointee is stunning," since so '
            "many cases were decided by 5-to-4 votes, said Lea Epstrand, who teaches law at Morn "
            "University.",
            "number of cases",
            "person:lea-epstrand",
        ),
        # A surname the tagger read as an adverb or adjective still names the speaker.
        (
            "Data matter.\n\n"
            "“Having access to the file and two people who understand it is valuable,” said Skelly, "
            "a former aide.",
            "Having access",
            "person:skelly",
        ),
        (
            'Tom Bell spoke.\n\n"Jeb wants to be a tough guy tonight," Morn shot back.',
            "tough guy",
            "person:morn",
        ),
        # The name and its apposition hung on the quote, no subject on the cue: the name
        # opening the frame speaks, not the event or the time after "said at" / "said of".
        (
            "“It is not the position that everything is hunky-dory,” Gene Sperl, a top outside "
            "Velmar adviser, said at a recent Dremmel Post event on the economy.",
            "hunky-dory",
            "person:gene-sperl",
        ),
        (
            "''They were partners, but also competitors,'' Tomas Velk, the mayor's former chief of "
            "staff, said of their time in office.",
            "partners",
            "person:tomas-velk",
        ),
        # The subject given to a participle set in before the cue is the cue's.
        (
            "But Sen. Ona Durb (D-Vl.), noting the size of Brin's following, said, \"Let me tell you, "
            'he has got a heck of an email list."',
            "email list",
            "person:ona-durb",
        ),
        # A text its issuer released "that said" is the issuer's (as "issued a statement saying").
        (
            'In selling the courses, Tomas Velk released a marketing video that said, "We are going '
            'to have professors that are absolutely terrific."',
            "professors",
            "person:tomas-velk",
        ),
        # A surname the tagger read as a verb ("bend") still names the person called so.
        (
            'Governor Dana Bend spoke on Monday in Velmar about the budget.\n"Jeb wants to be a tough '
            'guy tonight," Bend shot back.',
            "tough guy",
            "person:dana-bend",
        ),
        # A participle joined by "and" to one of the main clause reports the main subject.
        (
            "At the final debate, Mayor Tessa Rill only hinted at Anton Brin by mentioning the need "
            'for a wall on the Velmar border and adding, "I have got an idea of who should build it."',
            "who should build",
            "person:tessa-rill",
        ),
    ],
    ids=[
        "as-x-put-it",
        "passive-conjunct",
        "frame-with-adverbial-clause",
        "relative-after-quote",
        "long-subject-before-cue",
        "subject-with-of-phrase",
        "long-description-subject",
        "closing-inverted-frame",
        "surname-tagged-adverb",
        "surname-tagged-adjective",
        "name-and-apposition-on-the-quote-said-at",
        "name-and-apposition-on-the-quote-said-of",
        "subject-on-a-participle-before-the-cue",
        "relative-clause-of-an-issued-text",
        "surname-tagged-verb",
        "participle-joined-by-and",
    ],
)
def test_the_speaker_of_a_misread_frame(extractor, text: str, words: str, speaker: str) -> None:
    q = _one(_quotes(extractor, text), words)
    assert q.speaker is not None and q.speaker.id == speaker


def test_a_possessive_headline_label_is_no_person(extractor) -> None:
    text = (
        "Tuesday's Morning Email: Okafor wins the Velk primary by a wide margin.\n\n"
        "Okafor: We will win the general election too."
    )
    quotes = _quotes(extractor, text)
    # The label names no one: no quote of the line's words, and none with a speaker.
    assert all(q.speaker is None for q in quotes if "Okafor wins the Velk primary" in q.text)
    okafor = _one(quotes, "general election too").speaker
    assert okafor is not None and okafor.id == "person:okafor"


def _parts(line: str) -> list[str]:
    return line.split()


# The small model's parse of a real sentence (names changed to fictional ones), in which the next
# clause of a coordination hangs on the cue as its complement: "have called" is a ccomp of
# "called". The model gives this parse for a famous surname only, so the Doc is built from it.
_WORDS = _parts(
    "Marsh called the system “ rigged ” in a tweet Tuesday , and a few Velk lawmakers have called "
    "for a special prosecutor to take a look at the bureau ’s findings ."
)
_HEADS = [1, 1, 3, 1, 5, 3, 5, 5, 9, 7, 5, 3, 3, 14, 16, 16, 18, 18, 1, 18, 22, 22, 19, 24, 18, 26,
          24, 26, 29, 31, 29, 27, 18]  # fmt: skip
_DEPS = _parts(
    "nsubj ROOT det dobj punct acl punct prep det pobj npadvmod punct cc quantmod nummod compound "
    "nsubj aux ccomp prep det amod pobj aux xcomp det dobj prep det poss case pobj punct"
)
_POS = _parts(
    "PROPN VERB DET NOUN PUNCT VERB PUNCT ADP DET NOUN PROPN PUNCT CCONJ DET ADJ PROPN NOUN AUX VERB "
    "ADP DET ADJ NOUN PART VERB DET NOUN ADP DET NOUN PART NOUN PUNCT"
)
_TAGS = _parts(
    "NNP VBD DT NN `` VBN '' IN DT NN NNP , CC DT JJ NNP NNS VBP VBN IN DT JJ NN TO VB DT NN IN DT NN "
    "POS NNS ."
)
_LEMMAS = _parts(
    'Marsh call the system " rig " in a tweet Tuesday , and a few Velk lawmaker have call for a '
    "special prosecutor to take a look at the bureau ’s finding ."
)
_SPACES = [w not in ("“", "rigged", "Tuesday", "bureau", "findings", ".") for w in _WORDS]


def test_content_stops_before_a_clause_coordinated_with_the_cue(extractor) -> None:
    from spacy.tokens import Doc

    from stancewire.nlp.quotes.finder import QuoteFinder

    doc = Doc(
        extractor.nlp.vocab, words=_WORDS, spaces=_SPACES, heads=_HEADS, deps=_DEPS, pos=_POS,
        tags=_TAGS, lemmas=_LEMMAS,
    )  # fmt: skip
    text = doc.text
    found = [(q.cue_lemma, text[q.start : q.end]) for q in QuoteFinder().find(doc)]
    # Marsh's words are what he called the system, not the lawmakers' clause.
    assert ("call", "the system “rigged” in a tweet Tuesday") in found, found
    assert not any(t.startswith("a few Velk lawmakers") for _, t in found), found


def test_content_keeps_a_coordination_inside_the_reported_clause(extractor) -> None:
    text = "Marsh said that the Velk party won the north, and the Estmere party lost the south."
    q = _one(_quotes(extractor, text), "Velk party won the north")
    assert "Estmere party lost the south" in q.text


def test_a_source_label_or_a_person_before_the_colon_speaks(extractor) -> None:
    text = (
        "The timing of Okafor's surge doesn't surprise Conservative pollster Daron Marsh: "
        "“Historically, lesser-known candidates beating establishment candidates in early contests "
        "have seen the biggest boost.”\n\n"
        "RED STATES OUTNUMBER BLUE STATES FOR THE FIRST TIME - Ida M. Varga: “The analysis of party "
        "affiliation at the state level finds that 20 states are solidly Conservative.”\n\n"
        "What that means for this year's election - More from Varga: “The partisanship of the state "
        "population is a starting point in determining a state's likely vote.”\n\n"
        "It's not enough to look representative - More from the report: “Numerous online survey "
        "vendors condition their samples on other variables.”\n\n"
        "She brought a sign to the rally in Velk: “No more dams in our valley, ever again.”"
    )
    quotes = _quotes(extractor, text)
    assert _one(quotes, "biggest boost").speaker.id == "person:daron-marsh"
    assert _one(quotes, "20 states are solidly").speaker.id == "person:ida-varga"
    assert _one(quotes, "partisanship of the state").speaker.id == "person:ida-varga"
    # A document is quoted that the article introduced nowhere: the document itself speaks (an
    # unknown actor), not nobody (docs42: documents as sources).
    assert _one(quotes, "Numerous online survey vendors").speaker.id == "unknown:report"
    # A colon after a place is no source label: the sign's words have no speaker here.
    assert not any("No more dams" in q.text and q.speaker is not None for q in quotes)


def test_an_addressee_or_a_praised_person_before_the_colon_is_not_quoted(extractor) -> None:
    text = (
        "Senate Leader Ada Morn delivered a blunt message to Okafor: \"It's time to quit attacking "
        'various people that you competed with in the primary."\n\n'
        "Okafor Praises Gazette Political Editor Tomas Reyna: 'Very Good Reporter, Honestly.'\n\n"
        'Perez hammered Okafor and contrasted the candidate with Lina Varga: "What I have seen '
        'working with Secretary Varga is remarkable."'
    )
    quotes = _quotes(extractor, text)
    assert _one(quotes, "quit attacking").speaker.id == "person:ada-morn"
    assert all(q.speaker is None or q.speaker.id != "person:tomas-reyna" for q in quotes)
    assert all(q.speaker is None or q.speaker.id != "person:lina-varga" for q in quotes)


def test_a_colon_closing_a_long_reporting_sentence_hands_it_the_quote(extractor) -> None:
    text = (
        '"Okafor is very cute with a big mouth," one user wrote. "I hope he reigns over Estmere."\n\n'
        'Another said he hoped with his "whole heart" that Okafor wins the presidential election: '
        '"That way I can watch the comedy that is Estmere for several years."'
    )
    quotes = _quotes(extractor, text)
    comedy = _one(quotes, "That way I can watch")
    # The frame reaches back over the scare quote "whole heart": the quote is the other user's,
    # not a continuation of the first user's quotes in the paragraph before.
    assert comedy.speaker is not None and comedy.speaker.mention == "Another"
    assert comedy.cue is not None and comedy.cue.lemma == "say"
    # The reported clause ends at the colon: the quote is not in it twice.
    clause = _one(quotes, "whole heart")
    assert "That way" not in clause.text


def test_a_frame_verb_at_the_colon_beats_an_earlier_reporting_verb(extractor) -> None:
    text = (
        "She said that experts had determined her proposals were effective and strong, to which "
        'Tomas Marsh interjected: "It is just not true." He said Okafor would not commit.'
    )
    q = _one(_quotes(extractor, text), "It is just not true")
    assert q.speaker is not None and q.speaker.name.endswith("Marsh")


def test_a_frame_ending_its_paragraph_with_a_comma_hands_on_the_quote(extractor) -> None:
    text = (
        "Speaker Ada Morn said the images had no place in the campaign.\n\n"
        "Morn said,\n\n"
        "“Look, these images have got no place in a campaign. The post has been deleted.”"
    )
    q = _one(_quotes(extractor, text), "these images have got no place")
    assert q.speaker is not None and q.speaker.id == "person:ada-morn"
    assert q.cue is not None and q.cue.lemma == "say"


def test_a_quote_after_a_long_frame_of_the_previous_quote_continues_it(extractor) -> None:
    text = (
        "''I think the train has left the station, and the clean-energy transition is going to "
        "happen,'' said Guido Marsh-Traub, managing director of a group in Velk and Estmere, the "
        "Sustainable Harbour Solutions Network, that is analyzing the needed steps. ''Whether it "
        "will happen in time to head off dangerous climate change is really the question.''"
    )
    quotes = _quotes(extractor, text)
    first, second = _one(quotes, "train has left"), _one(quotes, "Whether it will happen")
    assert first.speaker is not None and second.speaker is not None
    assert second.speaker.id == first.speaker.id == "person:guido-marsh-traub"
    # The same cue: one attribution in two pieces.
    assert second.cue is not None and first.cue is not None and second.cue.start == first.cue.start


@pytest.mark.parametrize(
    ("text", "words", "mention"),
    [
        (
            "Skywriters flew over the Morn stadium on Friday.\n\n"
            '"Dravik is great! Varga is disgusting," read one. "Anybody but Varga," read another.',
            "Anybody but Varga",
            "another",
        ),
        (
            "The Ada Morn campaign sent an email to supporters on Friday.\n\n"
            '"Friend, let me be blunt. I can beat Tom Bell," read the email.',
            "let me be blunt",
            "the email",
        ),
        (
            "The Ada Morn campaign sent an email to supporters on Friday.\n\n"
            '"Friend, let me be blunt. I can beat Tom Bell," the email read.',
            "let me be blunt",
            # (the parser makes "read" a noun with "email" its compound; since orglen48 the
            # phrase is still "the email", the campaign's, as with "read the email")
            "the email",
        ),
    ],
    ids=["read-one", "read-the-email", "the-email-read"],
)
def test_a_text_quoted_by_its_reader_verb(extractor, text: str, words: str, mention: str) -> None:
    # "read" is no reporting verb ("he read the papers"); after a quote with only the text's
    # noun phrase, it frames the quote as that text's words.
    q = _one(_quotes(extractor, text), words)
    assert q.cue is not None and q.cue.lemma == "read", q.cue
    assert q.speaker is not None and q.speaker.mention == mention, q.speaker


def test_read_with_an_object_is_no_frame(extractor) -> None:
    quotes = _quotes(extractor, '"We will win," Ada Morn said. Tom Bell read the statement aloud.')
    assert all(q.cue is None or q.cue.lemma != "read" for q in quotes), quotes


def test_a_sign_off_paragraph_names_the_speaker(extractor) -> None:
    # Fact checks and convention notebooks sign a quote paragraph off with "- Name." below it.
    text = (
        "Fact checks of the Dravik debate follow.\n\n"
        '"Big firms pay zero taxes in Dravik."\n\n'
        "- Morn.\n\n"
        "Ada Morn exaggerates here; Tom Bell knows it.\n\n"
        '"The whole idea is something we hear about all the time, and it needs to stop."\n\n'
        "-Ida Lind, Quillon."
    )
    quotes = _quotes(extractor, text)
    assert _one(quotes, "zero taxes").speaker.id == "person:ada-morn"
    assert _one(quotes, "needs to stop").speaker.id == "person:ida-lind"


def test_a_credit_line_after_a_quote_is_no_sign_off(extractor) -> None:
    text = (
        'Ada Morn spoke on Monday.\n\n"Big firms pay zero taxes in Dravik."\n\n'
        "- Reporting by Tom Bell; editing by Ida Lind."
    )
    q = _one(_quotes(extractor, text), "zero taxes")
    assert q.speaker is None or q.speaker.id not in ("person:tom-bell", "person:reporting"), q.speaker


def test_a_participle_tag_on_a_finite_frame_verb(extractor) -> None:
    # The tagger sometimes tags the past tense of '“…!” Trump tweeted.' VBN; heading its
    # clause with a subject, it is finite and frames the quote. A reduced relative is not.
    from spacy.tokens import Doc

    from stancewire.nlp.quotes.direct import finite_participle

    vocab = extractor.nlp.vocab
    tweeted = Doc(
        vocab,
        words=["Morn", "tweeted", "."],
        tags=["NNP", "VBN", "."],
        deps=["nsubj", "ROOT", "punct"],
        heads=[1, 1, 1],
    )
    written = Doc(
        vocab,
        words=["the", "report", "written", "by", "Morn"],
        tags=["DT", "NN", "VBN", "IN", "NNP"],
        deps=["det", "ROOT", "acl", "agent", "pobj"],
        heads=[1, 1, 1, 2, 3],
    )
    assert finite_participle(tweeted[1])
    assert not finite_participle(written[2])


def _parsed(
    words: list[str], heads: list[int], deps: list[str], pos: list[str], ents: list[str] | None = None
):
    """A Doc with the parse the model gave a real sentence of the same shape (fictional words)."""
    import spacy
    from spacy.tokens import Doc

    # An English vocabulary: a bare Vocab has no lower-case forms.
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, ents=ents)


def test_a_misread_subject_is_mended() -> None:
    from stancewire.nlp.quotes.syntax import subject_of

    # "Current" made the subject, "officials" joined to it as a conjunct.
    doc = _parsed(
        ["Current", "and", "former", "officials", "said", "the", "board", "is", "broke", "."],
        [4, 0, 3, 0, 4, 6, 7, 4, 7, 4],
        ["nsubj", "cc", "amod", "conj", "ROOT", "det", "nsubj", "ccomp", "acomp", "punct"],
        ["ADJ", "CCONJ", "ADJ", "NOUN", "VERB", "DET", "NOUN", "AUX", "ADJ", "PUNCT"],
    )
    assert subject_of(doc[4]).text == "officials"
    # "Of" made the subject, the speaker its object.
    doc = _parsed(
        ["Of", "Tarrant", ",", "Levko", ",", "said", ",", "he", "is", "scary", "."],
        [5, 3, 3, 0, 3, 5, 5, 8, 5, 8, 5],
        ["nsubj", "nmod", "punct", "pobj", "punct", "ROOT", "punct", "nsubj", "ccomp", "acomp", "punct"],
        ["ADP", "PROPN", "PUNCT", "PROPN", "PUNCT", "VERB", "PUNCT", "PRON", "AUX", "ADJ", "PUNCT"],
    )
    assert subject_of(doc[5]).text == "Levko"
    # A day made the subject, the speaker hung inside it (without a name, the parse stands).
    words = ["Saturday", "at", "the", "convention", "Ana", "Quill", "said", "Arn", "failed", "."]
    heads = [6, 0, 3, 1, 5, 3, 6, 8, 6, 6]
    deps = ["nsubj", "prep", "det", "pobj", "compound", "appos", "ROOT", "nsubj", "ccomp", "punct"]
    pos = ["PROPN", "ADP", "DET", "NOUN", "PROPN", "PROPN", "VERB", "PROPN", "VERB", "PUNCT"]
    ents = ["B-DATE", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "B-PERSON", "O", "O"]
    doc = _parsed(words, heads, deps, pos, ents)
    assert subject_of(doc[6]).text == "Quill"
    words[4:6] = ["the", "delegate"]
    pos[4:6] = ["DET", "NOUN"]
    doc = _parsed(words, heads, deps, pos, ["B-DATE", "O", "O", "O", "O", "O", "O", "B-PERSON", "O", "O"])
    assert subject_of(doc[6]).text == "Saturday"


def test_a_frame_without_subject_names_the_owner_of_a_relative_clause(extractor) -> None:
    text = (
        "Although there is no such overlap with Brin's team, a Velmar House official who spoke "
        'anonymously to discuss internal strategy said Wednesday, "Certainly there are talks between '
        'the House and the Brin campaign."'
    )
    q = _one(_quotes(extractor, text), "Certainly")
    assert q.speaker is not None and q.speaker.mention == "a Velmar House official"


def test_a_frame_opening_with_of_names_its_object(extractor) -> None:
    text = (
        "“He is a circus act.” Of Tarrant, Levko, who has given money to Anton Brin, said, “He is "
        "flat-out scary. I think he is a kind man.”"
    )
    q = _one(_quotes(extractor, text), "flat-out")
    assert q.speaker is not None and q.speaker.mention == "Levko"


def test_an_inverted_subject_read_as_the_object_of_ask_speaks(extractor) -> None:
    text = "“How big is that wall?” asked the boy, who was wearing a 'Make Velmar Great Again' hat."
    q = _one(_quotes(extractor, text), "wall")
    assert q.speaker is not None and q.speaker.mention == "the boy"
    # "told reporters" names the hearers, never the speaker.
    q = _one(_quotes(extractor, "“We will win,” told reporters in Velmar."), "win")
    assert q.speaker is None


def test_the_subject_of_a_participle_read_as_the_main_verb_is_the_cues() -> None:
    from stancewire.nlp.quotes.syntax import subject_of

    # "Durb, noting the size of his following, said, …" with "noting" as the root.
    doc = _parsed(
        ["Durb", ",", "noting", "the", "size", "of", "his", "following", ",", "said", ",", "we", "won"],
        [2, 0, 2, 4, 2, 4, 7, 5, 4, 2, 9, 12, 9],
        [
            "nsubj",
            "punct",
            "ROOT",
            "det",
            "dobj",
            "prep",
            "poss",
            "pobj",
            "punct",
            "parataxis",
            "punct",
            "nsubj",
            "ccomp",
        ],
        [
            "PROPN",
            "PUNCT",
            "VERB",
            "DET",
            "NOUN",
            "ADP",
            "PRON",
            "NOUN",
            "PUNCT",
            "VERB",
            "PUNCT",
            "PRON",
            "VERB",
        ],
    )
    doc[2].tag_ = "VBG"
    assert subject_of(doc[9]).text == "Durb"


def test_a_contracted_auxiliary_read_as_a_subject() -> None:
    from stancewire.nlp.quotes.syntax import subject_of

    # "… the delegates who’ve said they won": "’ve" parsed as the subject of "said".
    doc = _parsed(
        ["Path", "is", "the", "delegates", "who", "’ve", "said", "they", "won"],
        [1, 1, 3, 1, 5, 6, 1, 8, 6],
        ["nsubj", "ROOT", "det", "attr", "nsubj", "nsubj", "conj", "nsubj", "ccomp"],
        ["NOUN", "AUX", "DET", "NOUN", "PRON", "VERB", "VERB", "PRON", "VERB"],
    )
    assert subject_of(doc[6]).text == "delegates"


def test_a_name_read_as_a_compound_of_the_cue_stays_the_name() -> None:
    from stancewire.nlp.quotes.direct import head_short_of
    from stancewire.nlp.quotes.syntax import phrase_head

    # '“…,” Bozell answers.' parsed as the noun phrase "Bozell answers".
    doc = _parsed(
        ["“", "We", "won", ",", "”", "Bozell", "answers", "."],
        [2, 2, 6, 2, 2, 6, 6, 6],
        ["punct", "nsubj", "ccomp", "punct", "punct", "compound", "ROOT", "punct"],
        ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "PROPN", "NOUN", "PUNCT"],
    )
    assert phrase_head(doc[5]).text == "answers"
    assert head_short_of(doc[5], doc[6]).text == "Bozell"


def test_the_name_ending_a_title_run_after_an_inverted_cue_speaks() -> None:
    from stancewire.nlp.quotes.direct import person_in_title_run

    # '"…," said Oversight ranking Democrat Elan Cummar (D-Vl.).' with "Oversight" a noun.
    doc = _parsed(
        ["said", "Oversight", "ranking", "Democrat", "Elan", "Cummar", "(", "D", ")"],
        [0, 2, 0, 5, 5, 2, 5, 5, 5],
        ["ROOT", "npadvmod", "ccomp", "compound", "compound", "dobj", "punct", "appos", "punct"],
        ["VERB", "NOUN", "VERB", "PROPN", "PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT"],
        ["O", "O", "O", "B-NORP", "O", "O", "O", "O", "O"],
    )
    assert person_in_title_run(doc, doc[1], len(doc)).text == "Cummar"


def test_a_name_in_the_relative_clause_after_an_inverted_cue_does_not_speak() -> None:
    from stancewire.nlp.quotes.direct import person_in_title_run

    # '"…," said a Velmar supporter who runs the Chirper account.' with "Velmar" not a PERSON
    # entity: the run of words after it stops at "who"; "Chirper" is what the speaker runs.
    doc = _parsed(
        ["said", "a", "Velmar", "supporter", "who", "runs", "the", "Chirper", "account", "."],
        [0, 3, 3, 0, 5, 3, 8, 8, 5, 0],
        ["ROOT", "det", "compound", "nsubj", "nsubj", "relcl", "det", "compound", "dobj", "punct"],
        ["VERB", "DET", "PROPN", "NOUN", "PRON", "VERB", "DET", "PROPN", "NOUN", "PUNCT"],
        ["O", "O", "B-ORG", "O", "O", "O", "O", "O", "O", "O"],
    )
    assert person_in_title_run(doc, doc[2], len(doc)) is None


def test_a_surname_tagged_as_a_modal_speaks(extractor) -> None:
    text = (
        "Columnist Tomas Will urged voters to abandon outsiders.\n\n"
        "“The war is a reminder that the process matters,” Will wrote."
    )
    q = _one(_quotes(extractor, text), "reminder")
    assert q.speaker is not None and q.speaker.mention == "Will"
