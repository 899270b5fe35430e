"""Turn a downloaded source into the CSV file the importer reads, checking its format and columns.

Three formats, as the sources publish them:

* ``csv``: used as it is (mySociety's list of councils, data-to-insight's lookup);
* ``ods``: an OpenDocument spreadsheet (Ofsted's statistics and management information). The
  sheet whose header row holds every column named in the source's ``columns`` is read; dates
  are written as the importer expects them, a whole number as 4 (not 4.0) and a HYPERLINK
  cell in a ``link_columns`` column as its address. The same conversion made the 2016-2022
  CSV described in the project's SOURCES.md;
* ``html-table``: the results table of a web page (data-to-insight's extract): the first
  table whose header row holds every column, each cell as its text (non-breaking spaces as
  spaces), a link in a ``link_columns`` column as its address.

Header names are matched leniently (case, runs of spaces and "[note 3]" markers do not
matter), because publishers change those without meaning a different column. Every problem
raises :class:`ConvertError` with a plain message naming the file and what to do.
"""

from __future__ import annotations

import csv
import difflib
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Mapping, Sequence
from xml.etree import ElementTree

from bs4 import BeautifulSoup

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
MAX_XML_BYTES = 100 * 1024 * 1024  # the spreadsheet inside the zip; the 2016-2022 one is 277 KB
MAX_COLUMNS = 1000  # cells further right are ignored (spreadsheets repeat empty cells to column 16384)
MAX_ROWS = 200_000
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
XLINK = "http://www.w3.org/1999/xlink"
DATE_FORMATS = {"yyyy-mm-dd": "%Y-%m-%d", "dd/mm/yyyy": "%d/%m/%Y"}
_HYPERLINK = re.compile(r'HYPERLINK\(\s*"([^"]*)"', re.I)


class ConvertError(Exception):
    """A downloaded file is not what the source should give; the message says what is wrong."""


@dataclass(frozen=True)
class Cell:
    """One spreadsheet or table cell: its text, and its date or link where it has one."""

    text: str = ""
    day: date | None = None
    link: str | None = None
    number: str | None = None  # a numeric cell's value, as the file stores it

    def is_empty(self) -> bool:
        return not (self.text.strip() or self.day or self.link or self.number)


def header_key(name: str) -> str:
    """A column name compared leniently: no "[note 1]" markers, no case, single spaces."""
    return " ".join(re.sub(r"\[\s*note\s*\d+\s*\]", " ", name, flags=re.I).split()).casefold()


def sniff(path: Path, expected: str) -> None:
    """Refuse a file that is plainly not of the expected format (an error page, half a zip)."""
    with open(path, "rb") as handle:
        head = handle.read(512)
    if not head.strip():
        raise ConvertError(f"{path.name}: the file is empty")
    is_zip = head.startswith(b"PK\x03\x04")
    looks_html = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith((b"<!doctype", b"<html", b"<?xml", b"<head"))
    if expected == "ods" and not is_zip:
        what = "a web page" if looks_html else "not a spreadsheet"
        raise ConvertError(f"{path.name}: expected an OpenDocument spreadsheet (.ods) but got {what}; "
                           "the link may now lead somewhere else")
    if expected == "csv" and (is_zip or looks_html):
        what = "a web page" if looks_html else "a zip or spreadsheet file"
        raise ConvertError(f"{path.name}: expected a CSV file but got {what}; the address may now lead somewhere else")
    if expected == "html-table" and is_zip:
        raise ConvertError(f"{path.name}: expected a web page with a table but got a zip or spreadsheet file")


