"""HTML for the target page and the stance-network page (same rules as ``render``: every
dynamic value escaped; the network itself is drawn by /static/graph.js from /api/graph)."""

from __future__ import annotations

from typing import Any

from streams.web.models import Counts, PositionRow, TargetView
from streams.web.network import WINDOW_NAMES
from streams.web.render import (
    LABEL_OPTIONS,
    _options,
    actor_href,
    basis_tag,
    change_item,
    chip,
    esc,
    export_links,
    layout,
    mix,
    score,
    target_href,
    when,
)
from streams.web.svg import PALETTE, combined_timeline_svg

WINDOW_OPTIONS = [("day", "last day"), ("week", "last week"), ("month", "last month"), ("all", "all time")]
assert [w for w, _ in WINDOW_OPTIONS] == list(WINDOW_NAMES)


def score_bar(v: float) -> str:
    """A diverging bar from the centre (0) towards +10 (right, cooperative) or -10 (left)."""
    pct = min(50.0, abs(v) / 10 * 50)
    side = "right" if v >= 0 else "left"
    colour = "coop" if v >= 1.5 else "conf" if v <= -1.5 else "neu"
    start = 50.0 if v >= 0 else 50.0 - pct
    return (
        f'<span class="bar" title="{v:+.2f} of ±10"><span class="fill {colour} {side}" '
        f'style="left:{start:.1f}%;width:{pct:.1f}%"></span></span>'
    )


def _actors(n: int) -> str:
    return "the actor" if n == 1 else f"the {n} actors"


def _row(r: PositionRow) -> str:
    last = (
        '<span class="muted">none</span>'
        if r.last_change is None
        else f'{chip(r.last_change.previous_label)}<span class="arrow">⇒</span>'
        f"{chip(r.last_change.new_label)} {basis_tag(r.last_change.basis)} {when(r.last_change.at)}"
    )
    sources = ", ".join(esc(s) for s in r.sources)
    more = r.source_count - len(r.sources)
    if more > 0:
        sources += f' <span class="muted">+{more}</span>'
    return (
        f'<tr data-actor="{esc(r.actor.id)}" data-score="{r.score:.3f}"><td>'
        f'<a href="{esc(actor_href(r.actor.id))}">{esc(r.actor.name)}</a>'
        f'<div class="kind">{esc(r.actor.kind.value)} · {esc(r.actor.id)}</div></td>'
        f'<td class="label">{chip(r.label)}</td><td class="num">{score(r.score)}</td>'
        f"<td>{score_bar(r.score)}</td>"
        f'<td class="num evidence">{r.evidence_count} {mix(r.said_count, r.did_count)}</td>'
        f'<td class="sources"><b>{r.source_count}</b> <span class="muted">{sources}</span></td>'
        f'<td>{when(r.last_seen)}</td><td class="last-change">{last}</td></tr>'
    )


