"""``new-report`` makes a complete Jupyter Book project for a corpus, or refuses clearly.

The fast tests use two placeholder chapters (``tests/fixtures/chapters/``), so that the
scaffold is tested apart from the real chapters (package data, ``templates/notebooks/``). The
slow test builds a generated book (the real chapters once the package has them) as its reader
would, with its own ``make book`` and ``make test``, offline from the wheels in
``.wheelhouse/`` (filled by ``make venv``), and opens every page in headless Chromium with
the checks of ``test_browser.py``.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import markdown_it
import pytest
import yaml

import newscompare
from newscompare import scaffold
from newscompare.cli import main
from newscompare.ingest.paths import PROJECT_ROOT, STORY_CLAIMS_FILE, STORY_EVENTS_FILE, STORY_LEXICON_FILE
from newscompare.scaffold import build_wheel, new_report

from conftest import write_corpus_folder
from test_browser import (  # the browser checks of the project's own book, and their fixtures
    ALL_CHECKS, DESKTOP, FIGURE_PHONE, PHONE, book_pages, browser, format_problems, inspect_page,
    reading_view_problems, serve, unavailable,
)

CHAPTERS_DIR = Path(__file__).parent / "fixtures" / "chapters"
TEXTS = {
    "a": "# Minister to visit\n\nThe minister will travel on Monday. Talks are planned.\n",
    "b": "The minister will travel on Monday, officials said. Talks are planned.\n",
}
BOOK_FILES = {
    ".gitignore", "CITATION.cff", "Makefile", "README.md", "_config.yml", "_static/custom.css",
    "_toc.yml", "intro.md", "pytest.ini", "requirements.txt", "notebooks/01_articles.ipynb",
    "seeds/a.txt", "seeds/b.txt", "seeds/manifest.csv",
    f"wheels/newscompare-{newscompare.__version__}-py3-none-any.whl",
}
WHEELHOUSE_ENV = "NEWSCOMPARE_WHEELHOUSE"  # wheels of requirements.txt, for the offline build


def files_under(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """This package's wheel, built once for the module."""
    return build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus_folder(tmp_path / "my_story", TEXTS)


def make_book(corpus: Path, dest: Path, wheel: Path, **options) -> Path:
    return new_report(corpus, dest, notebooks_dir=CHAPTERS_DIR, wheel=wheel, **options)


def test_new_report_writes_a_complete_book(corpus, tmp_path, capsys, monkeypatch):
    # The command itself, wheel built from this checkout; chapters from the placeholders.
    monkeypatch.setattr(scaffold, "NOTEBOOK_TEMPLATES_DIR", CHAPTERS_DIR)
    dest = tmp_path / "book"
    assert main(["new-report", str(corpus), str(dest)]) == 0
    assert capsys.readouterr().out.strip().splitlines() == [
        f"new report in {dest}: cd there and run `make book`",
        "no --title given: the book is titled 'My story', after the corpus folder; set it with "
        "--title or in _config.yml",
        "no --author given: every page says 'By Your name'; set it with --author, or in "
        "_config.yml and CITATION.cff"]
    assert set(files_under(dest)) == BOOK_FILES
    assert yaml.safe_load((dest / "_config.yml").read_text(encoding="utf-8"))["title"] == "My story"
    # Nothing is left beside DEST.
    assert sorted(path.name for path in tmp_path.iterdir()) == ["book", "my_story"]


