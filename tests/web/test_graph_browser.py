"""The target page and the stance network in headless Chromium, against a real worker.

Articles are the synthetic sequence (fictional people and countries) plus one fictional article
whose speaker, from a registry the test supplies, is named ``<img src=x onerror=...>``: a hostile
name travels the real pipeline and must stay text on every page. The scale test writes 500
fictional actors' positions (2,000 of them) to the positions changelog, the read model's input,
and measures the page drawing them: time to first render and how long the main thread was busy,
alternating with the same page laying out on its main thread (``?layout=main``) for comparison.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from test_dashboard_browser import ARGS, CHROMIUM
from web_harness import (
    ARTIFACTS,
    ROOT,
    WorkerProc,
    ensure_topics,
    produce,
    seed_records,
    start_worker,
    wait_for,
)

pytestmark = [pytest.mark.browser, pytest.mark.broker]

VT, REYEL, KOSTEL = "person:ilse-varga-tamm", "person:tomas-reyel", "person:mira-kostel"
HOSTILE = '<img src=x onerror="window.__xss=1">Mira Kostel'
REGISTRY = {
    "id": KOSTEL,
    "name": HOSTILE,
    "kind": "person",
    "aliases": ["mira kostel", "kostel"],
    "gender": "f",
    "country": "VLT",
    "_note": "Fictional person with a hostile display name (HTML-escaping test).",
}
HOSTILE_ARTICLE = {
    "id": "web-hostile-1",
    "source": "Example Wire (fictional)",
    "title": "Kostel and Varga-Tamm",
    "published_at": "2025-04-12T10:00:00Z",
    "synthetic": True,
    "metadata": {"note": "Synthetic article: all people, countries and organisations are fictional."},
    "text": "Veltrian opposition leader Mira Kostel praised Corvenian Prime Minister Tomas Reyel on Monday. "
    "Veltrian President Ilse Varga-Tamm accused Mira Kostel of undermining the border talks.",
}
# Records the page collects from its first moment: long main-thread tasks (the Long Tasks API)
# and the largest gap between 50 ms heartbeats (what a user would feel as a frozen page).
PERF_PROBE = """
window.__longTasks = [];
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
} catch (e) {}
window.__maxGap = 0;
window.__gaps = [];
(function beat(last) {
  setTimeout(() => {
    const now = performance.now();
    const gap = now - last - 50;
    window.__maxGap = Math.max(window.__maxGap, gap);
    if (gap > 20) window.__gaps.push([now, gap]);
    beat(now);
  }, 50);
})(performance.now());
"""


def _split() -> tuple[list[bytes], list[bytes]]:
    """The seeds before synth-seq-09 (which turns Varga-Tamm against Reyel), and the rest."""
    records = seed_records("synthetic-sequence.jsonl")
    cut = next(i for i, r in enumerate(records) if json.loads(r)["id"] == "synth-seq-09")
    return seed_records("articles.jsonl") + records[:cut], records[cut:]


@pytest.fixture(scope="module")
def worker(broker, app_id: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkerProc]:  # type: ignore[no-untyped-def]
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing (apt-get install -y chromium)")
    tmp = tmp_path_factory.mktemp("wg")
    registry = tmp / "actors.jsonl"
    registry.write_text(json.dumps(REGISTRY) + "\n", "utf-8")
    ensure_topics(broker.bootstrap, app_id)
    w = start_worker(tmp, broker.bootstrap, app_id, extra_env={"STANCEWIRE_ACTORS_PATH": str(registry)})
    try:
        before, _ = _split()
        produce(broker.bootstrap, before)
        with w.client() as c:
            wait_for(
                lambda: (
                    c.get("/api/targets/" + REYEL).status_code == 200
                    and c.get("/api/graph").json()["total_edges"] >= 10
                ),
                what="the seed positions indexed",
            )
        yield w
    finally:
        w.stop()


def _browser(pw):  # type: ignore[no-untyped-def]
    return pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)


def _poll(page, expr: str, timeout: float = 60.0, what: str = "") -> object:  # type: ignore[no-untyped-def]
    # page.wait_for_function evaluates a string, which the page's CSP (no unsafe-eval) refuses.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = page.evaluate(expr)
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what or expr}")


def _rendered(page, renders: int = 1) -> dict:  # type: ignore[no-untyped-def]
    _poll(page, f"window.__graphPerf && window.__graphPerf.renders >= {renders}", what="the graph drawn")
    return page.evaluate("window.__graphPerf")


def _drawn(page) -> dict:  # type: ignore[no-untyped-def]
    """What Cytoscape holds and whether its canvases have pixels on them."""
    return page.evaluate("""() => {
      const cy = window.__stancewireGraph;
      const box = document.getElementById('graph').getBoundingClientRect();
      let painted = 0;
      document.querySelectorAll('#graph canvas').forEach((cv) => {
        const data = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
        for (let i = 3; i < data.length; i += 16) if (data[i] > 0) painted++;
      });
      return {nodes: cy.nodes().map((n) => n.id()), edges: cy.edges().map((e) => e.id()),
              inside: cy.nodes().every((n) => { const p = n.renderedPosition();
                return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height; }),
              painted};
    }""")


def _node_point(page, node_id: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    p = page.evaluate(
        """(id) => { const n = window.__stancewireGraph.getElementById(id);
        const r = n.renderedPosition(); const b = document.getElementById('graph').getBoundingClientRect();
        return [b.left + r.x, b.top + r.y]; }""",
        node_id,
    )
    return float(p[0]), float(p[1])


def _open_node(page, node_id: str, url: str) -> None:  # type: ignore[no-untyped-def]
    """Click a node and wait for the page it opens. On a loaded CI machine a click still landed
    on empty canvas once after the viewport had settled (a redraw queued behind the filter
    change moved the graph), so a click that opens nothing within 10 s is tried again, as a
    user would; the last try waits the full navigation timeout, so a click-through that never
    opens the page still fails."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    for _ in range(2):
        _click_node(page, node_id)
        try:
            page.wait_for_url(url, timeout=10_000)
            return
        except PlaywrightTimeoutError:
            continue
    _click_node(page, node_id)
    page.wait_for_url(url)


