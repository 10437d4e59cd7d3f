"""Targets, the stance network and the exports as pure code (no broker): a read model filled with
fictional actors, the views built from it, and the CSV/JSON-lines encoders and their laziness."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest

from stancewire.schemas import ActorKind, ActorPositions, ActorRef, Position, StanceChange, TargetRef
from streams.web import export
from streams.web.http import ApiError
from streams.web.models import PositionRow
from streams.web.network import PositionFilter, build_graph, position_rows, selected_pairs, target_view
from streams.web.readmodel import ReadModel
from streams.web.render_network import graph_page, target_page
from streams.web.svg import combined_timeline_svg

T0 = datetime(2025, 3, 20, 12, tzinfo=UTC)
HOSTILE = '<img src=x onerror="alert(1)">'
ISSUE = TargetRef(id="issue:ceasefire", name="Ceasefire", kind="issue")


def actor(slug: str, name: str | None = None, kind: ActorKind = ActorKind.person) -> ActorRef:
    return ActorRef(id=f"person:{slug}", name=name or slug.replace("-", " ").title(), kind=kind)


def pos(
    a: ActorRef,
    target: TargetRef,
    s: float,
    n: int = 3,
    seen: datetime = T0,
    sources: tuple[str, ...] = ("Example Wire (fictional)",),
) -> Position:
    label = "cooperative" if s >= 1.5 else "conflictual" if s <= -1.5 else "neutral"
    return Position(
        actor=a,
        target=target,
        score=s,
        label=label,
        evidence_count=n,  # type: ignore[arg-type]
        sources=list(sources),
        first_seen=seen - timedelta(days=1),
        last_seen=seen,
    )


def put(m: ReadModel, a: ActorRef, *positions: Position) -> None:
    m.apply_position(
        a.id,
        ActorPositions(
            actor=a,
            positions={p.target.id: p for p in positions},
            updated_at=max(p.last_seen for p in positions),
        ),
    )


def change(a: ActorRef, target: TargetRef, at: datetime, n: int = 1) -> StanceChange:
    cur = pos(a, target, -4.0, seen=at)
    return StanceChange(
        change_id=f"chg-{a.id}-{target.id}-{n}",
        kind="change",
        actor=a,
        target=target,
        current=cur,
        previous_label="cooperative",
        new_label="conflictual",
        delta=-6.5,
        at=at,
        emitted_at=at + timedelta(seconds=1),
    )


@pytest.fixture()
def model() -> ReadModel:
    """Fictional actors: three on the ceasefire, one speaking about another actor."""
    m = ReadModel()
    birk, renn, vale = actor("anja-birk"), actor("olaf-renn"), actor("bruno-vale")
    ministry = ActorRef(id="org:veltrian-ministry", name="Veltrian Ministry", kind=ActorKind.organisation)
    put(
        m,
        birk,
        pos(birk, ISSUE, 4.0, n=5),
        pos(birk, TargetRef(id=renn.id, name=renn.name), -3.0, n=2, seen=T0 - timedelta(days=20)),
    )
    put(m, renn, pos(renn, ISSUE, -6.0, n=8, sources=("Wire A (fictional)", "Wire B (fictional)")))
    put(m, vale, pos(vale, ISSUE, 0.5, n=1, seen=T0 - timedelta(days=3)))
    put(
        m,
        ministry,
        pos(
            ministry,
            TargetRef(id="person:tomas-reyel", name="Tomas Reyel"),
            2.0,
            n=1,
            seen=T0 - timedelta(hours=2),
        ),
    )
    m.apply_change(change(renn, ISSUE, T0 - timedelta(hours=3)))
    m.apply_change(change(birk, TargetRef(id=renn.id, name=renn.name), T0 - timedelta(days=20)))
    return m


def test_target_view_sorts_most_cooperative_first(model: ReadModel) -> None:
    view = target_view(model, "issue:ceasefire")
    assert view is not None and view.target == ISSUE and view.target_actor is None
    assert [r.actor.id for r in view.positions] == [
        "person:anja-birk",
        "person:bruno-vale",
        "person:olaf-renn",
    ]
    assert view.counts == {"cooperative": 1, "neutral": 1, "conflictual": 1}
    renn = view.positions[-1]
    assert renn.source_count == 2 and renn.sources == ["Wire A (fictional)", "Wire B (fictional)"]
    assert renn.last_change is not None and renn.last_change.new_label == "conflictual"
    assert view.positions[0].last_change is None
    assert [c.actor.id for c in view.changes] == ["person:olaf-renn"]
    # An actor as a target: linked to its own page when it speaks too.
    on_renn = target_view(model, "person:olaf-renn")
    assert on_renn is not None and on_renn.target_actor is not None
    assert target_view(model, "issue:nobody-talks-about-this") is None
    only = target_view(model, "issue:ceasefire", label="conflictual")
    assert only is not None and [r.actor.id for r in only.positions] == ["person:olaf-renn"]


def test_graph_nodes_edges_and_filters(model: ReadModel) -> None:
    g = build_graph(model)
    kinds = {n.id: n.kind for n in g.nodes}
    assert kinds["issue:ceasefire"] == "issue" and kinds["org:veltrian-ministry"] == "organisation"
    assert kinds["person:tomas-reyel"] == "person"  # never spoke: kind from the id prefix
    assert len(g.edges) == 5 and g.total_edges == 5 and not g.truncated
    ceasefire = next(n for n in g.nodes if n.id == "issue:ceasefire")
    assert ceasefire.evidence == 5 + 8 + 1 and ceasefire.degree == 3 and not ceasefire.speaks
    assert next(n for n in g.nodes if n.id == "person:olaf-renn").speaks
    assert {e.id for e in g.edges if e.changed} == {
        "person:olaf-renn→issue:ceasefire",
        "person:anja-birk→person:olaf-renn",
    }
    # The window ends at the newest evidence (T0), not at the wall clock.
    week = build_graph(model, window="week")
    assert week.as_of == T0 and week.since == T0 - timedelta(days=7)
    assert "person:anja-birk→person:olaf-renn" not in {e.id for e in week.edges}  # 20 days old
    day = build_graph(model, window="day")
    assert {e.source for e in day.edges} == {"person:anja-birk", "person:olaf-renn", "org:veltrian-ministry"}
    assert [e.id for e in day.edges if e.changed] == ["person:olaf-renn→issue:ceasefire"]
    heavy = build_graph(model, min_evidence=5)
    assert {e.evidence_count for e in heavy.edges} == {5, 8}
    assert {n.id for n in heavy.nodes} == {"person:anja-birk", "person:olaf-renn", "issue:ceasefire"}
    top = build_graph(model, max_edges=2)
    assert top.truncated and top.total_edges == 5 and [e.evidence_count for e in top.edges] == [8, 5]


def test_filters_select_pairs(model: ReadModel) -> None:
    f = PositionFilter(label="conflictual")
    assert selected_pairs(model, f) == {
        ("person:olaf-renn", "issue:ceasefire"),
        ("person:anja-birk", "person:olaf-renn"),
    }
    rows = list(position_rows(model, PositionFilter(target="ceasefire", min_evidence=2)))
    assert {r.actor.id for r in rows} == {"person:anja-birk", "person:olaf-renn"}
    assert list(position_rows(model, PositionFilter(q="bruno", window="day"))) == []


def _collect(fmt: str, model_type: type, rows: object) -> str:
    async def run() -> str:
        return "".join([c async for c in export.chunks(fmt, model_type, rows)])  # type: ignore[arg-type]

    return asyncio.run(run())


def test_csv_export_columns_and_formula_escaping(model: ReadModel) -> None:
    evil = actor("mira-kostel", name='=HYPERLINK("http://x")')
    put(model, evil, pos(evil, ISSUE, -2.0, sources=("+cmd|' /C calc'!A0",)))
    text = _collect("csv", PositionRow, position_rows(model, PositionFilter(target="issue:ceasefire")))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 4 and rows[0].keys() >= {
        "actor_id",
        "target_id",
        "score",
        "label",
        "evidence_count",
        "sources",
        "last_change_at",
    }
    bad = next(r for r in rows if r["actor_id"] == "person:mira-kostel")
    assert bad["actor_name"].startswith("'=") and bad["sources"].startswith("'+")
    assert bad["score"] == "-2.0"  # numbers stay numbers (a negative score is not a formula)
    renn = next(r for r in rows if r["actor_id"] == "person:olaf-renn")
    assert renn["last_change_to"] == "conflictual"
    assert renn["sources"] == "Wire A (fictional); Wire B (fictional)"
    empty = _collect("csv", PositionRow, [])
    assert empty.startswith("actor_id,actor_name") and empty.count("\r\n") == 1  # header only
    lines = _collect("jsonl", StanceChange, model.list_changes()).splitlines()
    assert [json.loads(x)["change_id"] for x in lines] == [c.change_id for c in model.list_changes()]


def test_export_pulls_rows_lazily() -> None:
    """A large export never materialises: the first chunk is out after one chunk's rows."""
    pulled = 0
    base = PositionRow(
        actor=actor("a"),
        target=ISSUE,
        score=1.0,
        label="neutral",
        evidence_count=1,
        source_count=1,
        first_seen=T0,
        last_seen=T0,
    )

    def rows():  # type: ignore[no-untyped-def]
        nonlocal pulled
        for _ in range(50_000):
            pulled += 1
            yield base

    async def run() -> tuple[int, int, int]:
        gen = export.chunks("csv", PositionRow, rows())
        first = await gen.__anext__()
        at_first = pulled
        n = 1
        async for _ in gen:
            n += 1
        return at_first, n, first.count("\r\n")

    at_first, n_chunks, first_lines = asyncio.run(run())
    assert at_first <= export.CHUNK_ROWS and first_lines == export.CHUNK_ROWS + 1
    assert pulled == 50_000 and n_chunks == 50_000 // export.CHUNK_ROWS


