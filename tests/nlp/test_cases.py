"""Quote and speaker cases kept as data: ``cases/speakers.toml`` and ``cases/quotes.toml``.

Each case is an article text, which quote to look at, and what that quote (its span, type,
speaker fields) must be. The header of each file says how a case is written. A new rule gets
its cases added there; a test that needs more than "this quote, these fields" stays a function.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import pytest

from stancewire.schemas import Article, ExtractionResult, Quote

if TYPE_CHECKING:
    from stancewire.nlp.extract import Extractor

CASES = Path(__file__).resolve().parent / "cases"
NONE = "<none>"  # TOML has no null: the field must be None (a quote without a speaker, ...)


def _load(name: str) -> list[Any]:
    cases = tomllib.loads((CASES / f"{name}.toml").read_text(encoding="utf-8"))["case"]
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), f"duplicate case ids in {name}.toml"
    return [pytest.param(c, id=c["id"]) for c in cases]


def _select(res: ExtractionResult, case: dict[str, Any]) -> Quote:
    quotes = res.quotes
    found = [(q.type, q.text) for q in quotes]
    if "quote" in case:
        q = next((q for q in quotes if case["quote"] in q.text), None)
        assert q is not None, f"no quote contains {case['quote']!r}; found {found}"
        return q
    if "index" in case:
        assert -len(quotes) <= case["index"] < len(quotes), f"no quote at {case['index']}; found {found}"
        return quotes[case["index"]]
    only = case["only"]
    qs = [q for q in quotes if only is True or q.type == only]
    assert len(qs) == 1, found
    return qs[0]


def _field(obj: Any, path: str) -> Any:
    for part in path.split("."):
        assert obj is not None, f"{path}: {part!r} of None"
        obj = getattr(obj, part)
    return obj


def _check(case: dict[str, Any], run: Any) -> None:
    res = run(case["text"], case["published"]) if "published" in case else run(case["text"])
    expect = dict(case["expect"])
    if "speaker_names" in expect:
        names = [q.speaker.name if q.speaker else NONE for q in res.quotes]
        assert names == expect.pop("speaker_names")
    if not expect:
        return
    q = _select(res, case)
    for path in expect.pop("_present", []):
        assert _field(q, path) is not None, f"{path} is None in {q.text!r}"
    for path, want in expect.items():
        got = _field(q, path)
        if want == NONE:
            assert got is None, f"{path}: {got!r}, expected none"
        else:
            # Enum fields (kind, mention_kind) are StrEnums: equal to their string value.
            assert got == want, f"{path}: {got!r}, expected {want!r} (quote {q.text!r})"


@pytest.mark.parametrize("case", _load("speakers"))
def test_speaker_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)


@pytest.mark.parametrize("case", _load("quotes"))
def test_quote_case(case: dict[str, Any], run: Any) -> None:
    _check(case, run)


def check_index(case: dict[str, Any], extractor: Extractor) -> None:
    """The Doc's mention index for a case: its phrase is (``indexed``) or is not
    (``not_indexed``) a mention of its quote's speaker; with ``unique``, no actor is recorded
    twice over one span."""
    if not any(k in case for k in ("indexed", "not_indexed", "unique")):
        return
    text = case["text"]
    art = Article(id="m", text=text, published_at=datetime(2025, 1, 27, tzinfo=UTC), synthetic=True)
    doc = extractor.process(art)
    q = _select(SimpleNamespace(quotes=doc._.quotes), case)
    assert q.speaker is not None
    mentions = doc._.mentions.mentions
    spans = {text[m.start : m.end] for m in mentions if m.actor.id == q.speaker.id}
    if "indexed" in case:
        assert case["indexed"] in spans, f"{case['indexed']!r} not among {sorted(spans)}"
    if "not_indexed" in case:
        assert case["not_indexed"] not in spans, f"{case['not_indexed']!r} among {sorted(spans)}"
    if case.get("unique"):
        twice = [k for k, n in Counter((m.start, m.end, m.actor.id) for m in mentions).items() if n > 1]
        assert not twice, f"recorded twice: {twice}"
