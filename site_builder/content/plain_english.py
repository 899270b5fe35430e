"""Plain English for the parents' guides and the glossary: warnings that `check` prints, errors with --strict.

The rules (CONTRIBUTING.md, "Writing a guide"):

- a sentence has at most 25 words;
- "e.g.", "i.e.", "etc.", "viz." and "cf." are written out ("for example", "that is");
- the guide reads at 60 or more on the Flesch reading-ease scale;
- an abbreviation is explained the first time it is used: "education, health and care plan (EHCP)",
  or a link to its glossary entry, and every abbreviation has a glossary entry with its `abbr`;
- links inside the site go to a guide or a glossary entry that exists, or to one of the site's lists.

Block quotes (the frameworks' official sentences, quoted word for word) and code are left out. The text is
read from the rendered Markdown: each paragraph, list item, heading and table cell is a unit, and a sentence
ends at ., ? or ! followed by a space. Web addresses are removed first (they hold full stops).

Syllables for the reading-ease score come from Pyphen's English hyphenation dictionary, which ships with
it, so the score is the same on every machine and needs no download.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import markdown
import pyphen
from bs4 import BeautifulSoup

from site_builder.domain.models import Content, GlossaryTerm, Guide
from site_builder.errors import ContentError

MAX_SENTENCE_WORDS = 25
MIN_READING_EASE = 60
SITE_LISTS = {"/", "/areas/", "/which-area/", "/search/", "/data/", "/glossary/", "/guides/", "/map/"}
"""Addresses inside the site a guide may link to besides guides and glossary entries."""

_URL = re.compile(r"https?://\S+")
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+|(?<=[.?!][\"'’”)\]])\s+")
_LATIN = re.compile(r"\b(e\.g|i\.e|etc|viz|cf)\.", re.IGNORECASE)
_LATIN_WORDS = {"e.g": "for example", "i.e": "that is", "etc": "and so on (or list them all)", "viz": "namely",
                "cf": "compare"}
_ABBREVIATION = re.compile(r"(?<![\w.])([A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)(?!\w)")
"""At least two capital letters, not glued to a word or full stop before it: SEND, EHCPs, DfE, CAMHS."""
NOT_ABBREVIATIONS = ("GOV.UK", "II", "III", "IV")
"""Capitalised words a reader needs no expansion of: the government website's name and roman numerals."""
_UNITS = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th"]
_LEFT_OUT = ["blockquote", "pre", "code"]
_EXPANSION_WORDS = 12
"""How far back from "(ABBR)" its words may start."""


def plain_english_warnings(content: Content, glossary_path: Path) -> list[ContentError]:
    """Every guide's and glossary definition's departures from plain English, each with its file and line."""
    abbreviations = {t.abbr: t for t in content.glossary if t.abbr}
    guides = {g.slug for g in content.guides}
    terms = {t.id for t in content.glossary}
    warnings: list[ContentError] = []
    for guide in content.guides:
        warnings += guide_warnings(guide, abbreviations, guides, terms)
    for term in content.glossary:
        warnings += definition_warnings(term, glossary_path)
    return warnings


def guide_warnings(guide: Guide, abbreviations: dict[str, GlossaryTerm], guides: set[str],
                   terms: set[str]) -> list[ContentError]:
    """One guide's warnings, in the order they appear."""
    soup = _prose(guide.body)
    locate = _Locator(guide.body, guide.body_line)
    path = guide.source_path
    warnings = [_warning(path, locate(s), "", _long(n, s)) for n, s in _long_sentences(_units(soup))]
    warnings += [_warning(path, locate(m.group()), "", _latin(m.group())) for m in _latin_uses(_units(soup))]
    score = reading_ease(_units(soup))
    if score is not None and score < MIN_READING_EASE:
        warnings.append(_warning(path, guide.body_line, "", (
            f"this guide scores {score:.0f} for reading ease (Flesch); plain English needs {MIN_READING_EASE} or more: "
            "use shorter sentences and everyday words")))
    warnings += [_warning(path, locate(abbr), "", message) for abbr, message in _unexplained(soup, abbreviations)]
    warnings += [_warning(path, locate(href), "", message) for href, message in _bad_links(guide.body, guides, terms)]
    return sorted(warnings, key=lambda w: w.line or 0)


