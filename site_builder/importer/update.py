"""`site-builder update`: download every source, check it, merge it into the content, report.

The sources, with their addresses and licences, are listed once, in site_builder/data/sources.json
(read by ``site_builder.domain.sources``; the /data/ page credits the same list). For each
download it names, the update:

1. gets the file: from the network (the address, or the page that links to the current file:
   see ``fetch``), or with ``from_dir`` from a folder of files downloaded before;
2. turns it into the CSV file the importer reads (``convert``) and checks it: the format, every
   column the importer reads, and a sane number of rows (``min_rows``, ``max_rows``);
3. when every source is good, runs the import (``run.run_import``, the three-way merge that never
   overwrites a maintainer's edit) on a copy of the area files in a temporary folder;
4. compares the copy with the content and writes the report (``update_report``): new events by
   area, changed outcomes and facts, new areas, conflicts, and the sources;
5. only then writes the changed area files, the importer's base file and `facts_checked` in
   site.yaml (the date of this run, which the site shows as the date its facts were last checked)
   into the content, each file in one step.

Any problem in steps 1 to 4 (no network, a moved file, a renamed column, a half-downloaded file,
too few rows, an area file that cannot be read) stops the update with a plain message, and the
content is left exactly as it was. Conflicts do not stop it: the report lists them for the
maintainer who reviews the pull request.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Mapping, Sequence
from urllib.parse import urlsplit

import yaml

from site_builder.domain.sources import SOURCES_FILE, DataSource, read_sources
from site_builder.importer.convert import DATE_FORMATS, ConvertError, convert_table, sniff
from site_builder.importer.fetch import DownloadError, Downloader, LinkStep, UrlDownloader, copy_recorded, find_file
from site_builder.importer.merge import Conflict
from site_builder.importer.read_csv import DataFileError, read_csv
from site_builder.importer.run import (
    BASE_FILE, COLUMNS, DATA_FILES, ImportReport, existing_files, read_area_file, run_import,
)
from site_builder.importer.update_report import AreaFile, SourceResult, UpdateFacts, render_report
from site_builder.importer.write import write_all

FORMATS = {"csv": "csv", "ods": "ods", "html-table": "html"}  # format -> extension of the recorded file
SITE_FILE = "site.yaml"
FACTS_CHECKED = re.compile(r"^facts_checked:[ \t]*(?P<value>[^\s#]*)(?P<rest>[ \t]*(#.*)?)$", re.M)
FACTS_CHECKED_NOTE = (
    "\n# When the content as a whole was last checked against Ofsted's statistics and reports and\n"
    "# other public sources (set by `site-builder update`).\n"
)


class UpdateError(Exception):
    """The sources file is wrong, or the content cannot be updated; the message says what to fix."""


class UpdateWriteError(UpdateError):
    """Writing the content failed part way (a full disk, say); the message says how many files were written."""


@dataclass(frozen=True)
class Download:
    """One file that `update` fetches, as site_builder/data/sources.json describes it."""

    id: str
    title: str
    imports_as: str  # the importer's name for the data (a key of run.DATA_FILES)
    format: str  # csv, ods or html-table
    credit: DataSource
    address: str | None = None  # the file's own address, for a file that does not move
    page: str | None = None  # or the page to start from, and the links to follow to the current file
    links: tuple[LinkStep, ...] = ()
    columns: Mapping[str, str] | None = None  # the source's column name -> the importer's
    link_columns: tuple[str, ...] = ()
    dates: str = "yyyy-mm-dd"
    min_rows: int = 1
    max_rows: int | None = None
    max_bytes: int = 10 * 1024 * 1024

    @property
    def recorded_name(self) -> str:
        """The file's name in a folder of downloaded sources (--save, --from)."""
        return f"{self.id}.{FORMATS[self.format]}"

    @property
    def where(self) -> str:
        """Where the source is found: its page, or its address."""
        return self.page or self.address or ""


