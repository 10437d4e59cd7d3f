"""How evidence was learned (issue 16's ``basis``: said / did) in the web view, without a broker.

The read model and the pages are filled from positions folded by the real fold
(``stancewire.positions.fold``) over fictional evidence, so the counts shown are the ones the
pipeline computes. All actors, places and articles here are fictional.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta

from stancewire.positions import PositionRules, fold
from stancewire.schemas import ActorPositions, ActorRef, StanceChange, StanceEvidence, TargetRef
from streams.web import export
from streams.web.models import ActorSummary, Counts, PositionRow
from streams.web.network import PositionFilter, build_graph, position_rows, target_view
from streams.web.openapi import build_openapi
from streams.web.readmodel import ReadModel
from streams.web.render import actor_page, dashboard
from streams.web.render_network import target_page

T0 = datetime(2025, 3, 1, 9, tzinfo=UTC)
ZARVONNE = ActorRef(id="gov:xzv", name="Zarvonne government")  # fictional
KESTOVIA = TargetRef(id="gov:xks", name="Kestovia")  # fictional
HOSTILE = '<img src=x onerror="alert(1)">'


def ev(n: int, score: float, basis: str, text: str = "") -> StanceEvidence:
    return StanceEvidence(
        evidence_id=f"e{n}",
        article_id=f"fict-{n}",
        actor=ZARVONNE,
        target=KESTOVIA,
        category="SANCTION" if score < 0 else "SUPPORT",
        score=score,
        confidence=0.9,
        basis=basis,  # type: ignore[arg-type]
        sentence_start=0,
        sentence_end=10,
        sentence=text or f"Fictional sentence {n}.",
        published_at=T0 + timedelta(hours=n),
        source="Example Wire (fictional)",
    )


def folded() -> tuple[ActorPositions, list[StanceChange]]:
    """Praise in two quotes, then three reported sanctions: the position turns conflictual."""
    state: ActorPositions | None = None
    changes: list[StanceChange] = []
    items = [
        ev(1, 5.0, "said"),
        ev(2, 4.0, "said", f"Zarvonne said {HOSTILE} was welcome."),
        ev(3, -8.0, "did"),
        ev(4, -8.0, "did"),
        ev(5, -7.0, "did"),
    ]
    for item in items:
        state, change, _ = fold(state, item, PositionRules())
        if change is not None:
            changes.append(change)
    assert state is not None
    return state, changes


def model_with(state: ActorPositions, changes: list[StanceChange]) -> ReadModel:
    m = ReadModel()
    m.apply_position(state.actor.id, state)
    for c in changes:
        m.apply_change(c)
    return m


def test_rows_edges_and_summaries_carry_the_mix() -> None:
    state, changes = folded()
    pos = state.positions[KESTOVIA.id]
    assert (pos.evidence_count, pos.said_count, pos.did_count) == (5, 2, 3)
    alert = next(c for c in changes if c.kind == "change")
    assert alert.basis == "did"  # the sanctions moved it, not the earlier praise
    m = model_with(state, changes)
    summary = ActorSummary.from_state(state).positions[0]
    assert (summary.said_count, summary.did_count) == (2, 3)
    (row,) = position_rows(m, PositionFilter())
    assert (row.said_count, row.did_count) == (2, 3)
    assert row.last_change is not None and row.last_change.basis == "did"
    (edge,) = build_graph(m).edges
    assert (edge.evidence_count, edge.said_count, edge.did_count) == (5, 2, 3)


def test_pages_show_said_and_did_and_stay_escaped() -> None:
    state, changes = folded()
    m = model_with(state, changes)
    page = actor_page(
        actor_id=ZARVONNE.id, state=state, quotes=None, changes=changes, counts=None, worker="w"
    )
    card = page[page.index('<div class="card"') : page.index("</section>")]
    assert '5 evidence (<span class="mix" data-said="2" data-did="3">2 said, 3 did</span>)' in card
    # Every evidence item says how it was learned; the newest three are the reported sanctions.
    tags = re.findall(r'<span class="basis (said|did)" title="[^"]*">(?:said|did)</span>', card)
    assert tags == ["did", "did", "did", "said", "said"]
    # The change feed says what each change rests on.
    assert re.search(r'Δ -\d+\.\d\d</span> <span class="basis did"', page)
    assert HOSTILE not in page and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    view = target_view(m, KESTOVIA.id)
    assert view is not None
    html = target_page(view, counts=None, worker="w")
    mix = '<span class="mix" data-said="2" data-did="3">2 said, 3 did</span>'
    assert f'<td class="num evidence">5 {mix}</td>' in html
    assert re.search(r'class="last-change">.*<span class="basis did"', html)
    board = dashboard(
        actors=list(m.actors.values()),
        total=1,
        limit=50,
        offset=0,
        changes=changes,
        counts=Counts(),
        targets=[],
        q=None,
        label=None,
        target=None,
        sort="recent",
        ready=True,
        worker="w",
    )
    assert "5 evidence (2 said, 3 did), 1 sources" in board


def _collect(fmt: str, model_type: type, rows: object) -> str:
    async def run() -> str:
        return "".join([c async for c in export.chunks(fmt, model_type, rows)])  # type: ignore[arg-type]

    return asyncio.run(run())


def test_exports_carry_basis() -> None:
    state, changes = folded()
    m = model_with(state, changes)
    (pos_row,) = csv.DictReader(io.StringIO(_collect("csv", PositionRow, position_rows(m, PositionFilter()))))
    assert (pos_row["said_count"], pos_row["did_count"], pos_row["last_change_basis"]) == ("2", "3", "did")
    evidence = [ev(1, 5.0, "said"), ev(3, -8.0, "did")]
    rows = list(csv.DictReader(io.StringIO(_collect("csv", StanceEvidence, evidence))))
    assert [r["basis"] for r in rows] == ["said", "did"]
    assert [json.loads(x)["basis"] for x in _collect("jsonl", StanceEvidence, evidence).splitlines()] == [
        "said",
        "did",
    ]
    change_rows = list(csv.DictReader(io.StringIO(_collect("csv", StanceChange, changes))))
    last = change_rows[-1]
    # It fired on the second sanction (two conflictual items from two articles), so it rests on
    # two reported acts; the position then held two said and two did.
    assert (last["kind"], last["basis"], last["basis_did"], last["basis_said"]) == ("change", "did", "2", "0")
    assert (last["said_count"], last["did_count"]) == ("2", "2")
    jl = [json.loads(x) for x in _collect("jsonl", StanceChange, changes).splitlines()]
    assert jl[-1]["basis"] == "did" and jl[-1]["current"]["did_count"] == 2


def test_openapi_documents_basis() -> None:
    doc = build_openapi()
    schemas = doc["components"]["schemas"]
    assert schemas["StanceEvidence"]["properties"]["basis"]["enum"] == ["said", "did"]
    assert {"said_count", "did_count"} <= schemas["Position"]["properties"].keys()
    assert schemas["StanceChange"]["properties"]["basis"]["enum"] == ["said", "did", "said+did"]
    assert "basis_counts" in schemas["StanceChange"]["properties"]
    for model in ("PositionRow", "PositionSummary", "GraphEdge"):
        assert {"said_count", "did_count"} <= schemas[model]["properties"].keys(), model
    assert "basis" in schemas["StanceChangeBrief"]["properties"]
