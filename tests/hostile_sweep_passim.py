#!/usr/bin/env python
"""Second hostile-input sweep for issue 23 (a script, not a test module: pytest does not
collect it, and CI does not run it): ``from-passim``, ``new-report --title/--author``,
mixed-script corpora, ``make peers``, symlink loops and a few more: 201 cases.

Each case builds its inputs in a fresh folder under a new temporary folder (inputs under
``in/``, things that must not be touched under ``outside/``, ``cwd/`` as the working
folder), runs one command as a subprocess with a 60 s timeout, and compares a snapshot of
the case's whole tree before and after the run. Paths matching the case's ``allowed``
globs may change; a change under ``in/`` is an input changed, anything else a write
outside. The snapshot and the classification are those of ``tests/hostile_sweep.py``
(clear error, right result, traceback, wrong result, write outside, input changed,
timeout, two-line error, vague error; see its docstring).

The base data are made at the start, not stored: ``seeds.jsonl`` is ``export-passim`` of
the repository's ``seeds/`` (run with the package under test), and ``align.json`` is
``tests/fixtures/passim/seeds_align.json`` (the align.json a real passim run wrote on those
records). ``make peers`` cases run the repository's Makefile; they and the read-only case
need root (``unshare -m``).

Usage (from the repository, with this worktree's package on PYTHONPATH):

    PYTHONPATH=src .venv/bin/python tests/hostile_sweep_passim.py [RESULTS.csv] [-k SUBSTRING] [-j JOBS]

The commands run with ``sys.executable`` and the caller's PYTHONPATH (the repository's
``src`` beside this script when PYTHONPATH is empty).
"""
from __future__ import annotations

import argparse
import concurrent.futures
import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml

# The script's own folder (tests/) is first on the path when it runs, so the first sweep
# imports as a sibling: its snapshot and classification are shared, not copied.
import hostile_sweep as common
from hostile_sweep import Result, Run, classify, snapshot, wrap_mounts

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
ALIGN_FIXTURE = REPO / "tests" / "fixtures" / "passim" / "seeds_align.json"
PY = sys.executable
TIMEOUT = common.TIMEOUT
# Filled by prepare(): the environment of every command, and the base data.
ENV: dict[str, str] = {}
SEED_RECORDS: list[dict] = []
SEED_ALIGN = ""
# run_passim.py's default work folder: a small tmpfs is mounted there for the make peers
# cases, in case one of them got as far as running passim.
PASSIM_WORK = re.search(r'"--work", type=Path, default=Path\("([^"]+)"\)',
                        (REPO / "tools" / "run_passim.py").read_text(encoding="utf-8")).group(1)

TEXT_A = common.TEXT_A
TEXT_B = common.TEXT_B
TEXT_C = common.TEXT_C
HINDI = common.HINDI
ARABIC = common.ARABIC
CHINESE = common.CHINESE
RUSSIAN = ("Премьер-министр Индии Нарендра Моди посетит Россию на следующей неделе, сообщили "
           "в Кремле в четверг.\n\nЭто будет его первый визит с 2019 года.\n")


# ----------------------------------------------------------------------------- helpers

def w(path: Path, data) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8", newline="")
    return path


def jl(records) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def corpus(root: Path, texts: dict[str, str], name="corpus") -> Path:
    folder = root / "in" / name
    rows = ["id,file,outlet,url,published"]
    for i, (aid, text) in enumerate(texts.items()):
        w(folder / f"{aid}.txt", text)
        rows.append(f"{aid},{aid}.txt,Outlet {i},,2024-07-0{i % 9 + 1}")
    w(folder / "manifest.csv", "\n".join(rows) + "\n")
    return folder


def passim_inputs(root: Path, records=None, align=None) -> tuple[Path, Path]:
    """in/align.json (a file) and in/records.jsonl; defaults: the seeds."""
    a = w(root / "in" / "align.json", SEED_ALIGN if align is None else align)
    r = w(root / "in" / "records.jsonl", jl(SEED_RECORDS) if records is None else records)
    return a, r


def align_line(a, b, **extra):
    rec = {"id": a, "id2": b, "begin": 0, "end": 10, "begin2": 0, "end2": 10}
    rec.update(extra)
    return json.dumps(rec) + "\n"


def rec(i, text=TEXT_A, date="2024-07-04", series=None, **extra):
    r = {"id": i, "series": series if series is not None else f"Outlet {i}", "date": date, "text": text}
    r.update(extra)
    return r


# ----------------------------------------------------------------------------- cases

@dataclass
class Case:
    name: str
    group: str
    setup: Callable[[Path], list[str]]       # returns argv after `python -m newscompare` (or full argv if raw)
    expect: str = "error"                     # error | ok | either | interrupt
    allowed: tuple[str, ...] = ("dest", "cwd/dest", "check*", "out", ".*")  # may change (hostile_sweep.is_allowed)
    mention: tuple[str, ...] = ()             # substrings the error line must contain
    check: Callable[[Path, Run], str | None] | None = None
    raw: bool = False                         # argv is a full command (make ...)
    cwd: str = "cwd"
    watch: tuple[str, ...] = ()               # absolute folders outside the case that must not change
    wrap_tmpfs: tuple[str, ...] = ()          # absolute paths: a tmpfs mounted there for the run
    note: str = ""
    inputs: tuple[str, ...] = ("in",)         # hostile_sweep.classify: a change there is an input changed
    ro: tuple[str, ...] = ()                  # paths mounted read-only for the run (hostile_sweep.wrap_mounts)
    tmpfs: tuple[tuple[str, str], ...] = ()
    umask: int | None = None

    @property
    def command(self) -> str:
        return self.group

    @property
    def watch_dirs(self) -> tuple[str, ...]:
        return self.watch


CASES: list[Case] = []


def case(name, group, expect="error", **kw):
    def deco(fn):
        CASES.append(Case(name, group, fn, expect, **kw))
        return fn
    return deco


# --- checks --------------------------------------------------------------------------

def validate_corpus(root: Path, folder: Path) -> str | None:
    """A written corpus must be accepted by the package's own checks (export-passim reads and
    checks the files as analyze does, without parsing)."""
    out = root / "check.jsonl"
    p = subprocess.run(["nice", PY, "-m", "newscompare", "export-passim", str(folder), str(out)],
                       capture_output=True, text=True, env=ENV, timeout=120)
    if p.returncode != 0:
        return "the corpus it wrote is refused by the package: " + (p.stderr.strip().splitlines() or ["?"])[-1][:300]
    return None


