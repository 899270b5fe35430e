"""Hostile Markdown: text that would hang or crash the renderer, and links and images a parent's page must not carry.

Every Markdown text a contributor writes (area notes, guides, notes and summaries, notice
details, glossary definitions) goes through find_markdown_problems in `check` and then
through the renderer in `build`. The guarantee tested here: text over a limit is refused
with its line and a plain message, and text that passes renders quickly and never raises.
(Issue 13, items 4 and 12.)
"""

from __future__ import annotations

import inspect
import pickle
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_builder.content import markdown as markdown_render
from site_builder.errors import BuildFailed
from site_builder.content.markdown import (
    IMAGE_MESSAGE, MAX_CHARACTERS, MarkdownRenderError, find_markdown_problems, link_problem, render_markdown,
)

SECONDS = 2.0
"""Generous: every pattern below renders at its limit in about 0.3 s or less; the point is seconds, not minutes."""


def render(text: str) -> str:
    """Through the site's own path (cache and fast path included), as a build would."""
    markdown_render._render_cached.cache_clear()
    return render_markdown(text, "/portal")[0]


def problems(text: str) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in find_markdown_problems(text)]


# --- 1. Each limit, just over it: refused with its line and exact message ---------------------------------------

NESTED_21 = "\n".join("    " * i + "- item" for i in range(21))
NESTED = "lists and quotes are nested {} levels deep here, and the most is 20; indent less, or start a new list"
WIDE = ("this table row has {} columns, and a table can have at most 50; split the table, or write \\| for a | that is "
        "not between cells")
ITEMS = "this text has more than 500 list items, quotes and table cells, and the most is 500; split it into shorter pieces"
MARKS = ("this text has more than 1,000 of the marks that make emphasis, code, links and line breaks (* _ ` [ < and two "
         "spaces at the end of a line), and the most is 1,000; split it into shorter pieces, or write \\* \\_ \\` \\[ for "
         "ones that are not formatting")
BRACKETS = ("too many [ here are left without a ] or nested inside each other, and the page would take too long to build; "
            "close each link's text with ], or write \\[ for a bracket that is not part of a link")

OVER_LIMITS = [
    ("too long", "Intro.\n\n" + "word " * 20_001,
     3, "this text is 100,013 characters long, and the most is 100,000; split it into shorter pieces"),
    ("too many lines", "A line.\n" * 1_001,
     1_001, "this text has more than 1,000 lines, and the most is 1,000; split it into shorter pieces"),
    ("a list nested 21 deep", "Intro.\n\n" + NESTED_21, 23, NESTED.format(21)),
    ("a list nested 400 deep, by tabs", "\n".join("\t" * i + "- item" for i in range(400)), 21, NESTED.format(21)),
    ("quotes nested 21 deep", "Intro.\n\n" + "> " * 21 + "words", 3, NESTED.format(21)),
    ("a list nested 600 deep on one line", "- " * 600 + "words", 1, NESTED.format(600)),
    ("a table 51 columns wide", "Intro.\n\n" + "|".join("h" * 51) + "\n" + "|".join("-" * 51), 3, WIDE.format(51)),
    ("a table row 40,000 columns wide", "|".join("h" * 40_000), 1, WIDE.format(40000)),
    ("tables of more than 500 cells", "| a | b | c | d | e |\n|-|-|-|-|-|\n" + "| 1 | 2 | 3 | 4 | 5 |\n" * 100,
     101, ITEMS),
    ("more than 500 list items", "- an item\n" * 600, 501, ITEMS),
    ("lists and quotes opened many times a line", "1. 1. 1. >1. 1. 1. 1. 1. 1. >\n" * 100, 46, ITEMS),
    ("1,001 stars", "Intro.\n\nA " + "*" * 1_001, 3, MARKS),
    ("2,000 backticks", "Intro.\n\n" + "`" * 2_000 + " " + "` " * 2_000, 3, MARKS),
    ("1,001 links", "[a link](/x) and [another](/y)\n" * 501, 501, MARKS),
    ("1,001 autolinks", ("<https://example.org/> " * 100 + "\n") * 11, 11, MARKS),
    ("30,000 [ in a notes file", "Intro.\n\n" + "[" * 30_000, 3, BRACKETS),
    ("[ and ]( 1,000 times each", "[" * 1_000 + "](" * 1_000, 1, BRACKETS),
    ("a bracket nested 600 deep", "[" * 600 + "a" + "]" * 600 + "(/x)", 1, BRACKETS),
    ("3,000 escaped stars", "\\*" * 3_000, 1, "this text has more than 5,000 formatting characters (* _ ` [ < ' \" & \\ ! "
     "-- ...), and the most is 5,000; split it into shorter pieces"),
    ("3,000 apostrophes in a paragraph", "'" * 3_000,
     1, "this paragraph has too much formatting for its length (3,000 of the characters * _ ` ' \" \\ [ ! < & in "
        "3,000 characters), and the page would take too long to build; split long paragraphs with blank lines, or "
        "use fewer of these characters"),
]


