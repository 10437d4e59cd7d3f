#!/usr/bin/env python3
"""Build ``tests/data/dev/quotes.jsonl`` from ``tests/data/dev/src`` (same markup as the gold set).

The dev set is a separate, smaller set of fictional articles written by the extractor's
engineers to check that rule changes generalise beyond the 50-article gold set: fixes are
developed against the gold errors and confirmed here, so a rule that only fits the gold
wording shows up as a gap between the two. Same format and checks as ``build_gold.py``.

Run: ``.venv/bin/python scripts/build_dev.py`` (``--check`` builds without writing).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_gold import ROOT, GoldError, build

DEV_DIR = ROOT / "tests" / "data" / "dev"
SRC_DIR = DEV_DIR / "src"
OUT_PATH = DEV_DIR / "quotes.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="validate only; write nothing")
    args = ap.parse_args(argv)
    try:
        articles = build(SRC_DIR)
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for a in articles:
        a["metadata"]["src"] = a["metadata"]["src"].replace("tests/data/gold/", "tests/data/dev/")
    if not args.check:
        with OUT_PATH.open("w", encoding="utf-8") as fh:
            for a in articles:
                fh.write(json.dumps(a, ensure_ascii=False) + "\n")
    print(f"{len(articles)} articles, {sum(len(a['quotes']) for a in articles)} quotes -> {OUT_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
