"""The JSON API, pages and errors against a real broker and worker (one of each per module)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from web_harness import WorkerProc, ensure_topics, produce, seed_records, start_worker, wait_for

pytestmark = pytest.mark.broker

XSS = "<script>alert('x')</script>"
XSS_ARTICLE = {
    "id": "web-xss-1",
    "source": "Example Wire (fictional)",
    "title": "Varga-Tamm on the border <b>talks</b>",
    "url": "javascript:alert(1)",
    "published_at": "2025-03-20T10:00:00Z",
    "synthetic": True,
    "text": f'"We will never accept {XSS} this plan," said Veltrian President Ilse Varga-Tamm on Friday.',
}
VT = "person:ilse-varga-tamm"
REYEL = "person:tomas-reyel"
NEVER = datetime.min.replace(tzinfo=UTC)


@pytest.fixture(scope="module")
def worker(broker, app_id: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkerProc]:  # type: ignore[no-untyped-def]
    ensure_topics(broker.bootstrap, app_id)
    w = start_worker(tmp_path_factory.mktemp("w1"), broker.bootstrap, app_id)
    try:
        records = [*seed_records("synthetic-sequence.jsonl"), json.dumps(XSS_ARTICLE).encode()]
        produce(broker.bootstrap, records)
        with w.client() as c:
            wait_for(lambda: c.get("/api/actors").json()["total"] >= 3, what="3 actors indexed")
            wait_for(lambda: c.get("/api/changes").json()["total"] >= 6, what="stance changes indexed")
            wait_for(
                lambda: XSS in c.get(f"/api/actors/{VT}/quotes?limit=500").text, what="the <script> quote"
            )
        yield w
    finally:
        w.stop()


@pytest.fixture()
def client(worker: WorkerProc) -> Iterator[httpx.Client]:
    with worker.client() as c:
        yield c


def test_health(client: httpx.Client) -> None:
    r = client.get("/health")
    assert r.status_code == 200 and r.json()["status"] == "ok"


def test_actors_listing_filters_sort_and_pages(client: httpx.Client) -> None:
    body = client.get("/api/actors").json()
    ids = {a["actor"]["id"] for a in body["items"]}
    assert {VT, "person:anja-birk", "person:dana-oskarsson"} <= ids
    assert body["limit"] == 50 and body["offset"] == 0 and body["total"] == len(body["items"])
    birk = next(a for a in body["items"] if a["actor"]["id"] == "person:anja-birk")
    renn = next(p for p in birk["positions"] if p["target"]["id"] == "person:olaf-renn")
    assert renn["label"] == "cooperative"  # conflictual -> cooperative in the designed sequence

    names = [a["actor"]["name"] for a in client.get("/api/actors?sort=name").json()["items"]]
    assert names == sorted(names, key=str.casefold)
    recent = client.get("/api/actors?sort=recent").json()["items"]

    # Most recent real change first, then newest evidence (event time); never the two mixed.
    def key(a: dict) -> tuple[datetime, datetime]:
        return tuple(
            datetime.fromisoformat(a[f]) if a[f] else NEVER  # type: ignore[return-value]
            for f in ("last_change_at", "updated_at")
        )

    keys = [key(a) for a in recent]
    assert keys == sorted(keys, reverse=True)
    assert recent[0]["change_count"] >= 1

    assert [a["actor"]["id"] for a in client.get("/api/actors?q=oskars").json()["items"]] == [
        "person:dana-oskarsson"
    ]
    conflictual = client.get("/api/actors?label=conflictual").json()["items"]
    assert VT in {a["actor"]["id"] for a in conflictual}
    assert "person:dana-oskarsson" not in {a["actor"]["id"] for a in conflictual}
    by_target = client.get("/api/actors?target=person:olaf-renn").json()["items"]
    assert [a["actor"]["id"] for a in by_target] == ["person:anja-birk"]

    page1 = client.get("/api/actors?sort=name&limit=1").json()
    page2 = client.get("/api/actors?sort=name&limit=1&offset=1").json()
    assert len(page1["items"]) == len(page2["items"]) == 1 and page1["total"] == body["total"]
    assert page1["items"][0]["actor"]["id"] != page2["items"][0]["actor"]["id"]
    assert client.get("/api/actors?offset=1000").json()["items"] == []


def test_actor_detail_and_quotes(client: httpx.Client) -> None:
    state = client.get(f"/api/actors/{quote(VT, safe='')}").json()
    assert state["actor"]["id"] == VT
    pos = state["positions"]["person:tomas-reyel"]
    assert pos["label"] == "conflictual" and len(pos["history"]) >= 2
    quotes = client.get(f"/api/actors/{VT}/quotes?limit=2").json()
    assert quotes["actor"]["id"] == VT and len(quotes["items"]) == 2 and quotes["total"] >= 2
    rest = client.get(f"/api/actors/{VT}/quotes?limit=2&offset=2").json()
    assert {q["quote_id"] for q in rest["items"]}.isdisjoint({q["quote_id"] for q in quotes["items"]})
    assert client.get("/api/actors/person:nobody-at-all").status_code == 404
    assert client.get("/api/actors/person:nobody-at-all/quotes").status_code == 404


def test_changes_filters_and_pages(client: httpx.Client) -> None:
    body = client.get("/api/changes").json()
    assert body["total"] >= 6
    emitted = [c["emitted_at"] for c in body["items"]]
    assert emitted == sorted(emitted, reverse=True)
    only = client.get("/api/changes?actor=person:anja-birk&kind=change").json()["items"]
    assert only and all(c["actor"]["id"] == "person:anja-birk" and c["kind"] == "change" for c in only)
    assert any(c["previous_label"] == "conflictual" and c["new_label"] == "cooperative" for c in only)
    tgt = client.get("/api/changes?target=person:tomas-reyel").json()["items"]
    assert tgt and all(c["target"]["id"] == "person:tomas-reyel" for c in tgt)
    assert len(client.get("/api/changes?limit=1").json()["items"]) == 1
    ids = [c["change_id"] for c in body["items"]]
    assert len(ids) == len(set(ids))  # deduped by change_id


@pytest.mark.parametrize(
    "url",
    [
        "/api/graph?window=year",
        "/api/graph?min_evidence=0",
        "/api/graph?max_edges=100000",
        "/api/positions?format=xlsx",
        "/api/evidence?window=decade",
        "/api/targets/" + "t" * 300,
        "/targets/bad%01id",
        "/api/targets/issue:nobody-mentions-it",
        "/api/actors/bad%01id/positions/x",
        "/api/actors?limit=abc",
        "/api/actors?limit=0",
        "/api/actors?limit=501",
        "/api/actors?offset=-1",
        "/api/actors?label=hostile",
        "/api/actors?sort=random",
        "/api/changes?kind=other",
        "/api/changes?limit=1.5",
        "/api/actors/" + "x" * 257,
        "/api/actors/bad%01id",
        "/api/actors/bad%0Aid/quotes",
        "/actors/" + "y" * 300,
        "/api/actors?q=" + "q" * 300,
    ],
)
def test_bad_parameters_are_json_4xx(client: httpx.Client, url: str) -> None:
    r = client.get(url)
    assert 400 <= r.status_code < 500, (url, r.status_code, r.text)
    assert r.headers["content-type"].startswith("application/json")
    assert "error" in r.json() and "Traceback" not in r.text


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize(
    "path",
    [
        "/api/actors",
        f"/api/actors/{VT}",
        "/",
        "/api/changes",
        "/health",
        "/api/graph",
        "/api/positions",
        f"/api/targets/{REYEL}",
    ],
)
def test_read_only(client: httpx.Client, method: str, path: str) -> None:
    r = client.request(method, path)
    assert r.status_code == 405 and r.json() == {"error": "method not allowed"}


def test_unknown_path_is_json_404(client: httpx.Client) -> None:
    r = client.get("/no/such/page")
    assert r.status_code == 404 and r.json()["error"] == "not found"


def test_script_in_quote_is_escaped(client: httpx.Client) -> None:
    api = client.get(f"/api/actors/{VT}/quotes?limit=500")
    assert api.headers["content-type"].startswith("application/json")
    assert any(XSS in q["text"] for q in api.json()["items"])  # data stays data in JSON
    page = client.get(f"/actors/{quote(VT, safe='')}")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page.text
    assert "<script>alert" not in page.text
    assert "javascript:alert" not in page.text  # unsafe article URL never becomes a link
    assert "script-src 'self'" in page.headers["content-security-policy"]
    dash = client.get("/")
    assert dash.status_code == 200 and "<script>alert" not in dash.text


def test_pages(client: httpx.Client) -> None:
    dash = client.get("/")
    assert "Ilse Varga-Tamm" in dash.text and "Anja Birk" in dash.text and 'id="feed"' in dash.text
    filtered = client.get("/?q=oskarsson")
    assert "Dana Oskarsson" in filtered.text and 'data-actor="person:anja-birk"' not in filtered.text
    page = client.get(f"/actors/{VT}")
    assert "<svg" in page.text and "Tomas Reyel" in page.text and 'id="quotes"' in page.text
    assert client.get("/actors/person:nobody-at-all").status_code == 404
    js = client.get("/static/app.js")
    assert js.status_code == 200 and "EventSource" in js.text


def test_stats_counts(client: httpx.Client) -> None:
    stats = client.get("/api/stats").json()
    assert stats["articles"] >= 14 and stats["quotes"] >= 1 and stats["stance_changes"] >= 6
    assert stats["dead_letters"] == 0


def test_openapi(client: httpx.Client) -> None:
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    for path in (
        "/api/actors",
        "/api/actors/{actor_id}",
        "/api/actors/{actor_id}/quotes",
        "/api/changes",
        "/api/changes/stream",
        "/metrics",
        "/health",
        "/api/graph",
        "/api/targets/{target_id}",
        "/api/positions",
        "/api/evidence",
        "/api/actors/{actor_id}/positions/{target_id}",
        "/graph",
        "/targets/{target_id}",
    ):
        assert path in doc["paths"], path
    schemas = doc["components"]["schemas"]
    assert {
        "ActorPositions",
        "StanceChange",
        "Quote",
        "ActorSummary",
        "Graph",
        "GraphNode",
        "GraphEdge",
        "TargetView",
        "PositionRowPage",
        "EvidencePage",
    } <= set(schemas)
    graph_params = {p["name"] for p in doc["paths"]["/api/graph"]["get"]["parameters"]}
    assert {"window", "min_evidence", "label", "max_edges"} <= graph_params
    csv_types = doc["paths"]["/api/positions"]["get"]["responses"]["200"]["content"]
    assert {"application/json", "text/csv", "application/x-ndjson"} <= set(csv_types)
    text = json.dumps(doc)
    for ref in {r.split('"')[0] for r in text.split('"$ref": "#/components/schemas/')[1:]}:
        assert ref in schemas, ref


def test_metrics(client: httpx.Client) -> None:
    r = client.get("/metrics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    assert "stancewire_articles_received_total" in r.text


def test_sse_stream_replays_and_keeps_json(worker: WorkerProc) -> None:
    # Last-Event-ID 0 replays the buffered changes: proves the framing without waiting.
    with (
        httpx.Client(base_url=worker.url, timeout=10) as c,
        c.stream("GET", "/api/changes/stream", headers={"Last-Event-ID": "0"}) as r,
    ):
        assert r.headers["content-type"].startswith("text/event-stream")
        events: list[dict] = []
        for line in r.iter_lines():
            if line.startswith("data: "):
                events.append(json.loads(line[6:]))
                if len(events) >= 3:
                    break
    assert all("change_id" in e and "new_label" in e for e in events)


# --------------------------------------------------------------------------- targets, graph, exports


def test_target_api_and_page(client: httpx.Client) -> None:
    view = client.get(f"/api/targets/{quote(REYEL, safe='')}").json()
    assert view["target"]["id"] == REYEL and view["target_actor"] is None  # Reyel never speaks here
    rows = view["positions"]
    assert [r["actor"]["id"] for r in rows] == [VT]
    vt = rows[0]
    assert vt["label"] == "conflictual" and vt["evidence_count"] >= 4 and vt["source_count"] == 1
    last = vt["last_change"]
    assert (last["previous_label"], last["new_label"]) == ("cooperative", "conflictual")
    # The timeline comes from position-detail (the owning worker's table), not the read model.
    detail = client.get(f"/api/actors/{VT}/positions/{REYEL}").json()
    assert [tuple(p) for p in view["timeline"][0]["points"]] == [tuple(p) for p in detail["history"]]
    assert len(detail["history"]) >= 2 and view["timeline_missing"] == []
    assert view["counts"] == {"cooperative": 0, "neutral": 0, "conflictual": 1}
    assert view["changes"] and all(c["target"]["id"] == REYEL for c in view["changes"])
    # Several actors on one issue: most cooperative first.
    meeting = client.get("/api/targets/issue:meeting").json()["positions"]
    scores = [r["score"] for r in meeting]
    assert len(meeting) >= 2 and scores == sorted(scores, reverse=True)
    page = client.get(f"/targets/{REYEL}")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'id="target-positions"' in page.text and "Ilse Varga-Tamm" in page.text
    assert 'svg class="timeline combined"' in page.text and page.text.count("<polyline") == 1
    assert f'href="/api/positions?target={quote(REYEL, safe="")}&amp;format=csv"' in page.text
    assert client.get("/targets/issue:nobody-mentions-it").status_code == 404
    # Every target name links to its page: dashboard, actor page.
    assert f'href="/targets/{quote(REYEL, safe="")}"' in client.get("/").text
    assert f'href="/targets/{quote(REYEL, safe="")}"' in client.get(f"/actors/{VT}").text
    # An actor others take positions on links to its own target page (Oskarsson backs Varga-Tamm).
    assert f'href="/targets/{quote(VT, safe="")}"' in client.get(f"/actors/{VT}").text
    assert client.get(f"/api/targets/{VT}").json()["target_actor"]["id"] == VT


def test_graph_api(client: httpx.Client) -> None:
    g = client.get("/api/graph").json()
    ids = {n["id"] for n in g["nodes"]}
    assert {VT, REYEL, "person:anja-birk", "person:olaf-renn"} <= ids
    edges = {e["id"]: e for e in g["edges"]}
    vt_reyel = edges[f"{VT}→{REYEL}"]
    assert vt_reyel["label"] == "conflictual" and vt_reyel["changed"]
    assert vt_reyel["previous_label"] == "cooperative"
    assert g["total_edges"] == len(g["edges"]) and not g["truncated"]
    positions = client.get("/api/positions?limit=500").json()
    assert positions["total"] == len(g["edges"])  # one edge per current position
    for e in g["edges"]:
        assert e["source"] in ids and e["target"] in ids
    heavy = client.get("/api/graph?min_evidence=3").json()
    assert 0 < len(heavy["edges"]) < len(g["edges"]) and all(e["evidence_count"] >= 3 for e in heavy["edges"])
    day = client.get("/api/graph?window=day").json()
    assert day["as_of"] == g["as_of"] and len(day["edges"]) < len(g["edges"])
    conflict = client.get("/api/graph?label=conflictual").json()
    assert conflict["edges"] and {e["label"] for e in conflict["edges"]} == {"conflictual"}
    page = client.get("/graph?window=week&min_evidence=2")
    assert page.status_code == 200 and 'value="week" selected' in page.text
    for name in ("cytoscape.min.js", "graph.js", "graph-layout.js", "d3-force.min.js", "cytoscape.LICENSE"):
        assert client.get(f"/static/{name}").status_code == 200, name
    assert client.get("/static/../pyproject.toml").status_code == 404
    assert client.get("/static/nothing.js").status_code == 404


def _csv(resp: httpx.Response) -> list[dict[str, str]]:
    import csv
    import io

    return list(csv.DictReader(io.StringIO(resp.text)))


def test_exports_stream_with_filters(client: httpx.Client) -> None:
    r = client.get("/api/positions", params={"format": "csv", "label": "conflictual"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.headers["transfer-encoding"] == "chunked" and "content-length" not in r.headers
    assert 'filename="stancewire-positions.csv"' in r.headers["content-disposition"]
    rows = _csv(r)
    assert rows and {x["label"] for x in rows} == {"conflictual"}
    assert any(x["actor_id"] == VT and x["target_id"] == REYEL for x in rows)
    same = client.get("/api/positions", params={"label": "conflictual"}, headers={"Accept": "text/csv"})
    assert _csv(same) == rows  # Accept: text/csv and ?format=csv agree

    ev = client.get("/api/evidence", params={"format": "csv", "actor": VT, "target": REYEL})
    evidence = _csv(ev)
    page = client.get("/api/evidence", params={"actor": VT, "target": REYEL, "limit": 500}).json()
    assert len(evidence) == page["total"] >= 4
    assert {x["evidence_id"] for x in evidence} == {x["evidence_id"] for x in page["items"]}
    assert all(x["actor_id"] == VT and x["target_id"] == REYEL for x in evidence)
    assert any(float(x["score"]) < 0 for x in evidence) and any(float(x["score"]) > 0 for x in evidence)
    lines = client.get("/api/evidence", params={"actor": VT, "format": "jsonl"}).text.splitlines()
    assert len(lines) >= len(evidence) and all(json.loads(x)["actor"]["id"] == VT for x in lines)
    # The graph's filters narrow the evidence to the positions drawn.
    heavy = client.get("/api/evidence", params={"min_evidence": 4, "format": "jsonl"}).text.splitlines()
    pairs = {
        (r["actor"]["id"], r["target"]["id"])
        for r in client.get("/api/positions", params={"min_evidence": 4, "limit": 500}).json()["items"]
    }
    assert heavy and {(json.loads(x)["actor"]["id"], json.loads(x)["target"]["id"]) for x in heavy} <= pairs

    ch = client.get("/api/changes", params={"kind": "change"}, headers={"Accept": "application/x-ndjson"})
    assert ch.headers["content-type"].startswith("application/x-ndjson")
    changes = [json.loads(x) for x in ch.text.splitlines()]
    assert changes == client.get("/api/changes", params={"kind": "change", "limit": 500}).json()["items"]
    week = _csv(client.get("/api/changes", params={"format": "csv", "window": "week"}))
    assert len(week) < len(_csv(client.get("/api/changes", params={"format": "csv"})))
    empty = client.get("/api/positions", params={"format": "csv", "q": "nobody-by-this-name"})
    assert empty.text.startswith("actor_id,") and len(_csv(empty)) == 0
    target_csv = _csv(client.get(f"/api/targets/{REYEL}", params={"format": "csv"}))
    assert [x["actor_id"] for x in target_csv] == [VT]


def test_basis_said_and_did_from_the_pipeline(client: httpx.Client) -> None:
    """Issue 16: the fictional sequence has one reported act on this pair (synth-seq-04, "Ilse
    Varga-Tamm met Tomas Reyel", CONSULT, basis did) among quotes; every view counts it alike."""
    query = {"actor": VT, "target": REYEL, "limit": 500}
    evidence = client.get("/api/evidence", params=query).json()["items"]
    said = sum(e["basis"] == "said" for e in evidence)
    did = sum(e["basis"] == "did" for e in evidence)
    assert did >= 1 and said >= 3 and said + did == len(evidence)
    assert any(e["basis"] == "did" and e["article_id"] == "synth-seq-04" for e in evidence)
    pos = client.get(f"/api/actors/{VT}").json()["positions"][REYEL]
    assert (pos["said_count"], pos["did_count"]) == (said, did) and pos["evidence_count"] == len(evidence)
    listed = next(
        p
        for a in client.get("/api/actors", params={"q": "varga"}).json()["items"]
        for p in a["positions"]
        if p["target"]["id"] == REYEL
    )
    (row,) = client.get(f"/api/targets/{quote(REYEL, safe='')}").json()["positions"]
    edge = next(e for e in client.get("/api/graph").json()["edges"] if e["id"] == f"{VT}→{REYEL}")
    for shown in (listed, row, edge):
        assert (shown["said_count"], shown["did_count"]) == (said, did)
    assert row["last_change"]["basis"] in ("said", "did", "said+did")
    changes = client.get("/api/changes", params={"limit": 500}).json()["items"]
    assert changes and all(
        sum(c["basis_counts"].values()) == len(c["evidence"])
        and c["basis"]
        == ("said+did" if all(c["basis_counts"].values()) else "did" if c["basis_counts"]["did"] else "said")
        for c in changes
    )
    # Alerts resting on quotes alone and alerts resting (partly) on reported acts, both in the sequence.
    assert "said" in {c["basis"] for c in changes} and {c["basis"] for c in changes} & {"did", "said+did"}
    exported = _csv(client.get("/api/evidence", params={"format": "csv", "actor": VT, "target": REYEL}))
    assert sorted(x["basis"] for x in exported) == sorted(e["basis"] for e in evidence)
    html = client.get(f"/actors/{VT}").text
    mix = f'<span class="mix" data-said="{said}" data-did="{did}">{said} said, {did} did</span>'
    assert f"{len(evidence)} evidence ({mix})" in html
    assert '<span class="basis did"' in html and '<span class="basis said"' in html
    assert XSS not in html  # the hostile quote is still escaped next to the new tags


# --------------------------------------------------------------------------- bearer token


@pytest.fixture(scope="module")
def token_worker(broker, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkerProc]:  # type: ignore[no-untyped-def]
    tmp: Path = tmp_path_factory.mktemp("wtok")
    ensure_topics(broker.bootstrap, "sw-api-token")
    w = start_worker(tmp, broker.bootstrap, "sw-api-token", token="s3cret-token")
    try:
        yield w
    finally:
        w.stop()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/api/actors",
        "/api/changes",
        "/api/openapi.json",
        "/metrics",
        f"/api/actors/{VT}",
        "/api/changes/stream",
        "/static/app.js",
        "/graph",
        "/api/graph",
        "/api/positions?format=csv",
        f"/targets/{VT}",
    ],
)
def test_token_required(token_worker: WorkerProc, path: str) -> None:
    with httpx.Client(base_url=token_worker.url, timeout=10) as c:
        r = c.get(path)
        assert r.status_code == 401 and r.json()["error"] == "unauthorized"
        assert c.get(path, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert httpx.get(token_worker.url + "/health").status_code == 200


def test_token_accepted(token_worker: WorkerProc) -> None:
    with token_worker.client() as c:
        assert c.get("/api/actors").status_code == 200
        assert c.get("/").status_code == 200
    # A browser: ?token= once sets a cookie and redirects to the clean URL.
    with httpx.Client(base_url=token_worker.url, timeout=10) as browser:
        r = browser.get("/?token=s3cret-token&sort=name")
        assert r.status_code == 303 and r.headers["location"] == "/?sort=name"
        assert "httponly" in r.headers["set-cookie"].lower()
        assert browser.get("/?sort=name").status_code == 200  # the cookie now authenticates
    with httpx.Client(base_url=token_worker.url, timeout=10) as browser:
        r = browser.get("/graph?window=week&token=s3cret-token")
        assert r.status_code == 303 and r.headers["location"] == "/graph?window=week"
        assert browser.get("/api/graph").status_code == 200
        assert browser.get("/api/actors").status_code == 200


def test_no_token_configured(client: httpx.Client) -> None:
    assert client.get("/api/actors", headers={}).status_code == 200
