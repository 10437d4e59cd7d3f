"""HTML for the dashboard and actor pages: plain string building, every dynamic value escaped.

Article-derived text (quotes, names, titles, URLs) is untrusted: it goes through ``esc`` (HTML
escaping, quotes included so it is safe in attributes too) and URLs additionally through
``safe_url`` so a ``javascript:`` link can never be rendered.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from html import escape
from importlib import resources
from urllib.parse import quote, urlencode, urlsplit

from stancewire.schemas import (
    ActorPositions,
    ActorQuotes,
    EvidenceSummary,
    Position,
    StanceChange,
    basis_mix,
)
from streams.web.models import ActorSummary, Counts
from streams.web.svg import timeline_svg


def esc(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def safe_url(url: str | None) -> str | None:
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def actor_href(actor_id: str) -> str:
    return "/actors/" + quote(actor_id, safe="")


def target_href(target_id: str) -> str:
    return "/targets/" + quote(target_id, safe="")


def target_link(target_id: str, name: str) -> str:
    """A target's name, linked to its page (every actor's position on it)."""
    return f'<a class="target" href="{esc(target_href(target_id))}">{esc(name)}</a>'


EXPORTS = (("positions", "/api/positions"), ("evidence", "/api/evidence"), ("changes", "/api/changes"))


def export_links(params: dict[str, str | int | None], *, only: Iterable[str] | None = None) -> str:
    """CSV / JSON-lines download links carrying the page's current filters (``data-export`` lets
    the graph page rewrite them when its filters change without a reload)."""
    keep = {k: v for k, v in params.items() if v not in (None, "")}
    links = []
    for name, path in EXPORTS:
        if only is not None and name not in only:
            continue
        for fmt in ("csv", "jsonl"):
            href = path + "?" + urlencode({**keep, "format": fmt})
            links.append(
                f'<a href="{esc(href)}" data-export="{esc(path)}" data-format="{fmt}" download>'
                f"{esc(name)} .{fmt}</a>"
            )
    return '<div class="exports"><span class="muted">Export:</span> ' + " ".join(links) + "</div>"


def when(t: datetime | None) -> str:
    """A <time> the script turns into a relative time; the absolute time stays in the tooltip."""
    if t is None:
        return '<span class="muted">–</span>'
    iso = t.isoformat()
    return f'<time datetime="{esc(iso)}" title="{esc(iso)}">{esc(t.strftime("%Y-%m-%d %H:%M"))}</time>'


def chip(label: str | None, text: str | None = None) -> str:
    if label is None:
        return '<span class="chip none">none</span>'
    return f'<span class="chip {esc(label)}">{esc(text or label)}</span>'


def score(v: float) -> str:
    return f'<span class="score">{v:+.2f}</span>'


BASIS_TITLES = {
    "said": "learned from a quote or attribution of the actor's words",
    "did": "learned from a reported act",
    "said+did": "rests on quoted words and reported acts",
}


def basis_tag(basis: str) -> str:
    """How evidence was learned (``said``/``did``), or what a change rests on (``said+did``)."""
    title = BASIS_TITLES.get(basis, "")
    return f'<span class="basis {esc(basis.replace("+", "-"))}" title="{esc(title)}">{esc(basis)}</span>'


def mix(said: int, did: int) -> str:
    """A position's evidence mix ("3 said, 2 did"), with the numbers as data for scripts."""
    return (
        f'<span class="mix" data-said="{int(said)}" data-did="{int(did)}">{esc(basis_mix(said, did))}</span>'
    )


def article_link(article_id: str, url: str | None, source: str | None = None) -> str:
    text = esc(article_id) + (f' <span class="muted">· {esc(source)}</span>' if source else "")
    href = safe_url(url)
    if href:
        return f'<a href="{esc(href)}" rel="noopener noreferrer nofollow" target="_blank">{text}</a>'
    return text


# Inlined into every page (no external assets); kept in a file so it reads as CSS.
CSS = resources.files("streams").joinpath("static/style.css").read_text("utf-8")


def layout(
    title: str,
    body: str,
    *,
    counts: Counts | None = None,
    single: bool = False,
    worker: str = "",
    scripts: Sequence[str] = (),
) -> str:
    stats = ""
    if counts is not None:

        def stat(name: str, key: str, value: int | None) -> str:
            shown = "–" if value is None else f"{value:,}"
            return f'<div class="stat"><b data-count="{key}">{shown}</b><span>{esc(name)}</span></div>'

        stats = (
            '<div class="stats">'
            + stat("articles", "articles", counts.articles)
            + stat("quotes", "quotes", counts.quotes)
            + stat("stance changes", "stance_changes", counts.stance_changes)
            + stat("dead letters", "dead_letters", counts.dead_letters)
            + "</div>"
        )
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        '<meta name=viewport content="width=device-width,initial-scale=1">'
        # An empty icon: no /favicon.ico request (a 404 in every page's console).
        f'<title>{esc(title)}</title><link rel="icon" href="data:,"><style>{CSS}</style></head><body>'
        f'<header><h1><a href="/">stancewire</a></h1><nav><a href="/">actors</a><a href="/graph">network</a>'
        f'</nav><span class="sub">{esc(worker)}</span>{stats}</header>'
        f'<main class="{"single" if single else ""}">{body}</main>'
        + "".join(f'<script src="{esc(src)}" defer></script>' for src in scripts)
        + '<script src="/static/app.js" defer></script></body></html>'
    )


