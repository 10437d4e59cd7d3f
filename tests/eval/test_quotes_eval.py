"""Unit tests of the quote scorer on small hand-made gold/prediction pairs.

Each test pins one property a reader of the eval numbers relies on: perfect predictions score
1.0, a miss costs exactly its share of recall, the overlap thresholds behave as documented,
speaker errors only move speaker accuracy, and spurious predictions only move precision.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from stancewire.eval.quotes_eval import (
    THRESHOLDS,
    load_gold,
    match_spans,
    normalise_name,
    render_report,
    score,
    scores_json,
    speaker_correct,
)
from stancewire.schemas import ActorKind, ExtractionResult, MentionKind, Quote, Speaker

TEXT = (
    "“We will win,” Ada Morn said. Officials said the talks would resume in March. "
    "The ministry warned that prices could rise."
)


def _q(text: str, fragment: str, qtype: str, name: str, kind: str = "person", **extra: Any) -> dict[str, Any]:
    start = text.index(fragment)
    return {
        "type": qtype,
        "start": start,
        "end": start + len(fragment),
        "text": fragment,
        "speaker": {"id": name.lower().replace(" ", "-"), "name": name, "kind": kind, **extra},
        "mention_kind": "name",
        "cue": "said",
    }


@pytest.fixture
def gold() -> list[dict[str, Any]]:
    quotes = [
        _q(TEXT, "We will win,", "direct", "Ada Morn"),
        {
            **_q(
                TEXT, "the talks would resume in March", "indirect", "officials", kind="group", unnamed=True
            ),
            "mention_kind": "role",
        },
        {
            **_q(TEXT, "prices could rise", "indirect", "Veltrian Finance Ministry", kind="government"),
            "mention_kind": "organisation",
        },
    ]
    return [{"id": "a1", "text": TEXT, "quotes": quotes}]


def _pred(gold_quotes: list[dict[str, Any]], article_id: str = "a1") -> dict[str, Any]:
    return {"article_id": article_id, "quotes": [dict(q) for q in gold_quotes]}


def test_perfect_prediction_scores_one(gold: list[dict[str, Any]]) -> None:
    s = score(gold, [_pred(gold[0]["quotes"])])
    for t in THRESHOLDS:
        prf = s.overlap[str(t)]
        assert (prf.precision, prf.recall, prf.f1) == (1.0, 1.0, 1.0)
    assert s.exact_strict.f1 == 1.0
    assert s.exact_trimmed.f1 == 1.0
    assert s.speaker_accuracy == 1.0
    assert s.attribution.f1 == 1.0
    assert s.by_type["direct"].recall(0.3) == 1.0
    assert s.by_mention_kind["organisation"].speaker_accuracy == 1.0


def test_missed_quote_lowers_recall_by_its_share(gold: list[dict[str, Any]]) -> None:
    s = score(gold, [_pred(gold[0]["quotes"][:2])])
    prf = s.overlap["0.3"]
    assert prf.recall == pytest.approx(2 / 3)
    assert prf.precision == 1.0
    assert prf.f1 == pytest.approx(2 * (2 / 3) / (1 + 2 / 3))
    assert s.by_type["indirect"].recall(0.3) == pytest.approx(0.5)
    assert s.by_mention_kind["organisation"].recall(0.3) == 0.0
    assert s.by_mention_kind["name"].recall(0.3) == 1.0


def test_half_overlap_matches_at_low_threshold_only() -> None:
    text = "She said the new bridge will open in the spring of next year."
    g = _q(text, "the new bridge will open in the spring of next year", "indirect", "Ada Morn")
    half = (g["end"] - g["start"]) // 2
    pred = {**g, "end": g["start"] + half}
    s = score([{"id": "x", "text": text, "quotes": [g]}], [{"article_id": "x", "quotes": [pred]}])
    assert s.overlap["0.3"].tp == 1
    assert s.overlap["0.8"].tp == 0
    assert s.exact_strict.tp == 0
    assert s.by_type["indirect"].recall(0.3) == 1.0
    assert s.by_type["indirect"].recall(0.8) == 0.0


def test_trimmed_exact_ignores_end_punctuation_and_marks() -> None:
    text = "“We will win,” she said."
    g = _q(text, "We will win,", "direct", "Ada Morn")
    pred = {**g, "start": g["start"] - 1, "end": g["end"] + 1}  # includes both quote marks
    s = score([{"id": "x", "text": text, "quotes": [g]}], [{"article_id": "x", "quotes": [pred]}])
    assert s.exact_strict.tp == 0
    assert s.exact_trimmed.tp == 1


def test_wrong_speaker_lowers_speaker_accuracy_not_span_scores(gold: list[dict[str, Any]]) -> None:
    quotes = [dict(q) for q in gold[0]["quotes"]]
    quotes[0] = {**quotes[0], "speaker": {"id": "x", "name": "Ola Brandt", "kind": "person"}}
    s = score(gold, [{"article_id": "a1", "quotes": quotes}])
    assert s.overlap["0.3"].f1 == 1.0
    assert s.speaker_accuracy == pytest.approx(2 / 3)
    assert s.attribution.recall == pytest.approx(2 / 3)
    assert s.by_type["direct"].speaker_accuracy == 0.0
    assert s.by_type["indirect"].speaker_accuracy == 1.0


def test_missing_predicted_speaker_is_wrong(gold: list[dict[str, Any]]) -> None:
    quotes = [{**q, "speaker": None} for q in gold[0]["quotes"]]
    s = score(gold, [{"article_id": "a1", "quotes": quotes}])
    assert s.overlap["0.3"].f1 == 1.0
    assert s.speaker_accuracy == 0.0


def test_spurious_predictions_lower_precision_only(gold: list[dict[str, Any]]) -> None:
    quotes = [dict(q) for q in gold[0]["quotes"]]
    start = TEXT.index("The ministry")
    quotes.append({"type": "direct", "start": start, "end": start + 12, "speaker": None})
    s = score(gold, [{"article_id": "a1", "quotes": quotes}])
    prf = s.overlap["0.3"]
    assert prf.recall == 1.0
    assert prf.precision == pytest.approx(3 / 4)
    assert s.pred_by_type["direct"].precision == pytest.approx(1 / 2)
    assert s.pred_by_type["indirect"].precision == 1.0


def test_one_prediction_cannot_match_two_gold_quotes() -> None:
    text = "“A is true,” he said. “B is true.”"
    a = _q(text, "A is true,", "direct", "Ada Morn")
    b = _q(text, "B is true.", "direct", "Ada Morn")
    covering = {**a, "end": b["end"]}
    s = score([{"id": "x", "text": text, "quotes": [a, b]}], [{"article_id": "x", "quotes": [covering]}])
    assert s.overlap["0.3"].tp == 1
    assert s.overlap["0.3"].recall == 0.5
    assert s.overlap["0.3"].precision == 1.0


def test_greedy_matching_prefers_best_overlap() -> None:
    from stancewire.eval.quotes_eval import _Span

    gold = [_Span(0, 10, "direct", None), _Span(12, 22, "direct", None)]
    pred = [_Span(5, 22, "direct", None), _Span(0, 9, "direct", None)]
    assert match_spans(gold, pred, 0.3) == {0: 1, 1: 0}


def test_missing_article_counts_as_missed_and_unknown_is_ignored(gold: list[dict[str, Any]]) -> None:
    s = score(gold, [_pred(gold[0]["quotes"], article_id="other")])
    assert s.overlap["0.3"].recall == 0.0
    assert s.n_pred == 0
    assert s.unknown_articles == ["other"]


def test_accepts_extraction_result_objects(gold: list[dict[str, Any]]) -> None:
    quotes = []
    for i, q in enumerate(gold[0]["quotes"]):
        quotes.append(
            Quote(
                quote_id=f"q{i}",
                article_id="a1",
                type=q["type"],
                text=q["text"],
                start=q["start"],
                end=q["end"],
                confidence=0.9,
                speaker=Speaker(
                    id=f"other-id-{i}",
                    name=q["speaker"]["name"].upper(),
                    kind=ActorKind(q["speaker"]["kind"]),
                    mention_kind=MentionKind.name,
                ),
            )
        )
    s = score(gold, [ExtractionResult(article_id="a1", quotes=quotes)])
    assert s.overlap["0.8"].f1 == 1.0
    assert s.speaker_accuracy == 1.0


@pytest.mark.parametrize(
    ("gold_spk", "pred_spk", "ok"),
    [
        ({"id": "a", "name": "Ada Morn"}, {"id": "zz", "name": "ada  morn"}, True),
        ({"id": "a", "name": "Ada Morn"}, {"id": "zz", "name": "Governor Ada Morn"}, True),
        ({"id": "a", "name": "Héloïse Marchadour"}, {"id": "zz", "name": "Heloise Marchadour"}, True),
        ({"id": "a", "name": "Ada Morn"}, {"id": "a", "name": "someone else"}, True),
        ({"id": "a", "name": "Ada Morn"}, {"id": "zz", "name": "Morn"}, False),
        ({"id": "a", "name": "Ada Morn"}, {"id": "zz", "name": "Ola Brandt"}, False),
        (
            {"id": "g", "name": "analysts", "kind": "group"},
            {"id": "z", "name": "Analysts", "kind": "group"},
            True,
        ),
        (
            {"id": "g", "name": "Veltrian officials", "kind": "group"},
            {"id": "z", "name": "officials", "kind": "group"},
            True,
        ),
        (
            {"id": "g", "name": "Veltrian officials", "kind": "group"},
            {"id": "z", "name": "officials", "kind": "person"},
            False,
        ),
        (
            {
                "id": "s",
                "name": "police spokesperson",
                "kind": "person",
                "unnamed": True,
                "affiliation": "City Police",
            },
            {"id": "z", "name": "the City Police", "kind": "organisation"},
            True,
        ),
        (
            {"id": "s", "name": "police spokesperson", "kind": "person", "unnamed": True},
            {"id": "z", "name": "a spokesperson", "kind": "person"},
            True,
        ),
    ],
)
def test_speaker_matching_rules(gold_spk: dict[str, Any], pred_spk: dict[str, Any], ok: bool) -> None:
    assert speaker_correct(gold_spk, pred_spk) is ok


def test_lenient_speaker_accepts_surname() -> None:
    assert speaker_correct({"id": "a", "name": "Ada Morn"}, {"id": "z", "name": "Morn"}, lenient=True)
    assert not speaker_correct({"id": "a", "name": "Ada Morn"}, {"id": "z", "name": "Brandt"}, lenient=True)


def test_normalise_name_strips_titles_and_possessives() -> None:
    assert normalise_name("Dr. Ifeoma Nwachukwu-Sandell") == "ifeoma nwachukwu sandell"
    assert normalise_name("The Prime Minister") == "minister"
    assert normalise_name("Corvenia's government") == "corvenia government"
    assert normalise_name(None) == ""


def test_json_and_text_rendering(gold: list[dict[str, Any]]) -> None:
    s = score(gold, [_pred(gold[0]["quotes"][:2])], keep_errors=True)
    d = json.loads(scores_json(s, errors=True))
    assert d["overlap"]["0.3"]["recall"] == pytest.approx(0.6667, abs=1e-4)
    assert d["by_type"]["indirect"]["n_gold"] == 2
    assert {e["kind"] for e in d["errors"]} == {"missed"}
    report = render_report(s)
    assert "overlap >= 0.3" in report and "By gold mention kind" in report
    assert "\x1b[" not in report  # no ANSI codes in logs


def test_load_gold_reads_jsonl(tmp_path: Any, gold: list[dict[str, Any]]) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in gold) + "\n\n", encoding="utf-8")
    assert load_gold(path) == gold


def test_run_quote_eval_with_a_stub_extractor(
    tmp_path: Any, gold: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI glue passes Articles in, accepts ExtractionResults out, and prints the report."""
    import io

    from stancewire.eval import cli_support

    class Stub:
        def extract_many(self, articles: list[Any]) -> list[ExtractionResult]:
            assert all(not hasattr(a, "quotes") for a in articles)
            return [ExtractionResult(article_id=a.id) for a in articles]

    monkeypatch.setattr(cli_support, "make_extractor", lambda model_name: Stub())
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(gold[0]) + "\n", encoding="utf-8")
    buf = io.StringIO()
    assert cli_support.run_quote_eval(path, json_out=True, out=buf) == 0
    assert json.loads(buf.getvalue())["overlap"]["0.3"]["recall"] == 0.0
    buf = io.StringIO()
    assert cli_support.run_quote_eval(path, out=buf) == 0
    assert "Quote evaluation: 1 articles, 3 gold quotes, 0 predicted" in buf.getvalue()
    assert cli_support.run_quote_eval(tmp_path / "missing.jsonl") == 2


def test_tight_prediction_wins_tie_so_long_one_can_match_the_other_quote() -> None:
    """A long prediction over two gold quotes plus an exact one for the second: both gold match."""
    text = "He said tickets go on sale on Friday and predicted a sell-out within minutes."
    a = _q(text, "tickets go on sale on Friday", "indirect", "Harlow Live")
    b = _q(text, "a sell-out within minutes", "indirect", "Harlow Live")
    long_pred = {**a, "end": b["end"]}
    s = score(
        [{"id": "x", "text": text, "quotes": [a, b]}], [{"article_id": "x", "quotes": [long_pred, dict(b)]}]
    )
    assert s.overlap["0.3"].tp == 2


def test_normalise_name_drops_quoted_nicknames_and_job_titles() -> None:
    assert normalise_name("Marisol “Mari” Quintanilla-Adeyemi") == "marisol quintanilla adeyemi"
    assert normalise_name("Guitarist Benedikt Foss-Achebe") == "benedikt foss achebe"
    assert normalise_name("Senior Coroner Margarethe Oyelaran-Voss") == "margarethe oyelaran voss"
