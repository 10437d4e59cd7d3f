"""A lower-case phrase the tagger calls a proper noun is never a person's name (fictional text)."""

from __future__ import annotations

from typing import Any


def test_lower_case_role_is_no_person_named_so(run: Any) -> None:
    text = (
        "The evidence was a video clip from a rally with Ada Morn and Ilse Marrow, where the "
        "secretary of state said she was not there to do her job."
    )
    res = run(text)
    q = next(q for q in res.quotes if "not there to do her job" in q.text)
    assert q.speaker is not None
    assert q.speaker.id != "person:secretary", q.speaker
