"""The OpenAPI 3.1 document, with component schemas generated from the pydantic models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from stancewire.schemas import ActorPositions, Position, StanceChange
from stancewire.settings import Settings
from streams.web.export import CHANGE_COLUMNS, EVIDENCE_COLUMNS, POSITION_COLUMNS
from streams.web.models import (
    ActorPage,
    ChangePage,
    Counts,
    ErrorBody,
    EvidencePage,
    Graph,
    PositionRowPage,
    QuotePage,
    TargetView,
)
from streams.web.network import DEFAULT_MAX_EDGES, MAX_EDGES, WINDOW_NAMES
from streams.web.readmodel import MAX_CHANGES, REPLAY_SKEW, REPLAY_WINDOW

# The documented default; a deployment may set another value, which the description names.
RECENT_QUOTES_DEFAULT = Settings.model_fields["recent_quotes"].default

MODELS: list[type[BaseModel]] = [
    ActorPage,
    ActorPositions,
    QuotePage,
    ChangePage,
    StanceChange,
    Counts,
    ErrorBody,
    Graph,
    TargetView,
    PositionRowPage,
    EvidencePage,
    Position,
]


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _json(model: type[BaseModel], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(model)}}}


def _param(name: str, where: str, schema: dict[str, Any], description: str, required: bool = False) -> dict:
    return {"name": name, "in": where, "required": required, "schema": schema, "description": description}


PAGE = [
    _param("limit", "query", {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}, "Page size."),
    _param("offset", "query", {"type": "integer", "minimum": 0, "default": 0}, "Items to skip."),
]
ACTOR_ID = _param(
    "actor_id",
    "path",
    {"type": "string", "minLength": 1, "maxLength": 256},
    "Actor id, e.g. person:ilse-varga-tamm (URL-encoded).",
    required=True,
)
TARGET_ID = _param(
    "target_id",
    "path",
    {"type": "string", "minLength": 1, "maxLength": 256},
    "Target id: an actor (person:tomas-reyel) or an issue (issue:ceasefire), URL-encoded.",
    required=True,
)
# A free-text or id query parameter: bounded, so a pasted article is refused before any lookup.
TEXT = {"type": "string", "maxLength": 256}
LABEL = {"type": "string", "enum": ["cooperative", "neutral", "conflictual"]}
WINDOW = _param(
    "window",
    "query",
    {"type": "string", "enum": list(WINDOW_NAMES), "default": "all"},
    "Only positions with evidence in the last day/week/month before the newest evidence "
    "indexed (event time, so a replayed archive looks as it did live); all: no limit.",
)
MIN_EVIDENCE = _param(
    "min_evidence",
    "query",
    {"type": "integer", "minimum": 1, "default": 1},
    "Only positions resting on at least this many evidence items.",
)
FILTERS = [
    _param("actor", "query", TEXT, "Actor id (exact)."),
    _param(
        "target",
        "query",
        TEXT,
        "Target id, or a substring of the target's name.",
    ),
    _param("q", "query", TEXT, "Substring of the actor's name or id."),
    _param("label", "query", LABEL, "Only positions with this label."),
    WINDOW,
    MIN_EVIDENCE,
]
FORMAT = _param(
    "format",
    "query",
    {"type": "string", "enum": ["json", "csv", "jsonl"], "default": "json"},
    "csv or jsonl: every matching row (no paging), streamed as a download; same as "
    "`Accept: text/csv` or `Accept: application/x-ndjson`. json: a page.",
)


def _columns(cols: list[tuple[str, Any]]) -> str:
    return ", ".join(name for name, _ in cols)


def _export(model: type[BaseModel], description: str, columns: str) -> dict[str, Any]:
    """A 200 answered as a JSON page, or streamed as CSV / JSON lines."""
    return {
        "description": description,
        "content": {
            "application/json": {"schema": _ref(model)},
            "text/csv": {
                "schema": {"type": "string"},
                "description": f"Columns: {columns}. Text cells "
                "starting with = + - @ are prefixed with an apostrophe (spreadsheet formula guard).",
            },
            "application/x-ndjson": {
                "schema": {"type": "string"},
                "description": "One JSON object per line.",
            },
        },
    }


ERRORS = {
    "400": _json(ErrorBody, "Invalid parameter."),
    "401": _json(ErrorBody, "Missing or wrong bearer token (only when an API token is configured)."),
    "500": _json(ErrorBody, "Internal error (no details are exposed)."),
}


def build_openapi(version: str = "0.1.0") -> dict[str, Any]:
    # One shared $defs namespace: nested models (Position, Quote, ...) appear once.
    _, top = models_json_schema(
        [(m, "serialization") for m in MODELS], ref_template="#/components/schemas/{model}"
    )
    schemas: dict[str, Any] = dict(top.get("$defs", {}))
    label = LABEL
    paths: dict[str, Any] = {
        "/api/actors": {
            "get": {
                "summary": "List actors with their current positions (cluster-wide).",
                "operationId": "listActors",
                "parameters": [
                    _param("q", "query", TEXT, "Substring of actor name or id."),
                    _param("label", "query", label, "Only actors with a position carrying this label."),
                    _param(
                        "target",
                        "query",
                        TEXT,
                        "Only actors with a position on this target (id, or substring of its name).",
                    ),
                    _param(
                        "sort",
                        "query",
                        {"type": "string", "enum": ["recent", "name"], "default": "recent"},
                        "recent: most recent change first; name: alphabetical.",
                    ),
                    *PAGE,
                ],
                "responses": {"200": _json(ActorPage, "A page of actor summaries."), **ERRORS},
            }
        },
        "/api/actors/{actor_id}": {
            "get": {
                "summary": "One actor's positions (served by the worker owning the actor's partition).",
                "operationId": "getActor",
                "parameters": [ACTOR_ID],
                "responses": {
                    "200": _json(ActorPositions, "The actor's positions table value."),
                    "404": _json(ErrorBody, "Unknown actor."),
                    **ERRORS,
                },
            }
        },
        "/api/actors/{actor_id}/quotes": {
            "get": {
                "summary": "The actor's most recent quotes, newest first.",
                "description": "Only the newest STANCEWIRE_RECENT_QUOTES quotes per actor are kept "
                f"(default {RECENT_QUOTES_DEFAULT}); older quotes are not retrievable here. "
                "`total` counts the kept quotes (what offset/limit page over), `total_seen` "
                "every quote ever indexed for the actor.",
                "operationId": "getActorQuotes",
                "parameters": [ACTOR_ID, *PAGE],
                "responses": {
                    "200": _json(QuotePage, "A page of quotes."),
                    "404": _json(ErrorBody, "No quotes for this actor."),
                    **ERRORS,
                },
            }
        },
        "/api/changes": {
            "get": {
                "summary": f"Recent stance changes, newest first (the last {MAX_CHANGES:,}, cluster-wide).",
                "description": f"Each worker keeps the last {MAX_CHANGES:,} changes (by emission time) in "
                "memory; `total` and paging cover only those. The complete history is the "
                "stance-changes topic (`stancewire subscribe --from-beginning`).",
                "operationId": "listChanges",
                "parameters": [
                    _param("actor", "query", TEXT, "Actor id."),
                    _param("target", "query", TEXT, "Target id."),
                    _param("kind", "query", {"type": "string", "enum": ["new", "change"]}, "Change kind."),
                    _param("q", "query", TEXT, "Substring of the actor's name."),
                    _param("label", "query", LABEL, "Only pairs whose current position has this label."),
                    _param(
                        "window",
                        "query",
                        {"type": "string", "enum": list(WINDOW_NAMES), "default": "all"},
                        "Only changes whose event time is in the last day/week/month before the newest "
                        "evidence indexed.",
                    ),
                    _param(
                        "min_evidence",
                        "query",
                        {"type": "integer", "minimum": 1, "default": 1},
                        "Only pairs whose current position rests on at least this much evidence.",
                    ),
                    FORMAT,
                    *PAGE,
                ],
                "responses": {
                    "200": _export(
                        ChangePage, "A page of stance changes, or the whole export.", _columns(CHANGE_COLUMNS)
                    ),
                    **ERRORS,
                },
            }
        },
        "/api/changes/stream": {
            "get": {
                "summary": "Live stance changes as Server-Sent Events "
                "(event: change, data: StanceChange JSON).",
                "description": "Each event's id is derived from the change itself (emission time in "
                "microseconds and change_id), so it is the same on every worker: reconnect "
                "to any worker with Last-Event-ID to replay the changes still buffered after "
                f"it (from {int(REPLAY_SKEW.total_seconds())} s before it, to cover alerts that "
                "reach workers in a different order). An id the worker cannot parse replays "
                f"the newest {REPLAY_WINDOW}. Replays may repeat events: dedupe by change_id. "
                "A comment line is sent every 15 s as a keep-alive.",
                "parameters": [
                    _param("Last-Event-ID", "header", {"type": "string"}, "Resume after this event id."),
                    _param("last_event_id", "query", {"type": "string"}, "Same as the Last-Event-ID header."),
                ],
                "operationId": "streamChanges",
                "responses": {
                    "200": {
                        "description": "An event stream.",
                        "content": {
                            "text/event-stream": {
                                "schema": {"type": "string"},
                                "itemSchema": _ref(StanceChange),
                            }
                        },
                    },
                    **ERRORS,
                },
            }
        },
        "/api/targets/{target_id}": {
            "get": {
                "summary": "Every actor's current position on one target (actor or issue), most cooperative "
                "first.",
                "description": "From the cluster-wide read model; `timeline` holds the score histories "
                "of the "
                "actors with most evidence (read from the workers owning them; "
                "`timeline_missing` lists actors whose worker did not answer). With "
                "`format=csv|jsonl` (or the Accept header) the positions are streamed as a "
                "download.",
                "operationId": "getTarget",
                "parameters": [
                    TARGET_ID,
                    _param("label", "query", LABEL, "Only positions with this label."),
                    FORMAT,
                ],
                "responses": {
                    "200": _export(TargetView, "The target view.", _columns(POSITION_COLUMNS)),
                    "404": _json(ErrorBody, "Nobody has a position on this target."),
                    **ERRORS,
                },
            }
        },
        "/api/actors/{actor_id}/positions/{target_id}": {
            "get": {
                "summary": "One position in full: recent evidence, score history, per-article parts.",
                "operationId": "getPosition",
                "parameters": [ACTOR_ID, TARGET_ID],
                "responses": {
                    "200": _json(Position, "The position."),
                    "404": _json(ErrorBody, "No such position."),
                    **ERRORS,
                },
            }
        },
        "/api/graph": {
            "get": {
                "summary": "The stance network: actors and issues as nodes, current positions as edges.",
                "description": "Nodes carry their evidence (sum over their drawn edges) and kind; "
                "edges their "
                "score, label, evidence and whether a change alert on the pair has its event "
                f"time inside the window (`changed`). At most `max_edges` (default "
                f"{DEFAULT_MAX_EDGES:,}) edges, those with most evidence; `total_edges` counts "
                "all that passed the filters.",
                "operationId": "getGraph",
                "parameters": [
                    WINDOW,
                    MIN_EVIDENCE,
                    _param("label", "query", LABEL, "Only edges with this label."),
                    _param(
                        "max_edges",
                        "query",
                        {"type": "integer", "minimum": 1, "maximum": MAX_EDGES, "default": DEFAULT_MAX_EDGES},
                        "Most edges returned.",
                    ),
                ],
                "responses": {"200": _json(Graph, "Nodes and edges."), **ERRORS},
            }
        },
        "/api/positions": {
            "get": {
                "summary": "Current positions as flat rows (cluster-wide), filterable; "
                "CSV/JSON-lines export.",
                "operationId": "listPositions",
                "parameters": [*FILTERS, FORMAT, *PAGE],
                "responses": {
                    "200": _export(
                        PositionRowPage,
                        "A page of positions, or the whole export.",
                        _columns(POSITION_COLUMNS),
                    ),
                    **ERRORS,
                },
            }
        },
        "/api/evidence": {
            "get": {
                "summary": "Stance evidence records, read from the stances topic (the complete record).",
                "description": "Reads every partition of the stances topic up to its current end, so it "
                "costs a scan of the topic: prefer filters. The window applies to each "
                "item's published_at; label, q and min_evidence select the positions "
                "(as /api/positions does) whose evidence is returned. Redelivered records are "
                "deduplicated by evidence_id.",
                "operationId": "listEvidence",
                "parameters": [*FILTERS, FORMAT, *PAGE],
                "responses": {
                    "200": _export(
                        EvidencePage, "A page of evidence, or the whole export.", _columns(EVIDENCE_COLUMNS)
                    ),
                    **ERRORS,
                },
            }
        },
        "/api/stats": {
            "get": {
                "summary": "Cluster-wide record counts (topic end offsets, cached a few seconds).",
                "operationId": "getStats",
                "responses": {"200": _json(Counts, "Counts."), **ERRORS},
            }
        },
        "/api/openapi.json": {
            "get": {
                "summary": "This document.",
                "operationId": "getOpenapi",
                "responses": {
                    "200": {
                        "description": "OpenAPI 3.1 document.",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                },
            }
        },
        "/metrics": {
            "get": {
                "summary": "Prometheus metrics of this worker.",
                "operationId": "getMetrics",
                "responses": {
                    "200": {
                        "description": "Prometheus text exposition format.",
                        "content": {"text/plain": {"schema": {"type": "string"}}},
                    }
                },
            }
        },
        "/health": {
            "get": {
                "summary": "Liveness; never requires a token.",
                "operationId": "getHealth",
                "security": [],
                "responses": {
                    "200": {
                        "description": "OK.",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "status": {"type": "string"},
                                        "worker": {"type": "string"},
                                    },
                                }
                            }
                        },
                    }
                },
            }
        },
        "/": {
            "get": {
                "summary": "Dashboard (HTML).",
                "operationId": "dashboard",
                "responses": {"200": {"description": "HTML page.", "content": {"text/html": {}}}},
            }
        },
        "/graph": {
            "get": {
                "summary": "Stance network page (HTML; takes the /api/graph filters).",
                "operationId": "graphPage",
                "parameters": [WINDOW, MIN_EVIDENCE],
                "responses": {"200": {"description": "HTML page.", "content": {"text/html": {}}}},
            }
        },
        "/targets/{target_id}": {
            "get": {
                "summary": "Target page (HTML): who stands where on it.",
                "operationId": "targetPage",
                "parameters": [TARGET_ID],
                "responses": {"200": {"description": "HTML page.", "content": {"text/html": {}}}},
            }
        },
        "/actors/{actor_id}": {
            "get": {
                "summary": "Actor page (HTML).",
                "operationId": "actorPage",
                "parameters": [ACTOR_ID],
                "responses": {"200": {"description": "HTML page.", "content": {"text/html": {}}}},
            }
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "stancewire",
            "version": version,
            "description": "Read-only API of a stancewire worker: actors, positions, targets, the "
            "stance network, quotes, evidence and stance-change alerts; positions, "
            "evidence and changes also as streamed CSV / JSON-lines exports. All "
            "endpoints are GET; other methods get 405.",
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "Required when STANCEWIRE_API_TOKEN is set.",
                }
            },
        },
        "security": [{"bearer": []}, {}],
    }
