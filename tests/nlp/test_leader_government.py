"""'The <leader> administration' is the government the leader served in (fictional registry).

Fictional people and countries, in a registry file written for the test: Ama Koro served in the
Veltrian government; the article also names the Dravik state government, which a bare "the
administration" would have taken as the most-mentioned government.
"""

from __future__ import annotations

import json
from pathlib import Path

from stancewire.nlp.extract import Extractor
from stancewire.nlp.registry import ActorRegistry
from stancewire.schemas import Article

ACTORS = [
    {
        "id": "person:ama-koro",
        "name": "Ama Koro",
        "kind": "person",
        "aliases": ["ama koro", "president koro"],
        "roles": [{"code": "VLTGOV", "country": "VLT", "valid_from": "2019-01-01"}],
    },
    {
        "id": "gov:vlt",
        "name": "Veltrian government",
        "kind": "government",
        "country": "VLT",
        "aliases": ["Veltria"],
    },
    {
        "id": "gov:drv",
        "name": "Dravik government",
        "kind": "government",
        "country": "DRV",
        "aliases": ["Dravik"],
    },
]


def _fictional_extractor(extractor: Extractor, tmp_path: Path) -> Extractor:
    """An extractor on the shared pipeline with the registry of ``ACTORS`` only."""
    p = tmp_path / "actors.jsonl"
    p.write_text("".join(json.dumps(a) + "\n" for a in ACTORS), encoding="utf-8")
    return Extractor(registry=ActorRegistry([p], use_cache=False), nlp=extractor.nlp, with_stance=False)


def test_leader_administration_is_the_leaders_government(extractor: Extractor, tmp_path: Path) -> None:
    ex = _fictional_extractor(extractor, tmp_path)
    text = (
        "Dravik officials said the water was safe, and Dravik said the pipes were new. "
        "Ama Koro visited the town on Monday. "
        "The Koro administration said it would send aid to the town."
    )
    res = ex.extract(Article(id="t", text=text))
    q = next(q for q in res.quotes if "send aid" in q.text)
    assert q.speaker is not None and q.speaker.id == "gov:vlt", q.speaker


def test_a_leaders_administration_needs_no_other_mention_of_the_leader(
    extractor: Extractor, tmp_path: Path
) -> None:
    # The article never names Koro outside "the Koro administration": the registry knows a
    # President Koro, who served in the Veltrian government (before: the Dravik government,
    # the one the article mentions most).
    ex = _fictional_extractor(extractor, tmp_path)
    text = (
        "Dravik officials said the water was safe, and Dravik said the pipes were new. "
        "In 2019, the Koro administration said it would send aid to the town."
    )
    res = ex.extract(Article(id="t", text=text))
    q = next(q for q in res.quotes if "send aid" in q.text)
    assert q.speaker is not None and q.speaker.id == "gov:vlt", q.speaker