def read_downloads(path: Path = SOURCES_FILE) -> list[Download]:
    """Every download in the sources file, checked: raises UpdateError naming the entry and what to fix."""
    try:
        credits = read_sources(path)
    except ValueError as exc:
        raise UpdateError(str(exc)) from None
    downloads: list[Download] = []
    for credit in credits:
        for number, spec in enumerate(credit.downloads, 1):
            label = f"{path}: {spec.get('id') or f'download {number} of {credit.name!r}'}"
            try:
                downloads.append(_download(spec, credit))
            except (KeyError, TypeError, ValueError, re.error) as exc:
                problem = f"no {exc.args[0]!r}" if isinstance(exc, KeyError) else str(exc)
                raise UpdateError(f"{label}: {problem} (see docs/updating.md for the keys)") from None
    ids = [d.id for d in downloads]
    if len(set(ids)) != len(ids):
        raise UpdateError(f"{path}: two downloads share an id; each needs its own")
    kinds = sorted(d.imports_as for d in downloads)
    if kinds != sorted(DATA_FILES):
        raise UpdateError(f"{path}: the downloads give {', '.join(kinds) or 'nothing'}, but the importer needs exactly "
                          f"one of each of {', '.join(sorted(DATA_FILES))} (\"imports_as\")")
    return downloads


def _download(spec: Mapping[str, Any], credit: DataSource) -> Download:
    fmt = spec["format"]
    if fmt not in FORMATS:
        raise ValueError(f'"format" is {fmt!r}; use one of {", ".join(FORMATS)}')
    if spec["imports_as"] not in DATA_FILES:
        raise ValueError(f'"imports_as" is {spec["imports_as"]!r}; use one of {", ".join(DATA_FILES)}')
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", str(spec["id"])):
        raise ValueError('"id" must be lowercase letters, digits and hyphens')
    if ("address" in spec) == ("page" in spec):
        raise ValueError('give either "address" (the file) or "page" and "links" (where to find it), not both')
    for key in ("address", "page"):
        if key in spec and not str(spec[key]).startswith("https://"):
            raise ValueError(f'"{key}" must be an https:// address')
    links = tuple(LinkStep.from_mapping(step) for step in spec.get("links", []))
    if "page" in spec and not links:
        raise ValueError('"page" needs "links": the links to follow from it to the file')
    columns = spec.get("columns")
    needed = COLUMNS[spec["imports_as"]]
    if fmt != "csv":
        if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
            raise ValueError('"columns" must map each of the source\'s column names to the importer\'s')
        missing = [c for c in needed if c not in columns.values()]
        if missing:
            raise ValueError(f'"columns" gives no column for the importer\'s {", ".join(map(repr, missing))}')
    if spec.get("dates", "yyyy-mm-dd") not in DATE_FORMATS:
        raise ValueError(f'"dates" must be one of {", ".join(DATE_FORMATS)}')
    min_rows, max_rows = int(spec.get("min_rows", 1)), spec.get("max_rows")
    if min_rows < 1 or (max_rows is not None and int(max_rows) < min_rows):
        raise ValueError('"min_rows" must be at least 1 and no more than "max_rows"')
    return Download(
        id=spec["id"], title=str(spec.get("title") or spec["id"]), imports_as=spec["imports_as"], format=fmt,
        credit=credit, address=spec.get("address"), page=spec.get("page"), links=links, columns=columns,
        link_columns=tuple(spec.get("link_columns", ())), dates=spec.get("dates", "yyyy-mm-dd"),
        min_rows=min_rows, max_rows=int(max_rows) if max_rows is not None else None,
        max_bytes=int(float(spec.get("max_megabytes", 10)) * 1024 * 1024),
    )


@dataclass
class UpdateResult:
    """What one update run did: whether it worked, its report, and the files it changed (or would change)."""

    ok: bool
    report: str
    message: str = ""
    changed: list[str] = field(default_factory=list)


