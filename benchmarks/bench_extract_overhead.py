"""Speed of full extraction against a raw spaCy pass (``nlp.pipe``) over the same texts.

Usage::

    .venv/bin/python benchmarks/bench_extract_overhead.py --stance --clock cpu [--rounds 7]
        [--corpus gold|polnear] [--articles N] [--batch-size 16] [--json FILE]

Corpora: ``gold`` (default) is the seed article, the gold set's articles (``tests/data/gold``) and
``--synthetic`` generated wire stories; ``polnear`` is real news, the first ``--articles`` texts
(by file name) of PolNeAR's *dev* split, read at run time from ``../shared/corpora/polnear-train``
(``--polnear-dir`` or ``STANCEWIRE_POLNEAR_DIR``; never copied into the repository; the benchmark
says so and exits cleanly when it is absent).

Three phases run ``nlp.pipe`` with the same model and batch size over the same texts:

* *raw*: the spaCy model as it ships (``load_nlp``: every component of it the extractor uses, its
  own attribute ruler, no stancewire component) -- the speed the target is set against;
* *parse*: the extractor's own ``nlp`` with every stancewire rule component off -- the same model,
  with the model's attribute ruler compiled into a lookup table (``stancewire.nlp.attribute_table``:
  identical annotations, cheaper) and the line-break sentence starts;
* *full*: the whole extractor (mentions, quotes, attribution, pydantic models; stance and events
  too with ``--stance``).

Phases alternate in one process (raw, parse, full, then full, parse, raw in the next round, so a
drift of the machine's speed falls on every side alike), after a warm-up of each. Every round
gives two ratios: ``raw time / full time``, full extraction's speed as a fraction of the raw
parse (1.0: free; the target is >= 0.85), and ``parse time / full time``, the share the rule
components leave of the extractor's own parse (what the rules themselves cost). The report is
the median with its range over the rounds. ``--clock cpu`` times this process's CPU
(``time.process_time``) instead of the wall clock, which other processes on a shared machine
disturb much less.

To compare with an older commit, copy this file into that checkout's ``benchmarks/`` and run it
there: before issue 13 there were no spaCy components, and the raw side is the bare model.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stancewire.nlp.extract import Extractor  # noqa: E402
from stancewire.nlp.model import DEFAULT_MODEL, load_nlp  # noqa: E402

try:
    from stancewire.nlp.components import RULE_COMPONENTS
except ImportError:  # a commit before issue 13 (no components): copy this file there to compare
    RULE_COMPONENTS = None
from stancewire.schemas import Article  # noqa: E402

SEED = Path("/work/shared/seeds/kremlin-awaits-us-signals.txt")
GOLD = ROOT / "tests" / "data" / "gold" / "quotes.jsonl"
POLNEAR = Path(os.environ.get("STANCEWIRE_POLNEAR_DIR", ROOT.parent / "shared" / "corpora" / "polnear-train"))
TARGET = 0.85

_PEOPLE = [
    "Ama Koro",
    "Tomas Reyna",
    "Ilse Brandt",
    "Marta Velez",
    "Lina Park",
    "Omar Selby",
    "Rosa Delacroix",
]
_TITLES = ["chief executive", "coach", "judge", "researcher", "minister", "mayor", "spokesperson"]
_ORGS = [
    "Norwind Mining",
    "Port Anselm Athletic",
    "the High Court of Corvenia",
    "Halden University",
    "the Veltrian Foreign Ministry",
]
_TEMPLATES = [
    "“{claim},” said {title} {person}.",
    "{person}, the {title} of {org}, said {claim_l}.",
    "{org} said on Tuesday that {claim_l}.",
    "“{claim}. We will not stop,” {person} told reporters. “It is only the beginning.”",
    "According to {org}, {claim_l}.",
    "{person} accused {org} of hiding the figures and called for an inquiry.",
    "Analysts said {claim_l}, adding that the market had already priced it in.",
    "{person} praised the staff as “tireless” and “brave” after the flood.",
    "The weather turned cold over the weekend and the match was postponed.",
    "He also noted that {claim_l}.",
]
_CLAIMS = [
    "The results are encouraging",
    "Profits will recover by spring",
    "The ruling protects tenants",
    "The bridge is safe for traffic",
    "The team played with heart",
    "Inflation is cooling",
]


def synthetic_articles(n: int, seed: int = 7) -> list[Article]:
    """Generated wire stories (fictional people and organisations, marked synthetic)."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        paras = []
        for _ in range(rnd.randint(8, 14)):
            sents = []
            for _ in range(rnd.randint(1, 3)):
                claim = rnd.choice(_CLAIMS)
                sents.append(
                    rnd.choice(_TEMPLATES).format(
                        person=rnd.choice(_PEOPLE),
                        title=rnd.choice(_TITLES),
                        org=rnd.choice(_ORGS),
                        claim=claim,
                        claim_l=claim[0].lower() + claim[1:],
                    )
                )
            paras.append(" ".join(sents))
        out.append(
            Article(
                id=f"synthetic-{i}",
                text="\n\n".join(paras),
                synthetic=True,
                published_at=datetime(2025, 3, 1, tzinfo=UTC),
            )
        )
    return out