def from_passim_check(expected_ids: list[str] | None, records_of=None):
    def check(root: Path, run: Run) -> str | None:
        dest = find_dest(root)
        if dest is None or not (dest / "manifest.csv").is_file():
            return "no manifest.csv in DEST"
        with open(dest / "manifest.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        ids = [r["id"] for r in rows]
        if expected_ids is not None and sorted(ids) != sorted(expected_ids):
            return f"ids {ids!r}, expected {expected_ids!r}"
        recs = records_of(root) if records_of else None
        for r in rows:
            p = dest / r["file"]
            if not p.resolve().is_relative_to(dest.resolve()):
                return f"file {r['file']!r} leaves DEST"
            if recs is not None:
                want = recs[r["id"]]["text"].strip() + "\n"
                if p.read_text(encoding="utf-8") != want:
                    return f"text of {r['id']!r} differs from its record"
        extra = sorted(set(os.listdir(dest)) - {r["file"] for r in rows} - {"manifest.csv"})
        if extra:
            return f"extra files in DEST: {extra}"
        return validate_corpus(root, dest)
    return check


def find_dest(root: Path) -> Path | None:
    for c in (root / "dest", root / "cwd" / "dest"):
        if c.exists():
            return c
    return None


def records_from_file(root: Path):
    out = {}
    for line in (root / "in" / "records.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            out[r["id"]] = r
    return out


def md_heading_text(line: str) -> str:
    from markdown_it import MarkdownIt
    tokens = MarkdownIt("commonmark").parse(line)
    inl = [t for t in tokens if t.type == "inline"]
    if not inl:
        return None
    def flat(ts):
        s = ""
        for t in ts:
            if t.type in ("text", "code_inline"):
                s += t.content
            elif t.type in ("softbreak", "hardbreak"):
                s += "\n"
            elif t.children:
                s += flat(t.children)
            elif t.type in ("html_inline",):
                s += "<HTML>" + t.content
        return s
    kinds = {c.type for c in inl[0].children}
    text = flat(inl[0].children)
    if kinds - {"text", "softbreak", "hardbreak"}:
        return "<markup: " + ",".join(sorted(kinds)) + "> " + text
    return text


def report_check(title: str | None = None, author: str | None = None):
    def check(root: Path, run: Run) -> str | None:
        dest = find_dest(root)
        if dest is None:
            return "no DEST"
        cfg = yaml.safe_load((dest / "_config.yml").read_text(encoding="utf-8"))
        cff = yaml.safe_load((dest / "CITATION.cff").read_text(encoding="utf-8"))
        if title is not None:
            want = title.strip()
            if cfg.get("title") != want:
                return f"_config.yml title is {cfg.get('title')!r}, expected {want!r}"
            if cff.get("title") != want:
                return f"CITATION.cff title is {cff.get('title')!r}"
            for md in ("intro.md", "README.md"):
                first = (dest / md).read_text(encoding="utf-8").split("\n", 1)[0]
                got = md_heading_text(first)
                if got != want:
                    return f"{md} heading renders as {got!r}, expected {want!r}"
        if author is not None:
            if cfg.get("author") != author:
                return f"_config.yml author is {cfg.get('author')!r}, expected {author!r}"
            if cff["authors"][0].get("name") != author:
                return f"CITATION.cff author is {cff['authors'][0].get('name')!r}"
            if "<" in author or ">" in author:
                return ("author with HTML accepted: sphinx-book-theme prints {{ author }} unescaped in "
                        "every page's footer (components/author.html; Sphinx templates do not autoescape), "
                        "so it reaches the built HTML as markup")
        return None
    return check


def analyze_check(warn_ids=(), english_ids=(), all_ids=()):
    def check(root: Path, run: Run) -> str | None:
        out = root / "out"
        import pandas as pd
        arts = pd.read_csv(out / "articles.csv", dtype=str, keep_default_na=False)
        if sorted(arts["id"]) != sorted(all_ids):
            return f"articles.csv ids {sorted(arts['id'])}, expected {sorted(all_ids)}"
        lines = pd.read_csv(out / "lines.csv", dtype=str, keep_default_na=False)
        if sorted(set(lines["article"])) != sorted(all_ids):
            return f"lines.csv articles {sorted(set(lines['article']))}"
        sents = pd.read_csv(out / "sentences.csv", dtype=str, keep_default_na=False)
        in_sent = set(sents["article"])
        for i in warn_ids:
            if i in in_sent:
                return f"non-Latin article {i} is in sentences.csv"
            if not any(i in l and l.startswith("warning:") for l in run.stderr.splitlines()):
                return f"no warning line names {i}"
            for t in ("entities", "quotes", "sources", "alignments"):
                df = pd.read_csv(out / f"{t}.csv", dtype=str, keep_default_na=False)
                if len(df) and i in set(df.iloc[:, 0]):
                    return f"non-Latin article {i} is in {t}.csv"
        for i in english_ids:
            if i not in in_sent:
                return f"English article {i} missing from sentences.csv"
        warns = [l for l in run.stderr.splitlines() if l.startswith("warning:")]
        for l in warns:
            if any(f"/{e}.txt:" in l for e in english_ids) and "Latin" in l:
                return f"English article warned as non-Latin: {l[:200]}"
        return None
    return check


# ============================================================================ group 1: from-passim

def FP(*args):
    return ["from-passim", *map(str, args)]


def fp_ok(ids=None, records_of=records_from_file):
    return from_passim_check(ids, records_of)


#: A field left out of a record by :func:`_fp_with`.
_DROPPED = object()


def _fp_with(r: Path, index: int, field: str, value=_DROPPED) -> FP:
    """from-passim on the seed records with one field of record ``index`` set to ``value``
    (or left out)."""
    recs = [dict(x) for x in SEED_RECORDS]
    if value is _DROPPED:
        del recs[index][field]
    else:
        recs[index][field] = value
    a, rr = passim_inputs(r, records=jl(recs)); return FP(a, rr, r / "dest")


@case("fp_baseline_seeds", "from-passim", "ok", check=fp_ok(["000", "001"]))
def _(r):
    a, rr = passim_inputs(r); return FP(a, rr, r / "dest")


@case("fp_baseline_around_003", "from-passim", "ok", check=fp_ok(["003", "004"]))
def _(r):
    a, rr = passim_inputs(r); return FP(a, rr, r / "dest", "--around", "003")





@case("fp_align_folder_with_parts", "from-passim", "ok", check=fp_ok(["000", "001"]))
def _(r):
    lines = SEED_ALIGN.splitlines(keepends=True)
    w(r / "in/align.json/part-00000", lines[0]); w(r / "in/align.json/part-00001", "".join(lines[1:]))
    w(r / "in/align.json/_SUCCESS", "")
    w(r / "in/records.jsonl", jl(SEED_RECORDS))
    return FP(r / "in/align.json", r / "in/records.jsonl", r / "dest")


@case("fp_align_folder_no_parts", "from-passim", mention=("align.json", "part-"))
def _(r):
    w(r / "in/align.json/_SUCCESS", ""); w(r / "in/records.jsonl", jl(SEED_RECORDS))
    return FP(r / "in/align.json", r / "in/records.jsonl", r / "dest")


@case("fp_align_part_is_dir", "from-passim", mention=("align.json",))
def _(r):
    (r / "in/align.json/part-00000").mkdir(parents=True); w(r / "in/records.jsonl", jl(SEED_RECORDS))
    return FP(r / "in/align.json", r / "in/records.jsonl", r / "dest")


@case("fp_align_missing", "from-passim", mention=("nope.json",))
def _(r):
    _, rr = passim_inputs(r); return FP(r / "in/nope.json", rr, r / "dest")


@case("fp_records_missing", "from-passim", mention=("nope.jsonl",))
def _(r):
    a, _ = passim_inputs(r); return FP(a, r / "in/nope.jsonl", r / "dest")


# "is a folder; expected the JSON-lines file ..." says more than "not a regular file" would.
@case("fp_records_is_dir", "from-passim", mention=("recs", "is a folder"),
      note="a folder must not be called 'not found' (issue 23 class 7)")
def _(r):
    a, _ = passim_inputs(r); (r / "in/recs").mkdir(); return FP(a, r / "in/recs", r / "dest")


@case("fp_records_fifo", "from-passim", mention=("fifo", "not a regular file"))
def _(r):
    a, _ = passim_inputs(r); os.mkfifo(r / "in/fifo"); return FP(a, r / "in/fifo", r / "dest")


@case("fp_align_fifo", "from-passim", mention=("fifo", "not a regular file"))
def _(r):
    _, rr = passim_inputs(r); os.mkfifo(r / "in/fifo"); return FP(r / "in/fifo", rr, r / "dest")


@case("fp_align_devnull", "from-passim", mention=("/dev/null",))
def _(r):
    _, rr = passim_inputs(r); return FP("/dev/null", rr, r / "dest")


@case("fp_align_empty", "from-passim", mention=("align.json",))
def _(r):
    a, rr = passim_inputs(r, align=""); return FP(a, rr, r / "dest")


@case("fp_align_blank_lines_only", "from-passim", mention=("align.json",))
def _(r):
    a, rr = passim_inputs(r, align="\n\n   \n"); return FP(a, rr, r / "dest")


@case("fp_records_empty", "from-passim", mention=("records.jsonl",))
def _(r):
    a, rr = passim_inputs(r, records=""); return FP(a, rr, r / "dest")


@case("fp_align_not_json", "from-passim", mention=("align.json", "line 2"))
def _(r):
    a, rr = passim_inputs(r, align=SEED_ALIGN.splitlines()[0] + "\n{not json\n"); return FP(a, rr, r / "dest")


@case("fp_align_truncated_last_line", "from-passim", mention=("align.json", "line 3"))
def _(r):
    a, rr = passim_inputs(r, align=SEED_ALIGN[: len(SEED_ALIGN) - 200]); return FP(a, rr, r / "dest")


@case("fp_align_json_array", "from-passim", mention=("align.json", "line 1"))
def _(r):
    a, rr = passim_inputs(r, align=json.dumps([json.loads(l) for l in SEED_ALIGN.splitlines()]))
    return FP(a, rr, r / "dest")


@case("fp_align_json_scalar_line", "from-passim", mention=("align.json", "line 1"))
def _(r):
    a, rr = passim_inputs(r, align="42\n"); return FP(a, rr, r / "dest")


@case("fp_align_missing_id2", "from-passim", mention=("align.json", "line 1", "id2"))
def _(r):
    a, rr = passim_inputs(r, align=json.dumps({"id": "000", "begin": 0, "end": 1, "begin2": 0, "end2": 1}) + "\n")
    return FP(a, rr, r / "dest")


@case("fp_align_int_ids", "from-passim", mention=("align.json", "line 1", "'id'"))
def _(r):
    a, rr = passim_inputs(r, align=json.dumps({"id": 0, "id2": 1, "begin": 0, "end": 1, "begin2": 0, "end2": 1}) + "\n")
    return FP(a, rr, r / "dest")


@case("fp_align_bool_offset", "from-passim", mention=("align.json", "line 1", "begin"))
def _(r):
    a, rr = passim_inputs(r, align=align_line("000", "001", begin=True)); return FP(a, rr, r / "dest")


@case("fp_align_float_offset", "from-passim", mention=("align.json", "line 1", "end"))
def _(r):
    a, rr = passim_inputs(r, align=align_line("000", "001", end=1.5)); return FP(a, rr, r / "dest")


@case("fp_align_self", "from-passim", mention=("align.json", "line 1", "itself"))
def _(r):
    a, rr = passim_inputs(r, align=align_line("000", "000")); return FP(a, rr, r / "dest")


@case("fp_align_huge_offsets_ok", "from-passim", "ok", check=fp_ok(["000", "001"]),
      note="offsets are not used; a huge integer is harmless")
def _(r):
    a, rr = passim_inputs(r, align=align_line("000", "001", end=10 ** 40)); return FP(a, rr, r / "dest")


@case("fp_align_nan_literal", "from-passim", mention=("align.json", "line 1"))
def _(r):
    a, rr = passim_inputs(r, align='{"id":"000","id2":"001","begin":NaN,"end":1,"begin2":0,"end2":1}\n')
    return FP(a, rr, r / "dest")


@case("fp_align_deep_nesting", "from-passim", mention=("align.json", "line 1"))
def _(r):
    a, rr = passim_inputs(r, align='{"id":"000","id2":"001","begin":0,"end":1,"begin2":0,"end2":1,"x":'
                          + "[" * 100000 + "]" * 100000 + "}\n")
    return FP(a, rr, r / "dest")


@case("fp_records_deep_nesting", "from-passim", mention=("records.jsonl", "line 1"))
def _(r):
    a, rr = passim_inputs(r, records='{"id":"000","text":"x","x":' + "[" * 100000 + "]" * 100000 + "}\n" + jl(SEED_RECORDS[1:]))
    return FP(a, rr, r / "dest")


@case("fp_align_unknown_id", "from-passim", mention=("records.jsonl", "zzz"))
def _(r):
    a, rr = passim_inputs(r, align=SEED_ALIGN + align_line("001", "zzz")); return FP(a, rr, r / "dest")


@case("fp_align_non_utf8", "from-passim", mention=("align.json", "UTF-8"))
def _(r):
    a, rr = passim_inputs(r, align=SEED_ALIGN.encode() + b'{"id":"\xff\xfe"}\n'); return FP(a, rr, r / "dest")


@case("fp_records_non_utf8", "from-passim", mention=("records.jsonl", "UTF-8"))
def _(r):
    a, rr = passim_inputs(r, records=jl(SEED_RECORDS).encode("utf-8").replace(b"Modi", b"Mod\xe9", 1))
    return FP(a, rr, r / "dest")


@case("fp_records_utf16", "from-passim", mention=("records.jsonl",))
def _(r):
    a, rr = passim_inputs(r, records=jl(SEED_RECORDS).encode("utf-16")); return FP(a, rr, r / "dest")


@case("fp_records_bom", "from-passim", "either", check=fp_ok(["000", "001"]), mention=("records.jsonl", "line 1"))
def _(r):
    a, rr = passim_inputs(r, records="\ufeff" + jl(SEED_RECORDS)); return FP(a, rr, r / "dest")


@case("fp_records_crlf", "from-passim", "ok", check=fp_ok(["000", "001"]))
def _(r):
    a, rr = passim_inputs(r, records=jl(SEED_RECORDS).replace("\n", "\r\n")); return FP(a, rr, r / "dest")


@case("fp_records_missing_text", "from-passim", mention=("records.jsonl", "line 2", "text"))
def _(r):
    return _fp_with(r, 1, "text")


@case("fp_records_text_not_string", "from-passim", mention=("records.jsonl", "line 1", "text"))
def _(r):
    return _fp_with(r, 0, "text", ["a", "b"])


@case("fp_records_text_blank", "from-passim", mention=("records.jsonl", "line 1", "text"))
def _(r):
    return _fp_with(r, 0, "text", " \n\t ")


@case("fp_records_duplicate_id", "from-passim", mention=("records.jsonl", "line 6", "000"))
def _(r):
    a, rr = passim_inputs(r, records=jl(SEED_RECORDS + [SEED_RECORDS[0]])); return FP(a, rr, r / "dest")


@case("fp_records_missing_date", "from-passim", mention=("records.jsonl", "001", "date"))
def _(r):
    return _fp_with(r, 1, "date")


@case("fp_records_date_impossible", "from-passim", mention=("records.jsonl", "001", "date"),
      note="2024-13-45 matches \\d{4}-\\d{2}-\\d{2} but is no date")
def _(r):
    return _fp_with(r, 1, "date", "2024-13-45")


@case("fp_records_date_feb30", "from-passim", mention=("records.jsonl", "001", "date"))
def _(r):
    return _fp_with(r, 1, "date", "2024-02-30")


@case("fp_records_date_datetime", "from-passim", "either", check=fp_ok(["000", "001"]), mention=("records.jsonl", "001", "date"))
def _(r):
    return _fp_with(r, 1, "date", "2024-07-05T10:00:00Z")


@case("fp_records_date_arabic_digits", "from-passim", mention=("records.jsonl", "001", "date"),
      note="\\d matches Arabic-Indic digits")
def _(r):
    return _fp_with(r, 1, "date", "٢٠٢٤-٠٧-٠٥")


@case("fp_records_date_trailing_newline", "from-passim", mention=("records.jsonl", "001", "date"))
def _(r):
    return _fp_with(r, 1, "date", "2024-07-05\n")


@case("fp_records_text_nul", "from-passim", mention=("records.jsonl", "001"),
      note="a NUL in the text: analyze refuses NUL bytes, so from-passim must not write it")
def _(r):
    return _fp_with(r, 1, "text", SEED_RECORDS[1]["text"][:100] + "\u0000" + SEED_RECORDS[1]["text"][100:])


# The error names the file and line 2 (the record of 001): the line is what the user opens.
@case("fp_records_text_lone_surrogate", "from-passim", mention=("records.jsonl", "line 2"))
def _(r):
    line = jl(SEED_RECORDS).splitlines()
    line[1] = line[1].replace("Modi", "Mo\\ud800di", 1)
    a, rr = passim_inputs(r, records="\n".join(line) + "\n"); return FP(a, rr, r / "dest")


# The alignment names the id too, and align.json is read first: naming it, line 1, is right.
@case("fp_id_lone_surrogate", "from-passim", mention=("align.json", "line 1"))
def _(r):
    recs = [rec("a\ud800"), rec("b", TEXT_B)]
    lines = [json.dumps(x) for x in recs]  # ensure_ascii escapes the surrogate
    a, rr = passim_inputs(r, records="\n".join(lines) + "\n", align=align_line("a\ud800", "b").replace("\ud800", "\\ud800"))
    return FP(a, rr, r / "dest")


@case("fp_records_text_no_words", "from-passim", mention=("records.jsonl", "001"),
      note="an article with no words: analyze refuses it")
def _(r):
    return _fp_with(r, 1, "text", "!!! ??? ... --- ***")


@case("fp_records_text_huge_line", "from-passim", mention=("records.jsonl", "001"),
      note="a 3 MB article: analyze refuses articles over 500,000 bytes")
def _(r):
    return _fp_with(r, 1, "text", "Modi visits Moscow. " * 150000)


@case("fp_records_huge_unrelated_line", "from-passim", "ok", check=fp_ok(["000", "001"]),
      note="a 40 MB record outside the group must not slow the run or be written")
def _(r):
    recs = [dict(x) for x in SEED_RECORDS] + [rec("big", "word " * 8_000_000)]
    a, rr = passim_inputs(r, records=jl(recs)); return FP(a, rr, r / "dest")


@case("fp_align_many_lines", "from-passim", "ok", check=fp_ok(None),
      note="300,000 alignment records over 20,000 ids, one chain")
def _(r):
    n = 20000
    recs = [rec(f"d{i:05d}", TEXT_A) for i in range(n)]
    lines = [align_line(f"d{i:05d}", f"d{i + 1:05d}") for i in range(n - 1)]
    lines += [align_line(f"d{(i * 7) % n:05d}", f"d{(i * 13 + 1) % n:05d}") for i in range(280000)
              if (i * 7) % n != (i * 13 + 1) % n]
    a, rr = passim_inputs(r, records=jl(recs), align="".join(lines)); return FP(a, rr, r / "dest")


def id_case(name, ident, expect="ok", note="", mention=()):
    @case(name, "from-passim-ids", expect, check=fp_ok([ident, "b"]), note=note, mention=mention)
    def _(r):
        recs = [rec(ident, TEXT_A), rec("b", TEXT_B)]
        a, rr = passim_inputs(r, records=jl(recs), align=align_line(ident, "b")); return FP(a, rr, r / "dest")


id_case("fp_id_dotdot", "../x")
id_case("fp_id_dotdot_deep", "../" * 8 + "pwned")
id_case("fp_id_absolute", "/etc/passwd")
id_case("fp_id_slashes", "a/b/c")
id_case("fp_id_backslash", "..\\..\\x")
id_case("fp_id_dot", ".")
id_case("fp_id_dotdot_only", "..")
id_case("fp_id_manifest_csv", "manifest.csv")
id_case("fp_id_manifest", "manifest")
id_case("fp_id_hidden", ".hidden")
id_case("fp_id_newline", "a\nb", "either", mention=("records.jsonl",))
id_case("fp_id_cr", "a\rb", "either", mention=("records.jsonl",))
id_case("fp_id_comma_quote", 'a,"b"', "ok")
id_case("fp_id_tab", "a\tb", "either", mention=("records.jsonl",))
id_case("fp_id_leading_space", "  b2 ", "either", mention=("records.jsonl",))
id_case("fp_id_unicode", "लेख-१", "ok")
id_case("fp_id_emoji", "🔥news", "ok")
id_case("fp_id_rtl_override", "a\u202eb", "either", mention=("records.jsonl",))
id_case("fp_id_long_300", "x" * 300, "either", mention=("records.jsonl",),
        note="a 300-character id: the file name would pass 255 bytes")
id_case("fp_id_long_multibyte", "लेख" * 40 + "x", "either", mention=("records.jsonl",))
id_case("fp_id_formula", "=cmd|' /C calc'!A0", "ok")


@case("fp_ids_collide_after_sanitising", "from-passim-ids", "ok", check=fp_ok(["a/b", "a_b", "a?b"]))
def _(r):
    recs = [rec("a/b", TEXT_A), rec("a_b", TEXT_B), rec("a?b", TEXT_C)]
    a, rr = passim_inputs(r, records=jl(recs), align=align_line("a/b", "a_b") + align_line("a_b", "a?b"))
    return FP(a, rr, r / "dest")


@case("fp_ids_case_collide", "from-passim-ids", "ok", check=fp_ok(["ABC", "abc"]))
def _(r):
    recs = [rec("ABC", TEXT_A), rec("abc", TEXT_B)]
    a, rr = passim_inputs(r, records=jl(recs), align=align_line("ABC", "abc")); return FP(a, rr, r / "dest")


@case("fp_ids_collide_numbered", "from-passim-ids", "ok", check=fp_ok(["a", "a-2", "a/"]))
def _(r):
    recs = [rec("a", TEXT_A), rec("a-2", TEXT_B), rec("a/", TEXT_C)]
    a, rr = passim_inputs(r, records=jl(recs), align=align_line("a", "a-2") + align_line("a-2", "a/"))
    return FP(a, rr, r / "dest")


@case("fp_series_list", "from-passim", mention=("records.jsonl", "series"),
      note="a series that is a list becomes the outlet \"['x', 'y']\"")
def _(r):
    recs = [rec("a", TEXT_A, series=["x", "y"]), rec("b", TEXT_B)]
    a, rr = passim_inputs(r, records=jl(recs), align=align_line("a", "b")); return FP(a, rr, r / "dest")


@case("fp_series_missing_no_outlet", "from-passim", "either", check=fp_ok(["a", "b"]), mention=("records.jsonl", "a"))
def _(r):
    x = rec("a", TEXT_A); del x["series"]
    a, rr = passim_inputs(r, records=jl([x, rec("b", TEXT_B)]), align=align_line("a", "b")); return FP(a, rr, r / "dest")


@case("fp_outlet_newline", "from-passim", "either", check=fp_ok(["a", "b"]), mention=("records.jsonl",))
def _(r):
    recs = [rec("a", TEXT_A, outlet="Line1\nLine2"), rec("b", TEXT_B)]
    a, rr = passim_inputs(r, records=jl(recs), align=align_line("a", "b")); return FP(a, rr, r / "dest")


@case("fp_url_javascript", "from-passim", "either", check=fp_ok(["a", "b"]), mention=("records.jsonl", "url"))
def _(r):
    recs = [rec("a", TEXT_A, url="javascript:alert(1)"), rec("b", TEXT_B)]
    a, rr = passim_inputs(r, records=jl(recs), align=align_line("a", "b")); return FP(a, rr, r / "dest")


@case("fp_url_object", "from-passim", mention=("records.jsonl", "url"))
def _(r):
    recs = [rec("a", TEXT_A, url={"href": "x"}), rec("b", TEXT_B)]
    a, rr = passim_inputs(r, records=jl(recs), align=align_line("a", "b")); return FP(a, rr, r / "dest")


@case("fp_around_unknown", "from-passim", mention=("records.jsonl", "nosuch"))
def _(r):
    a, rr = passim_inputs(r); return FP(a, rr, r / "dest", "--around", "nosuch")


@case("fp_around_unaligned", "from-passim", mention=("align.json", "002"))
def _(r):
    a, rr = passim_inputs(r); return FP(a, rr, r / "dest", "--around", "002")


@case("fp_around_empty", "from-passim", mention=("records.jsonl",))
def _(r):
    a, rr = passim_inputs(r); return FP(a, rr, r / "dest", "--around", "")


@case("fp_around_path", "from-passim", mention=("records.jsonl",))
def _(r):
    a, rr = passim_inputs(r); return FP(a, rr, r / "dest", "--around", "../000")


@case("fp_around_twice", "from-passim", "ok", check=fp_ok(["003", "004"]), note="argparse: last wins")
def _(r):
    a, rr = passim_inputs(r); return FP(a, rr, r / "dest", "--around", "000", "--around", "003")


@case("fp_dest_exists_nonempty", "from-passim", mention=("dest",))
def _(r):
    a, rr = passim_inputs(r); w(r / "dest/keep.txt", "mine"); return FP(a, rr, r / "dest")
CASES[-1].allowed = ()


@case("fp_dest_exists_empty", "from-passim", "ok", check=fp_ok(["000", "001"]))
def _(r):
    a, rr = passim_inputs(r); (r / "dest").mkdir(); return FP(a, rr, r / "dest")


@case("fp_dest_is_file", "from-passim", mention=("dest",))
def _(r):
    a, rr = passim_inputs(r); w(r / "dest", "mine"); return FP(a, rr, r / "dest")
CASES[-1].allowed = ()


@case("fp_dest_is_records_file", "from-passim", mention=("records.jsonl",))
def _(r):
    a, rr = passim_inputs(r); return FP(a, rr, rr)
CASES[-1].allowed = ()


@case("fp_dest_under_records_file", "from-passim", mention=("records.jsonl",))
def _(r):
    a, rr = passim_inputs(r); return FP(a, rr, rr / "sub")
CASES[-1].allowed = ()


@case("fp_dest_inside_align_folder", "from-passim", mention=("align.json",),
      note="DEST inside passim's output folder (an input): must be refused like --out inside the corpus")
def _(r):
    w(r / "in/align.json/part-00000", SEED_ALIGN); w(r / "in/records.jsonl", jl(SEED_RECORDS))
    return FP(r / "in/align.json", r / "in/records.jsonl", r / "in/align.json/story")
CASES[-1].allowed = ()


@case("fp_dest_is_align_folder", "from-passim", mention=("align.json",))
def _(r):
    w(r / "in/align.json/part-00000", SEED_ALIGN); w(r / "in/records.jsonl", jl(SEED_RECORDS))
    return FP(r / "in/align.json", r / "in/records.jsonl", r / "in/align.json")
CASES[-1].allowed = ()


@case("fp_dest_inside_records_folder", "from-passim", "either", check=None,
      mention=("records",), note="DEST beside the records file in the input folder")
def _(r):
    a, rr = passim_inputs(r); return FP(a, rr, r / "in/dest")
CASES[-1].allowed = ("in/dest", "in/dest/*", "in/.*")


@case("fp_dest_symlink_to_empty_dir", "from-passim", "ok", check=None)
def _(r):
    a, rr = passim_inputs(r); (r / "elsewhere").mkdir(); os.symlink(r / "elsewhere", r / "dest")
    return FP(a, rr, r / "dest")
CASES[-1].allowed = ("elsewhere", "elsewhere/*", ".*")


@case("fp_dest_dangling_symlink", "from-passim", "either", mention=("dest",),
      note="a dangling symlink as DEST: writing at its target creates a folder the user did not name")
def _(r):
    a, rr = passim_inputs(r); os.symlink(r / "outside/made_by_link", r / "dest"); (r / "outside").mkdir()
    return FP(a, rr, r / "dest")
CASES[-1].allowed = ()


@case("fp_dest_symlink_loop", "from-passim", mention=("dest",))
def _(r):
    a, rr = passim_inputs(r); os.symlink(r / "dest", r / "dest"); return FP(a, rr, r / "dest")
CASES[-1].allowed = ()


@case("fp_dest_empty_string", "from-passim", mention=("DEST",))
def _(r):
    a, rr = passim_inputs(r); return FP(a, rr, "")
CASES[-1].allowed = ()


@case("fp_dest_dot_in_empty_cwd", "from-passim", "ok", check=None,
      note="'.' as DEST in an empty working folder")
def _(r):
    a, rr = passim_inputs(r); return FP(a, rr, ".")
CASES[-1].allowed = ("cwd", "cwd/*", ".*")


@case("fp_dest_readonly_parent", "from-passim", mention=("dest",))
def _(r):
    a, rr = passim_inputs(r); (r / "ro").mkdir(); return FP(a, rr, r / "ro/dest")
CASES[-1].allowed = ()
CASES[-1].note = "ro/ is made read-only by a read-only bind mount"
CASES[-1].ro = ("ro",)


@case("fp_dest_proc", "from-passim", mention=("/proc",))
def _(r):
    a, rr = passim_inputs(r); return FP(a, rr, "/proc/self/newscompare_dest")
CASES[-1].allowed = ()


@case("fp_dest_nonutf8_name", "from-passim", "ok", check=None)
def _(r):
    a, rr = passim_inputs(r); return FP(a, rr, os.fsdecode(bytes(r / "cwd") + b"/dest\xff"))
CASES[-1].allowed = ("cwd/dest*", ".*", "cwd/.*")


@case("fp_same_file_both", "from-passim", mention=("line 1",))
def _(r):
    a, rr = passim_inputs(r); return FP(rr, rr, r / "dest")


@case("fp_align_symlink_to_records", "from-passim", mention=("line 1",))
def _(r):
    a, rr = passim_inputs(r); os.symlink(rr, r / "in/link.json"); return FP(r / "in/link.json", rr, r / "dest")


@case("fp_part_symlink_outside", "from-passim", mention=("part-00000",))
def _(r):
    w(r / "in/records.jsonl", jl(SEED_RECORDS)); (r / "in/align.json").mkdir(parents=True)
    os.symlink("/etc/passwd", r / "in/align.json/part-00000")
    return FP(r / "in/align.json", r / "in/records.jsonl", r / "dest")


@case("fp_no_args", "from-passim", mention=("from-passim",))
def _(r):
    return ["from-passim"]


@case("fp_extra_arg", "from-passim", mention=("from-passim",))
def _(r):
    a, rr = passim_inputs(r); return FP(a, rr, r / "dest", "extra")


# ============================================================================ group 2: new-report --title/--author

def NR(r, *extra):
    return ["new-report", str(SEEDS), str(r / "dest"), *extra]


def title_case(name, title, expect="ok", mention=("--title",), note=""):
    @case(name, "new-report-title", expect, check=report_check(title=title), mention=mention, note=note)
    def _(r):
        if name.endswith("_equals"):
            return NR(r, "--title=" + title, "--author", "Tester")
        return NR(r, "--title", title, "--author", "Tester")


def author_case(name, author, expect="ok", mention=("--author",), note=""):
    @case(name, "new-report-author", expect, check=report_check(author=author), mention=mention, note=note)
    def _(r):
        return NR(r, "--title", "T", "--author", author)


title_case("nr_title_yaml_specials", 'a: b # c - [d] {e} & *f ! | > \' "g" %h @i `j`', "either")
title_case("nr_title_yaml_doc_markers", "--- ... ---", "ok")
title_case("nr_title_yaml_bool", "yes", "ok")
title_case("nr_title_yaml_null", "~", "ok")
title_case("nr_title_number", "1e3", "ok")
title_case("nr_title_md_heading", "# H1 ## **bold** _it_ `code`", "ok")
title_case("nr_title_md_link", "[click](javascript:alert(1))", "ok")
title_case("nr_title_md_image", "![x](http://evil.example/x.png)", "ok")
title_case("nr_title_myst_role", "{math}`x^2` and {glue:text}`nb::x`", "ok")
title_case("nr_title_myst_substitution", "{{ author }} and {{x}}", "ok")
title_case("nr_title_dollar_math", "$$x$$ costs $5 and $10", "ok")
title_case("nr_title_template_placeholder", "${author} ${title} $$", "ok")
title_case("nr_title_html_script", "<script>alert(1)</script>", "error")
title_case("nr_title_html_entity", "&lt;script&gt;alert(1)&lt;/script&gt;", "ok",
           note="entities: the theme prints the title unescaped; &lt; shows as < (harmless text)")
title_case("nr_title_quote_attr", '" onmouseover="alert(1)', "ok")
title_case("nr_title_newline", "Line one\nLine two", "error")
title_case("nr_title_cr", "Line one\rLine two", "error")
title_case("nr_title_crlf_end", "Title\r\n", "ok", note="strip() removes it: a trailing line break is not a second line")
title_case("nr_title_u2028", "Line one\u2028Line two", "either")
title_case("nr_title_vt_ff", "A\x0bB\x0cC", "either")
title_case("nr_title_nel", "A\x85B", "either")
title_case("nr_title_esc_ansi", "\x1b[31mRED\x1b[0m", "either")
title_case("nr_title_control_bel", "A\x07B", "either")
title_case("nr_title_zero_width_only", "\u200b\u200b", "either", note="invisible title")
title_case("nr_title_nbsp_only", "\u00a0\u00a0", "error")
title_case("nr_title_empty", "", "error")
title_case("nr_title_spaces", "   ", "error")
title_case("nr_title_long_100k", "Long " * 20000, "either")
title_case("nr_title_rtl", "\u202eevil\u202c تقرير", "ok")
title_case("nr_title_backslashes", "C:\\path\\ end\\", "ok")
title_case("nr_title_percent_braces", "%(x)s {0} {x}", "ok")
title_case("nr_title_unicode_mix", "मोदी की रूस यात्रा: 莫迪访俄 — زيارة", "ok")
title_case("nr_title_leading_dash", "-x", "error", note="argparse reads -x as an option; --title=-x works")
title_case("nr_title_leading_dash_equals", "-x", "ok")


@case("nr_title_non_utf8_bytes", "new-report-title", "either", mention=("--title",))
def _(r):
    return NR(r, "--title", os.fsdecode(b"Caf\xe9 news"), "--author", "A")


author_case("nr_author_script", "<script>alert(1)</script>", "error",
            note="sphinx-book-theme prints {{ author }} unescaped in every page's footer")
author_case("nr_author_img_onerror", "<img src=x onerror=alert(1)>", "error")
author_case("nr_author_ampersand", "Smith & Jones", "ok")
author_case("nr_author_newline", "Ann\nBob", "error")
author_case("nr_author_cr", "Ann\rBob", "error")
author_case("nr_author_yaml_specials", 'x: y # z & *a [b] {c}', "ok")
author_case("nr_author_md", "**bold** [l](u)", "ok")
author_case("nr_author_quote", 'O"Brien \\ O\'Neil', "ok")
author_case("nr_author_long_100k", "Author " * 15000, "either")
author_case("nr_author_spaces_only", "   ", "either")
author_case("nr_author_esc", "\x1b]0;pwn\x07", "either")
author_case("nr_author_rtl", "\u202eأحمد", "ok")
author_case("nr_author_template", "${title}", "ok")
author_case("nr_author_amp_entity", "&lt;b&gt;x&lt;/b&gt;", "ok", note="entities print as text")


@case("nr_author_non_utf8_bytes", "new-report-author", "either", mention=("--author",))
def _(r):
    return NR(r, "--title", "T", "--author", os.fsdecode(b"Jos\xe9"))


@case("nr_dest_non_utf8_name", "new-report-misc", "ok", check=None)
def _(r):
    return ["new-report", str(SEEDS), os.fsdecode(bytes(r / "cwd") + b"/book\xff"), "--title", "T", "--author", "A"]
CASES[-1].allowed = ("cwd/book*", "cwd/.*", ".*")


@case("nr_corpus_name_default_title_specials", "new-report-misc", "ok", check=None,
      note="no --title: the default title comes from the folder name")
def _(r):
    src = r / "in" / "<b>x</b> $$a$$ {{y}}"
    shutil.copytree(SEEDS, src)
    return ["new-report", str(src), str(r / "dest"), "--author", "A"]


# ============================================================================ group 3: mixed scripts

def AN(folder, r):
    return ["analyze", str(folder), "--out", str(r / "out")]


def mixed(name, texts, warn, english, expect="ok", cmd="analyze", note=""):
    chk = analyze_check(warn, english, list(texts)) if cmd == "analyze" else None

    @case(name, "mixed-script", expect, check=chk, note=note, mention=())
    def _(r):
        folder = corpus(r, texts)
        if cmd == "analyze":
            return AN(folder, r)
        if cmd == "new-report":
            return ["new-report", str(folder), str(r / "dest"), "--title", "T", "--author", "A"]
        return ["export-passim", str(folder), str(r / "out.jsonl")]


mixed("mx_en_plus_hindi", {"a": TEXT_A, "b": TEXT_B, "h": HINDI}, ["h"], ["a", "b"])
mixed("mx_en_plus_arabic", {"a": TEXT_A, "b": TEXT_B, "ar": ARABIC}, ["ar"], ["a", "b"])
mixed("mx_en_plus_chinese", {"a": TEXT_A, "b": TEXT_B, "zh": CHINESE}, ["zh"], ["a", "b"])
mixed("mx_en_plus_russian", {"a": TEXT_A, "b": TEXT_B, "ru": RUSSIAN}, ["ru"], ["a", "b"])
mixed("mx_all_non_english", {"h": HINDI, "ar": ARABIC, "zh": CHINESE}, ["h", "ar", "zh"], [], expect="either")
CASES[-1].mention = ("manifest.csv", "another script")
mixed("mx_one_english_rest_other", {"a": TEXT_A, "h": HINDI, "zh": CHINESE}, ["h", "zh"], ["a"])
mixed("mx_hindi_half_english", {"a": TEXT_A, "b": TEXT_B,
      "hx": "Modi Putin BRICS Moscow Kremlin: " + HINDI + "PM Modi said talks with Putin went well.\n"}, [], ["a", "b"],
      note="50.4% of the letters Latin: just over the documented threshold, so analysed")
mixed("mx_hindi_with_english_words", {"a": TEXT_A, "b": TEXT_B,
      "hx": "Modi, Putin, BRICS: " + HINDI * 3 + "PM Modi said so.\n"}, ["hx"], ["a", "b"],
      note="mostly Devanagari with a few English words")
mixed("mx_english_with_hindi_quote", {"a": TEXT_A, "b": TEXT_B,
      "eq": TEXT_C + "\nHe said \"" + HINDI.split("\n")[0] + "\" in Hindi, according to officials in New Delhi and Moscow.\n"},
      [], ["a", "b", "eq"])
mixed("mx_english_headline_hindi_body", {"a": TEXT_A, "b": TEXT_B,
      "hb": "Modi to visit Russia next week\n\n" + HINDI * 3}, ["hb"], ["a", "b"])
mixed("mx_hindi_copy_of_english_pair", {"a": TEXT_A, "b": TEXT_A.replace("Thursday", "Friday"),
      "h": HINDI, "h2": HINDI}, ["h", "h2"], ["a", "b"], note="two identical Hindi texts: no reuse pair may be stated for them")
mixed("mx_fullwidth_latin", {"a": TEXT_A, "b": TEXT_B,
      "fw": "ＰＭ Ｍｏｄｉ ｗｉｌｌ ｖｉｓｉｔ Ｒｕｓｓｉａ ｎｅｘｔ ｗｅｅｋ.\n\nＴｈｅ Ｋｒｅｍｌｉｎ ｓａｉｄ ｓｏ.\n"}, [], ["a", "b", "fw"],
      expect="either", note="fullwidth Latin letters are named LATIN: read as English")
mixed("mx_combining_heavy", {"a": TEXT_A, "b": TEXT_B,
      "zalgo": "M\u0301\u0302\u0303odi̸̢̧ v̶̛i̷s̴i̵t̶s̷ Moscow̷̢ on Thursday.\n\nThe Kremlin said so.\n"}, [], ["a", "b", "zalgo"])
mixed("mx_newreport_mixed", {"a": TEXT_A, "b": TEXT_B, "h": HINDI, "zh": CHINESE}, [], [], cmd="new-report")
mixed("mx_export_passim_mixed", {"a": TEXT_A, "h": HINDI, "ar": ARABIC}, [], [], cmd="export-passim")
CASES[-1].allowed = ("out.jsonl", ".*")
mixed("mx_newreport_all_non_english", {"h": HINDI, "ar": ARABIC}, [], [], cmd="new-report",
      expect="either", note="a book of which every article is unreadable to the model")


# ============================================================================ group 4: make peers

MAKE_BASE = ["make", "-C", str(REPO), "-o", ".venv/.installed", f"BIN={Path(PY).parent}"]


def peers_case(name, setup_vars, expect="error", mention=(), note="", tmpfs=(PASSIM_WORK,)):
    @case(name, "make-peers", expect, raw=True, mention=mention, note=note,
          watch=(str(REPO / "heldout"),), wrap_tmpfs=tmpfs)
    def _(r):
        return MAKE_BASE + ["peers"] + setup_vars(r)
    CASES[-1].allowed = ("outside", "outside/env", "outside/env/*", "outside/my env", "outside/my env/*", "outside/$(touch*")


@case("nr_dest_dangling_symlink", "new-report-misc", "either", mention=("dest",))
def _(r):
    (r / "outside").mkdir(); os.symlink(r / "outside/made_by_link", r / "dest")
    return NR(r, "--title", "T", "--author", "A")
CASES[-1].allowed = ()


@case("nr_dest_symlink_loop", "new-report-misc", mention=("dest",))
def _(r):
    os.symlink(r / "dest", r / "dest"); return NR(r, "--title", "T", "--author", "A")
CASES[-1].allowed = ()


@case("ex_analyze_out_symlink_loop", "other", mention=("out",))
def _(r):
    folder = corpus(r, {"a": TEXT_A, "b": TEXT_B}); os.symlink(r / "out", r / "out")
    return AN(folder, r)
CASES[-1].allowed = ()


@case("ex_export_out_symlink_loop", "other", mention=("o.jsonl",))
def _(r):
    folder = corpus(r, {"a": TEXT_A, "b": TEXT_B}); os.symlink(r / "o.jsonl", r / "o.jsonl")
    return ["export-passim", str(folder), str(r / "o.jsonl")]
CASES[-1].allowed = ()


peers_case("mp_no_vars", lambda r: [], mention=("PASSIM_SRC", "PEERS_ENV"))
peers_case("mp_only_src", lambda r: [f"PASSIM_SRC={r}/in/passim"], mention=("PEERS_ENV",))
peers_case("mp_only_env", lambda r: [f"PEERS_ENV={r}/outside/env"], mention=("PASSIM_SRC",))
peers_case("mp_empty_values", lambda r: ["PASSIM_SRC=", "PEERS_ENV="], mention=("PASSIM_SRC",))
peers_case("mp_src_missing_env_new", lambda r: [f"PASSIM_SRC={r}/in/nosuch", f"PEERS_ENV={r}/outside/env"],
           mention=("PASSIM_SRC", "nosuch"),
           note="should refuse the missing PASSIM_SRC before creating a venv at PEERS_ENV or running pip")
peers_case("mp_src_is_file", lambda r: [f"PASSIM_SRC={w(r / 'in/passim', 'x')}", f"PEERS_ENV={r}/outside/env"],
           mention=("PASSIM_SRC",))
def _fake_passim(r: Path, name: str = "passim") -> Path:
    """A folder make peers takes for a passim checkout (it holds passim/seriatim.py)."""
    w(r / "in" / name / "passim" / "seriatim.py", "")
    return r / "in" / name


# PASSIM_SRC is a passim checkout here: with an empty folder make peers rightly names
# PASSIM_SRC first, and the case would not reach PEERS_ENV.
peers_case("mp_env_is_file", lambda r: [f"PASSIM_SRC={_fake_passim(r)}",
                                        f"PEERS_ENV={w(r / 'outside/envfile', 'x')}"], mention=("PEERS_ENV",))


def _fake_env(r: Path, with_spark=False) -> Path:
    env = r / "outside/env"
    (env / "bin").mkdir(parents=True)
    os.symlink(PY, env / "bin/python")
    time.sleep(0.01)
    (env / ".requirements-installed").touch()
    os.utime(env / ".requirements-installed", (time.time() + 10, time.time() + 10))
    return env


peers_case("mp_env_ready_src_missing", lambda r: [f"PASSIM_SRC={r}/in/nosuch", f"PEERS_ENV={_fake_env(r)}"],
           mention=("nosuch",), note="env looks installed; PASSIM_SRC does not exist")


def _not_passim(r):
    src = r / "in/notpassim"
    src.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(src)], check=True)
    subprocess.run(["git", "-C", str(src), "-c", "user.email=a@b", "-c", "user.name=a", "commit", "-q",
                    "--allow-empty", "-m", "x"], check=True)
    return src


