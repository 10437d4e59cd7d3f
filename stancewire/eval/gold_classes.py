"""Gold-set scores broken down by the attribution classes of issue 15 (``stancewire eval --by-class``).

The standard report (:mod:`stancewire.eval.quotes_eval`) breaks scores down by quote type and
mention kind. The classes that real article bodies are full of cut across those, so each gold
quote is also put in the classes below, derived from its annotation (no extra markup):

* ``definite-description``: a named person referred to by a role noun or description
  (mention kind ``role``, speaker a person who is not unnamed: "the 52-year-old", "the minister").
* ``pronoun-across-paragraphs``: a pronoun mention whose paragraph does not contain the
  speaker's surname (the antecedent is in an earlier paragraph).
* ``floating``: a quote with no cue of its own.
* ``organisation-or-document``: the speaker is an organisation or government (statements,
  reports, complaints, studies, acronyms).
* ``group``: an unnamed group ("analysts", "county staff").
* ``cue:<class>``: the cue class of the gold cue (:mod:`stancewire.eval.cue_classes`); floating
  quotes and continuation paragraphs have no cue and are left out of these rows.
* ``scraped-page``: every quote of an article marked ``metadata.scraped`` (noise lines, bylines,
  credits in the body).

Per class: recall at 0.3 and 0.8 and speaker accuracy, with the same one-to-one matching and
speaker rules as the main scorer, computed once over all quotes (not by re-scoring subsets, so
a class cannot borrow a prediction that the full matching gave to another quote). Precision has
no meaning per gold class; instead the report counts *noise hits*: predicted quotes or speaker
mentions that overlap a noise span found by :func:`stancewire.nlp.noise.noise_spans` (a byline
quoted, a photo credit as speaker), which should be zero.
"""

from __future__ import annotations

import io
import json
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from stancewire.eval.cue_classes import cue_class
from stancewire.eval.quotes_eval import load_gold, match_spans, render_report, score, speaker_correct
from stancewire.schemas import ExtractionResult

CLASSES: tuple[str, ...] = (
    "definite-description",
    "pronoun-across-paragraphs",
    "floating",
    "organisation-or-document",
    "group",
    "cue:speech",
    "cue:belief-intention",
    "cue:evaluation",
    "cue:according-to",
    "cue:nominal",
    "cue:other",
    "scraped-page",
)


@dataclass(frozen=True)
class _S:
    start: int
    end: int


def _paragraph(text: str, offset: int) -> str:
    start = text.rfind("\n\n", 0, offset)
    end = text.find("\n\n", offset)
    return text[0 if start < 0 else start + 2 : len(text) if end < 0 else end]


def _cue_in_context(text: str, quote: Mapping[str, Any]) -> str:
    """The gold cue with the word before it ("Morn's claim", "its plan"), so a noun cue is told
    from a verb: the gold stores the cue text alone and "claim" or "plan" could be either."""
    cue = str(quote["cue"])
    para_start = text.rfind("\n\n", 0, int(quote["start"]))
    para_start = 0 if para_start < 0 else para_start + 2
    para_end = text.find("\n\n", int(quote["start"]))
    para = text[para_start : len(text) if para_end < 0 else para_end]
    rel = int(quote["start"]) - para_start
    at = para.rfind(cue, 0, rel)
    if at < 0:
        at = para.find(cue)
    if at < 0:
        return cue
    before = para[:at].split()
    return f"{before[-1]} {cue}" if before else cue


def quote_classes(article: Mapping[str, Any], quote: Mapping[str, Any]) -> list[str]:
    """The classes (module docstring) of one gold quote of ``article``."""
    out: list[str] = []
    spk = quote.get("speaker") or {}
    kind, mk = spk.get("kind"), quote.get("mention_kind")
    if mk == "role" and kind == "person" and not spk.get("unnamed"):
        out.append("definite-description")
    if mk == "pronoun" and quote.get("mention_start") is not None:
        surname = (spk.get("name") or "").split()[-1:] or [""]
        para = _paragraph(article["text"], int(quote["mention_start"])).casefold()
        if surname[0] and surname[0].casefold() not in para:
            out.append("pronoun-across-paragraphs")
    if quote.get("type") == "floating":
        out.append("floating")
    if kind in ("organisation", "government"):
        out.append("organisation-or-document")
    if kind == "group":
        out.append("group")
    if quote.get("cue"):
        out.append(f"cue:{cue_class(_cue_in_context(article['text'], quote))}")
    if (article.get("metadata") or {}).get("scraped"):
        out.append("scraped-page")
    return out


@dataclass
class ClassRow:
    n_gold: int = 0
    matched: dict[str, int] = field(default_factory=lambda: {"0.3": 0, "0.8": 0})
    speaker_ok: int = 0

    def to_dict(self) -> dict[str, Any]:
        m = self.matched["0.3"]
        return {
            "n_gold": self.n_gold,
            "recall@0.3": round(m / self.n_gold, 4) if self.n_gold else 0.0,
            "recall@0.8": round(self.matched["0.8"] / self.n_gold, 4) if self.n_gold else 0.0,
            "speaker_correct": self.speaker_ok,
            "speaker_accuracy": round(self.speaker_ok / m, 4) if m else 0.0,
        }


@dataclass
class ClassScores:
    rows: dict[str, ClassRow] = field(default_factory=lambda: {c: ClassRow() for c in CLASSES})
    noise_quotes: list[dict[str, Any]] = field(default_factory=list)  # predicted quotes on noise
    noise_speakers: list[dict[str, Any]] = field(default_factory=list)  # speaker mentions on noise

    def to_dict(self) -> dict[str, Any]:
        return {
            "by_class": {c: r.to_dict() for c, r in self.rows.items()},
            "noise_hits": {"quotes": self.noise_quotes, "speaker_mentions": self.noise_speakers},
        }


