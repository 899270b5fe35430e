"""Preview with live reload: build, serve on 127.0.0.1, rebuild when content or theme change.

A failed rebuild prints the problems and keeps serving the last good site.
"""

from __future__ import annotations

import sys

from livereload import Server

from .build import build_site
from .config import SiteConfig
from .errors import BuildFailed, ContentError, format_report
from .search import SearchIndexFailed


def rebuild(config: SiteConfig, config_problems: list[ContentError] | None = None) -> bool:
    """Build once; on failure print the report and leave the last good site in place."""
    try:
        result = build_site(config, config_problems)
    except BuildFailed as failed:
        print(format_report(failed.problems), file=sys.stderr)
        print("Still showing the last good version of the site. Fix the problem and save again.", file=sys.stderr)
        return False
    except SearchIndexFailed as failed:
        print(f"{failed}. Still showing the last good version of the site.", file=sys.stderr)
        return False
    if result.warnings:
        print(format_report(result.warnings), file=sys.stderr)
    print(f"Built {result.pages} pages.", file=sys.stderr)
    return True


def serve(config: SiteConfig, port: int, config_problems: list[ContentError] | None = None) -> int:
    """Serve until interrupted; returns the exit status."""
    if not rebuild(config, config_problems) and not config.output_dir.exists():
        print("Nothing to serve yet: fix the problems above and run serve again.", file=sys.stderr)
        return 1
    server = Server()
    server.watch(str(config.content_dir), lambda: rebuild(config))
    server.watch(str(config.theme_dir), lambda: rebuild(config))
    print(f"Serving on http://127.0.0.1:{port}{config.base_path}/ (Ctrl+C to stop)", file=sys.stderr)
    server.serve(host="127.0.0.1", port=port, root=str(config.output_dir), open_url_delay=None)
    return 0
