"""Plain-English checks for the parents' guides and the glossary.

Runs over every ``content/guides/*.md`` in this repository and over
``content/glossary.yaml``. Each guide is its own test case, so a failure names the file.

What "prose" means here
-----------------------
The guide body is rendered with python-markdown and its text is read with BeautifulSoup.
Block quotes are left out: they hold the official outcome sentences, which we must quote
word for word even though they are long. Code (inline and blocks) is left out too.

How sentences are split (for the 25-word rule and the Flesch score)
-------------------------------------------------------------------
* Every paragraph, list item, heading and table cell is a unit of its own. A list item
  without a full stop is still one unit; it never runs on into the next item.
* Inside a unit, a sentence ends at ``.``, ``?`` or ``!`` (optionally followed by a closing
  quote or bracket) followed by whitespace.
* Web addresses are removed first, because they contain full stops.
* Latin short forms with full stops ("e.g.", "i.e.", "etc.") would split sentences in the
  wrong place, so the guides must not use them (plain English says "for example"). A test
  enforces this.
* Words are whitespace-separated tokens that contain a letter or digit.

Syllables for the Flesch score
------------------------------
textstat 0.7.13 and later look words up in NLTK's CMU dictionary, which NLTK downloads at
run time. CI and the developers' machines have no network for that, so the score would
either crash or depend on the machine. The ``pyphen_syllables`` fixture makes textstat use
Pyphen (its own dependency, shipped with its data) for every word, as older textstat
versions did. The score is then the same everywhere.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import sys
from pathlib import Path

import markdown
import pytest
import textstat
import yaml
from bs4 import BeautifulSoup

REPO_ROOT = Path(__file__).resolve().parent.parent
GUIDES_DIR = REPO_ROOT / "content" / "guides"
GLOSSARY_PATH = REPO_ROOT / "content" / "glossary.yaml"
GUIDE_FILES = sorted(GUIDES_DIR.glob("*.md"))

MIN_GUIDES = 10
MAX_SUMMARY_CHARS = 160
MAX_SENTENCE_WORDS = 25
MIN_FLESCH = 60

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL_RE = re.compile(r"https?://\S+")
FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n(.*)\Z", re.DOTALL)

# Root-relative links that are not a guide or a glossary entry but are fixed site addresses.
ALLOWED_SITE_LINKS = {"/areas/", "/which-area/", "/search/", "/data/", "/glossary/", "/guides/"}
GLOSSARY_LINK_RE = re.compile(r"^/glossary/#([a-z0-9]+(?:-[a-z0-9]+)*)$")
GUIDE_LINK_RE = re.compile(r"^/guides/([a-z0-9]+(?:-[a-z0-9]+)*)/$")

# Tags python-markdown produces from Markdown syntax. Anything else in the rendered HTML
# must have come from raw HTML in the source.
MARKDOWN_TAGS = {
    "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "strong", "em",
    "blockquote", "code", "pre", "hr",
}

# Elements whose text is one unit for sentence splitting.
UNIT_TAGS = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th"]
EXCLUDED_TAGS = ["blockquote", "pre", "code"]

# Short forms that contain full stops and would break sentence splitting.
LATIN_SHORT_FORMS_RE = re.compile(r"\b(?:e\.g|i\.e|etc|viz|cf)\.", re.IGNORECASE)

# An abbreviation: a token with at least two capital letters, which may also contain
# lower-case letters and digits (SEND, EHC, EHCPs, ICB, DfE, CAMHS). It must not be glued
# to a preceding word or full stop.
ABBR_RE = re.compile(r"(?<![\w.])([A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)(?!\w)")

# Capitalised tokens that are not abbreviations a reader needs expanded, with the reason.
NOT_ABBREVIATIONS = {
    "GOV.UK": "the name of the government's website, written that way on every page",
    "II": "roman numeral (for example 'Part II')",
    "III": "roman numeral (for example 'Part III')",
    "IV": "roman numeral (for example 'Part IV')",
}

# How far back from "(ABBR)" we look for its expansion, and how close to the bracket the
# expansion must end.
EXPANSION_WINDOW_WORDS = 12
EXPANSION_MUST_END_WITHIN = 2


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


def _clear_textstat_caches() -> None:
    for name, module in list(sys.modules.items()):
        if name.startswith("textstat"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


@pytest.fixture(autouse=True)
def pyphen_syllables(monkeypatch):
    """Count syllables with Pyphen only (see the module docstring)."""
    try:
        from textstat.backend.counts import _count_syllables
    except ImportError:  # an older textstat: it uses Pyphen already
        yield
        return
    # count_syllables catches the TypeError from None[word] and falls back to Pyphen.
    monkeypatch.setattr(_count_syllables, "get_cmudict", lambda lang: None)
    _clear_textstat_caches()
    yield
    _clear_textstat_caches()


def split_raw(path: Path) -> tuple[str, str]:
    """(front matter text, Markdown body). Body checks use this, so that a broken
    front matter fails only test_front_matter."""
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER_RE.match(text)
    assert match, f"{path.name}: must start with YAML front matter between '---' lines"
    return match.group(1), match.group(2)


def body_of(path: Path) -> str:
    return split_raw(path)[1]


def split_front_matter(path: Path) -> tuple[dict, str]:
    raw, body = split_raw(path)
    try:
        meta = yaml.safe_load(raw)
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: a date like 2026-02-30
        raise AssertionError(f"{path.name}: front matter is not valid: {exc}") from None
    assert isinstance(meta, dict), f"{path.name}: front matter must be a YAML mapping"
    return meta, body


def render(md_text: str) -> str:
    return markdown.markdown(md_text)


@functools.lru_cache(maxsize=None)
def load_glossary() -> list[dict]:
    assert GLOSSARY_PATH.exists(), f"missing {GLOSSARY_PATH}"
    data = yaml.safe_load(GLOSSARY_PATH.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and isinstance(data.get("terms"), list), (
        "glossary.yaml must be a mapping with a 'terms' list"
    )
    return data["terms"]


def glossary_ids() -> set[str]:
    return {t.get("id") for t in load_glossary()}


def glossary_by_abbr() -> dict[str, dict]:
    return {t["abbr"]: t for t in load_glossary() if t.get("abbr")}


def guide_slugs() -> set[str]:
    return {p.stem for p in GUIDE_FILES}


# ---------------------------------------------------------------------------
# Prose extraction
# ---------------------------------------------------------------------------


def prose_soup(html: str) -> BeautifulSoup:
    """The rendered HTML without block quotes (official quotations) and code."""
    soup = BeautifulSoup(html, "html.parser")
    for el in soup.find_all(EXCLUDED_TAGS):
        el.decompose()
    return soup


def prose_units(html: str) -> list[str]:
    """The text of each paragraph, list item, heading or cell, as separate units."""
    soup = prose_soup(html)
    units = []
    for el in soup.find_all(UNIT_TAGS):
        # Only the text that belongs to this unit, not to a nested unit (a list inside a
        # list item is its own set of units).
        parts = [s for s in el.find_all(string=True) if s.find_parent(UNIT_TAGS) is el]
        text = " ".join("".join(parts).split())
        if text:
            units.append(text)
    return units


def sentences(units: list[str]) -> list[str]:
    out = []
    for unit in units:
        unit = " ".join(URL_RE.sub(" ", unit).split())
        for sentence in re.split(r"(?<=[.?!])\s+|(?<=[.?!][\"'’”)\]])\s+", unit):
            if sentence.strip():
                out.append(sentence.strip())
    return out


def word_count(sentence: str) -> int:
    return sum(1 for tok in sentence.split() if re.search(r"[A-Za-z0-9]", tok))


def flesch_text(units: list[str]) -> str:
    """Units joined so that each one ends a sentence, as a reader would take it."""
    parts = []
    for unit in units:
        unit = " ".join(URL_RE.sub(" ", unit).split())
        if not unit:
            continue
        if not re.search(r"[.?!][\"'’”)\]]?$", unit):
            unit += "."
        parts.append(unit)
    return " ".join(parts)


def long_sentences(units: list[str]) -> list[tuple[int, str]]:
    return [
        (word_count(s), s) for s in sentences(units) if word_count(s) > MAX_SENTENCE_WORDS
    ]


# ---------------------------------------------------------------------------
# Abbreviations
# ---------------------------------------------------------------------------


def linear_prose(html: str) -> tuple[str, list[tuple[int, int, str | None]]]:
    """The prose as one string, plus (start, end, href of enclosing link) per text node.

    A newline separates units so that an expansion never reaches back into the previous
    paragraph or list item.
    """
    soup = prose_soup(html)
    for el in soup.find_all(UNIT_TAGS):
        el.append("\n")
    text = ""
    spans = []
    for s in soup.find_all(string=True):
        link = s.find_parent("a")
        href = link.get("href") if link is not None else None
        spans.append((len(text), len(text) + len(s), href))
        text += str(s)
    return text, spans


def mask_not_abbreviations(text: str) -> str:
    for phrase in NOT_ABBREVIATIONS:
        text = re.sub(rf"(?<![\w.]){re.escape(phrase)}(?!\w)", lambda m: " " * len(m.group()), text)
    return text


def base_abbr(token: str) -> str:
    """EHCPs -> EHCP (a plural with a lower-case s)."""
    if token.endswith("s") and len(re.findall(r"[A-Z]", token[:-1])) >= 2:
        return token[:-1]
    return token


def abbreviations_in(text: str) -> list[tuple[str, int, int]]:
    """(base abbreviation, start, end) for every abbreviation token, in order."""
    text = mask_not_abbreviations(text)
    return [(base_abbr(m.group(1)), m.start(1), m.end(1)) for m in ABBR_RE.finditer(text)]


def _chunks_match(abbr: str, words: list[str]) -> set[int]:
    """Indexes of the word that ends a match of abbr against word prefixes.

    The abbreviation must split into consecutive chunks, each the start of a different
    word, in order; words may be skipped ("and", "of"). So SENCO matches "special
    educational needs coordinator" (S-E-N-CO) and DfE matches "Department for Education".
    """
    abbr = abbr.lower()
    lowered = [w.lower() for w in words]

    @functools.lru_cache(maxsize=None)
    def ends(pos: int, start: int) -> frozenset[int]:
        result = set()
        for i in range(start, len(lowered)):
            for n in range(1, len(abbr) - pos + 1):
                if lowered[i].startswith(abbr[pos:pos + n]):
                    if pos + n == len(abbr):
                        result.add(i)
                    else:
                        result |= ends(pos + n, i + 1)
                else:
                    break
        return frozenset(result)

    return set(ends(0, 0))


def is_expanded_before(text: str, start: int, end: int, abbr: str) -> bool:
    """True when the token at text[start:end] reads "expansion (ABBR)"."""
    if start == 0 or text[start - 1] != "(" or end >= len(text) or text[end] != ")":
        return False
    before = text[: start - 1]
    before = before[before.rfind("\n") + 1:]  # the same unit only
    words = re.findall(r"[A-Za-z0-9]+", before)[-EXPANSION_WINDOW_WORDS:]
    if not words:
        return False
    last_allowed = len(words) - EXPANSION_MUST_END_WITHIN
    return any(i >= last_allowed for i in _chunks_match(abbr, words))


def href_at(spans, pos: int) -> str | None:
    for start, end, href in spans:
        if start <= pos < end:
            return href
    return None


# ---------------------------------------------------------------------------
# Guide tests (one case per guide)
# ---------------------------------------------------------------------------

guide_param = pytest.mark.parametrize("path", GUIDE_FILES, ids=lambda p: p.name)


def test_there_are_at_least_ten_guides():
    assert len(GUIDE_FILES) >= MIN_GUIDES, (
        f"expected at least {MIN_GUIDES} guides in {GUIDES_DIR}, found {len(GUIDE_FILES)}"
    )


@guide_param
def test_slug_is_valid(path):
    assert SLUG_RE.match(path.stem), f"{path.name}: slug must be lowercase letters, digits, hyphens"


@guide_param
def test_front_matter(path):
    meta, body = split_front_matter(path)
    title = meta.get("title")
    assert isinstance(title, str) and title.strip(), f"{path.name}: 'title' is required"
    summary = meta.get("summary")
    assert isinstance(summary, str) and summary.strip(), f"{path.name}: 'summary' is required"
    assert len(summary) <= MAX_SUMMARY_CHARS, (
        f"{path.name}: summary is {len(summary)} characters, max {MAX_SUMMARY_CHARS}"
    )
    updated = meta.get("updated")
    # PyYAML turns a real YYYY-MM-DD date into a date object; 2026-02-30 stays a string.
    assert isinstance(updated, dt.date) and not isinstance(updated, dt.datetime), (
        f"{path.name}: 'updated' must be a real date (YYYY-MM-DD), got {updated!r}"
    )
    if "order" in meta:
        assert isinstance(meta["order"], int), f"{path.name}: 'order' must be a whole number"
    if "sources" in meta:
        sources = meta["sources"]
        assert isinstance(sources, list) and sources, f"{path.name}: 'sources' must be a list"
        for url in sources:
            assert isinstance(url, str) and re.match(r"^https?://\S+$", url), (
                f"{path.name}: source {url!r} is not a web address"
            )
    assert body.strip(), f"{path.name}: the body is empty"


def _strip_code(md_text: str) -> str:
    md_text = re.sub(r"^(```|~~~).*?^\1", "", md_text, flags=re.DOTALL | re.MULTILINE)
    return re.sub(r"(`+).+?\1", "", md_text, flags=re.DOTALL)


@guide_param
def test_no_raw_html(path):
    body = body_of(path)
    source = _strip_code(body)
    for lineno, line in enumerate(source.splitlines(), 1):
        hit = re.search(r"<[A-Za-z/!?]", line)
        assert not hit, f"{path.name}: raw HTML (or an <autolink>) in the body: {line.strip()!r}"
    soup = BeautifulSoup(render(body), "html.parser")
    tags = {el.name for el in soup.find_all(True)}
    assert not tags - MARKDOWN_TAGS, (
        f"{path.name}: rendered HTML has tags that Markdown did not make: {tags - MARKDOWN_TAGS}"
    )


@guide_param
def test_no_title_heading(path):
    body = body_of(path)
    soup = BeautifulSoup(render(body), "html.parser")
    assert not soup.find("h1"), (
        f"{path.name}: do not use '#' headings; the page prints the title as h1, start at '##'"
    )


@guide_param
def test_no_latin_short_forms(path):
    body = body_of(path)
    text = " ".join(prose_units(render(body)))
    hit = LATIN_SHORT_FORMS_RE.search(text)
    assert not hit, f"{path.name}: write 'for example' or 'that is' instead of {hit.group()!r}"


@guide_param
def test_flesch_reading_ease(path):
    body = body_of(path)
    score = textstat.flesch_reading_ease(flesch_text(prose_units(render(body))))
    assert score >= MIN_FLESCH, (
        f"{path.name}: Flesch reading ease {score:.1f}, needs at least {MIN_FLESCH}"
    )


@guide_param
def test_no_long_sentences(path):
    body = body_of(path)
    too_long = long_sentences(prose_units(render(body)))
    assert not too_long, f"{path.name}: sentences over {MAX_SENTENCE_WORDS} words: " + "; ".join(
        f"({n} words) {s}" for n, s in too_long
    )


@guide_param
def test_abbreviations_explained_on_first_use(path):
    body = body_of(path)
    html = render(body)
    text, spans = linear_prose(html)
    by_abbr = glossary_by_abbr()
    seen = set()
    problems = []
    for abbr, start, end in abbreviations_in(text):
        if abbr in seen:
            continue
        seen.add(abbr)
        context = text[max(0, start - 60): end + 20].replace("\n", " ")
        entry = by_abbr.get(abbr)
        if entry is None:
            problems.append(f"{abbr}: no glossary entry with abbr: {abbr}")
            continue
        href = href_at(spans, start)
        if href == f"/glossary/#{entry['id']}":
            continue
        if not is_expanded_before(text, start, end, abbr):
            problems.append(
                f"{abbr}: first use is not explained, write 'expansion ({abbr})' or link it "
                f"to /glossary/#{entry['id']}: ...{context}..."
            )
    assert not problems, f"{path.name}:\n  " + "\n  ".join(problems)


@guide_param
def test_links(path):
    body = body_of(path)
    soup = BeautifulSoup(render(body), "html.parser")
    ids, slugs = glossary_ids(), guide_slugs()
    problems = []
    for a in soup.find_all("a"):
        href = a.get("href", "")
        if re.match(r"^https?://", href):
            continue
        if not href.startswith("/"):
            problems.append(f"{href!r}: use https:// or a site-root-relative address")
            continue
        glossary = GLOSSARY_LINK_RE.match(href)
        guide = GUIDE_LINK_RE.match(href)
        if glossary:
            if glossary.group(1) not in ids:
                problems.append(f"{href}: no glossary entry with id {glossary.group(1)!r}")
        elif guide:
            if guide.group(1) not in slugs:
                problems.append(f"{href}: no guide with slug {guide.group(1)!r}")
        elif href not in ALLOWED_SITE_LINKS:
            problems.append(f"{href}: not a guide, a glossary entry or one of {sorted(ALLOWED_SITE_LINKS)}")
    assert not problems, f"{path.name}:\n  " + "\n  ".join(problems)


# ---------------------------------------------------------------------------
# Glossary
# ---------------------------------------------------------------------------


def test_glossary_entries_are_complete():
    problems = []
    for i, entry in enumerate(load_glossary()):
        label = entry.get("id") or f"entry {i + 1}"
        if not isinstance(entry.get("id"), str) or not SLUG_RE.match(entry["id"]):
            problems.append(f"{label}: id must be lowercase letters, digits and hyphens")
        if not isinstance(entry.get("term"), str) or not entry["term"].strip():
            problems.append(f"{label}: term is required")
        if not isinstance(entry.get("definition"), str) or not entry["definition"].strip():
            problems.append(f"{label}: definition is required")
        if "abbr" in entry and not (isinstance(entry["abbr"], str) and ABBR_RE.fullmatch(entry["abbr"])):
            problems.append(f"{label}: abbr {entry.get('abbr')!r} does not look like an abbreviation")
        sources = entry.get("sources")
        if not isinstance(sources, list) or not any(
            isinstance(u, str) and re.match(r"^https://\S+$", u) for u in sources
        ):
            problems.append(f"{label}: needs at least one https:// source")
        elif not all(isinstance(u, str) and re.match(r"^https?://\S+$", u) for u in sources):
            problems.append(f"{label}: every source must be a web address")
        unknown = set(entry) - {"id", "term", "abbr", "definition", "sources"}
        if unknown:
            problems.append(f"{label}: unknown keys {sorted(unknown)}")
    assert not problems, "\n  ".join(["glossary.yaml:"] + problems)


def test_glossary_ids_and_abbreviations_are_unique():
    ids = [t.get("id") for t in load_glossary()]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, f"glossary.yaml: duplicate ids {dupes}"
    abbrs = [t["abbr"] for t in load_glossary() if t.get("abbr")]
    dupes = sorted({a for a in abbrs if abbrs.count(a) > 1})
    assert not dupes, f"glossary.yaml: the same abbr on more than one entry {dupes}"


def test_glossary_is_alphabetical():
    terms = [t.get("term", "") for t in load_glossary()]
    expected = sorted(terms, key=str.casefold)
    assert terms == expected, (
        "glossary.yaml: terms must be sorted alphabetically; first out of place: "
        + next(f"{a!r} should be {b!r}" for a, b in zip(terms, expected) if a != b)
    )


def test_glossary_definitions_are_plain():
    problems = []
    for entry in load_glossary():
        definition = entry.get("definition") or ""
        if re.search(r"<[A-Za-z/!?]", _strip_code(definition)):
            problems.append(f"{entry.get('id')}: raw HTML in the definition")
        units = prose_units(render(definition))
        for n, s in long_sentences(units):
            problems.append(f"{entry.get('id')}: sentence of {n} words: {s}")
        if LATIN_SHORT_FORMS_RE.search(" ".join(units)):
            problems.append(f"{entry.get('id')}: avoid 'e.g.', 'i.e.' and 'etc.'")
    assert not problems, "glossary.yaml:\n  " + "\n  ".join(problems)


# ---------------------------------------------------------------------------
# Self-checks of the helpers, so the rules above cannot silently stop working.
# ---------------------------------------------------------------------------


def test_helpers_catch_what_they_should():
    long_unit = " ".join(["word"] * 26) + "."
    assert long_sentences([long_unit])
    assert not long_sentences(["Short one. " + " ".join(["word"] * 25) + "."])
    assert sentences(["See https://example.org/a.b for more. Then stop!"]) == [
        "See for more.", "Then stop!"
    ]
    html = render("A written statement of action (WSOA) is a plan. The WSOA is late.")
    text, _ = linear_prose(html)
    (abbr, start, end), *_ = abbreviations_in(text)
    assert abbr == "WSOA" and is_expanded_before(text, start, end, "WSOA")
    text, _ = linear_prose(render("The WSOA (written statement of action) is late."))
    (abbr, start, end), *_ = abbreviations_in(text)
    assert not is_expanded_before(text, start, end, abbr)
    text, _ = linear_prose(render("Ask the special educational needs coordinator (SENCO)."))
    (abbr, start, end), *_ = abbreviations_in(text)
    assert is_expanded_before(text, start, end, abbr)
    text, _ = linear_prose(render("The council (ICB) is wrong."))
    (abbr, start, end), *_ = abbreviations_in(text)
    assert not is_expanded_before(text, start, end, abbr)
    assert [a for a, _, _ in abbreviations_in("See GOV.UK and the DfE and two EHCPs.")] == [
        "DfE", "EHCP"
    ]
    assert prose_units(render("> A very long official sentence.\n\nMine.")) == ["Mine."]
