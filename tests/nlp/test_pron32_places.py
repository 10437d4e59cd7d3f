"""Keys of unknown places and their demonyms (``mentions.names.stem_place``); fictional places."""

from __future__ import annotations

import pytest

from stancewire.nlp.mentions.names import stem_place


@pytest.mark.parametrize(
    ("place", "demonym", "key"),
    [
        ("lestavia", "lestavian", "lestavia"),
        ("lestavia", "lestavians", "lestavia"),
        ("velmar", "velmari", "velmar"),
        ("isparre", "isparrean", "isparre"),
    ],
)
def test_a_place_and_its_demonym_share_the_place_s_name(place: str, demonym: str, key: str) -> None:
    assert stem_place(place) == stem_place(demonym) == key


def test_a_state_ending_like_a_demonym_keeps_its_name() -> None:
    assert stem_place("mississippi") == "mississippi"
    assert stem_place("michigan") == "michigan"
