"""A registry entry that carries a title in its name and id ("Secretary-General Ban Ki-Moon")
is mapped to the person's untitled name, and a family-name-first person is found again by the
first word of the name ("Lo" for "Lo Wen-tao").

Fictional people, offices and countries throughout; the registry file is written per test.
"""

from __future__ import annotations

import json
from pathlib import Path

from stancewire.nlp.extract import Extractor
from stancewire.nlp.mentions.name_ends import without_title
from stancewire.nlp.mentions.words import HONORIFICS, TITLE_WORDS
from stancewire.nlp.registry import ActorRegistry
from stancewire.schemas import Article

_TEXT = (
    "High Commissioner Lo Wen-tao of the fictional Tzuan Republic arrived in Dorvan on Monday.\n"
    '"We are ready to talk," Lo said.'
)


def _extract(extractor: Extractor, tmp_path: Path, rows: list[dict]) -> list[str | None]:
    path = tmp_path / "actors.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    ex = Extractor(registry=ActorRegistry([path], use_cache=False), nlp=extractor.nlp, with_stance=False)
    res = ex.extract(Article(id="t", text=_TEXT))
    return [q.speaker.id if q.speaker else None for q in res.quotes]


_TITLED = {
    "id": "person:commissioner-lo-wen-tao",
    "name": "Commissioner Lo Wen-tao",
    "kind": "person",
    "aliases": ["lo wen-tao"],
}


def test_titled_entry_maps_to_the_untitled_entry(extractor: Extractor, tmp_path: Path) -> None:
    plain = {"id": "person:lo-wen-tao", "name": "Lo Wen-tao", "kind": "person", "aliases": []}
    assert _extract(extractor, tmp_path, [_TITLED, plain]) == ["person:lo-wen-tao"]


def test_titled_entry_alone_keeps_its_id_but_not_the_title(extractor: Extractor, tmp_path: Path) -> None:
    path = tmp_path / "actors.jsonl"
    path.write_text(json.dumps(_TITLED) + "\n", encoding="utf-8")
    ex = Extractor(registry=ActorRegistry([path], use_cache=False), nlp=extractor.nlp, with_stance=False)
    (q,) = ex.extract(Article(id="t", text=_TEXT)).quotes
    assert q.speaker is not None
    # The id is the registry's key (its facts hang on it); the name shown loses the title.
    assert q.speaker.id == "person:commissioner-lo-wen-tao"
    assert q.speaker.name == "Lo Wen-tao"


def test_without_title_keeps_two_words() -> None:
    titles = TITLE_WORDS | HONORIFICS
    assert without_title("Secretary-General Ban Ki-Moon", titles) == "Ban Ki-Moon"
    assert without_title("Sir Osric Vell", titles) == "Osric Vell"
    assert without_title("Dean Marrow", titles) == "Dean Marrow"  # a given name, not the title
