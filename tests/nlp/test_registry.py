"""ActorRegistry: loading, aliases, roles at a date, user extension files."""

from __future__ import annotations

import json
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


@pytest.mark.parametrize(
    "name", ["the Obama administration", "The Bush administration", "the Trump administration"]
)
def test_administrations_of_the_decade_are_the_us_government(registry: ActorRegistry, name: str) -> None:
    # The hand-written file covers 2015-2026 news: "the Obama administration" is the US
    # government as much as "the Trump administration" (and the scorer reads these aliases).
    assert registry.lookup(name).id == "gov:usa"


@pytest.mark.parametrize(
    "place",
    ["Texas", "Ohio", "New York", "Philadelphia", "Mississippi River", "Ontario", "Toronto", "Munich"],
)
def test_places_inside_a_country_are_not_its_government(registry: ActorRegistry, place: str) -> None:
    # Phoenix lists a country's cities, provinces and rivers in its block so that events located
    # there code the country; "Texas officials" and "Ontario" are not the national government.
    found = registry.lookup(place)
    assert found is None or found.kind != ActorKind.government, (place, found and found.id)


@pytest.mark.parametrize(
    ("name", "gov"),
    [("Washington", "gov:usa"), ("U.S.", "gov:usa"), ("Ottawa", "gov:can"), ("Canadian", "gov:can"),
     ("Berlin", "gov:deu"), ("Deutschland", "gov:deu"), ("Accra", "gov:gha"), ("Moscow", "gov:rus")],
)  # fmt: skip
def test_country_names_and_capitals_stay_its_government(registry: ActorRegistry, name: str, gov: str) -> None:
    found = registry.lookup(name)
    assert found is not None and found.id == gov, name


def test_an_acronym_names_an_organisation_before_a_person(registry: ActorRegistry) -> None:
    # "UN:" in a headline is the United Nations, not Kim Jong Un, whose name ends in "Un".
    assert registry.lookup("UN").id == "org:united-nations"
    assert registry.lookup("Kim Jong Un").id == "person:kim-jong-un"


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


def test_second_load_comes_from_the_cache(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    # What the cache is for: a second load must not parse the data files again. Checked by
    # counting parses, not by a wall-clock limit (which a loaded machine broke: the cached load
    # itself takes ~0.7 s of CPU, so any time bound is either flaky or too loose to catch a miss).
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # a cold cache of this test's own
    parses: list[int] = []
    build = ActorRegistry._build

    def counting_build(self: ActorRegistry, base_count: int) -> None:
        parses.append(base_count)
        build(self, base_count)

    monkeypatch.setattr(ActorRegistry, "_build", counting_build)
    first = ActorRegistry()
    assert len(parses) == 1 and list((tmp_path / "stancewire").glob("registry-*.pickle"))
    second = ActorRegistry()
    assert len(parses) == 1, "the second load parsed the files again: the cache was not used"
    assert len(second) == len(first) and second.actors.keys() == first.actors.keys()
    assert second.lookup("the Kremlin").id == first.lookup("the Kremlin").id == "gov:rus"


def test_cache_is_rebuilt_when_a_file_changes(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    extra = tmp_path / "mine.jsonl"
    extra.write_text(json.dumps({"id": "person:ada-quill", "name": "Ada Quill"}) + "\n", encoding="utf-8")
    parses: list[int] = []
    build = ActorRegistry._build

    def counting_build(self: ActorRegistry, base_count: int) -> None:
        parses.append(base_count)
        build(self, base_count)

    monkeypatch.setattr(ActorRegistry, "_build", counting_build)
    ActorRegistry([extra])
    ActorRegistry([extra])
    assert len(parses) == 1
    # A user file edited (new size and mtime): the stale index must not be served.
    extra.write_text(
        json.dumps({"id": "person:ada-quill", "name": "Ada Quill", "aliases": ["A. Quill"]}) + "\n",
        encoding="utf-8",
    )
    reg = ActorRegistry([extra])
    assert len(parses) == 2 and reg.lookup("A. Quill").id == "person:ada-quill"


def test_middle_initials_do_not_split_a_person() -> None:
    # Fictional names. One paper writes "Tomas K. Verlaine", another "Tomas Verlaine": one id.
    assert person_id("Tomas K. Verlaine") == person_id("Tomas Verlaine") == "person:tomas-verlaine"
    assert person_id("Tomas K Verlaine") == "person:tomas-verlaine"
    # A leading initial is part of how the person is called, and stays.
    assert person_id("J. Ottoline Marsh") == "person:j-ottoline-marsh"


def test_lookup_ignores_a_middle_initial(tmp_path) -> None:
    # Fictional actor, registered without the initial an article may use.
    p = tmp_path / "actors.jsonl"
    p.write_text('{"id": "person:tomas-verlaine", "name": "Tomas Verlaine", "kind": "person"}\n')
    reg = ActorRegistry([p])
    found = reg.lookup("Tomas K. Verlaine")
    assert found is not None and found.id == "person:tomas-verlaine"
    assert reg.lookup("Tomas Q. Verlainez") is None
