"""What each template is given: one context dataclass per page family, so what a template may use is written down."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterator

from site_builder.site.charts import Chart, TimelineStrip
from site_builder.domain.districts import DistrictGroup
from site_builder.domain.facts import NextStep, WsoaDeadline
from site_builder.domain.status import Status
from site_builder.domain.help_routes import NationalRoute
from site_builder.site.hexmap import HexMap
from site_builder.errors import BuildFailed, ContentError
from site_builder.content.markdown import MarkdownRenderError
from site_builder.domain.models import Event, GlossaryTerm, Guide, LocalArea, Notice, Plan


@dataclass(frozen=True)
class Crumb:
    """One breadcrumb link."""

    title: str
    url: str


@dataclass(frozen=True)
class Page:
    """What every page has: its title, address and where its content comes from."""

    title: str
    """The h1 and the <title>."""
    url: str
    """Site-relative address, e.g. /areas/bedford/."""
    description: str
    """One sentence for search engines and link previews."""
    kind: str = "page"
    """Page type for the search filter: area, guide or page."""
    crumbs: tuple[Crumb, ...] = ()
    """Breadcrumbs above the heading (home is implied)."""
    source_file: str | None = None
    """Content file, relative to content/, for "edit this page"."""
    updated: date | None = None
    """When the content was last reviewed or updated."""


@dataclass(frozen=True)
class AreaSummary:
    """An area in a list: its name, address and current status."""

    area: LocalArea
    status: Status


@dataclass(frozen=True)
class EventView:
    """A timeline entry with its Markdown rendered."""

    event: Event
    note_html: str | None
    summary_html: str | None
    framework_name: str


@dataclass(frozen=True)
class AreaPage:
    """Context for area.html."""

    page: Page
    area: LocalArea
    status: Status
    steps: tuple[NextStep, ...]
    step_guides: tuple[Crumb, ...]
    """Guides that explain what happens next, for this area's latest outcome."""
    help_guides: tuple[Crumb, ...]
    """Guides about getting help and complaining."""
    wsoa: WsoaDeadline | None
    timeline: tuple[EventView, ...]
    """Newest first."""
    plans: tuple[Plan, ...]
    upcoming: tuple[Notice, ...]
    past: tuple[Notice, ...]
    predecessors: tuple[AreaSummary, ...]
    successors: tuple[AreaSummary, ...]
    notes_html: str | None
    national_routes: tuple[NationalRoute, ...]
    json_ld: dict
    """schema.org description of the page and its dataset."""
    neighbours: tuple[AreaSummary, ...] = ()
    """Its statistical neighbours, in the Department for Education's order."""
    neighbour_sentence: str = ""
    """How many neighbours share its latest outcome, in plain words."""
    strip: TimelineStrip | None = None
    """Its events on a time axis, drawn above the inspection history."""
    no_revisit: Event | None = None
    """Its 2016 inspection that required a written statement of action and has no revisit found."""
    no_current: bool = False
    """True for a current area with no inspection under the current framework found."""
    glossary: frozenset[str] = frozenset()
    """The site's glossary ids: the first use of each term on the page links to its entry."""


@dataclass(frozen=True)
class ListPage:
    """Context for the lists: A-Z, a region, the home page."""

    page: Page
    areas: tuple[AreaSummary, ...]
    by_letter: tuple[tuple[str, tuple[AreaSummary, ...]], ...] = ()
    by_region: tuple[tuple[str, str, tuple[AreaSummary, ...]], ...] = ()
    """(region, region url, areas)."""
    former: tuple[AreaSummary, ...] = ()
    counts: tuple[tuple[str, str, int], ...] = ()
    """(category, label, number of areas) for the summary."""
    guides: tuple[Guide, ...] = ()
    recent: tuple[tuple[AreaSummary, Event], ...] = ()
    hexmap: HexMap | None = None
    """The home page's map of latest outcomes."""
    charts: tuple[Chart, ...] = ()
    """The home page's national summary charts."""


@dataclass(frozen=True)
class MapPage:
    """Context for map.html: both hex maps and the national charts."""

    page: Page
    maps: tuple[HexMap, ...]
    charts: tuple[Chart, ...]


@dataclass(frozen=True)
class GuidePage:
    """Context for guide.html."""

    page: Page
    guide: Guide
    body_html: str
    toc: tuple[dict, ...]


@dataclass(frozen=True)
class GuidesPage:
    """Context for guides.html."""

    page: Page
    guides: tuple[Guide, ...]


@dataclass(frozen=True)
class GlossaryPage:
    """Context for glossary.html."""

    page: Page
    terms: tuple[tuple[GlossaryTerm, str], ...]
    """(term, definition html)."""


@dataclass(frozen=True)
class WhichAreaPage:
    """Context for which_area.html: every district council and the area it belongs to."""

    page: Page
    counties: tuple[DistrictGroup, ...]
    """Areas with district councils today, by name."""
    former: tuple[DistrictGroup, ...]
    """Areas that took over former district councils, by name."""
    statuses: dict[str, Status]
    """Each area's status, by slug, for its outcome tag."""


@dataclass(frozen=True)
class SimplePage:
    """Context for pages with no data of their own (search, accessibility, 404, data)."""

    page: Page
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class RedirectPage:
    """Context for redirect.html: an old address that now leads to `target`."""

    page: Page
    target: str
    """Site-relative address of the page that replaced this one."""
    events: tuple[Event, ...] = ()
    """The area's events, newest first: without JavaScript the stub links to each (`target#id`), since a refresh drops the anchor."""


@dataclass(frozen=True)
class PageJob:
    """One page to render: template name, address and context."""

    template: str
    url: str
    context: Any


@contextmanager
def rendering_markdown_of(path: Path) -> Iterator[None]:
    """Turn Markdown the renderer refuses into a problem naming `path` (check refuses it first: a last defence)."""
    try:
        yield
    except MarkdownRenderError as error:
        raise BuildFailed([ContentError(path, None, "", f"this Markdown could not be turned into a page: {error.message}")]) from None
