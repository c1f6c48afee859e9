#!/usr/bin/env python
"""Hostile-input sweep for issue 23 (a script, not a test module: pytest does not collect
it, and CI does not run it).

Each case builds a small corpus (2-3 tiny articles) in a fresh temporary folder, runs one
command (``analyze``, ``export-passim``, ``new-report``, or a figure drawn from an
``analyze`` output) as a subprocess with a 60 s timeout, and compares a snapshot of the
whole temporary tree (every file's sha256, every link's target, every folder) taken
before and after the run. Each case is classified as one of

    clear error     exit 2, one error line on stderr (warnings aside), no traceback
    right result    exit 0 and the expected outputs (or exit 130 and one line for Ctrl-C)
    traceback       "Traceback" on stderr
    wrong result    an unexpected exit status, output, or a valid input refused
    write outside   a file or folder created, changed or removed outside the destination
    input changed   an input file (corpus, catalogue) changed or removed
    timeout         not finished in 60 s
    two-line error  the error takes more than one line
    vague error     one line, but it does not name what it should (file, line) or is
                    unreadably long (more than 2,000 characters)

Usage (from the repository, with this worktree's package on PYTHONPATH):

    PYTHONPATH=src .venv/bin/python tests/hostile_sweep.py [RESULTS.csv] [-k SUBSTRING] [-j JOBS]

The commands run with ``sys.executable`` and the caller's PYTHONPATH, so they test the
package that PYTHONPATH points at. Cases that need a read-only folder or a full disk run the
command inside ``unshare -m`` with a read-only bind mount or a small tmpfs (needs root;
elsewhere those cases are skipped).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import fnmatch
import hashlib
import io
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

TIMEOUT = 60.0
CLASSES = ["clear error", "right result", "traceback", "wrong result", "write outside",
           "input changed", "timeout", "two-line error", "vague error"]
TABLES = ["articles", "lines", "sentences", "framing", "claims", "events_known", "pairs",
          "alignments", "edits", "unmatched_blocks", "entities", "quotes", "sources"]
HEADER = ["id", "file", "outlet", "url", "published"]

TEXT_A = ("India's Prime Minister Narendra Modi will visit Russia next week, the Kremlin said "
          "on Thursday.\n\nThe visit will be his first since 2019, officials told Reuters.\n")
TEXT_B = ("Prime Minister Narendra Modi will visit Russia next week, the Kremlin said on "
          "Thursday.\n\n\"We welcome the visit,\" Kremlin spokesman Dmitry Peskov told "
          "reporters in Moscow.\n")
TEXT_C = ("Modi travels to Moscow on July 8 for talks with Vladimir Putin.\n\nThe trip was "
          "announced by the Kremlin on Thursday.\n")
CLAIMS = ("claims:\n  - id: visit_announced\n    statement: The visit is announced.\n"
          "    all_of:\n      - [visit, trip]\n")
EVENTS = ("date,end_date,event,reported_by\n"
          "2024-06-25,,Kremlin aide says a visit is being prepared,TASS\n")
LEXICON = ("categories:\n  war_naming:\n    description: how the text names the war\n"
           "    terms:\n      - war\n      - conflict\n")
ALIAS_BOMB = ('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
              'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
              'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n'
              'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n'
              'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n')

HINDI = ("प्रधानमंत्री नरेंद्र मोदी अगले सप्ताह रूस की यात्रा करेंगे, क्रेमलिन ने गुरुवार को कहा।\n\n"
         "यह 2019 के बाद उनकी पहली यात्रा होगी।\n")
ARABIC = ("سيزور رئيس الوزراء الهندي ناريندرا مودي روسيا الأسبوع المقبل، حسبما قال الكرملين "
          "يوم الخميس.\n\nوستكون هذه أول زيارة له منذ عام 2019.\n")
CHINESE = "印度总理莫迪下周将访问俄罗斯，克里姆林宫周四表示。\n\n这将是他自2019年以来的首次访问。\n"

# The cache shared by the cases that are not about the cache (outside every case's tree).
SHARED: dict[str, Path] = {}


# --- building cases ----------------------------------------------------------------------


@dataclass
class Case:
    name: str
    group: str
    command: str  # analyze | export-passim | new-report | figure
    setup: Callable[[Path], list[str]]  # builds the tree, returns the arguments after the command
    expect: str = "error"  # error | ok | either | interrupt
    allowed: tuple[str, ...] = ("out",)  # paths (relative to the case root, fnmatch) that may change
    check: Callable[[Path, "Run"], str | None] | None = None  # for exit 0: None when right
    mention: tuple[str, ...] = ()  # substrings the error line must contain
    inputs: tuple[str, ...] = ("corpus", "cat")  # pre-existing paths that are inputs
    cwd: str = "cwd"
    ro: tuple[str, ...] = ()  # paths mounted read-only for the run
    tmpfs: tuple[tuple[str, str], ...] = ()  # (path, size) mounted as a small tmpfs
    sigint_after: float | None = None
    umask: int | None = None
    watch_dirs: tuple[str, ...] = ()  # absolute folders outside the tree whose listing must not change


@dataclass
class Run:
    code: int | None
    stdout: str
    stderr: str
    seconds: float
    timed_out: bool


@dataclass
class Result:
    case: Case
    klass: str
    run: Run | None
    note: str = ""
    argv: list[str] = field(default_factory=list)


CASES: list[Case] = []


def case(name: str, group: str, command: str, setup, **kw) -> None:
    CASES.append(Case(name=name, group=group, command=command, setup=setup, **kw))


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def manifest_text(rows: list[list[str]], header: list[str] = HEADER, delimiter: str = ",",
                  terminator: str = "\n") -> str:
    buf = io.StringIO()
    # The csv module quotes a cell holding the line terminator's characters only: a bare CR
    # in a cell would be written unquoted (an invalid file), so such manifests quote all.
    quoting = csv.QUOTE_ALL if any("\r" in cell for row in rows for cell in row) else csv.QUOTE_MINIMAL
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=terminator, quoting=quoting)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def corpus(root: Path, rows: list[list[str]] | None = None, texts: dict | None = None,
           manifest: str | bytes | None = None, name: str = "corpus") -> Path:
    """A corpus folder: ``texts`` (file -> text) and a manifest of ``rows`` (default: the
    three standard articles)."""
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    if texts is None:
        texts = {"a.txt": TEXT_A, "b.txt": TEXT_B, "c.txt": TEXT_C}
    if rows is None and manifest is None:
        rows = [[Path(f).stem, f, f"Outlet {Path(f).stem.upper()}", "", "2024-07-04"]
                for f in texts]
    for file, text in texts.items():
        write(folder / file, text)
    write(folder / "manifest.csv", manifest if manifest is not None else manifest_text(rows))
    return folder


def std_rows(**override) -> list[list[str]]:
    rows = [["a", "a.txt", "Outlet A", "", "2024-07-04"],
            ["b", "b.txt", "Outlet B", "", "2024-07-05"],
            ["c", "c.txt", "Outlet C", "", "2024-07-05"]]
    for key, value in override.items():
        index, column = key.split("_", 1)
        rows[int(index[1:])][HEADER.index(column)] = value
    return rows


def analyze_args(root: Path, cache: bool = True, extra: list[str] | None = None,
                 folder: str = "corpus") -> list[str]:
    args = [str(root / folder), "--out", str(root / "out")]
    if cache:
        args += ["--cache", str(SHARED["cache"])]
    return args + (extra or [])


def passim_args(root: Path, folder: str = "corpus") -> list[str]:
    return [str(root / folder), str(root / "out")]


def report_args(root: Path, extra: list[str] | None = None, folder: str = "corpus") -> list[str]:
    return [str(root / folder), str(root / "out")] + (extra or [])


def args_for(command: str, root: Path, extra: list[str] | None = None, cache: bool = True,
             folder: str = "corpus") -> list[str]:
    if command == "analyze":
        return analyze_args(root, cache=cache, extra=extra, folder=folder)
    if command == "export-passim":
        return passim_args(root, folder=folder)
    return report_args(root, extra=extra, folder=folder)


def pre_run(root: Path, command: str, args: list[str]) -> None:
    """Run a command while building a case (an earlier output, a filled cache)."""
    proc = subprocess.run([sys.executable, "-m", "newscompare", command, *args], cwd=root,
                          env=child_env(), capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise RuntimeError(f"pre-run {command} {args} failed: {proc.stderr.strip()[-300:]}")


# --- checks of a right result ------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    import pandas as pd
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frame.to_dict("records")


def manifest_rows(root: Path, folder: str = "corpus") -> list[dict[str, str]]:
    text = (root / folder / "manifest.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    return [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in rows
            if any((v or "").strip() for v in row.values() if isinstance(v, str))]


def check_analyze(root: Path, run: Run, out: str = "out", folder: str = "corpus",
                  ids: list[str] | None = None) -> str | None:
    """Every table exists and reads back: articles.csv has the manifest's ids and outlets,
    and every article column of the other tables holds only those ids."""
    out_dir = root / out
    missing = [t for t in TABLES if not (out_dir / f"{t}.csv").is_file()]
    if missing:
        return f"tables missing: {missing}"
    rows = manifest_rows(root, folder)
    want_ids = ids if ids is not None else [r["id"] for r in rows]
    try:
        articles = read_csv(out_dir / "articles.csv")
    except Exception as error:  # noqa: BLE001 - any failure to read back is the finding
        return f"articles.csv does not read back: {error}"
    got_ids = [a.get("id") for a in articles]
    if sorted(got_ids) != sorted(want_ids):
        return f"articles.csv ids {got_ids!r} != manifest ids {want_ids!r}"
    if ids is None:
        outlets = {r["id"]: r["outlet"] for r in rows}
        for a in articles:
            if a.get("outlet") != outlets.get(a.get("id")):
                return f"articles.csv outlet {a.get('outlet')!r} != {outlets.get(a.get('id'))!r}"
    id_set = set(want_ids)
    for table, column in [("lines", "article"), ("sentences", "article"), ("entities", "article"),
                          ("quotes", "article"), ("pairs", "source"), ("pairs", "target")]:
        try:
            records = read_csv(out_dir / f"{table}.csv")
        except Exception as error:  # noqa: BLE001
            return f"{table}.csv does not read back: {error}"
        bad = [r.get(column) for r in records if column in r and r.get(column) not in id_set]
        if bad:
            return f"{table}.csv column {column} has {bad[0]!r}, not an article id (shifted columns?)"
    return None


def check_passim(root: Path, run: Run, out: str = "out", folder: str = "corpus",
                 ids: list[str] | None = None) -> str | None:
    path = root / out
    if not path.is_file():
        return "no output file"
    try:
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    except Exception as error:  # noqa: BLE001
        return f"output is not JSON lines: {error}"
    want = ids if ids is not None else [r["id"] for r in manifest_rows(root, folder)]
    got = [r.get("id") for r in records]
    if sorted(got) != sorted(want):
        return f"ids {got!r} != manifest ids {want!r}"
    if any(not r.get("text") for r in records):
        return "an empty text"
    return None


def check_report(root: Path, run: Run, out: str = "out", folder: str = "corpus",
                 ids: list[str] | None = None) -> str | None:
    dest = root / out
    for needed in ["seeds/manifest.csv", "Makefile", "_toc.yml", "notebooks/01_corpus.ipynb"]:
        if not (dest / needed).is_file():
            return f"{needed} missing in DEST"
    try:
        copied = read_csv(dest / "seeds" / "manifest.csv")
    except Exception as error:  # noqa: BLE001
        return f"DEST/seeds/manifest.csv does not read back: {error}"
    want = ids if ids is not None else [r["id"] for r in manifest_rows(root, folder)]
    if sorted(r.get("id") for r in copied) != sorted(want):
        return f"DEST manifest ids {[r.get('id') for r in copied]!r} != {want!r}"
    seeds = (dest / "seeds").resolve()
    for r in copied:
        target = (dest / "seeds" / r["file"]).resolve()
        if seeds not in target.parents or not target.is_file():
            return f"DEST manifest names {r['file']!r}, not a file inside DEST/seeds"
    return None


CHECKS = {"analyze": check_analyze, "export-passim": check_passim, "new-report": check_report}


def default_check(command: str):
    return CHECKS.get(command)


def same_as_reference(root: Path, run: Run) -> str | None:
    problem = check_analyze(root, run)
    if problem:
        return problem
    for table in TABLES:
        if (root / "out" / f"{table}.csv").read_bytes() != SHARED["reference"][table]:
            return f"{table}.csv differs from a run without cache"
    return None


def warned_once(fragment: str, base=check_analyze):
    def check(root: Path, run: Run) -> str | None:
        problem = base(root, run)
        if problem:
            return problem
        warnings = [l for l in run.stderr.splitlines() if l.startswith("warning:")]
        if not any(fragment in w for w in warnings):
            return f"no one-line warning naming {fragment!r}; stderr: {run.stderr.strip()[:200]!r}"
        return None
    return check


# --- the cases ---------------------------------------------------------------------------

COMMANDS = ["analyze", "export-passim", "new-report"]


def commands_for(label: str, with_report: tuple[str, ...],
                 base: tuple[str, ...] = ("analyze", "export-passim")) -> list[str]:
    """The commands a case runs under: ``base``, and new-report too for the labels named
    (new-report takes twice as long, and reads the input as analyze does)."""
    extra = "export-passim" if "new-report" in base else "new-report"
    return list(base) + ([extra] if label in with_report and extra not in base else [])


NEW_REPORT_PATHS = {
    "absolute path inside corpus", "dotdot outside", "dotdot back into corpus", "sub/.. stays inside",
    "symlinked file to outside", "symlinked folder to outside", "symlinked folder then ..",
    "symlinked folder then .. to x", "symlink inside to inside file", "symlinked file inside to inside",
    "absolute symlink to inside", "symlink loop", "file is a FIFO", "file name 300 chars",
    "backslash path", "ESC in existing file name", "newline in missing file name", "unicode file name",
    "file named twice via symlink"}


def add_manifest_file_cases() -> None:
    """Class 1: paths in the manifest's file column, for each command."""
    def simple(rows_fn, texts=None, extra=None):
        def setup(root: Path, command: str) -> list[str]:
            write(root / "outside" / "victim.txt", TEXT_C)
            write(root / "outside" / "d1" / "d2" / "x.txt", TEXT_C)
            write(root / "outside" / "d1" / "v.txt", TEXT_C)
            corpus(root, rows=rows_fn(root), texts=texts or {"a.txt": TEXT_A, "b.txt": TEXT_B})
            if extra:
                extra(root)
            return args_for(command, root)
        return setup

    two = lambda third: (lambda root: [["a", "a.txt", "Outlet A", "", "2024-07-04"],
                                        ["b", "b.txt", "Outlet B", "", "2024-07-05"],
                                        ["c", third(root) if callable(third) else third,
                                         "Outlet C", "", "2024-07-05"]])

    def symlink(name: str, target: str):
        def make(root: Path) -> None:
            path = root / "corpus" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(target, path)
        return make

    def fifo(name: str):
        return lambda root: os.mkfifo(root / "corpus" / name)

    def folder(name: str):
        return lambda root: (root / "corpus" / name).mkdir()

    specs = [
        # (name, rows, extra texts, extra builder, expect, mention)
        ("absolute path inside corpus", two(lambda r: str(r / "corpus" / "c.txt")),
         {"c.txt": TEXT_C}, None, "error", ("manifest.csv", "line 4")),
        ("absolute path outside", two(lambda r: str(r / "outside" / "victim.txt")), None, None,
         "error", ("manifest.csv", "line 4")),
        ("absolute /etc/hostname", two("/etc/hostname"), None, None, "error", ("line 4",)),
        ("dotdot outside", two("../outside/victim.txt"), None, None, "error", ("line 4",)),
        ("dotdot back into corpus", two("../corpus/c.txt"), {"c.txt": TEXT_C}, None, "error",
         ("line 4",)),
        ("sub/.. stays inside", two("sub/../c.txt"), {"c.txt": TEXT_C, "sub/keep": ""}, None,
         "either", ()),
        ("./c.txt", two("./c.txt"), {"c.txt": TEXT_C}, None, "ok", ()),
        ("symlinked file to outside", two("c.txt"), None, symlink("c.txt", "../outside/victim.txt"),
         "error", ("line 4",)),
        ("symlinked folder to outside", two("sub/victim.txt"), None, symlink("sub", "../outside"),
         "error", ("line 4",)),
        ("symlinked folder then ..", two("lnk/../v.txt"), None,
         symlink("lnk", "../outside/d1/d2"), "error", ("line 4",)),
        ("symlinked folder then .. to x", two("lnk/../d2/x.txt"), None,
         symlink("lnk", "../outside/d1/d2"), "error", ("line 4",)),
        ("symlink inside to inside file", two("texts/c.txt"), {"real/c.txt": TEXT_C},
         symlink("texts", "real"), "ok", ()),
        ("symlinked file inside to inside", two("c.txt"), {"real/c0.txt": TEXT_C},
         symlink("c.txt", "real/c0.txt"), "ok", ()),
        ("absolute symlink to inside", two("c.txt"), {"real/c0.txt": TEXT_C},
         lambda r: os.symlink(r / "corpus" / "real" / "c0.txt", r / "corpus" / "c.txt"), "ok", ()),
        ("symlink to /dev/zero", two("c.txt"), None, symlink("c.txt", "/dev/zero"), "error",
         ("line 4",)),
        ("symlink loop", two("c.txt"), None, symlink("c.txt", "c.txt"), "error", ("line 4",)),
        ("symlink chain loop", two("c.txt"), None,
         lambda r: (os.symlink("d.txt", r / "corpus" / "c.txt"),
                    os.symlink("c.txt", r / "corpus" / "d.txt")), "error", ()),
        ("dangling symlink", two("c.txt"), None, symlink("c.txt", "nowhere.txt"), "error",
         ("line 4",)),
        ("file is a folder", two("c.txt"), None, folder("c.txt"), "error", ("line 4",)),
        ("file is a FIFO", two("c.txt"), None, fifo("c.txt"), "error", ("line 4",)),
        ("file is a FIFO not .txt", two("pipe"), None, fifo("pipe"), "error", ("line 4",)),
        ("file missing", two("nothere.txt"), None, None, "error", ("line 4",)),
        ("file is empty cell", two(""), None, None, "error", ("line 4",)),
        ("file is the manifest", two("manifest.csv"), None, None, "error", ("line 4",)),
        ("file named twice", two("a.txt"), None, None, "error", ("line 4",)),
        ("file named twice via ./", two("./a.txt"), None, None, "error", ("line 4",)),
        ("file named twice via symlink", two("alias.txt"), None, symlink("alias.txt", "a.txt"),
         "error", ()),
        ("backslash path", two("sub\\c.txt"), {"sub/c.txt": TEXT_C}, None, "either", ()),
        ("windows absolute", two("C:\\x\\c.txt"), None, None, "error", ("line 4",)),
        ("UNC path", two("\\\\server\\share\\c.txt"), None, None, "error", ("line 4",)),
        ("trailing slash", two("c.txt/"), {"c.txt": TEXT_C}, None, "either", ()),
        ("file name 300 chars", two("x" * 300 + ".txt"), None, None, "error", ("line 4",)),
        ("path 5000 chars", two("a/" * 2500 + "c.txt"), None, None, "error", ("line 4",)),
        ("file through a file", two("a.txt/c.txt"), None, None, "error", ("line 4",)),
        ("unicode file name", two("é日本 c.txt"), {"é日本 c.txt": TEXT_C}, None, "ok", ()),
        ("space-padded file cell", two("  c.txt  "), {"c.txt": TEXT_C}, None, "ok", ()),
        ("ESC in existing file name", two("c\x1b[31m.txt"), {"c\x1b[31m.txt": TEXT_C}, None,
         "ok", ()),
        ("newline in missing file name", two("c\nd.txt"), None, None, "error", ("line 4",)),
        ("CR in missing file name", two("c\rd.txt"), None, None, "error", ("line 4",)),
        ("ESC in missing file name", two("c\x1b[2J.txt"), None, None, "error", ("line 4",)),
        ("BEL+backspace in missing name", two("c\x07\x08.txt"), None, None, "error", ("line 4",)),
        ("unlisted .txt in corpus", lambda r: [["a", "a.txt", "Outlet A", "", "2024-07-04"],
                                               ["b", "b.txt", "Outlet B", "", "2024-07-05"]],
         {"c.txt": TEXT_C}, None, "error", ("c.txt",)),
        ("article is /proc/self/environ", two("/proc/self/environ"), None, None, "error", ()),
        ("file with NUL via symlink name", two("c.txt"), None, symlink("c.txt", "/dev/null"),
         "error", ()),
    ]
    for name, rows_fn, texts, extra, expect, mention in specs:
        base = {"a.txt": TEXT_A, "b.txt": TEXT_B}
        if texts:
            base.update(texts)
        builder = simple(rows_fn, base, extra)
        for command in commands_for(name, ("symlinked folder then ..", "dotdot outside",
                                           "file is a FIFO", "symlink loop", "file name 300 chars",
                                           "absolute path inside corpus", "newline in missing file name"),
                                    ("analyze", "new-report")):
            if command == "new-report" and name not in NEW_REPORT_PATHS:
                continue
            case(f"paths: {name}", "1 paths", command,
                 (lambda b, c: (lambda root: b(root, c)))(builder, command), expect=expect,
                 mention=mention, check=default_check(command), inputs=("corpus", "outside"))


