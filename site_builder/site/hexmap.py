"""Hex maps of England: one hexagon per local area, as data for an inline SVG built at build time.

The layout (site_builder/data/hex_layout.json, derived by hex_layout.py from Open Innovations'
hex map) gives each GSS code an "odd-r" offset position (q, r), with r growing northwards.
Everything here is pure: the functions return plain data (integer hexagon corners, accessible
names, legend entries and table rows) and the templates turn it into escaped SVG and HTML.

Two maps: `current_map` (each area's latest outcome under the current framework, from
`LocalArea.status`) and `first_cycle_map` (the 2016 to 2022 inspections: whether a written statement
of action was required and, where there was one, the revisit's result).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from site_builder.site import addresses as urls
from site_builder.site.hex_layout import LAYOUT_PATH
from site_builder.domain.models import Event, LocalArea
from site_builder.domain.vocabulary import Category, Outcome, Pattern, outcomes_of

HEX_HALF_WIDTH = 7
"""Half a hexagon's width, in map units (pointy-top hexagons, 14 wide and 16 tall)."""
HEX_RISE = 4
"""Height of a hexagon's sloping edges, in map units (a quarter of its height)."""
ROW_HEIGHT = 12
"""Vertical distance between rows: three quarters of a hexagon's height."""
MARGIN = 1
"""Space round the map, so the outer edges' strokes are not clipped."""

CURRENT_FRAMEWORK = outcomes_of("2023")
"""Every outcome of the current framework: full inspections' and monitoring inspections'."""
ALWAYS_IN_KEY = (Pattern.GOOD, Pattern.MIXED, Pattern.SERIOUS)
"""A key always shows these, even with no area; the rest (plain, awaiting, monitoring) only when an area has them."""


@dataclass(frozen=True)
class LegendEntry:
    """One line of a map's legend: a key, its words, its pattern and how many areas have it."""

    key: Category
    label: str
    pattern: Pattern
    """The SVG pattern (and colour) of the hexagons."""
    ring: bool
    """True when the hexagons carry a ring in the middle (a revisit took place)."""
    count: int


@dataclass(frozen=True)
class MapHex:
    """One area's hexagon: where it is, what it links to and what it says."""

    slug: str
    name: str
    url: str
    """Site-relative address of the area's page."""
    label: str
    """Accessible name and tooltip, e.g. "Devon: inconsistent experiences and outcomes, 2024"."""
    key: Category
    pattern: Pattern
    ring: bool
    q: int
    r: int
    points: str
    """The polygon's corners in map units, "x,y x,y ..."."""
    cx: int
    cy: int


@dataclass(frozen=True)
class MapRow:
    """One row of the table that repeats a map in words."""

    name: str
    url: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class HexMap:
    """Everything a template needs to draw one map, its legend and its table."""

    id: str
    """Prefix for the ids on the page: unique per map."""
    title: str
    intro: str
    hexes: tuple[MapHex, ...]
    """In reading order (north to south, then west to east), which is also the tab order."""
    legend: tuple[LegendEntry, ...]
    columns: tuple[str, ...]
    """Table column headings after "Local area"."""
    rows: tuple[MapRow, ...]
    """Alphabetical by name."""
    notes: tuple[str, ...]
    """Sentences shown under the legend."""
    missing: tuple[str, ...]
    """Names of areas that have no hexagon in the layout (shown in the table only)."""
    width: int
    height: int


@cache
def _load(path: Path) -> dict[str, tuple[int, int]]:
    data = json.loads(path.read_text("utf-8"))
    return {code: (h["q"], h["r"]) for code, h in data["hexes"].items()}


def load_layout(path: Path = LAYOUT_PATH) -> dict[str, tuple[int, int]]:
    """GSS code -> (q, r) from the derived layout file."""
    return dict(_load(path))