def run_update(
    content_dir: Path,
    today: date,
    *,
    from_dir: Path | None = None,
    save_dir: Path | None = None,
    sources_path: Path = SOURCES_FILE,
    download: Downloader | None = None,
    dry_run: bool = False,
    keep_conflicts: bool = False,
) -> UpdateResult:
    """Update content_dir from the sources; see the module's docstring. Raises UpdateError for a bad sources file."""
    content_dir = Path(content_dir)
    downloads = read_downloads(Path(sources_path))
    download = download or UrlDownloader()
    if not content_dir.is_dir():
        raise UpdateError(f"{content_dir}: no such content folder; run from the project's folder or give --content")
    with tempfile.TemporaryDirectory(prefix="site-builder-update-") as temp:
        work = Path(temp)
        for folder in ("raw", "data", "pages", "content"):
            (work / folder).mkdir()
        results = [_get_source(d, work, today, from_dir, save_dir, download) for d in downloads]
        facts = UpdateFacts(today=today, content=content_dir, sources=results, from_folder=from_dir is not None)
        failed = [r for r in results if not r.ok]
        if failed and all(r.offline for r in failed) and len(failed) > 1:
            hosts = sorted({urlsplit(r.address).hostname or r.address for r in failed})
            message = (f"Could not connect to {', '.join(hosts)}. Is this computer online? To update from files "
                       "you downloaded before, use --from FOLDER.")
            return UpdateResult(False, render_report(facts), message)
        if failed:
            message = "\n".join(f"{r.download.title}: {r.message}" for r in failed)
            return UpdateResult(False, render_report(facts), message)
        try:
            cite = {r.download.imports_as: r.cited for r in results if r.cited}
            changes, import_report = _import_into_copy(content_dir, work, today, keep_conflicts, cite)
            site_change = _facts_checked_change(content_dir / SITE_FILE, today)
        except DataFileError as exc:
            message = _tidy(str(exc), work, content_dir, downloads, today)
            facts.stopped = message
            return UpdateResult(False, render_report(facts), message)
        facts.areas = changes
        facts.import_report = import_report
        facts.conflicts = [_real_conflict(c, work, content_dir) for c in import_report.conflicts]
        facts.warnings = [_tidy(w, work, content_dir, downloads, today) for w in import_report.warnings]
        facts.site_change = site_change
        writes = [(content_dir / "areas" / a.name, a.after) for a in changes if a.after != a.before]
        base_before, base_after = _read(content_dir / BASE_FILE), _read(work / "content" / BASE_FILE)
        if base_after is not None and base_after != base_before:
            writes.append((content_dir / BASE_FILE, base_after))
            facts.base_changed = True
        if site_change is not None:
            writes.append((content_dir / SITE_FILE, site_change[1]))
        facts.dry_run, facts.keep_conflicts = dry_run, keep_conflicts
        report = render_report(facts)
        if not dry_run:
            write_all(writes, UpdateWriteError, "run the update again")
        return UpdateResult(True, report, changed=[str(path) for path, _ in writes])


def _get_source(
    d: Download, work: Path, today: date, from_dir: Path | None, save_dir: Path | None, download: Downloader,
) -> SourceResult:
    """Fetch one source into work/raw, convert it into work/data and check it; never raises for the source's faults."""
    raw = work / "raw" / d.recorded_name
    data_file = work / "data" / DATA_FILES[d.imports_as].replace("*", today.isoformat())
    address = d.address or d.page or ""
    cited = None
    try:
        if from_dir is not None:
            copy_recorded(Path(from_dir) / d.recorded_name, raw, d.max_bytes)
            address = d.where
        else:
            target, cited = (d.address, None) if d.address else find_file(d.page or "", d.links, download,
                                                                             work / "pages", d.title)
            address = download(target, raw, d.max_bytes)
            if save_dir is not None:
                Path(save_dir).mkdir(parents=True, exist_ok=True)
                shutil.copyfile(raw, Path(save_dir) / d.recorded_name)
        if d.format == "csv":
            sniff(raw, "csv")
            shutil.copyfile(raw, data_file)
        else:
            convert_table(raw, data_file, d.format, d.columns or {}, d.link_columns, d.dates)
        rows = read_csv(data_file, COLUMNS[d.imports_as])
    except DownloadError as exc:
        return SourceResult(d, address, ok=False, message=str(exc), offline=exc.offline)
    except ConvertError as exc:
        return SourceResult(d, address, ok=False, message=str(exc))
    except DataFileError as exc:
        message = _as_source(str(exc), data_file, d)
        if d.format == "csv" and "no such column" in message:
            message += (". The source's columns changed: the importer reads the columns named in COLUMNS in "
                        "site_builder/importer/run.py, so a developer needs to change them there")
        return SourceResult(d, address, ok=False, message=message)
    except OSError as exc:
        return SourceResult(d, address, ok=False,
                            message=f"{d.recorded_name}: could not be saved ({exc.strerror or exc})")
    if len(rows) < d.min_rows or (d.max_rows is not None and len(rows) > d.max_rows):
        expected = f"at least {d.min_rows}" + (f" and at most {d.max_rows}" if d.max_rows is not None else "")
        return SourceResult(d, address, ok=False, rows=len(rows), message=(
            f"{d.recorded_name}: {len(rows)} rows of data, but this source should have {expected}, so it is probably "
            "cut short or not the right file. If the source really changed size, change \"min_rows\" or \"max_rows\" "
            "for it in site_builder/data/sources.json."))
    return SourceResult(d, address, ok=True, rows=len(rows), cited=cited)


