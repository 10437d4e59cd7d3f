"""Score quote extraction and speaker attribution against PolNeAR (real annotated US political news).

PolNeAR (Newell, Margolin and Ruths, "An Attribution Relations Corpus for Political News",
LREC 2018) annotates every attribution in 1,028 news articles from 2016: Source (who), Cue
(through which words) and Content (what was said, written, believed, wanted). The training
split is kept outside the repository (``../shared/corpora/polnear-train/``, see its README);
this module reads it at run time and never copies it. Pure Python (no spaCy): loading, the
split, matching and scores; :mod:`stancewire.eval.polnear_run` runs the extractor.

See :mod:`stancewire.eval.polnear_corpus` for the corpus layout and the fixed dev/holdout split.

**How an extracted quote maps to a PolNeAR Content span.** One PolNeAR attribution has one
Cue and one Content, whose fragments may be discontinuous (``“A,” he said. “B.”`` is one
attribution with two fragments). Our extractor emits one quote per fragment, each with the
same cue. So predicted quotes that share a cue span (same ``cue.start``/``cue.end``) and a
speaker are merged into one *predicted attribution* whose fragments are their ``[start, end)``
spans; quotes without a cue (floating quotes, continuation paragraphs) stay single. Our
``text`` is compared with the Content as character spans of the article text:

* *overlap@t*: a predicted attribution matches a gold one when the characters they share
  cover at least ``t`` of the gold Content's characters (0.3, 0.5, 0.8); one-to-one greedy
  matching per article, pairs taken in order of decreasing Jaccard overlap (shared characters
  over the union), then gold coverage. Not gold coverage first as in
  :func:`stancewire.eval.quotes_eval.match_spans`: PolNeAR also annotates attributions nested
  inside a quote ("I think ..." inside a long quote), which our quote covers completely; by
  coverage the short nested one would take our quote and leave the outer attribution a miss.
  Jaccard pairs each prediction with the gold span of its own extent, and still lets a tight
  prediction win over a long one. PolNeAR Content of a direct quote usually includes the
  quote marks, ours excludes them; with a threshold that costs nothing.
* *exact*: both sets of fragments are equal after trimming whitespace, punctuation and
  quotation marks at both ends of every fragment (so ``“We will win,”`` equals ``We will
  win``; the marks and the comma are conventions, not content).
* *speaker right* (source-span hit), on gold attributions with a Source matched at 0.3: our
  speaker mention overlaps a gold Source fragment, or any mention of the actor we resolved
  the speaker to anywhere in the article does (the extractor named the right actor through
  another mention: "Clinton ... she said" with gold Source "she" or "Clinton"). A first-person
  gold Source inside another attribution's Content ("I" in a quote) also accepts the Source of
  that enclosing attribution: whoever says the quote is "I". A relative-pronoun Source ("Rep.
  Ada Morn, who endorsed …") accepts a mention of its antecedent, the phrase ending right before
  it. For a gold
  attribution with no Source the speaker is right only when we gave no speaker; that row is
  reported apart and left out of the headline rate.
* *speaker right, strict*: as above, and the actor we resolved to is one the article names: the
  last word of its id (``person:ada-morn`` -> ``morn``) occurs in a gold Source of kind name or
  organisation somewhere in the article, or in a name inside a description Source ("pollster
  Frank Luntz", "The party chairman, Kelly Armstrong,", "The Post's Ruth Marcus"), spelled as
  ids spell it (accents folded, a possessive dropped, split at hyphens and apostrophes:
  "García's" names ``garcia``); or the attribution's own Source is one of the registry actor's
  aliases ("the White House" for ``gov:usa``); or, for a first-person Source ("I find his
  message chilling"), the writer the byline (``metadata.tsv``'s author) names, when it names
  exactly one person. Groups pass; ``unknown:`` actors pass only for an indefinite gold Source
  such as "a Chinese official" or "someone", which names nobody. A relative-pronoun Source
  matched through its antecedent is judged as that antecedent would be: "a party official, who
  asked not to be named" is indefinite, and "Ada Morn, who endorsed" names Ada Morn
  (:func:`speaker_verdict`). The lenient rate cannot see the error issue 15 names first: "the
  Ohio Democrat said" with our speaker "Ohio Democrat" hits the gold Source span. PolNeAR has no
  coreference, so a pronoun resolved to the wrong named person still passes both.

Breakdowns: by cue class of the gold cue (recall) and of our cue text (precision), see
:mod:`stancewire.eval.cue_classes`; speaker accuracy by the kind of gold Source mention
(:func:`source_kind`: name, pronoun, role noun/definite description, organisation, none);
recall by whether the gold Content contains quotation marks (quoted vs. unquoted).
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from stancewire.eval.cue_classes import CUE_CLASSES, cue_class
from stancewire.eval.polnear_corpus import (
    DETERMINERS,
    POSSESSIVE,
    SOURCE_KINDS,
    SOURCE_TOKEN,
    TITLE_WORDS,
    CorpusArticle,
    Frag,
    GoldAttribution,
    frags_length,
)
from stancewire.eval.quotes_eval import PRF
from stancewire.nlp.bylines import byline_names
from stancewire.nlp.registry import default_registry, normalise

THRESHOLDS: tuple[float, ...] = (0.3, 0.5, 0.8)
SPEAKER_THRESHOLD = 0.3
_TRIM = " \t\r\n.,;:!?-–—…\"'“”‘’«»„‚‹›()[]"
_QUOTE_MARKS = '“”"«»„'


# --------------------------------------------------------------------------- predictions


@dataclass(frozen=True)
class PredAttribution:
    """One predicted attribution: our quotes sharing a cue, merged (see the module docstring)."""

    frags: tuple[Frag, ...]
    cue: str | None = None
    speaker_id: str | None = None
    speaker_mention: Frag | None = None


def predictions_from_quotes(quotes: Iterable[Mapping[str, Any] | Any]) -> list[PredAttribution]:
    """Merge an article's extracted quotes (``Quote`` models or dicts) into predicted attributions."""
    groups: dict[tuple[Any, ...], list[Mapping[str, Any]]] = {}
    order: list[tuple[Any, ...]] = []
    for i, q in enumerate(quotes):
        qm = q if isinstance(q, Mapping) else q.model_dump(mode="json")
        cue = qm.get("cue") or None
        spk = qm.get("speaker") or None
        spk_id = spk.get("id") if spk else None
        key: tuple[Any, ...] = ("cue", cue["start"], cue["end"], spk_id) if cue else ("single", i)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(qm)
    out = []
    for key in order:
        qs = groups[key]
        first = qs[0]
        cue = first.get("cue") or None
        spk = first.get("speaker") or None
        mention: Frag | None = None
        if spk and spk.get("mention_start") is not None and spk.get("mention_end") is not None:
            mention = (int(spk["mention_start"]), int(spk["mention_end"]))
        # Classed by the cue *text*, as the gold cues are (they have no lemma): the same words
        # must land in the same class on both sides ("according to" has the spaCy lemma "accord").
        cue_words = (cue.get("text") or cue.get("lemma")) if cue else None
        out.append(
            PredAttribution(
                frags=tuple(sorted((int(q["start"]), int(q["end"])) for q in qs)),
                cue=cue_words,
                speaker_id=spk.get("id") if spk else None,
                speaker_mention=mention,
            )
        )
    return out