def _click_node(page, node_id: str) -> None:  # type: ignore[no-untyped-def]
    """Click a node where it is drawn, once the viewport has stopped moving.

    A redraw with a name in the search box re-centres that name with a 300 ms animation
    (graph.js centre()); a point read while it ran was stale by the time of the click, and the
    click landed on empty canvas (a CI run timed out waiting for the actor page). So the
    animation is stopped at its end, the node is centred, and the point is read until two reads
    a frame apart agree."""
    # "; 0": evaluate returns the last value, and a Cytoscape core took ~60 s to serialise.
    page.evaluate(
        "(id) => { const cy = window.__stancewireGraph; cy.stop(true, true); cy.zoom(1);"
        " cy.center(cy.getElementById(id)); return 0; }",
        node_id,
    )
    deadline = time.monotonic() + 10
    last = None
    while True:
        moving = page.evaluate("window.__stancewireGraph.animated()")
        point = _node_point(page, node_id)
        if not moving and point == last:
            break
        assert time.monotonic() < deadline, f"{node_id} still moving: {last} then {point}"
        last = point
        page.wait_for_timeout(100)
    page.mouse.click(*point)


def test_target_page_and_its_live_update(worker: WorkerProc, broker) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    _, after = _split()
    with sync_playwright() as pw:
        browser = _browser(pw)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            # Reached by clicking a target name on the dashboard.
            page.goto(worker.url + "/")
            page.locator(f'tr[data-actor="{VT}"] .pos[data-target="{REYEL}"] a.target').click()
            page.wait_for_url(f"**/targets/{quote(REYEL, safe='')}")
            row = page.locator(f'#target-positions tr[data-actor="{VT}"]')
            expect(row).to_contain_text("Ilse Varga-Tamm")
            expect(page.locator("svg.timeline.combined polyline")).to_have_count(1)
            expect(page.locator(".exports a[data-format=csv]")).to_have_count(3)
            expect(page.locator("#live.on")).to_be_visible(timeout=10_000)
            page.evaluate("window.__stancewireMarker = 7")
            produce(broker.bootstrap, after)  # seq-09 on: Varga-Tamm turns against Reyel
            expect(
                page.locator("#feed li.fresh")
                .filter(has_text="Ilse Varga-Tamm")
                .filter(has_text="conflictual")
                .first
            ).to_be_visible(timeout=90_000)
            expect(row.locator("td.label .chip")).to_have_text("conflictual")
            expect(row.locator("td.last-change")).to_contain_text("conflictual")
            # The live row (app.js) keeps the said/did mix and names the change's basis (issue 16).
            expect(row.locator("td.evidence .mix")).to_contain_text(re.compile(r"^\d+ said, 1 did$"))
            expect(row.locator("td.last-change .basis")).to_have_text(re.compile(r"^(said|did|said\+did)$"))
            expect(page.locator('[data-tally="conflictual"]')).to_contain_text("1 conflictual")
            assert page.evaluate("window.__stancewireMarker") == 7, "the page reloaded"
            page.wait_for_timeout(300)
            page.screenshot(path=str(ARTIFACTS / "target.png"), full_page=True)
            # An issue several actors take a position on, sorted most cooperative first.
            page.goto(worker.url + "/targets/issue:meeting")
            scores = [
                float(s)
                for s in page.locator("#target-positions tr[data-actor]").evaluate_all(
                    "rows => rows.map(r => r.dataset.score)"
                )
            ]
            assert len(scores) >= 2 and scores == sorted(scores, reverse=True)
            assert not errors, errors
        finally:
            browser.close()


