"""Turn PageJobs into HTML with Jinja2: the loader chain, filters and globals."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape, quoteattr

from jinja2 import (ChoiceLoader, Environment, FileSystemLoader, PrefixLoader,
                    StrictUndefined)
from markupsafe import Markup, escape

from site_builder.domain.english import possessive
from site_builder.site import addresses as urls
from site_builder.domain.dates import in_words
from site_builder.domain.help_routes import (FIND_COUNCIL, FIND_FORUM, FIND_SENDIASS, HELP_KIND_WORDS, INSPECTORATES,
                                            LGSCO, PHSO, TRIBUNAL, local_help)
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

    icon_url: str
    """The page icon (static/favicon.svg), named on every page so no browser asks the domain root for /favicon.ico."""

    @property
    def edit_base(self) -> str | None:
        """Where a maintainer edits content files on the repository's website, up to the file's path in content/
        (templates add `page.source_file`); None if the site names no repository. Plain text, so a page costs no call."""
        return f"{self.repo_url}/edit/{self.repo_branch}/content/" if self.repo_url else None


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
                      config.facts_checked, config.complete_to, urls.url_for("/static/favicon.svg", base)),
        url=lambda u: urls.url_for(u, base),
        absolute=lambda u: urls.absolute_url(u, config.base_url) if config.absolute_base else urls.url_for(u, base),
        area_url=urls.area_url, region_url=urls.region_url, guide_url=urls.guide_url, glossary_url=urls.glossary_url,
        provenance_words=PROVENANCE, framework_short_names=FRAMEWORK_SHORT_NAMES, wsoa_working_days=WSOA_WORKING_DAYS,
        # The vocabulary (domain/vocabulary.py): a template never writes an outcome's words or drawing itself.
        categories=Category, patterns=tuple(Pattern), category_labels={c.value: c.label for c in Category},
        current_outcomes=[o.category for o in outcomes_of(CURRENT_FRAMEWORK)], current_framework=CURRENT_FRAMEWORK,
        # Where to get help (domain/help_routes.py): national routes, and directories wherever a local service is not listed.
        outcome_words=outcome_words, local_help=local_help, find_council=FIND_COUNCIL, find_sendiass=FIND_SENDIASS, find_forum=FIND_FORUM,
        help_kind_words=HELP_KIND_WORDS, tribunal=TRIBUNAL, lgsco=LGSCO, phso=PHSO, inspectorates=INSPECTORATES,
    )
    env.filters.update(xml=lambda text: Markup(xml_escape(str(text))), xmlattr=lambda text: Markup(quoteattr(str(text))),
                       atom_time=atom_time, long_date=long_date, month_year=month_year, notice_time=notice_time, strip_svg=strip_svg,
                       date_tag=date_tag, month_tag=month_tag, start_tag=start_tag, outcome_tag=outcome_tag,
                       possessive=possessive,
                       markdown=lambda text: Markup(render_inline(text, base)))
    return env


def render_page(env: Environment, job: PageJob) -> str:
    """One page's HTML. `gloss` links the first use on the page of each glossary term its context names."""
    gloss = GlossaryLinks(getattr(job.context, "glossary", frozenset()), env.globals["site"].base_path)
    return env.get_template(job.template).render(ctx=job.context, page=job.context.page, gloss=gloss)


def warm_templates(env: Environment) -> None:
    """Compile every template now (before worker processes are forked, so each does not compile its own)."""
    for name in env.list_templates(extensions=["html"]):
        if not name.startswith("default/"):
            env.get_template(name)


CURRENT_FRAMEWORK = "2023"
"""The framework in use since 2023 (DOMAIN.md 1B); a result under any other is from the retired 2016 to 2022 framework."""


