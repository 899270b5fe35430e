"""Preview with live reload: build, serve on 127.0.0.1, rebuild when content or theme change.

A rebuild after an edit rewrites only the pages the edit changes (rebuild.py). A
failed rebuild prints the problems, keeps serving the last good site and shows the same
problems in a banner at the top of every page, until a rebuild succeeds; live reload
refreshes the browser after every rebuild, so the banner comes and goes by itself.
"""

from __future__ import annotations

import html
import sys
import time
from pathlib import Path

from livereload import Server
from livereload.handlers import StaticFileHandler

from site_builder.commands.area_cache import file_stamp
from site_builder.config import SiteConfig, load_config
from site_builder.errors import BuildFailed, ContentError, format_report
from site_builder.commands.rebuild import PreviewState, update_site
from site_builder.output.search import SearchIndexFailed
from site_builder.output.write import clear_problem_report, problem_report_path, write_problem_report


def rebuild(config: SiteConfig, config_problems: list[ContentError] | None = None, state: PreviewState | None = None) -> bool:
    """Build once (only what changed, given the last build's state); on failure report the problems and keep the last good site."""
    started = time.perf_counter()
    try:
        result = update_site(config, config_problems, state if state is not None else PreviewState())
    except BuildFailed as failed:
        report = format_report(failed.problems)
        return _failed(config, report, f"{report}\nStill showing the last good version of the site. Fix the problem and save again.")
    except SearchIndexFailed as failed:
        if failed.pages_written:  # the pages are current: say exactly and only that search is stale
            report = f"{failed}. The pages show your change; only search results may be out of date until the next save."
            print(report, file=sys.stderr)
            write_problem_report(config.output_dir, f"{SEARCH_STALE}\n{report}")
            return True
        return _failed(config, str(failed), f"{failed}. Still showing the last good version of the site.")
    clear_problem_report(config.output_dir)
    if result.warnings:
        print(format_report(result.warnings), file=sys.stderr)
    took = f"in {(time.perf_counter() - started) * 1000:.0f} ms"
    what = f"Built {result.pages} pages" if result.rewritten is None else f"Rewrote {result.rewritten} changed files"
    print(f"{what} {took}.", file=sys.stderr)
    return True


def _failed(config: SiteConfig, report: str, message: str) -> bool:
    print(message, file=sys.stderr)
    write_problem_report(config.output_dir, f"{NOT_REBUILT}\n{report}")  # the banner's title, then the problems
    return False


NOT_REBUILT = "The site did not rebuild: this is the last good version"
SEARCH_STALE = "Search could not be updated: the pages are current, search results may not be"


def error_banner(report: str, title: str = NOT_REBUILT) -> str:
    """The banner a failed rebuild puts at the top of every previewed page (inline styles: the theme may be what broke)."""
    return ('<div role="alert" id="build-problems" style="margin:0;padding:16px;background:#fff0f0;color:#1a1a1a;'
            'border:5px solid #d4351c;font:16px/1.4 sans-serif">'
            f'<h2 style="margin:0 0 8px;font-size:20px">{html.escape(title)}</h2>'
            f'<pre style="white-space:pre-wrap;margin:0 0 8px;font:14px/1.4 monospace">{html.escape(report)}</pre>'
            '<p style="margin:0">Fix the problem and save: this page reloads by itself.</p></div>')


def with_banner(page: bytes, report: str, title: str = NOT_REBUILT) -> bytes:
    """The page with the problem banner just after <body ...>, or at the very top if there is none."""
    banner = error_banner(report, title).encode("utf-8")
    start = page.find(b"<body")
    end = page.find(b">", start) + 1 if start >= 0 else 0
    return page[:end] + banner + page[end:]


def preview_handler(output_dir: Path) -> type[StaticFileHandler]:
    """livereload's file handler, adding the banner to HTML pages while the last rebuild has failed."""
    report_path = problem_report_path(output_dir)

    class PreviewFileHandler(StaticFileHandler):
        @classmethod
        def get_content(cls, abspath: str, start: int | None = None, end: int | None = None):  # type: ignore[override]
            page = _page_with_report(abspath, report_path)
            return page if page is not None else super().get_content(abspath, start, end)

        def get_content_size(self) -> int:
            page = _page_with_report(self.absolute_path, report_path)
            return len(page) if page is not None else super().get_content_size()

    return PreviewFileHandler


def _page_with_report(abspath: str, report_path: Path) -> bytes | None:
    if not abspath.endswith(".html") or not report_path.exists():
        return None
    title, _, report = report_path.read_text("utf-8").partition("\n")
    return with_banner(Path(abspath).read_bytes(), report, title)


def serve(config: SiteConfig, port: int, config_problems: list[ContentError] | None = None) -> int:
    """Serve until interrupted; returns the exit status."""
    state = PreviewState()
    settings = {"config": config, "problems": config_problems, "stamp": file_stamp(config.content_dir / "site.yaml")}

    def on_change() -> None:
        stamp = file_stamp(config.content_dir / "site.yaml")
        if stamp != settings["stamp"]:  # read site.yaml again; a new config means a full build
            settings["stamp"] = stamp
            settings["config"], settings["problems"] = load_config(
                config.content_dir, config.output_dir, config.today, search=config.search, theme_dir=config.theme_dir)
        rebuild(settings["config"], settings["problems"], state)

    if not rebuild(config, config_problems, state) and not config.output_dir.exists():
        print("Nothing to serve yet: fix the problems above and run serve again.", file=sys.stderr)
        return 1
    server = Server()
    server.SFH = preview_handler(config.output_dir)
    server.watch(str(config.content_dir), on_change)
    server.watch(str(config.theme_dir), on_change)
    print(f"Serving on http://127.0.0.1:{port}{config.base_path}/ (Ctrl+C to stop)", file=sys.stderr)
    server.serve(host="127.0.0.1", port=port, root=str(config.output_dir), open_url_delay=None)
    return 0
