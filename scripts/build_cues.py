"""Build ``stancewire/nlp/data/reporting_cues.json`` from the CAMEO verb dictionary.

Usage::

    .venv/bin/python scripts/build_cues.py [--reference /work/shared/reference] [--out PATH]

Source: ``cameo-verbs.txt`` (MIT, (c) 2015 Open Event Data Alliance, PETRARCH2 project). Only
synonym blocks of communicative event classes are read (01x make statement, 02x appeal, 03x
express intent, 05x praise/acknowledge, 10x demand, 11x disapprove/accuse, 13x threaten/warn),
and words that name no speech act (``SEE``, ``COUNT``, ``CONVICT``...) are dropped by hand below.
The output maps a verb lemma to its CAMEO code and carries the attribution.

A few cues live outside those blocks and are read from their own entries and patterns
(``PATTERN_CUES``): ``note`` (the OBSERVE block, whose other words - see, watch - are not speech),
``deny`` (the REFUSE block; its code is the one its patterns use, ``016`` deny responsibility),
``urge`` (no synonym entry; only patterns annotated ``# URGE`` in the DEMAND block, all appeals,
``02x``), ``call`` (the CALL block is telephoning, ``041``; only its ``* (FOR ...)``,
``* (ON)``, ``* (UPON)`` patterns are appeals, ``020``) and ``express`` (not a cue on its own:
its one-noun object patterns, ``* CONCERN [012]``, give the nouns of ``expressed concern``).
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BLOCKS = {
    "EXPLAIN_VERBAL",
    "DECREE",
    "EMPHASIZE",
    "QUOTE",
    "REFUTE",
    "APPEAL",
    "SUGGEST",
    "PLEDGE",
    "PROMISE",
    "DISCLOSE",
    "ACCLAIM",
    "INSIST",
    "ALLEGE",
    "DISAPPROVE",
    "VERBAL_CONFLICT",
    "DENOUNCE",
    "DEPLORE",
    "BLAME",
    "WARN",
    "THREATEN",
    "CONFIRM",
    "DEMAND",
    "ADD",
    "PREDICT",
    "REASSERT",
    "THANK",
    "APOLOGIZE",
    "DENIGRATE",
    "LAUD",
}
# Words in those blocks that are not (or rarely) reporting verbs in news prose.
NOT_SPEECH = {
    "clear_up",
    "cite",
    "communicate",
    "convey",
    "define",
    "depict",
    "detail",
    "elucidate",
    "expound",
    "impart",
    "inform",
    "narrate",
    "rationalize",
    "refer",
    "report",
    "express",
    "accentuate",
    "enunciate",
    "impress",
    "pinpoint",
    "punctuate",
    "spotlight",
    "highlight",
    "ordain",
    "substantiate",
    "validate",
    "confidence",
    "seem_confident",
    "expose",
    "unveil",
    "confide",
    "admire",
    "celebrate",
    "clap",
    "commemorate",
    "greet",
    "honor",
    "honour",
    "recognise",
    "recognize",
    "respect",
    "reward",
    "salute",
    "toast",
    "welcome",
    "compliment",
    "necessitate",
    "need",
    "push",
    "want",
    "campaign",
    "crusade",
    "clamor",
    "clamour",
    "bid",
    "compete",
    "contrast",
    "contravene",
    "counterbalance",
    "differ",
    "oppose",
    "protest",
    "debate",
    "challenge",
    "contest",
    "wrangle",
    "cane",
    "flog",
    "chasten",
    "lecture",
    "convict",
    "charge",
    "implicate",
    "indict",
    "anticipate",
    "augur",
    "auspicate",
    "await",
    "envisage",
    "expect",
    "forebode",
    "foreshadow",
    "portend",
    "prefigure",
    "presage",
    "subscribe",
    "certify",
    "ensure",
    "vouch",
    "mean",
    "abhor",
    "crucify",
    "exalt",
    "glorify",
    "divulge",
    "profess",
    "press",
    "lash_out",
    "dress_down",
    "decree",
    "scorn",
    "ridicule",
    "deride",
    "belittle",
    "malign",
    "slander",
    "impugn",
    "contradict",
    "fault",
    "condemn_",
    "remonstrate",
    "reprobate",
    "adjure",
    "affirm",
    "mention",
    "describe",
    "comment",
    "disagree",
    "dissent",
    "object",
    "dispute",
    "complain",
    "counter",
}
# Re-admitted above only to be listed with a better code in the core list (data/cue_words.json).

# Cues read from their own synonym entry and/or the patterns annotated with their name.
PATTERN_CUES = ("note", "deny", "urge", "call", "express")
# Prepositions after "call" whose patterns CAMEO codes as appeals (02x).
CALL_PREPS = ("for", "on", "upon")
_PATTERN_RE = re.compile(r"^-\s+(.*?)\s*\[(\d+|---)\]\s*(?:#\s*(.*))?$")


def _pattern_code(codes: list[str]) -> str | None:
    """One code for a verb from the codes of its patterns: the most common three-digit code if it
    covers at least 40% of them, else the root of the most common two-digit family ("02" ->
    "020")."""
    codes = [c[:3] for c in codes if c != "---"]
    if not codes:
        return None
    counts: dict[str, int] = {}
    for c in codes:
        counts[c] = counts.get(c, 0) + 1
    best = max(sorted(counts), key=lambda c: counts[c])
    if counts[best] >= 0.4 * len(codes):
        return best
    families: dict[str, int] = {}
    for c in codes:
        families[c[:2]] = families.get(c[:2], 0) + 1
    return max(sorted(families), key=lambda f: families[f]) + "0"


def _cameo_lines(reference: Path) -> Iterator[tuple[tuple[str, str], str]]:
    """(current synonym block (name, code), line) for every line after the first block header."""
    cur: tuple[str, str] | None = None
    for line in (reference / "cameo-verbs.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", line)
        if m:
            cur = (m.group(1), m.group(2).split(":")[0].strip("-") or "---")
        elif cur is not None:
            yield cur, line


def _entry_word(s: str) -> str:
    """The word of a synonym entry line (annotations in braces/brackets and a leading + dropped)."""
    return re.sub(r"\{.*?\}|\[.*?\]", "", s).strip().lstrip("+").lower()


def build_pattern_cues(reference: Path) -> tuple[dict[str, str], dict[str, list[str]], dict[str, str]]:
    """CAMEO-derived forms of the cues in ``PATTERN_CUES``: (verbs, verb -> prepositions,
    express noun -> code)."""
    entry: dict[str, str] = {}  # word -> code of its own synonym entry (word or block code)
    patterns: dict[str, list[tuple[str, str]]] = {w: [] for w in PATTERN_CUES}  # (pattern, code)
    for cur, line in _cameo_lines(reference):
        pm = _PATTERN_RE.match(line.strip())
        if pm:
            named = {w.lower() for w in re.findall(r"[A-Z_]+", pm.group(3) or "")}
            for w in PATTERN_CUES:
                if w in named:
                    patterns[w].append((pm.group(1), pm.group(2)))
            continue
        s = line.split("#")[0].strip()
        if not s or s[0] in "-&":
            continue
        word = _entry_word(s)
        if word in PATTERN_CUES and word not in entry:
            code_m = re.search(r"\[(\d+)", s)
            entry[word] = code_m.group(1) if code_m else cur[1]
    verbs: dict[str, str] = {}
    preps: dict[str, list[str]] = {}
    express: dict[str, str] = {}
    # note: its own entry (OBSERVE, 010).
    if entry.get("note", "---") != "---":
        verbs["note"] = entry["note"]
    # deny, urge: the code their patterns use (deny's entry carries only the block's "---").
    for w in ("deny", "urge"):
        code = _pattern_code([c for _, c in patterns[w]])
        if code is not None and (w in entry or patterns[w]):
            verbs[w] = code
    # call: only the prepositional appeal patterns.
    call_codes: list[str] = []
    for pat, code in patterns["call"]:
        pm = re.match(r"^\*\s+\((\w+)\b", pat)
        if pm and pm.group(1).lower() in CALL_PREPS and code.startswith("02"):
            call_codes.append(code)
            if pm.group(1).lower() not in preps.setdefault("call", []):
                preps["call"].append(pm.group(1).lower())
    code = _pattern_code(call_codes)
    if code is not None:
        verbs["call"] = code
        preps["call"] = sorted(preps["call"])
    # express: single-noun objects ("* CONCERN"), first code seen.
    for pat, code in patterns["express"]:
        pm = re.match(r"^\*\s+&?([A-Z][A-Z-]*)$", pat)
        if pm and code != "---":
            express.setdefault(pm.group(1).lower(), code[:3])
    return verbs, preps, dict(sorted(express.items()))


def build(reference: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for cur, line in _cameo_lines(reference):
        if cur[0] not in BLOCKS:
            continue
        s = line.split("#")[0].strip()
        if not s or s[0] in "-&":
            continue
        word = _entry_word(s)
        if not word or word in NOT_SPEECH or " " in word:
            continue
        code_m = re.search(r"\[(\d+)", s)
        out.setdefault(word.replace("_", " "), code_m.group(1) if code_m else cur[1])
    return dict(sorted(out.items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reference", type=Path, default=Path("/work/shared/reference"))
    ap.add_argument("--out", type=Path, default=ROOT / "stancewire" / "nlp" / "data" / "reporting_cues.json")
    args = ap.parse_args()
    verbs = build(args.reference)
    pattern_verbs, preps, express = build_pattern_cues(args.reference)
    for w, code in pattern_verbs.items():
        verbs.setdefault(w, code)
    verbs = dict(sorted(verbs.items()))
    payload = {
        "_meta": {
            "attribution": "Derived from the CAMEO verb dictionary cameo-verbs.txt, PETRARCH2 project. "
            "MIT License, (c) 2015 Open Event Data Alliance. Generated by scripts/build_cues.py.",
            "license": "MIT",
        },
        "verbs": verbs,
        # "call" + these prepositions is an appeal (CAMEO 02x): "called for a truce".
        "prep_cues": preps,
        # Nouns CAMEO codes as the object of "express" ("expressed concern"), with their codes.
        "express_nouns": express,
    }
    args.out.write_text(json.dumps(payload, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {len(verbs)} cue verbs and {len(express)} express nouns to {args.out}")


if __name__ == "__main__":
    main()