@pytest.mark.parametrize(
    ("query", "accept", "fmt"),
    [
        ({}, None, "json"),
        ({}, "text/csv", "csv"),
        ({}, "application/x-ndjson", "jsonl"),
        ({"format": "csv"}, "application/json", "csv"),
        ({}, "text/html, text/csv;q=0.9", "csv"),
        ({"format": "jsonl"}, None, "jsonl"),
        ({}, "*/*", "json"),
    ],
)
def test_format_negotiation(query: dict[str, str], accept: str | None, fmt: str) -> None:
    assert export.negotiate(query, accept) == fmt


def test_unknown_format_is_a_400() -> None:
    with pytest.raises(ApiError) as err:
        export.negotiate({"format": "xlsx"}, None)
    assert err.value.status == 400


def test_pages_escape_hostile_labels(model: ReadModel) -> None:
    evil = actor("mira-kostel", name=HOSTILE)
    hostile_issue = TargetRef(id="issue:<script>x</script>", name="<script>alert(2)</script>", kind="issue")
    put(model, evil, pos(evil, ISSUE, 3.0, sources=("<b>Wire</b>",)), pos(evil, hostile_issue, -2.0))
    view = target_view(model, "issue:ceasefire")
    assert view is not None
    html = target_page(view, counts=None, worker="w")
    assert HOSTILE not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "<b>Wire</b>" not in html
    other = target_view(model, "issue:<script>x</script>")
    assert other is not None
    html = target_page(other, counts=None, worker="w")
    assert "<script>alert" not in html and "<script>x" not in html
    svg = combined_timeline_svg([(HOSTILE, [(T0, 1.0), (T0 + timedelta(days=1), -2.0)])], title=HOSTILE)
    assert HOSTILE not in svg and svg.count("<polyline") == 1
    page = graph_page(
        {"window": "week", "min_evidence": 2, "label": None}, ready=True, counts=None, worker="w"
    )
    assert '<script src="/static/cytoscape.min.js" defer>' in page and 'value="week" selected' in page
    assert "/api/positions?window=week&amp;min_evidence=2&amp;format=csv" in page


