"""Writers' names out of scraped bylines (fictional names; the shapes are those scrapers send)."""

from __future__ import annotations

import pytest

from stancewire.nlp.bylines import byline_names


@pytest.mark.parametrize(
    ("bylines", "names"),
    [
        (["Ida Kessel"], ["Ida Kessel"]),
        (["By IDA KESSEL and PIET VOS"], ["Ida Kessel", "Piet Vos"]),
        (["Ada Morn, The Quillon Herald"], ["Ada Morn"]),
        (["Ada Morn,Piet Vos"], ["Ada Morn", "Piet Vos"]),
        (["Ada Morn, @adamorn, QUILLON TODAY"], ["Ada Morn"]),
        (["Ada Morn, and Piet Vos, Quillon Today"], ["Ada Morn", "Piet Vos"]),
        (["By IDA KESSEL. Follow Ida Kessel on Twitter @ikessel."], ["Ida Kessel"]),
        (["By IVO B. BRANDT"], ["Ivo B. Brandt"]),
        (["Dr. Ada Morn"], ["Ada Morn"]),
        (["By IVO BRANDT,Lena Okafor contributed reporting from Velk."], ["Ivo Brandt"]),
        (["By THE ASSOCIATED PRESS"], []),
        (["AP"], []),
        (["Quillon News"], []),
        (["None"], []),
        (["ELECTIONS 2026"], []),
        (["Virgil"], []),  # one word: a pen name or an outlet, nobody to name
        (["Ada Morn", "ADA MORN"], ["Ada Morn"]),
    ],
)
def test_byline_names(bylines: list[str], names: list[str]) -> None:
    assert byline_names(bylines) == names
