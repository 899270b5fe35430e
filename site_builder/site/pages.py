"""Plan every page: which template, which address, and the data it shows.

`SitePlan` is pure: it turns the validated content into PageJobs, each when asked for. Each
template gets its own context dataclass, so what a template may use is written down.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from html import unescape
from datetime import date
from pathlib import Path
from typing import Any, Iterator

from site_builder.site import open_data as exports
from site_builder.site import addresses as urls
from site_builder.site.charts import Chart, TimelineStrip, summary_charts, timeline_strip
from site_builder.config import SiteConfig
from site_builder.domain.districts import DistrictGroup, county_groups, former_groups
from site_builder.domain.reconcile import check_years
from site_builder.domain.facts import NextStep, WsoaDeadline, next_steps, split_notices, unrevisited_wsoa, wsoa_deadline
from site_builder.domain.status import Status
from site_builder.domain.help_routes import NATIONAL_ROUTES, NationalRoute
from site_builder.site.hexmap import HexMap, current_map, first_cycle_map
from site_builder.errors import BuildFailed, ContentError
from site_builder.content.markdown import MarkdownRenderError, render_inline, render_markdown
from site_builder.domain.models import Content, Event, GlossaryTerm, Guide, LocalArea, Notice, Plan
from site_builder.domain.neighbours import comparison_sentence
from site_builder.domain.vocabulary import FRAMEWORK_NAMES, REGIONS, STATUS_CATEGORIES
from site_builder.domain.sources import DATA_SOURCES


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


def summaries(areas: tuple[LocalArea, ...]) -> dict[str, AreaSummary]:
    """Every area with its status, by slug."""
    return {a.slug: AreaSummary(a, a.status) for a in areas}


class SitePlan:
    """Every page of the site, each planned when first asked for.

    Each area's and each guide's own page is planned by `job`, so a big build plans those
    pages where it renders them (in its workers); the other pages (`before`, `between` and
    `after`, most of which list many areas) are planned together on first use, so that work
    can overlap the workers' too. `jobs()` gives every page in the stable order the sitemap uses.
    """

    def __init__(self, config: SiteConfig, content: Content):
        self.config, self.content = config, content
        self.by_slug: dict[str, AreaSummary] = summaries(content.areas)
        """Every area with its status, by slug, in content order."""
        self.guides: dict[str, Guide] = {g.slug: g for g in content.guides}
        self.glossary_ids = frozenset(t.id for t in content.glossary)

    def job(self, unit: AreaSummary | Guide) -> PageJob:
        """One area's page, or one guide's."""
        if isinstance(unit, Guide):
            return _guide_page(self.config, unit)
        with rendering_markdown_of(unit.area.source_path):
            return _area_page(self.config, unit, self.by_slug, self.guides, self.glossary_ids)

    @property
    def before(self) -> tuple[PageJob, ...]:
        """The pages listed before the area pages: home and A to Z."""
        return self._list_pages[0]

    @property
    def between(self) -> tuple[PageJob, ...]:
        """The pages listed between the area pages and the guide pages: redirects, regions, maps, the guides' index."""
        return self._list_pages[1]

    @property
    def after(self) -> tuple[PageJob, ...]:
        """The pages listed after the guide pages: glossary, search and the rest."""
        return self._list_pages[2]

    def jobs(self) -> list[PageJob]:
        """Every page, area and guide pages planned now."""
        return [*self.before, *map(self.job, self.by_slug.values()), *self.between, *map(self.job, self.content.guides),
                *self.after]

    def addresses(self) -> list[tuple[str, date | None]]:
        """Every page's address and last-updated date, in the order of jobs(), without planning area or guide pages."""
        areas = [(urls.area_url(slug), s.area.last_reviewed) for slug, s in self.by_slug.items()]
        guides = [(urls.guide_url(g.slug), g.updated) for g in self.content.guides]
        return ([(j.url, j.context.page.updated) for j in self.before] + areas
                + [(j.url, j.context.page.updated) for j in self.between]
                + guides + [(j.url, j.context.page.updated) for j in self.after])

    def listed_addresses(self) -> list[tuple[str, date | None]]:
        """addresses() without the pages the sitemap leaves out: the redirect stubs, which are `noindex`."""
        stubs = {j.url for j in self.between if isinstance(j.context, RedirectPage)}
        return [a for a in self.addresses() if a[0] not in stubs]

    @cached_property
    def _list_pages(self) -> tuple[tuple[PageJob, ...], tuple[PageJob, ...], tuple[PageJob, ...]]:
        config, content, by_slug = self.config, self.content, self.by_slug
        current = tuple(s for s in by_slug.values() if not s.area.is_former)
        former = tuple(s for s in by_slug.values() if s.area.is_former)
        charts = summary_charts(content.areas, content.totals)  # the home and map pages share these
        hexmap = current_map(content.areas)
        before = (_home(config, content, current, charts, hexmap), _areas_index(current, former))
        between = [_redirect(old, s.area) for s in by_slug.values() for old in s.area.redirect_from]
        between += [_region_page(region, current, former) for region in REGIONS]
        between.append(_which_area(content, by_slug))
        between.append(_map_page(content, charts, hexmap))
        between.append(_guides_index(content.guides))
        after = [_glossary(config, content.glossary, content.glossary_checked)]
        after.append(PageJob("search.html", urls.SEARCH, SimplePage(Page("Search", urls.SEARCH, "Search for a local area or a question about SEND inspections."))))
        after.append(PageJob("accessibility.html", urls.ACCESSIBILITY, SimplePage(Page(
            "Accessibility statement", urls.ACCESSIBILITY, "How accessible this website is and how to report a problem."))))
        after.append(PageJob("data.html", urls.DATA, SimplePage(Page(
            "About the data", urls.DATA, "Where the facts on this site come from, how current they are and their licences."),
            extra={"sources": DATA_SOURCES, "area_columns": exports.AREA_COLUMNS, "event_columns": exports.EVENT_COLUMNS,
                   "year_checks": check_years(content)})))
        after.append(PageJob("404.html", urls.NOT_FOUND, SimplePage(Page("Page not found", urls.NOT_FOUND, "There is no page at this address."))))
        return before, tuple(between), tuple(after)



