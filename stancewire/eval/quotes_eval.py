"""Score quote extraction and speaker attribution against a gold set.

Pure Python (no Kafka/Faust, no spaCy) so it runs anywhere the gold file does: in unit tests,
in the ``stancewire eval`` command and in notebooks. The gold format is the one written by
``scripts/build_gold.py`` (``tests/data/gold/quotes.jsonl``; conventions in that folder's
README); predictions are :class:`~stancewire.schemas.ExtractionResult` objects or plain dicts of
the same shape.

Metrics, and why each exists:

* **Span P/R/F1 at overlap thresholds 0.3 and 0.8 of the gold span.** A predicted quote
  matches a gold quote when ``overlap_chars / gold_len >= threshold``; matching is one-to-one
  and greedy by overlap within each article. Annotators disagree on span edges (a trailing
  adjunct, a complementiser), so 0.3 asks "did you find this statement?" and 0.8 asks "did you
  get roughly its extent?". Precision uses the same matching, so a prediction that covers two
  gold quotes counts once and the spare gold quote is a miss.
* **Exact-span F1**, reported twice: ``strict`` (identical offsets) and ``trimmed`` (identical
  after trimming whitespace, punctuation and quotation marks at both ends of both spans, so
  ``We will win,`` equals ``We will win`` and a span that includes its quote marks equals one
  that does not — those differences are conventions, not errors).
* **Speaker accuracy** on the quotes matched at 0.3: the predicted speaker is right when the ids
  are equal, or the canonical names are equal after normalisation (casefold, accents folded,
  possessives/punctuation removed, leading titles and determiners stripped, whitespace
  collapsed), or the prediction names the organisation an unnamed spokesperson speaks for
  (gold ``affiliation``). For unnamed gold speakers (groups such as "analysts", unnamed
  individuals such as "a police spokesperson") the normalised phrase must match or the head
  nouns must match (for a group the predicted kind must also be ``group``). ``lenient``
  accuracy additionally accepts a surname-only or subset name ("Morn" for "Ada Morn").
* **Attribution F1**: span match at 0.3 *and* correct speaker, the end-to-end number.
* Breakdowns by gold quote type and gold mention kind (recall at both thresholds, speaker
  accuracy) and precision by predicted type, because the extractor's weak spots (floating
  quotes, pronoun and role mentions) are invisible in the totals.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stancewire.schemas import ExtractionResult

THRESHOLDS: tuple[float, ...] = (0.3, 0.8)
SPEAKER_THRESHOLD = 0.3
QUOTE_TYPES: tuple[str, ...] = ("direct", "indirect", "mixed", "floating")
MENTION_KINDS: tuple[str, ...] = ("name", "pronoun", "role", "organisation", "floating")

# Characters trimmed from both ends of a span for the "trimmed" exact match.
_TRIM = " \t\r\n.,;:!?-–—…\"'“”‘’«»„‚‹›()[]"

# Leading tokens dropped from speaker names before comparison. Only *leading* runs are
# stripped, and never the whole name, so "Foreign Ministry" keeps its words.
# fmt: off
_TITLES = frozenset(
    {
        "the", "a", "an", "mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "prof", "professor", "sir",
        "dame", "lord", "lady", "rev", "reverend", "president", "vice", "prime", "minister", "deputy",
        "chancellor", "governor", "senator", "sen", "rep", "representative", "judge", "justice",
        "chief", "executive", "ceo", "coach", "manager", "mayor", "councillor", "cllr", "secretary",
        "general", "gen", "colonel", "col", "captain", "capt", "sgt", "sergeant", "officer",
        "inspector", "detective", "det", "father", "sheikh", "king", "queen", "prince", "princess",
        "ambassador", "commissioner", "director", "chair", "chairman", "chairwoman", "chairperson",
        "spokesperson", "spokesman", "spokeswoman", "speaker", "mp", "senior", "coroner",
        "prosecutor", "lawyer", "barrister", "attorney", "guitarist", "singer", "promoter",
        "headteacher", "meteorologist", "forecaster", "economist", "analyst", "striker",
        "midfielder", "goalkeeper", "defender", "nurse", "councilor", "alderman", "sheriff",
    }
)
# fmt: on
_PREPOSITIONS = frozenset({"in", "of", "at", "from", "for", "with", "on", "to", "by"})


# --------------------------------------------------------------------------- loading


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Read the gold JSONL (one article per line)."""
    with Path(path).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    type: str
    speaker: Mapping[str, Any] | None
    mention_kind: str | None = None