def definition_warnings(term: GlossaryTerm, path: Path | None) -> list[ContentError]:
    """A glossary definition's long sentences and Latin short forms."""
    units = _units(_prose(term.definition))
    field = f"terms[{term.id}].definition"
    return ([_warning(path, term.line, field, _long(n, s)) for n, s in _long_sentences(units)]
            + [_warning(path, term.line, field, _latin(m.group())) for m in _latin_uses(units)])


def _warning(path: Path | None, line: int | None, field: str, message: str) -> ContentError:
    return ContentError(path, line, field, message, severity="warning")


def _long(words: int, sentence: str) -> str:
    start = " ".join(sentence.split()[:8])
    return (f"this sentence has {words} words; plain English keeps a sentence to {MAX_SENTENCE_WORDS} or fewer: "
            f"split it (it starts {start!r})")


def _latin(found: str) -> str:
    return f"write {_LATIN_WORDS[found[:-1].lower()]!r} instead of {found!r}"


@functools.lru_cache(maxsize=256)
def _rendered(text: str) -> str:
    return markdown.markdown(text)


def _prose(text: str) -> BeautifulSoup:
    """The rendered Markdown without block quotes (official quotations) and code."""
    soup = BeautifulSoup(_rendered(text), "html.parser")
    for element in soup.find_all(_LEFT_OUT):
        element.decompose()
    return soup


def _units(soup: BeautifulSoup) -> list[str]:
    """The text of each paragraph, list item, heading or cell, each on its own (a nested list is its own)."""
    units = []
    for element in soup.find_all(_UNITS):
        parts = [s for s in element.find_all(string=True) if s.find_parent(_UNITS) is element]
        text = " ".join("".join(parts).split())
        if text:
            units.append(text)
    return units


def sentences(units: list[str]) -> list[str]:
    """Each unit split into sentences, web addresses removed."""
    found = []
    for unit in units:
        unit = " ".join(_URL.sub(" ", unit).split())
        found += [s.strip() for s in _SENTENCE_END.split(unit) if s.strip()]
    return found


def _words(text: str) -> list[str]:
    return [token for token in text.split() if re.search(r"[A-Za-z0-9]", token)]


def _long_sentences(units: list[str]) -> list[tuple[int, str]]:
    return [(len(_words(s)), s) for s in sentences(units) if len(_words(s)) > MAX_SENTENCE_WORDS]


def _latin_uses(units: list[str]) -> list[re.Match]:
    return [m for unit in units for m in _LATIN.finditer(unit)]


@functools.cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


def reading_ease(units: list[str]) -> float | None:
    """Flesch reading ease, None for no words: 206.835 - 1.015 x words per sentence - 84.6 x syllables per word.

    Counted as textstat counts (the usual Python reference): each unit ends a sentence as a reader takes it;
    a "sentence" of two words or fewer is not counted as one; punctuation other than apostrophes is dropped;
    a word has one syllable more than Pyphen has hyphenation points in it.
    """
    text = " ".join(u if re.search(r"[.?!][\"'’”)\]]?$", u) else u + "."
                    for u in (" ".join(_URL.sub(" ", unit).split()) for unit in units) if u)
    words = re.sub(r"[^\w\s'’]", "", text).lower().split()
    if not words:
        return None
    said = [s for s in re.findall(r"\b[^.!?]+[.!?]*", text) if len(re.sub(r"[^\w\s'’]", "", s).split()) > 2]
    syllables = sum(len(_hyphenator().positions(word)) + 1 for word in words)
    return 206.835 - 1.015 * len(words) / max(1, len(said)) - 84.6 * syllables / len(words)


def abbreviations_in(text: str) -> list[tuple[str, int, int]]:
    """(abbreviation, start, end) for each abbreviation in `text`, a plural "EHCPs" counted as "EHCP"."""
    for phrase in NOT_ABBREVIATIONS:
        text = re.sub(rf"(?<![\w.]){re.escape(phrase)}(?!\w)", lambda m: " " * len(m.group()), text)
    found = []
    for match in _ABBREVIATION.finditer(text):
        token = match.group(1)
        if token.endswith("s") and len(re.findall(r"[A-Z]", token[:-1])) >= 2:
            token = token[:-1]
        found.append((token, match.start(1), match.end(1)))
    return found


def _linear(soup: BeautifulSoup) -> tuple[str, list[tuple[int, int, str | None]]]:
    """The prose as one string (a newline after each unit) and, per piece of text, its link's address."""
    for element in soup.find_all(_UNITS):
        element.append("\n")
    text, spans = "", []
    for piece in soup.find_all(string=True):
        link = piece.find_parent("a")
        spans.append((len(text), len(text) + len(piece), link.get("href") if link is not None else None))
        text += str(piece)
    return text, spans