# --------------------------------------------------------------------------- matching


def frag_overlap(a: Sequence[Frag], b: Sequence[Frag]) -> int:
    """Characters shared by two fragment lists (fragments within one list do not overlap)."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def match(gold: Sequence[Sequence[Frag]], pred: Sequence[Sequence[Frag]], threshold: float) -> dict[int, int]:
    """One-to-one greedy matching ({gold index: pred index}) by Jaccard, then gold coverage.

    A pair qualifies when the shared characters cover ``threshold`` of the gold span.
    """
    pairs: list[tuple[float, float, int, int, int]] = []
    for gi, g in enumerate(gold):
        glen = max(1, frags_length(g))
        for pi, p in enumerate(pred):
            ov = frag_overlap(g, p)
            if ov and ov / glen >= threshold:
                jaccard = ov / max(1, glen + frags_length(p) - ov)
                pairs.append((-jaccard, -ov / glen, -ov, gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: dict[int, int] = {}
    for *_, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out[gi] = pi
    return out


def trimmed(text: str, frags: Sequence[Frag]) -> tuple[Frag, ...]:
    """Fragments trimmed of whitespace, punctuation and quote marks at both ends; empty ones dropped."""
    out = []
    for start, end in frags:
        start, end = max(0, start), min(len(text), end)
        while start < end and text[start] in _TRIM:
            start += 1
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        if end > start:
            out.append((start, end))
    return tuple(sorted(out))


def _exact(text: str, gold: Sequence[Sequence[Frag]], pred: Sequence[Sequence[Frag]]) -> int:
    keys: dict[tuple[Frag, ...], int] = {}
    for p in pred:
        k = trimmed(text, p)
        keys[k] = keys.get(k, 0) + 1
    tp = 0
    for g in gold:
        k = trimmed(text, g)
        if keys.get(k, 0) > 0:
            keys[k] -= 1
            tp += 1
    return tp


# --------------------------------------------------------------------------- scores


@dataclass
class Slice:
    """Recall at every threshold and speaker accuracy for one slice of the gold attributions."""

    n_gold: int = 0
    matched: dict[str, int] = field(default_factory=lambda: {str(t): 0 for t in THRESHOLDS})
    n_pred: int = 0  # predictions in this slice (by our cue class), for precision
    pred_matched: int = 0  # of those, matched at 0.5
    speaker_n: int = 0
    speaker_ok: int = 0
    speaker_strict_ok: int = 0

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"n_gold": self.n_gold}
        for t in THRESHOLDS:
            d[f"recall@{t}"] = round(self.matched[str(t)] / self.n_gold, 4) if self.n_gold else 0.0
        if self.n_pred:
            d["n_pred"] = self.n_pred
            d["precision@0.5"] = round(self.pred_matched / self.n_pred, 4)
        d["speaker_matched"] = self.speaker_n
        d["speaker_correct"] = self.speaker_ok
        d["speaker_accuracy"] = round(self.speaker_ok / self.speaker_n, 4) if self.speaker_n else 0.0
        d["speaker_correct_strict"] = self.speaker_strict_ok
        d["speaker_accuracy_strict"] = (
            round(self.speaker_strict_ok / self.speaker_n, 4) if self.speaker_n else 0.0
        )
        return d


@dataclass
class PolnearScores:
    split: str = "all"
    n_articles: int = 0
    n_gold: int = 0
    n_pred: int = 0
    skipped: int = 0
    overlap: dict[str, PRF] = field(default_factory=dict)
    exact: PRF = field(default_factory=PRF)
    speaker_n: int = 0  # gold attributions with a Source, matched at 0.3
    speaker_ok: int = 0
    speaker_strict_ok: int = 0  # ... and the actor is one the article names (see _named)
    speaker_by_mention_only: int = 0  # right through our own speaker mention alone
    no_source_n: int = 0  # gold attributions without a Source, matched at 0.3
    no_source_ok: int = 0  # ... where we gave no speaker either
    by_cue_class: dict[str, Slice] = field(default_factory=dict)
    by_source_kind: dict[str, Slice] = field(default_factory=dict)
    by_quoted: dict[str, Slice] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_ok / self.speaker_n if self.speaker_n else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "corpus": "PolNeAR train split (Newell, Margolin and Ruths, LREC 2018)",
            "split": self.split,
            "options": self.options,
            "n_articles": self.n_articles,
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
            "skipped_without_content": self.skipped,
            "overlap": {t: prf.to_dict() for t, prf in self.overlap.items()},
            "exact_trimmed": self.exact.to_dict(),
            "speaker": {
                "matched@0.3_with_source": self.speaker_n,
                "correct": self.speaker_ok,
                "accuracy": round(self.speaker_accuracy, 4),
                "correct_strict": self.speaker_strict_ok,
                "accuracy_strict": round(self.speaker_strict_ok / self.speaker_n, 4)
                if self.speaker_n
                else 0.0,
                "correct_by_own_mention_only": self.speaker_by_mention_only,
                "no_source_matched": self.no_source_n,
                "no_source_we_gave_none": self.no_source_ok,
            },
            "by_cue_class": {k: s.to_dict() for k, s in self.by_cue_class.items()},
            "by_source_kind": {k: s.to_dict() for k, s in self.by_source_kind.items()},
            "by_quoted": {k: s.to_dict() for k, s in self.by_quoted.items()},
        }


_INDEFINITE = frozenset(
    {"a", "an", "another", "one", "some", "several", "many", "two", "three", "few", "other", "others", "most"}
    | {"someone", "somebody", "anyone", "anybody"}
)


# A run of two or more capitalised words: a name inside a description Source ("pollster Frank
# Luntz", "The party chairman, Kelly Armstrong,", "Speaker Paul Ryan").
_CAPITAL_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)+")


def _names_in_description(source: str) -> list[str]:
    """The name words of a description Source: runs of capitalised words, titles dropped, that
    do not open with a determiner ("The Quillon Democrat" describes; it names nobody). After a
    determiner's possessive the name is the possessed one: "The Harbor Post's Ada Morn" names
    Ada Morn."""
    out: list[str] = []
    for run in _CAPITAL_RUN.findall(source):
        ws = run.split()
        if ws[0].casefold() in DETERMINERS:
            owner = [i for i, w in enumerate(ws) if POSSESSIVE.search(w.casefold())]
            if not owner:
                continue
            ws = ws[owner[-1] + 1 :]
            if not ws:
                continue
        ws = [w for w in ws if w.casefold().strip(".,") not in TITLE_WORDS]
        if len(ws) >= 2:
            out += ws
    return out


def _named_tokens(gold: Sequence[GoldAttribution]) -> frozenset[str]:
    """Words of the article's gold Sources that name someone (titles dropped).

    Every word of a name or organisation Source; of a description Source (kind role), the names
    in it: "pollster Frank Luntz" names Luntz as much as "Frank Luntz" does, while "the Ohio
    Democrat" names nobody called Democrat.
    """
    plain = TITLE_WORDS | DETERMINERS
    words = [
        token
        for g in gold
        if g.source_kind in ("name", "organisation")
        for token in SOURCE_TOKEN.findall(g.source or "")
    ]
    words += [w for g in gold if g.source_kind == "role" for w in _names_in_description(g.source or "")]
    return frozenset(w for token in words for w in _name_words(token) if w not in plain)


def _name_words(token: str) -> list[str]:
    """The words a Source token names, spelled as actor ids spell them: accents folded (ids are
    ASCII slugs: "García" names "garcia"), a possessive dropped ("Trump's" names Trump), split at
    hyphens and apostrophes ("Lopez-Cantera", "O'Malley" -> "o", "malley")."""
    t = unicodedata.normalize("NFKD", token.strip(".,"))
    t = "".join(c for c in t if not unicodedata.combining(c)).casefold()
    t = POSSESSIVE.sub("", t)
    return [w for w in re.split(r"[-'’]", t) if w.isalpha()]


def _named_by_alias(speaker_id: str | None, source: str | None) -> bool:
    """Whether this attribution's own Source is one of the registry actor's aliases: "the White
    House" names ``gov:usa`` and "the FBI" names ``org:federal-bureau-of-investigation``, whose
    ids share no word with those Sources. Only the attribution's own Source counts: another
    Source naming the actor elsewhere says nothing about this one ("a German user")."""
    if not speaker_id or not source:
        return False
    actor = default_registry().actors.get(speaker_id)
    return actor is not None and normalise(source) in actor.aliases


def _named(speaker_id: str | None, named: frozenset[str], source: str | None = None) -> bool:
    """Whether our actor is one the article names: its id's last word is in a gold name Source.

    Ids are ``kind:slug`` ("person:ada-morn"). A group ("group:officials") is a description by
    nature and passes; "person:ohio-democrat", a description taken for a name, passes only if
    the article names someone "Democrat". An ``unknown:`` actor passes only for an indefinite
    gold Source ("a Chinese official", "another source", "a new poll"): an indefinite
    introduces someone unnamed, so there is no name to resolve to; a definite one ("the
    candidate") refers back to someone the article has named.
    """
    if not speaker_id or ":" not in speaker_id:
        return False
    prefix, slug = speaker_id.split(":", 1)
    if prefix == "group":
        return True
    if prefix == "unknown" or not slug:
        first = (source or "").strip().split(" ", 1)[0].casefold()
        return first in _INDEFINITE
    words = [w.casefold() for w in slug.split("-")]
    # A generational suffix ends the registry's full name ("person:morris-brooks-jr"), not the
    # name a Source gives ("Representative Brooks").
    while len(words) > 1 and words[-1] in _NAME_SUFFIXES:
        words.pop()
    return words[-1] in named


_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})


def _first_person(source: str | None) -> bool:
    return (source or "").strip().casefold() in _FIRST_PERSON


def _writer_words(byline: str) -> frozenset[str]:
    """The words of the byline writer's name, when the byline names exactly one person (the
    extractor gives first-person narration to that writer only; see attribution/writer.py)."""
    names = byline_names([byline]) if byline else []
    if len(names) != 1:
        return frozenset()
    return frozenset(w for token in SOURCE_TOKEN.findall(names[0]) for w in _name_words(token))


_RELATIVE = frozenset({"who", "whom", "which", "that"})


def _antecedent_of_relative(text: str, g: GoldAttribution, span: Frag | None) -> bool:
    """A relative-pronoun Source ("Rep. Ada Morn, who endorsed …") is its antecedent: PolNeAR
    marks the pronoun, a speaker mention marks the noun phrase it hangs on, which ends right
    before it (a comma or a space between)."""
    if span is None or not g.source_frags or (g.source or "").strip().casefold() not in _RELATIVE:
        return False
    start = g.source_frags[0][0]
    return span[1] <= start and not text[span[1] : start].strip(" ,")


def _capitalised_words(phrase: str) -> frozenset[str]:
    """The name words of a phrase's capitalised words, titles and determiners dropped."""
    words = [w for t in SOURCE_TOKEN.findall(phrase) if t[:1].isupper() for w in _name_words(t)]
    return frozenset(words) - TITLE_WORDS - DETERMINERS