def test_new_report_takes_the_author(corpus, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(scaffold, "NOTEBOOK_TEMPLATES_DIR", CHAPTERS_DIR)
    dest = tmp_path / "book"
    author = "Ana: O'Brien & \"Co\" #1"
    assert main(["new-report", str(corpus), str(dest), "--title", "T", "--author", author]) == 0
    assert capsys.readouterr().out.strip().splitlines() == [f"new report in {dest}: cd there and run `make book`"]
    assert yaml.safe_load((dest / "_config.yml").read_text(encoding="utf-8"))["author"] == author
    assert yaml.safe_load((dest / "CITATION.cff").read_text(encoding="utf-8"))["authors"] == [{"name": author}]


@pytest.mark.parametrize("author", ["<img src=x onerror=alert(1)>", "Ann\nBob", "Jos\udce9", "",
                                    "Author " * 15000])
def test_new_report_refuses_an_author_the_book_cannot_carry(corpus, tmp_path, capsys, author):
    # The theme prints the author into every page's footer unescaped: no HTML gets there.
    assert main(["new-report", str(corpus), str(tmp_path / "book"), "--title", "T", "--author", author]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --author: ") and err.count("\n") == 1
    assert len(err) < 500  # a long author is not repeated whole in the error line
    assert not (tmp_path / "book").exists()


def book_make_env() -> dict[str, str]:
    """The environment for the book's own make, not this project's: no inherited make flags
    or level (which would add 'Entering directory' lines), no virtualenv."""
    return {name: value for name, value in os.environ.items()
            if name not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "VIRTUAL_ENV", "PYTHONPATH"}}


def test_the_books_make_lists_its_two_commands(corpus, tmp_path, wheel):
    dest = make_book(corpus, tmp_path / "book", wheel)
    listed = subprocess.run(["make"], cwd=dest, env=book_make_env(), capture_output=True,
                            text=True, check=True).stdout
    assert [line.split()[1] for line in listed.splitlines()] == [
        "help", "venv", "notebooks", "book", "test", "clean", "distclean"]


def test_seeds_are_byte_identical_and_the_manifest_gains_sha256(corpus, tmp_path, wheel):
    dest = make_book(corpus, tmp_path / "book", wheel)
    for name in TEXTS:
        assert (dest / "seeds" / f"{name}.txt").read_bytes() == (corpus / f"{name}.txt").read_bytes()
    with open(corpus / "manifest.csv", encoding="utf-8") as handle:
        source_rows = list(csv.DictReader(handle))
    with open(dest / "seeds" / "manifest.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [{key: value for key, value in row.items() if key != "sha256"} for row in rows] == source_rows
    assert [row["sha256"] for row in rows] == [sha256(corpus / row["file"]) for row in rows]


def test_a_manifest_with_every_sha256_is_copied_unchanged(tmp_path, wheel):
    corpus = tmp_path / "corpus"
    shutil.copytree(make_book(write_corpus_folder(tmp_path / "first", TEXTS), tmp_path / "b1", wheel) / "seeds",
                    corpus)
    dest = make_book(corpus, tmp_path / "b2", wheel)
    assert files_under(dest / "seeds") == files_under(corpus)


def test_a_wrong_sha256_is_refused_before_dest_is_made(corpus, tmp_path, capsys):
    manifest = corpus / "manifest.csv"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("published\n", "published,sha256\n")
                        .replace("2024-07-04\n", "2024-07-04," + "0" * 64 + "\n"), encoding="utf-8")
    assert main(["new-report", str(corpus), str(tmp_path / "book")]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "manifest.csv, line 2: sha256 of a.txt is" in error
    assert not (tmp_path / "book").exists()


def test_requirements_are_the_projects_then_the_wheel_by_hash(corpus, tmp_path, wheel):
    dest = make_book(corpus, tmp_path / "book", wheel)
    requirements = (dest / "requirements.txt").read_text(encoding="utf-8")
    pinned = (PROJECT_ROOT / "requirements.txt").read_text(encoding="utf-8").rstrip()
    assert pinned in requirements
    [shipped] = (dest / "wheels").iterdir()
    assert requirements.endswith(f"{pinned}\n./wheels/{shipped.name} \\\n    --hash=sha256:{sha256(shipped)}\n")
    assert sha256(shipped) == sha256(wheel)


def test_pip_installs_the_local_wheel_by_hash_only_with_the_right_hash(corpus, tmp_path, wheel):
    dest = make_book(corpus, tmp_path / "book", wheel)
    wheel_line = (dest / "requirements.txt").read_text(encoding="utf-8").split("\n./wheels/")[1]
    only_wheel = tmp_path / "only-wheel.txt"

    def dry_run(requirement: str) -> subprocess.CompletedProcess:
        only_wheel.write_text(requirement, encoding="utf-8")
        return subprocess.run(
            [str(PROJECT_ROOT / ".venv" / "bin" / "python"), "-m", "pip", "install", "--dry-run",
             "--no-deps", "--no-index", "--require-hashes", "-r", str(only_wheel)],
            cwd=dest, capture_output=True, text=True, check=False)

    assert dry_run("./wheels/" + wheel_line).returncode == 0
    tampered = dry_run("./wheels/" + re.sub(r"sha256:\w+", "sha256:" + "0" * 64, wheel_line))
    assert tampered.returncode != 0 and "DO NOT MATCH THE HASHES" in tampered.stderr


def test_the_wheel_is_reproducible(tmp_path, wheel):
    assert sha256(build_wheel(tmp_path)) == sha256(wheel)


def test_the_wheel_carries_the_templates_and_the_checkouts_files(wheel):
    archive = zipfile.ZipFile(wheel)
    assert {"newscompare/templates/project/.gitignore", "newscompare/templates/project/Makefile",
            "newscompare/templates/project/_config.yml"} <= set(archive.namelist())
    for name, package_path in scaffold.CHECKOUT_FILES.items():
        assert archive.read(f"newscompare/{package_path}") == (PROJECT_ROOT / name).read_bytes()


def test_the_book_has_the_projects_stylesheet(corpus, tmp_path, wheel):
    dest = make_book(corpus, tmp_path / "book", wheel)
    assert (dest / "_static" / "custom.css").read_bytes() == (PROJECT_ROOT / "_static" / "custom.css").read_bytes()


def toc_files(dest: Path) -> list[str]:
    toc = yaml.safe_load((dest / "_toc.yml").read_text(encoding="utf-8"))
    return [chapter["file"] for chapter in toc["chapters"]]


def test_toc_lists_the_copied_chapters_without_claims_and_timeline(corpus, tmp_path, wheel):
    dest = make_book(corpus, tmp_path / "book", wheel)
    assert toc_files(dest) == ["notebooks/01_articles"]
    assert sorted(path.name for path in (dest / "notebooks").iterdir()) == ["01_articles.ipynb"]
    assert not (dest / "story").exists()


@pytest.mark.parametrize("claims, events", [(True, False), (False, True), (True, True)])
def test_claims_and_timeline_chapter_only_with_a_catalogue(corpus, tmp_path, wheel, claims, events):
    dest = make_book(corpus, tmp_path / "book", wheel,
                     claims_file=STORY_CLAIMS_FILE if claims else None,
                     events_file=STORY_EVENTS_FILE if events else None)
    assert toc_files(dest) == ["notebooks/01_articles", "notebooks/06_claims_timeline"]
    copied = {"claims.yml": STORY_CLAIMS_FILE} if claims else {}
    copied |= {"events.csv": STORY_EVENTS_FILE} if events else {}
    assert files_under(dest / "story") == {name: path.read_bytes() for name, path in copied.items()}
    assert "checkable claims" in (dest / "intro.md").read_text(encoding="utf-8")


def test_framing_chapter_only_with_a_lexicon():
    # The package's own chapters: the story-specific ones only with their catalogues.
    names = {with_lexicon: [path.name for path in scaffold.chapter_notebooks(
        scaffold.NOTEBOOK_TEMPLATES_DIR, with_catalogues=False, with_lexicon=with_lexicon)]
        for with_lexicon in (False, True)}
    assert set(names[True]) - set(names[False]) == {scaffold.FRAMING_NOTEBOOK}
    assert scaffold.CLAIMS_TIMELINE_NOTEBOOK not in names[True]


def test_a_lexicon_is_copied_into_the_story_folder(corpus, tmp_path, wheel):
    dest = make_book(corpus, tmp_path / "book", wheel, lexicon_file=STORY_LEXICON_FILE)
    assert files_under(dest / "story") == {"framing_lexicon.yml": STORY_LEXICON_FILE.read_bytes()}
    assert "frames the story" in (dest / "intro.md").read_text(encoding="utf-8")


def test_a_bad_lexicon_is_refused(corpus, tmp_path, capsys):
    bad = tmp_path / "lexicon.yml"
    bad.write_text("categories: []\n", encoding="utf-8")
    assert main(["new-report", str(corpus), str(tmp_path / "book"), "--lexicon", str(bad)]) == 2
    assert f"error: {bad}, line 1: expected a mapping 'categories:'" in capsys.readouterr().err
    assert not (tmp_path / "book").exists()


def test_a_bad_claims_catalogue_is_refused(corpus, tmp_path, capsys):
    bad = tmp_path / "claims.yml"
    bad.write_text("claims: [\n", encoding="utf-8")
    assert main(["new-report", str(corpus), str(tmp_path / "book"), "--claims", str(bad)]) == 2
    assert f"error: {bad}, line 2: not valid YAML" in capsys.readouterr().err
    assert not (tmp_path / "book").exists()


def test_a_non_empty_dest_is_refused(corpus, tmp_path, capsys):
    dest = tmp_path / "book"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new-report", str(corpus), str(dest)]) == 2
    error = capsys.readouterr().err
    assert error == f"error: {dest}: exists and is not empty; expected a new or empty folder " \
                    "for the book (nothing is overwritten)\n"
    assert files_under(dest) == {"notes.txt": b"mine"}


def test_an_empty_dest_is_filled(corpus, tmp_path, wheel):
    (tmp_path / "book").mkdir()
    assert (make_book(corpus, tmp_path / "book", wheel) / "_toc.yml").is_file()


def test_a_dest_inside_the_corpus_is_refused(corpus, capsys):
    assert main(["new-report", str(corpus), str(corpus / "book")]) == 2
    assert "is inside the corpus folder" in capsys.readouterr().err
    assert not (corpus / "book").exists()


def test_a_broken_corpus_fails_before_dest_is_made(tmp_path, capsys):
    corpus = write_corpus_folder(tmp_path / "corpus", {"a": "\n\n"})
    assert main(["new-report", str(corpus), str(tmp_path / "book")]) == 2
    assert "a.txt: no body text found" in capsys.readouterr().err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["corpus"]


def test_a_failure_half_way_leaves_no_dest(corpus, tmp_path, wheel, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("stopped")

    monkeypatch.setattr(scaffold, "render_templates", broken)
    with pytest.raises(RuntimeError, match="stopped"):
        make_book(corpus, tmp_path / "book", wheel)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["my_story"]


def test_a_write_error_is_one_line_and_leaves_no_dest(corpus, tmp_path, capsys, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(scaffold, "render_templates", disk_full)
    monkeypatch.setattr(scaffold, "NOTEBOOK_TEMPLATES_DIR", CHAPTERS_DIR)
    assert main(["new-report", str(corpus), str(tmp_path / "book")]) == 2
    assert capsys.readouterr().err == (f"error: {tmp_path / 'book'}: cannot be written (No space left "
                                       "on device); expected a writable place with free space that "
                                       "no other program fills meanwhile\n")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["my_story"]


def test_the_source_folder_is_unchanged(corpus, tmp_path, wheel):
    before = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in corpus.rglob("*")}
    make_book(corpus, tmp_path / "book", wheel, claims_file=STORY_CLAIMS_FILE)
    assert {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in corpus.rglob("*")} == before


TITLE = 'Who said "what": #1 {story} & $x$ [see] `code` {{ sub }} *not* \\ done'


def rendered_markdown_heading(line: str) -> str:
    """The text a reader sees of a Markdown heading line (CommonMark, as MyST reads it)."""
    rendered = markdown_it.MarkdownIt("commonmark").render(line)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


def test_a_title_with_yaml_and_markdown_characters_round_trips(corpus, tmp_path, wheel):
    dest = make_book(corpus, tmp_path / "book", wheel, title=TITLE)
    assert yaml.safe_load((dest / "_config.yml").read_text(encoding="utf-8"))["title"] == TITLE
    assert yaml.safe_load((dest / "CITATION.cff").read_text(encoding="utf-8"))["title"] == TITLE
    for page in ("intro.md", "README.md"):
        heading = (dest / page).read_text(encoding="utf-8").splitlines()[0]
        assert rendered_markdown_heading(heading) == TITLE


@pytest.mark.parametrize("title", ["", " ", "two\nlines", "a <b>bold</b> title", "Long " * 20000])
def test_a_title_that_cannot_be_shown_is_refused(corpus, tmp_path, capsys, title):
    assert main(["new-report", str(corpus), str(tmp_path / "book"), "--title", title]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: --title: ") and error.count("\n") == 1
    assert not (tmp_path / "book").exists()


def test_a_corpus_folder_name_the_book_cannot_carry_gives_a_title_without_it(tmp_path, monkeypatch):
    # The user never typed the default title: a valid folder name is not refused for it,
    # the characters the book cannot carry are left out of the title instead.
    monkeypatch.setattr(scaffold, "NOTEBOOK_TEMPLATES_DIR", CHAPTERS_DIR)
    corpus = write_corpus_folder(tmp_path / "b> $$a$$ {{y}}", TEXTS)
    assert main(["new-report", str(corpus), str(tmp_path / "book")]) == 0
    config = yaml.safe_load((tmp_path / "book" / "_config.yml").read_text(encoding="utf-8"))
    assert config["title"] == "B $$a$$ {{y}}"


def test_default_title_comes_from_the_folder_name():
    assert scaffold.default_title(Path("/data/modi_visit-2024")) == "Modi visit 2024"
    assert scaffold.default_title(Path("/data/<b>")) == "B"
    assert scaffold.default_title(Path("/data/<>\x07")) == "News coverage compared"
    assert scaffold.default_title(Path("/data/story\udcff\u200b")) == "Story"
    assert len(scaffold.default_title(Path("/data") / ("x" * 2000))) == scaffold.BOOK_TEXT_MAX_CHARS


def test_an_installed_package_ships_the_wheel_it_was_installed_from(tmp_path, wheel, monkeypatch):
    monkeypatch.setattr(scaffold, "is_source_checkout", lambda: False)
    recorded = {"url": wheel.as_uri(), "archive_info": {"hashes": {"sha256": sha256(wheel)}}}

    class Installed:
        def read_text(self, name: str) -> str | None:
            return json.dumps(recorded) if name == "direct_url.json" else None

    monkeypatch.setattr(scaffold.importlib.metadata, "distribution", lambda name: Installed())
    assert build_wheel(tmp_path / "a").read_bytes() == wheel.read_bytes()
    recorded["archive_info"]["hashes"]["sha256"] = "0" * 64
    with pytest.raises(scaffold.ScaffoldError, match="the file changed"):
        build_wheel(tmp_path / "b")
    recorded["url"] = "https://example.org/newscompare.tar.gz"
    with pytest.raises(scaffold.ScaffoldError, match="expected a source checkout"):
        build_wheel(tmp_path / "c")


# --- The slow test: a generated book built and read as its reader would. ----------------

SLOW_TITLE = 'Who said "what": #1 {story} & $x$'
#: The slow test builds the package's own chapters once they exist (package data), so that it
#: tests the book a reader gets; until then the placeholders.
SLOW_CHAPTERS_DIR = (scaffold.NOTEBOOK_TEMPLATES_DIR
                     if any(scaffold.NOTEBOOK_TEMPLATES_DIR.glob("*.ipynb")) else CHAPTERS_DIR)


@pytest.fixture(scope="module")
def built_book(tmp_path_factory) -> Iterator[Path]:
    """A book made by new-report (wheel built from this checkout) for the tiny corpus with
    both catalogues, after ``make book`` and ``make test`` in it, offline: pip may only read
    the wheelhouse. Its .venv (over a gigabyte) is removed at the end."""
    wheelhouse = Path(os.environ.get(WHEELHOUSE_ENV) or PROJECT_ROOT / ".wheelhouse")
    if not (wheelhouse / ".complete").is_file():
        unavailable(f"no wheelhouse at {wheelhouse} (run `make venv`, or set ${WHEELHOUSE_ENV})")
    root = tmp_path_factory.mktemp("report")
    corpus = write_corpus_folder(root / "my_story", TEXTS)
    dest = new_report(corpus, root / "book", title=SLOW_TITLE, claims_file=STORY_CLAIMS_FILE,
                      events_file=STORY_EVENTS_FILE, lexicon_file=STORY_LEXICON_FILE,
                      notebooks_dir=SLOW_CHAPTERS_DIR)
    env = book_make_env() | {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheelhouse)}
    try:
        for target in ("book", "test"):
            result = subprocess.run(["make", target], cwd=dest, env=env, capture_output=True,
                                    text=True, check=False)
            assert result.returncode == 0, f"make {target} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        yield dest
    finally:
        shutil.rmtree(dest / ".venv", ignore_errors=True)


@pytest.mark.slow
def test_generated_book_builds_strictly_and_its_notebooks_pass_nbval(built_book):
    assert (built_book / "_build" / "html" / "intro.html").is_file()
    for notebook in (built_book / "notebooks").glob("*.ipynb"):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        assert any(cell.get("outputs") for cell in cells), f"{notebook.name} was not executed in place"


@pytest.mark.slow
def test_generated_book_reads_well_in_a_browser(built_book, browser, serve):
    root = built_book / "_build" / "html"
    pages = book_pages(root)
    assert pages == ["intro.html"] + [f"notebooks/{path.stem}.html"
                                      for path in sorted((built_book / "notebooks").glob("*.ipynb"))]
    base_url = serve(root)
    desktop = [inspect_page(browser, base_url, page, DESKTOP, ALL_CHECKS) for page in pages]
    phone = [inspect_page(browser, base_url, page, PHONE, {"overflow"}) for page in pages]
    figures = [inspect_page(browser, base_url, page, FIGURE_PHONE, {"figure_labels"}) for page in pages]
    assert sum(len(report.figure_labels) for report in figures) > 0, "no figure was measured"
    problems = [format_problems(desktop, name) for name in
                ("script_errors", "broken_images", "unresolved", "code_inputs", "wide_tables")]
    problems += [format_problems(phone, name) for name in ("script_errors", "overflow")]
    problems += [format_problems(figures, "small_labels")]
    problems += [f"{report.path}: {problem}" for report in desktop for view in report.reading_views
                 for problem in reading_view_problems(view)]
    assert "\n".join(problem for problem in problems if problem) == ""


@pytest.mark.slow
def test_a_report_makes_the_next_report_with_its_own_installed_wheel(built_book, tmp_path):
    # The book's .venv holds newscompare installed from wheels/ (no source tree): the next
    # report ships that very wheel and the same requirements.
    made = subprocess.run(
        [str(built_book / ".venv" / "bin" / "python"), "-c",
         "import sys; from pathlib import Path; from newscompare.scaffold import new_report, "
         "is_source_checkout; assert not is_source_checkout(); "
         "new_report(Path(sys.argv[1]), Path(sys.argv[2]), notebooks_dir=Path(sys.argv[3]))",
         str(built_book / "seeds"), str(tmp_path / "next"), str(SLOW_CHAPTERS_DIR)],
        capture_output=True, text=True, check=False)
    assert made.returncode == 0, made.stderr
    assert files_under(tmp_path / "next" / "wheels") == files_under(built_book / "wheels")
    assert (tmp_path / "next" / "requirements.txt").read_bytes() == (built_book / "requirements.txt").read_bytes()
    assert files_under(tmp_path / "next" / "seeds") == files_under(built_book / "seeds")


def test_a_corpus_over_the_pair_limit_is_refused_before_the_book_is_made(tmp_path, capsys, monkeypatch):
    # Its `make book` would run analyze, which refuses it: say so now, in one line.
    monkeypatch.setattr("newscompare.ingest.corpus.MAX_SHARING_PAIRS", 2)
    sentence = "Modi will visit Moscow next week, the Kremlin said.\n"
    corpus = write_corpus_folder(tmp_path / "reprints", {k: sentence for k in "abc"})  # 3 pairs
    assert main(["new-report", str(corpus), str(tmp_path / "book")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {corpus}: more than 2 pairs of its 3 articles share a sequence "
                          "of 5 words") and err.count("\n") == 1
    assert not (tmp_path / "book").exists()


def test_the_chapters_prose_names_no_function_paths():
    # A reader of a generated book reads what a method does, not where its code lives (the
    # notebook behind each page, a download away, holds the calls).
    for path in sorted(scaffold.NOTEBOOK_TEMPLATES_DIR.glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                assert not re.search(r"newscompare\.\w+\.", "".join(cell["source"])), path.name
