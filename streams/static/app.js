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

  function safeUrl(u) {
    try {
      const p = new URL(u, location.href);
      return p.protocol === "http:" || p.protocol === "https:" ? p.href : null;
    } catch (e) {
      return null;
    }
  }

  function changeItem(c) {
    const li = el("li", "fresh");
    li.dataset.change = c.change_id;
    const a = el("a", null, c.actor.name);
    a.href = actorHref(c.actor.id);
    li.append(a, el("span", "arrow", "→"), document.createTextNode(c.target.name), el("br"));
    li.append(c.previous_label ? chip(c.previous_label) : chip(null), el("span", "arrow", "⇒"),
              chip(c.new_label), document.createTextNode(" "),
              el("span", "score", "Δ " + (c.delta >= 0 ? "+" : "") + c.delta.toFixed(2)));
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
    }
    row.classList.add("fresh");
  }

  function startFeed() {
    const feed = document.getElementById("feed");
    if (!feed || !window.EventSource) return;
    const dot = document.getElementById("live");
    const es = new EventSource(feed.dataset.stream);
    es.onopen = () => { if (dot) dot.className = "live on"; };
    es.onerror = () => { if (dot) dot.className = "live off"; };
    es.addEventListener("change", (ev) => {
      let c;
      try { c = JSON.parse(ev.data); } catch (e) { return; }
      if (feed.querySelector('[data-change="' + CSS.escape(c.change_id) + '"]')) return;
      const empty = document.getElementById("no-changes");
      if (empty) empty.remove();
      feed.prepend(changeItem(c));
      while (feed.children.length > 200) feed.lastElementChild.remove();
      updateRow(c);
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
