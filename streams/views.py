"""The web views every worker serves (routes in ``streams.web``), registered on an app by
``create_app``."""

from __future__ import annotations

import faust

from stancewire.settings import Settings
from streams.tables import Tables
from streams.web import api, network_api
from streams.web.api import WebState


def register(app: faust.App, tables: Tables, settings: Settings) -> WebState:
    state = api.register(app, tables, settings)
    network_api.register(app, tables, settings, state)
    return state