peers_case("mp_env_ready_src_not_passim", lambda r: [f"PASSIM_SRC={_not_passim(r)}", f"PEERS_ENV={_fake_env(r)}"],
           mention=("passim",), note="a git checkout that is not passim, and an env with no spark-submit")


def _prefilled_tmp(r):
    return [f"PASSIM_SRC={_not_passim(r)}", f"PEERS_ENV={_fake_env(r)}"]


peers_case("mp_quote_in_src", lambda r: [f'PASSIM_SRC={r}/in/a"; touch {r}/outside/INJECTED; "', f"PEERS_ENV={r}/outside/env"],
           mention=("PASSIM_SRC",), note="a double quote in the value closes the recipe's quoting")
# PASSIM_SRC a passim checkout, so that only PEERS_ENV is wrong: make expands $(touch ...)
# on its command line to nothing, and the recipe made a venv at outside/env, not the path given.
peers_case("mp_dollar_in_env", lambda r: [f"PASSIM_SRC={_fake_passim(r, 'p')}",
                                          f"PEERS_ENV={r}/outside/$(touch {r}/outside/INJECTED2)env"],
           mention=("PEERS_ENV",))
peers_case("mp_space_in_paths", lambda r: [f"PASSIM_SRC={r}/in/my passim", f"PEERS_ENV={r}/outside/my env"],
           mention=("PASSIM_SRC",))


