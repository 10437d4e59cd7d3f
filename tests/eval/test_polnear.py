"""The PolNeAR scorer: brat reading, the holdout split, span matching, speaker hits, breakdowns.

The unit tests write small brat files of their own into a temporary folder: fictional articles
(invented people and places), not PolNeAR text, which must never be copied into the repository.
One test runs the real extractor on a handful of real PolNeAR articles when the corpus is
present (``../shared/corpora/polnear-train``) and checks the numbers are in sane ranges.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stancewire.eval.cue_classes import cue_class, lemma
from stancewire.eval.polnear import PredAttribution, match, predictions_from_quotes, score, trimmed
from stancewire.eval.polnear_corpus import (
    DEFAULT_DIR,
    CorpusError,
    load_corpus,
    parse_ann,
    source_kind,
    split_of,
)

# A fictional article and its annotation, in PolNeAR's layout.
TEXT = (
    "Mayor Ada Morn said the Quillon ferry would return in May. "
    "“We owe the islanders a working ferry,” she said. “Nobody else will pay for it.”\n\n"
    "The Dravik council wants a new pier, according to a report by the harbour board."
)


def _frag(fragment: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(fragment, start + 1)
    return start, start + len(fragment)


def _t(tid: str, label: str, *fragments: tuple[int, int]) -> str:
    offs = ";".join(f"{a} {b}" for a, b in fragments)
    return f"{tid}\t{label} {offs}\t{' '.join(TEXT[a:b] for a, b in fragments)}"


SAID = _frag("the Quillon ferry would return in May")
QUOTE_A = _frag("“We owe the islanders a working ferry,”")
QUOTE_B = _frag("“Nobody else will pay for it.”")
PIER = _frag("The Dravik council wants a new pier")
ANN = "\n".join(
    [
        _t("T1", "Source", _frag("Mayor Ada Morn")),
        _t("T2", "Cue", _frag("said")),
        _t("T3", "Content", SAID),
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        _t("T4", "Source", _frag("she")),
        _t("T5", "Cue", _frag("said", 1)),
        _t("T6", "Content", QUOTE_A, QUOTE_B),  # one attribution, two fragments
        "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4",
        _t("T7", "Source", _frag("a report by the harbour board")),
        _t("T8", "Cue", _frag("according to")),
        _t("T9", "Content", PIER),
        "E3\tAttribution:T8 Content:T9 Cue:T8 Source:T7",
        _t("T10", "Cue", _frag("wants")),
        "E4\tAttribution:T10 Cue:T10",  # no Content: not scorable, counted as skipped
    ]
)


def _write_corpus(root: Path, articles: dict[str, tuple[str, dict[str, str]]]) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for name, (text, anns) in articles.items():
        (root / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        for annotator, ann in anns.items():
            (root / "attributions" / f"{name}_{annotator}.ann").write_text(ann, encoding="utf-8")
    return root


def _quote(span: tuple[int, int], cue: tuple[int, int] | None, speaker: str | None, mention=None) -> dict:
    return {
        "start": span[0],
        "end": span[1],
        "type": "direct",
        "cue": {"text": TEXT[cue[0] : cue[1]], "start": cue[0], "end": cue[1], "lemma": "say"}
        if cue
        else None,
        "speaker": None
        if speaker is None
        else {
            "id": speaker,
            "name": speaker,
            "mention_start": mention[0] if mention else None,
            "mention_end": mention[1] if mention else None,
        },
    }


# --------------------------------------------------------------------------- reading


def test_parse_ann_reads_fragments_sources_and_skips_contentless() -> None:
    attributions, skipped = parse_ann(ANN, TEXT)
    assert skipped == 1
    assert [a.content for a in attributions] == [(SAID,), (QUOTE_A, QUOTE_B), (PIER,)]
    assert [a.source for a in attributions] == ["Mayor Ada Morn", "she", "a report by the harbour board"]
    assert [a.cue_class for a in attributions] == ["speech", "speech", "according-to"]
    assert [a.source_kind for a in attributions] == ["name", "pronoun", "organisation"]


def test_parse_ann_rejects_offsets_that_do_not_match_the_text() -> None:
    bad = ANN.replace(f"T3\tContent {SAID[0]} {SAID[1]}", f"T3\tContent {SAID[0] + 3} {SAID[1] + 3}")
    with pytest.raises(CorpusError, match="does not match"):
        parse_ann(bad, TEXT, where="x.ann")


def test_span_text_with_a_line_break_continues_on_the_next_line() -> None:
    text = "Ada Morn said the pier\nwill close."
    ann = "T1\tSource 0 8\tAda Morn\nT2\tCue 9 13\tsaid\nT3\tContent 14 34\tthe pier\nwill close\n"
    ann += "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
    attributions, skipped = parse_ann(ann, text)
    assert skipped == 0 and attributions[0].content == ((14, 34),)


def test_load_corpus_first_annotator_split_limit_and_bad_files(tmp_path: Path) -> None:
    names = [f"fict_2016-01-{i:02d}_article-{i}" for i in range(1, 31)]
    arts = {n: (TEXT, {"b222": ANN, "a111": ANN.replace("Source:T1", "")}) for n in names}
    arts["fict_broken"] = (TEXT, {"a111": ANN.replace(f"{SAID[0]} {SAID[1]}", "0 5")})
    root = _write_corpus(tmp_path / "corpus", arts)
    errors: list[str] = []
    all_ = load_corpus(root, "all", errors=errors)
    assert len(all_) == 30 and len(errors) == 1 and "fict_broken" in errors[0]
    # the first annotator in sort order (a111) is read: its first attribution has no Source
    assert all(a.annotator == "a111" and a.attributions[0].source is None for a in all_)
    dev = load_corpus(root, "dev", errors=[])
    holdout = load_corpus(root, "holdout", errors=[])
    assert {a.name for a in dev} | {a.name for a in holdout} == set(names)
    assert not {a.name for a in dev} & {a.name for a in holdout}
    assert len(load_corpus(root, "all", limit=4, errors=[])) == 4
    with pytest.raises(CorpusError):
        load_corpus(root, "all")  # without an error list a bad file raises
    with pytest.raises(CorpusError, match="no PolNeAR corpus"):
        load_corpus(tmp_path / "absent")


def test_holdout_is_a_fixed_fifth() -> None:
    names = [f"publisher_2016-{i % 12 + 1:02d}-01_story-{i}" for i in range(2000)]
    holdout = [n for n in names if split_of(n) == "holdout"]
    assert 0.17 < len(holdout) / len(names) < 0.23
    assert [split_of(n) for n in names] == [split_of(n) for n in names]
    # pinned: the rule is sha1(name) mod 5 == 0, documented in the module
    assert split_of("fict_2016-01-01_article-1") == (
        "holdout"
        if int(__import__("hashlib").sha1(b"fict_2016-01-01_article-1").hexdigest(), 16) % 5 == 0
        else "dev"
    )


# --------------------------------------------------------------------------- matching and scores


def test_split_quotes_sharing_a_cue_become_one_attribution() -> None:
    inner_a = (QUOTE_A[0] + 1, QUOTE_A[1] - 2)  # our spans exclude the marks
    inner_b = (QUOTE_B[0] + 1, QUOTE_B[1] - 1)
    cue = _frag("said", 1)
    preds = predictions_from_quotes(
        [_quote(inner_a, cue, "ada-morn"), _quote(inner_b, cue, "ada-morn"), _quote(SAID, None, "ada-morn")]
    )
    assert [p.frags for p in preds] == [(inner_a, inner_b), (SAID,)]


def test_match_thresholds_and_nested_gold() -> None:
    gold = [((0, 100),), ((10, 20),)]  # an outer attribution and one nested in it
    assert match(gold, [((0, 95),)], 0.3) == {0: 0}  # Jaccard pairs the quote with the outer one
    assert match(gold, [((0, 40),)], 0.5) == {1: 0}  # covers 40 % of the outer: only the nested fits
    assert match([((0, 100),)], [((0, 79),)], 0.8) == {}
    assert match([((0, 100),)], [((0, 80),)], 0.8) == {0: 0}
    # a tight prediction wins over a long one that covers the same gold span
    assert match([((0, 50),), ((60, 100),)], [((0, 100),), ((0, 50),)], 0.3) == {0: 1, 1: 0}


def test_trimmed_drops_marks_and_punctuation() -> None:
    assert trimmed(TEXT, [QUOTE_A]) == ((QUOTE_A[0] + 1, QUOTE_A[1] - 2),)


def _article(tmp_path: Path) -> list:
    root = _write_corpus(tmp_path / "c", {"fict_one": (TEXT, {"a111": ANN})})
    return load_corpus(root, "all")


def test_perfect_predictions_score_one(tmp_path: Path) -> None:
    arts = _article(tmp_path)
    preds = {
        "fict_one": [
            PredAttribution((SAID,), "say", "ada-morn", _frag("Ada Morn")),
            PredAttribution((QUOTE_A, QUOTE_B), "say", "ada-morn", _frag("she")),
            PredAttribution((PIER,), "according to", "harbour-board", _frag("the harbour board")),
        ]
    }
    s = score(arts, preds)
    d = s.to_dict()
    for t in ("0.3", "0.5", "0.8"):
        assert d["overlap"][t]["f1"] == 1.0
    assert d["exact_trimmed"]["f1"] == 1.0
    assert s.speaker_accuracy == 1.0 and s.skipped == 1
    assert d["by_cue_class"]["according-to"]["recall@0.5"] == 1.0
    assert d["by_cue_class"]["according-to"]["precision@0.5"] == 1.0
    assert d["by_source_kind"]["pronoun"]["speaker_accuracy"] == 1.0
    assert d["by_quoted"]["quoted"]["n_gold"] == 1


def test_misses_spurious_and_speakers(tmp_path: Path) -> None:
    arts = _article(tmp_path)
    inner_a = (QUOTE_A[0] + 1, QUOTE_A[1] - 2)
    preds = {
        "fict_one": [
            # right span, speaker resolved right but through no overlapping mention of its own:
            # another mention of the same actor overlaps the gold Source
            PredAttribution((SAID,), "say", "ada-morn", None),
            # only the first fragment of the quote (~52 % of the gold characters), wrong speaker
            PredAttribution((inner_a,), "say", "teodor-vask", _frag("Mayor")),
            # spurious
            PredAttribution(((0, 5),), "say", "ada-morn", None),
        ]
    }
    mentions = {"fict_one": {"ada-morn": [_frag("Ada Morn"), _frag("she")]}}
    s = score(arts, preds, mentions)
    d = s.to_dict()
    assert d["overlap"]["0.3"]["tp"] == 2 and d["overlap"]["0.3"]["n_pred"] == 3
    assert d["overlap"]["0.3"]["n_gold"] == 3
    assert d["overlap"]["0.8"]["tp"] == 1  # the half quote fails 0.8
    assert d["exact_trimmed"]["tp"] == 1
    # right via the actor's other mention; wrong for teodor-vask even though "Mayor" overlaps
    # the gold Source "Mayor Ada Morn" of a *different* attribution, not this one's "she"
    assert (s.speaker_ok, s.speaker_n, s.speaker_by_mention_only) == (1, 2, 0)
    assert d["by_cue_class"]["according-to"]["recall@0.3"] == 0.0
    # without the mention index only our own mention counts
    assert score(arts, preds).speaker_ok == 0


def test_no_source_counts_apart(tmp_path: Path) -> None:
    ann = ANN.replace(" Source:T1", "")
    root = _write_corpus(tmp_path / "c", {"fict_one": (TEXT, {"a111": ann})})
    arts = load_corpus(root, "all")
    s = score(arts, {"fict_one": [PredAttribution((SAID,), "say", None, None)]})
    assert (s.no_source_n, s.no_source_ok, s.speaker_n) == (1, 1, 0)
    assert s.to_dict()["by_source_kind"]["none"]["speaker_accuracy"] == 1.0


def test_first_person_source_inside_a_quote_accepts_the_quote_speaker() -> None:
    text = "“I think the pier is safe,” Ada Morn said."
    ann = "\n".join(
        [
            "T1\tSource 28 36\tAda Morn",
            "T2\tCue 37 41\tsaid",
            "T3\tContent 0 27\t“I think the pier is safe,”",
            "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
            "T4\tSource 1 2\tI",
            "T5\tCue 3 8\tthink",
            "T6\tContent 9 25\tthe pier is safe",
            "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4",
        ]
    )
    attributions, _ = parse_ann(ann, text)
    assert attributions[1].source_alt == ((28, 36),)
    assert attributions[1].cue_class == "belief-intention"


# --------------------------------------------------------------------------- classes


@pytest.mark.parametrize(
    ("cue", "cls"),
    [
        ("said", "speech"),
        ("told reporters", "speech"),
        ("tweeted", "speech"),
        ("believes", "belief-intention"),
        ("is expected", "belief-intention"),
        ("wants", "belief-intention"),
        ("mocked", "evaluation"),
        ("criticised", "evaluation"),
        ("welcomed", "evaluation"),
        ("according to", "according-to"),
        ("’s warning that", "nominal"),
        ("his claim that", "nominal"),
        ("in a statement", "nominal"),
        (":", "other"),
        (None, "other"),
    ],
)
def test_cue_classes(cue: str | None, cls: str) -> None:
    assert cue_class(cue) == cls


def test_lemma_rules() -> None:
    assert [lemma(w) for w in ("says", "hoped", "planning", "criticized", "worries", "told")] == [
        "say",
        "hope",
        "plan",
        "criticize",
        "worry",
        "tell",
    ]


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("Ada Morn", "name"),
        ("Mayor Ada Morn", "name"),
        ("Teodor Vask, a spokesman for the Quillon council", "name"),
        ("she", "pronoun"),
        ("who", "pronoun"),
        ("the Quillon Democrat", "role"),
        ("the veteran goalkeeper", "role"),
        ("Ada Morn’s chief of staff", "role"),
        ("officials", "role"),
        ("the Quillon council", "organisation"),
        ("QFA", "organisation"),
        ("a report by the harbour board", "organisation"),
        # "The" + a proper name is a body ("The Hill"); a people, a family, a title or a
        # possessive phrase stays a description.
        ("The Quillon Herald", "organisation"),
        ("the Tarvish Examiner", "organisation"),
        ("The Quillonians", "role"),
        ("the Morns", "role"),
        ("The President", "role"),
        ("The Herald’s Ada Morn", "role"),
        (None, "none"),
    ],
)
def test_source_kinds(source: str | None, kind: str) -> None:
    assert source_kind(source) == kind


# --------------------------------------------------------------------------- command line


def test_cli_reports_a_missing_corpus(tmp_path: Path) -> None:
    from stancewire.cli import app

    result = CliRunner().invoke(app, ["eval", "--format", "polnear", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "no PolNeAR corpus" in result.output or "no PolNeAR corpus" in (result.stderr or "")


def test_cli_rejects_unknown_split_and_format(tmp_path: Path) -> None:
    from stancewire.cli import app

    runner = CliRunner()
    assert (
        runner.invoke(app, ["eval", "--format", "polnear", "--split", "test", str(tmp_path)]).exit_code == 2
    )
    assert runner.invoke(app, ["eval", "--format", "brat", str(tmp_path)]).exit_code == 2


@pytest.mark.skipif(
    not (DEFAULT_DIR / "text").is_dir(), reason="PolNeAR corpus not present (../shared/corpora)"
)
def test_real_corpus_handful_of_dev_articles() -> None:
    """The real extractor on 4 real dev articles: numbers in sane ranges, not pinned values."""
    from stancewire.eval.polnear_run import run_polnear_eval

    out = io.StringIO()
    assert run_polnear_eval(split="dev", json_out=True, limit=4, out=out) == 0
    d = json.loads(out.getvalue())
    assert d["n_articles"] == 4 and d["n_gold"] >= 20 and d["n_pred"] >= 5
    p30, p80 = d["overlap"]["0.3"], d["overlap"]["0.8"]
    assert 0.4 <= p30["precision"] <= 1.0 and 0.1 <= p30["recall"] <= 0.9
    assert p80["tp"] <= d["overlap"]["0.5"]["tp"] <= p30["tp"]
    assert d["exact_trimmed"]["tp"] <= p80["tp"]
    assert 0.3 <= d["speaker"]["accuracy"] <= 1.0
    assert sum(s["n_gold"] for s in d["by_cue_class"].values()) == d["n_gold"]
    assert sum(s["n_gold"] for s in d["by_source_kind"].values()) == d["n_gold"]


def _one_article(tmp_path: Path, text: str, ann: str) -> list:
    root = _write_corpus(tmp_path / "c", {"fict_x": (text, {"a111": ann})})
    return load_corpus(root, "all")


def test_first_person_source_is_scored_through_the_enclosing_source(tmp_path: Path) -> None:
    text = "“I think the pier is safe,” Ada Morn said."
    ann = "\n".join(
        [
            "T1\tSource 28 36\tAda Morn",
            "T2\tCue 37 41\tsaid",
            "T3\tContent 0 27\t“I think the pier is safe,”",
            "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
            "T4\tSource 1 2\tI",
            "T5\tCue 3 8\tthink",
            "T6\tContent 9 25\tthe pier is safe",
            "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4",
        ]
    )
    arts = _one_article(tmp_path, text, ann)
    pred = {"fict_x": [PredAttribution(((9, 25),), "said", "person:ada-morn", (28, 36))]}
    s = score(arts, pred)
    assert (s.speaker_ok, s.speaker_n) == (1, 1)  # "I" is Ada Morn, who says the quote


def test_strict_speaker_rejects_a_description_taken_for_a_name(tmp_path: Path) -> None:
    text = "Ada Morn, the Quillon Democrat, spoke first. The Quillon Democrat said taxes would rise."

    def span(tid: str, label: str, fragment: str) -> str:
        start = text.index(fragment)
        return f"{tid}\t{label} {start} {start + len(fragment)}\t{fragment}"

    ann = "\n".join(
        [
            span("T1", "Source", "The Quillon Democrat"),
            span("T2", "Cue", "said"),
            span("T3", "Content", "taxes would rise"),
            "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
            span("T4", "Source", "Ada Morn"),
            span("T5", "Cue", "spoke"),
            span("T6", "Content", "first"),
            "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4",
        ]
    )
    arts = _one_article(tmp_path, text, ann)
    content = (text.index("taxes would rise"), text.index("taxes would rise") + len("taxes would rise"))
    mention = (text.index("The Quillon Democrat"), text.index("The Quillon Democrat") + 20)
    for speaker, strict in (("person:quillon-democrat", 0), ("person:ada-morn", 1), ("unknown:democrat", 0)):
        s = score(arts, {"fict_x": [PredAttribution((content,), "said", speaker, mention)]})
        assert (s.speaker_ok, s.speaker_strict_ok) == (1, strict), speaker
        assert s.to_dict()["by_source_kind"]["role"]["speaker_correct_strict"] == strict


def test_strict_speaker_accepts_an_unknown_actor_for_an_indefinite_source(tmp_path: Path) -> None:
    text = "A harbour official said the pier would close."
    ann = "\n".join(
        [
            "T1\tSource 0 18\tA harbour official",
            "T2\tCue 19 23\tsaid",
            "T3\tContent 24 44\tthe pier would close",
            "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        ]
    )
    arts = _one_article(tmp_path, text, ann)
    s = score(arts, {"fict_x": [PredAttribution(((24, 44),), "said", "unknown:harbour-official", (0, 18))]})
    assert (s.speaker_ok, s.speaker_strict_ok) == (1, 1)


def test_strict_speaker_reads_the_name_inside_a_description_source(tmp_path: Path) -> None:
    # Fictional: the only Source naming Ada Morn is a description ("the party chairman, Ada Morn").
    text = "The party chairman, Ada Morn, said the levy would fail. The Quillon Democrat said it would pass."

    def span(tid: str, label: str, fragment: str, after: int = 0) -> str:
        start = text.index(fragment, after)
        return f"{tid}\t{label} {start} {start + len(fragment)}\t{fragment}"

    ann = "\n".join(
        [
            span("T1", "Source", "The party chairman, Ada Morn"),
            span("T2", "Cue", "said"),
            span("T3", "Content", "the levy would fail"),
            "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
            span("T4", "Source", "The Quillon Democrat"),
            span("T5", "Cue", "said", text.index("Quillon")),
            span("T6", "Content", "it would pass"),
            "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4",
        ]
    )
    arts = _one_article(tmp_path, text, ann)
    assert {g.source_kind for g in arts[0].attributions} == {"role"}  # no name Source anywhere
    content = (text.index("the levy"), text.index("the levy") + len("the levy would fail"))
    for speaker, strict in (("person:ada-morn", 1), ("person:quillon-democrat", 0)):
        s = score(arts, {"fict_x": [PredAttribution((content,), "said", speaker, (0, 28))]})
        assert (s.speaker_ok, s.speaker_strict_ok) == (1, strict), speaker


@pytest.mark.parametrize(
    ("source", "speaker", "strict"),
    [
        # Fictional names. A possessive Source names the person:
        ("Verlaine's", "person:tomas-verlaine", 1),
        # ids are ASCII slugs: an accented Source names the folded spelling.
        ("Inés García", "person:ines-garcia", 1),
        # an apostrophe inside a surname: the id splits it the same way.
        ("Dara O'Rourke", "person:dara-o-rourke", 1),
        ("Dara O'Rourke", "person:dara-o-neill", 0),
        # a generational suffix ends the registry's full name, not the one the Source gives:
        ("Representative Varn", "person:ilse-varn-jr", 1),
        ("Representative Varn", "person:ilse-brell-jr", 0),
        # a name after a determiner's possessive is named: the outlet is whose it is.
        ("The Harbor Post's Ada Morn", "person:ada-morn", 1),
        ("The Harbor Post's columnist", "person:ada-morn", 0),
        # an indefinite pronoun introduces someone unnamed, as "a harbour official" does.
        ("Someone", "unknown:someone", 1),
        ("Anyone", "unknown:anyone", 1),
    ],
)
def test_strict_speaker_reads_possessive_accented_and_apostrophe_names(
    tmp_path: Path, source: str, speaker: str, strict: int
) -> None:
    text, ann, a = _source_said_the_pier(source)
    arts = _one_article(tmp_path, text, ann)
    s = score(arts, {"fict_x": [PredAttribution(((a + 6, a + 26),), "said", speaker, (0, a))]})
    assert (s.speaker_ok, s.speaker_strict_ok) == (1, strict)


def _source_said_the_pier(source: str) -> tuple[str, str, int]:
    """'SOURCE said the pier would close.' annotated (text, .ann, Source length): fictional."""
    text = f"{source} said the pier would close."
    a = len(source)
    ann = "\n".join(
        [
            f"T1\tSource 0 {a}\t{source}",
            f"T2\tCue {a + 1} {a + 5}\tsaid",
            f"T3\tContent {a + 6} {a + 26}\tthe pier would close",
            "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        ]
    )
    return text, ann, a


def test_strict_speaker_reads_a_registry_alias_of_the_actor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A fictional government whose seat of power is its alias, as "the White House" is gov:usa's.
    from stancewire.eval import polnear
    from stancewire.nlp.registry import ActorRegistry

    actors = tmp_path / "actors.jsonl"
    actors.write_text(
        '{"id": "gov:qln", "name": "Quillon", "kind": "government", "aliases": ["Amber Palace", "Quillon"]}\n'
    )
    reg = ActorRegistry([actors], paths=[], use_cache=False)
    monkeypatch.setattr(polnear, "default_registry", lambda: reg)
    for i, (source, strict) in enumerate((("The Amber Palace", 1), ("A palace guard", 0))):
        text, ann, a = _source_said_the_pier(source)
        (tmp_path / str(i)).mkdir()
        arts = _one_article(tmp_path / str(i), text, ann)
        s = score(arts, {"fict_x": [PredAttribution(((a + 6, a + 26),), "said", "gov:qln", (0, a))]})
        assert (s.speaker_ok, s.speaker_strict_ok) == (1, strict), source


def test_relative_pronoun_source_is_scored_through_its_antecedent(tmp_path: Path) -> None:
    # Fictional: PolNeAR marks "who" as the Source; the extractor's mention is "Ada Morn".
    text = "The vote is set. Rep. Ada Morn, who endorsed Okafor, said the pier would close."
    src = text.index("who")
    content = (text.index("the pier"), text.index("the pier") + len("the pier would close"))
    ann = "\n".join(
        [
            f"T0\tSource {text.index('Ada')} {text.index('Ada') + 8}\tAda Morn",
            f"T4\tCue {text.index('said')} {text.index('said') + 4}\tsaid",
            f"T5\tContent {content[0]} {content[1]}\tthe pier would close",
            "E0\tAttribution:T4 Content:T5 Cue:T4 Source:T0",
            f"T1\tSource {src} {src + 3}\twho",
            f"T2\tCue {text.index('endorsed')} {text.index('endorsed') + 8}\tendorsed",
            f"T3\tContent {text.index('Okafor')} {text.index('Okafor') + 6}\tOkafor",
            "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        ]
    )
    arts = _one_article(tmp_path, text, ann)
    okafor = (text.index("Okafor"), text.index("Okafor") + 6)
    mention = (text.index("Ada"), text.index("Ada") + 8)
    for span, ok in ((mention, 1), ((0, 8), 0)):  # the antecedent / some other phrase
        s = score(arts, {"fict_x": [PredAttribution((okafor,), "endorsed", "person:ada-morn", span)]})
        assert (s.speaker_ok, s.speaker_strict_ok) == (ok, ok), span


@pytest.mark.parametrize(
    ("antecedent", "speaker", "strict"),
    [
        # Fictional. An indefinite antecedent introduces someone unnamed: no name to resolve to.
        ("A harbour official", "unknown:harbour-official", 1),
        # A definite one refers back to someone the article named (here: nobody).
        ("The harbour official", "unknown:harbour-official", 0),
        # A name antecedent names its actor, though no name Source does.
        ("Ada Morn", "person:ada-morn", 1),
        ("Ada Morn", "person:ivo-kessler", 0),
    ],
)
def test_a_relative_pronoun_source_is_as_named_as_its_antecedent(
    tmp_path: Path, antecedent: str, speaker: str, strict: int
) -> None:
    text = f"{antecedent}, who asked not to be named, said the pier would close."
    who = text.index("who")
    asked, content = text.index("asked"), text.index("the pier")
    ann = "\n".join(
        [
            f"T1\tSource {who} {who + 3}\twho",
            f"T2\tCue {asked} {asked + 5}\tasked",
            f"T3\tContent {content} {content + 20}\tthe pier would close",
            "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        ]
    )
    arts = _one_article(tmp_path, text, ann)
    assert [g.source_kind for g in arts[0].attributions] == ["pronoun"]
    pred = PredAttribution(((content, content + 20),), "said", speaker, (0, len(antecedent)))
    s = score(arts, {"fict_x": [pred]})
    assert (s.speaker_ok, s.speaker_strict_ok) == (1, strict), antecedent


@pytest.mark.parametrize(
    ("byline", "strict"),
    [("By IDA KESSEL. Follow Ida Kessel on Twitter @ikessel.", 1), ("IDA KESSEL and PIET VOS", 0), ("", 0)],
)
def test_first_person_narration_is_scored_as_the_bylines_one_writer(
    tmp_path: Path, byline: str, strict: int
) -> None:
    # Fictional column: "I" outside quotes is its writer, named only by metadata.tsv's author.
    text = "I find the harbour plan reckless."
    ann = "\n".join(
        [
            "T1\tSource 0 1\tI",
            "T2\tCue 2 6\tfind",
            "T3\tContent 7 32\tthe harbour plan reckless",
            "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        ]
    )
    root = _write_corpus(tmp_path / "c", {"fict_x": (text, {"a111": ann})})
    (root / "metadata.tsv").write_text(f"compartment\tfilename\tauthor\ntrain\tfict_x\t{byline}\n")
    arts = load_corpus(root, "all")
    assert arts[0].byline == byline
    s = score(arts, {"fict_x": [PredAttribution(((7, 32),), "find", "person:ida-kessel", (0, 1))]})
    assert (s.speaker_ok, s.speaker_strict_ok) == (1, strict), byline
