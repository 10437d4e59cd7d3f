"""``stancewire extract`` prints, byte for byte, what it printed before the NLP refactor (issue 13).

The snapshots in ``tests/data/snapshots/`` were written by the command line itself, before any NLP
code was moved into spaCy components::

    stancewire extract tests/data/gold/quotes.jsonl | gzip -n -9 > tests/data/snapshots/extract-gold.jsonl.gz
    stancewire extract tests/data/dev/quotes.jsonl  | gzip -n -9 > tests/data/snapshots/extract-dev.jsonl.gz
    stancewire extract seeds/                       | gzip -n -9 > tests/data/snapshots/extract-seeds.jsonl.gz

Every article in those sets is synthetic (fictional people, countries and organisations) except
the one real seed article that the repo already ships. A refactor must keep the output identical;
a deliberate change of behaviour rewrites the snapshot with the commands above, in its own commit,
with the reason.

The test runs the real ``extract`` command in-process (Typer's runner), so it covers the same path
as a user: reading, validation, the pipeline built from the settings, JSON output. The spaCy model is
loaded once per process and shared with the other NLP tests.
"""

from __future__ import annotations

import difflib
import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stancewire.cli import app
from stancewire.nlp.model import DEFAULT_MODEL

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOTS = ROOT / "tests" / "data" / "snapshots"
SETS = {
    "gold": ROOT / "tests" / "data" / "gold" / "quotes.jsonl",
    "dev": ROOT / "tests" / "data" / "dev" / "quotes.jsonl",
    "seeds": ROOT / "seeds",
}


def _first_difference(expected: list[str], actual: list[str]) -> str:
    """A readable account of the first article whose output line differs."""
    for i, (want, got) in enumerate(zip(expected, actual, strict=False)):
        if want == got:
            continue
        article = json.loads(want).get("article_id", f"line {i + 1}")
        want_lines = json.dumps(json.loads(want), indent=1, ensure_ascii=False).splitlines()
        got_lines = json.dumps(json.loads(got), indent=1, ensure_ascii=False).splitlines()
        diff = list(difflib.unified_diff(want_lines, got_lines, "snapshot", "now", n=3, lineterm=""))
        shown = "\n".join(diff[:80]) + ("\n..." if len(diff) > 80 else "")
        return f"first difference at line {i + 1} (article {article}):\n{shown}"
    return f"{len(expected)} lines in the snapshot, {len(actual)} now (same up to the shorter)"


@pytest.mark.parametrize("name", sorted(SETS))
def test_extract_output_matches_snapshot(name: str) -> None:
    expected = gzip.decompress((SNAPSHOTS / f"extract-{name}.jsonl.gz").read_bytes()).decode("utf-8")
    # The model is pinned so a STANCEWIRE_MODEL_NAME in the environment cannot change the output.
    result = CliRunner().invoke(app, ["extract", str(SETS[name]), "--model", DEFAULT_MODEL])
    assert result.exit_code == 0, f"extract exited {result.exit_code}: {result.output[-2000:]}"
    actual = result.stdout
    assert expected.count("\n") > 0
    if actual != expected:
        pytest.fail(_first_difference(expected.splitlines(), actual.splitlines()), pytrace=False)
