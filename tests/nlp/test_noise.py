"""Scraper-noise detection and masking (``stancewire.nlp.noise``), table-driven.

Every line here is fictional (invented people, outlets and places), written for this test.
Each row is a line as it would sit in a scraped article body, with whether the whole line
(or the marked fragment) is noise. The NOT-noise rows matter as much: a detector that masks a
real sentence would delete quotes.
"""

from __future__ import annotations

import pytest

from stancewire.nlp.noise import mask_noise, noise_spans

# (line, reason or None for "must not be masked")
WHOLE_LINES: list[tuple[str, str | None]] = [
    # photo credits and bylines with slashes
    ("Ada Morn/Marrow Press/Photo Service", "credit"),
    ("Teodor Vask / Harbour Daily News", "credit"),
    ("Lina Okafor-Brandt/Kethari Wire.", "credit"),
    ("Handout/Dravik Interior Ministry", "credit"),
    # photo credits in words
    ("Neilo Barsk via Marrow Images.", "credit"),
    ("Photo by Ada Morn for The Harbour Post", "credit"),
    ("Farmers for Reform", None),
    ("Ada Morn spoke via video link.", None),
    # a wire service's name alone on a line
    ("Marrow Valley Press", "wire"),
    ("The Corvenian Press", "wire"),
    ("Kethari News Agency.", "wire"),
    ("(Brightmoor Newswire)", "wire"),
    # bylines
    ("By Ada Morn", "byline"),
    ("By Ada Morn and Teodor Vask", "byline"),
    ("BY OLA BRANDT", "byline"),
    ("By Ola Brandt, Harbour Daily News", "byline"),
    # advertising and labels
    ("Story continues below advertisement", "advert"),
    ("Article continues after advertisement", "advert"),
    ("ADVERTISEMENT", "advert"),
    ("WATCH: Mayor Ada Morn opens the new Quillon ferry terminal", "label"),
    ("READ MORE: Dravik council votes to close the old pier", "label"),
    ("Related: Five things to know about the Corvenian budget", "label"),
    ("Read more: Kethari nurses vote to strike", "label"),
    # newsletter and social prompts
    ("Sign up for the Morning Harbour newsletter to get the day's news in your inbox.", "prompt"),
    ("Follow Teodor Vask on Twitter @tvask_harbour.", "prompt"),
    ("Follow Lina Okafor-Brandt on Twitter @lina_ob for updates from court.", "prompt"),
    ("Follow us on Facebook for more stories from Dravik.", "prompt"),
    ("Get the latest Corvenia headlines delivered straight to your inbox with our app.", "prompt"),
    ("Share this story", "prompt"),
    # image alt text and captions
    ("Image caption Ada Morn at the Quillon ferry terminal", "alt-text"),
    ("Image: The flooded Aldra river at dawn", "alt-text"),
    ("Photo credit: Marrow Press", "alt-text"),
    ("![Mayor Ada Morn at the podium](https://example.invalid/morn.jpg)", "alt-text"),
    # bylines and time stamps of Canadian outlets and wire copy
    ("Teodor Vask · Marrow News · Posted: Dec 03, 2019 5:00 AM ET | Last Updated: Dec 3, 2019", "byline"),
    ("By Teodor Vask Marrow Valley News Posted December 3, 2019 5:00 pm", "byline"),
    ("Updated December 3, 2019 6:12 pm", "byline"),
    ("Published Tuesday, December 3, 2019 5:00PM EST", "byline"),
    ("Lina Okafor-Brandt, The Marrow Valley Press", "byline"),
    ("Teodor Vask and Ola Brandt, Kethari News", "byline"),
    # credit lines of wire copy and Canadian outlets, video players, page furniture
    ("— With files from Teodor Vask and The Marrow Valley Press", "credit"),
    ("With files from Lina Okafor-Brandt.", "credit"),
    ("Reporting by Teodor Vask; Editing by Ola Brandt", "credit"),
    ("This advertisement has not loaded yet, but your article continues below.", "advert"),
    ("Click to play video: 'Morn defends the ferry deal as critics cry foul'", "label"),
    ("2:14 Morn defends the ferry deal as critics cry foul", "label"),
    ("Social Sharing", "label"),
    ("Report an error", "label"),
    # --- must NOT be masked: real sentences and quotes ---
    ("With files from the harbour board, the auditor found three errors.", None),
    ("Reporting by the Quillon Courier found the levy was never collected.", None),
    ("9:30 Mayor Ada Morn arrives at the pier.", None),
    ("Comments from the public closed on Friday.", None),
    ("Posted December 3, the letter said the ferry deal was dead.", None),
    ("Updated rules for the Quillon ferry took effect on Monday.", None),
    ("Teodor Vask, Quillon", None),
    ("Watch the river closely this week, the Dravik weather service said.", None),
    ("“Watch what happens when the money runs out,” Morn said.", None),
    ("Watching from the desk, Vask laughs.", None),
    ("By Tuesday, the Quillon council had voted to close the pier.", None),
    ("By then the ferry had left.", None),
    ("“I saw the photo: it was the whole harbour under water,” Okafor-Brandt said.", None),
    ("The photo, taken by a fisherman, shows the pier collapsing.", None),
    ("Morn said the press would be told on Friday.", None),
    ("Related talks between Dravik and Kethara resumed on Monday.", None),
    ("“Sign up, show up, speak up,” the union's leader told the rally.", None),
    ("She urged residents to subscribe to the council's flood alerts, calling them vital.", None),
    ("Ada Morn", None),
    ("The Dravik/Kethara border talks resumed on Monday after a week.", None),
    ("Q: Why now?", None),
    ("Vask: We were never told.", None),
    # a bracketed slash pair inside a sentence is no credit (only one closing the line is)
    ("Senator Ada Morn (D/Quillon) voted against the harbour levy on Monday.", None),
]


