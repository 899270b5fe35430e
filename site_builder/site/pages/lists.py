"""The pages that list many areas: home, the A to Z, the regions, "Which area am I in?" and the map."""

from __future__ import annotations

from collections import Counter, defaultdict

from site_builder.site import addresses as urls
from site_builder.site.charts import Chart
from site_builder.config import SiteConfig
from site_builder.domain.districts import county_groups, former_groups
from site_builder.site.hexmap import HexMap, first_cycle_map
from site_builder.domain.models import Content
from site_builder.domain.vocabulary import REGIONS, STATUS_CATEGORIES
from site_builder.site.pages.context import (
    Crumb, Page, AreaSummary, ListPage, MapPage, WhichAreaPage, PageJob,
)


def home_page(config: SiteConfig, content: Content, current: tuple[AreaSummary, ...], charts: tuple[Chart, ...],
          hexmap: HexMap) -> PageJob:
    recent = sorted(((s, e) for s in current for e in s.area.events if e.published),
                    key=lambda pair: (pair[1].published, pair[0].area.name), reverse=True)[:6]
    page = Page(config.title, urls.HOME, config.description)
    return PageJob("index.html", urls.HOME, ListPage(page, current, by_region=by_region(current), counts=counts(current),
                                                     guides=content.guides[:6], recent=tuple(recent),
                                                     hexmap=hexmap,
                                                     charts=charts))


MAP_URL = "/map/"
"""The page with both maps and every national chart."""


def map_page(content: Content, charts: tuple[Chart, ...], hexmap: HexMap) -> PageJob:
    page = Page("England at a glance: maps and charts", MAP_URL,
                "Maps and charts of every local area's SEND inspection outcomes in England, with the same figures as tables.")
    by_slug = {a.slug: a for a in content.areas}
    maps = (hexmap, first_cycle_map(content.areas, by_slug))
    return PageJob("map.html", MAP_URL, MapPage(page, maps, charts))


def areas_index(current: tuple[AreaSummary, ...], former: tuple[AreaSummary, ...]) -> PageJob:
    letters: dict[str, list[AreaSummary]] = defaultdict(list)
    for s in current:
        letters[s.area.name[0].upper()].append(s)
    page = Page("All local areas", urls.AREAS, "Every local area in England, A to Z and by region, with its latest SEND inspection outcome.")
    return PageJob("areas.html", urls.AREAS, ListPage(page, current, by_letter=tuple((k, tuple(v)) for k, v in sorted(letters.items())),
                                                      by_region=by_region(current), former=former, counts=counts(current)))


def by_region(current: tuple[AreaSummary, ...]) -> tuple:
    return tuple((r, urls.region_url(r), tuple(s for s in current if s.area.region == r)) for r in REGIONS)


def counts(areas: tuple[AreaSummary, ...]) -> tuple[tuple[str, str, int], ...]:
    counter = Counter(s.status.category for s in areas)
    return tuple((c, c.label, counter[c]) for c in STATUS_CATEGORIES if counter[c])


def region_page(region: str, current: tuple[AreaSummary, ...], former: tuple[AreaSummary, ...] = ()) -> PageJob:
    url = urls.region_url(region)
    members = tuple(s for s in current if s.area.region == region)
    page = Page(region, url, f"The {len(members)} local areas in {region} and their latest SEND inspection outcomes.",
                crumbs=(Crumb("All local areas", urls.AREAS),))
    return PageJob("region.html", url, ListPage(page, members, counts=counts(members),
                                                former=tuple(s for s in former if s.area.region == region)))


def which_area_page(content: Content, by_slug: dict[str, AreaSummary]) -> PageJob:
    page = Page("Which area am I in?", urls.WHICH_AREA,
                "Every district council in England and the local area for SEND it belongs to.",
                crumbs=(Crumb("All local areas", urls.AREAS),))
    statuses = {slug: s.status for slug, s in by_slug.items()}
    return PageJob("which_area.html", urls.WHICH_AREA,
                   WhichAreaPage(page, county_groups(content.areas), former_groups(content.areas), statuses))
