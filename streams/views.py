"""Web views served by each worker; found by the app's autodiscovery.

The routes live in ``streams.web``; importing them here registers them with the app.
"""

from __future__ import annotations

from streams.web import (
    api,  # noqa: F401  (registers routes, middleware and the read model task)
    network_api,  # noqa: F401  (targets, graph, exports)
)