def _home(config: SiteConfig, content: Content, current: tuple[AreaSummary, ...], charts: tuple[Chart, ...],
          hexmap: HexMap) -> PageJob:
    recent = sorted(((s, e) for s in current for e in s.area.events if e.published),
                    key=lambda pair: (pair[1].published, pair[0].area.name), reverse=True)[:6]
    page = Page(config.title, urls.HOME, config.description)
    return PageJob("index.html", urls.HOME, ListPage(page, current, by_region=_by_region(current), counts=_counts(current),
                                                     guides=content.guides[:6], recent=tuple(recent),
                                                     hexmap=hexmap,
                                                     charts=charts))


MAP_URL = "/map/"
"""The page with both maps and every national chart."""


def _map_page(content: Content, charts: tuple[Chart, ...], hexmap: HexMap) -> PageJob:
    page = Page("England at a glance: maps and charts", MAP_URL,
                "Maps and charts of every local area's SEND inspection outcomes in England, with the same figures as tables.")
    by_slug = {a.slug: a for a in content.areas}
    maps = (hexmap, first_cycle_map(content.areas, by_slug))
    return PageJob("map.html", MAP_URL, MapPage(page, maps, charts))


def _areas_index(current: tuple[AreaSummary, ...], former: tuple[AreaSummary, ...]) -> PageJob:
    letters: dict[str, list[AreaSummary]] = defaultdict(list)
    for s in current:
        letters[s.area.name[0].upper()].append(s)
    page = Page("All local areas", urls.AREAS, "Every local area in England, A to Z and by region, with its latest SEND inspection outcome.")
    return PageJob("areas.html", urls.AREAS, ListPage(page, current, by_letter=tuple((k, tuple(v)) for k, v in sorted(letters.items())),
                                                      by_region=_by_region(current), former=former, counts=_counts(current)))


