"""Every table the command line writes, in one place.

Each entry maps a CSV name to a function of the loaded corpus (and the options) that
returns a DataFrame. Later analyses add their tables here.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pandas as pd
from tqdm import tqdm

from newscompare.analysis import claims, edits, entities, framing, quotes, reuse, sources, timeline
from newscompare.ingest.corpus import MAX_ARTICLE_BYTES, Corpus, check_outside_corpus, read_articles, resolved
from newscompare.ingest.errors import CorpusError, OutputError
from newscompare.ingest.text import words
from newscompare.ingest.passim import aligned_groups, read_passim_alignments, read_passim_records
from newscompare.ingest.staging import (
    StagingPath, abandoned_staging, remove_path, staging_folder,
)


@dataclass(frozen=True)
class AnalysisOptions:
    """Optional inputs of the command for corpora other than the seeds."""

    claims_file: Path | None = None
    events_file: Path | None = None
    lexicon_file: Path | None = None


def check_catalogues(options: AnalysisOptions) -> None:
    """Read each catalogue given, so that a malformed one is reported (file, line, what was
    expected) before the corpus is parsed."""
    if options.claims_file is not None:
        claims.load_claims(options.claims_file)
    if options.events_file is not None:
        timeline.load_events(options.events_file)
    if options.lexicon_file is not None:
        framing.load_lexicon(options.lexicon_file)


class _ReuseResults(NamedTuple):
    alignments: pd.DataFrame
    pairs: pd.DataFrame


@functools.lru_cache(maxsize=1)
def _reuse(corpus: Corpus) -> _ReuseResults:
    """The sentence alignment and the pairs, computed once for the four tables built on
    them (the cache holds the last corpus only)."""
    alignments = reuse.align_sentences(corpus)
    return _ReuseResults(alignments, reuse.article_pairs(corpus, alignments=alignments))


def claims_export(corpus: Corpus, options: AnalysisOptions) -> pd.DataFrame:
    """The ``claims.csv`` table of the command: :func:`newscompare.analysis.claims.claim_table` with
    ``options.claims_file``, or the header alone when no catalogue is given (claims are
    story-specific; the seeds' catalogue is ``story/claims.yml``)."""
    if options.claims_file is None:
        return claims.empty_claim_table()
    return claims.claim_table(corpus, claims.load_claims(options.claims_file))


def framing_export(corpus: Corpus, options: AnalysisOptions) -> pd.DataFrame:
    """The ``framing.csv`` table of the command: :func:`newscompare.analysis.framing.framing_table`
    with ``options.lexicon_file``, or the header alone when no lexicon is given (a lexicon is
    story-specific; the seeds' is ``story/framing_lexicon.yml``)."""
    if options.lexicon_file is None:
        return framing.empty_framing_table()
    return framing.framing_table(corpus, framing.load_lexicon(options.lexicon_file))


def events_export(corpus: Corpus, options: AnalysisOptions) -> pd.DataFrame:
    """The ``events_known.csv`` table of the command: :func:`newscompare.analysis.timeline.events_known` with
    ``options.events_file``, or the header alone when no events file is given (events
    are story-specific; the seeds' are in ``story/events.csv``)."""
    if options.events_file is None:
        return pd.DataFrame(columns=timeline.KNOWN_COLUMNS)
    return timeline.events_known(corpus, timeline.load_events(options.events_file))


TableMaker = Callable[[Corpus, AnalysisOptions], pd.DataFrame]

TABLES: dict[str, TableMaker] = {
    "articles": lambda corpus, options: corpus.articles,
    "lines": lambda corpus, options: corpus.lines,
    "sentences": lambda corpus, options: corpus.sentences,
    "framing": framing_export,
    "claims": claims_export,
    "events_known": events_export,
    "pairs": lambda corpus, options: _reuse(corpus).pairs,
    "alignments": lambda corpus, options: _reuse(corpus).alignments,
    "edits": lambda corpus, options: edits.sentence_edits(
        corpus, alignments=_reuse(corpus).alignments, pairs=_reuse(corpus).pairs
    ),
    "unmatched_blocks": lambda corpus, options: reuse.unmatched_blocks(
        corpus, alignments=_reuse(corpus).alignments
    ),
    "entities": lambda corpus, options: entities.entity_table(corpus),
    "quotes": lambda corpus, options: quotes.quotes_table(corpus),
    "sources": lambda corpus, options: sources.source_mentions(corpus),
}


def csv_line_terminator(cells: Iterable[object]) -> str:
    """The line end for a CSV holding ``cells``: "\\n", or "\\r\\n" when a cell holds a
    carriage return. Python's csv writer quotes a cell only for the characters of its line
    end, so with "\\n" a bare CR (old Mac line ends, an id pasted with one) would be written
    unquoted and read back as a line break, shifting every later column; with "\\r\\n" it
    is quoted. Tables without one keep "\\n", byte for byte."""
    return "\r\n" if any("\r" in (cell if isinstance(cell, str) else str(cell)) for cell in cells) else "\n"


def _text_cells(table: pd.DataFrame) -> Iterator[object]:
    """Every cell of the table's non-numeric columns, then its column names."""
    for name in table.columns:
        column = table[name]
        if not (pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column)):
            yield from column
    yield from map(str, table.columns)