def test_graph_draws_filters_searches_and_escapes(worker: WorkerProc, broker) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect, sync_playwright

    with worker.client() as c:
        api = c.get("/api/graph").json()
        heavy = c.get("/api/graph", params={"min_evidence": 3}).json()
    with sync_playwright() as pw:
        browser = _browser(pw)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(worker.url + "/graph")
            _rendered(page)
            drawn = _drawn(page)
            assert sorted(drawn["nodes"]) == sorted(n["id"] for n in api["nodes"])
            assert sorted(drawn["edges"]) == sorted(e["id"] for e in api["edges"])
            assert drawn["inside"] and drawn["painted"] > 500, drawn["painted"]
            expect(page.locator("#graph-stats")).to_contain_text(f"{len(api['nodes'])} nodes")

            # Live: a new article adds the hostile speaker and her edges without a reload.
            expect(page.locator("#live.on")).to_be_visible(timeout=10_000)
            produce(broker.bootstrap, [json.dumps(HOSTILE_ARTICLE).encode()])
            _poll(
                page,
                f"window.__stancewireGraph.getElementById({json.dumps(KOSTEL)}).length > 0",
                timeout=90,
                what="the live node",
            )
            _poll(
                page,
                f"window.__stancewireGraph.getElementById({json.dumps(VT + '→' + KOSTEL)}).length",
                timeout=30,
                what="the live edge",
            )
            assert page.evaluate("window.__graphPerf.renders") == 1  # drawn in place, not reloaded

            # Hostile name: text in the canvas label, the tooltip and the search list; never markup.
            page.goto(worker.url + "/graph")
            _rendered(page)
            x, y = _node_point(page, KOSTEL)
            page.mouse.move(x, y)
            tip = page.locator("#graph-tip")
            expect(tip).to_be_visible()
            expect(tip).to_contain_text(HOSTILE)
            expect(tip).to_contain_text("evidence")
            # Edges carry the said/did mix for their tooltip ("Varga-Tamm met Reyel" was an act).
            mix = page.evaluate(
                "(id) => { const d = window.__stancewireGraph.getElementById(id).data(); "
                "return [d.said_count, d.did_count]; }",
                VT + "→" + REYEL,
            )
            assert mix[0] >= 1 and mix[1] == 1, mix
            names = page.locator("#graph-names option").evaluate_all("os => os.map(o => o.value)")
            assert HOSTILE in names
            assert page.evaluate("document.querySelectorAll('#graph-tip img, #graph-names img').length") == 0
            assert page.evaluate("window.__xss") is None
            page.mouse.move(5, 5)
            page.screenshot(path=str(ARTIFACTS / "graph.png"), full_page=False)

            # Filter: minimum evidence 3 redraws with exactly the API's answer, and the export
            # links follow the filter.
            page.fill("input[name=min_evidence]", "3")
            page.dispatch_event("input[name=min_evidence]", "change")
            _rendered(page, renders=2)
            drawn = _drawn(page)
            assert sorted(drawn["edges"]) == sorted(e["id"] for e in heavy["edges"])
            assert len(drawn["edges"]) < len(api["edges"])
            csv_link = page.locator('.exports a[data-export="/api/positions"][data-format=csv]')
            href = csv_link.get_attribute("href")
            assert href is not None and "min_evidence=3" in href
            assert "min_evidence=3" in page.url

            # Search centres a node.
            page.fill("#graph-search", "Olaf Renn")
            page.press("#graph-search", "Enter")
            _poll(page, "window.__graphFocus === 'person:olaf-renn'", what="Olaf Renn focused")

            # Click-through: a speaking actor opens the actor page, an issue its target page.
            page.fill("input[name=min_evidence]", "1")
            page.dispatch_event("input[name=min_evidence]", "change")
            _rendered(page, renders=3)
            _open_node(page, VT, f"**/actors/{quote(VT, safe='')}")
            page.goto(worker.url + "/graph")
            _rendered(page)
            _open_node(page, "issue:meeting", "**/targets/issue%3Ameeting")

            # The hostile name on the target and actor pages is text as well.
            page.goto(worker.url + "/targets/" + quote(KOSTEL, safe=""))
            expect(page.locator("h2").first).to_contain_text(HOSTILE)
            assert page.evaluate("document.querySelectorAll('main img').length") == 0
            assert page.evaluate("window.__xss") is None
            assert not errors, errors
        finally:
            browser.close()