def add_corpus_dir_cases() -> None:
    """Class 1: CORPUS_DIR itself and the manifest file."""
    def make(kind: str):
        def setup(root: Path, command: str) -> list[str]:
            if kind == "missing":
                pass
            elif kind == "file":
                write(root / "corpus", "not a folder")
            elif kind == "fifo":
                os.mkfifo(root / "corpus")
            elif kind == "symlink to corpus":
                corpus(root, name="real")
                os.symlink("real", root / "corpus")
            elif kind == "manifest is folder":
                corpus(root)
                (root / "corpus" / "manifest.csv").unlink()
                (root / "corpus" / "manifest.csv").mkdir()
            elif kind == "manifest is FIFO":
                corpus(root)
                (root / "corpus" / "manifest.csv").unlink()
                os.mkfifo(root / "corpus" / "manifest.csv")
            elif kind == "manifest symlink outside":
                corpus(root)
                (root / "corpus" / "manifest.csv").rename(root / "outside.csv")
                os.symlink("../outside.csv", root / "corpus" / "manifest.csv")
            elif kind == "manifest missing":
                corpus(root)
                (root / "corpus" / "manifest.csv").unlink()
            elif kind == "manifest symlink /dev/zero":
                corpus(root)
                (root / "corpus" / "manifest.csv").unlink()
                os.symlink("/dev/zero", root / "corpus" / "manifest.csv")
            elif kind == "MANIFEST.CSV upper case":
                corpus(root)
                (root / "corpus" / "manifest.csv").rename(root / "corpus" / "MANIFEST.CSV")
            elif kind == "empty folder":
                (root / "corpus").mkdir()
            return args_for(command, root)
        return setup

    expectations = {"symlink to corpus": "ok", "manifest symlink outside": "either"}
    mentions = {"manifest is folder": ("not a regular file",), "manifest is FIFO": ("not a regular file",),
                "manifest symlink /dev/zero": ("manifest.csv",), "fifo": ("not a folder",),
                "file": ("not a folder",)}
    for kind in ["missing", "file", "fifo", "symlink to corpus", "manifest is folder",
                 "manifest is FIFO", "manifest symlink outside", "manifest missing",
                 "manifest symlink /dev/zero", "MANIFEST.CSV upper case", "empty folder"]:
        for command in commands_for(kind, ("fifo", "manifest is FIFO", "manifest symlink outside",
                                           "symlink to corpus"), ("analyze",)):
            builder = make(kind)
            case(f"corpus dir: {kind}", "1 paths", command,
                 (lambda b, c: (lambda root: b(root, c)))(builder, command),
                 expect=expectations.get(kind, "error"), check=default_check(command),
                 mention=mentions.get(kind, ()),
                 inputs=("corpus", "real", "outside.csv"))
    # CORPUS_DIR given as an empty string, relative, with .., and as '.'
    case("corpus dir: empty string", "1 paths", "analyze",
         lambda root: (corpus(root), ["", "--out", str(root / "out")])[1], expect="error")
    case("corpus dir: relative with ..", "1 paths", "analyze",
         lambda root: (corpus(root), ["../corpus", "--out", "../out"])[1], expect="ok",
         check=check_analyze)
    case("corpus dir: '.' with --out inside it", "1 paths", "analyze",
         lambda root: (corpus(root), [".", "--out", "out"])[1], cwd="corpus",
         expect="error", allowed=())


