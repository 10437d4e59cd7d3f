"""Request plumbing shared by every route: auth, parameter validation, JSON errors, headers.

Installed as one aiohttp middleware so that no route can forget it: unknown paths (404),
other methods (405), bad parameters (400), missing tokens (401) and unexpected exceptions
(500) all become small JSON bodies, never a stack trace or an HTML error page.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import unicodedata
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from aiohttp import web
from pydantic import BaseModel

log = logging.getLogger(__name__)

TOKEN_COOKIE = "stancewire_token"
MAX_ID_CHARS = 256
MAX_LIMIT = 500
DEFAULT_LIMIT = 50
LABELS = ("cooperative", "neutral", "conflictual")
# Pages a browser opens directly: ``?token=`` there sets the cookie and redirects without it.
PAGE_PREFIXES = ("/actors/", "/targets/", "/graph")
PUBLIC_PATHS = frozenset({"/health"})

# Inline CSS (one page, no external assets) but scripts only from our own /static path, so a
# quote that somehow escaped escaping still could not run script.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class ApiError(Exception):
    def __init__(self, status: int, error: str, detail: str | None = None) -> None:
        super().__init__(error)
        self.status, self.error, self.detail = status, error, detail


def dumps(value: Any) -> str:
    if isinstance(value, BaseModel):
        return value.model_dump_json()
    import json

    return json.dumps(value, ensure_ascii=False, default=str)


def json_response(value: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> web.Response:
    return web.Response(
        text=dumps(value), status=status, content_type="application/json", headers=dict(headers or {})
    )


def error_response(
    status: int, error: str, detail: str | None = None, headers: Mapping[str, str] | None = None
) -> web.Response:
    body: dict[str, str] = {"error": error}
    if detail:
        body["detail"] = detail
    return json_response(body, status=status, headers=headers)


# --------------------------------------------------------------------------- parameters


def check_id(value: str, what: str = "id") -> str:
    if not value or len(value) > MAX_ID_CHARS:
        raise ApiError(400, f"invalid {what}", f"must be 1 to {MAX_ID_CHARS} characters")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in value):
        raise ApiError(400, f"invalid {what}", "control characters are not allowed")
    return value


def int_param(query: Mapping[str, str], name: str, default: int, *, lo: int, hi: int | None = None) -> int:
    raw = query.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw, 10)
    except ValueError:
        raise ApiError(400, f"invalid {name}", "must be an integer") from None
    if value < lo or (hi is not None and value > hi):
        bound = f"between {lo} and {hi}" if hi is not None else f">= {lo}"
        raise ApiError(400, f"invalid {name}", f"must be {bound}")
    return value


def page_params(query: Mapping[str, str]) -> tuple[int, int]:
    return (
        int_param(query, "limit", DEFAULT_LIMIT, lo=1, hi=MAX_LIMIT),
        int_param(query, "offset", 0, lo=0, hi=10_000_000),
    )


def choice_param(
    query: Mapping[str, str], name: str, choices: tuple[str, ...], default: str | None = None
) -> str | None:
    raw = query.get(name)
    if raw is None or raw == "":
        return default
    if raw not in choices:
        raise ApiError(400, f"invalid {name}", f"must be one of: {', '.join(choices)}")
    return raw


def text_param(query: Mapping[str, str], name: str) -> str | None:
    raw = query.get(name)
    if raw is None or raw.strip() == "":
        return None
    return check_id(raw, name)


# --------------------------------------------------------------------------- auth


def _bearer(request: web.Request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _matches(candidate: str | None, token: str) -> bool:
    return candidate is not None and hmac.compare_digest(candidate.encode(), token.encode())


def _wants_redirect(request: web.Request) -> bool:
    return request.method == "GET" and (request.path == "/" or request.path.startswith(PAGE_PREFIXES))


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def make_middleware(get_token: Callable[[], str | None]) -> Any:
    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        set_cookie: str | None = None
        try:
            token = get_token()
            if token and request.path not in PUBLIC_PATHS:
                from_query = request.query.get("token")
                if _matches(_bearer(request), token) or _matches(request.cookies.get(TOKEN_COOKIE), token):
                    pass
                elif _matches(from_query, token):
                    # A browser can't send headers on a link: accept ?token= once, keep it in
                    # an HttpOnly cookie, and drop it from the address bar and history.
                    set_cookie = token
                    if _wants_redirect(request):
                        clean = request.rel_url.without_query_params("token")
                        resp = web.HTTPSeeOther(location=str(clean))
                        _cookie(resp, token, request)
                        return resp
                else:
                    return error_response(
                        401,
                        "unauthorized",
                        "send 'Authorization: Bearer <token>'",
                        headers={"WWW-Authenticate": 'Bearer realm="stancewire"'},
                    )
            resp = await handler(request)
        except ApiError as exc:
            resp = error_response(exc.status, exc.error, exc.detail)
        except web.HTTPException as exc:
            if exc.status < 400:
                raise
            headers = {"Allow": exc.headers["Allow"]} if "Allow" in exc.headers else None
            names = {404: "not found", 405: "method not allowed"}
            resp = error_response(exc.status, names.get(exc.status, exc.reason.lower()), headers=headers)
        except (asyncio.CancelledError, ConnectionResetError):
            raise
        except Exception:
            # Log the details for operators; the client only learns that it failed.
            log.exception("unhandled error in %s %s", request.method, request.path)
            resp = error_response(500, "internal error")
        if set_cookie and not resp.prepared:
            _cookie(resp, set_cookie, request)
        if not resp.prepared:
            _security_headers(resp)
        return resp

    return guard


def _cookie(resp: web.StreamResponse, token: str, request: web.Request) -> None:
    resp.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="Strict", path="/", secure=request.secure)


def _security_headers(resp: web.StreamResponse) -> None:
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    resp.headers.setdefault("Referrer-Policy", "no-referrer")
    if (resp.content_type or "").startswith("text/html"):
        resp.headers.setdefault("Content-Security-Policy", CSP)
        resp.headers.setdefault("X-Frame-Options", "DENY")