def _by_region(current: tuple[AreaSummary, ...]) -> tuple:
    return tuple((r, urls.region_url(r), tuple(s for s in current if s.area.region == r)) for r in REGIONS)


def _counts(areas: tuple[AreaSummary, ...]) -> tuple[tuple[str, str, int], ...]:
    counter = Counter(s.status.category for s in areas)
    return tuple((c, c.label, counter[c]) for c in STATUS_CATEGORIES if counter[c])


def _region_page(region: str, current: tuple[AreaSummary, ...], former: tuple[AreaSummary, ...] = ()) -> PageJob:
    url = urls.region_url(region)
    members = tuple(s for s in current if s.area.region == region)
    page = Page(region, url, f"The {len(members)} local areas in {region} and their latest SEND inspection outcomes.",
                crumbs=(Crumb("All local areas", urls.AREAS),))
    return PageJob("region.html", url, ListPage(page, members, counts=_counts(members),
                                                former=tuple(s for s in former if s.area.region == region)))


def _which_area(content: Content, by_slug: dict[str, AreaSummary]) -> PageJob:
    page = Page("Which area am I in?", urls.WHICH_AREA,
                "Every district council in England and the local area for SEND it belongs to.",
                crumbs=(Crumb("All local areas", urls.AREAS),))
    statuses = {slug: s.status for slug, s in by_slug.items()}
    return PageJob("which_area.html", urls.WHICH_AREA,
                   WhichAreaPage(page, county_groups(content.areas), former_groups(content.areas), statuses))


NEXT_STEP_GUIDES = {
    "2023": ("outcomes", "monitoring-and-engagement"),
    "2016": ("written-statements-of-action", "outcomes"),
    None: ("what-inspections-are", "have-your-say"),
}
HELP_GUIDES = ("free-help", "complaints-and-appeals")


def _guide_links(slugs: tuple[str, ...], guides: dict[str, Guide]) -> tuple[Crumb, ...]:
    """Links to the guides named, skipping any the site does not have."""
    return tuple(Crumb(guides[s].title, urls.guide_url(s)) for s in slugs if s in guides)


def _area_page(config: SiteConfig, summary: AreaSummary, by_slug: dict[str, AreaSummary],
               guides: dict[str, Guide], glossary_ids: frozenset[str] = frozenset()) -> PageJob:
    area, base = summary.area, config.base_path
    url = urls.area_url(area.slug)
    timeline = tuple(
        EventView(e, render_inline(e.note, base) if e.note else None, render_inline(e.summary, base) if e.summary else None,
                  FRAMEWORK_NAMES[e.framework])
        for e in reversed(area.events))
    upcoming, past = split_notices(area.notices, config.today)
    neighbours = tuple(by_slug[s] for s in area.neighbours if s in by_slug)
    former = " (former area)" if area.is_former else ""
    page = Page(area.name + former, url,
                f"{area.name}: SEND inspection history, latest outcome, what happens next and where to get help.",
                kind="area", crumbs=(Crumb("All local areas", urls.AREAS), Crumb(area.region, urls.region_url(area.region))),
                source_file=f"areas/{area.slug}.yaml", updated=area.last_reviewed)
    context = AreaPage(
        page=page, area=area, status=summary.status, steps=tuple(next_steps(area, config.today)),
        step_guides=_guide_links(NEXT_STEP_GUIDES[summary.status.event.framework if summary.status.event else None], guides),
        help_guides=_guide_links(HELP_GUIDES, guides),
        wsoa=wsoa_deadline(area, config.today), timeline=timeline, plans=area.plans,
        upcoming=tuple(upcoming), past=tuple(past),
        predecessors=tuple(by_slug[s] for s in area.predecessors if s in by_slug),
        successors=tuple(by_slug[s] for s in area.replaced_by if s in by_slug),
        notes_html=render_markdown(area.notes, base)[0] if area.notes else None,
        national_routes=NATIONAL_ROUTES,
        json_ld=_area_json_ld(config, area, page),
        neighbours=neighbours,
        neighbour_sentence=comparison_sentence(area.name, summary.status, [n.status for n in neighbours]),
        strip=timeline_strip(area, config.today),
        no_revisit=unrevisited_wsoa(area),
        no_current=not area.is_former and not any(e.framework == "2023" for e in area.events),
        glossary=glossary_ids,
    )
    return PageJob("area.html", url, context)


