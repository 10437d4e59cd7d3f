"""The worker's web view: dashboard pages, JSON API, SSE feed, metrics.

``streams.views`` (found by the app's autodiscovery) imports these modules so their routes
register; the pure parts (read model, SVG, rendering, OpenAPI) import no Faust app and are
tested directly.
"""
