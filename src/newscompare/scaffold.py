"""``python -m newscompare new-report CORPUS_DIR DEST``: a new Jupyter Book project for a corpus.

DEST receives the corpus (``seeds/``, byte for byte, with ``sha256`` filled in the manifest),
the story's catalogues if given (``story/claims.yml``, ``story/events.csv``), the chapter
notebooks (package data, ``templates/notebooks/``), the project files (``templates/project/``:
Makefile, ``_config.yml``, README, ...) with this project's stylesheet, a generated
``_toc.yml``, and the exact software: this
project's pinned ``requirements.txt`` plus this package as a wheel in ``wheels/``, installed
by hash, so that the book builds offline and years later.

Everything is checked before anything is written, and DEST is filled as a hidden sibling
folder renamed into place at the end, so a failure leaves no half-made DEST.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import string
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml

import newscompare
from newscompare.ingest.corpus import (
    ReadArticle, check_outside_corpus, check_sharing_pairs, read_articles,
)
from newscompare.ingest.errors import CorpusError, OutputError
from newscompare.ingest.manifest import MANIFEST_NAME
from newscompare.ingest.paths import PACKAGE_DIR, PROJECT_ROOT
from newscompare.ingest.staging import staging_folder
from newscompare.tables import AnalysisOptions, check_catalogues, csv_line_terminator

TEMPLATES_DIR = PACKAGE_DIR / "templates"
PROJECT_TEMPLATES_DIR = TEMPLATES_DIR / "project"
NOTEBOOK_TEMPLATES_DIR = TEMPLATES_DIR / "notebooks"
#: Files of the source checkout that every report needs (the pinned requirements, the
#: book's stylesheet), and where an installed wheel keeps them as package data. One copy
#: of each is committed, the checkout's: :func:`build_wheel` adds them to the copy of the
#: sources it builds, so that a report's own newscompare can make the next report alike.
CHECKOUT_FILES = {
    "requirements.txt": "templates/requirements.txt",
    "_static/custom.css": "templates/project/_static/custom.css",
}
#: The chapter shown only when the story has catalogues (--claims or --events).
CLAIMS_TIMELINE_NOTEBOOK = "06_claims_timeline.ipynb"
#: The chapter shown only when the story has a framing lexicon (--lexicon): a lexicon is
#: written for one story, so the package ships none.
FRAMING_NOTEBOOK = "05_framing.ipynb"
#: Project templates with ``${name}`` placeholders (string.Template); the rest are copied.
SUBSTITUTED_TEMPLATES = {"_config.yml", "intro.md", "README.md", "CITATION.cff"}
DISTRIBUTION = "newscompare"
AUTHOR_PLACEHOLDER = "Your name"
#: The longest title or author a new report takes: each is printed on every page of the book.
BOOK_TEXT_MAX_CHARS = 500
#: Zip timestamps of the wheel (1980-01-01, the earliest a zip can hold): a wheel built twice
#: from the same source is byte-identical, so its hash in requirements.txt is too.
WHEEL_SOURCE_DATE_EPOCH = "315532800"


class ScaffoldError(RuntimeError):
    """The package cannot ship itself into a new report (no source tree and no wheel)."""


@dataclass(frozen=True)
class ReportInputs:
    """What a new report is made from, every file checked."""

    corpus_dir: Path
    title: str
    claims_file: Path | None
    events_file: Path | None
    lexicon_file: Path | None
    notebooks: list[Path]
    articles: list[ReadArticle]  # read and checked, each file resolved once


def default_title(corpus_dir: Path) -> str:
    """A title from the corpus folder's name: ``my_story`` -> ``My story``. What the book
    cannot carry in a title (< and >, control characters, bytes that are not UTF-8; see
    :func:`check_book_text`) is left out of it rather than refused: the user never typed
    this title, and the folder's name is a valid one."""
    name = "".join(" " if (character in "<>" or not character.isprintable()
                           or "\ud800" <= character <= "\udfff") else character
                   for character in corpus_dir.absolute().name)
    words = re.sub(r"[_\-\s]+", " ", name).strip()[:BOOK_TEXT_MAX_CHARS].strip()
    return words[:1].upper() + words[1:] if words else "News coverage compared"


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown (MyST) text: every ASCII punctuation character is
    backslash-escaped, so a title cannot open a role, a link, HTML, math or a substitution."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)


def yaml_scalar(value: str) -> str:
    """``value`` as one double-quoted YAML scalar, safe after ``key: ``."""
    return yaml.safe_dump(value, default_style='"', width=sys.maxsize, allow_unicode=True).rstrip("\n")


