"""The chapters shared by this report and generated books (``newscompare.report.chapters``)
and the template notebooks that call them."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pandas as pd
import pytest

import newscompare
from newscompare.analysis import reuse
from newscompare.analysis.pair_model import FEATURE_NAMES as PAIR_FEATURES
from newscompare.analysis.pair_model import PAIR_CLASSES, PairModel, fitted_pair_model
from newscompare.ingest.errors import CorpusError
from newscompare.ingest.logistic import LogisticModel
from newscompare.ingest.paths import PROJECT_ROOT
from newscompare.report import chapters
from newscompare.report.presentation import InlineFigure, Note, ReaderTable

from conftest import write_corpus_folder

TEMPLATES = sorted((Path(newscompare.__file__).parent / "templates" / "notebooks").glob("*.ipynb"))
REPORT_NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("[0-9]*.ipynb"))

BRIDGE = ("Council approves new bridge\n\n"
          "The city council on Monday approved plans for a new bridge across the river, officials said.\n\n"
          "The bridge will cost about 40 million dollars and take three years to build, the mayor's office said.\n\n"
          "Work on the approaches will start in the spring once the ground has thawed.\n\n"
          "Residents of the east bank have waited for a crossing since the old ferry stopped running.\n")
STORM = ("Storm closes schools\n\n"
         "Heavy snow forced schools across the region to close on Tuesday.\n\n"
         "Forecasters expect more snow later in the week, and roads remain icy in the hills.\n\n"
         "Bus companies cancelled most rural routes until the ploughs have cleared the passes.\n")
UNSPOKEN = ("Families wait for a crossing\n\n"
            "The council met on Monday evening to vote on the new bridge over the river at the old ferry.\n\n"
            "\"We will not wait another decade for a crossing that our families need every single day.\"\n\n"
            "The vote passed with a large majority after a long debate in the chamber.\n")


def make_book(folder: Path, texts: dict[str, str], story: dict[str, str] | None = None) -> chapters.BookAnalysis:
    """A book folder (``_config.yml``, the corpus in ``seeds/``, ``story`` files: relative
    path -> text) and its analysis."""
    folder.mkdir(parents=True)
    (folder / "_config.yml").write_text("title: test\n", encoding="utf-8")
    for name, text in (story or {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    write_corpus_folder(folder / chapters.CORPUS_FOLDER, texts)
    return chapters.book_analysis(folder)


def test_two_unrelated_articles_say_there_is_no_related_pair(tmp_path):
    book = make_book(tmp_path / "book", {"a": BRIDGE, "b": STORM})
    facts = chapters.reuse_facts(book)
    assert facts["n_related"] == 0
    assert facts["related_sentence"] == ("The 2 articles do not share enough wording to count as a "
                                         "copy or a rewrite of each other")
    assert isinstance(chapters.containment_figure(book), Note)
    assert isinstance(chapters.reading_views(book), Note)
    assert chapters.edits_facts(book)["views_sentence"] == "There is no copy pair, so there is no reading view"


def test_a_copied_pair_is_listed_and_read_side_by_side(tmp_path):
    copy = BRIDGE.replace("Monday", "Tuesday").replace("spring", "summer")
    book = make_book(tmp_path / "book", {"a": BRIDGE, "b": copy, "c": STORM})
    facts = chapters.reuse_facts(book)
    assert facts["related_sentence"] == "Of the 3 pairs of the 3 articles, 1 is related: 1 copy"
    table = chapters.pairs_view(book)
    assert isinstance(table, ReaderTable)
    rows = table.frame.set_index(["Text A", "Text B"])
    assert rows.loc[("Outlet a", "Outlet b"), "Relation"] == "copy"
    assert rows.loc[("Outlet a", "Outlet c"), "Relation"] == "unrelated"
    view = chapters.reading_views(book).data
    assert "Outlet a" in view and "Outlet b" in view and "<del>Monday</del>" in view


def test_a_pair_the_model_is_unsure_of_is_said_and_listed_to_check_by_hand(tmp_path, monkeypatch):
    # A model that demands more than any evidence gives: the copy is left undetermined.
    demanding = PairModel(fitted_pair_model().model, claim_min_probability=1.01)
    monkeypatch.setattr(reuse, "fitted_pair_model", lambda: demanding)
    copy = BRIDGE.replace("Monday", "Tuesday").replace("spring", "summer")
    book = make_book(tmp_path / "book", {"a": BRIDGE, "b": copy, "c": STORM})
    facts = chapters.reuse_facts(book)
    assert facts["n_related"] == 0 and facts["n_unsure_pairs"] == 1
    assert facts["related_sentence"] == (
        "None of the 3 pairs of the 3 articles shares enough wording to count as a copy or a rewrite; "
        "1 pair is left undetermined, with too little evidence to state either way, and listed "
        "to check by hand")
    assert chapters.check_facts(book)["n_unsure_pairs"] == 1
    rows = chapters.unsure_pairs_view(book).frame
    assert list(zip(rows["Text A"], rows["Text B"], rows["By sentence counts"])) == [("Outlet a", "Outlet b", "copy")]


def test_pair_relations_are_shown_in_readers_words(tmp_path, monkeypatch):
    # A model that calls every pair a rewrite: the CSV keeps the code, the page says "rewrite".
    rewrites = PairModel(LogisticModel.uniform(PAIR_CLASSES, PAIR_FEATURES, (0.0, 0.0, 5.0, 0.0)), 0.5)
    monkeypatch.setattr(reuse, "fitted_pair_model", lambda: rewrites)
    book = make_book(tmp_path / "book", {"a": BRIDGE, "b": STORM})
    assert list(book.pairs["relation"]) == ["paraphrase"]
    assert list(chapters.pairs_view(book).frame["Relation"]) == ["rewrite"]


def test_a_quotation_without_speaker_is_to_check_by_hand(tmp_path):
    book = make_book(tmp_path / "book", {"a": BRIDGE, "u": UNSPOKEN})
    assert chapters.check_facts(book)["n_no_speaker"] == 1
    table = chapters.no_speaker_view(book)
    assert list(table.frame["Quotation"]) == [
        "We will not wait another decade for a crossing that our families need every single day."]
    assert list(table.frame["Sentence"]) == ["2"]


def test_a_quotation_without_speaker_says_so_in_the_quotations_table(tmp_path):
    # The thirteenth reader: on a phone an empty speaker cell drops out of its card.
    book = make_book(tmp_path / "book", {"a": BRIDGE, "u": UNSPOKEN})
    assert list(chapters.quotations_view(book).frame["Speaker"]) == ["none found: check by hand"]


def test_cues_name_texts_as_readers_read_them():
    # The twelfth and thirteenth readers: "national's sentences are aligned to kiwimp".
    from newscompare.report.chapters.shared import named_in_words

    labels = {"national": "The National", "kiwimp": "Kiwi Media Post", "a": "Paper A"}
    assert named_in_words("order: national's sentences are aligned to kiwimp; a later take", labels) == (
        "order: The National's sentences are aligned to Kiwi Media Post; a later take")


def test_each_edit_class_has_its_own_colour():
    from newscompare.report.reuse_plots import EDIT_CLASS_COLORS

    assert len(set(EDIT_CLASS_COLORS.values())) == len(EDIT_CLASS_COLORS)


def test_every_quotation_with_a_speaker_gives_a_note(tmp_path):
    book = make_book(tmp_path / "book", {"a": BRIDGE, "b": STORM})
    assert chapters.no_speaker_view(book).text == "Every quotation has a speaker."


def test_long_tables_are_cut_with_a_caption(tmp_path, monkeypatch):
    book = make_book(tmp_path / "book", {"a": BRIDGE, "b": STORM, "u": UNSPOKEN})
    monkeypatch.setattr(chapters.shared, "MAX_ROWS", 2)
    table = chapters.provenance_view(book)
    assert len(table.frame) == 2
    assert "The first 2 of 3 rows; <a" in table.html and ">download all 3 rows (CSV)</a>" in table.html
    assert table.csv.decode("utf-8-sig").count("\n") == 4  # the header and every row


def test_article_text_is_escaped_in_the_views(tmp_path):
    hostile = BRIDGE.replace("officials said", "officials said <b>loudly</b> & <i>twice</i>")
    book = make_book(tmp_path / "book", {"a": hostile, "b": STORM})
    # The cleaner sets the line with markup aside; the removed-lines view shows it as written.
    html = chapters.removed_lines_view(book)._repr_html_()
    assert "<b>" not in html and "&lt;b&gt;loudly&lt;/b&gt; &amp; &lt;i&gt;" in html


def test_book_root_is_found_upward_from_a_notebook_folder(tmp_path):
    (tmp_path / "_config.yml").write_text("title: test\n", encoding="utf-8")
    (tmp_path / "notebooks").mkdir()
    assert chapters.book_root(tmp_path / "notebooks") == tmp_path.resolve()


def test_book_root_missing(tmp_path):
    with pytest.raises(CorpusError, match="_config.yml"):
        chapters.book_root(tmp_path)


# --- One source of truth: the templates and this report call the same functions


def code_cells(path: Path) -> list[str]:
    return ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "code"]


def called_functions(paths: list[Path]) -> set[str]:
    """Names ``NAME`` of every ``chapters.NAME(...)`` call in the code cells of ``paths``."""
    found = set()
    for path in paths:
        for source in code_cells(path):
            # Cells may start with an IPython magic, which is not Python.
            tree = ast.parse("\n".join(line for line in source.splitlines() if not line.startswith("%")))
            found |= {node.func.attr for node in ast.walk(tree)
                      if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                      and isinstance(node.func.value, ast.Name) and node.func.value.id == "chapters"}
    return found


#: The package's modules that hold no chapter's functions: what every chapter uses.
HELPER_MODULES = {"__init__.py", "shared.py"}


def chapter_modules() -> list[Path]:
    return sorted(p for p in Path(chapters.__file__).parent.glob("*.py") if p.name not in HELPER_MODULES)


def public_functions() -> set[str]:
    found = set()
    for path in chapter_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found |= {node.name for node in tree.body
                  if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")}
    return found


def test_every_chapter_function_is_reached_through_the_package():
    assert public_functions() <= set(chapters.__all__)


def test_each_template_has_its_chapter_module():
    modules = {path.stem for path in chapter_modules()} - {"book"}
    assert {path.stem.split("_", 1)[1] for path in TEMPLATES} == modules


def test_templates_exist():
    assert [p.name for p in TEMPLATES] == [
        "01_corpus.ipynb", "02_reuse.ipynb", "03_edits.ipynb", "04_voices.ipynb", "05_framing.ipynb",
        "06_claims_timeline.ipynb", "07_check_by_hand.ipynb"]


def test_every_chapter_function_is_shared_by_a_template_and_this_report():
    functions = public_functions()
    assert functions - called_functions(TEMPLATES) == set(), "not called by any template notebook"
    assert functions - called_functions(REPORT_NOTEBOOKS) == set(), "not called by any notebook of this report"


def test_templates_call_only_chapter_functions_that_exist():
    assert called_functions(TEMPLATES) <= public_functions()


def test_templates_are_saved_without_outputs():
    for path in TEMPLATES:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, path.name


#: What a template's markdown may hold that is not prose: glue roles (their names and format
#: specs carry digits, e.g. ``:,.0f``), cross-references and inline code.
NOT_PROSE = re.compile(r"\{[a-z:]+\}`[^`]*`|`[^`]*`")


def typed_numbers(markdown: str) -> list[str]:
    """Digits typed in a markdown cell's prose: every number must be glued."""
    lines = [line for line in markdown.splitlines() if not re.fullmatch(r"\([\w-]+\)=", line.strip())]
    return re.findall(r"\d+", NOT_PROSE.sub("", "\n".join(lines)))


