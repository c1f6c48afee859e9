"""Reading passim's pairwise alignments (``align.json``), the output passim writes with
``--pairwise`` before its clustering step (which alone needs the GraphFrames JAR).

passim (David A. Smith's text-reuse detector on Apache Spark) writes ``align.json`` as a
Spark output folder of ``part-*.json`` files, one JSON object a line, each one aligned
passage of two documents: ``id``/``id2`` (the documents), ``begin``/``end`` and
``begin2``/``end2`` (character offsets of the passage in each text), with the other
input fields echoed (``series``/``series2``, ...). A single JSON-lines file of such
objects is read the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from newscompare.ingest.errors import CorpusError

#: The fields of an alignment record that are read, and their JSON types.
ALIGNMENT_FIELDS = {"id": str, "id2": str, "begin": int, "end": int, "begin2": int, "end2": int}
ALIGNMENT_COLUMNS = list(ALIGNMENT_FIELDS)


def alignment_files(path: Path) -> list[Path]:
    """The JSON-lines files of a passim output: ``path`` itself when it is a file, else the
    ``part-*`` files of the folder (sorted). A folder without any is refused."""
    path = Path(path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        _regular_file(path, "passim's align.json folder (or one JSON-lines file of its records)")
    files = sorted(p for p in path.iterdir() if p.name.startswith("part-") and p.is_file())
    if not files:
        raise CorpusError(path, "holds no part-* files; expected passim's align.json folder, "
                          "written by a run with --pairwise")
    return files


def read_passim_alignments(path: Path) -> pd.DataFrame:
    """Every aligned passage of a passim ``align.json`` output (:func:`alignment_files`):
    one row per record, columns :data:`ALIGNMENT_COLUMNS`, in file and line order. A line
    that is not a JSON object with those fields (strings for the ids, integers for the
    offsets) is refused, naming the file and the line."""
    records = []
    for file in alignment_files(path):
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError as error:
            raise CorpusError(file, f"is not UTF-8 text ({error.reason}); expected passim's "
                              "JSON-lines output") from None
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            records.append(_alignment_record(file, number, line))
    return pd.DataFrame(records, columns=ALIGNMENT_COLUMNS)


def _json_line(file: Path, number: int, line: str, expected: str):
    """One line of JSON, or :class:`CorpusError` naming the file and line: not JSON, nested
    too deeply for the parser, or holding a lone surrogate (an escape such as \\ud800, which
    no UTF-8 file can hold)."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        raise CorpusError(file, f"is not JSON ({error.msg}); expected {expected}", line=number) from None
    except RecursionError:
        raise CorpusError(file, f"is not JSON this reader can take (nested too deeply); expected "
                          f"{expected}", line=number) from None
    if _has_lone_surrogate(value):
        raise CorpusError(file, f"holds an unpaired surrogate escape (such as \\ud800); expected "
                          f"Unicode text: {expected}", line=number)
    return value


def _has_lone_surrogate(value) -> bool:
    """Whether a parsed JSON value holds, in any string of it, a lone surrogate."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if any("\ud800" <= character <= "\udfff" for character in item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _regular_file(path: Path, expected: str) -> None:
    """Refuse a path that is not a regular file, saying what it is instead."""
    if path.is_file():
        return
    what = ("a folder" if path.is_dir() else "not a regular file (a FIFO, device or socket)"
            if path.exists() else "not found")
    raise CorpusError(path, f"is {what}; expected {expected}" if what != "not found" else
                      f"not found; expected {expected}")


def _alignment_record(file: Path, number: int, line: str) -> dict:
    record = _json_line(file, number, line, "one JSON object per line, as passim writes")
    if not isinstance(record, dict):
        raise CorpusError(file, "is not a JSON object; expected one passim alignment record "
                          "per line", line=number)
    for field, kind in ALIGNMENT_FIELDS.items():
        value = record.get(field)
        # bool is an int to Python, never an offset to passim.
        if not isinstance(value, kind) or isinstance(value, bool):
            raise CorpusError(file, f"field {field!r} is {'missing' if value is None else repr(value)}; "
                              f"expected {'a string' if kind is str else 'an integer'} as in passim's "
                              "--pairwise output (id, id2, begin, end, begin2, end2)", line=number)
    if record["id"] == record["id2"]:
        raise CorpusError(file, f"aligns {record['id']!r} with itself; expected two documents",
                          line=number)
    return {field: record[field] for field in ALIGNMENT_FIELDS}


def aligned_groups(alignments: pd.DataFrame) -> list[list[str]]:
    """The connected components of the aligned documents (two documents are in one group
    when a chain of alignments joins them), each sorted, largest group first, ties by
    first id. What passim's clustering does with GraphFrames, in plain Python."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in zip(alignments["id"], alignments["id2"]):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for node in parent:
        groups.setdefault(root(node), []).append(node)
    return sorted((sorted(group) for group in groups.values()), key=lambda g: (-len(g), g[0]))


#: The fields of an input record of passim (``export-passim``'s JSON lines) that are read.
RECORD_FIELDS = ("id", "text")
#: Fields read when present, as text only (a list or an object is no outlet or address).
OPTIONAL_TEXT_FIELDS = ("series", "outlet", "url", "date")


@dataclass(frozen=True)
class PassimRecords:
    """passim's input records by id, and the line of the file each stands on."""

    by_id: dict[str, dict]
    line_of: dict[str, int]


def read_passim_records(path: Path) -> PassimRecords:
    """Id -> record of a JSON-lines file of passim's input (``export-passim`` writes one):
    each line a JSON object with a string ``id`` and ``text``; ``series``, ``date`` and any
    further fields (``outlet``, ``url``) are kept as given. A line that is not such an
    object, or repeats an id, is refused, naming the file and the line."""
    path = Path(path)
    _regular_file(path, "the JSON-lines file passim ran on (as `newscompare export-passim` writes it)")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as error:
        raise CorpusError(path, f"is not UTF-8 text ({error.reason}); expected JSON lines") from None
    records: dict[str, dict] = {}
    lines_of: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        record = _json_line(path, number, line, "one JSON object per line with id and text")
        if not isinstance(record, dict):
            raise CorpusError(path, "is not a JSON object; expected one record per line with "
                              "id and text", line=number)
        for field in RECORD_FIELDS:
            if not isinstance(record.get(field), str) or not record[field].strip():
                raise CorpusError(path, f"field {field!r} is missing or not a non-empty string; "
                                  "expected id and text as export-passim writes them", line=number)
        for field in OPTIONAL_TEXT_FIELDS:
            if field in record and not isinstance(record[field], str | None):
                raise CorpusError(path, f"field {field!r} is {record[field]!r}; expected a string "
                                  "(or no such field)", line=number)
        if record["id"] in records:
            raise CorpusError(path, f"repeats the id {record['id']!r}; expected each article once",
                              line=number)
        records[record["id"]] = record
        lines_of[record["id"]] = number
    if not records:
        raise CorpusError(path, "holds no records; expected one JSON object per article")
    return PassimRecords(records, lines_of)
