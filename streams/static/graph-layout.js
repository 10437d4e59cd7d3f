// Web worker: lays out the stance network with d3-force (vendored, ISC) off the main thread, so
// a graph of hundreds of nodes and thousands of edges never freezes the page while it settles.
// In:  {nodes: [{id, size}], edges: [{source, target, weight}], fixed: {id: {x, y}}}
// Out: {positions: {id: {x, y}}, ticks, ms}
"use strict";
importScripts("/static/d3-dispatch.min.js", "/static/d3-quadtree.min.js", "/static/d3-timer.min.js",
              "/static/d3-force.min.js");

self.onmessage = (ev) => {
  const t0 = performance.now();
  const fixed = ev.data.fixed || {};
  const nodes = ev.data.nodes.map((n) => {
    const p = fixed[n.id];
    // Nodes already on screen start where they are, so a re-layout after a filter moves little.
    return p ? { id: n.id, size: n.size, x: p.x, y: p.y } : { id: n.id, size: n.size };
  });
  const links = ev.data.edges.map((e) => ({ source: e.source, target: e.target, weight: e.weight }));
  const n = Math.max(nodes.length, 1);
  const sim = self.d3.forceSimulation(nodes)
    // d3's default link strength (1 / the smaller degree) keeps hubs off their leaves.
    .force("link", self.d3.forceLink(links).id((d) => d.id).distance(90))
    // Stronger repulsion for small graphs, which otherwise huddle in the middle of the canvas.
    .force("charge", self.d3.forceManyBody().strength(n < 150 ? -380 : -160).distanceMax(900))
    .force("x", self.d3.forceX(0).strength(0.04))
    .force("y", self.d3.forceY(0).strength(0.04))
    // Room for the label under each node, too.
    .force("collide", self.d3.forceCollide((d) => d.size / 2 + 16).iterations(1))
    .stop();
  // Fewer ticks for very large graphs: the picture is settled long before alpha reaches its floor.
  const ticks = n > 1500 ? 150 : 300;
  sim.alphaDecay(1 - Math.pow(sim.alphaMin(), 1 / ticks));
  for (let i = 0; i < ticks; i++) sim.tick();
  const positions = {};
  nodes.forEach((d) => { positions[d.id] = { x: d.x, y: d.y }; });
  self.postMessage({ positions, ticks, ms: performance.now() - t0 });
};