def _mapping(obj: Any) -> Mapping[str, Any]:
    return obj if isinstance(obj, Mapping) else obj.model_dump(mode="json")


def score_classes(
    gold: Sequence[Mapping[str, Any]], predicted: Iterable[ExtractionResult | Mapping[str, Any]]
) -> ClassScores:
    """Per-class recall and speaker accuracy, and the predictions that touch noise lines."""
    from stancewire.nlp.noise import noise_spans  # pure module; imported here to keep this one light

    preds: dict[str, list[Mapping[str, Any]]] = {}
    for res in predicted:
        r = _mapping(res)
        preds.setdefault(str(r.get("article_id")), []).extend(_mapping(q) for q in r.get("quotes") or [])
    s = ClassScores()
    for article in gold:
        aid, text = str(article["id"]), article["text"]
        quotes = article.get("quotes", [])
        p = preds.get(aid, [])
        g_spans = [_S(int(q["start"]), int(q["end"])) for q in quotes]
        p_spans = [_S(int(q["start"]), int(q["end"])) for q in p]
        m03 = match_spans(g_spans, p_spans, 0.3)  # type: ignore[arg-type]  # only start/end are read
        m08 = match_spans(g_spans, p_spans, 0.8)  # type: ignore[arg-type]
        for gi, q in enumerate(quotes):
            ok = gi in m03 and speaker_correct(q.get("speaker") or {}, p[m03[gi]].get("speaker"))
            for c in quote_classes(article, q):
                row = s.rows[c]
                row.n_gold += 1
                row.matched["0.3"] += gi in m03
                row.matched["0.8"] += gi in m08
                row.speaker_ok += ok
        noise = [(n.start, n.end) for n in noise_spans(text)]
        for q in p:
            spk = q.get("speaker") or {}
            if any(q["start"] < b and a < q["end"] for a, b in noise):
                s.noise_quotes.append({"article_id": aid, "text": q.get("text")})
            ms, me = spk.get("mention_start"), spk.get("mention_end")
            if ms is not None and me is not None and any(ms < b and a < me for a, b in noise):
                s.noise_speakers.append({"article_id": aid, "mention": text[ms:me], "name": spk.get("name")})
    return s


def render_classes(s: ClassScores, width: int = 110) -> str:
    from rich.console import Console
    from rich.table import Table

    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=False, color_system=None)
    t = Table(title="By attribution class (issue 15)", title_justify="left")
    for col in ("class", "gold", "R@0.3", "R@0.8", "spk acc", "spk ok/matched"):
        t.add_column(col, justify="left" if col == "class" else "right")
    for name, r in s.rows.items():
        d = r.to_dict()
        t.add_row(
            name,
            str(r.n_gold),
            f"{100 * d['recall@0.3']:.1f}",
            f"{100 * d['recall@0.8']:.1f}",
            f"{100 * d['speaker_accuracy']:.1f}",
            f"{r.speaker_ok}/{r.matched['0.3']}",
        )
    console.print(t)
    console.print(
        f"Noise hits: {len(s.noise_quotes)} predicted quotes and {len(s.noise_speakers)} speaker mentions "
        "overlap a scraper-noise line"
    )
    for h in s.noise_speakers:
        console.print(f"  speaker from noise in {h['article_id']}: {h['mention']!r} -> {h['name']!r}")
    for h in s.noise_quotes:
        console.print(f"  quote on noise in {h['article_id']}: {str(h['text'])[:70]!r}")
    return buf.getvalue()


def run_class_eval(
    gold_path: str | Path,
    model_name: str | None = None,
    json_out: bool = False,
    out: TextIO | None = None,
    *,
    mask_noise: bool = False,
) -> int:
    """Extract the gold articles once; print the standard report and the class breakdown.

    ``mask_noise`` blanks scraper noise (:func:`stancewire.nlp.noise.mask_noise`) in the texts
    the extractor sees; offsets do not move, so the gold spans still apply.
    """
    from stancewire.eval.cli_support import gold_articles, make_extractor

    stream = out or sys.stdout
    try:
        gold = load_gold(gold_path)
    except (OSError, ValueError) as exc:
        print(f"error: cannot read gold file {gold_path}: {exc}", file=sys.stderr)
        return 2
    try:
        extractor = make_extractor(model_name)
    except Exception as exc:  # missing model, bad name: report, don't crash
        print(f"error: cannot load the extractor: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    articles = gold_articles(gold)
    if mask_noise:
        from stancewire.nlp.noise import mask_noise as mask

        articles = [a.model_copy(update={"text": mask(a.text)}) for a in articles]
    t0 = time.perf_counter()
    results = list(extractor.extract_many(articles))
    elapsed = time.perf_counter() - t0
    main, classes = score(gold, results), score_classes(gold, results)
    if json_out:
        print(json.dumps({**main.to_dict(), **classes.to_dict()}, indent=2, ensure_ascii=False), file=stream)
    else:
        print(render_report(main), file=stream, end="")
        print(render_classes(classes), file=stream, end="")
        masked = ", noise masked" if mask_noise else ""
        print(f"Extraction: {len(articles)} articles in {elapsed:.1f}s ({gold_path}{masked})", file=stream)
    return 0


__all__ = ["CLASSES", "ClassScores", "quote_classes", "render_classes", "run_class_eval", "score_classes"]