@pytest.mark.parametrize("name, text, line, message", OVER_LIMITS, ids=[case[0] for case in OVER_LIMITS])
def test_over_a_limit_is_refused_with_line_and_message(name, text, line, message):
    started = time.perf_counter()
    assert problems(text) == [(line, message)]
    assert time.perf_counter() - started < SECONDS


@pytest.mark.parametrize("name, text, line, message", OVER_LIMITS, ids=[case[0] for case in OVER_LIMITS])
def test_the_renderer_refuses_what_check_refuses_as_too_much(name, text, line, message):
    """Unchecked text over a limit never reaches Python-Markdown: one exception, with the same line and message."""
    started = time.perf_counter()
    with pytest.raises(MarkdownRenderError) as refused:
        render(text)
    assert (refused.value.line, refused.value.message) == (line, message)
    assert time.perf_counter() - started < SECONDS


# --- 2. At the limit: passes the check, renders in bounded time, never raises -------------------------------------

def _nested(depth: int, line: str) -> str:
    return "\n".join("    " * min(i, depth - 1) + line for i in range(20)) + "\n\n"


HOSTILE = {
    # brackets: an unclosed [ makes the renderer read on to the end of its paragraph, in Python
    "open brackets": lambda n: "[" * n,
    "open brackets with words": lambda n: "[a " * n,
    "links without a )": lambda n: "[a](/x " * n,
    "[ then ](": lambda n: "[" * n + "](/" * n,
    "nested brackets": lambda n: "[" * n + "a" + "]" * n,
    "nested links": lambda n: "[" * n + "a" + "](/x)" * n,
    "escaped ! before [": lambda n: "\\![" * n,
    "code in open brackets": lambda n: "[`a` " * n,
    "link definitions": lambda n: "\n".join(f"[r{i}]: /x{i}" for i in range(n)) + "\n\n" + " ".join(f"[a][r{i}]" for i in range(n)),
    "a long link definition": lambda n: "[r]: /" + "a" * n + "\n\n[x][r]",
    "many links": lambda n: "[a link](/guides/x/) " * n,
    # backticks, emphasis, quotes, escapes, entities
    "backticks": lambda n: "`" * n,
    "spaced backticks": lambda n: "` " * n,
    "uneven backticks": lambda n: "``a`" * n,
    "stars": lambda n: "*" * n,
    "star words": lambda n: "*a" * n,
    "open stars": lambda n: " *a" * n,
    "stars and underscores": lambda n: "*_" * n,
    "nested emphasis": lambda n: "*" * n + "a" + "*" * n,
    "alternating emphasis": lambda n: "*a _b " * n + "c" + "_ *" * n,
    "underscore words": lambda n: "_a" * n,
    "bold words": lambda n: "**a** " * n,
    "double quotes": lambda n: '"' * n,
    "apostrophes": lambda n: "'" * n,
    "backslashes": lambda n: "\\" * n,
    "escaped stars": lambda n: "\\*" * n,
    "entities": lambda n: "&amp;" * n,
    "less-than signs": lambda n: "<" * n,
    "dashes": lambda n: "--" * n,
    "ellipses": lambda n: "..." * n,
    "line breaks": lambda n: "a  \n" * n,
    # blocks
    "paragraphs": lambda n: "a\n\n" * n,
    "list items": lambda n: "- a\n" * n,
    "a loose list": lambda n: "- a\n\n" * n,
    "headings": lambda n: "# a\n\n" * n,
    "rules": lambda n: "***\n\n" * n,
    "indented blocks after a list": lambda n: "- a\n\n" + "    b [c\n\n" * n,
    "a wide table": lambda n: "|".join("a" * n) + "\n" + "|".join("-" * n) + "\n" + "|".join("b" * n),
    "a long table": lambda n: "\n".join(["|" + "a|" * 50, "|" + "-|" * 50] + ["|" + "b|" * 50] * n),
    # nesting
    "a nested list": lambda n: "\n".join("    " * i + "- a" for i in range(n)),
    "nested lists, many": lambda n: _nested(20, "- a [b](/c) *d*") * n,
    "nested quotes": lambda n: "\n".join("> " * i + "a" for i in range(1, n + 1)),
    "nested quotes, many": lambda n: ("\n".join("> " * 20 + "a *b* [c](/d)" for _ in range(20)) + "\n\n") * n,
    "list markers on one line": lambda n: "- " * n + "a",
    "numbers on one line": lambda n: "1. " * n + "a",
    "quote marks on one line": lambda n: ">" * n + "a",
    "a list of nested emphasis": lambda n: "\n".join("    " * i + "- a" for i in range(19)) + "\n" + "    " * 19 + "- "
                                           + "*" * n + "a" + "*" * n,
    # plain, and the fast path's own patterns
    "plain words": lambda n: "word " * n,
    "almost plain, with an open [": lambda n: "A [" + "b" * n,
    "almost plain, dots": lambda n: "A" + " b." * n + "..",
}