def read_ods(path: Path) -> list[tuple[str, list[list[Cell]]]]:
    """Every sheet of an OpenDocument spreadsheet as (name, rows of cells); trailing empty cells dropped."""
    try:
        with zipfile.ZipFile(path) as archive:
            try:
                if archive.getinfo("mimetype").file_size > 100:
                    raise ConvertError(f"{path.name}: a zip file, but not an OpenDocument spreadsheet")
                mimetype = archive.read("mimetype").strip()
                info = archive.getinfo("content.xml")
            except KeyError:
                raise ConvertError(f"{path.name}: a zip file, but not an OpenDocument spreadsheet") from None
            if mimetype != ODS_MIMETYPE:
                kind = mimetype.decode("ascii", "replace")
                raise ConvertError(f"{path.name}: not an OpenDocument spreadsheet ({kind})")
            if info.file_size > MAX_XML_BYTES:
                raise ConvertError(f"{path.name}: the spreadsheet is far larger than any the sources publish; not read")
            with archive.open(info) as handle:
                xml = handle.read(MAX_XML_BYTES + 1)
    except zipfile.BadZipFile:
        raise ConvertError(f"{path.name}: the spreadsheet is damaged or only partly downloaded") from None
    except (OSError, EOFError, zipfile.LargeZipFile) as exc:
        raise ConvertError(f"{path.name}: the spreadsheet cannot be read ({exc})") from None
    if len(xml) > MAX_XML_BYTES:
        raise ConvertError(f"{path.name}: the spreadsheet is far larger than any the sources publish; not read")
    if b"<!DOCTYPE" in xml[:4096] or b"<!ENTITY" in xml:
        raise ConvertError(
            f"{path.name}: the spreadsheet declares XML entities, which no real spreadsheet does; not read")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise ConvertError(f"{path.name}: the spreadsheet's content is damaged ({exc})") from None
    sheets = []
    for table in root.iter(f"{{{TABLE}}}table"):
        sheets.append((table.get(f"{{{TABLE}}}name", "?"), _ods_rows(table)))
    return sheets


def _ods_rows(table: ElementTree.Element) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for row in table.iter(f"{{{TABLE}}}table-row"):
        cells: list[Cell] = []
        for cell in row:
            if cell.tag not in (f"{{{TABLE}}}table-cell", f"{{{TABLE}}}covered-table-cell"):
                continue
            repeat = min(_count(cell.get(f"{{{TABLE}}}number-columns-repeated")), MAX_COLUMNS - len(cells))
            value = _ods_cell(cell)
            cells.extend([value] * max(repeat, 0))
            if len(cells) >= MAX_COLUMNS:
                break
        while cells and cells[-1].is_empty():
            cells.pop()
        repeat = _count(row.get(f"{{{TABLE}}}number-rows-repeated")) if cells else 1
        rows.extend([cells] * min(repeat, MAX_ROWS - len(rows)))
        if len(rows) >= MAX_ROWS:
            break
    return rows


def _count(text: str | None) -> int:
    return int(text) if text and text.isdigit() else 1


def _ods_cell(cell: ElementTree.Element) -> Cell:
    paragraphs = [_ods_text(p) for p in cell if p.tag == f"{{{TEXT}}}p"]
    text = "\n".join(paragraphs)
    kind = cell.get(f"{{{OFFICE}}}value-type")
    day = None
    if kind == "date":
        try:
            day = date.fromisoformat((cell.get(f"{{{OFFICE}}}date-value") or "")[:10])
        except ValueError:
            day = None
    number = cell.get(f"{{{OFFICE}}}value") if kind in ("float", "percentage", "currency") else None
    link = None
    formula = cell.get(f"{{{TABLE}}}formula") or ""
    found = _HYPERLINK.search(formula)
    if found:
        link = found.group(1)
    else:
        anchors = [a.get(f"{{{XLINK}}}href") for a in cell.iter(f"{{{TEXT}}}a") if a.get(f"{{{XLINK}}}href")]
        link = anchors[0] if len(anchors) == 1 else None
    return Cell(text=text, day=day, link=link, number=number)


