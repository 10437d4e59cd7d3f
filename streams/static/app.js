// stancewire dashboard: relative times, live stance-change feed (SSE), counts refresh.
// Served from /static/app.js (the CSP allows no inline script). Article-derived text is only
// ever inserted with textContent, never innerHTML.
"use strict";
(function () {
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  const UNITS = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400],
                 ["hour", 3600], ["minute", 60], ["second", 1]];

  function relative(iso) {
    const secs = (new Date(iso).getTime() - Date.now()) / 1000;
    if (!isFinite(secs)) return iso;
    for (const [unit, size] of UNITS) {
      if (Math.abs(secs) >= size || unit === "second") {
        return rtf.format(Math.round(secs / size), unit);
      }
    }
    return iso;
  }

  function refreshTimes(root) {
    (root || document).querySelectorAll("time[datetime]").forEach((t) => {
      t.textContent = relative(t.getAttribute("datetime"));
    });
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function chip(label) {
    return el("span", "chip " + (label || "none"), label || "new");
  }

  function timeEl(iso) {
    const t = el("time", null, relative(iso));
    t.setAttribute("datetime", iso);
    t.title = iso;
    return t;
  }

  function actorHref(id) {
    return "/actors/" + encodeURIComponent(id);
  }

  function targetLink(ref) {
    const a = el("a", "target", ref.name);
    a.href = "/targets/" + encodeURIComponent(ref.id);
    return a;
  }

  function fmtScore(s) {
    return (s >= 0 ? "+" : "") + Number(s).toFixed(2);
  }

  function safeUrl(u) {
    try {
      const p = new URL(u, location.href);
      return p.protocol === "http:" || p.protocol === "https:" ? p.href : null;
    } catch (e) {
      return null;
    }
  }

  // The wording of stancewire.schemas.basis_mix: "3 said, 2 did", a side with none left out.
  function basisMix(said, did) {
    const parts = [];
    if (said) parts.push(said + " said");
    if (did) parts.push(did + " did");
    return parts.join(", ");
  }

  const BASIS_TITLES = {
    "said": "learned from a quote or attribution of the actor's words",
    "did": "learned from a reported act",
    "said+did": "rests on quoted words and reported acts",
  };

  // What a change rests on (said / did / said+did), as render.basis_tag draws it.
  function basisTag(basis) {
    const b = basis || "said";
    const tag = el("span", "basis " + b.replace("+", "-"), b);
    tag.title = BASIS_TITLES[b] || "";
    return tag;
  }

  function mixEl(p) {
    const m = el("span", "mix", basisMix(p.said_count || 0, p.did_count || 0));
    m.dataset.said = String(p.said_count || 0);
    m.dataset.did = String(p.did_count || 0);
    return m;
  }

  function changeItem(c) {
    const li = el("li", "fresh");
    li.dataset.change = c.change_id;
    const a = el("a", null, c.actor.name);
    a.href = actorHref(c.actor.id);
    li.append(a, el("span", "arrow", "→"), targetLink(c.target), el("br"));
    li.append(c.previous_label ? chip(c.previous_label) : chip(null), el("span", "arrow", "⇒"),
              chip(c.new_label), document.createTextNode(" "),
              el("span", "score", "Δ " + (c.delta >= 0 ? "+" : "") + c.delta.toFixed(2)),
              document.createTextNode(" "), basisTag(c.basis));
    const meta = el("div", "meta");
    meta.append(timeEl(c.emitted_at), document.createTextNode(" · event "), timeEl(c.at));
    (c.article_ids || []).slice(0, 3).forEach((aid, i) => {
      meta.append(document.createTextNode(i ? ", " : " · "));
      const url = c.urls && c.urls[i] ? safeUrl(c.urls[i]) : null;
      if (url) {
        const link = el("a", null, aid);
        link.href = url;
        link.rel = "noopener noreferrer nofollow";
        link.target = "_blank";
        meta.append(link);
      } else {
        meta.append(document.createTextNode(aid));
      }
    });
    li.append(meta);
    setTimeout(() => li.classList.remove("fresh"), 6000);
    return li;
  }

  function updateRow(c) {
    // Keep the actor table in step with the alert: new label and score on that target.
    const row = document.querySelector('tr[data-actor="' + CSS.escape(c.actor.id) + '"]');
    if (!row) return;
    const pos = row.querySelector('.pos[data-target="' + CSS.escape(c.target.id) + '"]');
    if (pos) {
      const ch = pos.querySelector(".chip");
      if (ch) { ch.className = "chip " + c.new_label; ch.textContent = c.new_label; }
      const sc = pos.querySelector(".score");
      const s = c.current.score;
      if (sc) sc.textContent = (s >= 0 ? "+" : "") + s.toFixed(2);
      const p = c.current;
      pos.title = c.target.id + ": " + p.evidence_count + " evidence (" +
        basisMix(p.said_count || 0, p.did_count || 0) + "), " + (p.sources || []).length + " sources";
    }
    row.classList.add("fresh");
  }

  function scoreBar(s) {
    const bar = el("span", "bar");
    bar.title = fmtScore(s) + " of ±10";
    const pct = Math.min(50, Math.abs(s) / 10 * 50);
    const fill = el("span", "fill " + (s >= 1.5 ? "coop" : s <= -1.5 ? "conf" : "neu") + (s >= 0 ? " right" : " left"));
    fill.style.left = (s >= 0 ? 50 : 50 - pct).toFixed(1) + "%";
    fill.style.width = pct.toFixed(1) + "%";
    bar.append(fill);
    return bar;
  }

  function cell(cls, ...children) {
    const td = el("td", cls);
    td.append(...children);
    return td;
  }

  function updateTargetRow(c) {
    // The target page's table: the actor's row gets the new label, score and change, or is
    // added; rows stay sorted from most cooperative to most conflictual.
    const body = document.querySelector("#target-positions tbody");
    if (!body) return;
    const p = c.current;
    let row = body.querySelector('tr[data-actor="' + CSS.escape(c.actor.id) + '"]');
    if (!row) {
      const empty = body.querySelector("td.empty");
      if (empty) empty.parentElement.remove();
      row = el("tr");
      row.dataset.actor = c.actor.id;
      const a = el("a", null, c.actor.name);
      a.href = actorHref(c.actor.id);
      const kind = el("div", "kind", (c.actor.kind || "unknown") + " · " + c.actor.id);
      row.append(cell(null, a, kind), cell("label"), cell("num"), cell(null), cell("num evidence"),
                 cell("sources"), cell(null), cell("last-change", el("span", "muted", "none")));
      body.append(row);
    }
    const tds = row.children;
    tds[1].replaceChildren(chip(p.label));
    tds[2].replaceChildren(el("span", "score", fmtScore(p.score)));
    tds[3].replaceChildren(scoreBar(p.score));
    tds[4].replaceChildren(document.createTextNode(p.evidence_count + " "), mixEl(p));
    tds[5].replaceChildren(el("b", null, String((p.sources || []).length)));
    tds[6].replaceChildren(timeEl(p.last_seen));
    if (c.kind === "change") {
      tds[7].replaceChildren(chip(c.previous_label), el("span", "arrow", "⇒"), chip(c.new_label),
                             document.createTextNode(" "), basisTag(c.basis), document.createTextNode(" "),
                             timeEl(c.at));
    }
    row.dataset.score = String(p.score);
    row.classList.add("fresh");
    setTimeout(() => row.classList.remove("fresh"), 6000);
    const rows = Array.from(body.querySelectorAll("tr[data-actor]"));
    rows.sort((x, y) => parseFloat(y.dataset.score) - parseFloat(x.dataset.score));
    rows.forEach((r) => body.append(r));
    // The label tallies above the table follow the rows.
    document.querySelectorAll("[data-tally]").forEach((t) => {
      const label = t.dataset.tally;
      const n = rows.filter((r) => (r.querySelector("td.label .chip") || {}).textContent === label).length;
      const c = t.querySelector(".chip");
      if (c) c.textContent = n + " " + label;
    });
  }

  function startFeed() {
    const feed = document.getElementById("feed");
    if (!feed || !window.EventSource) return;
    // A target page's feed only shows changes on its target, and keeps its table current.
    const onlyTarget = feed.dataset.target || null;
    const dot = document.getElementById("live");
    const es = new EventSource(feed.dataset.stream);
    es.onopen = () => { if (dot) dot.className = "live on"; };
    es.onerror = () => { if (dot) dot.className = "live off"; };
    es.addEventListener("change", (ev) => {
      let c;
      try { c = JSON.parse(ev.data); } catch (e) { return; }
      if (onlyTarget && c.target.id !== onlyTarget) return;
      if (feed.querySelector('[data-change="' + CSS.escape(c.change_id) + '"]')) return;
      const empty = document.getElementById("no-changes");
      if (empty) empty.remove();
      feed.prepend(changeItem(c));
      while (feed.children.length > 200) feed.lastElementChild.remove();
      updateRow(c);
      if (onlyTarget) updateTargetRow(c);
    });
  }

  function startCounts() {
    if (!document.querySelector("[data-count]")) return;
    setInterval(async () => {
      try {
        const r = await fetch("/api/stats", { credentials: "same-origin" });
        if (!r.ok) return;
        const counts = await r.json();
        document.querySelectorAll("[data-count]").forEach((b) => {
          const v = counts[b.dataset.count];
          if (typeof v === "number") b.textContent = v.toLocaleString("en");
        });
      } catch (e) { /* transient; next tick retries */ }
    }, 5000);
  }

  function autoSubmit() {
    const form = document.getElementById("filters");
    if (!form) return;
    form.querySelectorAll("select").forEach((s) => s.addEventListener("change", () => form.submit()));
  }

  document.addEventListener("DOMContentLoaded", () => {
    refreshTimes();
    setInterval(() => refreshTimes(), 30000);
    startFeed();
    startCounts();
    autoSubmit();
  });
})();