def gold_articles(n_synthetic: int) -> list[Article]:
    arts: list[Article] = []
    if SEED.exists():
        arts.append(
            Article(
                id="seed",
                text=SEED.read_text(encoding="utf-8"),
                published_at=datetime(2025, 1, 27, tzinfo=UTC),
            )
        )
    if GOLD.exists():
        for line in GOLD.read_text(encoding="utf-8").splitlines():
            if line.strip():
                g = json.loads(line)
                arts.append(Article(id=g["id"], text=g["text"], published_at=g.get("published_at")))
    arts.extend(synthetic_articles(n_synthetic))
    return arts


def polnear_articles(directory: Path, limit: int) -> list[Article]:
    """The first ``limit`` dev-split texts by name. The split is stancewire.eval.polnear's rule
    (holdout when sha1(stem) % 5 == 0), repeated here so the file also runs on older commits."""
    out = []
    for path in sorted((directory / "text").glob("*.txt")):
        if int(hashlib.sha1(path.stem.encode("utf-8")).hexdigest(), 16) % 5 == 0:
            continue
        text = path.read_text(encoding="utf-8")
        if text.strip():
            out.append(Article(id=path.stem, text=text, source="polnear"))
        if len(out) >= limit:
            break
    return out


def component_shares(ex: Extractor, arts: list[Article]) -> dict[str, float]:
    """Each component's share of the CPU time of extracting ``arts`` one doc at a time (where
    the rules' cost goes; batching aside, the same work as ``extract_many``)."""
    from collections import Counter

    spent: Counter[str] = Counter()
    cfg = ex.component_cfg()  # the per-call settings extract_many passes (the registry for mentions)
    for a in arts:
        doc = ex.make_doc(a)  # the extractor's own Doc (noise masked, article attached)
        for name, proc in ex.nlp.pipeline:
            t = time.process_time()
            doc = proc(doc, **cfg[name]) if name in cfg else proc(doc)
            spent[name] += time.process_time() - t
        t = time.process_time()
        ex._result(doc)
        spent["records (pydantic)"] += time.process_time() - t
    total = sum(spent.values())
    return {name: v / total for name, v in spent.items()}