def _span_text(text: str, span: Frag | None) -> str | None:
    return None if span is None else text[span[0] : span[1]]


def _hit(frags: Sequence[Frag], span: Frag | None) -> bool:
    return span is not None and frag_overlap(frags, [span]) > 0


def speaker_verdict(
    text: str,
    g: GoldAttribution,
    p: PredAttribution,
    mentions: Mapping[str, Sequence[Frag]],
    named: frozenset[str],
    named_or_writer: frozenset[str],
) -> tuple[bool, bool, bool]:
    """Whether a matched prediction's speaker is the gold Source's (a gold with a Source): by
    its own mention, leniently (own mention or any mention of its actor hits the Source) and
    strictly (and the article names that actor, :func:`_named`)."""
    gold_frags = g.source_frags + g.source_alt
    relative = not _hit(gold_frags, p.speaker_mention) and _antecedent_of_relative(text, g, p.speaker_mention)
    own = relative or _hit(gold_frags, p.speaker_mention)
    ok = own or any(_hit(gold_frags, span) for span in mentions.get(p.speaker_id or "", ()))
    # A relative pronoun's Source is its antecedent: "a party official, who asked not to be
    # named, said" is as indefinite as "a party official said", and "Ada Morn, who said" names
    # Ada Morn as a name Source would.
    source = _span_text(text, p.speaker_mention) if relative else g.source
    names = named_or_writer if _first_person(g.source) else named
    if relative:
        names = names | _capitalised_words(source or "")
    strict = ok and (_named(p.speaker_id, names, source) or _named_by_alias(p.speaker_id, source))
    return own, ok, strict