# ============================================================================ group 5: other (issue 23 classes)

@case("ex_export_out_is_manifest_symlink", "other", mention=("corpus",),
      note="export-passim output is a symlink (outside the corpus) to the corpus manifest")
def _(r):
    folder = corpus(r, {"a": TEXT_A, "b": TEXT_B}); os.symlink(folder / "manifest.csv", r / "cwd/out.jsonl")
    return ["export-passim", str(folder), str(r / "cwd/out.jsonl")]
CASES[-1].allowed = ()


@case("ex_export_out_dotdot_into_corpus", "other", mention=("corpus",))
def _(r):
    folder = corpus(r, {"a": TEXT_A, "b": TEXT_B})
    return ["export-passim", str(folder), str(r / "cwd/../in/corpus/x.jsonl")]
CASES[-1].allowed = ()


@case("ex_analyze_out_symlink_into_corpus", "other", mention=("corpus",))
def _(r):
    folder = corpus(r, {"a": TEXT_A, "b": TEXT_B}); os.symlink(folder, r / "outlink")
    return ["analyze", str(folder), "--out", str(r / "outlink/out")]
CASES[-1].allowed = ()


@case("ex_newreport_dest_symlink_into_corpus", "other", mention=("corpus",))
def _(r):
    folder = corpus(r, {"a": TEXT_A, "b": TEXT_B}); os.symlink(folder, r / "cl")
    return ["new-report", str(folder), str(r / "cl/book"), "--title", "T", "--author", "A"]
