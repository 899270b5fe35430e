"""Plan every page: which template, which address, and the data it shows.

One module per page family (areas.py, lists.py, guides.py), their contexts in context.py; SitePlan puts them
in the order the sitemap uses.

`SitePlan` is pure: it turns the validated content into PageJobs, each when asked for. Each
template gets its own context dataclass, so what a template may use is written down.
"""

from __future__ import annotations

from functools import cached_property
from datetime import date

from site_builder.site import open_data as exports
from site_builder.site import addresses as urls
from site_builder.site.charts import summary_charts
from site_builder.config import SiteConfig
from site_builder.domain.reconcile import check_years
from site_builder.site.hexmap import current_map
from site_builder.domain.models import Content, Guide
from site_builder.domain.vocabulary import REGIONS
from site_builder.domain.sources import DATA_SOURCES
from site_builder.site.pages.context import (
    Crumb, Page, AreaSummary, EventView, AreaPage, ListPage, MapPage, GuidePage, GuidesPage, GlossaryPage,
    WhichAreaPage, SimplePage, RedirectPage, PageJob, rendering_markdown_of,
)
from site_builder.site.pages.areas import area_page, redirect_page, summaries
from site_builder.site.pages.guides import glossary_page, guide_page, guides_index
from site_builder.site.pages.lists import areas_index, home_page, map_page, region_page, which_area_page

__all__ = [
    "Crumb", "Page", "AreaSummary", "EventView", "AreaPage", "ListPage", "MapPage", "GuidePage", "GuidesPage",
    "GlossaryPage", "WhichAreaPage", "SimplePage", "RedirectPage", "PageJob", "rendering_markdown_of",
    "SitePlan", "summaries",
]


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
            return guide_page(self.config, unit)
        with rendering_markdown_of(unit.area.source_path):
            return area_page(self.config, unit, self.by_slug, self.guides, self.glossary_ids)

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
        before = (home_page(config, content, current, charts, hexmap), areas_index(current, former))
        between = [redirect_page(old, s.area) for s in by_slug.values() for old in s.area.redirect_from]
        between += [region_page(region, current, former) for region in REGIONS]
        between.append(which_area_page(content, by_slug))
        between.append(map_page(content, charts, hexmap))
        between.append(guides_index(content.guides))
        after = [glossary_page(config, content.glossary, content.glossary_checked)]
        after.append(PageJob("search.html", urls.SEARCH, SimplePage(Page("Search", urls.SEARCH, "Search for a local area or a question about SEND inspections."))))
        after.append(PageJob("accessibility.html", urls.ACCESSIBILITY, SimplePage(Page(
            "Accessibility statement", urls.ACCESSIBILITY, "How accessible this website is and how to report a problem."))))
        after.append(PageJob("data.html", urls.DATA, SimplePage(Page(
            "About the data", urls.DATA, "Where the facts on this site come from, how current they are and their licences."),
            extra={"sources": DATA_SOURCES, "area_columns": exports.AREA_COLUMNS, "event_columns": exports.EVENT_COLUMNS,
                   "year_checks": check_years(content)})))
        after.append(PageJob("404.html", urls.NOT_FOUND, SimplePage(Page("Page not found", urls.NOT_FOUND, "There is no page at this address."))))
        return before, tuple(between), tuple(after)
