"""Read the official CSV files strictly, so bad data stops the import with `file:line: column: message`.

Every problem found here raises :class:`DataFileError` before the importer writes anything:
a file that is not UTF-8, a header row without a column the importer reads (a renamed
column), a row with too few or too many values, a value far longer than any in the
official files, and (through the cell helpers) a date or count that cannot be read.
Rows are :class:`Row` dicts that remember their file and line, so the parsing modules can
name the cell at fault.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, Mapping

MAX_FILE_BYTES = 50 * 1024 * 1024  # the largest official file is 165 KB
MAX_CELL_CHARS = 10_000  # the longest official value is about 600 characters
PLACEHOLDER_DATES = frozenset({"01/01/1900"})
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class DataFileError(Exception):
    """A data file is missing or cannot be read; the message names the file (and line and column)."""


class Row(dict):
    """One CSV row, column name to value, that knows the file and line it came from."""

    def __init__(self, path: Path | str, line: int, items: Iterable[tuple[str, str]]) -> None:
        super().__init__(items)
        self.path = path
        self.line = line

    def __missing__(self, column: str) -> str:
        raise DataFileError(f"{self.path}:{self.line}: {column}: no such column in this file")


def cell_error(row: Mapping[str, str], column: str, message: str) -> DataFileError:
    """An error about one value, as `file:line: column: message`."""
    return DataFileError(f"{getattr(row, 'path', 'data')}:{getattr(row, 'line', '?')}: {column}: {message}")


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:40] + "...")


def iso_date(row: Mapping[str, str], column: str, *, required: bool = False) -> date | None:
    """A YYYY-MM-DD value (None when empty, unless it is required)."""
    text = (row[column] or "").strip()
    if not text:
        if required:
            raise cell_error(row, column, "no date given; expected a date like 2017-03-06")
        return None
    try:
        if _ISO_DATE.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise cell_error(row, column, f"{_shown(text)} is not a date; expected a date like 2017-03-06")


def parse_uk_date(text: str) -> date | None:
    """Parse DD/MM/YYYY or DD/MM/YY (two-digit years are 20YY); empty values and placeholders give None.

    A year before 2000 is a placeholder too. Anything else raises ValueError.
    """
    text = (text or "").strip()
    if not text or text in PLACEHOLDER_DATES:
        return None
    for fmt in ("%d/%m/%Y", "%d/%m/%y"):
        try:
            parsed = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        return None if parsed.year < 2000 else parsed
    raise ValueError(f"{_shown(text)} is not a date; expected a date like 15/05/2023")


def uk_date(row: Mapping[str, str], column: str) -> date | None:
    """A DD/MM/YYYY value of a row (None when empty or a placeholder)."""
    try:
        return parse_uk_date(row[column])
    except ValueError as exc:
        raise cell_error(row, column, str(exc)) from None


def count(row: Mapping[str, str], column: str) -> int | None:
    """A whole number such as 4 or 4.0 (None when empty or NA)."""
    text = (row[column] or "").strip()
    if not text or text.upper() == "NA":
        return None
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if value < 0 or value != int(value):
        raise cell_error(row, column, f"{_shown(text)} is not a count; expected a whole number like 4")
    return int(value)


def _decode(path: Path, raw: bytes) -> tuple[str, tuple[int, int] | None]:
    """The text, and (line, byte) of the first byte that is not UTF-8, if any."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return raw.decode("utf-8", "surrogateescape"), (line, raw[exc.start])


def _not_utf8(path: Path, found: tuple[int, int], rows: list[tuple[int, list[str]]]) -> DataFileError:
    line, byte = found
    column = "column 1"
    header = rows[0][1] if rows else []
    for number, (start, cells) in enumerate(rows):
        bad = next((i for i, cell in enumerate(cells) if re.search("[\udc80-\udcff]", cell)), None)
        if bad is not None:
            line = start
            column = header[bad] if number and bad < len(header) else f"column {bad + 1}"
            break
    return DataFileError(
        f"{path}:{line}: {column}: not UTF-8 text (byte 0x{byte:02x}); "
        "save the file as UTF-8 (\"CSV UTF-8\" in Excel) and import again"
    )


def _parse(path: Path, text: str) -> list[tuple[int, list[str]]]:
    """Each non-empty record with the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, list[str]]] = []
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, len(text) + 1))  # long values are reported below, not by csv
    try:
        start = 1
        for cells in reader:
            if cells:
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise DataFileError(f"{path}:{reader.line_num}: (row): cannot be read as CSV ({exc})") from None
    finally:
        csv.field_size_limit(old_limit)
    return rows


def _missing_column(path: Path, line: int, header: list[str], column: str, needed: set[str]) -> DataFileError:
    def key(name: str) -> str:
        return re.sub(r"[\W_]+", "", name).lower()

    spare = {key(h): h for h in header if h not in needed}
    near = difflib.get_close_matches(key(column), list(spare), n=1, cutoff=0.9)
    match = spare.get(key(column)) or (spare[near[0]] if near else None)
    hint = f" (is {match!r} this column, renamed? Give it back its original name)" if match else ""
    return DataFileError(f"{path}:{line}: {column}: no such column in the header row{hint}")


def read_csv(path: Path, columns: Iterable[str] = ()) -> list[Row]:
    """Read a CSV file with a header row (a UTF-8 byte-order mark is ignored), checking it strictly.

    `columns` are the columns the importer reads: each must be in the header row.
    """
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise DataFileError(
                f"{path}: the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; "
                "the official files are far smaller, so it is probably not the right file"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise DataFileError(f"Cannot read {path}: {exc.strerror}.") from exc
    text, not_utf8 = _decode(path, raw)
    rows = _parse(path, text)
    if not_utf8 is not None:
        raise _not_utf8(path, not_utf8, rows)
    if not rows:
        raise DataFileError(f"{path}:1: (header): the file is empty; expected a header row of column names")
    header_line, header = rows[0]
    needed = set(columns)
    for column in columns:
        if column not in header:
            raise _missing_column(path, header_line, header, column, needed)
    result: list[Row] = []
    for line, cells in rows:
        for i, cell in enumerate(cells):
            if len(cell) > MAX_CELL_CHARS:
                name = header[i] if line != header_line and i < len(header) else f"column {i + 1}"
                raise DataFileError(
                    f"{path}:{line}: {name}: the value is {len(cell):,} characters long, over the limit of "
                    f"{MAX_CELL_CHARS:,}; no official value is this long, so the file is probably damaged"
                )
        if line == header_line:
            continue
        if len(cells) < len(header):
            raise DataFileError(
                f"{path}:{line}: {header[len(cells)]}: missing; the row has {len(cells)} values "
                f"and the header row {len(header)}"
            )
        if len(cells) > len(header):
            raise DataFileError(
                f"{path}:{line}: column {len(header) + 1}: the row has {len(cells)} values and the header "
                f"row {len(header)}; is there a comma in a value without quotes?"
            )
        result.append(Row(path, line, zip(header, cells)))
    return result