CASES[-1].allowed = ()


@case("ex_manifest_bom_semicolon", "other", mention=("manifest.csv", ";"))
def _(r):
    folder = corpus(r, {"a": TEXT_A, "b": TEXT_B})
    w(folder / "manifest.csv", "\ufeffid;file;outlet;url;published\na;a.txt;X;;2024-07-01\nb;b.txt;Y;;2024-07-02\n")
    return ["export-passim", str(folder), str(r / "out.jsonl")]
CASES[-1].allowed = ("out.jsonl", ".*")


@case("ex_manifest_unclosed_quote", "other", mention=("manifest.csv", "line"))
def _(r):
    folder = corpus(r, {"a": TEXT_A, "b": TEXT_B})
    w(folder / "manifest.csv", 'id,file,outlet,url,published\na,a.txt,"X,,2024-07-01\nb,b.txt,Y,,2024-07-02\n')
    return ["export-passim", str(folder), str(r / "out.jsonl")]
CASES[-1].allowed = ("out.jsonl", ".*")


@case("ex_manifest_file_is_fifo", "other", mention=("a.txt",))
def _(r):
    folder = corpus(r, {"a": TEXT_A, "b": TEXT_B}); (folder / "a.txt").unlink(); os.mkfifo(folder / "a.txt")
    return ["export-passim", str(folder), str(r / "out.jsonl")]