def _ods_text(element: ElementTree.Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{{{TEXT}}}s":
            parts.append(" " * _count(child.get(f"{{{TEXT}}}c")))
        elif child.tag == f"{{{TEXT}}}tab":
            parts.append("\t")
        elif child.tag == f"{{{TEXT}}}line-break":
            parts.append("\n")
        else:
            parts.append(_ods_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def read_html_tables(path: Path) -> list[tuple[str, list[list[Cell]]]]:
    """Every table of a web page as (its number, rows of cells; the header row first)."""
    html = path.read_bytes().decode("utf-8", "replace")
    soup = BeautifulSoup(html, "html.parser")
    tables = []
    for number, table in enumerate(soup.find_all("table"), 1):
        rows = []
        for tr in table.find_all("tr"):
            cells = []
            for cell in tr.find_all(["th", "td"]):
                text = cell.get_text().replace("\xa0", " ").strip()
                anchor = cell.find("a", href=True)
                cells.append(Cell(text=text, link=anchor["href"].strip() if anchor else None))
            rows.append(cells)
            if len(rows) >= MAX_ROWS:
                break
        tables.append((f"table {number}", rows))
    return tables


def _find_header(
    sheets: Sequence[tuple[str, list[list[Cell]]]], wanted: Sequence[str]
) -> tuple[str, int, dict[str, int]] | None:
    """The first sheet and row holding every wanted column: (sheet, row index, column -> position)."""
    keys = {header_key(w): w for w in wanted}
    for name, rows in sheets:
        for index, row in enumerate(rows[:50]):
            positions = {header_key(c.text): i for i, c in reversed(list(enumerate(row))) if c.text.strip()}
            if all(k in positions for k in keys):
                return name, index, {keys[k]: positions[k] for k in keys}
    return None


def _missing_columns(
    path: Path, sheets: Sequence[tuple[str, list[list[Cell]]]], wanted: Sequence[str], what: str,
) -> str:
    """Say which columns are missing from the header row that has most of them, and what they may be now."""
    best: tuple[int, str, list[str]] = (-1, "", [])
    keys = [header_key(w) for w in wanted]
    for name, rows in sheets:
        for row in rows[:50]:
            names = [c.text.strip() for c in row if c.text.strip()]
            found = sum(k in {header_key(n) for n in names} for k in keys)
            if found > best[0]:
                best = (found, name, names)
    found, sheet, names = best
    if found <= 0:
        return (f"{path.name}: no {what} has the columns this source should have (such as {wanted[0]!r}); "
                "the file may have changed completely or the link may lead to another file")
    present = {header_key(n) for n in names}
    missing = [w for w in wanted if header_key(w) not in present]
    spare = [n for n in names if header_key(n) not in set(keys)]
    hints = []
    for column in missing:
        near = difflib.get_close_matches(column, spare, n=1, cutoff=0.6)
        hints.append(f"{column!r}" + (f" (is {near[0]!r} this column, renamed?)" if near else ""))
    return (f"{path.name}: {sheet}: the header row has no column {', '.join(hints)}. If the publisher renamed "
            "a column, put its new name on the left of \"columns\" for this source in site_builder/data/sources.json.")


def convert_table(
    path: Path,
    out: Path,
    fmt: str,
    columns: Mapping[str, str],
    link_columns: Iterable[str] = (),
    dates: str = "yyyy-mm-dd",
) -> None:
    """Write the source's table as a CSV file with the importer's column names.

    `columns` maps each of the source's column names to the importer's, in the order to write them.
    """
    sniff(path, fmt)
    sheets = read_ods(path) if fmt == "ods" else read_html_tables(path)
    wanted = list(columns)
    found = _find_header(sheets, wanted)
    if found is None:
        raise ConvertError(_missing_columns(path, sheets, wanted, "sheet" if fmt == "ods" else "table"))
    sheet, header_row, positions = found
    rows = dict(sheets)[sheet][header_row + 1:]
    links = {header_key(c) for c in link_columns}
    date_format = DATE_FORMATS[dates]
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)  # lines end in CRLF, as the CSV files in SOURCES.md do
        writer.writerow([columns[w] for w in wanted])
        for row in rows:
            values = [row[positions[w]] if positions[w] < len(row) else Cell() for w in wanted]
            if all(v.is_empty() for v in values):
                continue
            writer.writerow([_value(v, header_key(w) in links, date_format) for w, v in zip(wanted, values)])


def _value(cell: Cell, as_link: bool, date_format: str) -> str:
    if as_link and cell.link:
        return cell.link
    if cell.day is not None:
        return cell.day.strftime(date_format)
    if cell.number is not None:
        try:
            number = float(cell.number)
        except ValueError:
            return cell.text
        return str(int(number)) if number.is_integer() else cell.number
    return cell.text