def chapter_notebooks(notebooks_dir: Path, with_catalogues: bool, with_lexicon: bool = False) -> list[Path]:
    """The chapter notebooks to copy, in file-name order: every ``*.ipynb`` of
    ``notebooks_dir`` but the claims and timeline chapter when there is no catalogue and
    the framing chapter when there is no lexicon."""
    left_out = ({CLAIMS_TIMELINE_NOTEBOOK} if not with_catalogues else set()) | (
        {FRAMING_NOTEBOOK} if not with_lexicon else set())
    notebooks = [path for path in sorted(notebooks_dir.glob("*.ipynb")) if path.name not in left_out]
    if not notebooks:
        raise ScaffoldError(f"{notebooks_dir}: no chapter notebooks (*.ipynb); expected the "
                            "package's templates/notebooks/ (is the package installed whole?)")
    return notebooks


def check_book_text(option: str, value: str) -> None:
    """Refuse a title or author the book cannot carry: empty, on more than one line, longer
    than :data:`BOOK_TEXT_MAX_CHARS` (both are written into ``_config.yml`` and
    ``CITATION.cff`` and printed on every page), with bytes that are not UTF-8 (the shell
    passes them through as surrogates), or with < or > (the book's theme inserts its title
    and author into every page's HTML unescaped: the navigation bar and the footer)."""
    shown = repr(value) if len(value) <= 80 else f"{value[:60]!r}... ({len(value):,} characters)"
    if not value or "\n" in value or "\r" in value:
        raise CorpusError(option, f"{shown} is empty or spans lines; expected one line of text")
    if len(value) > BOOK_TEXT_MAX_CHARS:
        raise CorpusError(option, f"{shown} is longer than {BOOK_TEXT_MAX_CHARS} characters; "
                          "expected a short line of text")
    if any("\ud800" <= character <= "\udfff" for character in value):
        raise CorpusError(option, f"{shown} holds bytes that are not UTF-8; expected UTF-8 text")
    if "<" in value or ">" in value:
        raise CorpusError(option, f"{shown} holds < or >; expected text without them (the "
                          "book's theme would read them as HTML)")


def check_inputs(corpus_dir: Path, title: str | None, claims_file: Path | None,
                 events_file: Path | None, notebooks_dir: Path,
                 lexicon_file: Path | None = None) -> ReportInputs:
    """Check every input as ``analyze`` would (the articles are read and cleaned, not
    parsed); raise :class:`CorpusError` naming the file, line and what was expected."""
    if title is None:
        title = default_title(corpus_dir)
        # A default the user never typed is named as such, not blamed on --title.
        check_book_text("the title taken from the corpus folder's name (give --title)", title)
    else:
        title = title.strip()
        check_book_text("--title", title)
    articles = read_articles(corpus_dir)
    # The book's make book analyses the corpus: refuse now what analyze would refuse then.
    check_sharing_pairs(corpus_dir, articles)
    check_catalogues(AnalysisOptions(claims_file=claims_file, events_file=events_file,
                                     lexicon_file=lexicon_file))
    notebooks = chapter_notebooks(notebooks_dir, claims_file is not None or events_file is not None,
                                  lexicon_file is not None)
    return ReportInputs(corpus_dir, title, claims_file, events_file, lexicon_file, notebooks, articles)


def check_destination(dest: Path, corpus_dir: Path) -> Path:
    """``dest`` as an absolute path, if it can become the new book: new, or an empty folder,
    and outside the corpus folder (which is never written to)."""
    target = dest.absolute()
    if target.exists() and not target.is_dir():
        raise OutputError(dest, "exists and is not a folder; expected a new folder for the book")
    if target.is_dir() and any(target.iterdir()):
        raise OutputError(dest, "exists and is not empty; expected a new or empty folder for "
                          "the book (nothing is overwritten)")
    check_outside_corpus(dest, corpus_dir)
    return target


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_corpus(corpus_dir: Path, articles: list[ReadArticle], seeds_dir: Path) -> None:
    """Copy the checked article files byte for byte into ``seeds_dir``, each under its path
    relative to the corpus folder as resolved when it was checked (never under the string the
    manifest gives, which may hold ``..`` or pass through a symbolic link), and the manifest
    with that path in ``file`` and every ``sha256`` filled in (values already there were
    checked on reading). A manifest that already names every file so and gives every
    checksum is copied unchanged."""
    rows = [article.row for article in articles]
    for article in articles:
        copy = seeds_dir / article.file.relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(article.file.path, copy)
        if file_sha256(copy) != article.sha256:
            raise CorpusError(corpus_dir / article.file.relative, "changed while it was copied; "
                              "expected the corpus to stay unchanged while new-report runs")
    if all(article.row.fields.get("sha256") and article.row.fields["file"] == article.file.relative.as_posix()
           for article in articles):
        shutil.copyfile(corpus_dir / MANIFEST_NAME, seeds_dir / MANIFEST_NAME)
        return
    columns = list(rows[0].fields)
    if "sha256" not in columns:
        columns.append("sha256")
    values = [value for article in articles for value in article.row.fields.values()]
    with open(seeds_dir / MANIFEST_NAME, "w", newline="", encoding="utf-8") as handle:
        # A cell with a carriage return must be quoted, or the copy reads differently.
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator=csv_line_terminator(values))
        writer.writeheader()
        # In the manifest's own order, as the reader wrote it.
        for article in sorted(articles, key=lambda article: article.row.line):
            writer.writerow({**article.row.fields, "file": article.file.relative.as_posix(),
                             "sha256": article.row.fields.get("sha256") or article.sha256})