CASES[-1].allowed = ("out.jsonl", ".*")


@case("ex_published_window_reversed", "other", mention=("manifest.csv", "line 2"))
def _(r):
    folder = corpus(r, {"a": TEXT_A, "b": TEXT_B})
    w(folder / "manifest.csv", "id,file,outlet,url,published\na,a.txt,X,,2024-07-09/2024-07-01\nb,b.txt,Y,,2024-07-02\n")
    return ["export-passim", str(folder), str(r / "out.jsonl")]
CASES[-1].allowed = ("out.jsonl", ".*")


@case("ex_published_feb30", "other", mention=("manifest.csv", "line 2"))
def _(r):
    folder = corpus(r, {"a": TEXT_A, "b": TEXT_B})
    w(folder / "manifest.csv", "id,file,outlet,url,published\na,a.txt,X,,2024-02-30\nb,b.txt,Y,,2024-07-02\n")
    return ["export-passim", str(folder), str(r / "out.jsonl")]
CASES[-1].allowed = ("out.jsonl", ".*")


@case("ex_roundtrip_export_then_from_passim", "other", "ok", check=None,
      note="export-passim seeds -> from-passim with the fixture: texts are the cleaned bodies")
def _(r):
    w(r / "in/align.json", SEED_ALIGN)
    subprocess.run(["nice", PY, "-m", "newscompare", "export-passim", str(SEEDS), str(r / "in/records.jsonl")],
                   env=ENV, check=True, capture_output=True)
    return FP(r / "in/align.json", r / "in/records.jsonl", r / "dest")
