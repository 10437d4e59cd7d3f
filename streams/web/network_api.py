"""Routes for who-stands-where: target pages, the stance network, streamed exports.

Listings come from the cluster-wide read model (any worker answers). The one per-actor part,
each position's score history for a target page's timeline, lives in ``position-detail`` in
the actor's partition: read locally when this worker owns it, else fetched from the owner
(``/api/actors/{actor}/positions/{target}``, routed like every per-actor route).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import aiohttp
import faust
from aiohttp import web
from faust.web import Request, Response, View
from yarl import URL

from stancewire.positions import detail_key
from stancewire.schemas import Position, StanceChange, StanceEvidence
from stancewire.settings import Settings
from streams.tables import Tables
from streams.web import export, render_network
from streams.web.api import WebState
from streams.web.http import (
    LABELS,
    ApiError,
    check_id,
    choice_param,
    int_param,
    json_response,
    page_params,
    text_param,
)
from streams.web.models import (
    ChangePage,
    EvidencePage,
    PositionRow,
    PositionRowPage,
    TargetView,
    TimelineSeries,
)
from streams.web.network import (
    DEFAULT_MAX_EDGES,
    MAX_EDGES,
    WINDOW_NAMES,
    PositionFilter,
    build_graph,
    position_rows,
    selected_pairs,
    target_view,
    window_start,
)

log = logging.getLogger(__name__)

# A target page draws the timelines of the actors with most evidence on it (more lines are
# unreadable); the table lists everyone.
TIMELINE_ACTORS = 8
DETAIL_TIMEOUT = 3.0


def position_filter(query: Mapping[str, str]) -> PositionFilter:
    return PositionFilter(
        actor=text_param(query, "actor"),
        target=text_param(query, "target"),
        q=text_param(query, "q"),
        label=choice_param(query, "label", LABELS),
        window=choice_param(query, "window", WINDOW_NAMES, "all") or "all",  # type: ignore[arg-type]
        min_evidence=int_param(query, "min_evidence", 1, lo=1, hi=1_000_000),
    )


def _fmt(request: Request) -> str:
    return export.negotiate(request.query, request.headers.get("Accept"))


def _graph_params(query: Mapping[str, str]) -> dict[str, Any]:
    return {
        "window": choice_param(query, "window", WINDOW_NAMES, "all") or "all",
        "min_evidence": int_param(query, "min_evidence", 1, lo=1, hi=1_000_000),
        "label": choice_param(query, "label", LABELS),
        "max_edges": int_param(query, "max_edges", DEFAULT_MAX_EDGES, lo=1, hi=MAX_EDGES),
    }


def register(app: faust.App, tables: Tables, settings: Settings, state: WebState) -> None:
    """Register the target, network, position and export routes on ``app``."""
    read_model, counter = state.read_model, state.counter

    # --------------------------------------------------------------------------- position detail

    def _same_node(url: URL) -> bool:
        own = URL(str(app.conf.canonical_url))
        return (url.host, url.port) == (own.host, own.port)

    async def _detail(actor_id: str, target_id: str) -> Position | None:
        """The full position (with history) from the worker owning the actor's partition."""
        owner = app.router.key_store(tables.positions.name, actor_id)
        if _same_node(owner):
            return tables.position_detail.get(detail_key(actor_id, target_id))
        url = owner.with_path(f"/api/actors/{quote(actor_id, safe='')}/positions/{quote(target_id, safe='')}")
        headers = {"Authorization": f"Bearer {settings.api_token}"} if settings.api_token else {}
        async with app.http_client.get(
            url, headers=headers, timeout=aiohttp.ClientTimeout(total=DETAIL_TIMEOUT)
        ) as resp:
            if resp.status == 404:
                return None
            resp.raise_for_status()
            return Position.model_validate_json(await resp.read())

    async def timelines(view: TargetView) -> tuple[list[TimelineSeries], list[str]]:
        """Score histories of the ``TIMELINE_ACTORS`` actors with most evidence on the target.

        A worker that cannot be reached costs its actors' lines (listed in ``timeline_missing``),
        never the page.
        """
        rows = sorted(view.positions, key=lambda r: (-r.evidence_count, r.actor.id))[:TIMELINE_ACTORS]

        async def one(row: PositionRow) -> tuple[PositionRow, Position | None, bool]:
            try:
                return row, await _detail(row.actor.id, view.target.id), True
            except (KeyError, aiohttp.ClientError, TimeoutError, ValueError) as exc:
                log.warning("timeline of %s on %s unavailable: %r", row.actor.id, view.target.id, exc)
                return row, None, False

        series, missing = [], []
        for row, detail, ok in await asyncio.gather(*(one(r) for r in rows)):
            if not ok:
                missing.append(row.actor.id)
            elif detail is not None and detail.history:
                series.append(TimelineSeries(actor=row.actor, label=detail.label, points=detail.history))
        return series, missing

    @app.page("/api/actors/{actor_id}/positions/{target_id}")
    class PositionDetailView(View):
        async def get(self, request: Request, actor_id: str, target_id: str) -> Response:
            check_id(actor_id, "actor id")
            check_id(target_id, "target id")
            return await self._routed(request, actor_id=actor_id, target_id=target_id)

        @app.table_route(table=tables.positions, match_info="actor_id")
        async def _routed(self, request: Request, actor_id: str, target_id: str) -> Response:
            pos = tables.position_detail.get(detail_key(actor_id, target_id))
            if pos is None:
                state = tables.positions.get(actor_id)  # a value written before the detail split
                pos = state.positions.get(target_id) if state else None
            if pos is None:
                raise ApiError(404, "unknown position", f"no position of {actor_id!r} on {target_id!r}")
            return json_response(pos)

    # --------------------------------------------------------------------------- targets

    async def _target(request: Request, target_id: str) -> TargetView:
        check_id(target_id, "target id")
        view = target_view(read_model, target_id, label=choice_param(request.query, "label", LABELS))
        if view is None:
            raise ApiError(404, "unknown target", f"no positions on {target_id!r}")
        return view

    @app.page("/api/targets/{target_id}")
    class TargetApi(View):
        async def get(self, request: Request, target_id: str) -> web.StreamResponse:
            view = await _target(request, target_id)
            fmt = _fmt(request)
            if fmt != "json":  # the table as a download: the positions on this target
                return await export.stream(request, fmt, "target-positions", PositionRow, view.positions)
            view.timeline, view.timeline_missing = await timelines(view)
            return json_response(view)

    @app.page("/targets/{target_id}")
    class TargetHtml(View):
        async def get(self, request: Request, target_id: str) -> Response:
            view = await _target(request, target_id)
            view.timeline, view.timeline_missing = await timelines(view)
            html = render_network.target_page(
                view,
                counts=await counter.get(),
                worker=str(app.conf.canonical_url),
                label=request.query.get("label") or None,
            )
            return web.Response(text=html, content_type="text/html", charset="utf-8")

    # --------------------------------------------------------------------------- graph

    @app.page("/api/graph")
    class GraphApi(View):
        async def get(self, request: Request) -> Response:
            return json_response(build_graph(read_model, **_graph_params(request.query)))

    @app.page("/graph")
    class GraphHtml(View):
        async def get(self, request: Request) -> Response:
            params = _graph_params(request.query)
            html = render_network.graph_page(
                params, ready=read_model.ready, counts=await counter.get(), worker=str(app.conf.canonical_url)
            )
            return web.Response(text=html, content_type="text/html", charset="utf-8")

    # --------------------------------------------------------------------------- exports

    @app.page("/api/positions")
    class PositionsApi(View):
        async def get(self, request: Request) -> web.StreamResponse:
            f = position_filter(request.query)
            fmt = _fmt(request)
            if fmt != "json":
                rows_out = position_rows(read_model, f)
                return await export.stream(request, fmt, "positions", PositionRow, rows_out)
            limit, offset = page_params(request.query)
            rows = list(position_rows(read_model, f))
            return json_response(
                PositionRowPage(
                    items=rows[offset : offset + limit], total=len(rows), limit=limit, offset=offset
                )
            )

    def evidence_source(f: PositionFilter) -> Any:
        """The evidence records passing ``f``, read from the ``stances`` topic (an async iterator)."""
        since = window_start(read_model, f.window)
        pairs = selected_pairs(read_model, f) if f.narrows_pairs else None
        tneedle = f.target.casefold() if f.target else None
        actors = {f.actor} if f.actor else ({a for a, _ in pairs} if pairs is not None else None)

        def keep(ev: StanceEvidence) -> bool:
            if f.actor and ev.actor.id != f.actor:
                return False
            if tneedle and ev.target.id.casefold() != tneedle and tneedle not in ev.target.name.casefold():
                return False
            if since is not None and ev.published_at < since:
                return False
            return pairs is None or (ev.actor.id, ev.target.id) in pairs

        return export.read_evidence(
            settings.aiokafka_kwargs(), settings.topic("stances"), keep=keep, actors=actors
        )

    @app.page("/api/evidence")
    class EvidenceApi(View):
        async def get(self, request: Request) -> web.StreamResponse:
            f = position_filter(request.query)
            fmt = _fmt(request)
            if fmt != "json":
                return await export.stream(request, fmt, "evidence", StanceEvidence, evidence_source(f))
            limit, offset = page_params(request.query)
            items: list[StanceEvidence] = []
            total = 0
            source = evidence_source(f)
            try:
                async for ev in source:
                    if offset <= total < offset + limit:
                        items.append(ev)
                    total += 1
            finally:
                await source.aclose()
            return json_response(EvidencePage(items=items, total=total, limit=limit, offset=offset))

    def filtered_changes(query: Mapping[str, str]) -> list[StanceChange]:
        """``/api/changes`` rows: actor/target/kind as before, plus the shared position filters."""
        actor, target = text_param(query, "actor"), text_param(query, "target")
        kind = choice_param(query, "kind", ("new", "change"))
        f = position_filter({k: v for k, v in query.items() if k not in ("actor", "target")})
        rows = read_model.list_changes(actor=actor, target=target, kind=kind)
        since = window_start(read_model, f.window)
        if since is not None:
            rows = [c for c in rows if c.at >= since]
        if f.narrows_pairs:
            pairs = selected_pairs(read_model, f)
            rows = [c for c in rows if (c.actor.id, c.target.id) in pairs]
        return rows

    @app.page("/api/changes")
    class Changes(View):
        async def get(self, request: Request) -> web.StreamResponse:
            rows = filtered_changes(request.query)
            fmt = _fmt(request)
            if fmt != "json":
                return await export.stream(request, fmt, "changes", StanceChange, rows)
            limit, offset = page_params(request.query)
            return json_response(
                ChangePage(items=rows[offset : offset + limit], total=len(rows), limit=limit, offset=offset)
            )
