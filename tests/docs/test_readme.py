"""The README's configuration table is the settings model's, not a hand-kept copy."""

from __future__ import annotations

from pathlib import Path

from stancewire.settings import settings_table

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_configuration_table_matches_settings() -> None:
    text = README.read_text()
    table = settings_table()
    assert table in text, "README configuration table is stale: run `python -m stancewire.settings`"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    # Issue 2: `.ci/run` runs the test command from the README, literally (flags live in the script).
    readme_cmd = next(
        line.split("#", 1)[0].strip()
        for line in README.read_text().splitlines()
        if line.startswith("bash scripts/test.sh")
    )
    ci = (README.parent / ".ci" / "run").read_text().splitlines()
    setup = ("#", "set ", "cd ")
    commands = [line.strip() for line in ci if line.strip() and not line.lstrip().startswith(setup)]
    assert commands == [f"exec {readme_cmd}"], commands


def test_readme_schema_reference_names_every_field() -> None:
    from stancewire.schemas import ActorPositions, Position, StanceEvidence

    text = README.read_text()
    for model in (StanceEvidence, Position, ActorPositions):
        paragraph = text[text.index(f"`{model.__name__}` (") :].split("\n\n", 1)[0]
        missing = [f for f in model.model_fields if f"`{f}`" not in paragraph]
        assert not missing, (model.__name__, missing)


def test_readme_offline_contract_names_every_quote_field() -> None:
    from stancewire.schemas import Cue, Quote, Speaker

    text = README.read_text()
    paragraph = text[text.index("Output per article: each `Quote` has") :].split("\n\n", 1)[0]
    for model in (Quote, Speaker, Cue):
        missing = [f for f in model.model_fields if f"`{f}`" not in paragraph]
        assert not missing, (model.__name__, missing)


def test_readme_data_flow_names_the_default_nlp_child_process() -> None:
    text = README.read_text()
    assert "nlp.pipe in a worker thread" not in text
    assert "NLP child process (agents/nlp_worker.py" in text