@pytest.mark.parametrize(("line", "reason"), WHOLE_LINES)
def test_whole_lines(line: str, reason: str | None) -> None:
    text = f"The Quillon council met on Monday.\n\n{line}\n\nThe meeting ended at noon."
    spans = noise_spans(text)
    start = text.index(line)
    if reason is None:
        assert spans == [], [text[s.start : s.end] for s in spans]
        assert mask_noise(text) == text
    else:
        assert [(s.start, s.end, s.reason) for s in spans] == [(start, start + len(line), reason)]
        masked = mask_noise(text)
        assert masked[start : start + len(line)] == " " * len(line)
        assert masked.replace(" " * len(line), line) == text  # nothing else touched


# (line, noise fragment inside it)
FRAGMENTS: list[tuple[str, str]] = [
    (
        "Mayor Ada Morn at the Quillon ferry terminal (Photo: Teodor Vask/Marrow Press) on Monday.",
        "(Photo: Teodor Vask/Marrow Press)",
    ),
    (
        "QUILLON — The ferry will return in May, Mayor Ada Morn said. (Photo: Teodor Vask/Marrow Press)",
        "(Photo: Teodor Vask/Marrow Press)",
    ),
    # A live blog's comment-widget residue glued between two posts (fictional names): the button
    # words, the next post's author, points, badges and time go; both posts' words stay.
    (
        "Senator Ada Morn at the debate in Quillon.FlagShareLikeReplyLina Okafor 5ptsmoderatorFeatured"
        "February 6, 2016 9:12PMMorn Disputes Character Of The Debate",
        "FlagShareLikeReplyLina Okafor 5ptsmoderatorFeaturedFebruary 6, 2016 9:12PM",
    ),
    (
        "The crowd at the Quillon debate did not stop booing.FlagShareLikeReply",
        "FlagShareLikeReply",
    ),
    # A caption that reports speech keeps its sentence; its bracketed "(photographer/outlet)"
    # credit goes, so the photographer never becomes a person a later "she said" refers to.
    (
        "Teodor Vask says the harbour levy is needed. (Lina Okafor/Marrow Daily)",
        "(Lina Okafor/Marrow Daily)",
    ),
]

# A short line that ends with a credit is a caption: the whole line goes.
CAPTIONS: list[str] = [
    "Flood water in Aldra (Marrow Press Photo/Lina Okafor-Brandt)",
    "Residents fill sandbags on the Aldra embankment on Sunday. Teodor Vask/Marrow Press/Photo Service",
    "Senator Ada Morn at a rally in Quillon. (Photo: Teodor Vask/Marrow Valley Press)",
    "New fare boxes on the Quillon ferry on Monday. (Lina Okafor/Marrow Daily)",
]


@pytest.mark.parametrize("line", CAPTIONS)
def test_captions(line: str) -> None:
    text = f"{line}\n\nThe council met."
    assert [(s.start, s.end, s.reason) for s in noise_spans(text)] == [(0, len(line), "caption")]


@pytest.mark.parametrize(("line", "fragment"), FRAGMENTS)
def test_fragments(line: str, fragment: str) -> None:
    text = f"{line}\n\nThe council met."
    spans = noise_spans(text)
    start = text.index(fragment)
    assert [(s.start, s.end) for s in spans] == [(start, start + len(fragment))]
    masked = mask_noise(text)
    assert masked[:start] == text[:start] and masked[start + len(fragment) :] == text[start + len(fragment) :]


def test_quote_mentioning_a_photo_keeps_its_parenthesis() -> None:
    text = "“They ran the picture (Photo: the pier at night) without asking,” Morn said."
    assert noise_spans(text) == []


def test_offsets_survive_masking_of_a_scraped_page() -> None:
    """A whole fictional scraped body: noise blanked, quotes and their offsets unchanged."""
    body = [
        "By Ola Brandt, Harbour Daily News",
        "Teodor Vask/Marrow Press/Photo Service",
        "QUILLON — The ferry terminal will reopen in May, Mayor Ada Morn said on Monday.",
        "Story continues below advertisement",
        "“We owe the islanders a working ferry,” Morn said.",
        "READ MORE: Quillon pier closed after storm",
        "Sign up for the Morning Harbour newsletter.",
    ]
    text = "\n\n".join(body)
    masked = mask_noise(text)
    assert len(masked) == len(text)
    kept = [line for line in body if line in masked]
    assert kept == [body[2], body[4]]
    quote = "We owe the islanders a working ferry,"
    assert masked.index(quote) == text.index(quote)
    assert masked.count("\n") == text.count("\n")  # paragraph structure unchanged


def test_crlf_and_indented_lines() -> None:
    text = "First paragraph.\r\n   Story continues below advertisement   \r\nLast paragraph."
    spans = noise_spans(text)
    assert len(spans) == 1
    assert text[spans[0].start : spans[0].end] == "Story continues below advertisement"


def test_empty_and_clean_text() -> None:
    assert noise_spans("") == [] and mask_noise("") == ""
    clean = "The Quillon council met on Monday. “We will decide in May,” Morn said."
    assert mask_noise(clean) is clean
