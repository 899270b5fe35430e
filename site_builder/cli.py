"""The `site-builder` command: build, check, serve and import."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from jinja2 import TemplateNotFound

from site_builder.commands.build import build_site, load_and_check
from site_builder.config import load_config
from site_builder.errors import BuildFailed, ContentError, errors_only, format_report, summarise
from site_builder.content.freshness import freshness_warnings
from site_builder.domain.reconcile import totals_warnings
from site_builder.commands.new import add_event_text, area_skeleton, event_skeleton, new_area_path
from site_builder.output.search import SearchIndexFailed
from site_builder.replace_file import replace_file


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 content problems, 2 usage)."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        today = date.fromisoformat(args.today) if getattr(args, "today", None) else date.today()
    except ValueError:
        parser.error(f"--today expects a date like 2026-11-23, got {args.today!r}")
    return args.handler(args, today)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="site-builder", description="Build the SEND area inspections portal from content/.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build the site into the output folder")
    _content_options(build)
    build.add_argument("--output", default="output", help="where to write the site (default: output)")
    build.add_argument("--base-url", help="the published address, e.g. https://owner.github.io/repo/ (overrides site.yaml)")
    build.add_argument("--no-search", action="store_true", help="skip the search index (faster)")
    build.add_argument("--repo-url", help="the repository address for 'suggest a correction' links (overrides site.yaml)")
    build.set_defaults(handler=_build)

    check = commands.add_parser(
        "check", help="check the content: list the problems in the files you changed (or name), count the rest; "
                      "exit 1 if there are errors")
    _content_options(check)
    check.add_argument("files", nargs="*", metavar="FILE",
                       help="show only these files' problems (a folder: every file in it)")
    check.add_argument("--all", action="store_true", help="show every file's problems, not only the ones you changed")
    check.set_defaults(handler=_check)

    serve = commands.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild when content or theme change")
    _content_options(serve)
    serve.add_argument("--port", type=int, default=8000, help="port to serve on (default: 8000)")
    serve.add_argument("--output", default="output", help="where to write the site (default: output)")
    serve.add_argument("--no-search", action="store_true", help="skip the search index (faster rebuilds)")
    serve.set_defaults(handler=_serve)

    new = commands.add_parser("new", help="write a commented skeleton: new area \"Name\" or new event <slug>")
    new_kinds = new.add_subparsers(dest="what", required=True, metavar="WHAT")
    new_area = new_kinds.add_parser("area", help="create content/areas/<slug>.yaml for a new area")
    new_area.add_argument("name", help="the area's name, in quotes if it has spaces")
    new_area.add_argument("--gss-code", help="its ONS code, e.g. E06000055")
    new_area.add_argument("--region", help="its English region, in quotes")
    new_area.add_argument("--content", default="content", help="the content folder (default: content)")
    new_area.set_defaults(handler=_new_area)
    new_event = new_kinds.add_parser("event", help="add an event to content/areas/<slug>.yaml")
    new_event.add_argument("slug", help="the area's file name without .yaml")
    new_event.add_argument("--framework", choices=["2016", "2023"])
    new_event.add_argument("--kind", choices=["inspection", "revisit", "monitoring"])
    new_event.add_argument("--start", help="first day of the inspection, YYYY-MM-DD")
    new_event.add_argument("--source", help="where the facts come from (https://...)")
    new_event.add_argument("--provenance", choices=["official-statistics", "report", "secondary"],
                           help="how the facts are known: Ofsted's statistics, the report itself, or a secondary source")
    new_event.add_argument("--content", default="content", help="the content folder (default: content)")
    new_event.set_defaults(handler=_new_event)

    importer = commands.add_parser("import", help="create or update content/areas/ from the official data files")
    importer.add_argument("--data", required=True, help="the folder holding the official data files")
    importer.add_argument("--content", default="content", help="the content folder (default: content)")
    importer.add_argument("--today", help="the date to record as last_reviewed in files it creates (default: today)")
    importer.add_argument("--keep-conflicts", action="store_true",
                          help="keep your edits where they conflict with the data, stop reporting those conflicts, "
                               "and exit 0 (without it, conflicts make the exit status 1)")
    importer.set_defaults(handler=_import)

    update = commands.add_parser("update", help="download every source, check it and merge it into content/ "
                                                "(the weekly update; see docs/updating.md)")
    where = update.add_mutually_exclusive_group()
    where.add_argument("--from", dest="from_dir", metavar="DIR",
                       help="use the files in DIR, downloaded before (--save), instead of the network")
    where.add_argument("--save", metavar="DIR", help="also keep the downloaded files in DIR, for --from")
    update.add_argument("--content", default="content", help="the content folder (default: content)")
    update.add_argument("--today", help="the date of this check, set as facts_checked in site.yaml (default: today)")
    update.add_argument("--report", metavar="FILE", help="also write the report (Markdown) to FILE")
    update.add_argument("--sources", metavar="FILE",
                        help="the list of sources (default: site_builder/data/sources.json)")
    update.add_argument("--dry-run", action="store_true", help="check and report, but change nothing")
    update.add_argument("--keep-conflicts", action="store_true",
                        help="keep your edits where they conflict with the sources and stop listing those conflicts")
    update.set_defaults(handler=_update)
    return parser


def _content_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", default="content", help="the content folder (default: content)")
    parser.add_argument("--today", help="treat this date (YYYY-MM-DD) as today, for a reproducible build")
    parser.add_argument("--strict", action="store_true", help="treat warnings as problems")


def _config(args: argparse.Namespace, today: date):
    return load_config(Path(args.content), Path(getattr(args, "output", "output")), today,
                       base_url=getattr(args, "base_url", None), search=not getattr(args, "no_search", False),
                       repo_url=getattr(args, "repo_url", None))


def _report(problems: list[ContentError], strict: bool) -> list[ContentError]:
    """Print problems (as GitHub annotations too under Actions); return the ones that fail the run."""
    if strict:
        problems = [ContentError(p.path, p.line, p.field, p.message) for p in problems]
    if problems:
        print(format_report(problems), file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            # A workflow command per problem, escaped by GitHub's rules so that a file name or message from a
            # pull request cannot add properties or commands: data escapes %, CR and LF; property values also : and ,.
            from site_builder.errors import display_path

            def data(text: str) -> str:
                return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

            def value(text: str) -> str:
                return data(text).replace(":", "%3A").replace(",", "%2C")

            for p in problems:
                kind = "warning" if p.severity == "warning" else "error"
                properties = f"file={value(display_path(p.path, one_line=False))}" + ("" if p.line is None else f",line={p.line}")
                print(f"::{kind} {properties}::{data(f'{p.field}: {p.message}' if p.field else p.message)}")
    return errors_only(problems)


def _problems(config, today: date) -> list[ContentError]:
    """Content problems plus the warnings that need the loaded content: freshness, Ofsted's totals, plain English."""
    from site_builder.content.plain_english import plain_english_warnings  # BeautifulSoup: 50 ms a build need not wait

    content, problems = load_and_check(config)
    if errors_only(problems):
        return problems
    return (problems + freshness_warnings(content.areas, today) + totals_warnings(content)
            + plain_english_warnings(content, config.content_dir / "glossary.yaml"))