def _area_json_ld(config: SiteConfig, area: LocalArea, page: Page) -> dict:
    """schema.org WebPage with the area's Dataset (its JSON and the sources behind it)."""
    address = exports.page_address(page.url, config)
    return {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": page.title,
        "url": address,
        "description": page.description,
        "inLanguage": "en-GB",
        "dateModified": area.last_reviewed.isoformat(),
        "about": {"@type": "AdministrativeArea", "name": area.name, "identifier": area.gss_code},
        "mainEntity": {
            "@type": "Dataset",
            "name": f"{area.name}: SEND inspection history",
            "description": f"Every area SEND inspection of {area.name} recorded on this site, with dates, outcomes and sources.",
            "url": address,
            "dateModified": area.last_reviewed.isoformat(),
            "isBasedOn": sorted({e.source for e in area.events}),
            "license": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            "distribution": [{"@type": "DataDownload", "encodingFormat": "application/json",
                              "contentUrl": exports.page_address(f"/areas/{area.slug}.json", config)}],
        },
    }


def _redirect(old_slug: str, area: LocalArea) -> PageJob:
    url, target = urls.area_url(old_slug), urls.area_url(area.slug)
    page = Page(f"{area.name} has moved", url, f"This page is now at {target}.")
    return PageJob("redirect.html", url, RedirectPage(page, target, tuple(reversed(area.events))))


def _guides_index(guides: tuple[Guide, ...]) -> PageJob:
    page = Page("Guides for parents and carers", urls.GUIDES, "Plain-English guides to SEND inspections, getting help and making a complaint.")
    return PageJob("guides.html", urls.GUIDES, GuidesPage(page, guides))


def _guide_page(config: SiteConfig, guide: Guide) -> PageJob:
    url = urls.guide_url(guide.slug)
    with rendering_markdown_of(guide.source_path):
        html, tokens = render_markdown(guide.body, config.base_path)
    # Toc names carry Markdown's HTML entities (&ldquo;); unescape so the template escapes once.
    toc = [{"level": t["level"], "id": t["id"], "name": unescape(t["name"])} for t in _flatten(tokens)]
    page = Page(guide.title, url, guide.summary, kind="guide", crumbs=(Crumb("Guides", urls.GUIDES),),
                source_file=f"guides/{guide.slug}.md", updated=guide.updated)
    return PageJob("guide.html", url, GuidePage(page, guide, html, tuple(toc)))


def _flatten(tokens: list[dict]) -> list[dict]:
    """Table-of-contents tokens in document order, children after their parent."""
    out = []
    for token in tokens:
        out.append(token)
        out += _flatten(token.get("children", []))
    return out


def _glossary(config: SiteConfig, terms: tuple[GlossaryTerm, ...], checked: date | None = None) -> PageJob:
    page = Page("Glossary", urls.GLOSSARY, "Plain-English meanings of the words and abbreviations used about SEND inspections.",
                kind="glossary", source_file="glossary.yaml", updated=checked)
    rendered = tuple((t, render_markdown(t.definition, config.base_path)[0]) for t in terms)
    return PageJob("glossary.html", urls.GLOSSARY, GlossaryPage(page, rendered))
