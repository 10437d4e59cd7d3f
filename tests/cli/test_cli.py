"""The command line as a user runs it: real processes, real broker, real model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from stancewire.broker import free_port

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "articles.jsonl"


def run(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "streams.cli", *args],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
    )


def _check_quote_contract(q: dict, text: str) -> None:
    """One output Quote against the issue's contract and the input text it came from."""
    assert q["quote_id"]
    assert text[q["start"] : q["end"]] == q["text"]
    assert q["type"] in {"direct", "indirect", "mixed", "floating"}
    assert 0 <= q["confidence"] <= 1
    sp = q["speaker"]
    if sp is not None:
        assert {"id", "name", "kind", "mention", "mention_start", "mention_end"} <= set(sp)
        if q["type"] == "floating":
            assert sp["mention"] is None and sp["mention_start"] is None and sp["mention_end"] is None
        elif sp["mention_start"] is not None:
            assert 0 <= sp["mention_start"] < sp["mention_end"] <= len(text)
            assert text[sp["mention_start"] : sp["mention_end"]] == sp["mention"]
    cue = q["cue"]
    if cue is not None:
        assert {"text", "start", "end"} <= set(cue)
        assert 0 <= cue["start"] < cue["end"] <= len(text)
        assert text[cue["start"] : cue["end"]] == cue["text"]


def test_extract_jsonl_contract(tmp_path: Path) -> None:
    res = run("extract", str(SEED))
    assert res.returncode == 0, res.stderr.decode()
    lines = res.stdout.decode().splitlines()
    assert len(lines) == 1
    out = json.loads(lines[0])
    text = json.loads(SEED.read_text())["text"]
    assert out["article_id"] == "kremlin-awaits-us-signals"
    assert len(out["quotes"]) >= 14 and out["stances"]
    for q in out["quotes"]:
        _check_quote_contract(q, text)
    assert len({q["quote_id"] for q in out["quotes"]}) == len(out["quotes"])
    assert sum(q["cue"] is not None for q in out["quotes"]) >= 12
    assert sum(q["speaker"]["mention_start"] is not None for q in out["quotes"]) >= 14

    # A .txt file is one article whose id is the file stem; the second run (seed again, plus the
    # .txt file) gives the seed's quotes the same ids.
    txt_text = (
        "Harbour master Ines Kovalenko said the port would reopen on Friday.\n\n"
        "“We have cleared the wreck and the channel is safe,” she told reporters.\n"
    )
    txt = tmp_path / "harbour-reopens.txt"
    txt.write_text(txt_text, encoding="utf-8")
    again = run("extract", str(SEED), str(txt))
    assert again.returncode == 0, again.stderr.decode()
    by_id = {o["article_id"]: o for o in map(json.loads, again.stdout.decode().splitlines())}
    assert set(by_id) == {"kremlin-awaits-us-signals", "harbour-reopens"}
    assert [q["quote_id"] for q in by_id["kremlin-awaits-us-signals"]["quotes"]] == [
        q["quote_id"] for q in out["quotes"]
    ]
    harbour = by_id["harbour-reopens"]["quotes"]
    assert [q["type"] for q in harbour] == ["indirect", "direct"]
    for q in harbour:
        assert q["article_id"] == "harbour-reopens"
        assert q["speaker"]["name"] == "Ines Kovalenko"
        _check_quote_contract(q, txt_text)


def test_extract_jsonl_from_stdin() -> None:
    text = "Coach Mara Lind said the team would win. “We are ready,” she added."
    stdin = json.dumps({"id": "match-preview", "text": text, "published_at": "2025-03-01T00:00:00Z"})
    res = run("extract", stdin=(stdin + "\n").encode())
    assert res.returncode == 0, res.stderr.decode()
    out = json.loads(res.stdout)
    assert out["article_id"] == "match-preview"
    assert [q["speaker"]["name"] for q in out["quotes"]] == ["Mara Lind", "Mara Lind"]
    for q in out["quotes"]:
        assert q["published_at"].startswith("2025-03-01")
        _check_quote_contract(q, text)


def test_extract_plain_text_from_stdin_and_bad_input() -> None:
    res = run("extract", "-", stdin=b"Coach Mara Lind said the team would win.\n")
    assert res.returncode == 0, res.stderr.decode()
    out = json.loads(res.stdout)
    assert out["article_id"] == "stdin"
    assert out["quotes"][0]["speaker"]["name"] == "Mara Lind"
    bad = run("extract", "-", stdin=b'{"id": "a", "text": ""}\n{"id": "b", "text": "Ok, she said."}\n')
    assert bad.returncode == 1
    assert b"missing_text" in bad.stderr or b"text" in bad.stderr
    assert len(bad.stdout.decode().splitlines()) == 1  # the good article is still extracted


def test_extract_missing_path_is_a_clear_error() -> None:
    res = run("extract", "/no/such/file.jsonl")
    assert res.returncode == 2
    assert b"no such file" in res.stderr


@pytest.mark.broker
def test_up_feed_and_subscribe(tmp_path: Path) -> None:
    """`stancewire up` runs broker, worker and seeds; `feed` and `subscribe` work against it."""
    env = {
        "STANCEWIRE_STATE_DIR": str(tmp_path),
        "STANCEWIRE_TOPIC_PREFIX": "cli",
        "STANCEWIRE_APP_ID": "cli",
    }
    broker_port, web_port = free_port(), free_port()
    up = run(
        "up",
        "--exit-when-done",
        "--broker-port",
        str(broker_port),
        "--web-port",
        str(web_port),
        env=env,
        timeout=400,
    )
    assert up.returncode == 0, up.stderr.decode()[-3000:]
    assert b"stancewire is running" in up.stdout
    assert b"fed 14 seed articles (0 rejected)" in up.stderr
    assert (tmp_path / "broker").is_dir()

    # The broker's data survives: start it again and read the alerts from the beginning.
    from streams.kafka_nodes import start_local_broker

    broker = start_local_broker(tmp_path / "broker", port=broker_port)
    assert broker.kind == "kafka", "the CLI test proves `up` on Apache Kafka"
    try:
        env["STANCEWIRE_BROKER"] = broker.bootstrap
        sub = run("subscribe", "--from-beginning", "--json", "--idle-timeout", "5", env=env, timeout=120)
        assert sub.returncode == 0, sub.stderr.decode()
        alerts = [json.loads(line) for line in sub.stdout.decode().splitlines()]
        assert alerts and all(a["kind"] == "change" for a in alerts)
        # Four partitions fed at once: which changes fire depends on arrival order, but only the
        # pairs written to flip can (the exact sequence is asserted in tests/pipeline/test_alerts.py).
        assert {a["actor"]["name"] for a in alerts} <= {"Ilse Varga-Tamm", "Anja Birk"}
        filtered = run(
            "subscribe",
            "--from-beginning",
            "--include-new",
            "--actor",
            "person:vladimir-putin",
            "--idle-timeout",
            "5",
            env=env,
            timeout=120,
        )
        assert b"NEW  Vladimir Putin -> Donald Trump: cooperative" in filtered.stdout

        bad = tmp_path / "bad.jsonl"
        bad.write_text(
            '{"id": "ok-1", "text": "The mayor said the park would open."}\n{"id": "x", "text": ""}\n'
        )
        fed = run("feed", str(bad), env=env, timeout=120)
        assert fed.returncode == 1
        assert b"sent 1" in fed.stderr and b"rejected locally 1" in fed.stderr
    finally:
        broker.stop()