def add_out_cases() -> None:
    """--out / OUT.jsonl / DEST edge cases, for each command."""
    def make(kind: str):
        def setup(root: Path, command: str) -> list[str]:
            corpus(root)
            args = args_for(command, root)
            out = root / "out"
            if kind == "existing file":
                write(out, "keep me\n")
            elif kind == "existing non-empty folder":
                write(out / "notes.txt", "keep me\n")
            elif kind == "existing empty folder":
                out.mkdir()
            elif kind == "inside corpus":
                args[args.index(str(out))] = str(root / "corpus" / "out")
            elif kind == "corpus itself":
                args[args.index(str(out))] = str(root / "corpus")
            elif kind == "the manifest":
                args[args.index(str(out))] = str(root / "corpus" / "manifest.csv")
            elif kind == "an article":
                args[args.index(str(out))] = str(root / "corpus" / "a.txt")
            elif kind == "symlink into corpus":
                os.symlink("corpus/sub", out)
                (root / "corpus" / "sub").mkdir()
            elif kind == "symlink to an article":
                os.symlink("corpus/a.txt", out)
            elif kind == "dangling symlink":
                os.symlink("nowhere", out)
            elif kind == "symlink to outside victim":
                write(root / "victim", "keep me\n")
                os.symlink("victim", out)
            elif kind == "empty string":
                args[args.index(str(out))] = ""
            elif kind == "spaces only":
                args[args.index(str(out))] = "   "
            elif kind == "through a file":
                write(root / "f", "x")
                args[args.index(str(out))] = str(root / "f" / "out")
            elif kind == "FIFO":
                os.mkfifo(out)
            elif kind == "a null device":
                # a character device like /dev/null, made inside the tree: an earlier version
                # of this sweep named /dev/null itself, and export-passim replaced it with a file
                os.mknod(out, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
            elif kind == "nested new parents":
                args[args.index(str(out))] = str(root / "out" / "x" / "y")
            elif kind == "newline in name":
                args[args.index(str(out))] = str(root / "out" / "o\nut")
            elif kind == "dash name":
                args[args.index(str(out))] = str(root / "out" / "-x")
            elif kind == "trailing slash":
                args[args.index(str(out))] = str(out) + "/"
            elif kind == "dot in cwd":
                (root / "cwd" / "mine.txt").write_text("keep\n")
                args[args.index(str(out))] = "."
            elif kind == "relative parent":
                args[args.index(str(out))] = "../out"
            elif kind == "root /":
                args[args.index(str(out))] = "/"
            elif kind == "name 300 chars":
                args[args.index(str(out))] = str(root / "out" / ("x" * 300))
            elif kind == "stale staging of killed run":
                # a hidden staging folder as a run killed with SIGKILL leaves it
                (root / ".out.partial-deadbeef").mkdir()
                write(root / ".out.partial-deadbeef" / "articles.csv", "id\n")
            return args
        return setup

    specs = {
        "existing file": ("error", ("out",)), "existing non-empty folder": ("error", ()),
        "existing empty folder": ("ok", ()), "inside corpus": ("error", ()),
        "corpus itself": ("error", ()), "the manifest": ("error", ()), "an article": ("error", ()),
        "symlink into corpus": ("error", ()), "symlink to an article": ("error", ()),
        "dangling symlink": ("either", ()), "symlink to outside victim": ("either", ()),
        "empty string": ("error", ()), "spaces only": ("either", ()),
        "through a file": ("error", ()), "FIFO": ("error", ()), "a null device": ("error", ()),
        "nested new parents": ("ok", ()), "newline in name": ("either", ()),
        "dash name": ("ok", ()), "trailing slash": ("ok", ()), "dot in cwd": ("error", ()),
        "relative parent": ("ok", ()), "root /": ("error", ()),
        "name 300 chars": ("error", ()), "stale staging of killed run": ("ok", ()),
    }
    for kind, (expect, mention) in specs.items():
        for command in COMMANDS:
            out_rel = {"nested new parents": "out/x/y", "newline in name": "out/o\nut",
                       "dash name": "out/-x", "spaces only": "cwd/   "}.get(kind, "out")
            check_base = default_check(command)

            def check(root, run, cb=check_base, o=out_rel, k=kind):
                problem = cb(root, run, out=o)
                if problem is None and k == "stale staging of killed run" and \
                        (root / ".out.partial-deadbeef").exists():
                    return "the killed run's staging folder was not removed"
                return problem

            allowed = ("out",)
            if kind == "stale staging of killed run":
                allowed = ("out", ".out.partial-deadbeef", ".out.partial-deadbeef/*")
            if kind in ("existing file", "existing non-empty folder", "symlink to outside victim",
                        "dangling symlink"):
                allowed = ("out",) if kind == "dangling symlink" else ()
            if kind == "spaces only":
                allowed = ("cwd/   ",)
            if kind == "symlink to outside victim":
                allowed = ("out",)
            exp = expect
            if command == "export-passim":
                exp = {"existing file": "either", "existing empty folder": "error",
                          "trailing slash": "either", "stale staging of killed run": "ok",
                          "dangling symlink": "either", "name 300 chars": "error"}.get(kind, expect)
                if kind == "symlink to outside victim":
                    allowed = ("out", "victim")
                if kind == "existing file":
                    allowed = ("out",)
            if kind == "dangling symlink":
                allowed = ("out", "nowhere")
            builder = make(kind)
            case(f"out: {kind}", "out/DEST", command,
                 (lambda b, c: (lambda root: b(root, c)))(builder, command), expect=exp,
                 mention=mention, check=check, allowed=allowed,
                 inputs=("corpus", "victim", "out/notes.txt"),
                 watch_dirs=("/",) if kind == "root /" else ())
    # an earlier run's output with a user's file in it: the file must survive
    def earlier(root: Path) -> list[str]:
        corpus(root)
        pre_run(root, "analyze", analyze_args(root))
        write(root / "out" / "notes.txt", "keep me\n")
        return analyze_args(root)

    def keeps_notes(root: Path, run: Run) -> str | None:
        if (root / "out" / "notes.txt").read_text() != "keep me\n":
            return "a user's file in an earlier output was removed or changed"
        return check_analyze(root, run)
    case("out: earlier output with a user file", "out/DEST", "analyze", earlier, expect="either",
         check=keeps_notes)
    # permissions follow the umask
    for mask, want_file in [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)]:
        def perm_check(root, run, want=want_file, mask=mask):
            problem = check_analyze(root, run)
            if problem:
                return problem
            mode = stat.S_IMODE((root / "out" / "articles.csv").stat().st_mode)
            dmode = stat.S_IMODE((root / "out").stat().st_mode)
            if mode != want or dmode != 0o777 & ~mask:
                return f"umask {mask:03o}: articles.csv {mode:03o}, folder {dmode:03o}; expected {want:03o}"
            return None
        case(f"out: umask {mask:03o}", "8 interrupts/permissions", "analyze",
             lambda root: (corpus(root), analyze_args(root))[1], expect="ok", check=perm_check,
             umask=mask)
    for command in COMMANDS:
        case("out: parent read-only", "out/DEST", command,
             lambda root, c=command: (corpus(root), (root / "ro").mkdir(),
                                      [a.replace(str(root / "out"), str(root / "ro" / "out"))
                                       for a in args_for(c, root)])[2],
             expect="error", ro=("ro",), allowed=())
        case("out: full disk (tmpfs 64k)", "out/DEST", command,
             # Numbered lines: 400 copies of one line are read as repeated page furniture,
             # and the little body left would fit the 64k disk.
             lambda root, c=command: (corpus(root, texts={
                 "a.txt": "".join(f"Report {k} of the day: {TEXT_A}" for k in range(400)),
                 "b.txt": "".join(f"Report {k} of the day: {TEXT_B}" for k in range(400))}),
                                      (root / "small").mkdir(),
                                      [a.replace(str(root / "out"), str(root / "small" / "out"))
                                       for a in args_for(c, root)])[2],
             expect="error", tmpfs=(("small", "64k"),), allowed=(), mention=("small/out",))


