"""Every page of the shipped site and of the browser fixture site passes the W3C Nu HTML checker.

The checker is vnu.jar from the npm package vnu-jar (package.json, `npm ci`), run with Java;
one run checks every page of a site. Warnings are not failures; errors are.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .browserkit import ROOT, VNU_JAR, find_program, missing


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    """The command that runs the Nu HTML checker."""
    java = find_program("JAVA", "java")
    if not java:
        missing("Java is not installed (Debian: apt-get install default-jre-headless); the Nu HTML checker needs it")
    if not VNU_JAR.is_file():
        missing(f"the Nu HTML checker is not installed ({VNU_JAR.relative_to(ROOT)} is missing): run `npm ci` or scripts/setup")
    return [java, "-Xss8m", "-jar", str(VNU_JAR)]


def html_errors(vnu: list[str], site_dir: Path) -> tuple[int, list[str]]:
    """Check every HTML page under site_dir (not Pagefind's); return (pages checked, error lines)."""
    pages = sorted(p for p in site_dir.rglob("*.html") if "pagefind" not in p.relative_to(site_dir).parts)
    assert pages, f"no pages in {site_dir}"
    run = subprocess.run([*vnu, "--errors-only", "--format", "json", *map(str, pages)],
                         capture_output=True, text=True, timeout=600)
    try:
        messages = json.loads(run.stderr or run.stdout)["messages"]
    except (ValueError, KeyError):
        raise AssertionError(f"the Nu HTML checker did not report (exit {run.returncode}):\n{run.stderr[-3000:]}") from None
    errors = []
    for m in messages:
        if m.get("type") in ("error", "non-document-error"):
            where = Path(m.get("url", "").removeprefix("file:")).relative_to(site_dir) if m.get("url") else "?"
            extract = " ".join(m.get("extract", "").split())[:160]
            errors.append(f"{where}:{m.get('lastLine', '?')}: {m.get('message')}\n      {extract}")
    assert errors or run.returncode == 0, f"the Nu HTML checker failed (exit {run.returncode}):\n{run.stderr[-3000:]}"
    return len(pages), errors


def test_shipped_site_is_valid_html(vnu, tmp_path):
    """Build content/ exactly as the README does, and check every page."""
    output = tmp_path / "site"
    build = subprocess.run([sys.executable, "-m", "site_builder", "build", "--content", "content",
                            "--output", str(output), "--no-search"],
                           cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stdout + build.stderr
    checked, errors = html_errors(vnu, output)
    assert checked > 100, f"only {checked} pages in the shipped site?"
    assert not errors, f"{len(errors)} HTML error(s) in the shipped site:\n  " + "\n  ".join(errors)


def test_fixture_site_is_valid_html(vnu, browser_site_dir):
    checked, errors = html_errors(vnu, browser_site_dir)
    assert checked > 20
    assert not errors, f"{len(errors)} HTML error(s) in the browser fixture site:\n  " + "\n  ".join(errors)
