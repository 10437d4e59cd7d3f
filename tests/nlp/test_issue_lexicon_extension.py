"""Users extend the issue lexicon with their own JSONL file (``STANCEWIRE_ISSUES_PATH``), and
stance evidence then targets the new issue."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from stancewire.nlp.extract import Extractor
from stancewire.nlp.issues import load_issues
from stancewire.nlp.registry import ActorRegistry
from stancewire.schemas import Article

# A fictional issue that is not in the built-in lexicon, with a multi-word alias.
RIVER_PACT = {"id": "issue:sulenka-river-pact", "name": "Sulenka river pact", "aliases": ["river pact"]}
SENTENCE = "Prime Minister Dana Oskarsson welcomed the river pact."


@pytest.fixture
def issues_file(tmp_path: Path) -> Path:
    path = tmp_path / "user-issues.jsonl"
    path.write_text("# user issues\n" + json.dumps(RIVER_PACT) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def stance_extractor(extractor: Extractor, registry: ActorRegistry) -> Extractor:
    # Shares the session's spaCy pipeline; only the stance step is switched on.
    return Extractor(nlp=extractor.nlp, registry=registry, with_stance=True)


def _targets(ex: Extractor) -> dict[str, str]:
    art = Article(
        id="issue-ext", text=SENTENCE, published_at=datetime(2025, 3, 1, tzinfo=UTC), synthetic=True
    )
    return {e.target.id: e.target.kind for e in ex.extract(art).stances if e.actor.name == "Dana Oskarsson"}


def test_user_issue_file_is_loaded(issues_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STANCEWIRE_ISSUES_PATH", raising=False)
    assert load_issues().get(RIVER_PACT["id"]) is None
    lex = load_issues([issues_file])
    issue = lex.get(RIVER_PACT["id"])
    assert issue is not None and issue.name == "Sulenka river pact" and issue.aliases == ("river pact",)
    # The built-in issues are still there.
    assert lex.get("issue:ceasefire") is not None
    monkeypatch.setenv("STANCEWIRE_ISSUES_PATH", str(issues_file))
    assert load_issues().get(RIVER_PACT["id"]) == issue


def test_evidence_targets_the_user_issue(
    stance_extractor: Extractor, issues_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("STANCEWIRE_ISSUES_PATH", raising=False)
    assert RIVER_PACT["id"] not in _targets(stance_extractor)
    # The stance step reads the setting on every article (load_issues caches per path list).
    monkeypatch.setenv("STANCEWIRE_ISSUES_PATH", str(issues_file))
    targets = _targets(stance_extractor)
    assert targets.get(RIVER_PACT["id"]) == "issue", targets
