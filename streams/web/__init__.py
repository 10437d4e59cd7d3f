"""The worker's web view: dashboard pages, JSON API, SSE feed, metrics.

``api.register`` and ``network_api.register`` put the routes on an app (``streams.views``, called
by ``create_app``); the pure parts (read model, SVG, rendering, OpenAPI) need no Faust app and
are tested directly.
"""
