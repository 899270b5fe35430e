"""Turn PageJobs into HTML with Jinja2: the loader chain, filters and globals."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape, quoteattr

from jinja2 import (ChoiceLoader, Environment, FileSystemLoader, PrefixLoader,
                    StrictUndefined)
from markupsafe import Markup, escape

from site_builder.site import addresses as urls
from site_builder.domain.dates import in_words
from site_builder.config import DEFAULT_THEME, SiteConfig
from site_builder.domain.vocabulary import (FRAMEWORK_SHORT_NAMES, PROVENANCE, WSOA_WORKING_DAYS, Category, Pattern,
                                            outcomes_of)
from site_builder.content.markdown import render_inline
from site_builder.site.feed import atom_time
from site_builder.site.pages import PageJob
from site_builder.output.strip_svg import strip_svg


@dataclass(frozen=True)
class SiteInfo:
    """What every template may know about the site as a whole (the `site` global)."""

    title: str
    base_path: str
    base_url: str
    absolute_base: str | None
    today: date
    repo_url: str | None
    repo_branch: str
    css_url: str
    search: bool
    facts_checked: date | None
    """When the content was last checked against sources as a whole (site.yaml `facts_checked`)."""
    complete_to: date | None
    """Reports published up to this date are all believed recorded (site.yaml `complete_to`): the figures' "as at"."""


def make_environment(config: SiteConfig) -> Environment:
    """Jinja environment: the theme first, the default theme last, `default:` to extend the original."""
    theme_templates = config.theme_dir / "templates"
    default_templates = DEFAULT_THEME / "templates"
    env = Environment(
        loader=ChoiceLoader([
            FileSystemLoader([str(theme_templates), str(default_templates)]),
            PrefixLoader({"default": FileSystemLoader(str(default_templates))}),
        ]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a build never sees templates change; serve makes a new environment when the theme does
    )
    base = config.base_path
    env.globals.update(
        site=SiteInfo(config.title, base, config.base_url, config.absolute_base, config.today, config.repo_url,
                      config.repo_branch, urls.url_for(f"/static/site.css?v={_css_version(config)}", base), config.search,
                      config.facts_checked, config.complete_to),
        url=lambda u: urls.url_for(u, base),
        absolute=lambda u: urls.absolute_url(u, config.base_url) if config.absolute_base else urls.url_for(u, base),
        area_url=urls.area_url, region_url=urls.region_url, guide_url=urls.guide_url, glossary_url=urls.glossary_url,
        provenance_words=PROVENANCE, framework_short_names=FRAMEWORK_SHORT_NAMES, wsoa_working_days=WSOA_WORKING_DAYS,
        # The vocabulary (domain/vocabulary.py): a template never writes an outcome's words or drawing itself.
        categories=Category, patterns=tuple(Pattern), category_labels={c.value: c.label for c in Category},
        current_outcomes=[o.category for o in outcomes_of("2023")],
    )
    env.filters.update(xml=lambda text: Markup(xml_escape(str(text))), xmlattr=lambda text: Markup(quoteattr(str(text))),
                       atom_time=atom_time, long_date=long_date, month_year=month_year, notice_time=notice_time, strip_svg=strip_svg,
                       date_tag=date_tag, month_tag=month_tag, start_tag=start_tag, outcome_tag=outcome_tag,
                       markdown=lambda text: Markup(render_inline(text, base)))
    return env


def render_page(env: Environment, job: PageJob) -> str:
    """One page's HTML."""
    return env.get_template(job.template).render(ctx=job.context, page=job.context.page)


def warm_templates(env: Environment) -> None:
    """Compile every template now (before worker processes are forked, so each does not compile its own)."""
    for name in env.list_templates(extensions=["html"]):
        if not name.startswith("default/"):
            env.get_template(name)


@lru_cache(maxsize=4096, typed=True)  # typed: a Month equals its first day, but reads differently
def long_date(value: date | None) -> str:
    """GOV.UK style: 6 March 2018, or March 2018 for a date known only to the month."""
    return in_words(value) if value else ""


@lru_cache(maxsize=1024)
def month_year(value: date) -> str:
    """January 2017."""
    return f"{value:%B %Y}"


# Small pieces of markup that every page repeats many times. As filters they cost a
# dictionary lookup; as template macros they were a fifth of an area page's rendering.

@lru_cache(maxsize=4096, typed=True)
def date_tag(value: date) -> Markup:
    """<time datetime="2018-03-06">6 March 2018</time>, or <time datetime="2017-01">January 2017</time> for a Month."""
    return Markup(f'<time datetime="{value.isoformat()}">{long_date(value)}</time>')


@lru_cache(maxsize=1024)
def month_tag(value: date) -> Markup:
    """<time datetime="2017-01">January 2017</time>, for dates known only to the month."""
    return Markup(f'<time datetime="{value:%Y-%m}">{month_year(value)}</time>')


def start_tag(event) -> Markup:
    """When an event started: to the day, or to the month when that is all that is known, or that it is not known."""
    return date_tag(event.start) if event.start is not None else Markup("date not known")


@lru_cache(maxsize=256)
def outcome_tag(category: str, label: str | None = None) -> Markup:
    """An outcome value or status category as a tag: its words first, its colour (vocabulary.Tone) second."""
    category = Category(category)
    return Markup(f'<strong class="tag tag--{category.tone}">{escape(label or category.label)}</strong>')


@lru_cache(maxsize=4096)
def notice_time(value: datetime, has_time: bool) -> str:
    """Tuesday 1 December 2026, 6:30pm (UK local time), or just the day."""
    day = f"{value:%A} {value.day} {value:%B %Y}"
    if not has_time:
        return day
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{day}, {hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def _css_version(config: SiteConfig) -> str:
    # A content hash makes browsers fetch a changed stylesheet, and keeps builds byte-identical.
    css = _static_file(config, "site.css")
    return hashlib.sha256(css.read_bytes()).hexdigest()[:10] if css else "0"


def _static_file(config: SiteConfig, name: str) -> Path | None:
    for folder in (config.theme_dir / "static", DEFAULT_THEME / "static"):
        if (folder / name).exists():
            return folder / name
    return None