def add_cache_cases() -> None:
    """Class 2: the parse cache."""
    def cache_arg(value_fn, prep=None, expect="error", check=None, allowed=("out", "cache", "cache/*"),
                  ro=(), tmpfs=(), mention=(), name=""):
        def setup(root: Path) -> list[str]:
            corpus(root)
            if prep:
                prep(root)
            return analyze_args(root, cache=False) + ["--cache", value_fn(root)]
        case(f"cache: {name}", "2 cache", "analyze", setup, expect=expect,
             check=check or same_as_reference, allowed=allowed, ro=ro, tmpfs=tmpfs, mention=mention)

    cache_arg(lambda r: "", name="empty string", allowed=("out",))
    cache_arg(lambda r: "  ", name="spaces only", expect="either", allowed=("out", "cwd/  ", "cwd/  /*"))
    cache_arg(lambda r: str(r / "cache"), prep=lambda r: write(r / "cache", "x"), name="a file",
              allowed=("out",))
    cache_arg(lambda r: str(r / "cache"), prep=lambda r: os.mkfifo(r / "cache"), name="a FIFO",
              allowed=("out",))
    cache_arg(lambda r: str(r / "cache"), prep=lambda r: (r / "cache").mkdir(), name="read-only folder",
              ro=("cache",), allowed=("out",))
    cache_arg(lambda r: str(r / "cache"), prep=lambda r: (r / "cache").mkdir(), name="full disk",
              tmpfs=(("cache", "8k"),), allowed=("out",), expect="either")
    cache_arg(lambda r: str(r / "corpus" / "cache"), name="inside corpus", allowed=("out",))
    cache_arg(lambda r: str(r / "corpus"), name="the corpus itself", allowed=("out",))
    cache_arg(lambda r: str(r / "cache"), prep=lambda r: os.symlink("corpus", r / "cache"),
              name="symlink to corpus", allowed=("out",))
    cache_arg(lambda r: str(r / "cache" / "x" / "y"), name="new nested folder", expect="ok")
    cache_arg(lambda r: str(r / "cache"), prep=lambda r: ((r / "elsewhere").mkdir(),
                                                          os.symlink("elsewhere", r / "cache")),
              name="symlink to a folder outside corpus", expect="ok",
              allowed=("out", "elsewhere", "elsewhere/*"))
    cache_arg(lambda r: str(r / "f" / "cache"), prep=lambda r: write(r / "f", "x"),
              name="through a file", allowed=("out",))
    cache_arg(lambda r: str(r / "cache"), prep=lambda r: os.mknod(r / "cache", 0o666 | stat.S_IFCHR,
                                                                   os.makedev(1, 3)),
              name="a null device", allowed=("out",))
    cache_arg(lambda r: str(r / "out"), name="same as --out", expect="either",
              allowed=("out", "out/*"))
    cache_arg(lambda r: str(r / "cache"), prep=lambda r: write(r / "cache" / "notes.txt", "keep"),
              name="folder with unrelated files", expect="ok",
              check=lambda root, run: same_as_reference(root, run) or (
                  None if (root / "cache" / "notes.txt").read_text() == "keep" else "notes.txt changed"),
              allowed=("out", "cache/*.parse"))

    # damaged entries: fill the cache with a run, then damage it
    def filled(damage, name, expect="ok", check=None, warn=True):
        def setup(root: Path) -> list[str]:
            corpus(root)
            pre_run(root, "analyze", [str(root / "corpus"), "--out", str(root / "pre"),
                                      "--cache", str(root / "cache")])
            shutil.rmtree(root / "pre")
            entries = sorted((root / "cache").glob("*.parse"))
            damage(root, entries)
            return analyze_args(root, cache=False) + ["--cache", str(root / "cache")]

        def check_fn(root: Path, run: Run) -> str | None:
            problem = (check or same_as_reference)(root, run)
            if problem:
                return problem
            if warn and not any(l.startswith("warning:") for l in run.stderr.splitlines()):
                return "no warning about the damaged entry"
            return None
        case(f"cache entry: {name}", "2 cache", "analyze", setup, expect=expect, check=check_fn,
             allowed=("out", "cache", "cache/*"))

    def truncate(n):
        def damage(root, entries):
            data = entries[0].read_bytes()
            entries[0].write_bytes(data[:n] if n >= 0 else data[:len(data) + n])
        return damage

    filled(truncate(0), "empty entry")
    filled(truncate(10), "truncated to 10 bytes")
    filled(truncate(-1), "last byte cut")
    filled(truncate(-500), "last 500 bytes cut")

    def swap(root, entries):
        a, b = entries[0], entries[1]
        tmp = a.with_suffix(".tmp")
        a.rename(tmp)
        b.rename(a)
        tmp.rename(b)
    filled(swap, "two entries swapped")

    def flip(root, entries):
        data = bytearray(entries[0].read_bytes())
        data[-100] ^= 0xFF
        entries[0].write_bytes(bytes(data))
    filled(flip, "one payload byte flipped")

    def garbage(root, entries):
        entries[0].write_bytes(os.urandom(5000))
    filled(garbage, "random bytes")

    def spacy_docbin(root, entries):
        data = entries[0].read_bytes()
        entries[0].write_bytes(data.split(b"\n", 1)[1])  # a bare DocBin (old format)
    filled(spacy_docbin, "header removed (bare DocBin)")

    def long_header(root, entries):
        entries[0].write_bytes(b"{" + b"[" * 5_000_000 + b"\n")
    filled(long_header, "5 MB header of brackets")

    def json_bomb(root, entries):
        entries[0].write_bytes(b"[" * 400 + b"\n" + b"x")
    filled(json_bomb, "deep JSON header")

    def wrong_types(root, entries):
        data = entries[0].read_bytes()
        head, payload = data.split(b"\n", 1)
        header = json.loads(head)
        header["payload_bytes"] = "many"
        entries[0].write_bytes(json.dumps(header).encode() + b"\n" + payload)
    filled(wrong_types, "header field of wrong type")

    def header_list(root, entries):
        entries[0].write_bytes(b"[1,2,3]\n" + entries[0].read_bytes().split(b"\n", 1)[1])
    filled(header_list, "header is a JSON list")

    def forged(root, entries):
        # a consistent entry (right key, right payload hash) holding another article's parse
        head_a, pay_a = entries[0].read_bytes().split(b"\n", 1)
        head_b, pay_b = entries[1].read_bytes().split(b"\n", 1)
        ha = json.loads(head_a)
        ha["payload_bytes"] = len(pay_b)
        ha["payload_sha256"] = hashlib.sha256(pay_b).hexdigest()
        entries[0].write_bytes(json.dumps(ha, sort_keys=True).encode() + b"\n" + pay_b)
    filled(forged, "forged header over another article's parse")

    def forged_garbage(root, entries):
        head_a, _ = entries[0].read_bytes().split(b"\n", 1)
        pay = b"\x00" * 100
        ha = json.loads(head_a)
        ha["payload_bytes"] = len(pay)
        ha["payload_sha256"] = hashlib.sha256(pay).hexdigest()
        entries[0].write_bytes(json.dumps(ha, sort_keys=True).encode() + b"\n" + pay)
    filled(forged_garbage, "forged header over garbage payload")

    def entry_folder(root, entries):
        entries[0].unlink()
        entries[0].mkdir()
    filled(entry_folder, "entry is a folder", expect="either", warn=False)

    def entry_fifo(root, entries):
        entries[0].unlink()
        os.mkfifo(entries[0])
    filled(entry_fifo, "entry is a FIFO", expect="either", warn=False)

    def entry_link_out(root, entries):
        write(root / "victim.parse", "keep me\n")
        entries[0].unlink()
        os.symlink(root / "victim.parse", entries[0])
    filled(entry_link_out, "entry is a symlink to an outside file")

    def stale_partial(root, entries):
        write(root / "cache" / f".{entries[0].name}.0123456789abcdef.partial", b"half")
    filled(stale_partial, "stale .partial file beside entries", warn=False)

    def stale_probe(root, entries):
        write(root / "cache" / ".write-test-abc", b"")
    filled(stale_probe, "stale write-test file", warn=False)

    def all_removed_but_folder(root, entries):
        for e in entries:
            e.unlink()
    filled(all_removed_but_folder, "empty cache folder (all entries deleted)", warn=False)

    def ro_filled(root, entries):
        pass
    # a filled, read-only cache: reading should work; a failure to write must be one line
    def setup_ro(root: Path) -> list[str]:
        corpus(root)
        pre_run(root, "analyze", [str(root / "corpus"), "--out", str(root / "pre"), "--cache",
                                  str(root / "cache")])
        shutil.rmtree(root / "pre")
        return analyze_args(root, cache=False) + ["--cache", str(root / "cache")]
    case("cache: read-only but complete", "2 cache", "analyze", setup_ro, expect="either",
         check=same_as_reference, ro=("cache",), allowed=("out",))