def test_typed_numbers_are_found():
    assert typed_numbers("There are 12 pairs, {glue:text}`n_pairs:,.0f` glued.") == ["12"]
    assert typed_numbers("(check-by-hand)=\n# Title\n{glue:text}`n:.0f` and `edits.csv`") == []


def test_templates_type_no_number_and_open_with_a_title():
    for path in TEMPLATES:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        first = [line for line in "".join(cells[0]["source"]).splitlines() if not line.endswith(")=")]
        assert first[0].startswith("# "), path.name
        for cell in cells:
            if cell["cell_type"] == "markdown":
                assert typed_numbers("".join(cell["source"])) == [], path.name


def test_claims_and_timeline_with_an_events_file_alone(tmp_path):
    events = ("date,end_date,event,reported_by\n2024-07-01,2024-07-01,Plans published,council\n"
              "2024-07-10,2024-07-10,Vote,council\n")
    book = make_book(tmp_path / "book", {"a": BRIDGE, "b": STORM}, {chapters.EVENTS_FILE.as_posix(): events})
    facts = chapters.claims_timeline_facts(book)
    assert facts["claims_sentence"] == "No claims catalogue was given (story/claims.yml), so no claim is checked"
    assert isinstance(chapters.claims_figure(book), Note)
    known = chapters.known_view(book).frame
    assert list(known["Event"]) == ["Plans published", "Vote"]
    assert list(known["Outlet a"]) == ["yes", "no"]


