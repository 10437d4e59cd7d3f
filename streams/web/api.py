"""Routes of the worker's web server: JSON API, pages, SSE, metrics, health.

Per-actor routes use ``app.table_route`` so a request reaching any worker is forwarded to the
worker owning the actor's partition (``positions`` and ``actor-quotes`` are co-partitioned:
same key serializer, same partition count, so one owner holds both). Listings are answered by
every worker from its cluster-wide ``ReadModel``.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from importlib import resources
from typing import Any

import faust
from aiohttp import web
from faust.web import Request, Response, View
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from stancewire.positions import detail_key, with_details
from stancewire.schemas import ActorPositions
from stancewire.settings import Settings
from streams import metrics
from streams.tables import Tables
from streams.web import render
from streams.web.http import (
    LABELS,
    ApiError,
    check_id,
    choice_param,
    json_response,
    make_middleware,
    page_params,
    text_param,
)
from streams.web.models import ActorPage, QuotePage
from streams.web.network import find_target
from streams.web.openapi import build_openapi
from streams.web.readmodel import OffsetCounter, ReadModel, iter_sse, tail

log = logging.getLogger(__name__)

SSE_KEEPALIVE = 15.0

# The files under /static, read once: an allow-list (no path from the request reaches the file
# system). Cytoscape.js and d3-force are vendored from npm (see static/VENDORED.md, licences
# beside them): the web view needs nothing from the network.
_JS = (
    "app.js",
    "graph.js",
    "graph-layout.js",
    "cytoscape.min.js",
    "d3-dispatch.min.js",
    "d3-quadtree.min.js",
    "d3-timer.min.js",
    "d3-force.min.js",
)
_STATIC_TYPES = {
    **dict.fromkeys(_JS, "text/javascript"),
    "cytoscape.LICENSE": "text/plain",
    "d3.LICENSE": "text/plain",
    "VENDORED.md": "text/plain",
}
_STATIC = {name: resources.files("streams").joinpath(f"static/{name}").read_bytes() for name in _STATIC_TYPES}


def _actor_filters(request: Request) -> dict[str, Any]:
    query = request.query
    return {
        "q": text_param(query, "q"),
        "label": choice_param(query, "label", LABELS),
        "target": text_param(query, "target"),
        "sort": choice_param(query, "sort", ("recent", "name"), "recent") or "recent",
    }


def _validated(fun: Any) -> Any:
    """Validate ``actor_id`` before routing, so a bad id is a 400 here, not a forwarded request."""

    async def inner(view: View, request: Request, actor_id: str) -> Any:
        check_id(actor_id, "actor id")
        return await fun(view, request, actor_id=actor_id)

    inner.__name__, inner.__doc__ = fun.__name__, fun.__doc__
    return inner


@dataclass(frozen=True)
class WebState:
    """What the routes of one worker share: its cluster-wide read model and topic counters."""

    read_model: ReadModel
    counter: OffsetCounter


def register(app: faust.App, tables: Tables, settings: Settings) -> WebState:
    """Register the routes, the middleware and the read model's task on ``app``."""
    read_model = ReadModel()
    counter = OffsetCounter(
        settings.aiokafka_kwargs(),
        {
            "articles": settings.topic("articles"),
            "quotes": settings.topic("quotes"),
            "dead_letters": settings.topic("articles.dead-letter"),
            "stance_changes": settings.topic("stance-changes"),
        },
    )

    # Every route goes through one middleware (auth, JSON errors, security headers). The aiohttp
    # application is created with the app's web driver and frozen only when the server starts, so
    # appending here (in create_app, before start) is in time.
    app.web.web_app.middlewares.append(make_middleware(lambda: settings.api_token))

    def _worker_name() -> str:
        return str(app.conf.canonical_url)

    # --------------------------------------------------------------------------- background services

    @app.task
    async def run_read_model() -> None:
        changelog = tables.positions.changelog_topic.get_topic_name()
        while True:
            try:
                await tail(
                    read_model,
                    settings.aiokafka_kwargs(),
                    changelog,
                    settings.topic("stance-changes"),
                    idle_backoff_ms=settings.web_fetch_backoff_ms,
                )
            except asyncio.CancelledError:
                raise
            except Exception:
                # Broker away or restarting: keep the index we have and retry; the consumer
                # starts from the beginning again and dedupes by key / change id.
                log.warning("read model consumer failed; retrying", exc_info=True)
                await asyncio.sleep(2.0)

    @app.on_before_shutdown.connect
    async def _close_streams(app: Any, **kwargs: Any) -> None:
        # Open SSE responses would otherwise hold the web server's shutdown for its full timeout.
        read_model.close()
        await counter.close()

    # --------------------------------------------------------------------------- health, metrics, static

    @app.page("/health")
    class Health(View):
        async def get(self, request: Request) -> Response:
            return json_response(
                {
                    "status": "ok",
                    "worker": _worker_name(),
                    "read_model_ready": read_model.ready,
                    "actors_indexed": len(read_model.actors),
                }
            )

    @app.page("/metrics")
    class Metrics(View):
        async def get(self, request: Request) -> Response:
            body = generate_latest(metrics.REGISTRY)
            resp = web.Response(body=body)
            resp.headers["Content-Type"] = CONTENT_TYPE_LATEST
            return resp

    @app.page("/static/{name}")
    class Static(View):
        async def get(self, request: Request, name: str) -> Response:
            body = _STATIC.get(name)
            if body is None:
                raise ApiError(404, "not found")
            return web.Response(
                body=body,
                content_type=_STATIC_TYPES[name],
                charset="utf-8",
                headers={"Cache-Control": "max-age=300"},
            )

    @app.page("/api/openapi.json")
    class OpenApi(View):
        async def get(self, request: Request) -> Response:
            return json_response(build_openapi())

    @app.page("/api/stats")
    class Stats(View):
        async def get(self, request: Request) -> Response:
            return json_response(await counter.get())

    # --------------------------------------------------------------------------- listings (read model)

    @app.page("/api/actors")
    class Actors(View):
        async def get(self, request: Request) -> Response:
            filters = _actor_filters(request)
            limit, offset = page_params(request.query)
            rows = read_model.list_actors(**filters)
            return json_response(
                ActorPage(items=rows[offset : offset + limit], total=len(rows), limit=limit, offset=offset)
            )

    # /api/changes (with exports) lives in streams.web.network_api, with the other filtered listings.

    @app.page("/api/changes/stream")
    class ChangeStream(View):
        async def get(self, request: Request) -> web.StreamResponse:
            # Event ids are cluster-stable (see readmodel.event_id): a client may resume on any worker.
            last_id = request.headers.get("Last-Event-ID") or request.query.get("last_event_id") or None
            resp = web.StreamResponse(
                headers={
                    "Content-Type": "text/event-stream",
                    "Cache-Control": "no-cache",
                    "X-Accel-Buffering": "no",
                    "X-Content-Type-Options": "nosniff",
                }
            )
            await resp.prepare(request)
            sub = read_model.subscribe(last_id)
            try:
                # retry: how long EventSource waits before reconnecting after a drop.
                await resp.write(b"retry: 2000\n: connected\n\n")
                for ident, change in sub.backlog:
                    for chunk in iter_sse(ident, change):
                        await resp.write(chunk)
                sub.backlog = []
                while not sub.dropped and not read_model.closing:
                    try:
                        ident, change = await asyncio.wait_for(sub.queue.get(), timeout=SSE_KEEPALIVE)
                    except TimeoutError:
                        await resp.write(b": keep-alive\n\n")  # also detects clients that went away
                        continue
                    if change is None:
                        break
                    for chunk in iter_sse(ident, change):
                        await resp.write(chunk)
            except (ConnectionResetError, asyncio.CancelledError):
                pass
            finally:
                read_model.unsubscribe(sub)
            return resp

    @app.page("/")
    class Dashboard(View):
        async def get(self, request: Request) -> Response:
            filters = _actor_filters(request)
            limit, offset = page_params(request.query)
            rows = read_model.list_actors(**filters)
            html = render.dashboard(
                actors=rows[offset : offset + limit],
                total=len(rows),
                limit=limit,
                offset=offset,
                changes=read_model.list_changes()[:50],
                counts=await counter.get(),
                targets=read_model.targets(),
                ready=read_model.ready,
                worker=_worker_name(),
                **filters,
            )
            return web.Response(text=html, content_type="text/html", charset="utf-8")

    # --------------------------------------------------------------------------- per actor (routed)

    def full_positions(actor_id: str) -> ActorPositions | None:
        """The actor's positions in full: the ``positions`` summaries with each position's detail
        (evidence, history, per-article parts) from ``position-detail``, which this worker holds
        too (detail is written in the actor's partition)."""
        state = tables.positions.get(actor_id)
        if state is None:
            return None
        detail = tables.position_detail
        return with_details(state, {t: detail.get(detail_key(actor_id, t)) for t in state.positions})

    @app.page("/api/actors/{actor_id}")
    class ActorView(View):
        @_validated
        @app.table_route(table=tables.positions, match_info="actor_id")
        async def get(self, request: Request, actor_id: str) -> Response:
            state = full_positions(actor_id)
            if state is None:
                raise ApiError(404, "unknown actor", f"no positions for {actor_id!r}")
            return json_response(state)

    @app.page("/api/actors/{actor_id}/quotes")
    class ActorQuotesView(View):
        @_validated
        @app.table_route(table=tables.positions, match_info="actor_id")
        async def get(self, request: Request, actor_id: str) -> Response:
            limit, offset = page_params(request.query)
            state = tables.actor_quotes.get(actor_id)
            if state is None:
                raise ApiError(404, "unknown actor", f"no quotes for {actor_id!r}")
            return json_response(
                QuotePage(
                    actor=state.actor,
                    items=state.quotes[offset : offset + limit],
                    total=len(state.quotes),
                    total_seen=state.total,
                    limit=limit,
                    offset=offset,
                )
            )

    @app.page("/actors/{actor_id}")
    class ActorHtml(View):
        @_validated
        @app.table_route(table=tables.positions, match_info="actor_id")
        async def get(self, request: Request, actor_id: str) -> Response:
            state = full_positions(actor_id)
            quotes = tables.actor_quotes.get(actor_id)
            if state is None and quotes is None:
                raise ApiError(404, "unknown actor", f"nothing known about {actor_id!r}")
            html = render.actor_page(
                actor_id=actor_id,
                state=state,
                quotes=quotes,
                changes=read_model.list_changes(actor=actor_id)[:100],
                counts=await counter.get(),
                worker=_worker_name(),
                is_target=find_target(read_model, actor_id) is not None,
            )
            return web.Response(text=html, content_type="text/html", charset="utf-8")

    return WebState(read_model, counter)