# --------------------------------------------------------------------------- 500 nodes, 2,000 edges


def _synthetic_network(
    n_actors: int = 400, n_issues: int = 100, n_edges: int = 2_000, seed: int = 7
) -> list[tuple[bytes, bytes]]:
    """(key, value) records of the positions changelog: fictional actors ("Fictional Actor 001")
    with positions on fictional issues and on each other, 2,000 in all, over 60 days."""
    import random

    from stancewire.schemas import ActorKind, ActorPositions, ActorRef, Position, TargetRef

    rnd = random.Random(seed)
    kinds = [ActorKind.person, ActorKind.person, ActorKind.government, ActorKind.organisation]
    actors = [
        ActorRef(
            id=f"person:fictional-actor-{i:03d}", name=f"Fictional Actor {i:03d}", kind=kinds[i % len(kinds)]
        )
        for i in range(n_actors)
    ]
    issues = [
        TargetRef(id=f"issue:fictional-issue-{i:03d}", name=f"Fictional issue {i:03d}", kind="issue")
        for i in range(n_issues)
    ]
    end = datetime(2025, 6, 1, tzinfo=UTC)
    by_actor: dict[str, dict[str, Position]] = {a.id: {} for a in actors}
    made = 0
    while made < n_edges:
        a = actors[int(rnd.random() ** 1.5 * n_actors)]  # a few actors speak a lot
        if rnd.random() < 0.6:
            t = issues[int(rnd.random() ** 2 * n_issues)]
        else:
            other = actors[rnd.randrange(n_actors)]
            t = TargetRef(id=other.id, name=other.name)
        if t.id == a.id or t.id in by_actor[a.id]:
            continue
        score = round(rnd.uniform(-8, 8), 2)
        label = "cooperative" if score >= 1.5 else "conflictual" if score <= -1.5 else "neutral"
        seen = end - timedelta(days=rnd.random() * 60)
        by_actor[a.id][t.id] = Position(
            actor=a,
            target=t,
            score=score,
            label=label,
            evidence_count=1 + int(rnd.expovariate(0.4)),
            sources=["Fictional Wire"],
            first_seen=seen - timedelta(days=3),
            last_seen=seen,
        )
        made += 1
    records = []
    for a in actors:
        if by_actor[a.id]:
            state = ActorPositions(
                actor=a,
                positions=by_actor[a.id],
                updated_at=max(p.last_seen for p in by_actor[a.id].values()),
            )
            records.append((json.dumps(a.id).encode(), state.model_dump_json().encode()))
    return records


def _produce_changelog(bootstrap: str, topic: str, records: list[tuple[bytes, bytes]]) -> None:
    import asyncio
    import concurrent.futures

    from aiokafka import AIOKafkaProducer

    async def run() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=20)
        await producer.start()
        try:
            for key, value in records:
                await producer.send(topic, value, key=key)
            await producer.flush()
        finally:
            await producer.stop()

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, run()).result()


