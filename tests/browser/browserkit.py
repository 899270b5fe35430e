"""Helpers for the browser tests: the served site, emulation, axe-core and waiting (fixtures are in conftest.py)."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import date
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

try:
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select
except ImportError:  # the `driver` fixture skips (or fails under REQUIRE_BROWSER) and says why
    Keys = Select = None

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BASE_PATH = "/portal"
TODAY = date(2026, 11, 23)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROME_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--lang=en-GB", "--window-size=1280,900",
]
DESKTOP = (1280, 900)


def require_browser() -> bool:
    """True when missing browser tools must fail the run (CI) rather than skip the tests."""
    return os.environ.get("REQUIRE_BROWSER", "") not in ("", "0", "false", "no")


def missing(reason: str) -> None:
    """Skip with `reason`, or fail under REQUIRE_BROWSER=1."""
    if require_browser():
        pytest.fail(f"{reason} (REQUIRE_BROWSER is set, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


def find_program(env_var: str, *names: str) -> str | None:
    """$env_var if set (None if it names no program), else the first of `names` on PATH."""
    if os.environ.get(env_var):
        return shutil.which(os.environ[env_var])
    for name in names:
        if found := shutil.which(name):
            return found
    return None


# ---------------------------------------------------------------- the site and its server


@dataclass(frozen=True)
class ServedSite:
    """The fixture site built into `output_dir` and served at `base` (http://127.0.0.1:PORT/portal)."""

    output_dir: Path
    base: str

    def url(self, path: str) -> str:
        """Full address of a site-relative path like /areas/ or /search/?q=x."""
        return self.base + path

    def pages(self) -> list[str]:
        """Site-relative address of every HTML page, except redirect stubs and Pagefind's files."""
        found = []
        for file in sorted(self.output_dir.rglob("*.html")):
            rel = file.relative_to(self.output_dir)
            if rel.parts[0] == "pagefind" or 'http-equiv="refresh"' in file.read_text("utf-8"):
                continue
            path = "/" + rel.as_posix()
            found.append(path.removesuffix("index.html"))
        return found


class PortalHandler(SimpleHTTPRequestHandler):
    """Serve `directory` under /portal/ only, with 404.html for anything missing (like GitHub Pages)."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript",
                      ".mjs": "text/javascript", ".wasm": "application/wasm", ".css": "text/css",
                      ".json": "application/json", ".xml": "application/xml"}

    def translate_path(self, path: str) -> str:
        parts = urlsplit(path)
        route = unquote(parts.path)
        if route != BASE_PATH and not route.startswith(BASE_PATH + "/"):
            return os.path.join(self.directory, "__outside-portal__", "missing")
        return super().translate_path(route[len(BASE_PATH):] or "/")

    missed: list[str] = []
    """Every path answered with 404, in order, for tests that check a page asks for nothing missing."""

    def send_error(self, code, message=None, explain=None):
        if code == 404:
            PortalHandler.missed.append(self.path)
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):  # keep the test output quiet
        pass


def reset_emulation(driver) -> None:
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.execute_cdp_cmd("Emulation.setScrollbarsHidden", {"hidden": False})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
    driver.set_window_size(*DESKTOP)


def emulate_dark(driver) -> None:
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})


def disable_javascript(driver) -> None:
    """Load the next pages as a browser with JavaScript turned off (reset_emulation turns it back on)."""
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})


PHONE = (390, 844)
"""A phone's viewport in CSS px (an iPhone 12 to 14): the issue's 'two screens' are 2 x 844 px."""


def emulate_width(driver, width: int, height: int = 800) -> None:
    """A viewport `width` CSS px wide, all of it for the page (scrollbars overlay it, as on a phone)."""
    driver.set_window_size(width, height)
    driver.execute_cdp_cmd("Emulation.setScrollbarsHidden", {"hidden": True})
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


AXE_RUN = """
var done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]}, resultTypes: ["violations"]})
  .then(function (r) {
    done({version: axe.version, violations: r.violations.map(function (v) {
      return {id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
              nodes: v.nodes.map(function (n) {
                return {target: n.target, summary: n.failureSummary, html: n.html.slice(0, 200)};
              })};
    })});
  }, function (e) { done({error: String(e)}); });
"""


def run_axe(driver, axe_source: str) -> dict:
    """Run axe-core on the loaded page for WCAG 2.0, 2.1 and 2.2 A and AA: {version, violations}."""
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(axe_source)
    result = driver.execute_async_script(AXE_RUN, AXE_TAGS)
    if "error" in result:
        raise AssertionError(f"axe-core failed on {driver.current_url}: {result['error']}")
    return result


def format_violations(page: str, violations: list[dict]) -> str:
    """Rule id, impact, help and every failing node's selector, for one page."""
    lines = [f"{page}: {len(violations)} axe violation(s)"]
    for v in violations:
        lines.append(f"  [{v['id']}] ({v['impact']}) {v['help']}  <{v['helpUrl']}>")
        for node in v["nodes"]:
            selector = " ".join(json.dumps(t) if not isinstance(t, str) else t for t in node["target"])
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"      - {selector}\n          {node['html']}\n          {summary}")
    return "\n".join(lines)