def test_events_known_by_too_many_articles_become_rows_to_download(tmp_path, monkeypatch):
    from newscompare.report.chapters import claims_timeline

    events = "date,end_date,event,reported_by\n2024-07-01,2024-07-01,Plans published,council\n"
    book = make_book(tmp_path / "book", {"a": BRIDGE, "b": STORM}, {chapters.EVENTS_FILE.as_posix(): events})
    monkeypatch.setattr(claims_timeline, "MAX_FIGURE_ARTICLES", 1)
    known = chapters.known_view(book)
    assert known.frame.values.tolist() == [["2024-07-01", "Plans published", "Outlet a", "yes"],
                                           ["2024-07-01", "Plans published", "Outlet b", "yes"]]
    assert "With 2 articles, a column per article would be too wide to read" in known.html
    assert "Download this table (CSV)" in known.html


def _book_with_manifest(folder: Path, rows: list[dict[str, str]], texts: dict[str, str]) -> chapters.BookAnalysis:
    """A book whose manifest has exactly ``rows`` (its columns those of the first row)."""
    import csv

    folder.mkdir(parents=True)
    (folder / "_config.yml").write_text("title: test\n", encoding="utf-8")
    write_corpus_folder(folder / chapters.CORPUS_FOLDER, texts)
    with open(folder / chapters.CORPUS_FOLDER / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return chapters.book_analysis(folder)


def test_sources_are_listed_linked_and_the_researchers_columns_shown(tmp_path):
    rows = [
        {"id": "s", "file": "s.txt", "outlet": "Storm Weekly", "url": "https://storm.example/snow",
         "published": "2024-07-06", "note": "print edition", "family": "weather", "retrieved": "2024-08-01"},
        {"id": "b", "file": "b.txt", "outlet": "city daily", "url": "javascript:alert(1)",
         "published": "2024-07", "note": "", "family": "council", "retrieved": ""},
        {"id": "a", "file": "a.txt", "outlet": "City Daily", "url": "", "published": "2024-07-02/2024-07-04",
         "note": "", "family": "council", "retrieved": ""},
    ]
    book = _book_with_manifest(tmp_path / "book", rows, {"a": BRIDGE, "b": UNSPOKEN, "s": STORM})
    provenance = chapters.provenance_view(book)
    assert list(provenance.frame.columns) == ["Id", "Outlet", "Published", "Note", "Family", "Retrieved"]
    assert provenance.frame["Family"].tolist() == ["council", "council", "weather"]
    evidence = chapters.evidence_view(book)
    assert evidence.html.count('rel="noopener noreferrer"') == 1
    assert '<a href="https://storm.example/snow" rel="noopener noreferrer">' in evidence.html
    references = chapters.references_view(book)
    # Sorted by outlet (case ignored), then earliest day: July as a month (from 1 July) before 2-4 July.
    assert references.entries[["id", "title", "published", "retrieved"]].values.tolist() == [
        ["b", "Families wait for a crossing", "July 2024", ""],
        ["a", "Council approves new bridge", "between 2 July 2024 and 4 July 2024", ""],
        ["s", "Storm closes schools", "6 July 2024", "2024-08-01"]]
    assert references.html.count("<li>") == 3 and references.html.count("<a href=") == 1


@pytest.mark.parametrize(("published", "phrase", "exact", "windows"), [
    ({"a": "2024-07-04", "b": "2024-07", "u": "2024-07-08"},
     "2 of them published between 4 July 2024 and 8 July 2024, and 1 more dated only to a window of "
     "possible days", 2, 1),
    ({"a": "2024-07-04", "b": "2024-07-06", "u": "2024-07-08"}, "published between 4 July 2024 and 8 July 2024", 3, 0),
    ({"a": "2024-07-04", "b": "2024-07-04", "u": "2024-07-04"}, "all published on 4 July 2024", 3, 0),
    ({"a": "2024-07", "b": "2024-07-02/2024-08-03", "u": "2024-06-30/2024-07-01"},
     "none of them dated to a day: every date is a window of possible days, "
     "from 30 June 2024 to 3 August 2024", 0, 3),
])
def test_the_publication_range_is_not_stretched_by_a_window(tmp_path, published, phrase, exact, windows):
    folder = tmp_path / "book"
    folder.mkdir()
    (folder / "_config.yml").write_text("title: test\n", encoding="utf-8")
    write_corpus_folder(folder / chapters.CORPUS_FOLDER, {"a": BRIDGE, "b": STORM, "u": UNSPOKEN}, published)
    book = chapters.book_analysis(folder)
    facts = chapters.corpus_facts(book)
    assert (facts["published_range_phrase"], facts["n_exact_dates"], facts["n_window_dates"]) == (phrase, exact, windows)


def test_the_publication_timeline_has_a_dot_per_day_and_a_bar_per_window(tmp_path):
    from newscompare.report import publication_plot

    articles = pd.DataFrame({"id": ["a", "b", "c"], "published_start": ["2024-07-04", "2024-07-01", "2024-07-05"],
                             "published_end": ["2024-07-04", "2024-07-31", "2024-07-07"]})
    figure = publication_plot.plot_publication_timeline(articles, {"a": "A", "b": "B", "c": "C"})
    [axes] = figure.axes
    assert [label.get_text() for label in axes.get_yticklabels()] == ["B", "A", "C"]  # earliest first
    assert len([line for line in axes.get_lines() if line.get_marker() == "o"]) == 1
    assert len(axes.patches) == 2  # the month and the range of days


def test_a_window_of_days_is_drawn_from_its_first_days_tick_to_its_last_days_tick():
    # The twelfth reader read a window of 19-20 March, drawn from the tick of 19 March to
    # the tick of 21 March, as a day too long: each day is centred on its own tick.
    import matplotlib.dates as mdates

    from newscompare.report import publication_plot

    articles = pd.DataFrame({"id": ["a", "b"], "published_start": ["2023-03-19", "2023-03-19"],
                             "published_end": ["2023-03-20", "2023-03-19"]})
    [axes] = publication_plot.plot_publication_timeline(articles, {"a": "A", "b": "B"}).axes
    [bar] = axes.patches
    first, last = mdates.datestr2num("2023-03-19"), mdates.datestr2num("2023-03-20")
    assert bar.get_x() == pytest.approx(first - 0.5) and bar.get_x() + bar.get_width() == pytest.approx(last + 0.5)
    [dot] = [line for line in axes.get_lines() if line.get_marker() == "o"]
    assert mdates.date2num(dot.get_xdata()[0]) == pytest.approx(first)


@pytest.mark.parametrize(("end", "year_in_title"), [("2023-12-01", True), ("2025-03-01", False)])
def test_the_date_labels_of_a_long_span_never_run_together(end, year_in_title):
    # A window of a month beside exact days stretched the axis to five weeks, whose labels
    # ("1 Nov 2023", "8 Nov 2023", ...) ran into each other on a narrow figure.
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from newscompare.report import publication_plot

    articles = pd.DataFrame({"id": ["a", "b", "c"], "published_start": ["2023-11-02", "2023-11-01", "2023-11-03"],
                             "published_end": ["2023-11-02", end, "2023-11-03"]})
    figure = publication_plot.plot_publication_timeline(articles, {"a": "The Irish Times", "b": "A blog",
                                                                   "c": "KCK CPA (blog)"})
    renderer = FigureCanvasAgg(figure).get_renderer()
    [axes] = figure.axes
    boxes = sorted((label.get_window_extent(renderer) for label in axes.get_xticklabels() if label.get_text()),
                   key=lambda box: box.x0)
    assert len(boxes) >= 2 and all(left.x1 < right.x0 for left, right in zip(boxes, boxes[1:]))
    assert ("(2023" in axes.get_xlabel()) == year_in_title
    # The axis title, longest with the year, is drawn whole inside the figure.
    title = axes.xaxis.label.get_window_extent(renderer)
    assert title.x0 >= 0 and title.x1 <= figure.bbox.width


@pytest.mark.parametrize("count", [2, 30, 100])
def test_the_publication_timeline_grows_and_its_labels_never_overlap(count):
    from newscompare.report import publication_plot

    ids = [f"a{i:03}" for i in range(count)]
    articles = pd.DataFrame({"id": ids, "published_start": ["2024-07-01"] * count,
                             "published_end": ["2024-07-01" if i % 3 else "2024-07-31" for i in range(count)]})
    labels = {i: f"A long outlet name for the article numbered {i}" for i in ids}
    figure = publication_plot.plot_publication_timeline(articles, labels)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from newscompare.report.plotting import row_inches

    renderer = FigureCanvasAgg(figure).get_renderer()  # the figure is closed: draw it off screen
    [axes] = figure.axes
    boxes = [label.get_window_extent(renderer) for label in axes.get_yticklabels()]
    assert len(boxes) == count
    assert all(upper.y0 > lower.y1 for upper, lower in zip(boxes, boxes[1:]))  # top to bottom, with a gap
    assert all(box.x0 >= 0 for box in boxes)  # no label cut at the figure's left edge
    # A long label is cut in its middle: the end, which tells an outlet's articles apart, stays.
    order = publication_plot.publication_order(articles)["id"]
    texts = [label.get_text() for label in axes.get_yticklabels()]
    # A row holds its label's lines (wrapped), so the figure grows by a row per article.
    assert figure.get_figheight() == pytest.approx(publication_plot.MARGIN_INCHES + row_inches(texts) * count)
    texts = [text.replace("\n", " ") for text in texts]
    assert all(len(text) == publication_plot.LABEL_CHARS and "…" in text for text in texts)
    assert [text[-4:] for text in texts] == list(order)


def test_a_copied_pair_is_drawn_and_each_figure_is_introduced_by_what_it_shows(tmp_path):
    copy = BRIDGE.replace("Monday", "Tuesday").replace("spring", "summer")
    book = make_book(tmp_path / "book", {"a": BRIDGE, "b": copy, "c": STORM})
    facts = chapters.reuse_facts(book)
    assert facts["containment_lead"].startswith("The matrix shows the share of each article's word sequences")
    assert "(top) and by the article they match (below)" in facts["sentence_relations_lead"]
    assert facts["families_lead"].startswith("The diagram draws the 1 copy family.")
    assert facts["families_lead"].endswith("Not drawn: the one article in no family, Outlet c.")
    for figure in (chapters.containment_figure(book), chapters.sentence_relations_figure(book),
                   chapters.families_figure(book)):
        assert isinstance(figure, InlineFigure)
        assert figure.html.count("<svg") == 1 and 'aria-label="' in figure.html
    assert "Diagram of 1 copy family of 2 texts" in chapters.families_figure(book).alt


def test_unrelated_articles_are_not_drawn_and_the_lead_in_says_why(tmp_path):
    book = make_book(tmp_path / "book", {"a": BRIDGE, "b": STORM})
    facts = chapters.reuse_facts(book)
    assert facts["families_lead"] == "No article belongs to a copy family, so there is no diagram of families."
    assert facts["containment_lead"].startswith("No pair is related, so there is no shared wording to draw")
    assert str(chapters.families_figure(book)) == "" and str(chapters.containment_figure(book)) == ""


def test_table_codes_read_as_words_and_the_csv_keeps_them():
    from newscompare.report.chapters.shared import in_words

    table = pd.DataFrame({"role": ["chrome", "promo", "headline"], "kind": ["own_reporting", "not_speech", "full"]})
    shown = in_words(table, "role", "kind", "absent")
    assert shown["role"].tolist() == ["site furniture", "promotion", "headline"]
    assert shown["kind"].tolist() == ["own reporting", "not speech", "full"]
    assert table["role"].tolist() == ["chrome", "promo", "headline"]


def test_the_sentence_length_figure_is_drawn_for_many_articles(tmp_path):
    texts = {f"t{k:02d}": STORM.replace("storm", f"storm number {k}") for k in range(14)}
    book = make_book(tmp_path / "book", texts)
    figure = chapters.sentence_length_figure(book).figure
    assert len(figure.axes[0].get_yticklabels()) == 14



def test_two_reprints_of_one_outside_text_are_named_side_by_side_not_as_source_and_copy(tmp_path):
    # Both carry the same agency credit: siblings from a text outside the collection.
    lead = BRIDGE.replace("Council approves new bridge\n\n", "Council approves new bridge\n\nOSLO (AP) - ")
    book = make_book(tmp_path / "book", {"a": lead, "b": lead.replace("Monday", "Monday night")})
    names = chapters.edits_facts(book)["view_names"]
    assert names and all(" and " in name and "→" not in name for name in names)


def test_an_unrelated_pair_has_no_source_to_decide(tmp_path):
    book = make_book(tmp_path / "book", {"a": BRIDGE, "b": STORM})
    view = chapters.pairs_view(book)
    assert view.frame["Likely source"].tolist() == ["–"]


def test_a_source_named_without_a_credit_line_is_listed_to_check_by_hand(tmp_path):
    # The seeds: CNN is named as the rewrite's source because the rewrite holds nothing of its
    # own and CNN reports in its own name, not on a credit line; the two AFP reprints are a
    # common source outside the collection, which is not listed.
    import shutil

    from newscompare.ingest.paths import SEEDS_DIR

    folder = tmp_path / "book"
    folder.mkdir()
    (folder / "_config.yml").write_text("title: test\n", encoding="utf-8")
    shutil.copytree(SEEDS_DIR, folder / chapters.CORPUS_FOLDER)
    book = chapters.book_analysis(folder)
    assert chapters.check_facts(book)["n_undetermined"] == 1
    view = chapters.undetermined_view(book)
    assert "CNN" in view.html and "The Moscow Times" not in view.html



def test_three_reprints_name_their_views_apart_and_say_how_many_pairs_are_read(tmp_path):
    # Three reprints of one text: three related pairs, but each copy is read against one text
    # only, so two pairs are read; the views' pairs are set apart by semicolons.
    book = make_book(tmp_path / "book", {"a": BRIDGE, "b": BRIDGE.replace("Monday", "Monday night"),
                                         "c": BRIDGE.replace("spring", "next spring"), "d": STORM})
    facts = chapters.edits_facts(book)
    assert len(book.related) == 3
    assert facts["finding_sentence"].startswith(
        "Each text is read as the copy of one other text at most (a text may also be the one another is "
        "read against), so 2 of the 3 related pairs are read for edits")
    assert facts["views_sentence"].startswith("The 2 views below show ")
    assert facts["views_sentence"].count("; ") == 1 and "; and " in facts["views_sentence"]


def test_the_family_table_names_families_in_words_and_a_shared_outside_source_without_calling_it_a_reprint(tmp_path):
    lead = BRIDGE.replace("Council approves new bridge\n\n", "Council approves new bridge\n\nOSLO (AP) - ")
    book = make_book(tmp_path / "book", {"a": lead, "b": lead.replace("Monday", "Monday night"), "c": STORM})
    shown = chapters.families_view(book).frame
    assert set(shown["Family"]) - {""} == {"family 1"}
    assert "shares a source outside the collection" in set(shown["Role"])


def test_edit_tables_name_source_and_copy_only_where_the_direction_is_stated(tmp_path):
    # Two reprints of one outside text (both credited to AP): neither is the other's source.
    lead = BRIDGE.replace("Council approves new bridge\n\n", "Council approves new bridge\n\nOSLO (AP) - ")
    book = make_book(tmp_path / "book", {"a": lead, "b": lead.replace("Monday", "Monday night").replace(
        "spring", "next spring")})
    view = chapters.wording_edits_view(book)
    assert list(view.frame.columns[:2]) == ["First text", "Second text"]
    assert "Source" not in " ".join(view.frame.columns)


def test_the_reports_chapters_name_no_function_paths_in_their_prose():
    # Readers read what a method does; the methods page names the functions (issue 20).
    import json

    from newscompare.ingest.paths import PROJECT_ROOT

    for path in sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                assert "`newscompare." not in "".join(cell["source"]), path.name
