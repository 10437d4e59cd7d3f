"""The benchmark runs end to end on a tiny corpus and reports every metric (not a timed test)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from stancewire.broker import EmbeddedBroker
from stancewire.schemas import Article

ROOT = Path(__file__).resolve().parents[2]
# ``benchmarks`` is a top-level folder, not an installed package (no __init__ in tests/benchmarks
# either, so this module does not shadow it).
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import NOTE, generate  # noqa: E402


def test_corpus_is_deterministic_synthetic_and_realistic() -> None:
    a, b = generate(30, seed=5), generate(30, seed=5)
    assert a == b
    assert generate(30, seed=6) != a
    for art in a:
        Article.model_validate(art)
        assert art["synthetic"] is True and art["metadata"]["note"] == NOTE
        assert 300 <= len(art["text"].split()) <= 1000
    assert len({art["published_at"][:7] for art in generate(200)}) >= 3  # spread over months


@pytest.mark.broker
@pytest.mark.timeout(300)
def test_benchmark_quick_run_reports_every_metric(broker: EmbeddedBroker, tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    # Reuses the session broker; 16 articles keeps it to the three worker start-ups plus ~1 min.
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--quick", "--articles", "16", "--latency-seconds", "4",
         "--broker", broker.bootstrap, "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=280,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    r = json.loads(out.read_text())
    for phase in ("raw_parse", "raw_parse_2proc", "offline_extract", "e2e_1worker", "e2e_2workers",
                  "raw_parse_after"):
        assert r[phase]["articles_per_s"] > 0, phase
    assert r["e2e_1worker"]["evidence"] > 0
    assert r["e2e_1worker"]["evidence_missing"] == 0  # every evidence item reached the table
    assert r["e2e_1worker"]["cpu_core_share"]["nlp_child"] > 0  # the parse ran in the NLP child
    lat = r["latency"]
    assert lat["rate_articles_per_s"] > 0
    for key in ("table_update_s", "alert_s"):
        assert lat[key]["n"] > 0, key
        assert 0 < lat[key]["p50"] <= lat[key]["p95"] <= lat[key]["p99"] < 120, key
    assert 100 < r["memory"]["peak_rss_mb"] < 8000
    keys = ("e2e_over_raw", "two_over_one", "raw_two_over_one", "p95_alert_s", "peak_rss_mb")
    keys += ("extract_over_raw", "raw_after_over_raw")
    for key in keys:
        assert r["ratios"][key] is not None and r["ratios"][key] > 0, key
    assert "stancewire benchmark" in proc.stdout