def add_catalogue_cases() -> None:
    """Class 3: --claims, --events, --lexicon, for analyze and new-report."""
    valid = {"claims": CLAIMS, "events": EVENTS, "lexicon": LEXICON}
    suffix = {"claims": "yml", "events": "csv", "lexicon": "yml"}
    faults: dict[str, tuple[Callable[[Path, str], None], str, tuple[str, ...]]] = {}

    def content(data: str | bytes):
        return lambda path, kind: write(path, data)

    faults["valid"] = (lambda p, k: write(p, valid[k]), "ok", ())
    faults["missing"] = (lambda p, k: None, "error", ())
    faults["a folder"] = (lambda p, k: p.mkdir(parents=True), "error", ())
    faults["a FIFO"] = (lambda p, k: (p.parent.mkdir(parents=True, exist_ok=True), os.mkfifo(p)),
                        "error", ())
    faults["symlink to a FIFO"] = (lambda p, k: (p.parent.mkdir(parents=True, exist_ok=True),
                                                 os.mkfifo(p.with_name("fifo")),
                                                 os.symlink("fifo", p)), "error", ())
    faults["/dev/zero symlink"] = (lambda p, k: (p.parent.mkdir(parents=True, exist_ok=True),
                                                 os.symlink("/dev/zero", p)), "error", ())
    faults["not UTF-8 (latin-1)"] = (lambda p, k: write(p, valid[k].replace("visit", "visité")
                                                        .replace("war\n", "guerre é\n")
                                                        .encode("latin-1")), "error", ("line",))
    faults["UTF-16"] = (lambda p, k: write(p, valid[k].encode("utf-16")), "error", ())
    faults["UTF-8 BOM"] = (lambda p, k: write(p, "\ufeff" + valid[k]), "ok", ())
    faults["CRLF line ends"] = (lambda p, k: write(p, valid[k].replace("\n", "\r\n")), "ok", ())
    faults["bare CR line ends"] = (lambda p, k: write(p, valid[k].replace("\n", "\r")), "either", ())
    faults["empty file"] = (content(""), "either", ())
    faults["NUL byte"] = (lambda p, k: write(p, valid[k] + "\0"), "error", ())
    faults["over 1 MB"] = (lambda p, k: write(p, valid[k] + ("#" + "x" * 99 + "\n") * 11000),
                           "error", ())
    faults["binary (PNG-like)"] = (content(b"\x89PNG\r\n\x1a\n" + os.urandom(2000)), "error", ())
    faults["wrong top-level type"] = (lambda p, k: write(p, "- just\n- a list\n" if k != "events"
                                                         else "just,a,list\n1,2,3\n"), "error", ())
    if True:
        faults["malformed"] = (lambda p, k: write(p, "claims: [\n  - id: x\n   bad: : :\n" if k != "events"
                                                  else 'date,end_date,event,reported_by\n2024-06-25,,"open quote,TASS\n'),
                               "error", ("line",))
        faults["alias bomb"] = (lambda p, k: write(p, ALIAS_BOMB if k != "events" else
                                                   "date,end_date,event,reported_by\n" +
                                                   "2024-06-25,,x,y\n" * 20), "either", ())
        faults["deep nesting"] = (lambda p, k: write(p, "a: " + "[" * 5000 + "]" * 5000 + "\n" if k != "events"
                                                     else "date,end_date,event,reported_by\n" +
                                                     "2024-06-25,,\"" + "x" * 200_000 + "\",y\n"),
                                  "error", ())
        faults["tab indentation"] = (lambda p, k: write(p, valid[k].replace("  ", "\t") if k != "events"
                                                        else valid[k].replace(",", "\t")), "error", ())
        faults["missing field / column"] = (lambda p, k: write(p, {
            "claims": "claims:\n  - statement: no id\n    all_of:\n      - [visit]\n",
            "lexicon": "categories:\n  war_naming:\n    description: no terms\n",
            "events": "when,event\n2024-06-25,x\n"}[k]), "error", ())
        faults["bad value"] = (lambda p, k: write(p, {
            "claims": "claims:\n  - id: x\n    statement: s\n    all_of: 5\n",
            "lexicon": "categories:\n  war_naming:\n    description: d\n    terms: 5\n",
            "events": "date,end_date,event,reported_by\n2024-13-45,,x,y\n"}[k]), "error", ("line",))
        faults["duplicate id / key"] = (lambda p, k: write(p, {
            "claims": CLAIMS + "  - id: visit_announced\n    statement: again\n    all_of:\n      - [visit]\n",
            "lexicon": LEXICON + "  war_naming:\n    description: again\n    terms:\n      - war\n",
            "events": EVENTS + "2024-06-25,,Kremlin aide says a visit is being prepared,TASS\n"}[k]),
            "either", ())
        faults["$$ and <script> in values"] = (lambda p, k: write(p, {
            "claims": CLAIMS.replace("The visit is announced.", "$$\\frac{1}{0}$$ <script>alert(1)</script>"),
            "lexicon": LEXICON.replace("how the text names the war", "$$x$$ <script>alert(1)</script>"),
            "events": EVENTS.replace("TASS", "$$x$$ <script>alert(1)</script>")}[k]), "ok", ())
        faults["python tag"] = (lambda p, k: write(p, "claims: !!python/object/apply:os.system ['touch PWNED']\n"
                                                   if k != "events" else EVENTS + "=cmd|'/c calc'!A1,,x,y\n"),
                                "error", ())
        faults["long single line"] = (lambda p, k: write(p, "x" * 900_000 + "\n"), "error", ())
        faults["empty string path"] = (None, "error", ())

    for kind in ["claims", "events", "lexicon"]:
        for fault, (build, expect, mention) in faults.items():
            for command in commands_for(fault, ("valid", "a FIFO", "alias bomb"), ("analyze",)):
                def setup(root: Path, kind=kind, build=build, command=command) -> list[str]:
                    corpus(root)
                    path = root / "cat" / f"{kind}.{suffix[kind]}"
                    (root / "cat").mkdir(exist_ok=True)
                    if build is not None:
                        build(path, kind)
                        value = str(path)
                    else:
                        value = ""
                    return args_for(command, root, extra=[f"--{kind}", value])
                exp = expect
                men = mention if expect == "error" else ()
                if fault != "empty string path" and expect == "error":
                    men = men + (f"{kind}.{suffix[kind]}",)
                check = default_check(command)
                if fault == "python tag":
                    def check(root, run, base=check):
                        return "PWNED exists" if any(root.rglob("PWNED")) else base(root, run)
                case(f"catalogue --{kind}: {fault}", "3 catalogues", command, setup, expect=exp,
                     mention=men, check=check)


def add_table_cases() -> None:
    """Class 4: tables that must read back; also class 6 (figure text) for outlets."""
    hostile_ids = {
        "CR in id": "a\rx", "LF in id": "a\nx", "CRLF in id": "a\r\nx", "quote in id": 'a"x',
        "comma in id": "a,x", "RTL mark in id": "a\u202ex", "tab in id": "a\tx",
        "emoji in id": "a🙂", "formula in id": "=1+1", "only spaces around": "  a  ",
        "vertical tab in id": "a\x0bx", "form feed in id": "a\x0cx", "NEL in id": "a\x85x",
        "line separator in id": "a\u2028x", "ESC in id": "a\x1b[31mx", "BOM in id": "\ufeffa",
        "semicolon in id": "a;x", "backslash in id": "a\\x", "id '0' and '00'": "0",
        "id 'NA'": "NA", "id 'nan'": "nan", "id 'None'": "None", "long id 1000": "i" * 1000,
    }
    for label, value in hostile_ids.items():
        for command in commands_for(label, ("CR in id", "LF in id", "quote in id"), ("analyze",)):
            def setup(root: Path, value=value, command=command, label=label) -> list[str]:
                rows = std_rows(r0_id=value)
                if label == "id '0' and '00'":
                    rows[1][0] = "00"
                corpus(root, rows=rows)
                return args_for(command, root)
            case(f"tables: {label}", "4 tables", command, setup, expect="either",
                 check=default_check(command))
    hostile_outlets = {
        "CR in outlet": "Out\rlet", "LF in outlet": "Out\nlet", "quotes in outlet": 'The "Daily", Ltd',
        "RTL in outlet": "\u202eteltuO", "Arabic outlet": "الجزيرة", "$$x$$ outlet": "$$x$$",
        "$5 and $10 outlet": "$5 and $10", "mathtext error outlet": "$\\frac{$", "<script> outlet":
        "<script>alert(1)</script>", "backslash outlet": "C:\\news\\", "ESC in outlet": "Out\x1b[2Jlet",
        "10000-char outlet": "O" * 10000, "tab in outlet": "Out\tlet",
        "same outlet for all": "Outlet A",
    }
    for label, value in hostile_outlets.items():
        for command in commands_for(label, ("CR in outlet", "LF in outlet", "$$x$$ outlet"), ("analyze",)):
            def setup(root: Path, value=value, command=command) -> list[str]:
                rows = std_rows(r0_outlet=value)
                if value == "Outlet A":
                    rows[1][2] = rows[2][2] = value
                corpus(root, rows=rows)
                return args_for(command, root)
            case(f"tables: {label}", "4 tables", command, setup, expect="ok",
                 check=default_check(command))
    # text with hostile line ends
    line_ends = {
        "bare CR line ends": TEXT_A.replace("\n", "\r"), "CRLF line ends": TEXT_A.replace("\n", "\r\n"),
        "mixed CR/LF/CRLF": "Modi will visit Russia.\rThe Kremlin said so.\r\nOfficials agreed.\n\rEnd of text here.\n",
        "no final newline": TEXT_A.rstrip("\n"), "NEL line ends": TEXT_A.replace("\n", "\x85"),
        "U+2028 line ends": TEXT_A.replace("\n", "\u2028"), "form feeds": TEXT_A.replace("\n\n", "\n\x0c\n"),
        "UTF-8 BOM": "\ufeff" + TEXT_A, "quotes and commas": 'He said, "yes, no", and \'maybe\'.\n\nAnd "so"; on.\n',
        "RTL marks in text": "\u202eModi will visit Russia\u202c next week, the Kremlin said.\n\nIt was Thursday.\n",
        "ESC sequences in text": "Modi \x1b[31mwill\x1b[0m visit Russia next week, said the Kremlin.\n\nThursday it was.\n",
        "vertical tabs": "Modi will visit\x0bRussia next week, the Kremlin said.\x0b\x0bOn Thursday.\n",
        "zero-width chars": "Mo\u200bdi will vi\u200dsit Russia next week, the Kremlin said.\n\nOn Thursday.\n",
        "combining marks flood": "Modi" + "\u0301" * 5000 + " will visit Russia next week.\n\nThe Kremlin said so.\n",
        "lone surrogate escapes": "Modi will visit Russia next week.\n\nThe Kremlin said so.\n",
        "markdown and HTML": "# Modi *will* visit\n\n<script>alert(1)</script> Russia [next](javascript:x) week, the Kremlin said.\n",
    }
    for label, text in line_ends.items():
        for command in commands_for(label, ("bare CR line ends",), ("analyze",)):
            def setup(root: Path, text=text, command=command) -> list[str]:
                corpus(root, texts={"a.txt": text, "b.txt": TEXT_B, "c.txt": TEXT_C})
                return args_for(command, root)
            case(f"text: {label}", "4 tables", command, setup, expect="either" if label == "markdown and HTML" else "ok",
                 check=default_check(command))
    # article encodings and empties
    bad_texts = {
        "NUL byte": (TEXT_A + "\0", "error", ("a.txt",)), "latin-1": (TEXT_A.replace("Kremlin", "Kremlé").encode("latin-1"), "error", ("a.txt", "line 1")),
        "UTF-16 with BOM": (TEXT_A.encode("utf-16"), "error", ("a.txt",)),
        "empty article": ("", "error", ("a.txt",)), "only whitespace": (" \n\t\n \n", "error", ("a.txt",)),
        "only punctuation": ("...!!!???\n\n---\n", "either", ()),
        "only a headline": ("Modi to visit Russia\n", "either", ()),
        "only digits": ("2024 07 04 123456\n", "either", ()),
        "one word": ("Modi\n", "either", ()),
        "surrogate bytes (CESU)": (b"Modi \xed\xa0\xbd\xed\xb8\x80 will visit.\n", "error", ("a.txt",)),
        "overlong UTF-8": (b"Modi \xc0\xaf will visit.\n", "error", ("a.txt",)),
    }
    for label, (text, expect, mention) in bad_texts.items():
        for command in commands_for(label, ("NUL byte", "empty article"), ("analyze",)):
            def setup(root: Path, text=text, command=command) -> list[str]:
                corpus(root, texts={"a.txt": text, "b.txt": TEXT_B, "c.txt": TEXT_C})
                return args_for(command, root)
            case(f"article: {label}", "7 messages", command, setup, expect=expect,
                 mention=mention, check=default_check(command))


