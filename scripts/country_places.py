"""Which names of a Phoenix country block name the country, and which name places inside it.

Phoenix country blocks list, after the country's names and spellings ("UNITED_STATES_",
"ESTADOS_UNIDOS_"), its capital, cities, provinces, rivers and landmarks ("NEW_YORK_", "OHIO_",
"MISSISSIPPI_RIVER_"), so that an event located there codes the country. A government actor must
not take those as aliases: "Ohio", "Texas officials" and "Toronto" are not the national
government, while the capital is ("Washington said", "Moscow denied"; metonymy). The places
start at the capital (unless the block opens with it, as the USA's does), or at the first
province (``countryinfo``) that is not the capital's name; from there on only capital names stay.

Build time only (``countryinfo`` is in the ``data`` extra).
"""

from __future__ import annotations

import re
from functools import cache

from stancewire.nlp.registry import normalise


@cache
def _geography() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """ISO alpha-3 -> (capital names, province names), normalised."""
    try:
        from countryinfo import all_countries
    except ImportError as e:  # a build-time tool: say how to get it
        raise SystemExit(
            "countryinfo is needed to build the registry: .venv/bin/pip install 'countryinfo==1.0.1'"
        ) from e
    out: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    for c in all_countries():
        info = c.info()
        iso = (info.get("ISO") or {}).get("alpha3")
        if not iso:
            continue
        cap = info.get("capital")
        caps = {normalise(x) for x in (cap if isinstance(cap, list) else [cap]) if x}
        # "Washington D.C." is written "Washington" too.
        caps |= {re.sub(r",?\s*d\.?\s*c\.?$", "", x).strip() for x in caps}
        provinces = {normalise(re.sub(r"\s*\(.*\)$", "", p)) for p in info.get("provinces") or [] if p}
        old_caps, old_prov = out.get(iso, (frozenset(), frozenset()))
        out[iso] = (old_caps | frozenset(caps), old_prov | frozenset(provinces))
    return out


def country_names(code: str, names: list[str]) -> list[str]:
    """``names`` (a Phoenix country block's, in file order) without the places inside it."""
    capitals, provinces = _geography().get(code, (frozenset(), frozenset()))
    out: list[str] = []
    places = False
    for i, name in enumerate(names):
        key = normalise(name)
        is_capital = key in capitals
        if not places and i > 0:
            prev_capital = normalise(names[i - 1]) in capitals
            # A capital second in the block opens its names (the USA's block: "UNITED
            # STATES OF AMERICA", "WASHINGTON D.C.", "WASHINGTON", "AMERICAN" ...); later it
            # opens the places.
            places = (is_capital and not prev_capital and i >= 2) or (key in provinces and not is_capital)
        if not places or is_capital:
            out.append(name)
    return out