def write_csv(table: pd.DataFrame, path: Path) -> None:
    """Write ``table`` deterministically: UTF-8, no index, fixed float format, and "\\n"
    line ends unless a text holds a carriage return (see :func:`csv_line_terminator`), so
    that pandas and the csv module read every cell back as it was."""
    table.to_csv(path, index=False, lineterminator=csv_line_terminator(_text_cells(table)),
                 float_format="%.6g", encoding="utf-8")


class OutputFolder:
    """The ``--out`` folder, filled through a staging folder beside it.

    Creating it checks, before any analysis, that the tables can be written there: the
    path is a folder or can be made one, and holds nothing but tables of an earlier run
    (so replacing it deletes nothing else). Tables are written into a hidden staging
    folder beside it and moved into place by :meth:`commit` only when all are written, so
    a failed run leaves the earlier tables untouched rather than a mix of old and new.
    Leaving the ``with`` block without committing (an error, Ctrl-C) removes the staging
    folder; one left by a killed run is removed by the next (see
    :mod:`newscompare.ingest.staging`). The folder's mode follows the user's umask.
    """

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        target = out_dir.resolve()
        self._restore_after_killed_run(target)
        if target.exists() and not target.is_dir():
            raise OutputError(out_dir, "exists and is not a folder; expected a folder to "
                              "write the tables into (or a path where one can be made)")
        if target.is_dir():
            expected = {f"{name}.csv" for name in TABLES}
            try:
                entries = sorted(target.iterdir())
            except OSError as error:
                raise OutputError(out_dir, f"cannot be read ({error.strerror}); expected a "
                                  "folder of yours to write the tables into") from None
            for entry in entries:
                if entry.name not in expected or not entry.is_file():
                    raise OutputError(entry, "is not a table this command writes; expected "
                                      "--out to be a new or empty folder, or an earlier run's "
                                      "output (it is replaced whole)")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(out_dir, f"cannot create the folder or write beside it "
                              f"({error.strerror}); expected a writable place") from None
        self._target = target
        self._committed = False

    @staticmethod
    def _restore_after_killed_run(target: Path) -> None:
        """Remove the staging folders a killed run left beside ``target``; if it was killed
        in :meth:`commit` after moving the earlier tables aside, put those back first."""
        for leftover in abandoned_staging(target):
            moved_aside = leftover / "tables"
            if leftover.name.startswith(f".{target.name}.old-") and moved_aside.is_dir() \
                    and not target.exists():
                try:
                    os.rename(moved_aside, target)
                except OSError as error:
                    raise OutputError(target, f"cannot restore the earlier tables from "
                                      f"{moved_aside} ({error.strerror}); expected a writable "
                                      "place (move them back by hand)") from None
            remove_path(leftover)

    def __enter__(self) -> OutputFolder:
        # Made here rather than in __init__: once __enter__ returns, the with statement
        # guarantees __exit__, so an interrupt at any moment leaves no staging folder.
        try:
            self._staging = StagingPath(self._target)
        except OSError as error:
            raise OutputError(self.out_dir, f"cannot create the folder or write beside it "
                              f"({error.strerror}); expected a writable place") from None
        self.staging = self._staging.path
        return self

    def __exit__(self, *exc_info) -> None:
        if not self._committed:
            self._staging.remove()

    def commit(self) -> None:
        """Put the staged tables in place of the folder's earlier content."""
        if self._target.exists():
            # Moved aside rather than deleted first, so that the old tables are never
            # partly gone while the new ones are not yet there.
            old = StagingPath(self._target, kind="old")
            os.rename(self._target, old.path / "tables")
            os.rename(self.staging, self._target)
            old.remove()
        else:
            os.rename(self.staging, self._target)
        self._committed = True
        self._staging.release()


