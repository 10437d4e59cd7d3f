"""Server-rendered inline SVG timeline of a position's decayed score (no JS, no external assets)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from html import escape

COLOURS = {"cooperative": "#1a7f37", "neutral": "#6e7781", "conflictual": "#cf222e"}


def _fmt(v: float) -> str:
    return f"{v:.1f}"


def timeline_svg(
    history: Sequence[tuple[datetime, float]],
    *,
    title: str,
    width: int = 560,
    height: int = 150,
    cooperative: float = 1.5,
    conflictual: float = -1.5,
) -> str:
    """An SVG line chart of ``history`` with the label bands shaded; ``title`` is escaped."""
    pad_l, pad_r, pad_t, pad_b = 34, 10, 10, 22
    w, h = width - pad_l - pad_r, height - pad_t - pad_b
    pts = sorted(history, key=lambda p: p[0])
    # Symmetric y range so zero sits in the middle; at least ±5 so small moves don't look huge.
    top = max(5.0, math.ceil(max((abs(s) for _, s in pts), default=0.0)))
    top = min(top, 10.0)

    def y(score: float) -> float:
        return pad_t + (top - max(-top, min(top, score))) / (2 * top) * h

    if pts:
        t0, t1 = pts[0][0].timestamp(), pts[-1][0].timestamp()
    else:
        t0 = t1 = 0.0
    span = (t1 - t0) or 1.0

    def x(t: datetime) -> float:
        return pad_l + (w / 2 if t1 == t0 else (t.timestamp() - t0) / span * w)

    parts = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        # Label bands: where the score means cooperative / conflictual.
        f'<rect x="{pad_l}" y="{_fmt(y(top))}" width="{w}" height="{_fmt(y(cooperative) - y(top))}" '
        f'fill="{COLOURS["cooperative"]}" fill-opacity="0.08"/>',
        f'<rect x="{pad_l}" y="{_fmt(y(conflictual))}" width="{w}" height="{_fmt(y(-top) - y(conflictual))}" '
        f'fill="{COLOURS["conflictual"]}" fill-opacity="0.08"/>',
        f'<line x1="{pad_l}" x2="{pad_l + w}" y1="{_fmt(y(0))}" y2="{_fmt(y(0))}" stroke="#8c959f" '
        f'stroke-dasharray="3 3"/>',
    ]
    for v in (top, cooperative, 0.0, conflictual, -top):
        parts.append(
            f'<text x="{pad_l - 4}" y="{_fmt(y(v) + 3)}" text-anchor="end" font-size="9" '
            f'fill="#57606a">{v:+g}</text>'
        )
    if pts:
        parts.append(
            f'<text x="{pad_l}" y="{height - 6}" font-size="9" fill="#57606a">'
            f"{escape(pts[0][0].strftime('%Y-%m-%d %H:%M'))}</text>"
        )
        if t1 != t0:
            parts.append(
                f'<text x="{pad_l + w}" y="{height - 6}" font-size="9" text-anchor="end" '
                f'fill="#57606a">{escape(pts[-1][0].strftime("%Y-%m-%d %H:%M"))}</text>'
            )
        coords = " ".join(f"{_fmt(x(t))},{_fmt(y(s))}" for t, s in pts)
        parts.append(f'<polyline points="{coords}" fill="none" stroke="#0969da" stroke-width="1.8"/>')
        for t, s in pts:
            label = "cooperative" if s >= cooperative else "conflictual" if s <= conflictual else "neutral"
            parts.append(
                f'<circle cx="{_fmt(x(t))}" cy="{_fmt(y(s))}" r="3" fill="{COLOURS[label]}">'
                f"<title>{escape(t.isoformat())}: {s:+.2f} ({label})</title></circle>"
            )
    else:
        parts.append(
            f'<text x="{pad_l + w / 2}" y="{pad_t + h / 2}" text-anchor="middle" font-size="11" '
            f'fill="#57606a">no history</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


# Eight distinguishable line colours (Okabe-Ito, colour-blind safe) for a combined timeline.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442")


def combined_timeline_svg(
    series: Sequence[tuple[str, Sequence[tuple[datetime, float]]]],
    *,
    title: str,
    width: int = 900,
    height: int = 220,
    cooperative: float = 1.5,
    conflictual: float = -1.5,
) -> str:
    """Several actors' decayed scores on one target over a shared time axis, one colour each
    (``PALETTE`` order, which the page's legend repeats); names and title are escaped."""
    pad_l, pad_r, pad_t, pad_b = 34, 10, 10, 22
    w, h = width - pad_l - pad_r, height - pad_t - pad_b
    all_pts = [p for _, pts in series for p in pts]
    top = min(10.0, max(5.0, math.ceil(max((abs(s) for _, s in all_pts), default=0.0))))
    times = [t.timestamp() for t, _ in all_pts]
    t0, t1 = (min(times), max(times)) if times else (0.0, 0.0)
    span = (t1 - t0) or 1.0

    def y(score: float) -> float:
        return pad_t + (top - max(-top, min(top, score))) / (2 * top) * h

    def x(t: datetime) -> float:
        return pad_l + (w / 2 if t1 == t0 else (t.timestamp() - t0) / span * w)

    parts = [
        f'<svg class="timeline combined" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<rect x="{pad_l}" y="{_fmt(y(top))}" width="{w}" height="{_fmt(y(cooperative) - y(top))}" '
        f'fill="{COLOURS["cooperative"]}" fill-opacity="0.07"/>',
        f'<rect x="{pad_l}" y="{_fmt(y(conflictual))}" width="{w}" height="{_fmt(y(-top) - y(conflictual))}" '
        f'fill="{COLOURS["conflictual"]}" fill-opacity="0.07"/>',
        f'<line x1="{pad_l}" x2="{pad_l + w}" y1="{_fmt(y(0))}" y2="{_fmt(y(0))}" stroke="#8c959f" '
        f'stroke-dasharray="3 3"/>',
    ]
    for v in (top, cooperative, 0.0, conflictual, -top):
        parts.append(
            f'<text x="{pad_l - 4}" y="{_fmt(y(v) + 3)}" text-anchor="end" font-size="9" '
            f'fill="#57606a">{v:+g}</text>'
        )
    if not all_pts:
        parts.append(
            f'<text x="{pad_l + w / 2}" y="{pad_t + h / 2}" text-anchor="middle" font-size="11" '
            f'fill="#57606a">no history</text></svg>'
        )
        return "".join(parts)
    first, last = min(t for t, _ in all_pts), max(t for t, _ in all_pts)
    parts.append(
        f'<text x="{pad_l}" y="{height - 6}" font-size="9" fill="#57606a">'
        f"{escape(first.strftime('%Y-%m-%d %H:%M'))}</text>"
    )
    if t1 != t0:
        parts.append(
            f'<text x="{pad_l + w}" y="{height - 6}" font-size="9" text-anchor="end" fill="#57606a">'
            f"{escape(last.strftime('%Y-%m-%d %H:%M'))}</text>"
        )
    for i, (name, pts) in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        ordered = sorted(pts, key=lambda p: p[0])
        parts.append(f'<g class="series" data-series="{i}"><title>{escape(name)}</title>')
        if len(ordered) > 1:
            coords = " ".join(f"{_fmt(x(t))},{_fmt(y(s))}" for t, s in ordered)
            parts.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="1.8"/>')
        for t, s in ordered:
            parts.append(
                f'<circle cx="{_fmt(x(t))}" cy="{_fmt(y(s))}" r="2.6" fill="{colour}">'
                f"<title>{escape(name)} · {escape(t.isoformat())}: {s:+.2f}</title></circle>"
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