# Jargon on area pages, by glossary id: the words that mean each term in the page's sentences. The first use on
# a page links to the glossary entry, if the site's glossary has it (content/glossary.yaml).
GLOSSARY_PHRASES = {
    "wsoa": r"written statements? of action",
    "significant-weakness": r"significant weakness(?:es)?",
    "areas-for-priority-action": r"areas? for priority action",
    "priority-action-plan": r"priority action plans?",
    "app": r"accelerated progress plans?",
    "strategic-plan": r"(?:SEND )?strategic plans?",
    "full-inspection": r"full inspections?",
    "monitoring-inspection": r"monitoring inspections?",
    "engagement-meeting": r"engagement meetings?",
    "revisit": r"revisit(?:s|ed)?",
    "local-area-partnership": r"local area partnerships?",
    "local-offer": r"Local Offers?",
    "sendiass": r"SENDIASS",
    "pcf": r"Parent Carer Forums?",
    "ehc-needs-assessment": r"EHC needs assessments?",
    "ehcp": r"EHC plans?",
    "senco": r"SENCO",
    "mediation": r"mediation",
    "send-tribunal": r"SEND Tribunal",
    "icb": r"integrated care boards?",
}


@lru_cache(maxsize=64)
def _glossary_pattern(ids: frozenset[str]) -> re.Pattern | None:
    groups = [f"(?P<{term_id.replace('-', '_')}>{phrase})" for term_id, phrase in GLOSSARY_PHRASES.items() if term_id in ids]
    return re.compile(r"\b(?:" + "|".join(groups) + r")\b", re.IGNORECASE) if groups else None


class GlossaryLinks:
    """For one page: plain text with the first use of each glossary term linked to its entry (`gloss(text)`)."""

    def __init__(self, ids: frozenset[str], base_path: str):
        self.pattern = _glossary_pattern(frozenset(ids))
        self.base_path = base_path
        self.used: set[str] = set()

    def __call__(self, text: str) -> Markup:
        escaped = str(escape(text))
        if self.pattern is None:
            return Markup(escaped)
        return Markup(self.pattern.sub(self._link, escaped))

    def _link(self, match: re.Match) -> str:
        term_id = match.lastgroup.replace("_", "-")
        if term_id in self.used:
            return match.group(0)
        self.used.add(term_id)
        return f'<a href="{urls.url_for(urls.glossary_url(term_id), self.base_path)}">{match.group(0)}</a>'


@dataclass(frozen=True)
class OutcomeWords:
    """An outcome's full sentence to quote, and whose words they are."""

    text: str
    from_report: bool
    """True: the report's own words (which spell SEND out in full); False: the framework's."""


_SEND_IN_FULL = re.compile(r"special educational needs and/or disabilit(?:y|ies) \(SEND\)", re.IGNORECASE)


def _same_sentence(text: str) -> str:
    """A sentence with quotes, curly apostrophes, SEND written out and spacing made alike, for comparing."""
    text = _SEND_IN_FULL.sub("SEND", text.replace("\u2019", "'").strip().strip('"\u201c\u201d'))
    return " ".join(text.split())


def outcome_words(event) -> OutcomeWords | None:
    """The outcome of `event` in full: its report's words when the content records the whole sentence, else the
    framework's. Never a shortened sentence. None for an outcome without an official sentence (2016, monitoring)."""
    outcome = event.outcome
    if outcome is None or not outcome.official_sentence:
        return None
    if event.outcome_text:
        wordings = {_same_sentence(s) for s in (outcome.official_sentence, *outcome.terms.also_worded)}
        if _same_sentence(event.outcome_text) in wordings:
            return OutcomeWords(event.outcome_text.strip().strip('"\u201c\u201d'), True)
    return OutcomeWords(outcome.official_sentence, False)


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
    # The tone's symbol (site.css) sits in an empty span hidden from screen readers: it repeats the words, for sight.
    return Markup(f'<strong class="tag tag--{category.tone}"><span aria-hidden="true"></span>'
                  f'{escape(label or category.label)}</strong>')


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