def _build(args: argparse.Namespace, today: date) -> int:
    config, config_problems = _config(args, today)
    if args.strict:
        problems = config_problems + _problems(config, today)
        if problems:
            _report(problems, strict=True)
            print("The site was not built (--strict treats warnings as problems); the last good output is unchanged.", file=sys.stderr)
            return 1
    try:
        result = build_site(config, config_problems)
    except BuildFailed as failed:
        _report(failed.problems, args.strict)
        print("The site was not built; the last good output is unchanged.", file=sys.stderr)
        return 1
    except SearchIndexFailed as failed:
        print(f"{failed}\nThe site was not built; the last good output is unchanged.", file=sys.stderr)
        return 1
    except TemplateNotFound as missing:  # an OSError too, but a theme's mistake, not the disk's
        print(f"{config.theme_dir}: the theme has no template {missing.name!r}; add it, or remove the theme's "
              "override that asks for it. The last good output is unchanged.", file=sys.stderr)
        return 1
    except OSError as error:  # a full disk, a folder that cannot be written: the staging folder is already gone
        where = f" ({error.filename})" if error.filename else ""
        print(f"{config.output_dir}: the site could not be written{where}: {error.strerror or error}. "
              "The last good output is unchanged.", file=sys.stderr)
        return 1
    _report(result.warnings, args.strict)
    search = f", {result.indexed} indexed for search" if config.search else ""
    print(f"Built {result.pages} pages into {config.output_dir}{search}.")
    return 0


def _check(args: argparse.Namespace, today: date) -> int:
    """Errors are always shown (they stop the build); warnings only for the files changed or named, unless --all."""
    config, problems = _config(args, today)
    problems = problems + _problems(config, today)
    shown, backlog = problems, []
    chosen = _chosen_files(args, config.content_dir)
    if chosen is not None:
        shown = [p for p in problems if p.severity == "error" or _is_chosen(p.path, chosen)]
        backlog = [p for p in problems if p not in shown]
    failing = _report(shown, args.strict)
    if not shown:
        print("No problems found in the files you named." if args.files else
              "No problems found in the files you changed." if chosen is not None else summarise([]))
    if backlog:
        which = "you did not name" if args.files else "you did not change"
        print(f"Also {summarise(backlog)[:-1]} {which}: `site-builder check --all` lists them.")
    return 1 if failing else 0