def _import_into_copy(
    content_dir: Path, work: Path, today: date, keep_conflicts: bool, cite: dict[str, str] | None = None,
) -> tuple[list[AreaFile], ImportReport]:
    """Run the import on a copy of the area files; return each area file's before and after, and the import's report."""
    areas = content_dir / "areas"
    staged = work / "content" / "areas"
    staged.mkdir()
    if areas.is_dir():
        existing_files(areas, [])  # refuses, as the import does, a link, a huge file or one that is not YAML
        for path in sorted([*areas.glob("*.yaml"), *areas.glob("*.yml")]):
            shutil.copyfile(path, staged / path.name)
    base = content_dir / BASE_FILE
    if base.exists() or base.is_symlink():
        if base.is_symlink() or not base.is_file():
            raise DataFileError(f"{base}: not a regular file; restore it from git")
        shutil.copyfile(base, work / "content" / BASE_FILE)
    report = run_import(work / "data", staged, today, base_path=work / "content" / BASE_FILE,
                        keep_conflicts=keep_conflicts, cite=cite or {})
    files = []
    for path in sorted([*staged.glob("*.yaml"), *staged.glob("*.yml")]):
        original = areas / path.name
        before = read_area_file(original) if original.is_file() else None
        files.append(AreaFile(name=path.name, before=before, after=path.read_text(encoding="utf-8")))
    return files, report


def set_facts_checked(text: str, day: date) -> str:
    """site.yaml's text with `facts_checked` set to day: one line changed, comments and the rest kept."""
    found = FACTS_CHECKED.search(text)
    if found:
        return text[:found.start("value")] + day.isoformat() + text[found.end("value"):]
    return (text if not text or text.endswith("\n") else text + "\n") + FACTS_CHECKED_NOTE + f"facts_checked: {day}\n"


def _facts_checked_change(path: Path, day: date) -> tuple[str | None, str] | None:
    """(old facts_checked, site.yaml's new text), or None when it already says day."""
    text = read_area_file(path) if path.exists() or path.is_symlink() else ""
    try:
        old = yaml.safe_load(text) if text else {}
    except yaml.YAMLError:
        raise DataFileError(
            f"{path}: cannot be read as YAML; fix it first (`site-builder check` shows the problem)") from None
    if old is None:
        old = {}
    if not isinstance(old, dict):
        raise DataFileError(f"{path}:1: the file does not hold a YAML mapping (title: ..., facts_checked: ...)")
    new_text = set_facts_checked(text, day)
    new = yaml.safe_load(new_text)
    if new.get("facts_checked") != day or {k: v for k, v in new.items() if k != "facts_checked"} != {
            k: v for k, v in old.items() if k != "facts_checked"}:
        raise DataFileError(f"{path}: could not set facts_checked on its own line; write `facts_checked: {day}` "
                            "at the start of a line by hand")
    if new_text == text:
        return None
    previous = old.get("facts_checked")
    return (str(previous) if previous is not None else None, new_text)


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


def _tidy(text: str, work: Path, content_dir: Path, downloads: Sequence[Download] = (), today: date | None = None,
          ) -> str:
    """A message with the temporary folder's paths written as the content's, and the data files as their sources."""
    text = text.replace(str(work / "content" / "areas"), str(content_dir / "areas"))
    text = text.replace(str(work / "content"), str(content_dir))
    for d in downloads:
        if today is not None:
            text = _as_source(text, work / "data" / DATA_FILES[d.imports_as].replace("*", today.isoformat()), d)
    return text.replace(str(work / "data") + "/", "")


def _as_source(text: str, data_file: Path, d: Download) -> str:
    """A message about the importer's data file, written about the downloaded file it was made from.

    A CSV source keeps `file:line:`; for a table read from a spreadsheet or web page the line is the
    table's row, counting its header row as row 1.
    """
    if d.format == "csv":
        return text.replace(str(data_file), d.recorded_name)
    text = re.sub(re.escape(str(data_file)) + r":(\d+):",
                  lambda m: f"{d.recorded_name} (row {m.group(1)} of its table, counting the header row as 1):", text)
    return text.replace(str(data_file), d.recorded_name)


def _real_conflict(conflict: Conflict, work: Path, content_dir: Path) -> Conflict:
    """A conflict, with the area file's path in the content rather than in the temporary copy."""
    return Conflict(_tidy(conflict.path, work, content_dir), conflict.line, conflict.field, conflict.mine,
                    conflict.theirs)
