#!/usr/bin/env python3
"""Build ``tests/data/gold/quotes.jsonl`` from the hand-annotated sources in ``tests/data/gold/src``.

Why a markup source instead of hand-written offsets: character offsets typed by hand are
wrong as soon as a word is edited. Annotators write readable articles with inline markers;
this script strips the markers, computes every offset, and refuses to emit anything that
fails the consistency checks (so the JSONL can always be trusted by the scorer and tests).

Source format (one article per ``NNN-slug.md`` file)::

    ---
    id: gold-001
    title: Some headline
    source: The Marrowgate Courier
    published_at: 2025-03-04T09:30:00Z
    genre: politics
    style: wire
    speakers:
      ada-morn: Ada Morn | person
      officials: Veltrian officials | group
      spokes: police spokesperson | person | unnamed | affiliation=police
      police: Quillon Police | organisation
    ---
    Body paragraph, one per line or wrapped; paragraphs are separated by a blank line.

Inline markup inside the body:

* ``[[LABEL SPEAKER KIND|text]]`` marks a speaker mention. ``KIND`` is ``name``, ``pronoun``,
  ``role`` or ``organisation``; ``LABEL`` is a short per-article handle used by quotes.
* ``{{TYPE LABEL CUE|content}}`` marks a quote whose speaker is the mention ``LABEL``.
  ``TYPE`` is ``direct``, ``indirect`` or ``mixed``; ``CUE`` is the cue text (may contain
  spaces, e.g. ``told reporters``); ``^`` as the cue marks the continuation paragraph of a
  multi-paragraph direct quote (no cue of its own; mention inherited).
* ``{{floating SPEAKER|content}}`` marks a floating quote attributed from context.

Run: ``.venv/bin/python scripts/build_gold.py`` (``--check`` builds without writing).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "data" / "gold"
SRC_DIR = GOLD_DIR / "src"
OUT_PATH = GOLD_DIR / "quotes.jsonl"
README_PATH = GOLD_DIR / "README.md"

QUOTE_TYPES = ("direct", "indirect", "mixed", "floating")
MENTION_KINDS = ("name", "pronoun", "role", "organisation")
ALL_MENTION_KINDS = (*MENTION_KINDS, "floating")
SPEAKER_KINDS = ("person", "government", "organisation", "place", "group")
GENRES = (
    "politics",
    "business",
    "sport",
    "courts",
    "science",
    "health",
    "local",
    "tech",
    "culture",
    "weather",
)
STYLES = ("wire", "feature", "press-release", "interview", "live-blog")

OPENING_MARKS = "“\"‘«„'"
CLOSING_MARKS = "”\"’»“'"
# Trailing characters an indirect/mixed content span must not end with (the sentence's
# own full stop or the comma before a trailing cue belongs to the sentence, not the content).
BAD_INDIRECT_END = ".,;: "

TOKEN_RE = re.compile(r"\[\[([^|\]]+)\||\]\]|\{\{([^|}]+)\||\}\}")


class GoldError(ValueError):
    """An annotation or format error, reported with the source file name."""


@dataclass
class Mention:
    label: str
    speaker: str
    kind: str
    start: int
    end: int = -1


@dataclass
class QuoteMark:
    qtype: str
    label: str | None
    speaker: str | None
    cue: str | None
    continuation: bool
    start: int
    end: int = -1


@dataclass
class Parsed:
    text: str
    mentions: dict[str, Mention] = field(default_factory=dict)
    quotes: list[QuoteMark] = field(default_factory=list)


def parse_header(lines: list[str], where: str) -> dict:
    """Parse the small YAML-like header (flat keys plus a ``speakers:`` table)."""
    meta: dict = {"speakers": {}}
    in_speakers = False
    for raw in lines:
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if raw.startswith("  ") and in_speakers:
            sid, _, rest = raw.strip().partition(":")
            parts = [p.strip() for p in rest.split("|")]
            if len(parts) < 2 or parts[1] not in SPEAKER_KINDS:
                raise GoldError(f"{where}: bad speaker line {raw!r}")
            flags = parts[2:]
            affiliation = next((f.split("=", 1)[1] for f in flags if f.startswith("affiliation=")), None)
            meta["speakers"][sid.strip()] = {
                "id": sid.strip(),
                "name": parts[0],
                "kind": parts[1],
                "unnamed": parts[1] == "group" or "unnamed" in flags,
                "affiliation": affiliation,
            }
            continue
        key, _, value = raw.partition(":")
        key = key.strip()
        in_speakers = key == "speakers"
        if not in_speakers:
            meta[key] = value.strip()
    for key in ("id", "title", "source", "published_at", "genre", "style"):
        if not meta.get(key):
            raise GoldError(f"{where}: header lacks {key}")
    if meta["genre"] not in GENRES:
        raise GoldError(f"{where}: unknown genre {meta['genre']}")
    if meta["style"] not in STYLES:
        raise GoldError(f"{where}: unknown style {meta['style']}")
    return meta


def normalise_body(body: str) -> str:
    """Join wrapped lines inside a paragraph; paragraphs are separated by exactly one blank line."""
    paragraphs = [" ".join(line.strip() for line in p.splitlines()) for p in re.split(r"\n\s*\n", body)]
    return "\n\n".join(p for p in paragraphs if p)


def parse_body(body: str, where: str) -> Parsed:
    """Strip markup, recording mention and quote offsets into the stripped text."""
    out: list[str] = []
    pos = 0  # length of the stripped text so far
    stack: list[Mention | QuoteMark] = []
    parsed = Parsed(text="")
    last = 0
    for m in TOKEN_RE.finditer(body):
        chunk = body[last : m.start()]
        out.append(chunk)
        pos += len(chunk)
        last = m.end()
        tok = m.group(0)
        if m.group(1) is not None:  # mention opener
            args = m.group(1).split()
            if len(args) != 3 or args[2] not in MENTION_KINDS:
                raise GoldError(f"{where}: bad mention opener {tok!r}")
            label, speaker, kind = args
            if label in parsed.mentions:
                raise GoldError(f"{where}: duplicate mention label {label!r}")
            mention = Mention(label, speaker, kind, pos)
            parsed.mentions[label] = mention
            stack.append(mention)
        elif m.group(2) is not None:  # quote opener
            args = m.group(2).split()
            if not args or args[0] not in QUOTE_TYPES:
                raise GoldError(f"{where}: bad quote opener {tok!r}")
            qtype = args[0]
            if qtype == "floating":
                if len(args) != 2:
                    raise GoldError(f"{where}: floating quote needs exactly a speaker id: {tok!r}")
                quote = QuoteMark(qtype, None, args[1], None, False, pos)
            else:
                if len(args) < 3:
                    raise GoldError(f"{where}: quote needs a mention label and a cue: {tok!r}")
                cue = " ".join(args[2:])
                cont = cue == "^"
                if cont and qtype != "direct":
                    raise GoldError(f"{where}: only direct quotes continue across paragraphs: {tok!r}")
                quote = QuoteMark(qtype, args[1], None, None if cont else cue, cont, pos)
            parsed.quotes.append(quote)
            stack.append(quote)
        elif tok == "]]":
            if not stack or not isinstance(stack[-1], Mention):
                raise GoldError(f"{where}: unbalanced ']]' near {body[max(0, m.start() - 40) : m.end()]!r}")
            stack.pop().end = pos
        else:  # "}}"
            if not stack or not isinstance(stack[-1], QuoteMark):
                raise GoldError(f"{where}: unbalanced '}}}}' near {body[max(0, m.start() - 40) : m.end()]!r}")
            stack.pop().end = pos
    out.append(body[last:])
    if stack:
        raise GoldError(f"{where}: unclosed markup {stack[-1]!r}")
    parsed.text = "".join(out)
    if "[[" in parsed.text or "{{" in parsed.text or "]]" in parsed.text or "}}" in parsed.text:
        raise GoldError(f"{where}: stray markup left in text")
    return parsed


def paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n\n", 0, offset)
    start = 0 if start < 0 else start + 2
    end = text.find("\n\n", offset)
    return start, len(text) if end < 0 else end


def check_quote(text: str, q: QuoteMark, where: str) -> None:
    """Format checks that catch the usual annotation slips (marks inside spans, stray periods)."""
    content = text[q.start : q.end]
    snippet = f"{where}: {q.qtype} quote {content[:60]!r}"
    if not content.strip():
        raise GoldError(f"{snippet} is empty")
    if content != content.strip():
        raise GoldError(f"{snippet} has leading/trailing whitespace")
    if "\n" in content:
        raise GoldError(f"{snippet} crosses a paragraph break (annotate one quote per paragraph)")
    before = text[q.start - 1] if q.start > 0 else ""
    after = text[q.end] if q.end < len(text) else ""
    if q.qtype in ("direct", "floating"):
        colon_answer = q.cue == ":" and before == " " and text[q.start - 2] == ":"
        if before not in OPENING_MARKS and not colon_answer:
            raise GoldError(f"{snippet} is not preceded by an opening quotation mark ({before!r})")
        nested_close = (content[-1] == "’" and "‘" in content) or (content[-1] == "”" and "“" in content)
        if content[0] in "“«„" or (content[-1] in "”»" and not nested_close):
            raise GoldError(f"{snippet} includes its quotation marks")
        if after not in CLOSING_MARKS:
            # Either a paragraph-final open quote continued in the next paragraph, or a Q&A answer.
            para_end = paragraph_bounds(text, q.start)[1]
            if q.end != para_end:
                raise GoldError(f"{snippet} is not followed by a closing mark ({after!r})")
            if not colon_answer and not (para_end < len(text) and text[para_end + 2] in OPENING_MARKS):
                raise GoldError(f"{snippet} is open at paragraph end but no continuation follows")
    else:
        if content[-1] in BAD_INDIRECT_END:
            raise GoldError(f"{snippet} ends with {content[-1]!r}")
        if text[max(0, q.start - 5) : q.start].lower() == "that ":
            # The complementiser opens the reported clause and belongs to it (PolNeAR's and
            # PARC's convention, which exact-span scores on real news are counted in).
            raise GoldError(f"{snippet} leaves out its complementiser 'that' (annotate 'that Y')")
        if q.qtype == "mixed" and not any(c in content for c in OPENING_MARKS):
            raise GoldError(f"{snippet} is mixed but contains no quoted fragment")
        if q.qtype == "indirect" and any(c in content for c in "“”«»„"):
            raise GoldError(f"{snippet} is indirect but contains quotation marks (mixed?)")


def build_article(path: Path) -> dict:
    where = path.name
    raw = path.read_text(encoding="utf-8")
    if not raw.startswith("---\n"):
        raise GoldError(f"{where}: missing header")
    header, sep, body = raw[4:].partition("\n---\n")
    if not sep:
        raise GoldError(f"{where}: unterminated header")
    meta = parse_header(header.splitlines(), where)
    parsed = parse_body(normalise_body(body), where)
    text = parsed.text
    speakers = meta["speakers"]
    for mention in parsed.mentions.values():
        if mention.speaker not in speakers:
            raise GoldError(f"{where}: mention {mention.label} names unknown speaker {mention.speaker}")
    used_labels: set[str] = set()
    quotes = []
    for q in sorted(parsed.quotes, key=lambda q: q.start):
        check_quote(text, q, where)
        if q.qtype == "floating":
            assert q.speaker is not None
            if q.speaker not in speakers:
                raise GoldError(f"{where}: floating quote names unknown speaker {q.speaker}")
            speaker_id, mention = q.speaker, None
        else:
            assert q.label is not None
            if q.label not in parsed.mentions:
                raise GoldError(f"{where}: quote refers to undefined mention {q.label!r}")
            used_labels.add(q.label)
            mention = parsed.mentions[q.label]
            speaker_id = mention.speaker
            if q.cue is not None:
                p_start, p_end = paragraph_bounds(text, q.start)
                if q.cue not in text[p_start:p_end]:
                    snippet = text[q.start : q.end][:50]
                    raise GoldError(f"{where}: cue {q.cue!r} not in the paragraph of {snippet!r}")
                m_start, _ = paragraph_bounds(text, mention.start)
                if m_start != p_start and q.cue != ":":
                    raise GoldError(f"{where}: mention {mention.label} is not in the quote's paragraph")
        spk = speakers[speaker_id]
        speaker = {"id": spk["id"], "name": spk["name"], "kind": spk["kind"]}
        if spk["unnamed"]:
            speaker["unnamed"] = True
        if spk["affiliation"]:
            # The organisation an unnamed spokesperson speaks for; the scorer accepts it too.
            if spk["affiliation"] not in speakers:
                raise GoldError(f"{where}: affiliation {spk['affiliation']} is not in the speaker table")
            speaker["affiliation"] = speakers[spk["affiliation"]]["name"]
        quote = {
            "type": q.qtype,
            "start": q.start,
            "end": q.end,
            "text": text[q.start : q.end],
            "speaker": speaker,
            "mention_kind": mention.kind if mention else "floating",
            "mention": text[mention.start : mention.end] if mention else None,
            "mention_start": mention.start if mention else None,
            "mention_end": mention.end if mention else None,
            "cue": q.cue,
            "continuation": q.continuation,
        }
        assert text[quote["start"] : quote["end"]] == quote["text"]
        quotes.append(quote)
    unused = set(parsed.mentions) - used_labels
    if unused:
        raise GoldError(f"{where}: mentions never used by a quote: {sorted(unused)}")
    words = len(text.split())
    if not 150 <= words <= 900:
        raise GoldError(f"{where}: {words} words; articles must be 150-900 words")
    genre, style = meta["genre"], meta["style"]
    return {
        "id": meta["id"],
        "title": meta["title"],
        "text": text,
        "published_at": meta["published_at"],
        "source": meta["source"],
        "synthetic": True,
        "metadata": {
            "synthetic": True,
            "genre": genre,
            "style": style,
            "words": words,
            "note": "fictional people and places",
            "src": f"tests/data/gold/src/{path.name}",
            # Speakers referred to by a role noun resolvable only from an earlier in-article
            # mention ("Veltrian President Ama Koro ... the Veltrian president said").
            "role_resolution": meta.get("role_resolution", "no") == "yes",
        },
        "quotes": quotes,
    }


def stats_markdown(articles: list[dict]) -> str:
    """The generated statistics section of the gold README."""
    quotes = [q for a in articles for q in a["quotes"]]
    by_type = Counter(q["type"] for q in quotes)
    by_mk = Counter(q["mention_kind"] for q in quotes)
    by_spk = Counter(q["speaker"]["kind"] for q in quotes)
    by_genre = Counter(a["metadata"]["genre"] for a in articles)
    by_style = Counter(a["metadata"]["style"] for a in articles)
    cross = Counter((q["type"], q["mention_kind"]) for q in quotes)
    words = sum(a["metadata"]["words"] for a in articles)
    lines = [
        f"- articles: **{len(articles)}** ({words} words), quotes: **{len(quotes)}**",
        f"- continuation paragraphs of multi-paragraph direct quotes: "
        f"{sum(q['continuation'] for q in quotes)}",
        "",
        "| quote type | count |",
        "| --- | ---: |",
        *(f"| {t} | {by_type[t]} |" for t in QUOTE_TYPES),
        "",
        "| mention kind | count |",
        "| --- | ---: |",
        *(f"| {k} | {by_mk[k]} |" for k in ALL_MENTION_KINDS),
        "",
        "| type \\ mention | " + " | ".join(ALL_MENTION_KINDS) + " |",
        "| --- |" + " ---: |" * len(ALL_MENTION_KINDS),
        *(
            f"| {t} | " + " | ".join(str(cross[(t, k)]) for k in ALL_MENTION_KINDS) + " |"
            for t in QUOTE_TYPES
        ),
        "",
        "| speaker kind | count |",
        "| --- | ---: |",
        *(f"| {k} | {v} |" for k, v in sorted(by_spk.items())),
        "",
        "| genre | articles |",
        "| --- | ---: |",
        *(f"| {k} | {v} |" for k, v in sorted(by_genre.items())),
        "",
        "| style | articles |",
        "| --- | ---: |",
        *(f"| {k} | {v} |" for k, v in sorted(by_style.items())),
    ]
    return "\n".join(lines)


def update_readme(stats: str) -> None:
    start, end = "<!-- stats:start -->", "<!-- stats:end -->"
    readme = README_PATH.read_text(encoding="utf-8")
    if start not in readme or end not in readme:
        raise GoldError("README.md lacks the stats markers")
    head, _, rest = readme.partition(start)
    _, _, tail = rest.partition(end)
    README_PATH.write_text(f"{head}{start}\n{stats}\n{end}{tail}", encoding="utf-8")


def build(src_dir: Path = SRC_DIR) -> list[dict]:
    articles = [build_article(p) for p in sorted(src_dir.glob("*.md"))]
    ids = Counter(a["id"] for a in articles)
    dupes = [i for i, n in ids.items() if n > 1]
    if dupes:
        raise GoldError(f"duplicate article ids: {dupes}")
    return articles


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="validate only; write nothing")
    ap.add_argument("--show", metavar="ID", help="print one article with its quotes, for review")
    args = ap.parse_args(argv)
    try:
        articles = build()
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.show:
        for a in articles:
            if a["id"] == args.show or args.show in a["metadata"]["src"]:
                print(a["text"], "\n")
                for q in a["quotes"]:
                    print(
                        f"[{q['type']:8} {q['mention_kind']:12} {q['speaker']['name']:28}] "
                        f"{q['cue']!s:16} {q['text']}"
                    )
        return 0
    stats = stats_markdown(articles)
    if not args.check:
        with OUT_PATH.open("w", encoding="utf-8") as fh:
            for a in articles:
                fh.write(json.dumps(a, ensure_ascii=False) + "\n")
        update_readme(stats)
    print(stats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