def is_source_checkout() -> bool:
    """True when the package runs from its source tree (an editable install, as in ``make venv``)."""
    return PACKAGE_DIR == PROJECT_ROOT / "src" / DISTRIBUTION and (PROJECT_ROOT / "pyproject.toml").is_file()


def checkout_file(name: str) -> Path:
    """One of :data:`CHECKOUT_FILES`: the source checkout's, or the copy an installed wheel carries."""
    path = PROJECT_ROOT / name if is_source_checkout() else PACKAGE_DIR / CHECKOUT_FILES[name]
    if not path.is_file():
        raise ScaffoldError(f"{path}: not found; expected this project's {name} (run new-report "
                            "from a source checkout of newscompare, or from a report it made)")
    return path


def build_wheel(wheel_dir: Path) -> Path:
    """This package as a wheel in ``wheel_dir``; return its path.

    From a source checkout: built with pip (no network, no build isolation: setuptools is
    pinned in requirements.txt) from a clean copy of the sources, so that nothing is
    written into the checkout, with the pinned requirements added as package data and
    fixed zip timestamps. Installed from a wheel file (as in a report this command made):
    that same file, if it is still where pip installed it from and has the recorded hash."""
    wheel_dir.mkdir(parents=True, exist_ok=True)
    if is_source_checkout():
        return _build_wheel_from_source(wheel_dir)
    return _copy_installed_wheel(wheel_dir)


def _build_wheel_from_source(wheel_dir: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="newscompare-wheel-") as scratch:
        source = Path(scratch) / "source"
        shutil.copytree(PROJECT_ROOT / "src", source / "src",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
        for name in ("pyproject.toml", "README.md", "LICENSE"):
            shutil.copyfile(PROJECT_ROOT / name, source / name)
        for name, package_path in CHECKOUT_FILES.items():
            shipped = source / "src" / DISTRIBUTION / package_path
            shipped.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(PROJECT_ROOT / name, shipped)
        built = Path(scratch) / "wheel"
        result = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
             "--no-index", "--wheel-dir", str(built), str(source)],
            capture_output=True, text=True, check=False,
            env={**os.environ, "SOURCE_DATE_EPOCH": WHEEL_SOURCE_DATE_EPOCH},
        )
        wheels = sorted(built.glob(f"{DISTRIBUTION}-*.whl"))
        if result.returncode != 0 or len(wheels) != 1:
            last_lines = " | ".join(result.stderr.strip().splitlines()[-3:])
            raise ScaffoldError(f"building the newscompare wheel from {PROJECT_ROOT} failed "
                                f"(pip exit {result.returncode}: {last_lines}); expected "
                                "setuptools in the environment (make venv)")
        return Path(shutil.copy2(wheels[0], wheel_dir))


def _copy_installed_wheel(wheel_dir: Path) -> Path:
    """The wheel file this package was installed from (pip records it in direct_url.json)."""
    distribution = importlib.metadata.distribution(DISTRIBUTION)
    recorded = json.loads(distribution.read_text("direct_url.json") or "{}")
    url = recorded.get("url", "")
    wheel = Path(urllib.request.url2pathname(urllib.parse.urlparse(url).path)) if url.startswith("file:") else None
    expected = recorded.get("archive_info", {}).get("hashes", {}).get("sha256")
    if wheel is None or wheel.suffix != ".whl" or not wheel.is_file() or expected is None:
        raise ScaffoldError(
            f"newscompare {newscompare.__version__} is installed neither from its source tree "
            f"nor from a wheel file that is still in place (pip recorded {url or 'no file'}); "
            "expected a source checkout (make venv there) or a report made by new-report with "
            "its wheels/ folder")
    if file_sha256(wheel) != expected:
        raise ScaffoldError(f"{wheel}: sha256 is {file_sha256(wheel)}, expected {expected} as "
                            "when newscompare was installed from it (the file changed)")
    return Path(shutil.copy2(wheel, wheel_dir))