def largest_passing(make) -> int:
    """The largest n (to within 2%) for which make(n) passes the check: the pattern at its limit."""
    low, high = 1, 2
    assert find_markdown_problems(make(low)) == []
    while not find_markdown_problems(make(high)):
        low, high = high, high * 2
    while high - low > max(1, low // 50):
        middle = (low + high) // 2
        if find_markdown_problems(make(middle)):
            high = middle
        else:
            low = middle
    return low


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_pattern_at_its_limit_renders_quickly(name):
    make = HOSTILE[name]
    n = largest_passing(make)
    text = make(n)
    assert len(text) <= MAX_CHARACTERS
    started = time.perf_counter()
    assert find_markdown_problems(text) == []
    render(text)
    assert time.perf_counter() - started < SECONDS, f"{name} at n={n} took too long"
    assert find_markdown_problems(make(2 * n + 1)), "twice as much must be refused"


@pytest.mark.parametrize("name", ["nested emphasis", "alternating emphasis", "a list of nested emphasis",
                                  "nested lists, many", "list markers on one line", "nested quotes, many"])
def test_nesting_at_its_limit_leaves_half_the_stack(name):
    """A page is rendered from inside templates and worker processes: checked text needs at most half the default
    recursion limit of 1,000 frames."""
    text = HOSTILE[name](largest_passing(HOSTILE[name]))
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack(0)) + 500)
    try:
        render(text)
    finally:
        sys.setrecursionlimit(limit)


# --- 3. The renderer on unchecked text: one exception type, never a hang or a RecursionError ----------------------

def test_renderer_turns_any_failure_into_markdown_render_error(monkeypatch):
    renderer = markdown_render.shared_renderer("/portal")

    def crash(text):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(renderer, "convert", crash)
    with pytest.raises(MarkdownRenderError) as failed:
        render("Some *text* that is not plain.")
    assert failed.value.line == 1
    assert failed.value.message == ("this Markdown could not be turned into a page (RecursionError); simplify the "
                                    "lines here, and report the problem if it stays")
    assert isinstance(failed.value.__cause__, RecursionError)
    assert markdown_render.shared_renderer("/portal") is not renderer  # a half-used renderer is not reused
    assert "<em>text</em>" in render("Some *text* that is not plain.")


def test_markdown_render_error_crosses_process_boundaries():
    error = MarkdownRenderError(3, "a message")
    copied = pickle.loads(pickle.dumps(error))
    assert (copied.line, copied.message, str(copied)) == (3, "a message", "line 3: a message")


# --- 4. Links and images: check refuses them, and the renderer drops the same ones ----------------------------------

JAVASCRIPT = "links must start with https:// or /, found a javascript: link"