LABEL_OPTIONS = [
    ("", "any label"),
    ("cooperative", "cooperative"),
    ("neutral", "neutral"),
    ("conflictual", "conflictual"),
]
SORT_OPTIONS = [("recent", "most recent change"), ("name", "name")]


def _options(selected: str | None, options: Iterable[tuple[str, str]]) -> str:
    return "".join(
        f'<option value="{esc(v)}"{" selected" if v == (selected or "") else ""}>{esc(t)}</option>'
        for v, t in options
    )


def positions_cell(s: ActorSummary, limit: int = 6) -> str:
    out = []
    for p in s.positions[:limit]:
        out.append(
            f'<span class="pos" data-target="{esc(p.target.id)}" title="{esc(p.target.id)}: '
            f"{p.evidence_count} evidence ({esc(basis_mix(p.said_count, p.did_count))}), "
            f'{p.source_count} sources">'
            f'<span class="muted">→</span> {target_link(p.target.id, p.target.name)} {chip(p.label)}'
            f"{score(p.score)}</span>"
        )
    if len(s.positions) > limit:
        out.append(f'<span class="muted">+{len(s.positions) - limit} more</span>')
    return "".join(out) or '<span class="muted">no positions</span>'


def change_item(c: StanceChange, fresh: bool = False) -> str:
    prev = chip(c.previous_label) if c.previous_label else '<span class="chip none">new</span>'
    links = ", ".join(
        article_link(aid, c.urls[i] if i < len(c.urls) else None) for i, aid in enumerate(c.article_ids[:3])
    )
    return (
        f'<li class="{"fresh" if fresh else ""}" data-change="{esc(c.change_id)}">'
        f'<a href="{esc(actor_href(c.actor.id))}">{esc(c.actor.name)}</a><span class="arrow">→</span>'
        f"{target_link(c.target.id, c.target.name)}<br>{prev}"
        f'<span class="arrow">⇒</span>{chip(c.new_label)} '
        f'<span class="score">Δ {c.delta:+.2f}</span> {basis_tag(c.basis)}'
        f'<div class="meta">{when(c.emitted_at)} · event {when(c.at)}'
        f"{' · ' + links if links else ''}</div></li>"
    )


def last_change_cell(s: ActorSummary) -> str:
    # The sort key's two parts, labelled: a real change, else only the newest evidence's date.
    if s.last_change_at is not None:
        return when(s.last_change_at)
    return f'<span class="muted">no change · event {when(s.updated_at)}</span>'


def dashboard(
    *,
    actors: Sequence[ActorSummary],
    total: int,
    limit: int,
    offset: int,
    changes: Sequence[StanceChange],
    counts: Counts,
    targets: Sequence[tuple[str, str]],
    q: str | None,
    label: str | None,
    target: str | None,
    sort: str,
    ready: bool,
    worker: str,
) -> str:
    rows = []
    for s in actors:
        rows.append(
            f'<tr data-actor="{esc(s.actor.id)}"><td><a href="{esc(actor_href(s.actor.id))}">'
            f'{esc(s.actor.name)}</a><div class="kind">{esc(s.actor.kind)} · {esc(s.actor.id)}</div></td>'
            f"<td>{positions_cell(s)}</td><td>{last_change_cell(s)}</td></tr>"
        )
    if not rows:
        empty = "No actors match." if ready else "Loading…"
        rows.append(f'<tr><td colspan=3 class="empty">{empty}</td></tr>')
    filters = (
        '<form class="filters" method="get" action="/" id="filters">'
        '<input type="search" name="q" placeholder="Search actors…" aria-label="search" '
        f'value="{esc(q or "")}">'
        f'<select name="label" aria-label="label">{_options(label, LABEL_OPTIONS)}</select>'
        f'<select name="target" aria-label="target">'
        f"{_options(target, [('', 'any target'), *targets])}</select>"
        f'<select name="sort" aria-label="sort">{_options(sort, SORT_OPTIONS)}</select>'
        "<button type=submit>Filter</button></form>"
    )
    params = {k: v for k, v in (("q", q), ("label", label), ("target", target), ("sort", sort)) if v}
    first, last = (offset + 1 if total else 0), min(offset + limit, total)
    pager = [f'<span class="muted">{first}–{last} of {total}</span>']
    if offset > 0:
        prev_q = urlencode({**params, "offset": max(0, offset - limit)})
        pager.append(f'<a href="/?{esc(prev_q)}">← previous</a>')
    if offset + limit < total:
        pager.append(f'<a href="/?{esc(urlencode({**params, "offset": offset + limit}))}">next →</a>')
    feed = "".join(change_item(c) for c in changes) or (
        '<li class="empty" id="no-changes">No stance changes yet.</li>'
    )
    body = (
        f'<section><h2>Actors <span class="muted" id="actor-total">({total})</span></h2>{filters}'
        '<table id="actors"><thead><tr><th>Actor</th><th>Positions</th><th>Last change</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table><div class="pager">{"".join(pager)}</div>'
        f"{export_links({'q': q, 'label': label, 'target': target})}</section>"
        '<section><h2><span class="live" id="live"></span>Stance changes</h2>'
        f'<ul class="feed" id="feed" data-stream="/api/changes/stream">{feed}</ul></section>'
    )
    return layout("stancewire — positions", body, counts=counts, worker=worker)