def target_page(view: TargetView, *, counts: Counts | None, worker: str, label: str | None = None) -> str:
    t = view.target
    own = (
        f' · <a href="{esc(actor_href(view.target_actor.id))}">its own positions →</a>'
        if view.target_actor
        else ""
    )
    tallies = " ".join(
        f'<a class="tally" data-tally="{esc(name)}" href="{esc(target_href(t.id))}?label={esc(name)}">'
        f"{chip(name, f'{n} {name}')}</a>"
        for name, n in view.counts.items()
    )
    clear = f' <a href="{esc(target_href(t.id))}">all labels</a>' if label else ""
    rows = "".join(_row(r) for r in view.positions) or (
        '<tr><td colspan=8 class="empty">No positions match.</td></tr>'
    )
    series = [(s.actor.name, s.points) for s in view.timeline]
    chart = combined_timeline_svg(series, title=f"Positions on {t.name} over time (decayed score)")
    legend = "".join(
        f'<span class="swatch"><i style="background:{PALETTE[i % len(PALETTE)]}"></i>'
        f'<a href="{esc(actor_href(s.actor.id))}">{esc(s.actor.name)}</a></span>'
        for i, s in enumerate(view.timeline)
    )
    missing = (
        f'<p class="muted">History unavailable (worker unreachable) for: '
        f"{esc(', '.join(view.timeline_missing))}</p>"
        if view.timeline_missing
        else ""
    )
    changes = "".join(change_item(c) for c in view.changes) or (
        '<li class="empty" id="no-changes">No stance changes on this target yet.</li>'
    )
    body = (
        f'<section id="target" data-target="{esc(t.id)}"><h2>→ {esc(t.name)} '
        f'<span class="kind">{esc(t.kind)} · {esc(t.id)}</span></h2>'
        f'<p><a href="/">← all actors</a> · <a href="/graph">network</a>{own}</p>'
        f'<p class="tallies">{tallies}{clear}</p>'
        f"{export_links({'target': t.id, 'label': label})}"
        '<h2>Who stands where <span class="muted">(most cooperative first)</span></h2>'
        '<table id="target-positions"><thead><tr><th>Actor</th><th>Label</th><th>Score</th>'
        '<th class="barhead">−10 · 0 · +10</th><th>Evidence</th><th>Sources</th><th>Last evidence</th>'
        f"<th>Last change</th></tr></thead><tbody>{rows}</tbody></table></section>"
        "<section><h2>Timeline "
        f'<span class="muted">({_actors(len(view.timeline))} with most evidence)</span>'
        f'</h2>{chart}<div class="legend">{legend}</div>{missing}</section>'
        '<section><h2><span class="live" id="live"></span>Stance changes on this target</h2>'
        '<ul class="feed" id="feed" data-stream="/api/changes/stream" '
        f'data-target="{esc(t.id)}">{changes}</ul>'
        "</section>"
    )
    return layout(
        f"{t.name} — who stands where — stancewire", body, counts=counts, single=True, worker=worker
    )


def graph_page(params: dict[str, Any], *, ready: bool, counts: Counts | None, worker: str) -> str:
    """The network page: filters, legend, the canvas; graph.js fetches /api/graph and draws it."""
    window, min_ev, label = params["window"], params["min_evidence"], params.get("label")
    controls = (
        '<form class="filters" id="graph-controls" method="get" action="/graph">'
        f'<select name="window" aria-label="time window">{_options(window, WINDOW_OPTIONS)}</select>'
        '<label class="muted">min. evidence <input type="number" name="min_evidence" min="1" max="1000000" '
        f'value="{int(min_ev)}" aria-label="minimum evidence"></label>'
        f'<select name="label" aria-label="label">{_options(label, LABEL_OPTIONS)}</select>'
        '<input type="search" id="graph-search" list="graph-names" placeholder="Find an actor or issue…" '
        'aria-label="find a node" autocomplete="off"><datalist id="graph-names"></datalist>'
        '<button type="submit">Apply</button></form>'
    )
    legend = (
        '<div class="legend graph-legend">'
        '<span><i class="shape ellipse"></i>person</span><span><i class="shape rect"></i>government</span>'
        '<span><i class="shape diamond"></i>organisation / group</span>'
        '<span><i class="shape tag"></i>issue</span>'
        '<span><i class="line coop"></i>cooperative</span><span><i class="line neu"></i>neutral</span>'
        '<span><i class="line conf"></i>conflictual</span>'
        '<span><i class="line changed"></i>changed in window</span>'
        '<span class="muted">size: evidence · width: evidence on the position</span></div>'
    )
    body = (
        '<section class="graph-section">'
        '<h2><span class="live" id="live"></span>Stance network '
        '<span class="muted" id="graph-stats"></span></h2>'
        f"{controls}{legend}"
        f"{export_links({'window': window, 'min_evidence': min_ev, 'label': label})}"
        f'<div id="graph" data-api="/api/graph" data-stream="/api/changes/stream" data-ready="{int(ready)}">'
        '<div class="graph-status" id="graph-status">Loading the network…</div></div>'
        '<div id="graph-tip" role="tooltip" hidden></div>'
        '<noscript><p class="empty">The network needs JavaScript; its data is at '
        '<a href="/api/graph">/api/graph</a>.</p></noscript></section>'
    )
    return layout(
        "stancewire — stance network",
        body,
        counts=counts,
        single=True,
        worker=worker,
        scripts=("/static/cytoscape.min.js", "/static/graph.js"),
    )