UNSAFE = [
    ("reference link to javascript:", "[click][r]\n\n[r]: javascript:alert(1)", 3, JAVASCRIPT),
    ("reference with its address on the next line", "[click][r]\n\n[r]:\n    javascript:alert(1)", 3, JAVASCRIPT),
    ("reference in a quote, in <>", "[click][r]\n\n> [r]: <data:text/html,hi>", 3,
     "links must start with https:// or /, found a data: link"),
    ("reference to vbscript:", "[click][r]\n\n[r]: vbscript:msgbox", 3,
     "links must start with https:// or /, found a vbscript: link"),
    ("hex entity in the scheme", "Intro.\n\n[click](jav&#x61;script:alert(1))", 3, JAVASCRIPT),
    ("decimal entity in the scheme", "[click](&#106;avascript:alert(1))", 1, JAVASCRIPT),
    ("named entity for the colon", "[click](javascript&colon;alert(1))", 1, JAVASCRIPT),
    ("tab in the scheme", "[click](java\tscript:alert(1))", 1, JAVASCRIPT),
    ("tab as an entity", "[click](java&#x09;script:alert(1))", 1, JAVASCRIPT),
    ("newline in the scheme, reference", "[click][r]\n\n[r]: java&#10;script:alert(1)", 3, JAVASCRIPT),
    ("upper case", "[click](JAVASCRIPT:alert(1))", 1, JAVASCRIPT),
    ("leading spaces", "[click](   javascript:alert(1))", 1, JAVASCRIPT),
    ("in angle brackets", "[click](<javascript:alert(1)>)", 1, JAVASCRIPT),
    ("data: link", "[img](data:text/html;base64,xx)", 1, "links must start with https:// or /, found a data: link"),
    ("autolink to javascript:", "See <javascript:alert(1)>", 1, JAVASCRIPT),
    ("autolink to javascript://", "See <javascript://%0aalert(1)>", 1, JAVASCRIPT),
    ("remote image", "Look: ![pixel](https://tracker.example/pixel.gif)", 1, IMAGE_MESSAGE),
    ("reference-style image", "![pixel][p]\n\n[p]: https://tracker.example/pixel.gif", 1, IMAGE_MESSAGE),
    ("site-relative image", "![logo](/static/logo.png)", 1, IMAGE_MESSAGE),
    ("mailto with cc", "[write](mailto:a@example.org?cc=b@example.org)", 1,
     "a mailto: link can only give the address, found '?cc=b@example.org' after it; remove the ? and everything after it"),
    ("mailto with bcc, as an entity", "[write](mailto:a@example.org&#63;bcc=b@example.org)", 1,
     "a mailto: link can only give the address, found '?bcc=b@example.org' after it; remove the ? and everything "
     "after it"),
    ("mailto with a body", "[write](mailto:a@example.org?body=Hello)", 1,
     "a mailto: link can only give the address, found '?body=Hello' after it; remove the ? and everything after it"),
    ("email autolink with cc", "Write to <a@example.org?cc=b@example.org>", 1,
     "a mailto: link can only give the address, found '?cc=b@example.org' after it; remove the ? and everything after it"),
    ("protocol-relative", "[elsewhere](//tracker.example/x)", 1,
     "links must start with https:// or /, found '//tracker.example/x'; write the whole address, starting with https://"),
    ("backslash after /", "[elsewhere](/\\tracker.example/x)", 1,
     "links must start with https:// or /, found '/\\\\tracker.example/x'; write the whole address, starting with "
     "https://"),
    ("no address", "[nothing]()", 1, "this link has no address; give one starting with https:// or /"),
    ("a relative file name", "[guide](guide.md)", 1, "links must start with https:// or /, found 'guide.md'"),
    ("raw HTML", "Line one<br>line two", 1,
     "raw HTML is not allowed in Markdown, found '<br>'; use Markdown instead (for a line break, leave a blank line)"),
]


@pytest.mark.parametrize("name, text, line, message", UNSAFE, ids=[case[0] for case in UNSAFE])
def test_unsafe_link_or_image_is_refused_and_dropped(name, text, line, message):
    assert problems(text) == [(line, message)]
    html = render(text)
    assert "href" not in html and "<img" not in html and "<br" not in html


SAFE = [  # (text, how many links it has)
    ("See [the guide](/guides/outcomes/).", 1),
    ("See [the glossary](/glossary/#wsoa) and [Ofsted](https://www.gov.uk/government/organisations/ofsted).", 2),
    ("[Upper case](HTTPS://EXAMPLE.ORG/A) and [plain http](http://example.org/).", 2),
    ("[Nested parentheses](https://en.wikipedia.org/wiki/Ofsted_(disambiguation)) work.", 1),
    ('[With a title](/guides/x/ "Why? Because.") and [mail](mailto:team@example.org "Any questions?").', 2),
    ("[A phone number](tel:+441234567890) and [a section](#heading).", 2),
    ("Write to <team@example.org> or see <https://example.org/>.", 2),
    ("[A reference][r] link.\n\n[r]: https://example.org/", 1),
    ("Code is not a link: `[x](javascript:alert(1))` and `<script>`, nor is \\![an escaped](/x) image.", 1),
    ("An unclosed [bracket, and a [closed one] too.", 0),
]


@pytest.mark.parametrize("text, links", SAFE)
def test_safe_links_pass_and_keep_their_address(text, links):
    assert problems(text) == []
    html = render(text)
    assert html.count("<a ") == html.count("<a href=") == links
    assert "javascript" not in html.replace("<code>[x](javascript:alert(1))</code>", "")