def is_expanded_before(text: str, start: int, end: int, abbreviation: str) -> bool:
    """True when the abbreviation at text[start:end] reads "words (ABBR)" and the words spell it out."""
    if start == 0 or text[start - 1] != "(" or end >= len(text) or text[end] != ")":
        return False
    before = text[:start - 1]
    words = re.findall(r"[A-Za-z0-9]+", before[before.rfind("\n") + 1:])[-_EXPANSION_WORDS:]
    return any(i >= len(words) - 2 for i in _spelled_by(abbreviation.lower(), tuple(w.lower() for w in words)))


@functools.lru_cache(maxsize=1024)
def _spelled_by(abbreviation: str, words: tuple[str, ...]) -> frozenset[int]:
    """Indexes of the words that can end a spelling of `abbreviation` by the starts of words, in order (words
    like "and" and "of" may be skipped): SENCO is "special educational needs coordinator", DfE "Department
    for Education"."""

    @functools.cache
    def ends(position: int, first: int) -> frozenset[int]:
        result: set[int] = set()
        for i in range(first, len(words)):
            for n in range(1, len(abbreviation) - position + 1):
                if not words[i].startswith(abbreviation[position:position + n]):
                    break
                if position + n == len(abbreviation):
                    result.add(i)
                else:
                    result |= ends(position + n, i + 1)
        return frozenset(result)

    return ends(0, 0)


def _unexplained(soup: BeautifulSoup, glossary: dict[str, GlossaryTerm]) -> list[tuple[str, str]]:
    """(abbreviation, message) for each abbreviation whose first use is neither spelled out nor linked."""
    text, spans = _linear(soup)
    seen: set[str] = set()
    problems = []
    for abbreviation, start, end in abbreviations_in(text):
        if abbreviation in seen:
            continue
        seen.add(abbreviation)
        term = glossary.get(abbreviation)
        if term is None:
            problems.append((abbreviation, (
                f"{abbreviation!r} has no glossary entry: add one to content/glossary.yaml with abbr: {abbreviation}, "
                "or write the words out")))
            continue
        link = next((href for first, last, href in spans if first <= start < last), None)
        if link != f"/glossary/#{term.id}" and not is_expanded_before(text, start, end, abbreviation):
            problems.append((abbreviation, (
                f"{abbreviation!r} is used before it is explained: the first time, write "
                f"'{term.term.lower()} ({abbreviation})' or link it: [{abbreviation}](/glossary/#{term.id})")))
    return problems


def _bad_links(body: str, guides: set[str], terms: set[str]) -> list[tuple[str, str]]:
    """(address, message) for each link inside the site that leads nowhere."""
    problems = []
    for anchor in BeautifulSoup(_rendered(body), "html.parser").find_all("a"):
        href = anchor.get("href", "")
        if not href.startswith("/") or href.startswith("//") or href in SITE_LISTS:
            continue
        guide = re.fullmatch(r"/guides/([a-z0-9-]+)/", href)
        term = re.fullmatch(r"/glossary/#([a-z0-9-]+)", href)
        if guide and guide.group(1) not in guides:
            problems.append((href, f"the link {href} goes to no guide: there is no content/guides/{guide.group(1)}.md"))
        elif term and term.group(1) not in terms:
            problems.append((href, f"the link {href} goes to no glossary entry: no term in content/glossary.yaml "
                                   f"has id: {term.group(1)}"))
        elif not guide and not term:
            problems.append((href, f"the link {href} is not a guide, a glossary entry or one of the site's lists "
                                   f"({', '.join(sorted(SITE_LISTS))})"))
    return problems


class _Locator:
    """Finds the line of a guide's body where some rendered words first appear (None when they cannot be found)."""

    def __init__(self, body: str, first_line: int) -> None:
        # Links keep their words and lose their addresses; emphasis and list marks go: what a reader sees.
        self.plain = re.sub(r"\[([^\]\n]*)\]\([^)\n]*\)", r"\1", body)
        self.raw = body
        self.first_line = first_line

    def __call__(self, words: str) -> int | None:
        tokens = words.split()[:6]
        if not tokens:
            return None
        pattern = r"[\s*_`>#-]+".join(re.escape(t.strip("*_`")) for t in tokens)
        for text in (self.plain, self.raw):
            match = re.search(pattern, text)
            if match:
                return self.first_line + text.count("\n", 0, match.start())
        return None