def report_requirements(pinned: str, wheel: Path, book_dir: Path) -> str:
    """The report's requirements.txt: the pinned requirements unchanged, then the wheel of
    this package by path (pip reads it relative to the folder it runs in) and hash."""
    relative = wheel.relative_to(book_dir).as_posix()
    return (
        f"# Exactly the versions newscompare {newscompare.__version__} is built and tested with "
        "(its own requirements.txt,\n# below), then newscompare itself: the wheel in wheels/ "
        "(it is not on the package index).\n"
        f"{pinned.rstrip()}\n"
        f"./{relative} \\\n    --hash=sha256:{file_sha256(wheel)}\n"
    )


def table_of_contents(notebooks: list[Path]) -> str:
    """``_toc.yml``: the front page, then the chapters in file-name order (each titled by
    its notebook's first heading, as Jupyter Book does)."""
    toc = {"format": "jb-book", "root": "intro",
           "chapters": [{"file": f"notebooks/{path.stem}"} for path in notebooks]}
    return "# Order of the book; made by new-report from the notebooks copied.\n" + yaml.safe_dump(toc, sort_keys=False)


def render_templates(book_dir: Path, title: str, with_catalogues: bool, with_lexicon: bool = False,
                     author: str | None = None) -> None:
    """Copy the project templates into ``book_dir``, filling their ``${name}`` placeholders
    with values escaped for the file's language (YAML or Markdown)."""
    chapters = ("Its chapters ask where each text comes from and what the cleaning removed, "
                "who copied whom sentence by sentence, what the copy desks changed and who is "
                "given a voice")
    if with_lexicon:
        chapters += ", how each text frames the story"
    if with_catalogues:
        chapters += (", which checkable claims each text carries and what it could have known "
                     "when it was published")
    for template in sorted(PROJECT_TEMPLATES_DIR.rglob("*")):
        if not template.is_file():
            continue
        target = book_dir / template.relative_to(PROJECT_TEMPLATES_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        if template.name not in SUBSTITUTED_TEMPLATES:
            shutil.copyfile(template, target)
            continue
        escape = markdown_text if template.suffix == ".md" else yaml_scalar
        values = {"title": escape(title), "author": escape(author or AUTHOR_PLACEHOLDER),
                  "version": newscompare.__version__, "chapters_sentence": chapters + "."}
        text = string.Template(template.read_text(encoding="utf-8")).substitute(values)
        target.write_text(text, encoding="utf-8")
    (book_dir / "_static").mkdir(exist_ok=True)
    shutil.copyfile(checkout_file("_static/custom.css"), book_dir / "_static" / "custom.css")


def new_report(corpus_dir: Path, dest: Path, title: str | None = None,
               claims_file: Path | None = None, events_file: Path | None = None,
               notebooks_dir: Path | None = None, wheel: Path | None = None,
               lexicon_file: Path | None = None, author: str | None = None) -> Path:
    """Make ``dest``, a Jupyter Book project for the corpus in ``corpus_dir``; return its
    absolute path. Raises :class:`CorpusError` (bad input, or a ``dest`` that exists and is
    not empty) before anything is written, :class:`ScaffoldError` when the package cannot
    ship itself. The chapters come from ``notebooks_dir`` (default: the package's
    ``templates/notebooks/``); ``wheel``, a wheel :func:`build_wheel` made already, saves
    building it again when several reports are made in one run (the tests)."""
    target = check_destination(Path(dest), Path(corpus_dir))
    if author is not None:
        author = author.strip()
        check_book_text("--author", author)
    inputs = check_inputs(Path(corpus_dir), title, claims_file, events_file,
                          NOTEBOOK_TEMPLATES_DIR if notebooks_dir is None else Path(notebooks_dir),
                          lexicon_file)
    pinned = checkout_file("requirements.txt").read_text(encoding="utf-8")
    with_catalogues = inputs.claims_file is not None or inputs.events_file is not None
    with staging_folder(target) as book_dir:
        copy_corpus(inputs.corpus_dir, inputs.articles, book_dir / "seeds")
        for source, name in ((inputs.claims_file, "claims.yml"), (inputs.events_file, "events.csv"),
                             (inputs.lexicon_file, "framing_lexicon.yml")):
            if source is not None:
                (book_dir / "story").mkdir(exist_ok=True)
                shutil.copyfile(source, book_dir / "story" / name)
        (book_dir / "notebooks").mkdir()
        for notebook in inputs.notebooks:
            shutil.copyfile(notebook, book_dir / "notebooks" / notebook.name)
        if wheel is None:
            wheel = build_wheel(book_dir / "wheels")
        else:
            (book_dir / "wheels").mkdir()
            wheel = Path(shutil.copy2(wheel, book_dir / "wheels"))
        (book_dir / "requirements.txt").write_text(report_requirements(pinned, wheel, book_dir), encoding="utf-8")
        render_templates(book_dir, inputs.title, with_catalogues, inputs.lexicon_file is not None,
                         author=author)
        (book_dir / "_toc.yml").write_text(table_of_contents(inputs.notebooks), encoding="utf-8")
    return target
