"""The README's configuration table is the settings model's, not a hand-kept copy."""

from __future__ import annotations

from pathlib import Path

from streams.settings import settings_table

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_configuration_table_matches_settings() -> None:
    text = README.read_text()
    table = settings_table()
    assert table in text, "README configuration table is stale: run `python -m streams.settings`"
