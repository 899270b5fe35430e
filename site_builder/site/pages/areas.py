"""Each area's own page, and the stubs that keep a renamed area's old addresses working."""

from __future__ import annotations


from site_builder.site import open_data as exports
from site_builder.site import addresses as urls
from site_builder.site.charts import timeline_strip
from site_builder.config import SiteConfig
from site_builder.domain.facts import next_steps, split_notices, unrevisited_wsoa, wsoa_deadline
from site_builder.domain.help_routes import NATIONAL_ROUTES
from site_builder.content.markdown import render_inline, render_markdown
from site_builder.domain.models import Guide, LocalArea
from site_builder.domain.neighbours import comparison_sentence
from site_builder.domain.vocabulary import FRAMEWORK_NAMES
from site_builder.site.pages.context import (
    Crumb, Page, AreaSummary, EventView, AreaPage, RedirectPage, PageJob,
)


def summaries(areas: tuple[LocalArea, ...]) -> dict[str, AreaSummary]:
    """Every area with its status, by slug."""
    return {a.slug: AreaSummary(a, a.status) for a in areas}


NEXT_STEP_GUIDES = {
    "2023": ("outcomes", "monitoring-and-engagement"),
    "2016": ("written-statements-of-action", "outcomes"),
    None: ("what-inspections-are", "have-your-say"),
}
HELP_GUIDES = ("free-help", "complaints-and-appeals")


def guide_links(slugs: tuple[str, ...], guides: dict[str, Guide]) -> tuple[Crumb, ...]:
    """Links to the guides named, skipping any the site does not have."""
    return tuple(Crumb(guides[s].title, urls.guide_url(s)) for s in slugs if s in guides)


def area_page(config: SiteConfig, summary: AreaSummary, by_slug: dict[str, AreaSummary],
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
        step_guides=guide_links(NEXT_STEP_GUIDES[summary.status.event.framework if summary.status.event else None], guides),
        help_guides=guide_links(HELP_GUIDES, guides),
        wsoa=wsoa_deadline(area, config.today), timeline=timeline, plans=area.plans,
        upcoming=tuple(upcoming), past=tuple(past),
        predecessors=tuple(by_slug[s] for s in area.predecessors if s in by_slug),
        successors=tuple(by_slug[s] for s in area.replaced_by if s in by_slug),
        notes_html=render_markdown(area.notes, base)[0] if area.notes else None,
        national_routes=NATIONAL_ROUTES,
        json_ld=area_json_ld(config, area, page),
        neighbours=neighbours,
        neighbour_sentence=comparison_sentence(area.name, summary.status, [n.status for n in neighbours]),
        strip=timeline_strip(area, config.today),
        no_revisit=unrevisited_wsoa(area),
        no_current=not area.is_former and not any(e.framework == "2023" for e in area.events),
        glossary=glossary_ids,
    )
    return PageJob("area.html", url, context)


def area_json_ld(config: SiteConfig, area: LocalArea, page: Page) -> dict:
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


def redirect_page(old_slug: str, area: LocalArea) -> PageJob:
    url, target = urls.area_url(old_slug), urls.area_url(area.slug)
    page = Page(f"{area.name} has moved", url, f"This page is now at {target}.")
    return PageJob("redirect.html", url, RedirectPage(page, target, tuple(reversed(area.events))))
