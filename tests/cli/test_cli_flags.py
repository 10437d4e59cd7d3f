"""Help text of the boolean flags (no broker): one clear flag each, the names scripts use."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from streams.cli import app


@pytest.mark.parametrize(("command", "flag"), [("up", "--no-seed"), ("feed", "--no-validate")])
def test_negative_flags_read_cleanly(command: str, flag: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert flag in result.output
    assert "--no-no-" not in result.output


def test_negative_flags_still_parse() -> None:
    # The flag is accepted (parsing happens before --help is acted on) and takes no value.
    for args in (["up", "--no-seed", "--help"], ["feed", "x", "--no-validate", "--help"]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