def _evidence(items: Sequence[EvidenceSummary]) -> str:
    li = []
    for e in sorted(items, key=lambda e: e.published_at, reverse=True)[:8]:
        text = f"<blockquote>{esc(e.quote_text)}</blockquote>" if e.quote_text else ""
        li.append(
            f"<li>{score(e.score)} {basis_tag(e.basis)} <b>{esc(e.category or 'neutral')}</b> "
            f'<span class="muted">{esc(e.modality)}</span> · {article_link(e.article_id, e.url, e.source)} · '
            f"{when(e.published_at)}{text}</li>"
        )
    return f'<ul class="evidence">{"".join(li)}</ul>' if li else ""


def position_card(p: Position) -> str:
    chart = timeline_svg(p.history, title=f"{p.actor.name} on {p.target.name}: decayed score over time")
    return (
        f'<div class="card" data-target="{esc(p.target.id)}"><div class="head">'
        f"<h3>→ {target_link(p.target.id, p.target.name)}</h3>"
        f'<span class="kind">{esc(p.target.kind)} · {esc(p.target.id)}</span>{chip(p.label)}{score(p.score)}'
        f'</div><div class="facts">{p.evidence_count} evidence ({mix(p.said_count, p.did_count)}) · '
        # Values written before ``article_count`` existed listed every article id.
        f"{p.article_count or len(p.articles)} articles · {p.source_count} sources"
        f" · first {when(p.first_seen)} · last {when(p.last_seen)}"
        f"{' · published ' + chip(p.published_label) if p.published_label else ''}</div>"
        f"{chart}{_evidence(p.recent_evidence)}</div>"
    )


def actor_page(
    *,
    actor_id: str,
    state: ActorPositions | None,
    quotes: ActorQuotes | None,
    changes: Sequence[StanceChange],
    counts: Counts | None,
    worker: str,
    is_target: bool = False,
) -> str:
    actor = state.actor if state else quotes.actor if quotes else None
    name = actor.name if actor else actor_id
    kind = actor.kind if actor else "unknown"
    cards = (
        "".join(
            position_card(p)
            for p in sorted(state.positions.values(), key=lambda p: p.last_seen, reverse=True)
        )
        if state
        else ""
    )
    quote_rows = []
    for q in (quotes.quotes if quotes else [])[:100]:
        quote_rows.append(
            f'<tr><td><blockquote class="quote">{esc(q.text)}</blockquote></td>'
            f"<td>{esc(q.type)}{' · ' + esc(q.cue.text) if q.cue else ''}</td>"
            f"<td>{article_link(q.article_id, q.url, q.source)}</td><td>{when(q.published_at)}</td>"
            f'<td class="score">{q.confidence:.2f}</td></tr>'
        )
    total_quotes = quotes.total if quotes else 0
    change_list = "".join(change_item(c) for c in changes) or '<li class="empty">No stance changes.</li>'
    body = (
        f'<section><h2>{esc(name)} <span class="kind">{esc(kind)} · {esc(actor_id)}</span></h2>'
        f'<p><a href="/">← all actors</a>'
        f"{' · ' + target_link(actor_id, 'who stands where on ' + name) if is_target else ''}</p>"
        f"{export_links({'actor': actor_id})}"
        f'<h2>Positions</h2><div class="cards">{cards or "<p class=empty>No positions yet.</p>"}</div>'
        "</section>"
        f'<section><h2>Quotes <span class="muted">({total_quotes})</span></h2>'
        '<table id="quotes"><thead><tr><th>Quote</th><th>Type</th><th>Article</th><th>Published</th>'
        f"<th>Conf.</th></tr></thead><tbody>"
        f"{''.join(quote_rows) or '<tr><td colspan=5 class=empty>No quotes.</td></tr>'}"
        "</tbody></table></section>"
        f'<section><h2>Stance changes</h2><ul class="feed" id="actor-changes">{change_list}</ul></section>'
    )
    return layout(f"{name} — stancewire", body, counts=counts, single=True, worker=worker)
