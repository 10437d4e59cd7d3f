"""The benchmark runs end to end on a tiny corpus and reports every metric (not a timed test)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from stancewire.schemas import Article

ROOT = Path(__file__).resolve().parents[2]
# ``benchmarks`` is a top-level folder, not an installed package (no __init__ in tests/benchmarks
# either, so this module does not shadow it).
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import NOTE, generate  # noqa: E402
from benchmarks.run import neighbour_ratio, spread  # noqa: E402


def test_corpus_is_deterministic_synthetic_and_realistic() -> None:
    a, b = generate(30, seed=5), generate(30, seed=5)
    assert a == b
    assert generate(30, seed=6) != a
    for art in a:
        Article.model_validate(art)
        assert art["synthetic"] is True and art["metadata"]["note"] == NOTE
        assert 300 <= len(art["text"].split()) <= 1000
    assert len({art["published_at"][:7] for art in generate(200)}) >= 3  # spread over months


def test_ratios_are_taken_against_the_neighbouring_offline_phases() -> None:
    # An end-to-end phase at 9 art/s between offline phases at 8 and 12: the machine sped up,
    # and the ratio is taken against their mean, not against the first phase alone.
    assert neighbour_ratio(9.0, 8.0, 12.0) == pytest.approx(0.9)
    got = spread([0.9, None, 0.8, 1.1])
    assert (got["median"], got["min"], got["max"], got["n"]) == (0.9, 0.8, 1.1, 3)
    assert spread([None])["median"] is None


@pytest.mark.broker
@pytest.mark.timeout(400)
def test_benchmark_quick_run_reports_every_metric(broker: Any, tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    # The session broker, one round of 12 articles: the three worker start-ups plus ~1 min.
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.run",
            "--quick",
            "--rounds",
            "1",
            "--articles",
            "12",
            "--latency-seconds",
            "4",
            "--broker",
            broker.bootstrap,
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=380,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    r = json.loads(out.read_text())
    kind = {"kafka": "kafka", "noida-db": "noida"}[broker.kind]
    assert list(r["brokers"]) == [kind]
    assert r["broker"].startswith({"kafka": "Apache Kafka", "noida": "noida-db"}[kind])
    # Offline, 1 worker, 2 workers, offline: the phases alternate.
    assert [(ph["phase"], ph.get("workers")) for ph in r["phases"]] == [
        ("offline", None),
        ("e2e", 1),
        ("e2e", 2),
        ("offline", None),
    ]
    for ph in r["phases"]:
        assert ph["articles_per_s"] > 0
    one = r["phases"][1]
    assert one["evidence"] > 0 and one["evidence_missing"] == 0  # every evidence item reached the table
    assert one["cpu_seconds"]["nlp_child"] > 0 and one["cpu_seconds"]["broker"] > 0  # whole system counted
    lat = one["latency"]
    assert lat["rate_articles_per_s"] > 0
    for key in ("table_update_s", "alert_s"):
        assert lat[key]["n"] > 0, key
        assert 0 < lat[key]["p50"] <= lat[key]["p95"] <= lat[key]["p99"] < 120, key
    for key in ("e2e_over_offline", "scaling_efficiency", "two_over_one", "p95_alert_s", "drift"):
        assert r[key] is not None and r[key] > 0, key
    assert 100 < r["peak_worker_rss_mb"] < 8000
    assert 10 < r["broker_rss_mb"] < 8000
    assert r["scaling_efficiency"] == r["brokers"][kind]["scaling_efficiency"]["median"]
    assert "stancewire benchmark" in proc.stdout
