// stancewire stance network: fetches /api/graph, lays it out in a web worker (graph-layout.js),
// draws it with Cytoscape.js (vendored, MIT), and keeps it current from the SSE change stream.
// Labels are drawn on canvas and every tooltip or list entry is built with textContent, so a
// hostile actor name is shown as text, never parsed as HTML.
"use strict";
(function () {
  const COLOURS = { cooperative: "#1a7f37", neutral: "#8c959f", conflictual: "#cf222e" };
  const SHAPES = { person: "ellipse", government: "round-rectangle", organisation: "diamond",
                   group: "diamond", place: "round-triangle", issue: "round-tag", unknown: "ellipse" };
  const FILLS = { person: "#54aeff", government: "#8250df", organisation: "#1b7c83", group: "#1b7c83",
                  place: "#9a6700", issue: "#fb8f44", unknown: "#afb8c1" };
  const CHUNK = 250; // elements added per animation frame (keeps each main-thread task short)

  // Timings the browser test reads (performance.now() milliseconds).
  const perf = (window.__graphPerf = { requested: null, fetched: null, laidOut: null, rendered: null,
                                       layoutMs: null, nodes: 0, edges: 0, renders: 0 });
  let cy = null;
  let current = null; // the last /api/graph answer
  let seenChanges = new Set();
  const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r()));

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  const fmt = (s) => (s >= 0 ? "+" : "") + Number(s).toFixed(2);
  const actorHref = (id) => "/actors/" + encodeURIComponent(id);
  const targetHref = (id) => "/targets/" + encodeURIComponent(id);

  function params() {
    const form = document.getElementById("graph-controls");
    const q = new URLSearchParams();
    q.set("window", form.elements.window.value);
    const min = parseInt(form.elements.min_evidence.value, 10);
    q.set("min_evidence", String(Number.isFinite(min) && min >= 1 ? min : 1));
    if (form.elements.label.value) q.set("label", form.elements.label.value);
    return q;
  }

  function updateExports(q) {
    document.querySelectorAll("a[data-export]").forEach((a) => {
      const e = new URLSearchParams(q);
      e.set("format", a.dataset.format);
      a.href = a.dataset.export + "?" + e.toString();
    });
  }

  function status(text) {
    const s = document.getElementById("graph-status");
    if (!s) return;
    s.textContent = text || "";
    s.hidden = !text;
  }

  function nodeSize(evidence, maxEv) {
    return 14 + 34 * Math.sqrt(evidence / Math.max(maxEv, 1));
  }

  function edgeWidth(n, maxEv) {
    return 1 + 5 * Math.sqrt(n / Math.max(maxEv, 1));
  }

  // labelled: true (small graph: every label), "big" (large graph: one of the heaviest nodes,
  // drawn large enough to read at the zoom that fits 500 nodes), false (no label).
  function nodeData(n, maxEv, labelled) {
    const rel = Math.sqrt(n.evidence / Math.max(maxEv, 1));
    return { id: n.id, name: n.name, label: labelled === false ? "" : n.name, kind: n.kind,
             evidence: n.evidence, degree: n.degree, speaks: n.speaks, size: nodeSize(n.evidence, maxEv),
             font: labelled === "big" ? 20 + 10 * rel : 9 + 5 * rel,
             shape: SHAPES[n.kind] || SHAPES.unknown, fill: FILLS[n.kind] || FILLS.unknown };
  }

  function edgeData(e, maxEv) {
    return { id: e.id, source: e.source, target: e.target, score: e.score, label: e.label,
             evidence_count: e.evidence_count, said_count: e.said_count || 0, did_count: e.did_count || 0,
             source_count: e.source_count, last_seen: e.last_seen,
             changed: e.changed, previous_label: e.previous_label, width: edgeWidth(e.evidence_count, maxEv),
             colour: COLOURS[e.label] || COLOURS.neutral, light: LIGHT[e.label] || LIGHT.neutral,
             // The sign, also without colour: an arrow for cooperation, a bar for conflict.
             arrow: e.label === "cooperative" ? "triangle" : e.label === "conflictual" ? "tee" : "circle" };
  }

  // Past this many edges the drawing switches to Cytoscape's cheapest edges (haystack lines,
  // opaque, no arrow heads): semi-transparent edges with arrows cost several times more per
  // frame. The label is then carried by colour alone (and the tooltip).
  const LARGE = 400;
  const LABELS_LARGE = 40; // nodes come heaviest first from /api/graph
  const LIGHT = { cooperative: "#8cc79b", neutral: "#c9ced4", conflictual: "#ec9a9f" };

  function styleFor(large) {
    return [
      { selector: "node", style: {
        "shape": "data(shape)", "background-color": "data(fill)",
        "width": "data(size)", "height": "data(size)", "label": "data(label)", "font-size": "data(font)",
        "min-zoomed-font-size": large ? 6 : 8, "text-valign": "bottom", "text-margin-y": 2, "color": "#1f2328",
        "text-outline-color": "#fff", "text-outline-width": large ? 0 : 2, "border-width": large ? 0 : 1,
        "border-color": "#fff" } },
      { selector: "edge", style: large ? {
        "width": "data(width)", "line-color": "data(light)", "curve-style": "haystack",
        "haystack-radius": 0 } : {
        "width": "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "target-arrow-shape": "data(arrow)", "arrow-scale": 0.8, "curve-style": "straight",
        "opacity": 0.7 } },
      { selector: "edge[?changed]", style: large ? { "line-color": "#bf8700", "z-index": 5 } : {
        "underlay-color": "#d4a72c", "underlay-opacity": 0.6, "underlay-padding": 7, "opacity": 1,
        "z-index": 5 } },
      { selector: ".faded", style: { "opacity": 0.12 } },
      { selector: "node.focus", style: { "border-width": 4, "border-color": "#0969da", "z-index": 10 } },
      { selector: "edge.fresh", style: { "line-color": "#bf8700", "width": 6, "z-index": 9 } },
    ];
  }

  // ?layout=main runs the same layout on the page's own thread: for measuring what the worker
  // saves (tests/web/test_graph_browser.py compares the two), never for use.
  const MAIN_LAYOUT = new URLSearchParams(location.search).get("layout") === "main";

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = () => reject(new Error("could not load " + src));
      document.head.append(s);
    });
  }

  async function layoutOnMainThread(graph, fixed) {
    if (!window.stancewireLayout) {
      for (const f of ["d3-dispatch", "d3-quadtree", "d3-timer", "d3-force"]) await loadScript(`/static/${f}.min.js`);
      await loadScript("/static/graph-layout.js");
    }
    return window.stancewireLayout(window.d3, {
      nodes: graph.nodes.map((n) => ({ id: n.id, size: n.size })),
      edges: graph.edges.map((e) => ({ source: e.source, target: e.target, weight: e.evidence_count })),
      fixed,
    });
  }

  function layoutInWorker(graph, fixed) {
    if (MAIN_LAYOUT) return layoutOnMainThread(graph, fixed);
    return new Promise((resolve, reject) => {
      const w = new Worker("/static/graph-layout.js");
      w.onmessage = (ev) => { w.terminate(); resolve(ev.data); };
      w.onerror = (ev) => { w.terminate(); reject(new Error(ev.message || "layout failed")); };
      w.postMessage({
        nodes: graph.nodes.map((n) => ({ id: n.id, size: n.size })),
        edges: graph.edges.map((e) => ({ source: e.source, target: e.target, weight: e.evidence_count })),
        fixed,
      });
    });
  }

  function showStats(g) {
    const s = document.getElementById("graph-stats");
    if (!s) return;
    let text = `${g.nodes.length} nodes · ${g.edges.length} positions`;
    if (g.truncated) text += ` (the ${g.edges.length} with most evidence of ${g.total_edges})`;
    const changed = g.edges.filter((e) => e.changed).length;
    text += ` · ${changed} changed`;
    if (g.as_of) text += ` · ${g.window === "all" ? "all time" : "window " + g.window} up to ${g.as_of.slice(0, 16).replace("T", " ")}`;
    s.textContent = "(" + text + ")";
  }

  function fillSearch(nodes) {
    const list = document.getElementById("graph-names");
    const opts = document.createDocumentFragment();
    nodes.forEach((n) => {
      const o = document.createElement("option");
      o.value = n.name; // a property, not markup
      o.label = n.id;
      opts.append(o);
    });
    list.replaceChildren(opts);
  }

  async function load(first) {
    const q = params();
    updateExports(q);
    if (!first) history.replaceState(null, "", "/graph?" + q.toString());
    perf.requested = performance.now();
    status("Loading the network…");
    let g;
    try {
      const r = await fetch("/api/graph?" + q.toString(), { credentials: "same-origin" });
      if (!r.ok) throw new Error("HTTP " + r.status);
      g = await r.json();
    } catch (e) {
      status("Could not load the network: " + e.message);
      return;
    }
    perf.fetched = performance.now();
    const maxEv = Math.max(1, ...g.edges.map((e) => e.evidence_count));
    const maxNode = Math.max(1, ...g.nodes.map((n) => n.evidence));
    // In a large graph only the heaviest nodes carry a label (the rest: hover or search); a
    // label on each of 500 nodes is unreadable, and measuring them all costs seconds.
    const large = g.edges.length > LARGE;
    const nodes = g.nodes.map((n, i) => nodeData(n, maxNode, !large || (i < LABELS_LARGE && "big")));
    const edges = g.edges.map((e) => edgeData(e, maxEv));
    current = { raw: g, maxEv, maxNode };
    showStats(g);
    fillSearch(g.nodes);
    if (!nodes.length) {
      if (cy) cy.elements().remove();
      status(document.getElementById("graph").dataset.ready === "1" || !first
        ? "No positions match these filters." : "Waiting for data…");
      perf.rendered = performance.now();
      return;
    }
    status(`Laying out ${nodes.length} nodes and ${edges.length} positions…`);
    const fixed = {};
    if (cy) cy.nodes().forEach((n) => { fixed[n.id()] = n.position(); });
    let laid;
    try {
      laid = await layoutInWorker({ nodes, edges }, fixed);
    } catch (e) {
      status("Layout failed: " + e.message);
      return;
    }
    perf.laidOut = performance.now();
    perf.layoutMs = laid.ms;
    await draw(nodes, edges, laid.positions);
    // Cytoscape paints in its own animation frame: two frames later the graph is on screen.
    await nextFrame();
    await nextFrame();
    perf.rendered = performance.now();
    perf.nodes = nodes.length;
    perf.edges = edges.length;
    perf.renders += 1;
    status("");
    const s = document.getElementById("graph-search");
    if (s && s.value) centre(s.value);
  }

  async function draw(nodes, edges, positions) {
    const large = edges.length > LARGE;
    const box = document.getElementById("graph");
    if (cy) {
      // A fresh instance per drawing: a remounted one (unmount, rebuild, mount) stopped
      // receiving clicks in Chromium. Positions were taken from the old one for the layout.
      cy.destroy();
      cy = null;
    }
    if (!cy) {
      // Built headless, no style option: styles are computed slice by slice while elements are
      // added, and mounting later draws once (mount re-applies only options.style).
      cy = window.cytoscape({
        headless: true, styleEnabled: true, elements: [], minZoom: 0.05, maxZoom: 4, wheelSensitivity: 0.3,
        // Large-graph settings: draw a cached texture while panning/zooming, skip edges then.
        textureOnViewport: true, hideEdgesOnViewport: true, pixelRatio: 1, motionBlur: false,
      });
      wire();
      window.__stancewireGraph = cy; // for the browser tests and the console
    }
    cy.style(styleFor(large));
    cy.elements().remove();
    const all = [...nodes.map((d) => ({ group: "nodes", data: d, position: positions[d.id] || { x: 0, y: 0 } })),
                 ...edges.map((d) => ({ group: "edges", data: d }))];
    // Added in slices, one per frame: one 2,500-element add is a long main-thread task.
    for (let i = 0; i < all.length; i += CHUNK) {
      cy.batch(() => cy.add(all.slice(i, i + CHUNK)));
      if (i + CHUNK < all.length) await nextFrame();
    }
    cy.mount(box);
    fit(nodes, positions, box);
  }

  function fit(nodes, positions, box) {
    // From the layout's own numbers: cy.fit() measures every element and label (seconds at
    // 500 nodes). A small graph is not blown up past 1.1.
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    nodes.forEach((d) => {
      const p = positions[d.id];
      if (!p) return;
      x0 = Math.min(x0, p.x - d.size); x1 = Math.max(x1, p.x + d.size);
      y0 = Math.min(y0, p.y - d.size); y1 = Math.max(y1, p.y + d.size + 14);
    });
    if (!Number.isFinite(x0)) return;
    const w = box.clientWidth - 60, h = box.clientHeight - 60;
    const zoom = Math.min(1.1, w / Math.max(x1 - x0, 1), h / Math.max(y1 - y0, 1));
    cy.viewport({ zoom, pan: { x: box.clientWidth / 2 - zoom * (x0 + x1) / 2,
                               y: box.clientHeight / 2 - zoom * (y0 + y1) / 2 } });
  }

  function tip(html, pos) {
    const t = document.getElementById("graph-tip");
    t.replaceChildren(...html);
    const box = document.getElementById("graph").getBoundingClientRect();
    t.style.left = Math.min(box.left + window.scrollX + pos.x + 14, window.scrollX + window.innerWidth - 320) + "px";
    t.style.top = box.top + window.scrollY + pos.y + 14 + "px";
    t.hidden = false;
  }

  function line(label, value) {
    const d = el("div");
    d.append(el("span", "muted", label + " "), el("b", null, value));
    return d;
  }

  function nodeTip(n) {
    const d = n.data();
    return [el("div", "tip-title", d.name), el("div", "kind", d.kind + " · " + d.id),
            line("evidence", String(d.evidence)), line("positions drawn", String(d.degree)),
            el("div", "muted", d.speaks ? "click: actor page" : "click: who stands where on it")];
  }

  // The wording of stancewire.schemas.basis_mix: "3 said, 2 did", a side with none left out.
  function basisMix(said, did) {
    const parts = [];
    if (said) parts.push(said + " said");
    if (did) parts.push(did + " did");
    return parts.join(", ") || "–";
  }

  function edgeTip(e) {
    const d = e.data();
    const s = cy.getElementById(d.source).data("name");
    const t = cy.getElementById(d.target).data("name");
    const out = [el("div", "tip-title", s + " → " + t),
                 line("position", d.label + " " + fmt(d.score)),
                 line("evidence", d.evidence_count + " from " + d.source_count + " sources"),
                 // How it was learned: quotes and attributions (said) or reported acts (did).
                 line("basis", basisMix(d.said_count, d.did_count)),
                 line("last evidence", String(d.last_seen).slice(0, 16).replace("T", " "))];
    if (d.changed) out.push(el("div", "changed", "changed in window" + (d.previous_label ? " (was " + d.previous_label + ")" : "")));
    out.push(el("div", "muted", "click: who stands where on " + t));
    return out;
  }

  function wire() {
    const t = document.getElementById("graph-tip");
    cy.on("mouseover", "node", (ev) => tip(nodeTip(ev.target), ev.renderedPosition || ev.target.renderedPosition()));
    cy.on("mouseover", "edge", (ev) => tip(edgeTip(ev.target), ev.renderedPosition || ev.target.midpoint()));
    cy.on("mouseout", "node, edge", () => { t.hidden = true; });
    cy.on("tap", "node", (ev) => {
      const d = ev.target.data();
      location.href = d.speaks ? actorHref(d.id) : targetHref(d.id);
    });
    cy.on("tap", "edge", (ev) => { location.href = targetHref(ev.target.data("target")); });
    cy.on("tap", (ev) => { if (ev.target === cy) clearFocus(); });
  }

  function clearFocus() {
    if (!cy) return;
    cy.elements().removeClass("faded focus");
  }

  function centre(text) {
    if (!cy || !text) return false;
    const needle = text.trim().toLowerCase();
    let node = cy.nodes().filter((n) => n.data("name").toLowerCase() === needle || n.id().toLowerCase() === needle);
    if (!node.length) node = cy.nodes().filter((n) => n.data("name").toLowerCase().includes(needle));
    if (!node.length) { status("No node named “" + text + "” in this view."); return false; }
    node = node.max((n) => n.data("evidence")).ele;
    clearFocus();
    const hood = node.closedNeighborhood();
    cy.elements().not(hood).addClass("faded");
    node.addClass("focus");
    status("");
    cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 300 });
    window.__graphFocus = node.id();
    return true;
  }

  function kindFromId(id) {
    // As the server does for a target that never spoke (see stancewire.nlp.registry ids).
    const prefix = id.split(":", 1)[0];
    return { person: "person", gov: "government", org: "organisation", group: "group" }[prefix] || "unknown";
  }

  function liveChange(c) {
    if (!cy || !current || seenChanges.has(c.change_id)) return;
    seenChanges.add(c.change_id);
    const q = params();
    const min = parseInt(q.get("min_evidence"), 10) || 1;
    const label = q.get("label");
    const cur = c.current;
    const id = c.actor.id + "\u2192" + c.target.id;
    let edge = cy.getElementById(id);
    const passes = cur.evidence_count >= min && (!label || cur.label === label);
    if (!passes) { if (edge.length) edge.remove(); return; }
    const ensure = (ref, kind, speaks, near) => {
      let n = cy.getElementById(ref.id);
      if (!n.length) {
        const p = near && near.length ? near.position() : { x: 0, y: 0 };
        n = cy.add({ group: "nodes", position: { x: p.x + 40 * (Math.random() - 0.5), y: p.y + 40 * (Math.random() - 0.5) },
                     data: nodeData({ id: ref.id, name: ref.name, kind, evidence: cur.evidence_count, degree: 1, speaks },
                                    current.maxNode) });
      } else if (speaks) {
        n.data("speaks", true);
      }
      return n;
    };
    const a = ensure(c.actor, c.actor.kind || "unknown", true, cy.getElementById(c.target.id));
    ensure(c.target, c.target.kind === "issue" ? "issue" : kindFromId(c.target.id), false, a);
    const data = edgeData({ id, source: c.actor.id, target: c.target.id, score: cur.score, label: cur.label,
                            evidence_count: cur.evidence_count, said_count: cur.said_count, did_count: cur.did_count,
                            source_count: (cur.sources || []).length,
                            last_seen: cur.last_seen, changed: c.kind === "change" || (edge.length && edge.data("changed")),
                            previous_label: c.kind === "change" ? c.previous_label : (edge.length ? edge.data("previous_label") : null) },
                          current.maxEv);
    if (edge.length) edge.data(data);
    else edge = cy.add({ group: "edges", data });
    edge.addClass("fresh");
    setTimeout(() => edge.removeClass("fresh"), 6000);
    window.__graphLive = (window.__graphLive || 0) + 1;
  }

  function startLive() {
    const box = document.getElementById("graph");
    if (!window.EventSource || !box.dataset.stream) return;
    const dot = document.getElementById("live");
    const es = new EventSource(box.dataset.stream);
    es.onopen = () => { if (dot) dot.className = "live on"; };
    es.onerror = () => { if (dot) dot.className = "live off"; };
    es.addEventListener("change", (ev) => {
      let c;
      try { c = JSON.parse(ev.data); } catch (e) { return; }
      liveChange(c);
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("graph-controls");
    if (!form || !window.cytoscape) return;
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const s = document.getElementById("graph-search");
      const key = params().toString();
      if (current && key === form.dataset.loaded && s.value) centre(s.value);
      else { form.dataset.loaded = key; load(false); }
    });
    form.querySelectorAll("select, input[type=number]").forEach((i) => i.addEventListener("change", () => {
      form.dataset.loaded = params().toString();
      load(false);
    }));
    document.getElementById("graph-search").addEventListener("change", (ev) => centre(ev.target.value));
    form.dataset.loaded = params().toString();
    load(true);
    startLive();
  });
})();