# ---------------------------------------------------------------- driving pages


def open_page(driver, site: ServedSite, path: str) -> None:
    """Load a page; on /search/?q=... also wait until the search has finished."""
    driver.get(site.url(path))
    query = parse_qs(urlsplit(path).query).get("q", [""])[0]
    if path.startswith("/search/") and query:
        wait_for_search(driver, query=query)


def wait_for(driver, script: str, timeout: float = 10, message: str = "") -> object:
    """Poll a JavaScript expression (`return ...`) until it is truthy; return its value."""
    from selenium.common.exceptions import JavascriptException, TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:  # a script may fail while a new page is loading: try again until the timeout
        return WebDriverWait(driver, timeout, poll_frequency=0.05, ignored_exceptions=(JavascriptException,)).until(
            lambda d: d.execute_script(script))
    except TimeoutException:
        raise AssertionError(f"timed out after {timeout}s waiting for: {message or script} (at {driver.current_url})") from None


SEARCH_DONE = """
var s = document.getElementById("search-status");
var t = s ? s.textContent : "";
var done = t && t !== "Searching\u2026" && t !== arguments[0] && t.indexOf(arguments[1]) !== -1;
return done ? t : null;
"""


def wait_for_search(driver, previous: str | None = None, query: str = "") -> str:
    """Wait until the status region reports a finished search (for `query`, and not still saying `previous`)."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    wanted = f"\u201c{query}\u201d" if query else ""
    try:
        return WebDriverWait(driver, 15, poll_frequency=0.05).until(
            lambda d: d.execute_script(SEARCH_DONE, previous, wanted))
    except TimeoutException:
        status = driver.execute_script("var s = document.getElementById('search-status'); return s && s.textContent;")
        raise AssertionError(f"search did not finish at {driver.current_url}; status: {status!r}") from None


def press(driver, *keys) -> None:
    """Send keys to whatever has focus, as a keyboard user would."""
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(*keys).perform()


DESCRIBE_ACTIVE = """
var e = document.activeElement;
if (!e || e === document.body) { return null; }
var d = e.tagName.toLowerCase();
if (e.id) { d += "#" + e.id; }
if (e.className && typeof e.className === "string") { d += "." + e.className.trim().split(/\\s+/).join("."); }
var text = (e.textContent || e.value || "").trim().replace(/\\s+/g, " ").slice(0, 60);
var href = e.getAttribute("href");
return d + (href ? " href=" + href : "") + (text ? " \u201c" + text + "\u201d" : "");
"""


def describe_active(driver) -> str | None:
    """A short description of the focused element, or None when nothing (the body) has focus."""
    return driver.execute_script(DESCRIBE_ACTIVE)


# ---------------------------------------------------------------- layout

# How wide the page is, and which elements stick out past the viewport's right edge.
OVERFLOW = """
var d = document.documentElement, w = d.clientWidth;
var wide = [];
if (d.scrollWidth > w) {
  document.querySelectorAll("body *").forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > w + 0.5) {
      wide.push(e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
        (typeof e.className === "string" && e.className ? "." + e.className.trim().split(/\\s+/).join(".") : "") +
        " right=" + Math.round(r.right));
    }
  });
}
return {scroll: d.scrollWidth, client: w, inner: window.innerWidth, wide: wide.slice(0, 8)};
"""

# Links and buttons in header, nav and footer smaller than 24x24 CSS px and not inline in a sentence.
SMALL_TARGETS = """
function describe(e) {
  var text = (e.textContent || e.value || e.getAttribute("aria-label") || "").trim().replace(/\\s+/g, " ").slice(0, 40);
  return e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + " \\u201c" + text + "\\u201d";
}
function inSentence(e) {
  if (getComputedStyle(e).display !== "inline") { return false; }
  var block = e.parentElement;
  while (block && getComputedStyle(block).display === "inline") { block = block.parentElement; }
  var rest = block.cloneNode(true);
  rest.querySelectorAll("a, button").forEach(function (x) { x.remove(); });
  return /[A-Za-z]{3,}/.test(rest.textContent);
}
var small = [];
document.querySelectorAll("header a, header button, header input, header select, header summary, " +
                          "nav a, nav button, footer a, footer button").forEach(function (e) {
  var r = e.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) { return; }
  if (r.width >= 24 && r.height >= 24) { return; }
  if (inSentence(e)) { return; }
  small.push(describe(e) + " is " + r.width.toFixed(1) + "x" + r.height.toFixed(1));
});
return small;
"""