CASES[-1].check = fp_ok(["000", "001"])


@case("ex_sigint_from_passim", "other", "interrupt", check=None)
def _(r):
    n = 20000
    recs = [rec(f"d{i:05d}", TEXT_A) for i in range(n)]
    lines = [align_line(f"d{i:05d}", f"d{i + 1:05d}") for i in range(n - 1)]
    lines += [align_line(f"d{(i * 7) % n:05d}", f"d{(i * 13 + 1) % n:05d}") for i in range(280000)
              if (i * 7) % n != (i * 13 + 1) % n]
    a, rr = passim_inputs(r, records=jl(recs), align="".join(lines)); return FP(a, rr, r / "dest")
CASES[-1].note = "SIGINT after 2.5 s of a 6 s run (300,000 alignment lines)"


@case("ex_umask_from_passim", "other", "ok", check=None)
def _(r):
    a, rr = passim_inputs(r); return FP(a, rr, r / "dest")
CASES[-1].note = "umask 022: DEST and its files must be 755/644"
CASES[-1].umask = 0o022


# ----------------------------------------------------------------------------- running

MAKE_NOISE = ("make: ***", "make: Entering", "make: Leaving", "make[")


def run_case(c: Case, base: Path) -> Result:
    root = Path(tempfile.mkdtemp(prefix=c.name[:60] + "-", dir=base))
    (root / "cwd").mkdir()
    (root / "in").mkdir()
    try:
        try:
            argv = c.setup(root)
        except Exception as error:  # noqa: BLE001 - a broken case is reported, not hidden
            return Result(c, "wrong result", None, note=f"SETUP FAILED: {error!r}"[:300])
        full = ["nice", *argv] if c.raw else ["nice", PY, "-m", "newscompare", *argv]
        full = wrap_mounts(full, root, c)
        if c.wrap_tmpfs:
            mounts = " && ".join(f"mkdir -p '{p}' && mount -t tmpfs -o size=16m tmpfs '{p}'" for p in c.wrap_tmpfs)
            full = ["unshare", "-m", "--propagation", "private", "--", "sh", "-c",
                    f"{{ {mounts}; }} || exit 97; exec \"$@\"", "sh", *full]
        before = snapshot(root)
        watch_before = {t: snapshot(Path(t)) for t in c.watch}

        def preexec() -> None:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            if c.umask is not None:
                os.umask(c.umask)
        start = time.monotonic()
        proc = subprocess.Popen(full, cwd=root / c.cwd, env=ENV, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                start_new_session=True, preexec_fn=preexec)
        timed_out = False
        try:
            if c.expect == "interrupt":
                try:
                    out, err = proc.communicate(timeout=2.5)
                except subprocess.TimeoutExpired:
                    proc.send_signal(signal.SIGINT)
                    out, err = proc.communicate(timeout=TIMEOUT)
            else:
                out, err = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            timed_out = True
        seconds = time.monotonic() - start
        stderr = err.decode("utf-8", "backslashreplace")
        if c.raw:  # make's own lines around a recipe's error are not the error
            stderr = "\n".join(l for l in stderr.splitlines() if not l.startswith(MAKE_NOISE))
        run = Run(proc.returncode, out.decode("utf-8", "backslashreplace"), stderr, seconds, timed_out)
        after = snapshot(root)
        watched_changed = any(snapshot(Path(t)) != watch_before[t] for t in c.watch)
        try:
            result = classify(c, root, run, before, after, watched_changed, full)
        except Exception as error:  # noqa: BLE001 - a check that crashed on a bad output
            result = Result(c, "wrong result", run, note=f"check failed on the output: "
                            f"{type(error).__name__}: {error}"[:300], argv=full)
        return extra_checks(c, root, result)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def extra_checks(c: Case, root: Path, r: Result) -> Result:
    """What a case checks beyond hostile_sweep.classify."""
    def wrong(klass: str, note: str) -> Result:
        return Result(c, klass, r.run, note=note, argv=r.argv)

    if c.name == "ex_umask_from_passim" and r.klass == "right result":
        d = root / "dest"
        modes = {p.name: oct(p.stat().st_mode & 0o777) for p in [d, *d.iterdir()]}
        if any(m not in ("0o755", "0o644") for m in modes.values()):
            return wrong("wrong result", f"modes {modes}")
    if c.name == "fp_dest_dot_in_empty_cwd" and r.klass == "right result":
        if not (root / "cwd/manifest.csv").is_file():
            return wrong("wrong result", "no manifest.csv in .")
    if c.name == "fp_dest_symlink_to_empty_dir" and r.klass == "right result":
        if not (root / "dest/manifest.csv").is_file() or not (root / "dest").is_symlink():
            return wrong("wrong result", "symlink replaced or target empty")
    if c.name in ("mp_quote_in_src", "mp_dollar_in_env"):
        injected = list((root / "outside").glob("INJECTED*")) if (root / "outside").exists() else []
        if injected:
            return wrong("write outside", f"shell injection: {injected[0].name} created by the make recipe")
    if c.group == "make-peers" and c.expect == "error" and (root / "outside/env/pyvenv.cfg").exists():
        return wrong("write outside", "a virtual environment was created at PEERS_ENV before the refusal")
    return r


