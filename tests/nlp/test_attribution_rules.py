"""Attribution rules added for speaker accuracy: given-name person detection, name parts of
hyphenated surnames, given-name gender for pronouns, shared surnames, places tagged PERSON,
nicknames. Fictional names, varied domains."""

from __future__ import annotations

from stancewire.nlp.mentions.names import given_names, has_demonym, name_tokens
from stancewire.schemas import ActorKind, MentionKind


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


def test_given_name_finds_person_the_ner_misses(run) -> None:
    text = (
        "Ilse Varga-Tamm, the foreign minister, arrived in the capital on Monday.\n\n"
        "“We have lost half a year,” Varga-Tamm told reporters."
    )
    q = run(text).quotes[0]
    assert q.speaker.name == "Ilse Varga-Tamm"
    assert q.speaker.kind == ActorKind.person


def test_hyphen_piece_joins_full_name(run) -> None:
    text = (
        "The gallery is run by Anjali Raghunathan-Eide, a former banker.\n\n"
        "Eide said the new wing would open in spring."
    )
    assert _speaker_names(run(text)) == ["Anjali Raghunathan-Eide"]


def test_pronoun_uses_given_name_gender(run) -> None:
    text = "Piet Aldova met Marta Kiel at the harbour on Monday. He said her offer was generous."
    q = run(text).quotes[0]
    assert q.speaker.name == "Piet Aldova"
    assert q.speaker.mention_kind == MentionKind.pronoun


def test_pronoun_gender_picks_earlier_person_over_nearer_object(run) -> None:
    text = (
        "Giovanni Brennan lost the soup contest to Keiko Ito-Marsh. "
        "“He says that every year,” she said."
    )
    assert _speaker_names(run(text)) == ["Keiko Ito-Marsh"]


def test_shared_surname_means_first_introduced_person(run) -> None:
    text = (
        "Ruth Okwuosa became mayor of Kettlewick after her father, Samuel Okwuosa, stepped down.\n\n"
        "Okwuosa said the harbour contract would be signed before the summer."
    )
    assert _speaker_names(run(text)) == ["Ruth Okwuosa"]


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