def write_tables(corpus: Corpus, folder: Path, options: AnalysisOptions,
                 shown_as: Path | None = None) -> list[str]:
    """Compute every table and write it as ``folder/NAME.csv``; return the file names.

    Raises :class:`OutputError` when a file cannot be written (a full disk), naming
    ``shown_as`` (default ``folder``): the ``--out`` the user gave when ``folder`` is its
    hidden staging folder, whose name means nothing to them."""
    shown_as = folder if shown_as is None else shown_as
    names = []
    # One step per table, named by the table (alignment and pairs are computed by the
    # first table that needs them); shown on stderr only when it is a terminal.
    with tqdm(total=len(TABLES), unit="table", disable=None, leave=False) as progress:
        for name, make in TABLES.items():
            progress.set_description(name)
            path = folder / f"{name}.csv"
            table = make(corpus, options)
            try:
                write_csv(table, path)
            except OSError as error:
                raise OutputError(shown_as, f"cannot write {path.name} ({error.strerror}); "
                                  "expected a writable folder with free space") from None
            names.append(path.name)
            progress.update()
    return names


def export_all(corpus: Corpus, out_dir: Path, options: AnalysisOptions) -> list[Path]:
    """Compute every table and write it as ``out_dir/NAME.csv`` (through a staging folder,
    see :class:`OutputFolder`); return the paths written."""
    with OutputFolder(out_dir) as output:
        names = write_tables(corpus, output.staging, options, shown_as=out_dir)
        output.commit()
    return [out_dir / name for name in names]


def passim_records(folder: Path) -> list[dict[str, str]]:
    """One record per article of the corpus folder in passim's input format: ``id``,
    ``series`` (the outlet), ``date`` (the earliest possible publication day) and ``text``
    (the cleaned body: the body paragraphs, joined by blank lines). Sorted by id. The
    files are read and checked as for ``analyze``; nothing is parsed.

    An article in another script, left out of the analyses that need the English model
    (with a warning), has no cleaned body; passim compares characters in any script, so
    its text is every non-blank line of the file."""
    return [
        {"id": article.row.fields["id"], "series": article.row.fields["outlet"],
         "date": article.row.published.start.isoformat(),
         "text": "\n\n".join(text for _, text in article.paragraphs) if article.paragraphs
         else "\n\n".join(str(line["text"]).strip() for line in article.lines if str(line["text"]).strip())}
        for article in read_articles(folder)
    ]


def export_passim(folder: Path, out_file: Path) -> int:
    """Write :func:`passim_records` as JSON lines to ``out_file`` (replaced only when
    complete); return the number of records. An ``out_file`` inside the corpus folder is
    refused before anything is read: it could replace the manifest or an article."""
    check_outside_corpus(out_file, folder)
    target = out_file.resolve()
    if target.is_dir():
        raise OutputError(out_file, "is a folder; expected a file name such as corpus.jsonl")
    if target.exists() and not target.is_file():
        # Replacing it would put a regular file where a FIFO or a device (/dev/null) was.
        raise OutputError(out_file, "is not a regular file (a FIFO, device or socket); expected "
                          "a file name such as corpus.jsonl")
    records = passim_records(folder)
    with staging_folder(target, folder=False, shown_as=out_file) as staging, \
            open(staging, "w", encoding="utf-8", newline="\n") as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(records)


#: The manifest columns ``from-passim`` writes (the required ones of a corpus manifest).
FROM_PASSIM_COLUMNS = ["id", "file", "outlet", "url", "published"]


def _file_name(article_id: str, taken: set[str]) -> str:
    """A portable file name for an article id (other characters become ``_``), unique
    among ``taken`` (which it joins)."""
    stem = re.sub(r"[^A-Za-z0-9._-]", "_", article_id).strip("._") or "article"
    name, number = f"{stem}.txt", 1
    while name.lower() in taken:
        number += 1
        name = f"{stem}-{number}.txt"
    taken.add(name.lower())
    return name


#: Longest file name most file systems take, in bytes.
MAX_FILE_NAME_BYTES = 255


