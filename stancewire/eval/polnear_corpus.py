"""Read PolNeAR (real annotated US political news) from outside the repository: the gold side of
:mod:`stancewire.eval.polnear`, which matches and scores. Pure Python, no spaCy.

Corpus layout: ``text/<article>.txt`` and ``attributions/<article>_<annotator>.ann`` (brat
standoff; ``T`` lines are spans, possibly in fragments joined by ``;``; ``E`` lines tie one
attribution's Source, Cue and Content together). Articles annotated twice are read from the
first annotator file in sort order. An attribution without a Content span is not scorable
and is counted in ``skipped``.

**Split.** An article is in the *holdout* fifth when ``int(sha1(name).hexdigest(), 16) % 5 == 0``
(``name`` = the text file's stem, UTF-8), else in *dev*. Fixed, independent of the file list
and of the extractor; dev is what people tune on, holdout is only run to report.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from stancewire.eval.cue_classes import cue_class

SOURCE_KINDS: tuple[str, ...] = ("name", "pronoun", "role", "organisation", "none")
Split = Literal["dev", "holdout", "all"]
# ``../shared/corpora/polnear-train`` beside the repository; STANCEWIRE_POLNEAR_DIR overrides it.
DEFAULT_DIR = Path(
    os.environ.get(
        "STANCEWIRE_POLNEAR_DIR",
        Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "polnear-train",
    )
)

Frag = tuple[int, int]

# Source-kind rules (the gold Source is a plain string here, no parse): pronouns by list;
# organisations by a head word, an acronym or "The" + a proper name ("The Hill"); names by a
# capitalised word that is not a title or a determiner; everything else ("the Ohio Democrat",
# "officials", "many voters") is a role noun or definite description.
# fmt: off
_PRONOUNS = frozenset({
    "he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "us", "me", "his", "hers",
    "their", "its", "our", "my", "your", "who", "whom", "which", "that", "himself", "herself",
    "themselves", "itself", "this", "these", "those", "one", "someone", "somebody", "everyone",
    "nobody", "anyone", "both", "some", "many", "others", "all",
})
_ORG_WORDS = frozenset({
    "department", "committee", "campaign", "party", "agency", "administration", "court", "council",
    "house", "senate", "congress", "police", "office", "ministry", "government", "company",
    "corporation", "corp", "inc", "group", "association", "union", "commission", "board", "bureau",
    "news", "times", "post", "journal", "poll", "survey", "report", "study", "statement", "network",
    "institute", "foundation", "center", "centre", "university", "college", "school", "church",
    "bank", "fund", "team", "club", "organization", "organisation", "coalition", "caucus", "pac",
    "staff", "service", "authority", "federation", "league", "alliance", "majority", "minority",
    "magazine", "newspaper", "channel", "radio", "tv", "television", "outlet", "press", "website",
    "site", "blog", "page", "account", "document", "documents", "memo", "letter", "filing",
    "complaint", "lawsuit", "suit", "ruling", "order", "bill", "law", "data", "figures", "analysis",
    "research", "emails", "email", "records", "transcript", "book", "ad", "video", "pentagon",
    "fbi", "cia", "nsa", "gop", "dnc", "rnc", "un", "nato", "eu", "white", "kremlin", "cnn", "msnbc",
    "fox", "ap", "reuters", "nbc", "abc", "cbs", "npr", "politico", "gallup", "pew", "quinnipiac",
    "state", "states", "city", "county", "country", "nation",
})
# Groups named by a plural (capitalised or not): role nouns in our conventions, not organisations.
_GROUP_WORDS = frozenset({
    "republicans", "democrats", "conservatives", "liberals", "progressives", "americans", "officials",
    "voters", "supporters", "critics", "analysts", "experts", "sources", "aides", "advisers",
    "lawmakers", "people", "residents", "members", "leaders", "activists", "observers", "evangelicals",
})
_PREPOSITIONS = frozenset({"of", "at", "for", "from", "in", "with", "on", "to", "by"})
TITLE_WORDS = frozenset({
    "mr", "mrs", "ms", "dr", "sen", "senator", "rep", "representative", "gov", "governor",
    "president", "secretary", "gen", "general", "speaker", "leader", "chairman", "chairwoman",
    "mayor", "judge", "justice", "spokesman", "spokeswoman", "spokesperson", "former", "vice",
    "attorney", "candidate", "nominee", "democratic", "republican", "democrat",
})
DETERMINERS = frozenset({
    "the", "a", "an", "many", "most", "some", "several", "two", "three", "four", "five", "one",
    "other", "another", "such", "these", "those", "this", "that", "his", "her", "their", "its",
    "our", "my", "your", "few", "all", "both", "any", "every", "each", "no",
})
# fmt: on
SOURCE_TOKEN = re.compile(r"[\w.&'’-]+")
POSSESSIVE = re.compile(r"['’]s?$")  # a possessive ending: "Morn's", "the Velks'"


def source_kind(source: str | None) -> str:
    """Kind of a gold Source mention: name, pronoun, role, organisation or none (rules above).

    Only the part before the first comma counts ("Paul Lindsay, a spokesman for X" is a name, as
    in our own gold conventions), and the head is the last word before a preposition ("the
    former secretary of State" is headed by "secretary").
    """
    if source is None or not source.strip():
        return "none"
    first = source.split(",")[0] if source.split(",")[0].strip() else source
    words = [w.strip(".,'’") for w in SOURCE_TOKEN.findall(first)]
    words = [w for w in words if w]
    if not words:
        return "none"
    lower = [w.casefold() for w in words]
    if len(words) <= 2 and all(w in _PRONOUNS for w in lower):
        return "pronoun"
    cut = next((i for i, w in enumerate(lower) if i > 0 and w in _PREPOSITIONS), len(lower))
    head_words = [w for w in words[:cut] if not w.casefold().endswith(("'s", "’s"))] or words[:cut]
    head = head_words[-1]
    if head.casefold() in _GROUP_WORDS:
        return "role"
    if head.casefold() in _ORG_WORDS or (len(head) >= 2 and head.isupper() and head.isalpha()):
        return "organisation"
    if lower[0] == "the" and _the_proper_name(words[1:cut]):
        return "organisation"  # "The Hill", "The Miami Herald": a body's name, not a description
    if lower[0] in DETERMINERS or not words[0][:1].isupper():
        return "role"
    if not head[:1].isupper():
        return "role"  # "Donald Trump's campaign manager", "Presidential candidate" + lowercase head
    plain = TITLE_WORDS | DETERMINERS
    if any(w[:1].isupper() and w.casefold() not in plain for w in words):
        return "name"
    return "role"


def _the_proper_name(words: Sequence[str]) -> bool:
    """Capitalised words only after "The", none a title, determiner or group word: an outlet or
    body whose name begins with "The" ("The Hill", "The New Yorker"). Descriptions stay roles:
    "The President", "the Ohio Democrat", a people or family by its plural ("The Russians",
    "the Clintons"), and a phrase with a possessive ("The Herald's Ada Morn" is a person)."""
    plain = TITLE_WORDS | DETERMINERS | _GROUP_WORDS
    return (
        bool(words)
        and all(w[:1].isupper() and w.casefold() not in plain for w in words)
        and not any(POSSESSIVE.search(w) for w in words)
        and not (words[-1].endswith("s") and not words[-1].endswith("ss"))
    )


def split_of(name: str) -> str:
    """``holdout`` for a fixed fifth of the articles (sha1 of the name mod 5 == 0), else ``dev``."""
    return "holdout" if int(hashlib.sha1(name.encode("utf-8")).hexdigest(), 16) % 5 == 0 else "dev"


# --------------------------------------------------------------------------- corpus


@dataclass(frozen=True)
class GoldAttribution:
    """One PolNeAR attribution: Content fragments, Cue and Source (text and fragments)."""

    content: tuple[Frag, ...]
    cue: str | None = None
    source: str | None = None
    source_frags: tuple[Frag, ...] = ()
    # For a first-person Source inside another attribution's Content ("I" in a quote), that
    # attribution's Source: the one who says "I" (see _first_person_sources).
    source_alt: tuple[Frag, ...] = ()

    @property
    def cue_class(self) -> str:
        return cue_class(self.cue)

    @property
    def source_kind(self) -> str:
        return source_kind(self.source)


@dataclass
class CorpusArticle:
    name: str
    text: str
    attributions: list[GoldAttribution]
    annotator: str = ""
    skipped: int = 0  # attributions without a Content span
    byline: str = ""  # metadata.tsv's author field, as the outlet printed it ("AMY CHOZICK and …")


class CorpusError(ValueError):
    """The corpus directory is missing or not in the expected layout."""


_ANN_LINE = re.compile(r"^(?:[TERAMN]\d+|#\d*|\*)\t|^$")


def parse_ann(ann: str, text: str | None = None, where: str = "") -> tuple[list[GoldAttribution], int]:
    """Parse brat standoff into attributions; returns (attributions, skipped without Content).

    With ``text``, every span is checked against it (brat stores the span text, fragments joined
    by a space), so an offset convention mismatch fails loudly instead of scoring garbage.
    """
    spans: dict[str, tuple[str, tuple[Frag, ...], str]] = {}
    events: list[dict[str, str]] = []
    lines: list[tuple[int, str]] = []
    for n, line in enumerate(ann.split("\n"), 1):
        if lines and not _ANN_LINE.match(line):
            # A span text with a line break in it continues on the next physical line.
            lines[-1] = (lines[-1][0], lines[-1][1] + "\n" + line)
        else:
            lines.append((n, line))
    for n, line in lines:
        if not line.strip():
            continue
        parts = line.split("\t")
        if line.startswith("T"):
            if len(parts) < 3:
                raise CorpusError(f"{where}:{n}: bad span line {line[:80]!r}")
            label, _, offs = parts[1].partition(" ")
            try:
                frags = tuple((int(a), int(b)) for a, b in (f.split() for f in offs.split(";")))
            except ValueError:
                raise CorpusError(f"{where}:{n}: bad offsets {offs!r}") from None
            # Some long span texts in the corpus are cut short: a prefix is as good a check.
            if text is not None and not " ".join(text[a:b] for a, b in frags).startswith(parts[2]):
                raise CorpusError(f"{where}:{n}: span text does not match the article at {offs}")
            spans[parts[0]] = (label, frags, parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            roles: dict[str, str] = {}
            for arg in parts[1].split():
                role, _, tid = arg.partition(":")
                roles[role] = tid
            events.append(roles)
    out: list[GoldAttribution] = []
    skipped = 0
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if content is None:
            skipped += 1
            continue
        cue = spans.get(roles.get("Cue", ""))
        source = spans.get(roles.get("Source", ""))
        out.append(
            GoldAttribution(
                content=tuple(sorted(content[1])),
                cue=cue[2] if cue else None,
                source=source[2] if source else None,
                source_frags=source[1] if source else (),
            )
        )
    return _first_person_sources(out), skipped


_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our", "myself", "ourselves"})


def _first_person_sources(attributions: list[GoldAttribution]) -> list[GoldAttribution]:
    """Give a first-person Source nested in another attribution's Content that one's Source too.

    PolNeAR annotates attributions inside quotes ("I think" in a long quote) with Source "I".
    Our extractor resolves the quote's speaker, who *is* "I"; the gold names them through the
    enclosing attribution's Source. The innermost enclosing Content with a Source is used.
    """
    out = []
    for g in attributions:
        if not g.source_frags or (g.source or "").strip().casefold() not in _FIRST_PERSON:
            out.append(g)
            continue
        a, b = g.source_frags[0]
        enclosing = [
            e
            for e in attributions
            if e is not g and e.source_frags and any(s <= a and b <= t for s, t in e.content)
        ]
        if enclosing:
            inner = min(enclosing, key=lambda e: frags_length(e.content))
            g = GoldAttribution(g.content, g.cue, g.source, g.source_frags, inner.source_frags)
        out.append(g)
    return out


def read_metadata(root: Path) -> dict[str, dict[str, str]]:
    """``metadata.tsv`` rows by article name (publisher, date, author, title); empty without it."""
    path = root / "metadata.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["filename"]: row for row in csv.DictReader(fh, delimiter="\t") if row.get("filename")}


def load_corpus(
    directory: str | Path, split: Split = "all", limit: int | None = None, errors: list[str] | None = None
) -> list[CorpusArticle]:
    """Read the articles of one split, in name order (``limit`` keeps the first N of them).

    An article whose annotation cannot be read is left out with its reason appended to
    ``errors`` (raised when ``errors`` is None), so one bad file does not sink a run.
    """
    root = Path(directory)
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise CorpusError(
            f"no PolNeAR corpus at {root} (expected text/ and attributions/; see "
            "../shared/corpora/README.md: the corpus is never copied into the repository)"
        )
    anns: dict[str, list[Path]] = {}
    for p in ann_dir.glob("*.ann"):
        stem, _, _annotator = p.stem.rpartition("_")
        anns.setdefault(stem, []).append(p)
    bylines = {name: row.get("author") or "" for name, row in read_metadata(root).items()}
    out: list[CorpusArticle] = []
    for txt in sorted(text_dir.glob("*.txt")):
        name = txt.stem
        if split != "all" and split_of(name) != split:
            continue
        if name not in anns:
            continue  # an article nobody annotated cannot be scored
        ann_path = sorted(anns[name])[0]
        text = _read(txt)
        try:
            attributions, skipped = parse_ann(_read(ann_path), text, where=ann_path.name)
        except CorpusError as exc:
            if errors is None:
                raise
            errors.append(str(exc))
            continue
        annotator = ann_path.stem.rpartition("_")[2]
        out.append(CorpusArticle(name, text, attributions, annotator, skipped, bylines.get(name, "")))
        if limit is not None and len(out) >= limit:
            break
    return out


def _read(path: Path) -> str:
    # newline="" keeps "\r\n" as two characters: brat offsets count them.
    with path.open(encoding="utf-8", newline="") as fh:
        return fh.read()


def frags_length(frags: Sequence[Frag]) -> int:
    """Characters covered by ``frags`` (fragments do not overlap; an empty one counts 0)."""
    return sum(max(0, end - start) for start, end in frags)
