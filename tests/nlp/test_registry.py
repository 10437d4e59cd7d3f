"""ActorRegistry: loading, aliases, roles at a date, user extension files."""

from __future__ import annotations

import json
import time
from datetime import date

import pytest

from stancewire.nlp.registry import ActorRegistry, normalise, person_id, slugify
from stancewire.schemas import ActorKind


def test_normalise_and_ids() -> None:
    assert normalise("The  U.S. ") == "us"
    assert normalise("Trump’s") == "trump"
    assert normalise("Erdoğan") == "erdogan"
    assert slugify("Jane Doe") == "jane-doe"
    assert person_id("Jane  Doe") == "person:jane-doe"


def test_lookups(registry: ActorRegistry) -> None:
    assert registry.lookup("Putin").id == "person:vladimir-putin"
    assert registry.lookup("vladimir putin").name == "Vladimir Putin"
    assert registry.lookup("the Kremlin").id == "gov:rus"
    assert registry.lookup("Kyiv").id == "gov:ukr"
    assert registry.lookup("Washington").id == "gov:usa"
    assert registry.lookup("the White House").id == "gov:usa"
    assert registry.lookup("Downing Street").id == "gov:gbr"
    assert registry.lookup("Brussels").id == "org:european-union"
    assert registry.lookup("Peskov").affiliation == "Kremlin"
    assert registry.lookup("Zelenskyy").id == "person:volodymyr-zelensky"
    assert registry.country_code("Russian") == "RUS"
    assert registry.country_code("American") == "USA"


def test_roles_at_date(registry: ActorRegistry) -> None:
    assert registry.by_role("president", "USA", at=date(2024, 6, 1)).name == "Joe Biden"
    assert registry.by_role("president", "USA", at=date(2025, 2, 1)).name == "Donald Trump"
    assert registry.by_role("president", "USA", at=date(2018, 1, 1)).name == "Donald Trump"
    assert registry.by_role("president", "RUS", at=date(2025, 2, 1)).name == "Vladimir Putin"
    assert registry.by_role("president", "UKR", at=date(2020, 1, 1)).name == "Volodymyr Zelensky"
    assert registry.by_role("spokesman", "RUS", at=date(2025, 1, 27)).name == "Dmitry Peskov"
    assert registry.by_role("chancellor", "DEU", at=date(2023, 1, 1)).name == "Olaf Scholz"
    assert registry.by_role("chancellor", "DEU", at=date(2025, 6, 1)).name == "Friedrich Merz"
    assert (
        registry.by_role("secretary-general", org="org:nato", at=date(2024, 1, 1)).name == "Jens Stoltenberg"
    )
    assert registry.by_role("secretary general", org="org:nato", at=date(2025, 1, 1)).name == "Mark Rutte"
    assert registry.by_role("leader", "CHN", at=date(2025, 1, 1)).name == "Xi Jinping"
    assert registry.by_role("president") is None  # unscoped titles are not guessed


def test_phoenix_data_is_loaded(registry: ActorRegistry) -> None:
    assert len(registry) > 10_000
    merkel = registry.lookup("Angela Merkel")
    assert merkel is not None and merkel.kind == ActorKind.person
    assert registry.get("gov:fra") is not None


def test_user_extension_file(tmp_path) -> None:
    p = tmp_path / "mine.jsonl"
    p.write_text(
        json.dumps(
            {
                "id": "person:ama-koro",
                "name": "Ama Koro",
                "kind": "person",
                "aliases": ["Koro"],
                "roles": [{"title": "president", "country": "VLT", "valid_from": "2023-01-01"}],
            }
        )
        + "\n"
        + json.dumps(
            {
                "id": "gov:vlt",
                "name": "Veltrian government",
                "kind": "government",
                "country": "VLT",
                "aliases": ["Veltria", "Veltrian", "Dravik"],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    reg = ActorRegistry([p], use_cache=False)
    assert reg.lookup("Koro").id == "person:ama-koro"
    assert reg.lookup("Dravik").id == "gov:vlt"
    assert reg.country_code("Veltrian") == "VLT"
    assert reg.by_role("president", "VLT", at=date(2024, 1, 1)).name == "Ama Koro"
    assert reg.by_role("president", "VLT", at=date(2022, 1, 1)) is None


def test_missing_extension_file_is_an_error(tmp_path) -> None:
    with pytest.raises(FileNotFoundError):
        ActorRegistry([tmp_path / "nope.jsonl"], use_cache=False)


def test_cached_load_is_fast() -> None:
    ActorRegistry()  # make sure the cache exists
    t = time.perf_counter()
    ActorRegistry()
    assert time.perf_counter() - t < 1.0
