"""Read a story's catalogue files (claims and framing lexicon in YAML, events and other
story tables in CSV) with one discipline, as the manifest is read.

Every catalogue is checked the same way before its content is looked at: it must be a
regular file (a folder, a FIFO or a device is refused without opening it, so a FIFO
cannot block the run), at most :data:`CATALOGUE_MAX_BYTES` long, and UTF-8 (a byte-order
mark at its start is dropped, as spreadsheet programs write one). YAML is read with
anchors and aliases refused and nesting bounded, so a small file cannot expand into
gigabytes. Each fault raises a :class:`CorpusError` of one short line naming the file,
the line and what was expected.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import yaml

from newscompare.ingest.errors import CorpusError
from newscompare.ingest.manifest import decode_utf8

#: Largest catalogue read, in bytes. This story's largest (story/claims.yml) is about 6 KB;
#: a catalogue of thousands of claims stays far below 1 MB, and the limit keeps a wrong
#: file (a corpus dump, a disk image) from being read into memory.
CATALOGUE_MAX_BYTES = 1_000_000
#: Deepest nesting of YAML collections accepted. A catalogue needs four levels (claims ->
#: claim -> all_of -> group); the bound keeps the reader's recursion far from Python's limit.
YAML_MAX_DEPTH = 20
#: Longest rendering of a value quoted in an error message, in characters.
QUOTED_VALUE_MAX_CHARS = 80


def short_repr(value: object) -> str:
    """``repr(value)``, cut to :data:`QUOTED_VALUE_MAX_CHARS` characters with "...", so that
    an error quoting a value stays one short line whatever the file holds."""
    text = repr(value)
    if len(text) <= QUOTED_VALUE_MAX_CHARS:
        return text
    return text[:QUOTED_VALUE_MAX_CHARS - 3] + "..."


def read_catalogue_text(path: Path | str, expected: str) -> str:
    """The text of the catalogue file at ``path``, checked (see the module docstring);
    ``expected`` says what the file should be ("a claims catalogue in YAML") in errors."""
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise CorpusError(path, f"not found; expected {expected}") from None
    except OSError as error:
        raise CorpusError(path, f"cannot be read ({error.strerror}); expected {expected}") from None
    _check_regular(path, info, expected)
    try:
        # O_NONBLOCK: should the path have become a FIFO since the check, opening it does
        # not wait for a writer; fstat below then refuses it.
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise CorpusError(path, f"cannot be read ({error.strerror}); expected {expected}") from None
    with open(handle, "rb") as stream:
        _check_regular(path, os.fstat(stream.fileno()), expected)
        data = stream.read(CATALOGUE_MAX_BYTES + 1)
    if len(data) > CATALOGUE_MAX_BYTES:
        raise CorpusError(path, f"more than {CATALOGUE_MAX_BYTES:,} bytes; expected {expected} "
                          "of at most that size")
    return decode_utf8(path, data).removeprefix("\ufeff")


def _check_regular(path: Path, info: os.stat_result, expected: str) -> None:
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else (
            "a FIFO" if stat.S_ISFIFO(info.st_mode) else "a device or socket")
        raise CorpusError(path, f"not a regular file ({kind}); expected {expected}")
    if info.st_size > CATALOGUE_MAX_BYTES:
        raise CorpusError(path, f"{info.st_size:,} bytes, more than {CATALOGUE_MAX_BYTES:,}; "
                          f"expected {expected} of at most that size")


def _yaml_error(path: Path, error: yaml.YAMLError) -> CorpusError:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    return CorpusError(path, f"not valid YAML: {problem}", line=mark.line + 1 if mark else None)


def _check_yaml_events(path: Path, text: str) -> None:
    """Refuse anchors, aliases and deep nesting, from the event stream (which is read
    without building anything, so a bomb is refused before it can expand)."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise CorpusError(path, "YAML anchors and aliases (& and *) are not accepted; "
                              "expected every value written out", line=line)
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > YAML_MAX_DEPTH:
                raise CorpusError(path, f"nested more than {YAML_MAX_DEPTH} levels deep; "
                                  "expected a flat catalogue", line=line)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def load_yaml_catalogue(path: Path | str, expected: str) -> tuple[object, yaml.Node | None]:
    """(data, root node) of the YAML catalogue at ``path``: the data as ``yaml.safe_load``
    gives it, and the node tree it was built from (its marks give each entry's line);
    (None, None) for an empty file."""
    path = Path(path)
    text = read_catalogue_text(path, expected)
    try:
        _check_yaml_events(path, text)
        loader = yaml.SafeLoader(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        raise _yaml_error(path, error) from None
    return data, root


def line_of(root: yaml.Node | None, *path: str | int) -> int | None:
    """The line (1-based) at which the value at ``path`` starts in the YAML node tree
    ``root`` (from :func:`load_yaml_catalogue`): each step is a mapping key (compared as
    written) or a list index. Where the path stops existing, the line of the last value
    found, so an error still points at the entry that lacks it; None for an empty file."""
    node = root
    if node is None:
        return None
    for step in path:
        if isinstance(node, yaml.MappingNode) and not isinstance(step, int):
            # The last of duplicated keys, as the loaded data keeps the last value.
            found = [value for key, value in node.value
                     if isinstance(key, yaml.ScalarNode) and key.value == str(step)]
            if not found:
                break
            node = found[-1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
    return node.start_mark.line + 1


def read_catalogue_csv(path: Path | str, columns: list[str],
                       expected: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each row of the CSV catalogue at ``path``, which must have
    ``columns`` (others are kept); each row has exactly the header's fields. A missing
    column, a short or long row, or a quotation mark left open names its line."""
    path = Path(path)
    text = read_catalogue_text(path, expected)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
        missing = [c for c in columns if c not in header]
        if missing:
            raise CorpusError(path, f"missing columns {missing}; expected a header with "
                              + ", ".join(columns), line=1)
        for row in reader:
            if None in row or None in row.values():
                found = len([v for k, v in row.items() if k is not None and v is not None]) + len(row.get(None) or [])
                raise CorpusError(path, f"{found} fields; expected {len(header)} "
                                  f"({', '.join(header)})", line=reader.line_num)
            yield reader.line_num, row
    except csv.Error as error:
        raise CorpusError(path, f"not valid CSV ({error}); expected comma-separated fields "
                          "with balanced quotation marks", line=reader.line_num) from None
