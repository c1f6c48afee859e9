"""Tables for readers: what a book page shows instead of a raw ``DataFrame``.

:func:`reader_table` turns a tidy table into a small, escaped HTML table with human column
headers, no index, blanks instead of ``NaN``/``<NA>``, "yes"/"no" instead of booleans,
integers without decimals and sentence numbers counted from 1. The CSS class
``nc-table`` (styled in ``_static/custom.css``) wraps long cells inside the text column,
so no table is wider than the page. Usage in a notebook cell::

    from newscompare.report.presentation import reader_table
    reader_table(pairs, {"article_a": "Article", "containment_a_in_b": "Share found"},
                 percent=["containment_a_in_b"])

Every value passes through :func:`html.escape`: article text is shown, never run.

Every reader table carries its whole content as a CSV download in its caption (a
``data:`` link, so the book needs no server and no file beside the page): a table cut at
``max_rows`` rows is downloadable in full from the page that shows it.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import math
import re
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

import pandas as pd

from newscompare.analysis.reuse import COMMON_SOURCE

TABLE_CLASS = "nc-table"
#: Article ids as readers see them: the outlet's name, with the id for cross-reference.
ID_COLUMNS = ("article", "article_a", "article_b", "source_article", "copy_article", "other_article", "id")


#: The command that writes the tidy CSV files behind every table of a book.
ANALYZE_COMMAND = "python -m newscompare analyze"
#: Largest CSV offered as a download from the page. The link holds the file itself
#: (base64, a third larger), so every reader loads it with the page, and this report's
#: notebooks store it in their outputs. One megabyte loads in a few seconds on a slow
#: phone connection; the largest table of a 15-article book (the held-out aviation story's
#: quotations) is 29 KB and grows about linearly with the articles, so a 100-article book
#: stays well below. A larger table is left to the CSV files of :data:`ANALYZE_COMMAND`,
#: which the caption names.
MAX_DOWNLOAD_BYTES = 1_000_000
#: Spreadsheets run a cell that starts with one of these as a formula (``=HYPERLINK(...)``
#: from an article's text would be a live link); such a cell is written with a leading
#: apostrophe, which spreadsheets show as text, unless it is a plain number ("-3", "+2.5%").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[-+]?\d[\d,]*(\.\d+)?%?$")


def inert_cell(text: str) -> str:
    """``text`` as a spreadsheet shows it without running it: a leading apostrophe before
    a cell that a spreadsheet would read as a formula (:data:`FORMULA_STARTS`), nothing
    added to any other cell."""
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def table_csv(frame: pd.DataFrame) -> bytes:
    """The rows of ``frame`` (strings, as a reader table shows them) as CSV bytes: its
    headers, every value quoted where CSV needs it, ``\\n`` line ends, UTF-8 with a
    byte-order mark (without it, Excel reads UTF-8 as another encoding and garbles every
    accented name). The same frame gives the same bytes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([inert_cell(str(h)) for h in frame.columns])
    for row in frame.itertuples(index=False):
        writer.writerow([inert_cell(str(v)) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def download_name(headers: Iterable[str]) -> str:
    """A file name for a table's download made from its first four column headers
    ("outlet-published-headline-address.csv"): tables of one page get different names
    without each caller naming its table (two tables of pairs share their first three:
    "Text A", "Text B", "Relation")."""
    words = re.findall(r"[a-z0-9]+", " ".join(list(headers)[:4]).lower())
    return "-".join(words)[:80].strip("-") + ".csv" if words else "table.csv"


def download_link(data: bytes, name: str, text: str) -> str:
    """An ``<a download>`` whose address holds ``data`` as a base64 ``data:`` URL: the
    file downloads from the page itself. Only base64 characters are in the address, and
    the name and text are escaped, so nothing in the table can leave the attribute."""
    encoded = base64.b64encode(data).decode("ascii")
    return (f'<a class="nc-download" download="{html.escape(name, quote=True)}" '
            f'href="data:text/csv;charset=utf-8;base64,{encoded}">{html.escape(text)}</a>')


class ReaderTable:
    """An HTML table for a notebook output (``_repr_html_``) and for ``glue``."""

    def __init__(self, html_text: str, frame: pd.DataFrame, csv_data: bytes = b"") -> None:
        self.html = html_text
        self.frame = frame  # the formatted strings, as shown (for tests)
        self.csv = csv_data  # every row, as the download offers it

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:  # the text/plain form nbval compares beside the HTML
        return f"<table of {len(self.frame)} rows: {', '.join(self.frame.columns)}>"


def human_header(column: str) -> str:
    """``published_start`` -> "Published start": a readable default header."""
    text = str(column).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _cell(value, *, integer: bool = False, percent: bool = False, decimals: int | None = None,
          sentence_number: bool = False) -> str:
    """One value as text: blanks for missing values, yes/no for booleans."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "yes" if bool(value) else "no"
    if sentence_number:
        parts = [p for p in str(value).split(";") if p != ""]
        return ", ".join(str(int(float(p)) + 1) for p in parts)
    if percent:
        return f"{float(value) * 100:.{1 if decimals is None else decimals}f}%"
    if integer:
        return str(int(round(float(value))))
    if isinstance(value, float):
        if decimals is not None:
            return f"{value:.{decimals}f}"
        return str(int(value)) if value.is_integer() else f"{value:.2f}"
    # Lists the package joins with a bare ";" ("war;campaign") read, and wrap, as "war; campaign".
    return re.sub(r";(?=\S)", "; ", str(value))


_LONG_TOKEN = re.compile(r"\S{25,}")
#: Where a long identifier or address breaks first: after a dot, underscore, slash,
#: hyphen or query mark ("ReuseThresholds." / "paraphrase_" / "min_" ...), so that a
#: parameter name or an address wraps between its words, never inside one.
_BREAK_AFTER = re.compile(r"(?<=[._/?&=-])(?=[^._/?&=-])")
#: A piece still longer than this after those breaks (a checksum) may break every this
#: many characters; no English word or class name is this long.
_MAX_PIECE = 20


def _breakable(text: str) -> str:
    """Escaped ``text`` in which very long tokens (parameter names, addresses, checksums)
    may break (``<wbr>``: invisible, and not copied with the text): after a dot,
    underscore, slash, hyphen or query mark first, and inside a piece only where it runs
    longer than :data:`_MAX_PIECE` characters without one (a checksum)."""
    parts, last = [], 0
    for match in _LONG_TOKEN.finditer(text):
        token = match.group(0)
        parts.append(html.escape(text[last:match.start()]))
        pieces = []
        for piece in _BREAK_AFTER.split(token):
            pieces.extend(piece[i:i + _MAX_PIECE] for i in range(0, len(piece), _MAX_PIECE))
        parts.append("<wbr>".join(html.escape(p) for p in pieces if p))
        last = match.end()
    parts.append(html.escape(text[last:]))
    return "".join(parts)


#: Addresses that become links: a page on the web. Any other scheme (``javascript:``,
#: ``data:``, ``file:``) or a malformed address is shown as text.
LINK_SCHEMES = ("http", "https")


def web_address(value: object) -> str | None:
    """``value`` if it is an http or https address with a host and no space or control
    character in it (so it is one address, as written), else None."""
    text = str(value)
    if not text or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unclosed IPv6 bracket: not an address to follow
        return None
    return text if parts.scheme.lower() in LINK_SCHEMES and parts.hostname else None


def link_html(text: str) -> str:
    """``text`` as a link to itself when it is a :func:`web_address` (opened without
    giving the page access to the book: ``rel="noopener noreferrer"``), else as escaped
    text; long addresses may break (see :func:`_breakable`)."""
    address = web_address(text)
    if address is None:
        return _breakable(text)
    return f'<a href="{html.escape(address, quote=True)}" rel="noopener noreferrer">{_breakable(address)}</a>'


def reader_table(
    table: pd.DataFrame,
    headers: Mapping[str, str] | None = None,
    *,
    columns: Iterable[str] | None = None,
    integers: Iterable[str] = (),
    percent: Iterable[str] = (),
    decimals: Mapping[str, int] | None = None,
    sentence_numbers: Iterable[str] = (),
    names: Mapping[str, str] | None = None,
    caption: str | None = None,
    max_rows: int | None = None,
    source_csv: str | None = None,
    links: Iterable[str] = (),
) -> ReaderTable:
    """The rows of ``table`` as a reader's HTML table.

    ``columns`` picks and orders columns (default: all; a default 0, 1, 2... index is
    dropped, any other index becomes leading columns); ``headers``
    maps column -> header (others get :func:`human_header`). ``integers`` are shown
    without decimals, ``percent`` (shares from 0 to 1) as "12.3%", ``decimals`` maps a
    column to its number of decimals. ``sentence_numbers`` hold 0-based sentence indices
    (one, or several joined by ";") and are shown counted from 1. ``names`` maps article
    ids to the names readers know (e.g. the outlet); it is applied to the id columns
    listed in :data:`ID_COLUMNS`. The web addresses of the ``links`` columns become links
    (:func:`link_html`).

    ``max_rows`` cuts the rows shown (the caption says how many are left out); the
    download in the caption holds every row, with the columns and headers shown and the
    values as shown (percentages, sentence numbers from 1, outlets' names), so that a row
    of the page is found in the file as it reads: the tidy values and codes are in the
    CSV files of :data:`ANALYZE_COMMAND`, named by ``source_csv``, which the caption
    names instead when the download would exceed :data:`MAX_DOWNLOAD_BYTES`.
    """
    if not isinstance(table.index, pd.RangeIndex):  # a meaningful index is shown as columns
        table = table.reset_index()
    headers = dict(headers or {})
    decimals = dict(decimals or {})
    integers, percent, sentence_numbers, links = set(integers), set(percent), set(sentence_numbers), set(links)
    chosen = list(columns) if columns is not None else list(table.columns)
    missing = [c for c in chosen if c not in table.columns]
    if missing:
        raise KeyError(f"reader_table: no column(s) {missing}; the table has {list(table.columns)}")
    shown = {}
    for column in chosen:
        values = table[column].tolist()
        if names is not None and column in ID_COLUMNS:
            values = [names.get(str(v), v) for v in values]
        shown[human_header(column) if column not in headers else headers[column]] = [
            _cell(v, integer=column in integers, percent=column in percent,
                  decimals=decimals.get(column), sentence_number=column in sentence_numbers)
            for v in values
        ]
    full = pd.DataFrame(shown, columns=list(shown))
    data = table_csv(full)
    frame = full.head(max_rows) if max_rows is not None else full
    parts = [f'<table class="{TABLE_CLASS}">',
             f"<caption>{_caption_html(caption, len(full), len(frame), data, download_name(full.columns), source_csv)}"
             "</caption>"]
    parts.append("<thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in frame.columns)
                 + "</tr></thead><tbody>")
    # data-label: on a phone each row becomes a card whose cells name their column.
    labels = [html.escape(h, quote=True) for h in frame.columns]
    linked = [header in {headers.get(c, human_header(c)) for c in links} for header in frame.columns]
    for row in frame.itertuples(index=False):
        parts.append("<tr>" + "".join(f'<td data-label="{label}">{link_html(v) if link else _breakable(v)}</td>'
                                      for label, link, v in zip(labels, linked, row, strict=True)) + "</tr>")
    parts.append("</tbody></table>")
    return ReaderTable("\n".join(parts), frame, data)


def _caption_html(caption: str | None, total: int, shown: int, data: bytes, name: str,
                  source_csv: str | None) -> str:
    """The caption: ``caption`` (escaped), how many rows are shown when not all are, and
    the download of every row (or, past :data:`MAX_DOWNLOAD_BYTES`, where they all are)."""
    parts = [html.escape(caption)] if caption else []
    cut = shown < total
    if len(data) <= MAX_DOWNLOAD_BYTES:
        if cut:
            parts.append(html.escape(f"The first {shown:,} of {total:,} rows; ")
                         + download_link(data, name, f"download all {total:,} rows (CSV)") + ".")
        else:
            parts.append(download_link(data, name, "Download this table (CSV)") + ".")
    else:
        where = f"{source_csv}, written by {ANALYZE_COMMAND}" if source_csv else f"the CSV files of {ANALYZE_COMMAND}"
        too_large = f"too large to download from this page ({len(data) / 1e6:,.1f} MB)"
        parts.append(html.escape(f"The first {shown:,} of {total:,} rows; all are in {where} ({too_large})."
                                 if cut else f"This table is in {where} ({too_large})."))
    return " ".join(parts)


def outlet_names(articles: pd.DataFrame) -> dict[str, str]:
    """Article id -> the outlet's name as readers know it, e.g. "CNN" or "The Neutral"."""
    return {str(row.id): str(row.outlet) for row in articles.itertuples()}


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """"1 change", "2 changes", "1,204 changes": a count with its noun in the right number."""
    noun = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:,} {noun}"


def join_words(items: Iterable[str], conjunction: str = "and") -> str:
    """"a", "a and b", "a, b and c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


#: Codes of the tables as readers read them, where replacing "_" by a space is not enough
#: (:func:`code_words`); the CSV files keep the codes.
CODE_WORDS = {"chrome": "site furniture", "promo": "promotion", "paraphrase": "rewrite",
              "not_speech": "not speech", "common_source": "shares a source outside the collection"}
#: The thresholds of sentence alignment as the prose names them (the parameters table keeps
#: the code names beside their values).
THRESHOLD_WORDS = {
    "quotation_context_min_containment": "the share of wording outside quotations a quoted match needs",
    "ngram_size": "the length of the word sequences compared",
    "copy_min_taken_share": "the share of sentences taken that makes a copy",
    "partial_copy_min_taken": "the sentences taken that make a partial copy",
    "edited_min_ratio": "the similarity an edited sentence needs",
    "edited_min_run_words": "the shared run of words an edited sentence needs",
    "edited_min_run_content": "the content words that run must hold",
    "edited_min_cover": "the share of a merged sentence its parts must cover",
    "edited_min_words": "the words a sentence needs to be called edited",
    "paraphrase_min_overlap": "the overlap a rewritten sentence needs",
    "paraphrase_in_order_min_overlap": "the overlap accepted inside a run in the same order",
    "paraphrase_min_common_words": "the shared words a rewritten sentence needs",
    "in_order_min_run": "the run in the same order that lowers the overlap needed",
    "in_order_min_short_run": "the shorter run in the same order",
    "merge_window": "the neighbouring sentences a merge may join",
    "paraphrase_pair_min_share": "the share of sentences taken or reworded that makes a rewrite",
    "unmatched_min_sentences": "the unmatched sentences that make an added block",
    "max_postings": "the most articles a word sequence may index",
    "candidates_per_article": "the candidate articles compared per article",
    "coverage_asymmetry_min": "the difference of coverage that counts as a cue of direction",
}


def threshold_words(name: str) -> str:
    """A threshold of sentence alignment as the prose names it, its code name where no
    plain name is written."""
    return THRESHOLD_WORDS.get(name.rpartition(".")[2], name)


def code_words(code: object) -> str:
    """A code as readers read it: "rewrite" for ``paraphrase``, "time reference" for
    ``time_reference``, "war naming" for ``war_naming``."""
    return CODE_WORDS.get(str(code), str(code).replace("_", " "))


#: Fewest CSS pixels a figure's smallest label may be displayed at (a phone's column).
MIN_LABEL_PIXELS = 8


class InlineFigure:
    """A matplotlib figure as inline SVG in HTML (``_repr_html_``): sharp at any size, and
    pasteable with ``glue`` into a page of another document, where an image file of a
    hidden cell would not be copied. ``alt`` is read by screen readers."""

    def __init__(self, figure, alt: str) -> None:
        import io
        import re

        import matplotlib.pyplot as plt
        from matplotlib.text import Text

        buffer = io.StringIO()
        # No date and a fixed id salt (plotting.STYLE): the same figure gives the same bytes.
        figure.savefig(buffer, format="svg", metadata={"Date": None})
        plt.close(figure)
        svg = buffer.getvalue()
        svg = svg[svg.index("<svg"):]
        # Scaled down to a narrower text column (a phone's), never up: on a wide screen the
        # drawing is shown at its natural size (a point is 4/3 of a CSS pixel), as a print
        # figure would be, and its labels keep the size they were drawn at. The drawing keeps
        # its viewBox, the box its aspect ratio.
        width_points = figure.get_figwidth() * 72
        # Never so small that its smallest label falls below MIN_LABEL_PIXELS: a figure wider
        # than a phone's column (a matrix of many articles) keeps that width and scrolls
        # inside its own box (custom.css) instead of shrinking its labels to a blur.
        natural = width_points * 4 / 3
        smallest = min((text.get_fontsize() for text in figure.findobj(Text)
                        if text.get_visible() and text.get_text().strip()), default=None)
        floor = min(natural, natural * MIN_LABEL_PIXELS / (smallest * 4 / 3)) if smallest else 0
        svg = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"',
                     lambda m: f'<svg{m.group(1)} style="width: 100%; height: auto; '
                               f'min-width: {floor:.0f}px; max-width: {natural:.0f}px"', svg, count=1)
        svg = svg.replace("<svg", f'<svg role="img" aria-label="{html.escape(alt)}"', 1)
        self.html = f'<figure class="nc-figure">{svg}</figure>'
        self.alt = alt
        self.figure = figure  # closed, kept for tests (its axes, labels and sizes)

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<figure: {self.alt}>"


def day_words(value: str) -> str:
    """An ISO day "2024-07-04" as "4 July 2024"."""
    day = pd.Timestamp(value)
    return f"{day.day} {day:%B %Y}"


def published_words(published: str, start: str, end: str) -> str:
    """A manifest's ``published`` value as read in a sentence: "4 July 2024" for a day,
    "July 2024" for a month, "between 5 July 2024 and 7 July 2024" for another window
    (``start`` and ``end`` are its first and last days)."""
    if start == end:
        return day_words(start)
    if re.fullmatch(r"\d{4}-\d{2}", published.strip()):
        return f"{pd.Timestamp(start):%B %Y}"
    return f"between {day_words(start)} and {day_words(end)}"


class ReferenceList:
    """The sources of a corpus as a numbered list (HTML ``<ol>``), one entry per article:
    outlet, title in quotation marks, date, the address as a link (:func:`link_html`)
    and when it was retrieved, each part escaped and left out when empty. ``entries`` is
    a table with the columns ``outlet, title, published, address, retrieved`` (text)."""

    def __init__(self, entries: pd.DataFrame) -> None:
        self.entries = entries
        items = []
        for entry in entries.itertuples(index=False):
            parts = [f"{html.escape(entry.outlet)}."]
            if entry.title:  # closed by a full stop unless it ends with its own mark ("...?")
                title = entry.title if entry.title[-1] in ".?!" else entry.title + "."
                parts.append(f"“{html.escape(title)}”")
            parts.append(f"{html.escape(entry.published[:1].upper() + entry.published[1:])}.")
            if entry.address:
                parts.append(link_html(entry.address) + ("" if web_address(entry.address) else "."))
            if entry.retrieved:
                parts.append(f"Retrieved {html.escape(entry.retrieved)}.")
            items.append(f"<li>{' '.join(parts)}</li>")
        self.html = '<ol class="nc-references">\n' + "\n".join(items) + "\n</ol>"

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<reference list of {len(self.entries)} articles>"


class Note:
    """A sentence shown in place of a table or figure that has nothing to show (no
    related pair, no quotation) or too much to draw: an escaped paragraph for HTML, the
    sentence itself as plain text."""

    def __init__(self, text: str) -> None:
        self.text = text

    def _repr_html_(self) -> str:
        return f'<p class="nc-note">{html.escape(self.text)}</p>'

    def __repr__(self) -> str:
        return self.text


#: How a pair's likely source reads when it is not an article of the collection.
COMMON_SOURCE_NAME = "a common source outside the collection"
UNDETERMINED_NAME = "undetermined"


def source_name(likely_source: str, labels: dict[str, str]) -> str:
    """A pair's likely source as readers see it: the article's name (``labels``), "a
    common source outside the collection" (both reprint one text that is not here), or
    "undetermined"."""
    if likely_source == COMMON_SOURCE:
        return COMMON_SOURCE_NAME
    return labels.get(likely_source, UNDETERMINED_NAME) if likely_source else UNDETERMINED_NAME