def summary(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument(
        "--rounds", type=int, default=7, help="alternating raw/parse/full rounds (after a warm-up)"
    )
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--corpus", choices=("gold", "polnear"), default="gold")
    ap.add_argument("--synthetic", type=int, default=30, help="generated stories added to the gold corpus")
    ap.add_argument("--articles", type=int, default=200, help="PolNeAR dev articles (--corpus polnear)")
    ap.add_argument("--polnear-dir", type=Path, default=POLNEAR)
    ap.add_argument("--stance", action="store_true", help="include the stance (and event) components")
    ap.add_argument(
        "--clock",
        choices=("wall", "cpu"),
        default="wall",
        help="wall time, or this process's CPU time (steadier on a machine others are loading)",
    )
    ap.add_argument("--json", type=Path, help="also write the numbers to this file")
    ap.add_argument(
        "--components",
        action="store_true",
        help="also time each pipeline component on its own (one doc at a time, CPU)",
    )
    args = ap.parse_args()
    clock: Callable[[], float] = time.perf_counter if args.clock == "wall" else time.process_time

    if args.corpus == "polnear":
        if not (args.polnear_dir / "text").is_dir():
            print(
                f"skipped: no PolNeAR corpus at {args.polnear_dir} (it is read at run time, never "
                "copied into the repository)"
            )
            return 0
        arts = polnear_articles(args.polnear_dir, args.articles)
    else:
        arts = gold_articles(args.synthetic)

    stock = load_nlp(args.model)  # the model as it ships: the raw side
    if RULE_COMPONENTS is not None:
        ex = Extractor(model_name=args.model, with_stance=args.stance)
        # The parse side: the extractor's nlp with the rule components off (the compiled attribute
        # ruler keeps the pipe name attribute_ruler, so it stays on).
        off = [name for name in ex.nlp.pipe_names if name.startswith("stancewire_")]
    else:
        ex = Extractor(nlp=stock, with_stance=args.stance)
        off = []
    texts = [a.text for a in arts]
    chars = sum(len(t) for t in texts)

    def raw() -> None:
        for _ in stock.pipe(texts, batch_size=args.batch_size):
            pass

    def parse() -> None:
        for _ in ex.nlp.pipe(texts, batch_size=args.batch_size, disable=off):
            pass

    found = {"quotes": 0, "stances": 0}

    def full() -> None:
        results = list(ex.extract_many(arts, batch_size=args.batch_size))
        found["quotes"] = sum(len(r.quotes) for r in results)
        found["stances"] = sum(len(r.stances) for r in results)

    def timed(fn: Callable[[], None]) -> float:
        t = clock()
        fn()
        return clock() - t

    raw()
    parse()
    full()  # warm-up: caches, lazy imports, registry
    phases = {"raw": raw, "parse": parse, "full": full}
    times: dict[str, list[float]] = {name: [] for name in phases}
    for i in range(args.rounds):
        for name in phases if i % 2 == 0 else reversed(phases):
            times[name].append(timed(phases[name]))
    raw_t, parse_t, full_t = times["raw"], times["parse"], times["full"]
    ratios = [r / f for r, f in zip(raw_t, full_t, strict=True)]
    rule_ratios = [p / f for p, f in zip(parse_t, full_t, strict=True)]
    n = len(arts)
    out = {
        "corpus": args.corpus,
        "articles": n,
        "chars": chars,
        "model": args.model,
        "stance": args.stance,
        "clock": args.clock,
        "rounds": args.rounds,
        "batch_size": args.batch_size,
        **found,
        "raw_seconds": summary(raw_t),
        "parse_seconds": summary(parse_t),
        "full_seconds": summary(full_t),
        "speed_ratio": summary(ratios),
        "rules_ratio": summary(rule_ratios),
        "raw_rounds": raw_t,
        "parse_rounds": parse_t,
        "full_rounds": full_t,
    }

    def fmt(s: dict[str, float], spec: str) -> str:
        return f"{s['median']:{spec}} ({s['min']:{spec}}-{s['max']:{spec}})"

    print(
        f"corpus: {args.corpus}, articles: {n} ({chars / 1000:.0f}k chars), quotes: {found['quotes']}, "
        f"evidence: {found['stances']}, model: {args.model}, stance: {args.stance}, clock: {args.clock}, "
        f"rounds: {args.rounds}"
    )
    print(
        f"raw nlp.pipe  s: {fmt(out['raw_seconds'], '.3f')}   "
        f"articles/s: {n / out['raw_seconds']['median']:.2f}"
    )
    print(
        f"own parse     s: {fmt(out['parse_seconds'], '.3f')}   "
        f"articles/s: {n / out['parse_seconds']['median']:.2f}"
    )
    print(
        f"full extract  s: {fmt(out['full_seconds'], '.3f')}   "
        f"articles/s: {n / out['full_seconds']['median']:.2f}"
    )
    print(
        f"speed ratio full/raw (raw s / full s per round), median (range): "
        f"{fmt(out['speed_ratio'], '.3f')}  (target >= {TARGET})"
    )
    print(
        f"rules' share, own parse / full (parse s / full s per round), median (range): "
        f"{fmt(out['rules_ratio'], '.3f')}"
    )
    if args.components and RULE_COMPONENTS is not None:
        out["components"] = component_shares(ex, arts)
        for name, share in out["components"].items():
            print(f"  {name:28s} {100 * share:5.1f} % of full extraction")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
