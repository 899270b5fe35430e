"""The change report of `site-builder update`, in Markdown: the pull request's body and the terminal's output.

It says, for the maintainer who reviews the update: the new inspections by area, changed outcomes and
other changed facts, new areas, conflicts (a maintainer's edit kept where the source now says
something else), and every source with its address, its number of rows, and whether it failed or
looks wrong. Every fact carries the address of its source. Text that comes from the sources is
escaped, so it cannot add links, formatting or @-mentions to the pull request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from site_builder.domain.dates import in_words
from site_builder.domain.vocabulary import Outcome
from site_builder.importer.merge import Conflict
from site_builder.importer.run import BASE_FILE, ImportReport

if TYPE_CHECKING:
    from site_builder.importer.update import Download

MAX_REPORT_CHARS = 60_000  # a pull request's body holds 65,536 characters
FRAMEWORKS = {"2016": "2016 to 2022 framework", "2023": "current framework"}
KINDS = {"inspection": "Inspection", "revisit": "Revisit", "monitoring": "Monitoring inspection"}
NEAR_DAYS = 31  # an event whose start moved this little is the same event (as the importer's merge decides)
EVENT_FIELDS = ("start", "end", "published", "outcome", "outcome_text", "significant_weaknesses", "progress",
                "priority_actions", "report_url", "source", "provenance", "note")


@dataclass(frozen=True)
class SourceResult:
    """One downloaded source: where it came from, how many rows it had, and what went wrong if anything."""

    download: "Download"
    address: str
    ok: bool
    rows: int | None = None
    message: str = ""
    offline: bool = False  # the computer could not connect at all
    cited: str | None = None
    """The page the events from this source cite: the release page that links to the file, when it was found."""


@dataclass(frozen=True)
class AreaFile:
    """One area file's text before the update (None for a new file) and after it."""

    name: str
    before: str | None
    after: str


@dataclass
class UpdateFacts:
    """Everything the report says, gathered by ``update.run_update``."""

    today: date
    content: Path
    sources: list[SourceResult]
    from_folder: bool = False
    stopped: str = ""  # the content could not be updated: why
    areas: list[AreaFile] = field(default_factory=list)
    import_report: ImportReport | None = None
    conflicts: list[Conflict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    site_change: tuple[str | None, str] | None = None
    base_changed: bool = False
    dry_run: bool = False
    keep_conflicts: bool = False


def md(text: Any) -> str:
    """Text from a source, safe in Markdown: no formatting, links, HTML or @-mentions."""
    text = " ".join(str(text).split())
    text = re.sub(r"([\\`*\[\]<>|])", r"\\\1", text)
    return text.replace("@", "&#64;")


def link(url: Any) -> str:
    """An address as a Markdown link, when it is a plain http(s) address; otherwise as escaped text."""
    text = str(url or "")
    if re.fullmatch(r"https?://[^\s<>`\"']+", text):
        return f"<{text}>"
    return md(text) if text else "(no address)"


def _when(value: Any) -> str:
    """A date in words (6 March 2018; March 2018 for a month), whether the YAML gave a date or text."""
    if isinstance(value, date):
        return in_words(value)
    text = str(value)
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return in_words(date.fromisoformat(text))
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return f"{date(int(text[:4]), int(text[5:]), 1):%B %Y}"
    except ValueError:
        pass
    return md(text)


def _short(text: Any, limit: int = 200) -> str:
    """Text from a source on one line, cut at a word near `limit` characters."""
    words = " ".join(str(text).split())
    if len(words) <= limit:
        return md(words)
    return md(words[:limit].rsplit(" ", 1)[0]) + " …"


def _dates(event: dict[str, Any]) -> str:
    start, end = event.get("start"), event.get("end")
    if isinstance(start, date) and isinstance(end, date) and end != start:
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day} to {in_words(end)}"
        return f"{in_words(start)} to {in_words(end)}"
    return _when(start)


def _outcome(event: dict[str, Any]) -> str:
    value = event.get("outcome")
    try:
        return Outcome(value).label if value else ""
    except ValueError:
        return md(value)