def score(
    articles: Sequence[CorpusArticle],
    predicted: Mapping[str, Sequence[PredAttribution]],
    actor_mentions: Mapping[str, Mapping[str, Sequence[Frag]]] | None = None,
    split: str = "all",
) -> PolnearScores:
    """Score predicted attributions per article name against the corpus (module docstring).

    ``actor_mentions`` maps article name -> actor id -> every mention span of that actor in the
    article (from the extractor's mention index); without it only our own speaker mention counts.
    """
    s = PolnearScores(split=split, n_articles=len(articles))
    s.overlap = {str(t): PRF() for t in THRESHOLDS}
    s.by_cue_class = {c: Slice() for c in CUE_CLASSES}
    s.by_source_kind = {k: Slice() for k in SOURCE_KINDS}
    s.by_quoted = {"quoted": Slice(), "unquoted": Slice()}
    actor_mentions = actor_mentions or {}
    for art in articles:
        gold = art.attributions
        pred = list(predicted.get(art.name, ()))
        mentions = actor_mentions.get(art.name, {})
        s.skipped += art.skipped
        s.n_gold += len(gold)
        s.n_pred += len(pred)
        g_frags = [g.content for g in gold]
        p_frags = [p.frags for p in pred]
        s.exact.tp += _exact(art.text, g_frags, p_frags)
        named = _named_tokens(gold)
        # A first-person Source outside quotes ("I find his message chilling") is the writer,
        # whom only the byline names.
        named_or_writer = named | _writer_words(art.byline)
        slices = []
        for g in gold:
            quoted = any(c in art.text[a:b] for a, b in g.content for c in _QUOTE_MARKS)
            sl = (
                s.by_cue_class[g.cue_class],
                s.by_source_kind[g.source_kind],
                s.by_quoted["quoted" if quoted else "unquoted"],
            )
            for x in sl:
                x.n_gold += 1
            slices.append(sl)
        matches = {t: match(g_frags, p_frags, t) for t in THRESHOLDS}
        for t, m in matches.items():
            s.overlap[str(t)].tp += len(m)
            for gi in m:
                for x in slices[gi]:
                    x.matched[str(t)] += 1
        matched_p_05 = set(matches[0.5].values())
        for pi, p in enumerate(pred):
            sl_p = s.by_cue_class[cue_class(p.cue)]
            sl_p.n_pred += 1
            sl_p.pred_matched += pi in matched_p_05
        for gi, pi in matches[SPEAKER_THRESHOLD].items():
            g, p = gold[gi], pred[pi]
            if g.source is None:
                s.no_source_n += 1
                ok = p.speaker_id is None
                s.no_source_ok += ok
            else:
                own, ok, strict = speaker_verdict(art.text, g, p, mentions, named, named_or_writer)
                s.speaker_n += 1
                s.speaker_ok += ok
                s.speaker_strict_ok += strict
                s.speaker_by_mention_only += own
            for x in slices[gi]:
                x.speaker_n += 1
                x.speaker_ok += ok
                x.speaker_strict_ok += ok if g.source is None else strict
    for prf in (*s.overlap.values(), s.exact):
        prf.n_gold, prf.n_pred = s.n_gold, s.n_pred
    return s


