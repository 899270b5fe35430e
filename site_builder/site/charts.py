"""National summary charts and the per-area timeline strip, as data for SVG built at build time.

Every figure is counted from the content; the only numbers written here are Ofsted's published
totals, used to say (and test) where our counts match them. Functions are pure and return plain
data with coordinates already worked out; the templates draw it, escaped, with a table beside it.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from itertools import product
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Mapping, Sequence

from site_builder.domain.english import possessive
from site_builder.site.hexmap import CURRENT_LEGEND, current_key
from site_builder.domain.models import Event, LocalArea, OfficialTotal
from site_builder.domain.dates import in_words
from site_builder.domain.reconcile import check_years_of, count_by_year
from site_builder.domain.vocabulary import REGIONS, Category, Outcome, Pattern, Tone, outcomes_of

CHART_WIDTH = 400
"""Width of every chart in SVG units; charts scale to the page but keep their proportions."""
ROW_LABEL = 18
"""Space above each bar for its label."""
BAR_HEIGHT = 24
ROW_GAP = 14
BELOW = 16
"""Extra space under a bar whose narrow segments carry their number below it."""
DIGIT_WIDTH = 8
"""Estimated width of one digit at the charts' font size, to decide whether a number fits in a segment."""

OFFICIAL_2016 = {
    "title": "Area SEND inspections and outcomes in England as at 31 August 2022",
    "url": "https://www.gov.uk/government/statistics/area-send-inspections-and-outcomes-in-england-as-at-31-august-2022",
    "counts": {Outcome.WSOA_REQUIRED: 82, Outcome.NO_WSOA: 67, Outcome.SUFFICIENT_PROGRESS: 20,
               Outcome.SOME_PROGRESS: 24, Outcome.INSUFFICIENT_PROGRESS: 2, Category.NOT_REVISITED: 36},
    "left_out": ("dorset-county", "northamptonshire"),
    "as_at": date(2022, 8, 31),
}
"""Ofsted's official 2016-framework totals; its notes leave out Dorset and Northamptonshire, which no longer exist."""


@dataclass(frozen=True)
class Series:
    """One kind of segment: its category, words and pattern."""

    key: Category
    label: str
    pattern: Pattern

    @classmethod
    def of(cls, category: Category) -> Series:
        """A category's segments, in the words of its key (Category.legend)."""
        return cls(category, category.legend, category.pattern)


@dataclass(frozen=True)
class Segment:
    """Part of a bar: one series' count, placed."""

    series: Series
    value: int
    x: float
    width: float
    label_x: float
    label_inside: bool
    """False when the segment is too narrow for its number, which then sits under the bar."""


@dataclass(frozen=True)
class Bar:
    """One row of a chart: its label, total and segments."""

    label: str
    total: int
    label_y: float
    y: float
    segments: tuple[Segment, ...]
    below: bool
    """True when some numbers sit under the bar."""


@dataclass(frozen=True)
class Chart:
    """A stacked bar chart with its caption, notes and the same numbers as a table."""

    id: str
    title: str
    notes: tuple[str, ...]
    series: tuple[Series, ...]
    """Only the series that appear in the chart, in legend order."""
    bars: tuple[Bar, ...]
    width: int
    height: int
    summary: str
    """Short accessible description of the picture; the table carries the numbers."""
    row_heading: str
    """Heading of the table's first column."""
    table: tuple[tuple[str, tuple[int, ...], int], ...]
    """(row label, count per series, total)."""


def _layout(rows: Sequence[tuple[str, Sequence[tuple[Series, int]]]]) -> tuple[tuple[Bar, ...], int]:
    """Place each row's segments: one scale for every bar, so lengths compare."""
    longest = max((sum(v for _, v in parts) for _, parts in rows), default=0) or 1
    scale = (CHART_WIDTH - 2) / longest
    bars, top = [], 0.0
    for label, parts in rows:
        x, segments = 1.0, []
        for series, value in parts:
            if value <= 0:
                continue
            width = value * scale
            inside = width >= DIGIT_WIDTH * len(str(value)) + 3
            segments.append(Segment(series, value, round(x, 1), round(width, 1), round(x + width / 2, 1), inside))
            x += width
        below = any(not s.label_inside for s in segments)
        total = sum(v for _, v in parts)
        bars.append(Bar(label, total, round(top + 13, 1), round(top + ROW_LABEL, 1), tuple(segments), below))
        top += ROW_LABEL + BAR_HEIGHT + (BELOW if below else 0) + ROW_GAP
    return tuple(bars), int(top - ROW_GAP + 2)