def add_manifest_message_cases() -> None:
    """Class 7: manifests a user writes by hand or a spreadsheet saves."""
    rows = std_rows()
    specs = {
        "semicolon-delimited": (manifest_text(rows, delimiter=";"), "error", ("';'",)),
        "tab-delimited": (manifest_text(rows, delimiter="\t"), "error", ("tab",)),
        "pipe-delimited": (manifest_text(rows, delimiter="|"), "error", ("manifest.csv",)),
        "unclosed quote": ('id,file,outlet,url,published\na,a.txt,Outlet A,,2024-07-04\n'
                           'b,b.txt,"Outlet B,,2024-07-05\nc,c.txt,Outlet C,,2024-07-05\n', "error",
                           ("line 3", "unclosed")),
        "unclosed quote on last line": ('id,file,outlet,url,published\na,a.txt,Outlet A,,2024-07-04\n'
                                        'b,b.txt,Outlet B,,2024-07-05\nc,c.txt,"Outlet C,,2024-07-05\n',
                                        "error", ("line 4",)),
        "stray quote mid-cell": ('id,file,outlet,url,published\na,a.txt,Out"let A,,2024-07-04\n'
                                 'b,b.txt,Outlet B,,2024-07-05\nc,c.txt,Outlet C,,2024-07-05\n', "either", ()),
        "BOM header": ("\ufeff" + manifest_text(rows), "ok", ()),
        "CRLF manifest": (manifest_text(rows, terminator="\r\n"), "ok", ()),
        "bare CR manifest": (manifest_text(rows, terminator="\r"), "ok", ()),
        "UTF-16 manifest": (manifest_text(rows).encode("utf-16"), "error", ("manifest.csv",)),
        "latin-1 manifest": (manifest_text(std_rows(r0_outlet="Le Monde é")).encode("latin-1"),
                             "error", ("manifest.csv", "line 2")),
        "empty manifest": ("", "error", ("manifest.csv",)),
        "header only": ("id,file,outlet,url,published\n", "error", ("manifest.csv",)),
        "blank lines only after header": ("id,file,outlet,url,published\n\n\n\n", "error", ("manifest.csv",)),
        "missing column": ("id,file,outlet,published\na,a.txt,A,2024-07-04\nb,b.txt,B,2024-07-05\nc,c.txt,C,2024-07-05\n",
                           "error", ("line 1", "url")),
        "duplicate column": ("id,file,outlet,url,published,url\na,a.txt,A,,2024-07-04,\nb,b.txt,B,,2024-07-05,\nc,c.txt,C,,2024-07-05,\n",
                             "error", ("line 1",)),
        "upper-case header": ("ID,FILE,OUTLET,URL,PUBLISHED\na,a.txt,A,,2024-07-04\nb,b.txt,B,,2024-07-05\nc,c.txt,C,,2024-07-05\n",
                              "error", ("line 1",)),
        "extra field in a row": (manifest_text(rows).replace("Outlet B,,", "Outlet B,,x,"), "error", ("line 3",)),
        "short row": (manifest_text(rows).replace("Outlet B,,2024-07-05", "Outlet B"), "error", ("line 3",)),
        "empty id": (manifest_text(std_rows(r1_id="")), "error", ("line 3",)),
        "empty outlet": (manifest_text(std_rows(r1_outlet="")), "error", ("line 3",)),
        "duplicate id": (manifest_text(std_rows(r1_id="a")), "error", ("line 3",)),
        "duplicate id differing by space": (manifest_text(std_rows(r1_id=" a")), "error", ("line 3",)),
        "bad date": (manifest_text(std_rows(r1_published="July 4")), "error", ("line 3",)),
        "impossible date": (manifest_text(std_rows(r1_published="2024-02-30")), "error", ("line 3",)),
        "month 13": (manifest_text(std_rows(r1_published="2024-13")), "error", ("line 3",)),
        "reversed window": (manifest_text(std_rows(r1_published="2024-07-05/2024-07-01")), "error", ("line 3",)),
        "window with month": (manifest_text(std_rows(r1_published="2024-07/2024-08")), "error", ("line 3",)),
        "year 0001": (manifest_text(std_rows(r1_published="0001-01-01")), "either", ()),
        "year 9999 month": (manifest_text(std_rows(r1_published="9999-12")), "either", ()),
        "huge window": (manifest_text(std_rows(r1_published="0001-01-01/9999-12-31")), "either", ()),
        "date with time": (manifest_text(std_rows(r1_published="2024-07-04T10:00")), "error", ("line 3",)),
        "unicode digits date": (manifest_text(std_rows(r1_published="٢٠٢٤-٠٧-٠٤")), "error", ("line 3",)),
        "bad sha256": (manifest_text([r + ["0" * 64] for r in rows], header=HEADER + ["sha256"]),
                       "error", ("line 2", "sha256")),
        "sha256 upper-case right": (None, "ok", ()),
        "NUL in manifest": (manifest_text(rows) + "\0", "error", ("manifest.csv",)),
        "200 KB cell": (manifest_text(std_rows(r1_outlet="x" * 200_000)), "either", ()),
        "control chars in outlet": (manifest_text(std_rows(r1_outlet="A\x01\x02\x03B")), "either", ()),
        "HTML in url": (manifest_text(std_rows(r1_url="javascript:alert(1)")), "ok", ()),
        "extra user columns with CR": (manifest_text([r + ["line1\rline2", "é\u202e"] for r in rows],
                                                     header=HEADER + ["evidence", "note"]), "ok", ()),
        "header with spaces": (manifest_text(rows, header=[" id ", " file", "outlet ", "url", "published"]),
                               "ok", ()),
        "empty header name": (manifest_text([r + [""] for r in rows], header=HEADER + [""]), "either", ()),
        "1,000,000 empty lines": (manifest_text(rows) + "\n" * 1_000_000, "ok", ()),
        "2,000 rows missing files": (manifest_text([[f"x{i}", f"x{i}.txt", "X", "", "2024-07-04"]
                                                    for i in range(2000)]), "error", ("line 2",)),
    }
    for label, (text, expect, mention) in specs.items():
        for command in commands_for(label, ("semicolon-delimited", "unclosed quote", "BOM header",
                                            "bare CR manifest", "latin-1 manifest"), ("analyze",)):
            def setup(root: Path, text=text, command=command, label=label) -> list[str]:
                if label == "sha256 upper-case right":
                    texts = {"a.txt": TEXT_A, "b.txt": TEXT_B, "c.txt": TEXT_C}
                    rs = [r + [hashlib.sha256(texts[r[1]].encode()).hexdigest().upper()] for r in rows]
                    corpus(root, manifest=manifest_text(rs, header=HEADER + ["sha256"]))
                else:
                    corpus(root, manifest=text)
                return args_for(command, root)
            case(f"manifest: {label}", "7 messages", command, setup, expect=expect,
                 mention=mention, check=default_check(command))


def add_language_cases() -> None:
    """Class 7: an article in another script is analysed with a one-line warning."""
    for label, text in [("Hindi", HINDI), ("Arabic", ARABIC), ("Chinese", CHINESE),
                        ("Hindi, long", HINDI * 40)]:
        for command in COMMANDS:
            def setup(root: Path, text=text, command=command) -> list[str]:
                corpus(root, texts={"a.txt": TEXT_A, "b.txt": TEXT_B, "h.txt": text})
                return args_for(command, root)
            base = default_check(command)
            check = warned_once("h.txt", base) if command == "analyze" else base
            case(f"language: one article all {label}", "7 messages", command, setup, expect="ok",
                 check=check)
    for command in COMMANDS:
        def setup(root: Path, command=command) -> list[str]:
            corpus(root, texts={"a.txt": HINDI, "b.txt": ARABIC, "c.txt": CHINESE})
            return args_for(command, root)
        case("language: every article in another script", "7 messages", command, setup,
             expect="either", check=default_check(command))