# --------------------------------------------------------------------------- rendering


def render_report(s: PolnearScores, width: int = 110) -> str:
    """Plain-text tables (rich, no colour codes) of everything :func:`score` computed."""
    from rich.console import Console
    from rich.table import Table

    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=False, color_system=None)

    def pct(x: float) -> str:
        return f"{100 * x:.1f}"

    opts = ", ".join(f"{k}={v}" for k, v in s.options.items())
    console.print(
        f"PolNeAR ({s.split} split{', ' + opts if opts else ''}): {s.n_articles} articles, "
        f"{s.n_gold} gold attributions ({s.skipped} without Content skipped), {s.n_pred} predicted"
    )
    t = Table(title="Content spans", title_justify="left")
    for col in ("metric", "P", "R", "F1", "tp"):
        t.add_column(col, justify="left" if col == "metric" else "right")
    for name, prf in [(f"overlap >= {k}", v) for k, v in s.overlap.items()] + [("exact (trimmed)", s.exact)]:
        t.add_row(name, pct(prf.precision), pct(prf.recall), pct(prf.f1), str(prf.tp))
    console.print(t)
    strict = pct(s.speaker_strict_ok / s.speaker_n) if s.speaker_n else "-"
    console.print(
        f"Speaker right (source-span hit) on {s.speaker_n} matched attributions with a gold Source: "
        f"{pct(s.speaker_accuracy)}% ({s.speaker_by_mention_only} through our own speaker mention); "
        f"strict (and the actor is one the article names): {strict}%; "
        f"gold without Source: we gave none for {s.no_source_ok}/{s.no_source_n}"
    )

    def table(title: str, slices: Mapping[str, Slice], with_precision: bool) -> Table:
        tb = Table(title=title, title_justify="left")
        cols = ["slice", "gold", *(f"R@{th}" for th in THRESHOLDS)]
        if with_precision:
            cols += ["pred", "P@0.5"]
        cols += ["spk acc", "strict", "spk ok/matched"]
        for col in cols:
            tb.add_column(col, justify="left" if col == "slice" else "right")
        for name, x in slices.items():
            row = [name, str(x.n_gold)]
            row += [pct(x.matched[str(th)] / x.n_gold) if x.n_gold else "-" for th in THRESHOLDS]
            if with_precision:
                row += [str(x.n_pred), pct(x.pred_matched / x.n_pred) if x.n_pred else "-"]
            row += [
                pct(x.speaker_ok / x.speaker_n) if x.speaker_n else "-",
                pct(x.speaker_strict_ok / x.speaker_n) if x.speaker_n else "-",
                f"{x.speaker_ok}/{x.speaker_n}",
            ]
            tb.add_row(*row)
        return tb

    console.print(table("By cue class (gold cue for recall, our cue for precision)", s.by_cue_class, True))
    console.print(table("By gold Source mention kind", s.by_source_kind, False))
    console.print(table("By gold Content quoting", s.by_quoted, False))
    return buf.getvalue()


def scores_json(s: PolnearScores) -> str:
    return json.dumps(s.to_dict(), indent=2, ensure_ascii=False)


__all__ = [
    "THRESHOLDS",
    "PolnearScores",
    "PredAttribution",
    "frag_overlap",
    "match",
    "predictions_from_quotes",
    "render_report",
    "score",
    "scores_json",
    "trimmed",
]