def _check_passim_record(path: Path, line: int, article: str, record: dict) -> None:
    """Refuse, naming the file and line, a record of the chosen group that the corpus
    checks of ``analyze`` would refuse later: a date that is no calendar day, a text with a
    NUL, longer than an article may be, or without a word, and no outlet."""
    date = record.get("date")
    try:
        valid = isinstance(date, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", date) \
            and datetime.date.fromisoformat(date)
    except ValueError:
        valid = False
    if not valid:
        raise CorpusError(path, f"article {article!r} has date {date!r}; expected a day as "
                          "YYYY-MM-DD (as export-passim writes it)", line=line)
    text = record["text"]
    if "\0" in text:
        raise CorpusError(path, f"article {article!r}: the text holds a NUL character; expected "
                          "article text", line=line)
    if len(text.encode("utf-8")) > MAX_ARTICLE_BYTES:
        raise CorpusError(path, f"article {article!r}: the text is longer than {MAX_ARTICLE_BYTES:,} "
                          "bytes; expected one article", line=line)
    if not words(text):
        raise CorpusError(path, f"article {article!r}: the text has no words; expected article text",
                          line=line)
    if not (record.get("outlet") or record.get("series") or "").strip():
        raise CorpusError(path, f"article {article!r} has no outlet or series; expected the outlet "
                          "that published it (export-passim writes it as series)", line=line)


def corpus_from_passim(alignments_path: Path, records_path: Path, dest: Path,
                       around: str | None = None) -> list[str]:
    """Write one group of articles that passim aligned as a corpus folder ``dest`` (new or
    empty): each article's text (the record's ``text``, leading and trailing blanks
    removed) as ``ID.txt`` and a ``manifest.csv`` with id, file, outlet (the record's
    ``outlet``, else its ``series``), url (``url``, else empty) and published (``date``).
    The group is the connected component of the aligned articles (passim's ``align.json``,
    :func:`newscompare.ingest.passim.read_passim_alignments`) that holds ``around``, or the
    largest one. Returns the ids written. Everything is checked before ``dest`` is made;
    the folder appears whole or not at all."""
    alignments = read_passim_alignments(alignments_path)
    read = read_passim_records(records_path)
    records = read.by_id
    unknown = sorted((set(alignments["id"]) | set(alignments["id2"])) - set(records))
    if unknown:
        raise CorpusError(records_path, f"has no record for {unknown[0]!r}, which "
                          f"{alignments_path} aligns; expected the file passim ran on")
    groups = aligned_groups(alignments)
    if not groups:
        raise CorpusError(alignments_path, "aligns no articles; expected at least one passage "
                          "shared by two articles")
    if around is None:
        group = groups[0]
    else:
        if around not in records:
            raise CorpusError(records_path, f"has no article {around!r}; expected --around to "
                              "name an id of the file passim ran on")
        found = [g for g in groups if around in g]
        if not found:
            raise CorpusError(alignments_path, f"aligns nothing with {around!r}; expected an "
                              "article passim aligned with at least one other")
        group = found[0]
    taken: set[str] = {"manifest.csv"}
    names = {}
    for article in group:
        _check_passim_record(records_path, read.line_of[article], article, records[article])
        names[article] = _file_name(article, taken)
        if len(names[article].encode("utf-8")) > MAX_FILE_NAME_BYTES:
            raise CorpusError(records_path, f"id {article[:40]!r}... is too long for a file name "
                              f"(over {MAX_FILE_NAME_BYTES} bytes); expected a shorter id",
                              line=read.line_of[article])
    target = resolved(dest)
    if Path(alignments_path).is_dir():  # passim's output folder is an input too
        check_outside_corpus(dest, Path(alignments_path))
    if dest.is_symlink() and not target.exists():
        raise OutputError(dest, "is a symbolic link to nothing; expected a new or empty folder "
                          "(a link is not followed to make one)")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise OutputError(dest, "exists and is not an empty folder; expected a new or empty "
                          "folder for the corpus")
    with staging_folder(target) as folder:
        rows = []
        for article in group:
            record = records[article]
            name = names[article]
            (folder / name).write_text(record["text"].strip() + "\n", encoding="utf-8")
            rows.append({"id": article, "file": name,
                         "outlet": str(record.get("outlet") or record.get("series") or ""),
                         "url": str(record.get("url") or ""), "published": record["date"]})
        write_csv(pd.DataFrame(rows, columns=FROM_PASSIM_COLUMNS), folder / "manifest.csv")
    return group