def add_cost_cases() -> None:
    """Class 5: pathological text: complete in 60 s or be refused by a documented limit."""
    def nested(depth: int, open_: str, close: str) -> str:
        return ("He said " + (open_ + "a ") * depth + "word" + (" " + close) * depth + ".\n\n"
                + TEXT_C)
    big = ("Modi will visit Russia next week, the Kremlin said on Thursday, and officials "
           "in New Delhi confirmed the plan to reporters. ")
    texts = {
        "nested curly quotes depth 1000": lambda: nested(1000, "\u201c", "\u201d"),
        "nested straight quotes depth 1000": lambda: nested(1000, '"', '"'),
        "nested guillemets depth 1000": lambda: nested(1000, "\u00ab", "\u00bb"),
        "nested single quotes depth 1000": lambda: nested(1000, "\u2018", "\u2019"),
        "20,000 unclosed opening quotes": lambda: "He said \u201c" * 20000 + "yes.\n",
        "100,000 one-word lines": lambda: "word\n" * 100_000,
        "100,000 one-word paragraphs": lambda: "word\n\n" * 100_000,
        "100,000 'By X' lines": lambda: "By Reuters\n" * 100_000,
        "one 2 MB paragraph": lambda: big * (2_000_000 // len(big)),
        "1 MB word without spaces": lambda: "Modi " + "x" * 1_000_000 + " visits.\n",
        "1 MB of dots": lambda: "Modi visits." + "." * 1_000_000 + "\n",
        "2 MB article": lambda: (big * 5 + "\n\n") * (2_000_000 // (len(big) * 5)),
        "20 MB article": lambda: (big * 5 + "\n\n") * (20_000_000 // (len(big) * 5)),
        "50,000 repeated sentences": lambda: (TEXT_A.split("\n")[0] + " ") * 50_000 + "\n",
    }
    for label, make in texts.items():
        commands = ["analyze"] + (["export-passim"] if label in (
            "20 MB article", "100,000 one-word lines", "nested curly quotes depth 1000", "2 MB article",
            "one 2 MB paragraph") else []) + (["new-report"] if label == "20 MB article" else [])
        for command in commands:
            def setup(root: Path, make=make, command=command) -> list[str]:
                corpus(root, texts={"a.txt": make(), "b.txt": TEXT_B, "c.txt": TEXT_C})
                return args_for(command, root, cache=False)
            case(f"cost: {label}", "5 cost", command, setup, expect="either",
                 check=default_check(command))
    for n in (500, 2000):
        def setup(root: Path, n=n) -> list[str]:
            texts = {f"t{i}.txt": f"Article {i}: Modi will visit Russia next week, the Kremlin said.\n"
                     for i in range(n)}
            corpus(root, texts=texts)
            return args_for("analyze", root, cache=False)
        case(f"cost: {n} tiny articles", "5 cost", "analyze", setup, expect="either",
             check=check_analyze)


def add_figure_cases() -> None:
    """Class 6: outlet names drawn in figures (matplotlib) from an analyze output."""
    script = (
        "import sys, pandas as pd, matplotlib; matplotlib.use('Agg');"
        "from newscompare.report.plotting import article_labels;"
        "from newscompare.report.reuse_plots import containment_heatmap, sentence_relation_bars;"
        "out = sys.argv[1];"
        "read = lambda n: pd.read_csv(f'{out}/{n}.csv', dtype={'id': str, 'source': str, 'target': str,"
        " 'article': str}, keep_default_na=False);"
        "labels = article_labels(read('articles'));"
        "fig = containment_heatmap(read('pairs'), labels); fig.savefig(f'{out}/heat.png');"
        "fig = sentence_relation_bars(read('alignments'), labels); fig.savefig(f'{out}/bars.png');"
        "print('drawn')"
    )
    outlets = {"$$x$$": "$$x$$", "$5 and $10": "$5 and $10", "unbalanced $": "$\\frac{",
               "\\$ already escaped": "\\$5", "mathtext command": "$\\undefinedcommand$",
               "caret and underscore": "a^b_c {x}", "newline": "Two\nlines", "RTL": "\u202eteltuO",
               "CJK": "新华社", "emoji": "News 🙂", "10,000 chars": "O" * 10000}
    for label, outlet in outlets.items():
        def setup(root: Path, outlet=outlet) -> list[str]:
            corpus(root, rows=std_rows(r0_outlet=outlet, r1_outlet=outlet + " 2"))
            pre_run(root, "analyze", [str(root / "corpus"), "--out", str(root / "out")])
            return ["-c", script, str(root / "out")]

        def check(root: Path, run: Run) -> str | None:
            return None if (root / "out" / "heat.png").is_file() and (root / "out" / "bars.png").is_file() \
                else "figures not drawn"
        case(f"figure: outlet {label}", "6 figure text", "figure", setup, expect="ok", check=check)


def add_interrupt_cases() -> None:
    """Class 8: SIGINT during a run: one line, exit 130, earlier outputs as they were."""
    # Numbered lines: 300 copies of one line are read as repeated page furniture, which
    # leaves too little text for a run long enough to interrupt.
    big = {name: "".join(f"Report {k} of the day: {text}" for k in range(300))
           for name, text in (("a.txt", TEXT_A), ("b.txt", TEXT_B), ("c.txt", TEXT_C))}
    # Delays within each command's run time here (export-passim about 1.5 s, new-report 3 s):
    # a later SIGINT finds the run finished, which tests nothing.
    delays = {"analyze": (0.3, 1.0, 2.0, 3.5, 6.0), "export-passim": (0.3, 0.7, 1.0),
              "new-report": (0.3, 1.0, 2.0)}
    for command in COMMANDS:
        for after in delays[command]:
            def setup(root: Path, command=command) -> list[str]:
                corpus(root, texts=big)
                return args_for(command, root, cache=False)
            case(f"interrupt: SIGINT after {after} s", "8 interrupts/permissions", command, setup,
                 expect="interrupt", sigint_after=after, allowed=("out",))
    # with an earlier output that must stay as it was (out is not allowed to change)
    for command in COMMANDS:
        def setup_earlier(root: Path, command=command) -> list[str]:
            corpus(root, texts=big)
            if command == "new-report":
                (root / "out").mkdir()
            else:
                pre_run(root, command, args_for(command, root))
            return args_for(command, root, cache=False)
        case("interrupt: SIGINT with an earlier output", "8 interrupts/permissions", command,
             setup_earlier, expect="interrupt", sigint_after=0.8 if command == "export-passim" else 2.0,
             allowed=())


def add_misc_cases() -> None:
    """Command-line misuse and catalogues given to the wrong command."""
    case("argv: analyze without --out", "7 messages", "analyze",
         lambda root: (corpus(root), [str(root / "corpus")])[1], expect="error", allowed=())
    case("argv: unknown option", "7 messages", "analyze",
         lambda root: (corpus(root), analyze_args(root) + ["--bogus"])[1], expect="error", allowed=())
    case("argv: --out given twice", "out/DEST", "analyze",
         lambda root: (corpus(root), analyze_args(root) + ["--out", str(root / "out2")])[1],
         expect="either", allowed=("out", "out2"),
         check=lambda root, run: check_analyze(root, run, out="out2"))
    case("argv: new-report --title with $$ and newline", "6 figure text", "new-report",
         lambda root: (corpus(root), report_args(root, ["--title", "$$x$$\n<script>alert(1)</script>"]))[1],
         expect="either", check=check_report)
    case("argv: new-report empty title", "7 messages", "new-report",
         lambda root: (corpus(root), report_args(root, ["--title", ""]))[1], expect="either",
         check=check_report)
    case("argv: new-report 100 KB title", "7 messages", "new-report",
         lambda root: (corpus(root), report_args(root, ["--title", "T" * 100_000]))[1],
         expect="either", check=check_report)
    case("argv: new-report corpus folder named '$$x$$'", "6 figure text", "new-report",
         lambda root: (corpus(root, name="$$x$$"), report_args(root, folder="$$x$$"))[1],
         expect="ok", check=lambda root, run: check_report(root, run, folder="$$x$$"),
         inputs=("$$x$$",))
    case("argv: DEST inside the source checkout's corpus via symlinked parent", "1 paths",
         "new-report",
         lambda root: (corpus(root), os.symlink("corpus", root / "lnk"),
                       [str(root / "corpus"), str(root / "lnk" / "book")])[2],
         expect="error", allowed=())
    case("argv: export-passim OUT is a symlink into corpus", "1 paths", "export-passim",
         lambda root: (corpus(root), os.symlink("corpus/manifest.csv", root / "out"),
                       passim_args(root))[2], expect="error", allowed=())
    case("argv: analyze --out through symlink into corpus", "1 paths", "analyze",
         lambda root: (corpus(root), os.symlink("corpus", root / "lnk"),
                       [str(root / "corpus"), "--out", str(root / "lnk" / "out")])[2],
         expect="error", allowed=())
    case("argv: analyze --cache through symlink into corpus", "2 cache", "analyze",
         lambda root: (corpus(root), os.symlink("corpus", root / "lnk"),
                       analyze_args(root, cache=False) + ["--cache", str(root / "lnk" / "cache")])[2],
         expect="error", allowed=("out",))
    case("argv: --claims is the corpus manifest", "3 catalogues", "analyze",
         lambda root: (corpus(root), analyze_args(root, extra=["--claims",
                                                                str(root / "corpus" / "manifest.csv")]))[1],
         expect="error")
    case("argv: --events is an article", "3 catalogues", "new-report",
         lambda root: (corpus(root), report_args(root, ["--events", str(root / "corpus" / "a.txt")]))[1],
         expect="error")
    case("argv: same file for --claims and --lexicon", "3 catalogues", "new-report",
         lambda root: (corpus(root), write(root / "cat" / "c.yml", CLAIMS),
                       report_args(root, ["--claims", str(root / "cat" / "c.yml"),
                                          "--lexicon", str(root / "cat" / "c.yml")]))[2],
         expect="error")


# --- running and classifying -------------------------------------------------------------


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    # Absolute: the commands run in other folders, where a relative entry ("src") would
    # silently fall back to whatever newscompare the interpreter has installed.
    env["PYTHONPATH"] = os.pathsep.join(os.path.abspath(p) for p in
                                        os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)
    env["MPLCONFIGDIR"] = str(SHARED["mpl"])
    env.pop("PYTHONWARNINGS", None)
    return env


def snapshot(root: Path) -> dict[str, tuple]:
    """Every path under ``root`` -> (kind, content hash / link target)."""
    result: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = str(path.relative_to(root))
            try:
                info = path.lstat()
            except OSError:
                continue
            if stat.S_ISLNK(info.st_mode):
                result[rel] = ("link", os.readlink(path))
            elif stat.S_ISDIR(info.st_mode):
                result[rel] = ("dir",)
            elif stat.S_ISREG(info.st_mode):
                digest = hashlib.sha256()
                with open(path, "rb") as handle:
                    for block in iter(lambda: handle.read(1 << 20), b""):
                        digest.update(block)
                result[rel] = ("file", digest.hexdigest())
            else:
                result[rel] = ("special", stat.S_IFMT(info.st_mode))
    return result


def is_allowed(rel: str, patterns: tuple[str, ...]) -> bool:
    return any(rel == p or rel.startswith(p + "/") or fnmatch.fnmatchcase(rel, p) for p in patterns)


def wrap_mounts(argv: list[str], root: Path, c: Case) -> list[str]:
    if not c.ro and not c.tmpfs:
        return argv
    script = []
    for rel in c.ro:
        p = str(root / rel)
        script.append(f"mount --bind '{p}' '{p}' && mount -o remount,bind,ro '{p}' '{p}' || exit 97")
    for rel, size in c.tmpfs:
        p = str(root / rel)
        script.append(f"mount -t tmpfs -o size={size} tmpfs '{p}' || exit 97")
    script.append('exec "$@"')
    return ["unshare", "-m", "--propagation", "private", "--", "sh", "-c", "; ".join(script),
            "sh", *argv]


def run_case(c: Case, base: Path) -> Result:
    root = Path(tempfile.mkdtemp(prefix="case-", dir=base))
    (root / "cwd").mkdir()
    try:
        try:
            args = c.setup(root)
        except Exception as error:  # noqa: BLE001 - a broken case is reported, not hidden
            return Result(c, "wrong result", None, note=f"SETUP FAILED: {error!r}"[:300])
        if c.command == "figure":
            argv = [sys.executable, *args]
        else:
            argv = [sys.executable, "-m", "newscompare", c.command, *args]
        watched = {d: sorted(os.listdir(d)) for d in c.watch_dirs}
        before = snapshot(root)
        full = wrap_mounts(argv, root, c)
        cwd = root / c.cwd
        def preexec() -> None:
            # A sweep started in the background of a shell inherits SIGINT ignored, and a
            # Python started so never raises KeyboardInterrupt: give the child the default.
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            if c.umask is not None:
                os.umask(c.umask)
        start = time.monotonic()
        proc = subprocess.Popen(full, cwd=cwd, env=child_env(), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                preexec_fn=preexec, start_new_session=True)
        timer = None
        if c.sigint_after is not None:
            timer = threading.Timer(c.sigint_after, lambda: proc.poll() is None and
                                    os.kill(proc.pid, signal.SIGINT))
            timer.start()
        timed_out = False
        try:
            out, err = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
        if timer:
            timer.cancel()
        seconds = time.monotonic() - start
        run = Run(proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
                  seconds, timed_out)
        after = snapshot(root)
        watched_after = {d: sorted(os.listdir(d)) for d in c.watch_dirs}
        return classify(c, root, run, before, after, watched != watched_after, full)
    finally:
        # unfreeze anything left read-only, then remove the tree
        shutil.rmtree(root, ignore_errors=True)


def classify(c: Case, root: Path, run: Run, before: dict, after: dict, watched_changed: bool,
             argv: list[str]) -> Result:
    def res(klass: str, note: str = "") -> Result:
        return Result(c, klass, run, note=note, argv=argv)

    if run.code == 97 and (c.ro or c.tmpfs):
        return res("wrong result", "SETUP FAILED: could not mount (needs root)")
    if run.timed_out:
        return res("timeout", f"killed after {TIMEOUT:.0f} s")
    if "Traceback" in run.stderr:
        tail = [l for l in run.stderr.strip().splitlines() if l.strip()]
        return res("traceback", tail[-1][:300] if tail else "")
    changed_inputs, outside = [], []
    for rel, entry in before.items():
        if is_allowed(rel, c.allowed):
            continue
        if after.get(rel) != entry:
            what = "removed" if rel not in after else "changed"
            if any(rel == i or rel.startswith(i + "/") for i in c.inputs):
                changed_inputs.append(f"{rel} {what}")
            else:
                outside.append(f"{rel} {what}")
    for rel in after:
        if rel not in before and not is_allowed(rel, c.allowed):
            outside.append(f"{rel} created")
    if watched_changed:
        outside.append(f"listing of {c.watch_dirs} changed")
    if changed_inputs:
        return res("input changed", "; ".join(changed_inputs)[:300])
    if outside:
        return res("write outside", "; ".join(outside)[:300])
    lines = [l for l in run.stderr.splitlines() if l.strip()]
    error_lines = [l for l in lines if not l.startswith("warning:")]
    first = error_lines[0] if error_lines else ""
    if c.expect == "interrupt":
        if run.code == 130 and len(error_lines) == 1:
            return res("right result", first[:200])
        if run.code == 130:
            return res("two-line error", f"exit 130 with {len(error_lines)} lines: {first[:150]}")
        if run.code == 0:
            return res("wrong result", "finished before the interrupt (case too small)")
        return res("wrong result", f"exit {run.code} after SIGINT: {first[:200]}")
    if run.code == 2:
        if len(error_lines) != 1:
            return res("two-line error", f"{len(error_lines)} lines: " + " | ".join(error_lines)[:250])
        if not first.startswith("error:"):
            return res("two-line error", f"not an 'error:' line: {first[:200]}")
        if len(first) > 2000:
            return res("vague error", f"error line of {len(first):,} characters: {first[:150]}")
        if c.expect == "ok":
            return res("wrong result", f"valid input refused: {first[:250]}")
        missing = [m for m in c.mention if m not in first]
        if missing:
            return res("vague error", f"does not say {missing}: {first[:250]}")
        if any(ch in first for ch in "\r\x1b\x07\x08\x0b\x0c\x85\u2028\u2029"):
            return res("vague error", f"raw control character in the line: {first[:200]!r}")
        return res("clear error", first[:250])
    if run.code == 0:
        if c.expect == "error":
            return res("wrong result", "accepted (exit 0); expected a refusal" +
                       (f"; stderr: {run.stderr.strip()[:150]!r}" if run.stderr.strip() else ""))
        problem = c.check(root, run) if c.check else None
        if problem:
            return res("wrong result", problem[:300])
        if error_lines:
            return res("wrong result", f"exit 0 but stderr has: {error_lines[0][:200]}")
        return res("right result", "; ".join(lines)[:200])
    if run.code is not None and run.code < 0:
        return res("wrong result", f"killed by signal {-run.code}; stderr: {first[:200]}")
    return res("wrong result", f"exit {run.code}: {first[:250]}")


def build_cases() -> list[Case]:
    add_manifest_file_cases()
    add_corpus_dir_cases()
    add_out_cases()
    add_cache_cases()
    add_catalogue_cases()
    add_table_cases()
    add_manifest_message_cases()
    add_language_cases()
    add_cost_cases()
    add_figure_cases()
    add_interrupt_cases()
    add_misc_cases()
    return CASES


def prepare_shared(base: Path) -> None:
    SHARED["cache"] = base / "shared-cache"
    SHARED["mpl"] = base / "mpl"
    SHARED["mpl"].mkdir()
    ref = base / "reference"
    ref.mkdir()
    corpus(ref)
    pre_run(ref, "analyze", [str(ref / "corpus"), "--out", str(ref / "out")])
    SHARED["reference"] = {t: (ref / "out" / f"{t}.csv").read_bytes() for t in TABLES}
    where = subprocess.run([sys.executable, "-c", "import newscompare; print(newscompare.__file__)"],
                           cwd=ref, env=child_env(), capture_output=True, text=True).stdout.strip()
    print(f"testing the newscompare of {where}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", nargs="?", default="/tmp/sweep.csv", help="CSV of results")
    parser.add_argument("-k", default=None, help="run only cases whose command and name contain this (or any of A|B|...)")
    parser.add_argument("-j", type=int, default=2, help="cases run at once (default 2)")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    options = parser.parse_args()
    cases = build_cases()
    if options.k:
        # several substrings separated by '|': a case runs when its name holds any
        cases = [c for c in cases if any(k in f"{c.command} {c.name}" for k in options.k.split("|"))]
    if options.list:
        for c in cases:
            print(f"{c.group:28} {c.command:14} {c.name}")
        print(f"{len(cases)} cases")
        return 0
    base = Path(tempfile.mkdtemp(prefix="hostile-sweep-"))
    os.chmod(base, 0o755)
    prepare_shared(base)
    results: list[Result] = []
    print(f"{len(cases)} cases, {options.j} at a time, in {base}", flush=True)
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=options.j) as pool:
        futures = {pool.submit(run_case, c, base): c for c in cases}
        for future in concurrent.futures.as_completed(futures):
            r = future.result()
            results.append(r)
            secs = f"{r.run.seconds:5.1f}s" if r.run else "  -   "
            print(f"{r.klass:15} {secs} {r.case.command:13} {r.case.name}: "
                  f"{r.note!r}"[:400], flush=True)
    order = {id(c): i for i, c in enumerate(cases)}
    results.sort(key=lambda r: order[id(r.case)])
    with open(options.results, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "group", "command", "expect", "class", "exit", "seconds",
                         "note", "stderr", "argv"])
        for r in results:
            writer.writerow([r.case.name, r.case.group, r.case.command, r.case.expect, r.klass,
                             r.run.code if r.run else "", f"{r.run.seconds:.1f}" if r.run else "",
                             r.note, (r.run.stderr[-2000:] if r.run else ""), repr(r.argv)[:1000]])
    print_totals(results, started, options.results)
    shutil.rmtree(base, ignore_errors=True)
    return 0



def print_totals(results: list, started: float, results_path) -> None:
    """The count of cases per class, as both sweeps end."""
    totals = Counter(r.klass for r in results)
    print(f"\n{'class':16}{'cases':>6}")
    for klass in CLASSES:
        print(f"{klass:16}{totals.get(klass, 0):6}")
    print(f"{'total':16}{len(results):6}   ({time.monotonic() - started:.0f} s; results in {results_path})")

if __name__ == "__main__":
    sys.exit(main())
