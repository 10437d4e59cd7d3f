"""The README's configuration table is the settings model's, not a hand-kept copy."""

from __future__ import annotations

from pathlib import Path

from streams.settings import settings_table

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_configuration_table_matches_settings() -> None:
    text = README.read_text()
    table = settings_table()
    assert table in text, "README configuration table is stale: run `python -m streams.settings`"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    # Issue 2: `.ci/run` runs the test command from the README, literally (flags live in the script).
    readme_cmd = next(
        line.split("#", 1)[0].strip() for line in README.read_text().splitlines()
        if line.startswith("bash scripts/test.sh")
    )
    ci = (README.parent / ".ci" / "run").read_text().splitlines()
    setup = ("#", "set ", "cd ")
    commands = [line.strip() for line in ci if line.strip() and not line.lstrip().startswith(setup)]
    assert commands == [f"exec {readme_cmd}"], commands
