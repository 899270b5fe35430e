"""The guides, their index and the glossary."""

from __future__ import annotations

from html import unescape
from datetime import date

from site_builder.site import addresses as urls
from site_builder.config import SiteConfig
from site_builder.content.markdown import render_markdown
from site_builder.domain.models import GlossaryTerm, Guide
from site_builder.site.pages.context import (
    Crumb, Page, GuidePage, GuidesPage, GlossaryPage, PageJob, rendering_markdown_of,
)


def guides_index(guides: tuple[Guide, ...]) -> PageJob:
    page = Page("Guides for parents and carers", urls.GUIDES, "Plain-English guides to SEND inspections, getting help and making a complaint.")
    return PageJob("guides.html", urls.GUIDES, GuidesPage(page, guides))


def guide_page(config: SiteConfig, guide: Guide) -> PageJob:
    url = urls.guide_url(guide.slug)
    with rendering_markdown_of(guide.source_path):
        html, tokens = render_markdown(guide.body, config.base_path)
    # Toc names carry Markdown's HTML entities (&ldquo;); unescape so the template escapes once.
    toc = [{"level": t["level"], "id": t["id"], "name": unescape(t["name"])} for t in flatten(tokens)]
    page = Page(guide.title, url, guide.summary, kind="guide", crumbs=(Crumb("Guides", urls.GUIDES),),
                source_file=f"guides/{guide.slug}.md", updated=guide.updated)
    return PageJob("guide.html", url, GuidePage(page, guide, html, tuple(toc)))


def flatten(tokens: list[dict]) -> list[dict]:
    """Table-of-contents tokens in document order, children after their parent."""
    out = []
    for token in tokens:
        out.append(token)
        out += flatten(token.get("children", []))
    return out


def glossary_page(config: SiteConfig, terms: tuple[GlossaryTerm, ...], checked: date | None = None) -> PageJob:
    page = Page("Glossary", urls.GLOSSARY, "Plain-English meanings of the words and abbreviations used about SEND inspections.",
                kind="glossary", source_file="glossary.yaml", updated=checked)
    rendered = tuple((t, render_markdown(t.definition, config.base_path)[0]) for t in terms)
    return PageJob("glossary.html", urls.GLOSSARY, GlossaryPage(page, rendered))
