"""Attribution rules added for speaker accuracy: given-name person detection, name parts of
hyphenated surnames, given-name gender for pronouns, shared surnames, places tagged PERSON,
nicknames. Fictional names, varied domains."""

from __future__ import annotations

from stancewire.nlp.mentions.names import given_names, has_demonym, name_tokens
from stancewire.schemas import ActorKind


def _speaker_names(res) -> list[str | None]:
    return [q.speaker.name if q.speaker else None for q in res.quotes]


def test_given_names_lexicon_has_genders_across_cultures() -> None:
    g = given_names()
    assert len(g) > 1000
    assert g["marta"] == "f" and g["piet"] == "m"
    assert g["chidinma"] == "f" and g["kwame"] == "m" and g["haruka"] == "f"
    assert "victoria" not in g  # place names are left out: the lexicon also detects names


def test_name_tokens_include_hyphen_pieces() -> None:
    assert name_tokens(["ilse", "varga-tamm"]) == {"ilse", "varga-tamm", "varga", "tamm"}


def test_demonym_marks_a_place() -> None:
    assert has_demonym("kethara", {"kethari", "port"})
    assert has_demonym("isparre", {"isparrean"})
    assert not has_demonym("okwuosa", {"ruth", "samuel"})


def test_nickname_inside_name_is_one_person(run) -> None:
    text = (
        "The court freed Rafael ‘Little Bull’ Quintela, the former boxer, on Wednesday.\n\n"
        "“I knew this day would come,” Quintela said."
    )
    res = run(text)
    names = _speaker_names(res)
    assert names and names[-1] is not None
    assert names[-1].endswith("Quintela") and names[-1].startswith("Rafael")


def test_invented_country_tagged_person_speaks_as_government(run) -> None:
    text = (
        "Kethara expelled four Isparrean diplomats on Wednesday, accusing them of spying on the port.\n\n"
        "Kethari officials said three workers had been arrested in Tamsau."
    )
    res = run(text)
    first = res.quotes[0].speaker
    assert first is not None
    assert first.kind == ActorKind.government
    assert first.name == "Government of Kethara"
