#!/usr/bin/env python3
"""Build ``tests/data/hard/quotes.jsonl`` from ``tests/data/hard/src`` (same markup as the gold set).

The "hard" set holds fictional articles written for the attribution classes that real news
bodies contain and the main gold set under-represents (issue 15): definite descriptions as
speakers, pronouns across paragraphs, scraper noise lines, floating quotes after an
introduction, organisations, acronyms and documents as sources, belief/intention/evaluation
cues, "according to" and nominal cues; a portion is written like scraped pages (``scraped:
yes`` in the header, ``metadata.scraped`` in the JSONL). It is a separate file so the main gold
set's numbers and snapshots do not move. Same format and checks as ``build_gold.py``.

Run: ``.venv/bin/python scripts/build_hard.py`` (``--check`` builds without writing).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_gold import ROOT, GoldError, build, parse_header

HARD_DIR = ROOT / "tests" / "data" / "hard"
SRC_DIR = HARD_DIR / "src"
OUT_PATH = HARD_DIR / "quotes.jsonl"


def build_hard(src_dir: Path = SRC_DIR) -> list[dict]:
    """The records of the hard set, with ``metadata.scraped`` from each source header."""
    articles = build(src_dir)
    for a in articles:
        src = a["metadata"]["src"].replace("tests/data/gold/", "tests/data/hard/")
        a["metadata"]["src"] = src
        header = (ROOT / src).read_text(encoding="utf-8")[4:].partition("\n---\n")[0]
        a["metadata"]["scraped"] = parse_header(header.splitlines(), src).get("scraped", "no") == "yes"
    return articles


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="validate only; write nothing")
    args = ap.parse_args(argv)
    try:
        articles = build_hard()
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if not args.check:
        with OUT_PATH.open("w", encoding="utf-8") as fh:
            for a in articles:
                fh.write(json.dumps(a, ensure_ascii=False) + "\n")
    print(f"{len(articles)} articles, {sum(len(a['quotes']) for a in articles)} quotes -> {OUT_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