def prepare(base: Path) -> None:
    """The commands' environment and the base data (not stored in the repository)."""
    global SEED_ALIGN
    common.SHARED["mpl"] = base / "mpl"
    common.SHARED["mpl"].mkdir()
    ENV.update(common.child_env())
    if not ENV.get("PYTHONPATH"):
        ENV["PYTHONPATH"] = str(REPO / "src")
    ENV.update(PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    records = base / "seeds.jsonl"
    proc = subprocess.run([PY, "-m", "newscompare", "export-passim", str(SEEDS), str(records)],
                          env=ENV, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise SystemExit(f"export-passim of {SEEDS} failed: {proc.stderr.strip()[-300:]}")
    SEED_RECORDS[:] = [json.loads(line) for line in records.read_text(encoding="utf-8").splitlines()]
    SEED_ALIGN = ALIGN_FIXTURE.read_text(encoding="utf-8")
    where = subprocess.run([PY, "-c", "import newscompare; print(newscompare.__file__)"],
                           cwd=base, env=ENV, capture_output=True, text=True).stdout.strip()
    print(f"testing the newscompare of {where}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", nargs="?", default=str(Path(tempfile.gettempdir()) / "hostile_sweep_passim.csv"),
                        help="CSV of results")
    parser.add_argument("-k", default=None, help="run only cases whose name contains this (or any of A|B|...)")
    parser.add_argument("-j", type=int, default=2, help="cases run at once (default 2)")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    options = parser.parse_args()
    cases = [c for c in CASES if not options.k or any(k in c.name for k in options.k.split("|"))]
    if options.list:
        for c in cases:
            print(f"{c.group:20} {c.name}")
        print(f"{len(cases)} cases")
        return 0
    base = Path(tempfile.mkdtemp(prefix="hostile-sweep-passim-"))
    os.chmod(base, 0o755)
    prepare(base)
    print(f"{len(cases)} cases, {options.j} at a time, in {base}", flush=True)
    started = time.monotonic()
    results: list[Result] = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=options.j) as pool:
        futures = [pool.submit(run_case, c, base) for c in cases]
        for future in concurrent.futures.as_completed(futures):
            r = future.result()
            results.append(r)
            secs = f"{r.run.seconds:5.1f}s" if r.run else "  -   "
            print(f"{r.klass:15} {secs} {r.case.group:18} {r.case.name}: {r.note!r}"[:400], flush=True)
    order = {id(c): i for i, c in enumerate(cases)}
    results.sort(key=lambda r: order[id(r.case)])
    with open(options.results, "w", newline="", encoding="utf-8", errors="backslashreplace") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "group", "expect", "class", "exit", "seconds", "note", "stderr", "argv"])
        for r in results:
            writer.writerow([r.case.name, r.case.group, r.case.expect, r.klass,
                             r.run.code if r.run else "", f"{r.run.seconds:.1f}" if r.run else "",
                             r.note, (r.run.stderr[-2000:] if r.run else ""), repr(r.argv)[:1000]])
    common.print_totals(results, started, options.results)
    shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