def _chosen_files(args: argparse.Namespace, content_dir: Path) -> set[Path] | None:
    """The files whose warnings to show: named ones, else those changed against main; None for every file."""
    if args.all:
        return None
    if args.files:
        return {Path(name).resolve() for name in args.files}
    from site_builder.commands.changed_files import changed_files

    return changed_files(content_dir)


def _is_chosen(path: Path | None, chosen: set[Path]) -> bool:
    if path is None:
        return True
    resolved = path.resolve()
    return resolved in chosen or any(folder in resolved.parents for folder in chosen)


def _serve(args: argparse.Namespace, today: date) -> int:
    from site_builder.commands.serve import serve  # livereload is only needed here

    config, problems = _config(args, today)
    return serve(config, args.port, problems)


def _import(args: argparse.Namespace, today: date) -> int:
    from site_builder.importer.run import BASE_FILE, NEW_FILE_REVIEW, DataFileError, ImportWriteError, run_import

    data_dir = Path(args.data)
    if not data_dir.is_dir():
        print(f"{data_dir}: no such folder of data files", file=sys.stderr)
        return 1
    content = Path(args.content)
    try:
        report = run_import(data_dir, content / "areas", today, keep_conflicts=args.keep_conflicts,
                            base_path=content / BASE_FILE)
    except ImportWriteError as problem:
        print(problem, file=sys.stderr)
        return 1
    except DataFileError as problem:
        print(f"{problem}\nNothing was changed.", file=sys.stderr)
        return 1
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for path in report.created_files:
        print(f"{path}: created; last_reviewed {NEW_FILE_REVIEW}")
    for conflict in report.conflicts:
        print(conflict, file=sys.stderr)
    print(report.summary())
    count = len(report.conflicts)
    if not count:
        return 0
    conflicts = "1 conflict" if count == 1 else f"{count} conflicts"
    if args.keep_conflicts:
        print(f"{conflicts} kept: the files keep your edits, and {content / BASE_FILE} now records the data's "
              "values, so these are not reported again unless the data change.", file=sys.stderr)
        return 0
    print(f"{conflicts}: the files keep your edits (everything else was imported). Check each against its "
          "source: to take the data's value, write it into the file; to keep yours, run the import again "
          "with --keep-conflicts.", file=sys.stderr)
    return 1


def _update(args: argparse.Namespace, today: date) -> int:
    from site_builder.domain.sources import SOURCES_FILE
    from site_builder.importer.update import UpdateError, UpdateWriteError, run_update

    if args.from_dir and not Path(args.from_dir).is_dir():
        print(f"{args.from_dir}: no such folder of downloaded sources", file=sys.stderr)
        return 1
    try:
        result = run_update(Path(args.content), today, from_dir=Path(args.from_dir) if args.from_dir else None,
                            save_dir=Path(args.save) if args.save else None,
                            sources_path=Path(args.sources) if args.sources else SOURCES_FILE, dry_run=args.dry_run,
                            keep_conflicts=args.keep_conflicts)
    except UpdateWriteError as problem:
        print(problem, file=sys.stderr)
        return 1
    except UpdateError as problem:
        print(f"{problem}\nNothing was changed.", file=sys.stderr)
        return 1
    print(result.report, end="")
    if args.report:
        try:
            replace_file(Path(args.report), result.report)
        except OSError as error:
            print(f"{args.report}: the report could not be written ({error.strerror or error})", file=sys.stderr)
            return 1
    if not result.ok:
        print(f"\n{result.message}\nNothing was changed.", file=sys.stderr)
        return 1
    files = "1 file" if len(result.changed) == 1 else f"{len(result.changed)} files"
    print(f"{files} {'would change' if args.dry_run else 'changed'}.", file=sys.stderr)
    return 0


def _new_area(args: argparse.Namespace, today: date) -> int:
    path = new_area_path(Path(args.content) / "areas", args.name)
    if path.exists():
        print(f"{path} already exists; edit it, or choose another name", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path, area_skeleton(args.name, today, args.gss_code, args.region))
    print(f"Wrote {path}. Fill in the values, then run: site-builder check")
    return 0


def _new_event(args: argparse.Namespace, today: date) -> int:
    path = Path(args.content) / "areas" / f"{args.slug}.yaml"
    if not path.exists():
        print(f"{path}: there is no area with that file name", file=sys.stderr)
        return 1
    text = add_event_text(path.read_text("utf-8"), event_skeleton(args.framework, args.kind, args.start, args.source, args.provenance))
    replace_file(path, text)  # all or nothing: the file is a maintainer's work
    print(f"Added an event to {path}. Fill it in, set last_reviewed, then run: site-builder check")
    return 0