def _as_mapping(obj: Any) -> Mapping[str, Any]:
    if isinstance(obj, Mapping):
        return obj
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    raise TypeError(f"cannot read a prediction from {type(obj).__name__}")


def _pred_by_article(predicted: Iterable[ExtractionResult | Mapping[str, Any]]) -> dict[str, list[_Span]]:
    """Index predictions by article id; repeated results for one article are concatenated."""
    out: dict[str, list[_Span]] = {}
    for result in predicted:
        res = _as_mapping(result)
        article_id = str(res.get("article_id", res.get("id", "")))
        spans = out.setdefault(article_id, [])
        for q in res.get("quotes") or []:
            qm = _as_mapping(q)
            speaker = qm.get("speaker")
            spans.append(
                _Span(
                    start=int(qm["start"]),
                    end=int(qm["end"]),
                    type=str(qm.get("type") or "direct"),
                    speaker=_as_mapping(speaker) if speaker is not None else None,
                )
            )
    return out


def _gold_spans(article: Mapping[str, Any]) -> list[_Span]:
    return [
        _Span(int(q["start"]), int(q["end"]), q["type"], q["speaker"], q.get("mention_kind") or "floating")
        for q in article.get("quotes", [])
    ]


# --------------------------------------------------------------------------- matching


def _overlap(a: _Span, b: _Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def match_spans(gold: Sequence[_Span], pred: Sequence[_Span], threshold: float) -> dict[int, int]:
    """One-to-one greedy matching by overlap; returns {gold index: pred index}.

    Candidate pairs need ``overlap / gold_len >= threshold``; they are taken in order of
    decreasing gold coverage (overlap / gold_len), then decreasing prediction precision
    (overlap / pred_len), then absolute overlap, then position. The second key matters: when a
    long prediction spans two gold quotes and a tight prediction covers one of them exactly,
    both cover that gold quote fully, and the tight one must win so the long one stays free
    for the other gold quote. Deterministic for equal inputs.
    """
    pairs: list[tuple[float, float, int, int, int]] = []
    for gi, g in enumerate(gold):
        glen = max(1, g.end - g.start)
        for pi, p in enumerate(pred):
            ov = _overlap(g, p)
            if ov and ov / glen >= threshold:
                pairs.append((-ov / glen, -ov / max(1, p.end - p.start), -ov, gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: dict[int, int] = {}
    for *_, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out[gi] = pi
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _exact_matches(gold: Sequence[_Span], pred: Sequence[_Span], text: str | None, trimmed: bool) -> int:
    def key(s: _Span) -> tuple[int, int]:
        return _trim(text, s.start, s.end) if trimmed and text is not None else (s.start, s.end)

    pred_keys: dict[tuple[int, int], int] = {}
    for p in pred:
        k = key(p)
        pred_keys[k] = pred_keys.get(k, 0) + 1
    tp = 0
    for g in gold:
        k = key(g)
        if pred_keys.get(k, 0) > 0:
            pred_keys[k] -= 1
            tp += 1
    return tp


# --------------------------------------------------------------------------- speakers


def normalise_name(name: str | None) -> str:
    """Casefold, fold accents, drop possessives/punctuation and leading titles, collapse spaces."""
    if not name:
        return ""
    # Nicknames in quotes ("Marisol “Mari” Quintanilla") are not part of the canonical name.
    s = re.sub(r"[“\"‘«„][^”\"’»“]{1,40}[”\"’»“]", " ", name)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"['’]s\b", "", s)
    s = re.sub(r"[^\w\s]", " ", s)
    tokens = s.split()
    i = 0
    while i < len(tokens) - 1 and tokens[i] in _TITLES:
        i += 1
    return " ".join(tokens[i:])


def _head(phrase: str) -> str:
    """Crude head noun of a normalised phrase: last word before a preposition, singularised."""
    tokens = phrase.split()
    for i, tok in enumerate(tokens):
        if tok in _PREPOSITIONS and i > 0:
            tokens = tokens[:i]
            break
    if not tokens:
        return ""
    head = tokens[-1]
    if head.endswith("ies") and len(head) > 4:
        head = head[:-3] + "y"
    elif head.endswith("s") and not head.endswith("ss") and len(head) > 3:
        head = head[:-1]
    return head


def speaker_correct(gold: Mapping[str, Any], pred: Mapping[str, Any] | None, lenient: bool = False) -> bool:
    """Whether a predicted speaker names the gold speaker (rules in the module docstring)."""
    if not pred:
        return False
    if gold.get("id") and pred.get("id") and str(gold["id"]) == str(pred["id"]):
        return True
    g_name = normalise_name(gold.get("name"))
    p_name = normalise_name(pred.get("name"))
    if not p_name:
        return False
    if p_name == g_name:
        return True
    affiliation = normalise_name(gold.get("affiliation"))
    if affiliation and p_name == affiliation:
        return True
    unnamed = bool(gold.get("unnamed")) or gold.get("kind") == "group"
    if unnamed:
        if _head(p_name) and _head(p_name) == _head(g_name):
            return gold.get("kind") != "group" or str(pred.get("kind", "")) == "group"
        return False
    if lenient:
        g_tokens, p_tokens = set(g_name.split()), set(p_name.split())
        return p_tokens <= g_tokens or g_tokens <= p_tokens or g_name.split()[-1] == p_name.split()[-1]
    return False


# --------------------------------------------------------------------------- scores


@dataclass
class PRF:
    """Precision/recall/F1 with the counts they came from."""

    tp: int = 0
    n_gold: int = 0
    n_pred: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Bucket:
    """Recall and speaker accuracy for one slice of the gold quotes (a type or mention kind)."""

    n_gold: int = 0
    matched: dict[str, int] = field(default_factory=lambda: {str(t): 0 for t in THRESHOLDS})
    speaker_correct: int = 0

    def recall(self, threshold: float) -> float:
        return self.matched[str(threshold)] / self.n_gold if self.n_gold else 0.0

    @property
    def speaker_accuracy(self) -> float:
        m = self.matched[str(SPEAKER_THRESHOLD)]
        return self.speaker_correct / m if m else 0.0

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"n_gold": self.n_gold}
        for t in THRESHOLDS:
            d[f"recall@{t}"] = round(self.recall(t), 4)
        d["matched@0.3"] = self.matched[str(SPEAKER_THRESHOLD)]
        d["speaker_correct"] = self.speaker_correct
        d["speaker_accuracy"] = round(self.speaker_accuracy, 4)
        return d


@dataclass
class QuoteScores:
    """Everything :func:`score` computes; ``to_dict()`` for JSON, ``report()`` for humans."""

    n_articles: int = 0
    n_gold: int = 0
    n_pred: int = 0
    overlap: dict[str, PRF] = field(default_factory=dict)  # by threshold, as "0.3"
    exact_strict: PRF = field(default_factory=PRF)
    exact_trimmed: PRF = field(default_factory=PRF)
    speaker_matched: int = 0
    speaker_correct: int = 0
    speaker_correct_lenient: int = 0
    attribution: PRF = field(default_factory=PRF)
    by_type: dict[str, Bucket] = field(default_factory=dict)
    by_mention_kind: dict[str, Bucket] = field(default_factory=dict)
    pred_by_type: dict[str, PRF] = field(default_factory=dict)
    unknown_articles: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_correct / self.speaker_matched if self.speaker_matched else 0.0

    @property
    def speaker_accuracy_lenient(self) -> float:
        return self.speaker_correct_lenient / self.speaker_matched if self.speaker_matched else 0.0

    def to_dict(self, errors: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "n_articles": self.n_articles,
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
            "overlap": {t: prf.to_dict() for t, prf in self.overlap.items()},
            "exact_strict": self.exact_strict.to_dict(),
            "exact_trimmed": self.exact_trimmed.to_dict(),
            "speaker": {
                "matched@0.3": self.speaker_matched,
                "correct": self.speaker_correct,
                "accuracy": round(self.speaker_accuracy, 4),
                "correct_lenient": self.speaker_correct_lenient,
                "accuracy_lenient": round(self.speaker_accuracy_lenient, 4),
            },
            "attribution@0.3": self.attribution.to_dict(),
            "by_type": {k: b.to_dict() for k, b in self.by_type.items()},
            "by_mention_kind": {k: b.to_dict() for k, b in self.by_mention_kind.items()},
            "precision_by_pred_type": {
                k: {"n_pred": p.n_pred, "tp@0.3": p.tp, "precision@0.3": round(p.precision, 4)}
                for k, p in self.pred_by_type.items()
            },
            "unknown_articles": self.unknown_articles,
        }
        if errors:
            d["errors"] = self.errors
        return d

    def report(self, width: int = 110) -> str:
        """A plain-text rendering of the score tables (rich tables, no colour codes)."""
        return render_report(self, width=width)


def score(
    gold: Sequence[Mapping[str, Any]],
    predicted: Iterable[ExtractionResult | Mapping[str, Any]],
    keep_errors: bool = False,
) -> QuoteScores:
    """Score predictions against gold articles (see the module docstring for the metrics).

    Gold articles without a prediction count as fully missed; predictions for articles that
    are not in the gold set are ignored and listed in ``unknown_articles``. With
    ``keep_errors`` every miss, spurious prediction and wrong speaker is recorded (for
    debugging an extractor; not needed for the numbers).
    """
    preds = _pred_by_article(predicted)
    gold_ids = {str(a["id"]) for a in gold}
    s = QuoteScores(n_articles=len(gold))
    s.unknown_articles = sorted(set(preds) - gold_ids)
    s.overlap = {str(t): PRF() for t in THRESHOLDS}
    s.by_type = {t: Bucket() for t in QUOTE_TYPES}
    s.by_mention_kind = {k: Bucket() for k in MENTION_KINDS}

    for article in gold:
        aid = str(article["id"])
        text: str | None = article.get("text")
        g_spans = _gold_spans(article)
        p_spans = preds.get(aid, [])
        s.n_gold += len(g_spans)
        s.n_pred += len(p_spans)
        s.exact_strict.tp += _exact_matches(g_spans, p_spans, text, trimmed=False)
        s.exact_trimmed.tp += _exact_matches(g_spans, p_spans, text, trimmed=True)
        for g in g_spans:
            s.by_type.setdefault(g.type, Bucket()).n_gold += 1
            s.by_mention_kind.setdefault(g.mention_kind or "floating", Bucket()).n_gold += 1
        for p in p_spans:
            s.pred_by_type.setdefault(p.type, PRF()).n_pred += 1

        matches: dict[float, dict[int, int]] = {}
        for t in THRESHOLDS:
            m = match_spans(g_spans, p_spans, t)
            matches[t] = m
            s.overlap[str(t)].tp += len(m)
            for gi in m:
                g = g_spans[gi]
                s.by_type[g.type].matched[str(t)] += 1
                s.by_mention_kind[g.mention_kind or "floating"].matched[str(t)] += 1

        m = matches[SPEAKER_THRESHOLD]
        for gi, pi in m.items():
            g, p = g_spans[gi], p_spans[pi]
            gold_speaker = g.speaker or {}
            s.pred_by_type[p.type].tp += 1
            s.speaker_matched += 1
            ok = speaker_correct(gold_speaker, p.speaker)
            if ok:
                s.speaker_correct += 1
                s.by_type[g.type].speaker_correct += 1
                s.by_mention_kind[g.mention_kind or "floating"].speaker_correct += 1
            if ok or speaker_correct(gold_speaker, p.speaker, lenient=True):
                s.speaker_correct_lenient += 1
            if ok:
                s.attribution.tp += 1
            elif keep_errors:
                s.errors.append(
                    _error(
                        "wrong_speaker",
                        aid,
                        text,
                        g,
                        gold=gold_speaker.get("name"),
                        predicted=(p.speaker or {}).get("name"),
                    )
                )
        if keep_errors:
            for gi, g in enumerate(g_spans):
                if gi not in m:
                    s.errors.append(_error("missed", aid, text, g, gold=(g.speaker or {}).get("name")))
            matched_p = set(m.values())
            for pi, p in enumerate(p_spans):
                if pi not in matched_p:
                    s.errors.append(_error("spurious", aid, text, p, predicted=(p.speaker or {}).get("name")))

    for prf in (*s.overlap.values(), s.exact_strict, s.exact_trimmed, s.attribution):
        prf.n_gold, prf.n_pred = s.n_gold, s.n_pred
    return s


def _error(kind: str, aid: str, text: str | None, span: _Span, **extra: Any) -> dict[str, Any]:
    return {
        "kind": kind,
        "article_id": aid,
        "type": span.type,
        "mention_kind": span.mention_kind,
        "start": span.start,
        "end": span.end,
        "text": text[span.start : span.end] if text else None,
        **extra,
    }


# --------------------------------------------------------------------------- rendering


def render_report(s: QuoteScores, width: int = 110) -> str:
    """Render the scores as rich tables into a string (no ANSI codes, safe for logs and CI)."""
    from rich.console import Console
    from rich.table import Table

    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=False, color_system=None)

    def pct(x: float) -> str:
        return f"{100 * x:.1f}"

    console.print(f"Quote evaluation: {s.n_articles} articles, {s.n_gold} gold quotes, {s.n_pred} predicted")
    spans = Table(title="Quote spans", title_justify="left")
    for col in ("metric", "P", "R", "F1", "tp"):
        spans.add_column(col, justify="left" if col == "metric" else "right")
    rows: list[tuple[str, PRF]] = [(f"overlap >= {t}", prf) for t, prf in s.overlap.items()]
    rows += [("exact (trimmed)", s.exact_trimmed), ("exact (strict)", s.exact_strict)]
    rows += [("attribution @0.3", s.attribution)]
    for name, prf in rows:
        spans.add_row(name, pct(prf.precision), pct(prf.recall), pct(prf.f1), str(prf.tp))
    console.print(spans)
    console.print(
        f"Speaker accuracy on {s.speaker_matched} quotes matched at {SPEAKER_THRESHOLD}: "
        f"{pct(s.speaker_accuracy)}% (lenient, surname/subset names: {pct(s.speaker_accuracy_lenient)}%)"
    )

    def bucket_table(title: str, buckets: Mapping[str, Bucket]) -> Table:
        t = Table(title=title, title_justify="left")
        for col in ("bucket", "gold", *(f"R@{th}" for th in THRESHOLDS), "spk acc", "spk ok/matched"):
            t.add_column(col, justify="left" if col == "bucket" else "right")
        for name, b in buckets.items():
            t.add_row(
                name,
                str(b.n_gold),
                *(pct(b.recall(th)) for th in THRESHOLDS),
                pct(b.speaker_accuracy),
                f"{b.speaker_correct}/{b.matched[str(SPEAKER_THRESHOLD)]}",
            )
        return t

    console.print(bucket_table("By gold quote type", s.by_type))
    console.print(bucket_table("By gold mention kind", s.by_mention_kind))
    prec = Table(title="Precision by predicted type (@0.3)", title_justify="left")
    for col in ("type", "pred", "tp", "P"):
        prec.add_column(col, justify="left" if col == "type" else "right")
    for name, p in sorted(s.pred_by_type.items()):
        prec.add_row(name, str(p.n_pred), str(p.tp), pct(p.precision))
    console.print(prec)
    if s.unknown_articles:
        console.print(f"Ignored predictions for {len(s.unknown_articles)} articles not in the gold set.")
    return buf.getvalue()


def scores_json(s: QuoteScores, errors: bool = False) -> str:
    """The JSON rendering (stable key order) used by ``stancewire eval --json``."""
    return json.dumps(s.to_dict(errors=errors), indent=2, ensure_ascii=False)


__all__ = [
    "PRF",
    "THRESHOLDS",
    "Bucket",
    "QuoteScores",
    "load_gold",
    "match_spans",
    "normalise_name",
    "render_report",
    "score",
    "scores_json",
    "speaker_correct",
]