def _chart(id: str, title: str, notes: Sequence[str], series: Sequence[Series], row_heading: str,
           rows: Sequence[tuple[str, Mapping[str, int]]], summary: str) -> Chart:
    used = tuple(s for s in series if any(counts.get(s.key, 0) for _, counts in rows))
    bars, height = _layout([(label, [(s, counts.get(s.key, 0)) for s in used]) for label, counts in rows])
    table = tuple((label.split(":")[0], tuple(counts.get(s.key, 0) for s in used), sum(counts.get(s.key, 0) for s in used))
                  for label, counts in rows)
    return Chart(id, title, tuple(notes), used, bars, CHART_WIDTH, height, summary, row_heading, table)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _and(items: Sequence[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


# --- Outcomes by year, current framework -------------------------------------------------------

CURRENT_SERIES = tuple(Series.of(category) for category in CURRENT_LEGEND)
FULL_INSPECTION_SERIES = tuple(Series.of(category) for category in
                               (*(o.category for o in outcomes_of("2023", "inspection")), Category.AWAITING_REPORT))
"""A full inspection's outcomes (no monitoring findings), for the chart by year."""


def current_inspections(areas: Iterable[LocalArea]) -> list[tuple[LocalArea, Event]]:
    """Every full inspection under the current framework, current and former areas alike."""
    return [(a, e) for a in areas for e in a.events if e.framework == "2023" and e.kind == "inspection"]


def current_by_start_year(areas: Iterable[LocalArea]) -> dict[int, Counter]:
    """Year the inspection started -> Counter of category (AWAITING_REPORT while unpublished)."""
    return count_by_year(areas)


def outcomes_by_year(areas: Sequence[LocalArea], totals: Sequence[OfficialTotal] = (), id: str = "chart-years") -> Chart | None:
    """Full inspections under the current framework by the year they started, by outcome."""
    inspections = current_inspections(areas)
    if not inspections:
        return None
    years = current_by_start_year(areas)
    rows = [(f"{year}: {_plural(sum(c.values()), 'inspection')}", c) for year, c in years.items()]
    notes = ["Counted by the year each inspection started. Every full inspection counts, so an area inspected "
             "twice under this framework counts twice."]
    for check in check_years_of(areas, totals):
        official = check.official
        if check.matches:
            notes.append(f"The {official.year} figures are the same as Ofsted's official statistics, published "
                         f"{in_words(official.published)}.")
        else:
            notes.append(f"Ofsted's official statistics count {official.inspections} inspections in {official.year}. "
                         + (official.difference or "This site's count differs; see About the data."))
    undated = sorted((a.name, e) for a, e in inspections if e.start is None)
    if undated:
        notes.append("Left out, because no source we found gives when inspectors visited: "
                     + "; ".join(f"{name} (report published {in_words(e.published)})" for name, e in undated) + ".")
    latest = max(e.start for _, e in inspections if e.start is not None)
    notes.append(f"{latest.year} is not complete here: the latest inspection this site records started on {in_words(latest)}.")
    first, last = min(years), max(years)
    return _chart(id, "Outcomes of full inspections under the current framework, by year", notes, FULL_INSPECTION_SERIES,
                  "Year the inspection started", rows,
                  f"Bar chart: {len(inspections)} full inspections from {first} to {last}, by year and outcome. "
                  "The numbers are in the table that follows.")


# --- The first cycle, 2016 to 2022 -----------------------------------------------------------------

FIRST_CYCLE_INSPECTIONS = (Category.NO_WSOA, Category.WSOA_REQUIRED)
"""The first bar: every 2016 inspection, by whether it required a statement."""
FIRST_CYCLE_REVISITS = (*(o.category for o in outcomes_of("2016", "revisit")), Category.NOT_REVISITED)
"""The second bar: the inspections that required a statement, by what their revisit found."""
FIRST_CYCLE_SERIES = tuple(Series.of(category) for category in (*FIRST_CYCLE_INSPECTIONS, *FIRST_CYCLE_REVISITS))


def first_cycle_counts(areas: Iterable[LocalArea], as_at: date | None = None) -> Counter:
    """Each 2016-framework inspection's outcome, and for those that required a statement, the revisit's result.

    With `as_at`, revisits after that day count as not revisited (as in Ofsted's statistics of that date).
    """
    counts: Counter = Counter()
    for area in areas:
        events = [e for e in area.events if e.framework == "2016" and e.outcome is not None
                  and not (as_at and e.kind == "revisit" and e.when > as_at)]
        for i, event in enumerate(events):
            if event.kind != "inspection":
                continue
            counts[event.outcome.category] += 1
            if event.outcome is Outcome.WSOA_REQUIRED:
                revisit = next((e for e in events[i + 1:] if e.kind == "revisit"), None)
                counts[revisit.outcome.category if revisit else Category.NOT_REVISITED] += 1
    return counts


def first_cycle_chart(areas: Sequence[LocalArea], id: str = "chart-2016") -> Chart | None:
    """Written statements of action required or not, and what revisits found, 2016 to 2022."""
    counts = first_cycle_counts(areas)
    inspected = sum(counts[k] for k in FIRST_CYCLE_INSPECTIONS)
    if not inspected:
        return None
    wsoa = counts[Category.WSOA_REQUIRED]
    rows = [
        (f"Inspections: {inspected}", {k: counts[k] for k in FIRST_CYCLE_INSPECTIONS}),
        (f"Statements required, by revisit result: {wsoa}", {k: counts[k] for k in FIRST_CYCLE_REVISITS}),
    ]
    former = sorted(a.name for a in areas if a.is_former and any(e.framework == "2016" and e.kind == "inspection" for e in a.events))
    notes = ["Every inspection under the 2016 framework (May 2016 to August 2022) that this site records."]
    if former:
        notes.append(f"This includes areas that no longer exist: {_and(former)}.")
    left_out = [a for a in areas if a.slug in OFFICIAL_2016["left_out"]]
    official = OFFICIAL_2016["counts"]
    as_at = OFFICIAL_2016["as_at"]
    later = sum(1 for a in areas for e in a.events if e.framework == "2016" and e.kind == "revisit" and e.when > as_at)
    if later:
        notes.append(f"It includes {_plural(later, 'revisit')} after 31 August 2022, the date of Ofsted's official "
                     "statistics: revisits went on until December 2022, and their letters into 2023.")
    if left_out and first_cycle_counts([a for a in areas if a.slug not in OFFICIAL_2016["left_out"]], as_at) == Counter(
            {(k.category if isinstance(k, Outcome) else k): v for k, v in official.items()}):
        names = _and(sorted(a.name for a in left_out))
        notes.append(f"Ofsted's official statistics, “{OFFICIAL_2016['title']}”, count "
                     f"{official[Outcome.WSOA_REQUIRED]} inspections that required a statement and {official[Outcome.NO_WSOA]} "
                     f"that did not: they leave out {names}, which no longer existed by then. Without those two"
                     + (", and counting revisits only to 31 August 2022" if later else "")
                     + ", this site's figures are the same as Ofsted's.")
    return _chart(id, "The 2016 to 2022 inspections: statements of action and revisits", notes, FIRST_CYCLE_SERIES,
                  "Inspections", rows,
                  f"Bar chart: of {inspected} inspections, {wsoa} required a written statement of action; "
                  "the second bar splits those by what the revisit found. The numbers are in the table that follows.")


# --- By region ---------------------------------------------------------------------------------------

def by_region_chart(areas: Sequence[LocalArea], id: str = "chart-regions") -> Chart | None:
    """Today's areas in each region by their latest outcome under the current framework."""
    current = [a for a in areas if not a.is_former]
    if not current:
        return None
    rows = []
    for region in REGIONS:
        members = [a for a in current if a.region == region]
        if members:
            rows.append((f"{region}: {_plural(len(members), 'area')}", Counter(current_key(a)[0] for a in members)))
    notes = [f"Each of today's {len(current)} local areas once, by its latest outcome under the current framework. "
             "Areas not inspected under it yet may have results from 2016 to 2022: see the map of those inspections."]
    return _chart(id, "Latest outcomes under the current framework, by region", notes, CURRENT_SERIES, "Region", rows,
                  f"Bar chart: the {len(current)} local areas in each of England's regions, by latest outcome under "
                  "the current framework. The numbers are in the table that follows.")


def summary_charts(areas: Sequence[LocalArea], totals: Sequence[OfficialTotal] = ()) -> tuple[Chart, ...]:
    """The national charts that have something to show, in page order."""
    return tuple(c for c in (outcomes_by_year(areas, totals), first_cycle_chart(areas), by_region_chart(areas)) if c is not None)


# --- The timeline strip on an area page -----------------------------------------------------------

STRIP_WIDTH = 400
STRIP_MARGIN = 8
LANE_HEIGHT = 30
STRIP_BOLD_CHAR = 7.4
STRIP_CHAR = 6.7
"""Estimated widths of a character of the strip's bold titles and plain outcomes, to keep labels apart."""


@dataclass(frozen=True)
class StripMark:
    """One event on the strip: its mark on the axis and its two-line label."""

    event_id: str
    x: float
    tone: Tone
    """The mark's shape and colour."""
    title: str
    outcome: str
    label_x: float
    label_y: float
    anchor: str
    """SVG text-anchor: start, or end near the right edge."""


@dataclass(frozen=True)
class StripTick:
    """A year on the axis: a tick at 1 January and, when there is room, the year's number under it."""

    x: float
    year: int
    label_x: float
    """The middle of the year, where its number goes."""
    labelled: bool


@dataclass(frozen=True)
class TimelineStrip:
    """An area's events on a time axis, oldest on the left."""

    width: int
    height: int
    axis_y: float
    x0: float
    x1: float
    ticks: tuple[StripTick, ...]
    marks: tuple[StripMark, ...]
    summary: str
    """Accessible name: every event in words, oldest first."""


def label_width(title: str, outcome: str) -> float:
    """Estimated width of a two-line strip label, in SVG units."""
    return max(STRIP_BOLD_CHAR * len(title), STRIP_CHAR * len(outcome))


def _strip_texts(event: Event) -> tuple[str, str, Tone]:
    """(title, outcome in short, tone) of an event's label: the strip's list below gives the outcome in full."""
    title = f"{event.title}, {event.start:%b %Y}" if event.start is not None else f"{event.title}, report {event.published:%b %Y}"
    if event.outcome is not None:
        return title, event.outcome.short, event.outcome.tone
    return title, (Category.AWAITING_REPORT.short if not event.is_published else ""), Tone.NEUTRAL


def _lane_is_clear(spans: Sequence[tuple[int, float, float, float]], lane: int, left: float, right: float, x: float,
                   leaders: bool) -> bool:
    """Whether a label from `left` to `right` overlaps none in `lane` (and, with `leaders`, crosses no leader line)."""
    return not any((l == lane and not (right + 6 <= a or left >= b + 6))
                   or (leaders and l < lane and a - 3 <= x <= b + 3)
                   or (leaders and l > lane and left - 3 <= m <= right + 3) for l, a, b, m in spans)


def _place_labels(xs: Sequence[float], widths: Sequence[float], x0: float, x1: float) -> tuple[list[int], list[str]]:
    """A lane and text-anchor for each mark's label: fewest leader lines crossing labels, then fewest lanes."""
    options = []
    for i, (x, width) in enumerate(zip(xs, widths)):
        fits = [a for a, left in (("start", x - 4), ("end", x + 4 - width)) if left >= x0 - 4 and left + width <= x1 + 4]
        options.append(fits or ["start" if x - x0 < x1 - x else "end"])
    best: tuple[tuple[int, int], list[int], list[str]] | None = None
    combos = product(*options) if len(xs) <= 8 else [tuple(o[0] for o in options)]
    for combo in combos:
        spans: list[tuple[int, float, float, float]] = []
        crossings = 0
        for x, width, anchor in zip(xs, widths, combo):
            left = x - 4 if anchor == "start" else x + 4 - width
            right = left + width
            lane = next((n for n in range(len(spans) + 1) if _lane_is_clear(spans, n, left, right, x, True)), None)
            if lane is None:
                crossings += 1
                lane = next(n for n in range(len(spans) + 1) if _lane_is_clear(spans, n, left, right, x, False))
            spans.append((lane, left, right, x))
        cost = (crossings, max(lane for lane, *_ in spans) + 1)
        if best is None or cost < best[0]:
            best = (cost, [lane for lane, *_ in spans], list(combo))
            if cost == (0, 1):  # nothing can beat one lane with no crossings: stop looking
                break
    assert best is not None
    return best[1], best[2]


@lru_cache(maxsize=64)
def _strip_ticks(first_year: int, last_year: int, x0: float, x1: float) -> tuple[StripTick, ...]:
    """The axis's years (the same for most areas, so worked out once)."""
    origin = date(first_year, 1, 1).toordinal()
    span = date(last_year + 1, 1, 1).toordinal() - origin

    def at(day: date) -> float:
        return round(x0 + (x1 - x0) * (day.toordinal() - origin) / span, 1)

    step = 1 if last_year - first_year <= 11 else 2
    return tuple(StripTick(at(date(y, 1, 1)), y, at(date(y, 7, 2)), y <= last_year and (y - first_year) % step == 0)
                 for y in range(first_year, last_year + 2))


def timeline_strip(area: LocalArea, today: date) -> TimelineStrip | None:
    """The area's events on a time axis from 2016 (or its first event) to the end of this year."""
    events = sorted(area.events, key=lambda e: e.when)  # an event whose start is not known is placed at its report
    if not events:
        return None
    first_year = min(2016, events[0].when.year)
    last_year = max(today.year, events[-1].when.year)
    x0, x1 = float(STRIP_MARGIN), float(STRIP_WIDTH - STRIP_MARGIN)
    origin = date(first_year, 1, 1).toordinal()
    span = date(last_year + 1, 1, 1).toordinal() - origin

    def at(day: date) -> float:
        return round(x0 + (x1 - x0) * (day.toordinal() - origin) / span, 1)

    texts = [(event, *_strip_texts(event), at(event.when)) for event in events]
    widths = [label_width(title, outcome) for _, title, outcome, _, _ in texts]
    marks_x = [x for *_, x in texts]
    lanes_of, anchors = _place_labels(marks_x, widths, x0, x1)
    placed = [(lane, x, event, title, outcome, tone, anchor)
              for lane, anchor, (event, title, outcome, tone, x) in zip(lanes_of, anchors, texts)]
    lanes = range(max(lane for lane, *_ in placed) + 1)
    axis_y = float(6 + LANE_HEIGHT * len(lanes) + 10)
    marks = tuple(StripMark(event.id, x, tone, title, outcome, x - 4 if anchor == "start" else x + 4,
                            axis_y - 16 - LANE_HEIGHT * lane, anchor)
                  for lane, x, event, title, outcome, tone, anchor in placed)
    ticks = _strip_ticks(first_year, last_year, x0, x1)
    described = "; ".join(
        f"{e.title.lower()}, " + (f"{e.start:%B %Y}" if e.start else f"report published {e.published:%B %Y}")
        + (f", {e.outcome.label.lower()}" if e.outcome else
           f", {Category.AWAITING_REPORT.short.lower()}" if not e.is_published else "")
        for e in events)
    summary = f"Timeline of {possessive(area.name)} {_plural(len(events), 'event')}, oldest first: {described}. Each is described in the list below."
    return TimelineStrip(STRIP_WIDTH, int(axis_y + 24), axis_y, x0, x1, ticks, marks, summary)

