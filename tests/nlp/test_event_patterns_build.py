"""The event pattern compiler (scripts/build_event_patterns.py): CAMEO syntax in, structure out."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = Path("/work/shared/reference")
spec = importlib.util.spec_from_file_location(
    "build_event_patterns", ROOT / "scripts" / "build_event_patterns.py"
)
assert spec is not None and spec.loader is not None
build = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build)


@pytest.mark.parametrize(
    ("right", "expected"),
    [
        (" FIRE (ON +)", {"obj": [["fire"]], "pp": [["on", []]], "t": "on"}),
        (
            " SANCTIONS (ON {NEW MEASURES})",
            {"obj": [["sanctions"]], "pp": [["on", [["new"], ["measures"]]]], "t": None},
        ),
        (" {PASSENGER CARS} (TO +)", {"obj": [["passenger"], ["cars"]], "pp": [["to", []]], "t": "to"}),
        (" + TO HEAD", {"obj": [["to"], ["head"]], "pp": [], "t": "dobj"}),
        (" &FOOD", {"obj": [["bread", "rice"]], "pp": [], "t": None}),
    ],
)
def test_parse_pattern(right: str, expected: dict) -> None:
    assert build.parse_pattern(right, {"FOOD": ["rice", "bread", "soft drink"]}) == expected


def test_unknown_synset_drops_the_pattern() -> None:
    assert build.parse_pattern(" &NOSUCHSET", {}) is None


@pytest.mark.skipif(not (REFERENCE / "cameo-verbs.txt").exists(), reason="reference data not on this machine")
def test_packaged_patterns_are_the_build() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_event_patterns.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stdout + out.stderr
