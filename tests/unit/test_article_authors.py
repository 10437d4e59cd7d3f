"""``Article.authors``: the byline as scrapers send it (a list, or one string), bad ones rejected."""

from __future__ import annotations

import json

import pytest

from stancewire.validation import Limits, RejectedRecord, parse_article


def _raw(authors: object) -> bytes:
    text = "I think the harbour plan is reckless."
    return json.dumps({"id": "op-1", "text": text, "authors": authors}).encode()


def test_a_byline_list_and_a_single_byline_string_are_accepted() -> None:
    bylines = ["By IDA KESSEL", "Piet Vos"]
    assert parse_article(_raw(bylines), Limits()).authors == bylines
    one = "By IDA KESSEL, The Quillon Herald"
    assert parse_article(_raw(one), Limits()).authors == [one]


@pytest.mark.parametrize("authors", [42, [1, 2], ["x" * 501], ["Ada Morn"] * 51])
def test_a_malformed_byline_is_an_invalid_article(authors: object) -> None:
    with pytest.raises(RejectedRecord) as exc:
        parse_article(_raw(authors), Limits())
    assert exc.value.kind == "invalid_article"
    assert "authors" in str(exc.value)
