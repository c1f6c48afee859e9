"""Read and check a corpus manifest (``manifest.csv``).

Required columns: ``id, file, outlet, url, published``. ``published`` is an ISO date
(``2024-07-04``), a month (``2024-07``) or a window (``2024-06-25/2024-07-04``).
Optional columns: ``sha256`` (verified when present), ``byline``, ``wire_source``,
``published_confidence``, ``evidence``; any other column is kept as it is.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import re
import stat
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newscompare.ingest.errors import CorpusError

MANIFEST_NAME = "manifest.csv"
REQUIRED_COLUMNS = ("id", "file", "outlet", "url", "published")
# Cells that may not be empty (an unknown URL is allowed: some copies have none).
NON_EMPTY_COLUMNS = ("id", "file", "outlet", "published")

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
PUBLISHED_FORMATS = "YYYY-MM-DD, YYYY-MM, or a window YYYY-MM-DD/YYYY-MM-DD"


@dataclass(frozen=True)
class PublishedWindow:
    """The earliest and latest day an article can have been published."""

    start: dt.date
    end: dt.date

    @property
    def exact(self) -> bool:
        return self.start == self.end


def parse_published(value: str) -> PublishedWindow:
    """Parse a ``published`` cell into a window of days; raise ``ValueError`` if invalid."""
    value = value.strip()
    if "/" in value:
        first, _, last = value.partition("/")
        if not (_DAY.match(first) and _DAY.match(last)):
            raise ValueError(f"a window must be two full dates, got {value!r}")
        start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
        if end < start:
            raise ValueError(f"window ends before it starts: {value!r}")
        return PublishedWindow(start, end)
    if _DAY.match(value):
        day = dt.date.fromisoformat(value)
        return PublishedWindow(day, day)
    if _MONTH.match(value):
        year, month = int(value[:4]), int(value[5:])
        if not 1 <= month <= 12:
            raise ValueError(f"no month {month} in {value!r}")
        last_day = calendar.monthrange(year, month)[1]
        return PublishedWindow(dt.date(year, month, 1), dt.date(year, month, last_day))
    raise ValueError(f"cannot read {value!r} as a date")


def decode_utf8(path: Path, data: bytes) -> str:
    """Decode ``data`` as UTF-8, or raise a :class:`CorpusError` naming the line of the
    first bad byte. NUL bytes are refused: no text file has them, and they would be
    copied into every table that shows the text."""
    nul = data.find(b"\0")
    if nul >= 0:
        raise CorpusError(
            path,
            f"NUL byte at offset {nul}; expected a text file (a binary or UTF-16 file?)",
            line=data.count(b"\n", 0, nul) + 1,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise CorpusError(
            path,
            f"byte 0x{data[error.start]:02x} at offset {error.start} is not valid UTF-8; "
            "expected a UTF-8 text file",
            line=line,
        ) from None


@dataclass(frozen=True)
class ManifestRow:
    line: int
    fields: dict[str, str]
    published: PublishedWindow


def read_manifest(folder: Path) -> list[ManifestRow]:
    """Return the checked rows of ``folder/manifest.csv``, in file order."""
    path = folder / MANIFEST_NAME
    expected = f"a {MANIFEST_NAME} with columns {', '.join(REQUIRED_COLUMNS)} beside the article files"
    if not path.is_file():
        try:
            mode = path.stat().st_mode
        except OSError:
            raise CorpusError(path, f"no manifest; expected {expected}") from None
        kind = "a folder" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else "a device or socket"
        raise CorpusError(path, f"not a regular file ({kind}); expected {expected}")
    text = decode_utf8(path, path.read_bytes()).removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return _checked_rows(path, reader, text.partition("\n")[0])
    except csv.Error as error:
        # The csv module's own limits (a field over csv.field_size_limit(), 128 KiB by
        # default): no manifest cell is that long unless a quote was left open.
        raise CorpusError(
            path, f"{error}; expected short cells (an unclosed quotation mark?)",
            line=reader.line_num,
        ) from None


#: Delimiters a manifest saved by a spreadsheet in another locale may use instead of commas.
OTHER_DELIMITERS = {";": "';'", "\t": "a tab"}


def _checked_rows(path: Path, reader, first_line: str) -> list[ManifestRow]:
    header = next(reader, None)
    if header is None:
        raise CorpusError(path, "the manifest is empty; expected a header row", line=1)
    header = [name.strip() for name in header]
    repeated = sorted(name for name, count in Counter(header).items() if count > 1)
    if repeated:
        raise CorpusError(
            path, f"column(s) {', '.join(map(repr, repeated))} appear more than once in the "
            "header; expected each column once", line=1,
        )
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    for delimiter, name in OTHER_DELIMITERS.items():
        if missing and all(column in [c.strip() for c in first_line.split(delimiter)] for column in missing):
            raise CorpusError(
                path, f"the manifest seems to use {name} as its delimiter; expected commas "
                f"between the columns {', '.join(REQUIRED_COLUMNS)}", line=1)
    if missing:
        raise CorpusError(
            path,
            f"missing required column(s) {', '.join(missing)}; "
            f"expected at least {', '.join(REQUIRED_COLUMNS)}",
            line=1,
        )
    rows: list[ManifestRow] = []
    seen_ids: dict[str, int] = {}
    end = reader.line_num
    for record in reader:
        # A record may run over several lines (a quoted line break): it is named by the
        # line it starts on.
        line, end = end + 1, reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            unclosed = (f": a quotation mark on this line seems unclosed (the record runs on to "
                        f"line {end})" if end > line else "")
            raise CorpusError(
                path, f"{len(record)} fields, expected {len(header)} as in the header{unclosed}",
                line=line,
            )
        fields = {name: cell.strip() for name, cell in zip(header, record)}
        for name in NON_EMPTY_COLUMNS:
            if not fields[name]:
                raise CorpusError(path, f"empty {name!r}; expected a value", line=line)
        article_id = fields["id"]
        if article_id in seen_ids:
            raise CorpusError(
                path,
                f"duplicate id {article_id!r} (first on line {seen_ids[article_id]}); "
                "expected each id once",
                line=line,
            )
        seen_ids[article_id] = line
        try:
            published = parse_published(fields["published"])
        except ValueError as error:
            raise CorpusError(
                path, f"unparseable published {fields['published']!r} ({error}); "
                f"expected {PUBLISHED_FORMATS}", line=line
            ) from None
        rows.append(ManifestRow(line=line, fields=fields, published=published))
    if not rows:
        raise CorpusError(
            path, "the manifest has a header but no article rows; expected one row per "
            "article file", line=2,
        )
    return rows
