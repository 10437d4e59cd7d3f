"""Overhead of quote extraction + attribution over a raw spaCy pass on the same texts.

Usage::

    .venv/bin/python -m benchmarks.bench_extract_overhead [--repeat 5] [--batch-size 16] [--stance]
        [--clock cpu]

Articles: the seed article, the gold set's articles (if ``tests/data/gold/quotes.jsonl`` exists) and a
few generated synthetic wire stories. Both sides run ``nlp.pipe`` with the same batch size over the
same texts; each is timed ``--repeat`` times (interleaved, after a warm-up) and the best run counts,
which removes most scheduler noise on a shared 2-core box. The ratio ``extract / raw`` is the cost of
everything the extractor adds (mentions, quotes, attribution, pydantic models; stance too with
``--stance``). ``--clock cpu`` times this process's CPU instead of the wall clock, which other
processes on the machine disturb much less. To compare with a commit from before the rules became
spaCy components (issue 13), copy this file into that checkout's ``benchmarks/`` and run it there.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
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

_PEOPLE = ["Ama Koro", "Tomas Reyna", "Ilse Brandt", "Marta Velez", "Lina Park", "Omar Selby",
           "Rosa Delacroix"]
_TITLES = ["chief executive", "coach", "judge", "researcher", "minister", "mayor", "spokesperson"]
_ORGS = ["Norwind Mining", "Port Anselm Athletic", "the High Court of Corvenia", "Halden University",
         "the Veltrian Foreign Ministry"]
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
_CLAIMS = ["The results are encouraging", "Profits will recover by spring", "The ruling protects tenants",
           "The bridge is safe for traffic", "The team played with heart", "Inflation is cooling"]


def synthetic_articles(n: int, seed: int = 7) -> list[Article]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        paras = []
        for _ in range(rnd.randint(8, 14)):
            sents = []
            for _ in range(rnd.randint(1, 3)):
                claim = rnd.choice(_CLAIMS)
                sents.append(rnd.choice(_TEMPLATES).format(
                    person=rnd.choice(_PEOPLE), title=rnd.choice(_TITLES), org=rnd.choice(_ORGS),
                    claim=claim, claim_l=claim[0].lower() + claim[1:]))
            paras.append(" ".join(sents))
        out.append(Article(id=f"synthetic-{i}", text="\n\n".join(paras), synthetic=True,
                           published_at=datetime(2025, 3, 1, tzinfo=UTC)))
    return out


def load_articles(n_synthetic: int) -> list[Article]:
    arts: list[Article] = []
    if SEED.exists():
        arts.append(Article(id="seed", text=SEED.read_text(encoding="utf-8"),
                            published_at=datetime(2025, 1, 27, tzinfo=UTC)))
    if GOLD.exists():
        for line in GOLD.read_text(encoding="utf-8").splitlines():
            if line.strip():
                g = json.loads(line)
                arts.append(Article(id=g["id"], text=g["text"], published_at=g.get("published_at")))
    arts.extend(synthetic_articles(n_synthetic))
    return arts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--synthetic", type=int, default=30)
    ap.add_argument("--stance", action="store_true", help="include the stance component")
    ap.add_argument(
        "--clock",
        choices=("wall", "cpu"),
        default="wall",
        help="wall time, or this process's CPU time (steadier on a machine others are loading)",
    )
    args = ap.parse_args()
    clock = time.perf_counter if args.clock == "wall" else time.process_time

    if RULE_COMPONENTS is not None:
        ex = Extractor(model_name=args.model, with_stance=args.stance)
        nlp = ex.nlp  # the raw side runs the same model with the stancewire components off
        off = list(RULE_COMPONENTS)
    else:
        nlp = load_nlp(args.model)
        ex = Extractor(nlp=nlp, with_stance=args.stance)
        off = []
    arts = load_articles(args.synthetic)
    texts = [a.text for a in arts]
    chars = sum(len(t) for t in texts)

    def raw() -> None:
        for _ in nlp.pipe(texts, batch_size=args.batch_size, disable=off):
            pass

    n_quotes = 0

    def full() -> None:
        nonlocal n_quotes
        n_quotes = sum(len(r.quotes) for r in ex.extract_many(arts, batch_size=args.batch_size))

    raw()
    full()  # warm-up: caches, lazy imports, registry
    best_raw = best_full = float("inf")
    for _ in range(args.repeat):
        t = clock()
        raw()
        best_raw = min(best_raw, clock() - t)
        t = clock()
        full()
        best_full = min(best_full, clock() - t)
    n = len(arts)
    print(f"articles: {n} ({chars / 1000:.0f}k chars), quotes found: {n_quotes}, model: {args.model}, "
          f"stance: {args.stance}, clock: {args.clock}")
    print(f"raw nlp.pipe      : {n / best_raw:7.2f} articles/s  ({best_raw:.3f} s)")
    print(f"Extractor (full)  : {n / best_full:7.2f} articles/s  ({best_full:.3f} s)")
    print(f"overhead ratio    : {best_full / best_raw:.3f}  (target <= 1.15)")
    print(f"rules (full - raw): {best_full - best_raw:.3f} s")


if __name__ == "__main__":
    main()