def test_graph_at_500_nodes_and_2000_edges_stays_responsive(worker: WorkerProc, broker, app_id: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    records = _synthetic_network()
    _produce_changelog(broker.bootstrap, f"{app_id}-positions-changelog", records)
    ARTIFACTS.mkdir(exist_ok=True)
    with worker.client() as c:
        # The page then draws the seed network plus these 2,000 positions.
        wait_for(
            lambda: (
                c.get("/api/positions", params={"q": "fictional-actor", "limit": 1}).json()["total"] >= 2_000
            ),
            what="the synthetic network indexed",
        )
    runs: dict[str, list[dict[str, float]]] = {"worker": [], "main": []}
    with sync_playwright() as pw:
        browser = _browser(pw)
        try:
            # Alternating phases (the machine's speed drifts): the page as served, with the layout
            # in a web worker, and the same page with the same layout on its main thread.
            for mode in ("worker", "main") * 3:
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                errors: list[str] = []
                page.on("pageerror", lambda e: errors.append(str(e)))  # noqa: B023
                page.add_init_script(PERF_PROBE)
                page.goto(worker.url + "/graph" + ("?layout=main" if mode == "main" else ""))
                perf = _rendered(page)
                page.wait_for_timeout(1_000)  # long tasks right after the first render count too
                drawn = _drawn(page)
                tasks = page.evaluate("window.__longTasks")
                gaps = page.evaluate("window.__gaps")
                assert not errors, errors
                assert len(drawn["edges"]) >= 2_000 and len(drawn["nodes"]) >= 500
                assert drawn["painted"] > 2_000
                runs[mode].append(_measure(perf, tasks, gaps, drawn))
                if mode == "worker" and len(runs[mode]) == 1:
                    page.screenshot(path=str(ARTIFACTS / "graph-500.png"), full_page=False)
                page.close()
        finally:
            browser.close()
    report = {
        mode: {
            "median": {k: statistics.median(r[k] for r in rs) for k in rs[0]},
            "range": {k: [min(r[k] for r in rs), max(r[k] for r in rs)] for k in rs[0]},
            "runs": rs,
        }
        for mode, rs in runs.items()
    }
    w, m = report["worker"]["median"], report["main"]["median"]
    report["main_over_worker_layout_blocked"] = m["layout_blocked_ms"] / max(w["layout_blocked_ms"], 1.0)
    (ARTIFACTS / "graph-perf.json").write_text(json.dumps(report, indent=2), "utf-8")
    for mode in runs:
        print(
            f"\ngraph 500/2000, layout in {mode}: median",
            json.dumps(report[mode]["median"]),
            "range",
            json.dumps(report[mode]["range"]),
        )
    # While the worker lays the graph out (seconds on a loaded machine) the page stays live; the
    # same layout on the main thread blocks it for about the layout's time. The one long task
    # left is Cytoscape's first frame of 2,500 elements (reported; the bound only catches a
    # regression such as cy.fit() measuring every label, 3.5 s here). Bounds leave room for a
    # loaded 2-core machine; the numbers are in test-artifacts/graph-perf.json.
    assert w["layout_blocked_ms"] < 500, report
    assert m["layout_blocked_ms"] > 2 * w["layout_blocked_ms"], report
    assert w["longest_task_ms"] < 12_000, report
    assert w["first_render_ms"] < 30_000, report
    update_screenshots()


def _measure(perf: dict, tasks: list, gaps: list, drawn: dict) -> dict[str, float]:
    """One page load's numbers. ``layout_blocked_ms``: the longest stretch of the layout's time
    (from the graph's arrival to its positions) in which the main thread ran one task, from the
    Long Tasks API and the 50 ms heartbeat, whichever saw more."""
    t0, t1 = perf["fetched"], perf["laidOut"]

    def overlap(start: float, end: float) -> float:
        return max(0.0, min(end, t1) - max(start, t0))

    in_layout = [overlap(s, s + d) for s, d in tasks] + [overlap(at - g, at) for at, g in gaps]
    return {
        "first_render_ms": perf["rendered"],
        "fetch_ms": perf["fetched"] - perf["requested"],
        "layout_ms": perf["layoutMs"],
        "draw_ms": perf["rendered"] - perf["laidOut"],
        "layout_blocked_ms": max(in_layout, default=0.0),
        "longest_task_ms": max((d for _, d in tasks), default=0.0),
        "blocked_ms": sum(max(0.0, d - 50) for _, d in tasks),
        "nodes": len(drawn["nodes"]),
        "edges": len(drawn["edges"]),
    }


def update_screenshots() -> bool:
    """Copy this module's screenshots over the README's, only with STANCEWIRE_UPDATE_SCREENSHOTS=1."""
    if os.environ.get("STANCEWIRE_UPDATE_SCREENSHOTS") != "1":
        return False
    shots = ROOT / "docs" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for name in ("graph.png", "target.png", "graph-500.png"):
        if (ARTIFACTS / name).exists():
            shutil.copyfile(ARTIFACTS / name, shots / name)
    return True
