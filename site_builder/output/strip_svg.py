"""The timeline strip's SVG, written in Python rather than in a template.

Every area page has one, and drawn by a Jinja template (one expression per number and
attribute) it made a cold build of 10,000 areas about 0.5 s slower, 10.1 s instead of 9.6 s
(docs/performance.md; `bench/run.py --without svg-strip` draws it with that template). As one
f-string per element it costs a few microseconds, and the markup is the same byte for byte.
A theme can still draw its own strip: partials/_timeline_strip.html only calls `strip_svg`.
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup, escape

from site_builder.site.charts import StripTick, TimelineStrip


def strip_svg(strip: TimelineStrip) -> Markup:
    """An area's events on a time axis: role="img", named by the strip's summary of every event."""
    y = strip.axis_y
    out = [f'<svg class="strip" viewBox="0 0 {strip.width} {strip.height}" role="img" aria-label="{escape(strip.summary)}">\n'
           f'<line class="strip__axis" x1="{strip.x0}" y1="{y}" x2="{strip.x1}" y2="{y}"/>\n', _axis(strip.ticks, y)]
    for m in strip.marks:
        x = m.x
        out.append(f'<line class="strip__leader" x1="{x}" y1="{y - 6}" x2="{x}" y2="{m.label_y + 4}"/>\n')
        if m.tone == "good":
            out.append(f'<circle class="strip__mark strip__mark--good" cx="{x}" cy="{y}" r="5"/>\n')
        elif m.tone == "mixed":
            out.append(f'<polygon class="strip__mark strip__mark--mixed" points="{x},{y - 6} {round(x + 6, 1)},{y} '
                       f'{x},{y + 6} {round(x - 6, 1)},{y}"/>\n')
        elif m.tone == "serious":
            out.append(f'<rect class="strip__mark strip__mark--serious" x="{round(x - 5, 1)}" y="{y - 5}" width="10" height="10"/>\n')
        else:
            out.append(f'<circle class="strip__mark strip__mark--neutral" cx="{x}" cy="{y}" r="4.5"/>\n')
        outcome = f'<tspan x="{m.label_x}" dy="13">{escape(m.outcome)}</tspan>' if m.outcome else ""
        out.append(f'<text class="strip__label" x="{m.label_x}" y="{m.label_y - 13}" text-anchor="{escape(m.anchor)}">'
                   f'<tspan class="strip__title">{escape(m.title)}</tspan>{outcome}</text>\n')
    out.append("</svg>")
    return Markup("".join(out))


@lru_cache(maxsize=64)
def _axis(ticks: tuple[StripTick, ...], y: float) -> str:
    """The ticks and year labels (the same on most pages)."""
    out = []
    for t in ticks:
        out.append(f'<line class="strip__tick" x1="{t.x}" y1="{y}" x2="{t.x}" y2="{y + 5}"/>\n')
        if t.labelled:
            out.append(f'<text class="strip__year" x="{t.label_x}" y="{y + 18}" text-anchor="middle">{t.year}</text>')
    return "".join(out)