def neighbours(q: int, r: int) -> tuple[tuple[int, int], ...]:
    """The six positions next to (q, r) in odd-r offset coordinates (odd rows sit half a hexagon east)."""
    if r % 2:
        steps = ((1, 0), (-1, 0), (0, 1), (1, 1), (0, -1), (1, -1))
    else:
        steps = ((1, 0), (-1, 0), (-1, 1), (0, 1), (-1, -1), (0, -1))
    return tuple((q + dq, r + dr) for dq, dr in steps)


def adjacent(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two positions share an edge."""
    return b in neighbours(*a)


def hex_centre(q: int, r: int, max_r: int) -> tuple[int, int]:
    """The centre of position (q, r) in map units; north (high r) at the top."""
    x = MARGIN + HEX_HALF_WIDTH + 2 * HEX_HALF_WIDTH * q + (HEX_HALF_WIDTH if r % 2 else 0)
    y = MARGIN + 2 * HEX_RISE + ROW_HEIGHT * (max_r - r)
    return x, y


def hex_points(cx: int, cy: int) -> str:
    """The six corners of a pointy-top hexagon centred on (cx, cy), clockwise from the top."""
    w, h = HEX_HALF_WIDTH, HEX_RISE
    corners = ((cx, cy - 2 * h), (cx + w, cy - h), (cx + w, cy + h), (cx, cy + 2 * h), (cx - w, cy + h), (cx - w, cy - h))
    return " ".join(f"{x},{y}" for x, y in corners)


def map_size(layout: Mapping[str, tuple[int, int]]) -> tuple[int, int]:
    """Width and height of the whole layout in map units."""
    max_q = max(q for q, _ in layout.values())
    max_r = max(r for _, r in layout.values())
    return 2 * MARGIN + 2 * HEX_HALF_WIDTH * (max_q + 1) + HEX_HALF_WIDTH, 2 * MARGIN + 4 * HEX_RISE + ROW_HEIGHT * max_r


def _year(event: Event) -> int:
    return (event.published or event.when).year


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:]


# --- The current framework ------------------------------------------------------------------

CURRENT_LEGEND = (*(o.category for o in CURRENT_FRAMEWORK), Category.AWAITING_REPORT, Category.NOT_INSPECTED_2023)
"""The current map's key, in order."""


def current_key(area: LocalArea) -> tuple[Category, str, str]:
    """(legend key, accessible description, year or "") for an area's latest current-framework outcome."""
    status = area.status
    if status.outcome in CURRENT_FRAMEWORK and status.event is not None:
        return status.category, f"{status.outcome.label.lower()}, {_year(status.event)}", str(_year(status.event))
    if status.category is Category.AWAITING_REPORT and status.in_progress is not None:
        when = status.in_progress.when
        return status.category, f"inspected {when:%B %Y}, {status.category.short.lower()}", str(when.year)
    # A 2016-framework result (or none): not comparable, so the current map shows it as not inspected under it yet.
    return Category.NOT_INSPECTED_2023, Category.NOT_INSPECTED_2023.label.lower(), ""


def current_map(areas: Iterable[LocalArea], layout: Mapping[str, tuple[int, int]] | None = None, id: str = "map-current") -> HexMap:
    """The latest outcome of each current area under the current framework (LocalArea.status)."""
    entries = {area.slug: (area, *current_key(area)) for area in areas if not area.is_former}
    rows = tuple(MapRow(a.name, urls.area_url(a.slug), (key.legend, year or "–"))
                 for a, key, _, year in sorted(entries.values(), key=lambda e: (e[0].name.casefold(), e[0].slug)))
    shown = {slug: (key, f"{a.name}: {description}", key.pattern, False)
             for slug, (a, key, description, _) in entries.items()}
    return _build_map(
        id, "Latest outcome of each local area under the current framework",
        "Each hexagon is one local area, roughly where it is in England; every hexagon is the same size, whatever "
        "the area's size or population. Areas not yet inspected under the current framework, which began in 2023, "
        "are left plain: their 2016 to 2022 results used different judgements.",
        [e[0] for e in entries.values()], shown, tuple((c, c.legend, c.pattern) for c in CURRENT_LEGEND),
        ("Outcome under the current framework", "Year of the report"),
        rows, (), layout,
    )


# --- The first cycle: the 2016 to 2022 framework -------------------------------------------------

FIRST_CYCLE_LEGEND = (Category.NO_WSOA, *(o.category for o in outcomes_of("2016", "revisit")), Category.WSOA_REQUIRED,
                      Category.NOT_INSPECTED_2016)
"""The 2016 map's key in order: a revisit's result stands for the whole; a statement with none is "not revisited"."""


def first_cycle_entry(key: Category) -> tuple[Category, str, Pattern, bool]:
    """(key, words, pattern, ring) of a line of the 2016 map's key; a ring marks a revisit."""
    if key is Category.WSOA_REQUIRED:
        return key, f"Statement required; {_lower_first(Category.NOT_REVISITED.legend)}", key.pattern, False
    revisited = key.outcome is not None and key.outcome.kind == "revisit"
    return key, f"Statement required; {_lower_first(key.legend)}" if revisited else key.legend, key.pattern, revisited


@dataclass(frozen=True)
class FirstCycle:
    """An area's 2016-framework inspection and revisit, possibly its predecessor's."""

    inspection: Event | None
    revisit: Event | None
    via: LocalArea | None
    """The former area whose inspection this is, when the area was inspected only as part of it."""

    @property
    def key(self) -> Category:
        """The legend key: the revisit's outcome, else the inspection's, else NOT_INSPECTED_2016."""
        if self.revisit is not None and self.revisit.outcome is not None:
            return self.revisit.outcome.category
        if self.inspection is not None and self.inspection.outcome is not None:
            return self.inspection.outcome.category
        return Category.NOT_INSPECTED_2016


def _own_first_cycle(area: LocalArea) -> tuple[Event | None, Event | None]:
    inspections = [e for e in area.events if e.framework == "2016" and e.kind == "inspection" and e.outcome is not None]
    if not inspections:
        return None, None
    inspection = inspections[-1]
    revisit = next((e for e in area.events if e.framework == "2016" and e.kind == "revisit" and e.outcome is not None
                    and e.when >= inspection.when), None)
    return inspection, revisit


def first_cycle(area: LocalArea, by_slug: Mapping[str, LocalArea]) -> FirstCycle:
    """The area's own 2016-framework result, or else that of the first former area it was part of that has one."""
    inspection, revisit = _own_first_cycle(area)
    if inspection is not None:
        return FirstCycle(inspection, revisit, None)
    for slug in area.predecessors:
        former = by_slug.get(slug)
        if former is not None:
            inspection, revisit = _own_first_cycle(former)
            if inspection is not None:
                return FirstCycle(inspection, revisit, former)
    return FirstCycle(None, None, None)


def first_cycle_cells(cycle: FirstCycle) -> tuple[str, str]:
    """(inspection, revisit) in words for the table."""
    if cycle.inspection is None:
        return Category.NOT_INSPECTED_2016.label, "–"
    part = f"As part of {cycle.via.name}, " if cycle.via else ""
    inspection = f"{part}{_year(cycle.inspection)}: {_lower_first(cycle.inspection.outcome.label) if part else cycle.inspection.outcome.label}"
    if cycle.revisit is not None:
        revisit = f"{_year(cycle.revisit)}: {cycle.revisit.outcome.label}"
    elif cycle.inspection.outcome is Outcome.WSOA_REQUIRED:
        revisit = Category.NOT_REVISITED.label
    else:
        revisit = "–"
    return inspection, revisit


def first_cycle_label(area: LocalArea, cycle: FirstCycle) -> str:
    """Accessible name: "Devon: inspected 2019, written statement of action required; revisit 2022: ..."."""
    if cycle.inspection is None:
        return f"{area.name}: {Category.NOT_INSPECTED_2016.label.lower()}"
    part = f" as part of {cycle.via.name}" if cycle.via else ""
    text = f"{area.name}: inspected{part} {_year(cycle.inspection)}, {cycle.inspection.outcome.label.lower()}"
    if cycle.revisit is not None:
        text += f"; revisit {_year(cycle.revisit)}: {_lower_first(cycle.revisit.outcome.label)}"
    elif cycle.inspection.outcome is Outcome.WSOA_REQUIRED:
        text += f"; {Category.NOT_REVISITED.label.lower()}"
    return text


def first_cycle_map(areas: Iterable[LocalArea], by_slug: Mapping[str, LocalArea],
                    layout: Mapping[str, tuple[int, int]] | None = None, id: str = "map-2016") -> HexMap:
    """Each current area's result in the 2016 to 2022 inspections (its former area's where it had none of its own)."""
    current = [a for a in areas if not a.is_former]
    cycles = {a.slug: first_cycle(a, by_slug) for a in current}
    legend = [first_cycle_entry(key) for key in FIRST_CYCLE_LEGEND]
    drawn = {key: (pattern, ring) for key, _, pattern, ring in legend}
    shown = {a.slug: (cycles[a.slug].key, first_cycle_label(a, cycles[a.slug]), *drawn[cycles[a.slug].key])
             for a in current}
    rows = tuple(MapRow(a.name, urls.area_url(a.slug), first_cycle_cells(cycles[a.slug]))
                 for a in sorted(current, key=lambda a: (a.name.casefold(), a.slug)))
    via = sorted({(a.name, cycles[a.slug].via.name) for a in current if cycles[a.slug].via is not None})
    notes = ()
    if via:
        parts = [f"{name} ({former})" for name, former in via]
        listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
        notes = (f"Areas created since their inspection show the result of the former area they were part of: {listed}.",)
    return _build_map(
        id, "The 2016 to 2022 inspections: written statements of action and revisits",
        "Each hexagon is one of today's local areas. Where an inspection found significant weaknesses, the area had to "
        "write a written statement of action, and inspectors later revisited to check progress; a ring marks a revisit.",
        current, shown, tuple((k, label, pattern) for k, label, pattern, _ in legend),
        ("Inspection", "Revisit"), rows, notes, layout, rings={k: ring for k, _, _, ring in legend},
    )


# --- Shared ----------------------------------------------------------------------------------------

def _build_map(id: str, title: str, intro: str, areas: Sequence[LocalArea], shown: Mapping[str, tuple],
               legend: Sequence[tuple[Category, str, Pattern]], columns: tuple[str, ...], rows: tuple[MapRow, ...],
               notes: tuple[str, ...], layout: Mapping[str, tuple[int, int]] | None,
               rings: Mapping[Category, bool] | None = None) -> HexMap:
    """Place each area's hexagon; `shown` maps slug -> (key, label, pattern[, ring])."""
    layout = load_layout() if layout is None else layout
    max_r = max(r for _, r in layout.values())
    hexes, missing = [], []
    for area in areas:
        key, label, pattern, *ring = shown[area.slug]
        position = layout.get(area.gss_code)
        if position is None:
            missing.append(area.name)
            continue
        q, r = position
        cx, cy = hex_centre(q, r, max_r)
        hexes.append(MapHex(area.slug, area.name, urls.area_url(area.slug), label, key, pattern, bool(ring and ring[0]),
                            q, r, hex_points(cx, cy), cx, cy))
    hexes.sort(key=lambda h: (-h.r, h.q))
    counts = {key: sum(1 for a in areas if shown[a.slug][0] == key) for key, _, _ in legend}
    entries = tuple(LegendEntry(key, label, pattern, bool(rings and rings.get(key)), counts[key])
                    for key, label, pattern in legend if counts[key] or pattern in ALWAYS_IN_KEY)
    width, height = map_size(layout)
    return HexMap(id, title, intro, tuple(hexes), entries, columns, rows, notes, tuple(sorted(missing)), width, height)