ADDRESSES = ["/ok", "https://ok.example", "HTTPS://OK.EXAMPLE", "#top", "./x", "../x", "mailto:a@b.example",
             "tel:123", "javascript:alert(1)", "JaVaScRiPt:alert(1)", "jav&#x61;script:x", "&#106;avascript:x",
             "java\tscript:x", "java&#10;script:x", " javascript:x", "data:text/html,x", "vbscript:x", "file:///etc/passwd",
             "//evil.example", "/\\evil.example", "&#47;&#47;evil.example", "mailto:a@b?cc=c", "mailto:a@b&#63;cc=c",
             "guide.md", "ftp://x.example", "javascript&colon;x", "&#x6A;avascript:x", "\x01javascript:x"]


@pytest.mark.parametrize("address", ADDRESSES)
def test_check_and_renderer_share_one_rule(address):
    """The same address is refused by check exactly when the renderer drops it."""
    text = f"[x]({address})" if " " not in address else f"[x](<{address}>)"
    refused = bool(find_markdown_problems(text))
    kept = "href=" in render(text)
    assert refused == (link_problem(address) is not None) == (not kept)


# --- 5. Through the builder and the command line: file:line: message, exit 1, no traceback -------------------------

NOTES = "content/areas/south-oldshire.md"
BRACKETS = "too many [ here are left without a ] or nested inside each other"


def test_build_refuses_30000_brackets_in_notes_with_file_and_line(make_site):
    site = make_site({"areas/south-oldshire.md": "Fine notes.\n\n" + "[" * 30_000 + "\n"})
    started = time.perf_counter()
    with pytest.raises(BuildFailed) as failed:
        site.build()
    assert time.perf_counter() - started < 10 * SECONDS
    [problem] = failed.value.problems
    assert (problem.path.name, problem.line) == ("south-oldshire.md", 3)
    assert problem.format().endswith(f"south-oldshire.md:3: {BRACKETS}, and the page would take too long to build; "
                                     "close each link's text with ], or write \\[ for a bracket that is not part of a link")
    assert not site.output_dir.exists()


def test_build_refuses_a_deep_list_in_a_guide_with_the_files_line(make_site):
    guide = "guides/what-is-an-inspection.md"
    site = make_site()
    text = (site.content_dir / guide).read_text("utf-8")
    site.write(guide, text + "\n" + "\n".join("\t" * i + "- deeper" for i in range(300)) + "\n")
    body_end = text.count("\n") + 1
    with pytest.raises(BuildFailed) as failed:
        site.build()
    assert [(p.path.name, p.line, p.message.split(";")[0]) for p in failed.value.problems] == [
        ("what-is-an-inspection.md", body_end + 21, "lists and quotes are nested 21 levels deep here, and the most is 20")]


@pytest.mark.parametrize("command", ["check", "build"])
def test_command_line_exits_1_with_file_line_message(make_site, command):
    site = make_site({"areas/south-oldshire.md": "Fine notes.\n\n" + "[" * 30_000 + "\n"})
    arguments = [sys.executable, "-m", "site_builder", command, "--content", "content", "--today", "2026-11-23"]
    if command == "build":
        arguments += ["--output", "output", "--no-search"]
    started = time.perf_counter()
    done = subprocess.run(arguments, cwd=site.root, capture_output=True, text=True, timeout=60,
                          env={"PYTHONPATH": str(Path(__file__).resolve().parent.parent), "PATH": "/usr/bin:/bin"})
    assert time.perf_counter() - started < 30
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert f"{NOTES}:3: {BRACKETS}" in done.stderr


# --- 6. Random hostile text: whatever passes the check renders quickly and never raises ----------------------------

PIECES = ["[", "]", "(", ")", "*", "_", "`", "\\", "<", ">", "&", "!", "#", "-", "|", '"', "'", " ", "\n", "\n\n",
          "    ", "- ", "1. ", "> ", "a", "word ", "](", "](/x", "**", "&amp;", "<a@b.example>", "<https://x.example>",
          "...", "--", "  \n", "\t", "[r]: /x\n", "[r]", "![", "javascript:", "&#106;"]


def test_random_hostile_text_that_passes_renders_quickly():
    rng = random.Random(13)
    rendered = 0
    for _ in range(300):
        alphabet = rng.sample(PIECES, rng.randint(2, 8))
        unit = "".join(rng.choices(alphabet, k=rng.randint(1, 30)))
        text = (unit * (rng.choice([50, 500, 5_000]) // len(unit) + 1))[:5_000]
        if find_markdown_problems(text):
            continue
        started = time.perf_counter()
        html = render(text)
        assert time.perf_counter() - started < SECONDS, repr(text[:200])
        assert "<img" not in html and "<script" not in html
        assert [address for address in re.findall(r'href="([^"]*)"', html) if link_problem(address)] == []
        rendered += 1
    assert rendered > 100
