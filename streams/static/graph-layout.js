// The stance network's layout with d3-force (vendored, ISC). Normally run as a web worker, so
// a graph of hundreds of nodes and thousands of edges never freezes the page while it settles.
// In:  {nodes: [{id, size}], edges: [{source, target, weight}], fixed: {id: {x, y}}}
// Out: {positions: {id: {x, y}}, ticks, ms}
// Loaded into the page itself (graph.js with ?layout=main) it only defines stancewireLayout:
// the browser test measures that side by side with the worker.
"use strict";

function stancewireLayout(d3, data) {
  const t0 = performance.now();
  const fixed = data.fixed || {};
  const nodes = data.nodes.map((n) => {
    const p = fixed[n.id];
    // Nodes already on screen start where they are, so a re-layout after a filter moves little.
    return p ? { id: n.id, size: n.size, x: p.x, y: p.y } : { id: n.id, size: n.size };
  });
  const links = data.edges.map((e) => ({ source: e.source, target: e.target, weight: e.weight }));
  const n = Math.max(nodes.length, 1);
  const sim = d3.forceSimulation(nodes)
    // d3's default link strength (1 / the smaller degree) keeps hubs off their leaves.
    .force("link", d3.forceLink(links).id((d) => d.id).distance(90))
    // Stronger repulsion for small graphs, which otherwise huddle in the middle of the canvas.
    .force("charge", d3.forceManyBody().strength(n < 150 ? -380 : -160).distanceMax(900))
    .force("x", d3.forceX(0).strength(0.04))
    .force("y", d3.forceY(0).strength(0.04))
    // Room for the label under each node, too.
    .force("collide", d3.forceCollide((d) => d.size / 2 + 16).iterations(1))
    .stop();
  // Fewer ticks for very large graphs: the picture is settled long before alpha reaches its floor.
  const ticks = n > 1500 ? 150 : 300;
  sim.alphaDecay(1 - Math.pow(sim.alphaMin(), 1 / ticks));
  for (let i = 0; i < ticks; i++) sim.tick();
  const positions = {};
  nodes.forEach((d) => { positions[d.id] = { x: d.x, y: d.y }; });
  return { positions, ticks, ms: performance.now() - t0 };
}

if (typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope) {
  importScripts("/static/d3-dispatch.min.js", "/static/d3-quadtree.min.js", "/static/d3-timer.min.js",
                "/static/d3-force.min.js");
  self.onmessage = (ev) => self.postMessage(stancewireLayout(self.d3, ev.data));
} else {
  window.stancewireLayout = stancewireLayout;
}