def test_large_export_streams_over_http() -> None:
    """Through aiohttp as the worker serves it: chunked, and the client holds the first rows
    while most of the table has not even been generated."""
    from aiohttp import web
    from aiohttp.test_utils import TestClient, TestServer

    total = 30_000
    pulled = 0
    base = PositionRow(
        actor=actor("a"),
        target=ISSUE,
        score=-1.0,
        label="neutral",
        evidence_count=1,
        source_count=1,
        first_seen=T0,
        last_seen=T0,
    )

    def rows():  # type: ignore[no-untyped-def]
        nonlocal pulled
        for _ in range(total):
            pulled += 1
            yield base

    async def handler(request: web.Request) -> web.StreamResponse:
        return await export.stream(request, "csv", "positions", PositionRow, rows())

    async def run() -> tuple[int, int, str | None, str | None]:
        app = web.Application()
        app.router.add_get("/export", handler)
        async with TestClient(TestServer(app)) as client:
            resp = await client.get("/export")
            first = await resp.content.readany()
            at_first = pulled
            rest = await resp.read()
            lines = (first + rest).count(b"\r\n")
            assert first.startswith(b"actor_id,")
            print("rows generated when the first bytes arrived:", at_first)
            return at_first, lines, resp.headers.get("Transfer-Encoding"), resp.headers.get("Content-Length")

    at_first, lines, encoding, length = asyncio.run(run())
    assert encoding == "chunked" and length is None
    assert lines == total + 1 and pulled == total
    assert at_first < total // 2, at_first  # the first bytes left long before the table was built
