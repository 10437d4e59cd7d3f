"""The Faust bug fix on the patch shelf, on the real broker: a real Faust app loses records
without ``streams/patches/head_gap`` and loses none with it (``faust_offsets.py`` runs the app;
see there). If the "without" half ever fails, Faust no longer has the bug: drop the patch.

And what ``commit_retry`` is for on Apache Kafka: in this set-up, after a commit the broker
refused, the app without it still ends with every record processed and committed (the rejoin
re-seeks); it is installed on every broker all the same, because a two-worker pipeline on Kafka
was seen to keep a lag of 1 after a rebalance (see ``streams/patches/commit_retry.py``)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SCRIPT = Path(__file__).with_name("faust_offsets.py")
SCENARIOS = ("head", "jump", "tail", "fresh_head", "fresh_tail")
# Offsets of the records each scenario drops once (FIRST = 3 records are committed before, none
# in the fresh_* scenarios, on a partition the group never committed).
DROPPED = {"head": {3}, "jump": {3, 4}, "tail": {3, 4, 5, 6}, "fresh_head": {0}, "fresh_tail": {0}}
END = {"head": 7, "jump": 7, "tail": 7, "fresh_head": 4, "fresh_tail": 1}

pytestmark = [pytest.mark.broker, pytest.mark.timeout(400)]


@pytest.fixture(scope="module")
def outcomes(broker: Any) -> Iterator[dict[tuple[str, bool], dict]]:
    # All eleven apps at once: each mostly waits (commit interval, the tail check's 10 s settle).
    procs = {
        (scenario, patched): subprocess.Popen(
            [sys.executable, str(SCRIPT), broker.bootstrap, scenario, "1" if patched else "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for scenario in SCENARIOS
        for patched in (True, False)
    }
    procs[("refused", False)] = subprocess.Popen(
        [sys.executable, str(SCRIPT), broker.bootstrap, "refused", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    results = {}
    try:
        for key, proc in procs.items():
            out, err = proc.communicate(timeout=300)
            assert proc.returncode == 0, f"{key}: {err[-3000:]}"
            results[key] = json.loads(out.strip().splitlines()[-1])
        yield results
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_with_the_patch_every_record_is_processed_before_it_is_committed(outcomes, scenario: str) -> None:
    got = outcomes[(scenario, True)]
    assert got["committed"] == END[scenario]
    assert got["acked"] == list(range(END[scenario])), "the dropped records were read again and processed"


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_without_the_patch_faust_loses_the_dropped_records(outcomes, scenario: str) -> None:
    got = outcomes[(scenario, False)]
    lost = DROPPED[scenario]
    assert not lost & set(got["acked"]), "never processed"
    if scenario == "tail":
        assert got["committed"] == 3  # the lag stays for ever: no later ack moves it
    elif scenario == "fresh_tail":
        assert got["committed"] is None  # never committed: lag 1 for ever
    else:
        assert got["committed"] == END[scenario]  # committed past records never processed


def test_a_refused_commit_leaves_nothing_behind_without_commit_retry(outcomes) -> None:
    got = outcomes[("refused", False)]
    assert got["refused_commits"] >= 1, "the broker refused a commit (the case under test happened)"
    assert got["committed"] == END["head"] and got["acked"] == list(range(END["head"]))
