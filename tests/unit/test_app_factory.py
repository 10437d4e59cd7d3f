"""The Faust app is built by ``create_app(settings)``, not when a module is imported: importing
the worker's modules creates no app, topic or table, and each call builds a complete app (every
agent, table and route) from the Settings object it is given, with nothing read back from the
environment. No broker is needed: building an app does not connect."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import faust
import pytest

from stancewire.settings import Settings

WORKER_MODULES = (
    "streams.app",
    "streams.topics",
    "streams.tables",
    "streams.views",
    "streams.web.api",
    "streams.web.network_api",
    "agents",
    "agents.ingest",
    "agents.dedupe",
    "agents.extract",
    "agents.positions",
    "agents.actor_quotes",
    "agents.emit",
    "agents.dead_letter",
)
AGENTS = {
    "agents.ingest.ingest",
    "agents.dedupe.dedupe",
    "agents.extract.extract",
    "agents.positions.update_positions",
    "agents.actor_quotes.index_quotes",
}
TABLES = {"articles-seen", "positions", "position-detail", "actor-quotes"}


def _settings(tmp_path: Path, prefix: str, **kw: object) -> Settings:
    # broker_kind given: "auto" would ask a broker which kind it is.
    return Settings(
        broker="127.0.0.1:9",
        broker_kind="kafka",
        topic_prefix=prefix,
        app_id=prefix,
        state_dir=tmp_path,
        **kw,
    )  # type: ignore[arg-type]


def test_importing_the_worker_modules_builds_nothing() -> None:
    faust_objects = (faust.App, faust.Table, faust.Topic)
    for name in WORKER_MODULES:
        module = importlib.import_module(name)
        built = [k for k, v in vars(module).items() if isinstance(v, faust_objects)]
        assert built == [], f"{name} builds {built} at import"


def test_create_app_registers_the_whole_worker_from_its_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streams.app import create_app

    settings = [_settings(tmp_path, "one", web_port=6101), _settings(tmp_path, "two", web_port=6102)]
    # Values set in the environment after the Settings were made must not leak in: the Settings
    # object is the factory's only input (the worker used to rebuild it from the environment).
    monkeypatch.setenv("STANCEWIRE_TOPIC_PREFIX", "from-the-environment")
    monkeypatch.setenv("STANCEWIRE_PARTITIONS", "9")
    one, two = (create_app(s) for s in settings)
    for app, prefix in ((one, "one"), (two, "two")):
        assert set(app.agents) == AGENTS
        assert set(app.tables) == TABLES
        channels = {name: agent.channel.get_topic_name() for name, agent in app.agents.items()}
        assert channels == {
            "agents.ingest.ingest": f"{prefix}.articles",
            "agents.dedupe.dedupe": f"{prefix}.articles.valid",
            "agents.extract.extract": f"{prefix}.articles.accepted",
            "agents.positions.update_positions": f"{prefix}.stances",
            "agents.actor_quotes.index_quotes": f"{prefix}.quotes",
        }
        assert app.tables["positions"].changelog_topic.get_topic_name() == f"{prefix}-positions-changelog"
        assert {
            "/health",
            "/metrics",
            "/",
            "/api/actors/{actor_id}",
            "/api/graph",
            "/api/changes",
            "/api/changes/stream",
            "/targets/{target_id}",
        } <= set(app.web.views)
        assert app.conf.web_port == {"one": 6101, "two": 6102}[prefix]
        assert app.conf.topic_partitions == 4


def test_the_nlp_child_gets_its_settings_as_arguments(tmp_path: Path) -> None:
    from agents.nlp_worker import NlpWorker

    actors, issues = tmp_path / "actors.jsonl", tmp_path / "issues.jsonl"
    settings = _settings(
        tmp_path,
        "nlp",
        model_name="some_model",
        max_quotes_per_article=7,
        max_processing_seconds=3.5,
        actors_path=actors,
        issues_path=issues,
    )
    worker = NlpWorker.from_settings(settings)
    try:
        assert worker.init_args == (
            "some_model",
            7,
            3.5,
            {"STANCEWIRE_ACTORS_PATH": str(actors), "STANCEWIRE_ISSUES_PATH": str(issues)},
        )
    finally:
        worker.executor.shutdown(wait=False)


def test_the_nlp_child_imports_no_faust() -> None:
    """The spawned NLP child imports ``agents.nlp_worker`` to unpickle its task; Faust, aiokafka
    and the other agents would only cost it start-up time and memory."""
    code = "import sys, agents.nlp_worker; print(sorted({'faust', 'aiokafka', 'streams'} & set(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
