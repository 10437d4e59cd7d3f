"""The one-way layers hold: agents -> streams -> stancewire, and the core never imports Faust,
aiokafka, ``streams`` or ``agents`` (the contracts are ``[tool.importlinter]`` in pyproject.toml;
docs/architecture.md says why). import-linter reads every import statement, including the ones
inside functions, so a lazy import of Faust in the core breaks the suite too."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = ROOT / "pyproject.toml"


def test_the_repository_keeps_its_import_contracts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the root packages are found from here
    # The report (which import breaks which contract, through which chain) is printed on failure.
    assert lint_imports(str(PYPROJECT), no_cache=True, no_logo=True) == 0


def test_both_contracts_are_there() -> None:
    contracts = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]["contracts"]
    assert {c["id"]: c["type"] for c in contracts} == {"core-is-pure": "forbidden", "layers": "layers"}


def _fake_tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("bad_file", "bad_import", "broken"),
    [
        # A core module importing Faust inside a function: the lazy import counts too.
        ("stancewire/lazy.py", "def f():\n    import faust\n", "stancewire (the core)"),
        ("stancewire/uses_streams.py", "from streams import topics\n", "stancewire (the core)"),
        ("streams/uses_agents.py", "import agents.stage\n", "agents -> streams -> stancewire"),
    ],
)
def test_the_contracts_catch_a_bad_import(
    tmp_path: Path, bad_file: str, bad_import: str, broken: str
) -> None:
    """The same contracts, run on a three-package stand-in for the repository with one bad import
    (a fresh process, so these packages and not the real ones are imported)."""
    _fake_tree(
        tmp_path,
        {
            "stancewire/__init__.py": "",
            "stancewire/core.py": "import json\n",
            "streams/__init__.py": "",
            "streams/topics.py": "import faust\nfrom stancewire import core\n",
            "streams/app.py": "import agents.wiring\n",
            "agents/__init__.py": "",
            "agents/stage.py": "from streams import topics\n",
            "agents/wiring.py": "from agents import stage\n",
            "pyproject.toml": PYPROJECT.read_text(),
        },
    )
    clean = _lint(tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    _fake_tree(tmp_path, {bad_file: bad_import})
    bad = _lint(tmp_path)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert broken in bad.stdout and "BROKEN" in bad.stdout, bad.stdout