def describe_event(event: dict[str, Any]) -> str:
    """One event in a line: what, when, published, outcome, and its source."""
    kind = KINDS.get(str(event.get("kind")), md(event.get("kind")))
    framework = FRAMEWORKS.get(str(event.get("framework")), md(event.get("framework")))
    words = [f"{kind} ({framework}), {_dates(event)}"]
    words.append(f"published {_when(event['published'])}" if event.get("published") else "report not yet published")
    outcome = _outcome(event)
    if outcome:
        words.append(outcome)
    elif event.get("outcome_text"):
        words.append(f"the report says: \"{_short(event['outcome_text'])}\"")
    else:
        words.append("no outcome recorded")
    return f"{'; '.join(words)}. Source: {link(event.get('source'))}"


def _key(event: dict[str, Any]) -> tuple[str, str, str]:
    return (str(event.get("framework")), str(event.get("kind")), str(event.get("start")))


def _events(text: str | None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    data = yaml.safe_load(text) if text else None
    data = data if isinstance(data, dict) else {}
    events = [e for e in data.get("events") or [] if isinstance(e, dict)]
    return data, events


@dataclass
class _AreaChanges:
    path: str
    name: str
    created: bool
    new_events: list[dict[str, Any]] = field(default_factory=list)
    outcomes: list[tuple[dict[str, Any], Any, Any]] = field(default_factory=list)
    facts: list[tuple[dict[str, Any], str, Any, Any]] = field(default_factory=list)
    details: list[str] = field(default_factory=list)


def compare(area: AreaFile, content: Path) -> _AreaChanges:
    """What the update changed in one area file: new events, changed outcomes and facts, other keys."""
    before, old_events = _events(area.before)
    after, new_events = _events(area.after)
    path = str(content / "areas" / area.name)
    changes = _AreaChanges(path, md(after.get("name") or area.name), area.before is None)
    for event, was in _pairs(old_events, new_events):
        if was is None:
            changes.new_events.append(event)
            continue
        for key in EVENT_FIELDS:
            if was.get(key) == event.get(key):
                continue
            if key == "outcome":
                changes.outcomes.append((event, was.get(key), event.get(key)))
            else:
                changes.facts.append((event, key, was.get(key), event.get(key)))
    if not changes.created:
        changes.details = [k for k in after if k != "events" and before.get(k) != after.get(k)]
    return changes


def _pairs(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    """Each event after the update with the same event before it (None for a new one).

    The same event has the same framework, kind and start, or else (its start corrected, or given
    differently by another source) the same framework and kind and a start within NEAR_DAYS days or
    the same publication date: the importer's merge updates such an event rather than adding one.
    """
    left = list(old)
    pairs: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
    unmatched = []
    for event in new:
        was = next((e for e in left if _key(e) == _key(event)), None)
        if was is None:
            unmatched.append((len(pairs), event))
        else:
            left.remove(was)
        pairs.append((event, was))
    for index, event in unmatched:
        was = next((e for e in left if _key(e)[:2] == _key(event)[:2] and _near(e, event)), None)
        if was is not None:
            left.remove(was)
            pairs[index] = (event, was)
    return pairs


def _near(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a.get("published") is not None and a.get("published") == b.get("published"):
        return True
    start_a, start_b = a.get("start"), b.get("start")
    return isinstance(start_a, date) and isinstance(start_b, date) and abs((start_a - start_b).days) <= NEAR_DAYS


def _value(value: Any) -> str:
    if value is None:
        return "not given"
    if isinstance(value, date) or (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value)):
        return _when(value)
    if isinstance(value, dict):
        return ", ".join(f"{md(k)} {md(v)}" for k, v in value.items())
    if isinstance(value, str) and value.startswith(("https://", "http://")):
        return link(value)
    try:
        return Outcome(value).label
    except ValueError:
        return f"\"{_short(value)}\""


def _event_name(event: dict[str, Any]) -> str:
    kind = KINDS.get(str(event.get("kind")), md(event.get("kind"))).lower()
    return f"the {kind} of {_when(event.get('start'))}"


def render_report(facts: UpdateFacts) -> str:
    """The whole report as Markdown (at most MAX_REPORT_CHARS characters)."""
    title = f"# Update from the sources, {in_words(facts.today)}"
    failed = [s for s in facts.sources if not s.ok]
    if failed or facts.stopped:
        return _failure_report(title, facts, failed)
    changes = [compare(a, facts.content) for a in facts.areas if a.after != a.before]
    new_areas = [c for c in changes if c.created]
    with_events = [c for c in changes if c.new_events]
    outcomes = [(c, o) for c in changes for o in c.outcomes]
    other_facts = [(c, f) for c in changes for f in c.facts]
    details = [c for c in changes if c.details]
    new_count = sum(len(c.new_events) for c in changes)
    lines = [
        title,
        "",
        (f"`site-builder update` downloaded every source on {in_words(facts.today)}"
         if not facts.from_folder else
         f"`site-builder update` read recorded copies of the sources on {in_words(facts.today)}")
        + ", checked each one and merged them into the content"
        + (" (a dry run: nothing was written)." if facts.dry_run else "."),
        "Nothing here is published until a maintainer reviews and merges this pull request: check each new or "
        "changed fact against its source first. Edits made by hand were kept.",
        "",
        (f"**Summary:** {_count(new_count, 'new event')} in {_count(len(with_events), 'area')}, "
         f"{_count(len(outcomes), 'changed outcome')}, {_count(len(other_facts), 'other changed fact')}, "
         f"{_count(len(new_areas), 'new area')}, {_count(len(facts.conflicts), 'conflict')}, "
         f"{_count(len(facts.warnings), 'warning')}."),
        "",
        "## New inspections and visits",
        "",
    ]
    if not with_events:
        lines += ["None.", ""]
    for change in with_events:
        lines += [f"### {change.name}", "", f"`{change.path}`", ""]
        lines += [f"- {describe_event(e)}" for e in sorted(change.new_events, key=lambda e: str(e.get("start")))]
        lines.append("")
    lines += ["## Changed outcomes", ""]
    lines += [f"- {c.name} (`{c.path}`), {_event_name(e)}: {_value(old)} → {_value(new)}. "
              f"Source: {link(e.get('source'))}" for c, (e, old, new) in outcomes] or ["None."]
    lines += ["", "## Other changed facts", ""]
    lines += [f"- {c.name} (`{c.path}`), {_event_name(e)}: `{key}` {_value(old)} → {_value(new)}. "
              f"Source: {link(e.get('source'))}" for c, (e, key, old, new) in other_facts]
    lines += [f"- {c.name} (`{c.path}`): {', '.join(f'`{k}`' for k in c.details)} changed. "
              f"Source: {_area_sources(facts)}" for c in details]
    if not other_facts and not details:
        lines.append("None.")
    lines += ["", "## New areas", ""]
    lines += [f"- {c.name}: `{c.path}` created, with {_count(len(c.new_events), 'event')}. Its `last_reviewed` "
              f"is marked \"set by import, please review\". Source: {_area_sources(facts)}"
              for c in new_areas] or ["None."]
    lines += ["", "## Conflicts: your edits were kept", ""]
    if facts.conflicts and facts.keep_conflicts:
        lines += ["Each of these was edited by hand, and the source now says something else. The files keep the "
                  "edits, and this run (`--keep-conflicts`) recorded that they stay: they are not listed again unless "
                  "the source changes them again.", ""]
    elif facts.conflicts:
        lines += [
            "Each of these was edited by hand, and the source now says something else. The file keeps the edit. "
            "Check the source: to take its value, write it into the file on this pull request's branch; to keep "
            "the edit for good, run `site-builder update --keep-conflicts` on the branch (until then it is listed "
            "again each week).",
            "",
        ]
        lines += [f"- `{c.path}:{c.line}` `{c.field.replace('`', '')}`: kept {md(c.mine)}; the source says "
                  f"{md(c.theirs)}. Source: {_conflict_source(c, facts)}" for c in facts.conflicts]
    else:
        lines.append("None.")
    lines += ["", "## Sources", "", "| Source | Rows | Address |", "| --- | --- | --- |"]
    lines += [_source_row(s, facts.from_folder) for s in facts.sources]
    lines += ["", "## Warnings: things that look wrong in the sources", ""]
    if facts.warnings:
        lines += ["The import left these rows out or flagged them; most repeat every week. Look for new ones.", "",
                  "<details><summary>" + _count(len(facts.warnings), "warning") + "</summary>", ""]
        lines += [f"- {md(w)}" for w in facts.warnings]
        lines += ["", "</details>"]
    else:
        lines.append("None.")
    lines += ["", "## Also changed", ""]
    if facts.site_change is not None:
        old = facts.site_change[0]
        lines.append(f"- `{facts.content / 'site.yaml'}`: `facts_checked` {_value(old) + ' → ' if old else 'set to '}"
                     f"{in_words(facts.today)}, so the site says the facts were last checked on "
                     f"{in_words(facts.today)} once this is merged.")
    if facts.base_changed:
        lines.append(f"- `{facts.content / BASE_FILE}`: the importer's record of what it wrote (machine-written; "
                     "commit it with the content, never edit it).")
    return _fit("\n".join(lines) + "\n")


def _failure_report(title: str, facts: UpdateFacts, failed: list[SourceResult]) -> str:
    lines = [title + ": stopped, nothing changed", "",
             "The update stopped before changing anything: the content is exactly as it was. Fix the problem "
             "below (see docs/updating.md), then run the update again.", ""]
    if failed:
        lines += ["## Sources that failed or look wrong", ""]
        lines += [f"- **{md(s.download.title)}** ({link(s.address)}): {md(s.message.removeprefix(s.address + ': '))}"
                  for s in failed]
        lines.append("")
    if facts.stopped:
        lines += ["## The update could not finish", "", f"- {md(facts.stopped)}", ""]
    lines += ["## Sources", "", "| Source | Rows | Address |", "| --- | --- | --- |"]
    lines += [_source_row(s, facts.from_folder) for s in facts.sources]
    return _fit("\n".join(lines) + "\n")


def _source_row(source: SourceResult, from_folder: bool) -> str:
    rows = "failed" if not source.ok else str(source.rows)
    where = link(source.address)
    if from_folder:
        where = f"recorded copy `{source.download.recorded_name}` of {where}"
    elif source.download.page and source.address != source.download.page:
        where = f"{where}, found from {link(source.download.page)}"
    return f"| {md(source.download.title)} | {rows} | {where} |"


def _area_sources(facts: UpdateFacts) -> str:
    found = [s for s in facts.sources if s.download.imports_as in ("areas", "lookup")]
    return ", ".join(link(s.address) for s in found) or "the area lists"


def _conflict_source(conflict: Conflict, facts: UpdateFacts) -> str:
    """The source of the event a conflict is about (the file's events[n].source), or the area lists."""
    found = re.match(r"events\[(\d+)\]", conflict.field)
    if found:
        name = Path(conflict.path).name
        area = next((a for a in facts.areas if a.name == name), None)
        _, events = _events(area.after if area else None)
        index = int(found.group(1))
        if index < len(events) and events[index].get("source"):
            return link(events[index]["source"])
    return _area_sources(facts)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _fit(text: str) -> str:
    """Cut the warnings, then the text, so the report fits in a pull request's body."""
    if len(text) <= MAX_REPORT_CHARS:
        return text
    text = re.sub(r"<details>.*?</details>", "<details><summary>Too many warnings to list here</summary>\n\n"
                  "Run `site-builder update` on your computer to see them all.\n\n</details>", text, flags=re.S)
    if len(text) <= MAX_REPORT_CHARS:
        return text
    note = ("\n\n(The report is too long for a pull request and was cut here. "
            "Run `site-builder update` to see it all.)\n")
    return text[:MAX_REPORT_CHARS - len(note)] + note
