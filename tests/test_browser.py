"""The built book as a reader's browser sees it: every page opened in headless Chromium.

Checks, on every page of ``_build/html`` (or ``$NEWSCOMPARE_HTML_DIR``): no console error
or uncaught script error (the theme stack's included), no request that fails, is answered
with an error (a 404) or leaves the machine, every image loaded
and every figure holding one, no reference, citation or glued number left unresolved, the
reading view (class ``nc-reading-view``) showing article text as escaped plain text, no code
input shown (every code cell's input folded behind its toggle), no table wider than the text
column at desktop width, no sideways scrolling at phone width, and, at a 390 px phone width,
every figure's smallest label at least 8 displayed pixels tall (measured on the drawing,
see ``FIGURE_LABELS_JS``), on every page. Each check is also run on a tiny hand-written site with
one fault of each kind, to prove that it can fail.

Needs ``make book`` first. Without a built book or without Chromium the tests are skipped
locally but fail when ``$CI`` is set, so that CI never passes by skipping.
"""

from __future__ import annotations

import base64
import contextlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from newscompare.ingest.paths import PROJECT_ROOT
from newscompare.report.browser import (
    CHROMIUM_ARGS,
    CHROMIUM_ENV,
    chromium_path,
    serve_folder,
)

pytestmark = pytest.mark.browser

HTML_DIR_ENV = "NEWSCOMPARE_HTML_DIR"  # test another build, e.g. a private one in /tmp
DESKTOP = {"width": 1280, "height": 900}  # a common laptop screen
PHONE = {"width": 375, "height": 800}  # the narrowest common phone screen
#: The phone width at which every figure's labels are measured (issue 20: a 390 px phone).
FIGURE_PHONE = {"width": 390, "height": 800}
#: The smallest label a reader can read on a phone without zooming, in displayed pixels
#: (the height of the font's em: its size in points times the figure's scale).
MIN_LABEL_PX = 8.0
READING_VIEW_CLASS = "nc-reading-view"
# Pages Sphinx writes for itself; they have no content of ours.
GENERATED_PAGES = {"genindex.html", "search.html", "py-modindex.html"}
GENERATED_DIRS = {"_static", "_sources", "_images", "_downloads", "reports"}
# Literal role syntax or Sphinx/LaTeX placeholders: a glue, reference or citation that
# was never rendered.
UNRENDERED_MARKUP = re.compile(
    r"\{(?:glue|numref|ref|doc|cite|eq|term|download)(?::[a-z]*)?\}|\{glue:|\?\?|pending_xref|\[glue"
)
# A missing inline glue renders as nothing, leaving a space before punctuation
# ("rose by  ."); real prose has none once code spans are removed.
EMPTY_INLINE_VALUE = re.compile(r"[^\S\n][.,;:)](?=\s|$)")
# Markup from the article files showing up as text in the reading view: tags, entities
# escaped twice, or markdown the cleaning step should have removed.
RAW_MARKUP_IN_TEXT = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);|\*\*|\]\(")
UNSAFE_ELEMENTS = "script, iframe, frame, object, embed, link, meta, base, form"


def unavailable(reason: str) -> None:
    """Skip locally, fail in CI: a CI run must never pass because nothing was tested."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this is an error, not a skip)")
    pytest.skip(reason)


def html_root() -> Path:
    """The built HTML book: ``$NEWSCOMPARE_HTML_DIR`` or ``_build/html`` of the project."""
    return Path(os.environ.get(HTML_DIR_ENV) or PROJECT_ROOT / "_build" / "html")


def is_redirect(page: Path) -> bool:
    """True for stub pages that only forward the reader (jupyter-book's index.html)."""
    return 'http-equiv="refresh"' in page.read_text(encoding="utf-8", errors="replace")[:2000].lower()


def book_pages(root: Path) -> list[str]:
    """Every content page under ``root``, as sorted POSIX paths relative to it."""
    pages = []
    for page in sorted(root.rglob("*.html")):
        relative = page.relative_to(root)
        if relative.parts[0] in GENERATED_DIRS or relative.name in GENERATED_PAGES:
            continue
        if not is_redirect(page):
            pages.append(relative.as_posix())
    return pages


@pytest.fixture(scope="session")
def serve() -> Iterator:
    """Return a function: folder -> base URL of a localhost server for it (port 0 = free)."""
    with contextlib.ExitStack() as servers:
        yield lambda folder: servers.enter_context(serve_folder(folder))


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """Headless Chromium driven by Playwright (the system binary; nothing is downloaded)."""
    executable = chromium_path()
    if executable is None:
        unavailable(f"Chromium not found (install Debian's chromium or set ${CHROMIUM_ENV})")
    sync_api = pytest.importorskip("playwright.sync_api")
    playwright = sync_api.sync_playwright().start()
    launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield launched
    launched.close()
    playwright.stop()


@dataclass
class PageReport:
    """What one page showed in the browser; every list holds human-readable problems."""

    path: str
    script_errors: list[str] = field(default_factory=list)
    broken_images: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    reading_views: list[dict] = field(default_factory=list)
    overflow: list[str] = field(default_factory=list)
    code_inputs: list[str] = field(default_factory=list)
    wide_tables: list[str] = field(default_factory=list)
    small_labels: list[str] = field(default_factory=list)
    #: Each figure measured: (its name, displayed width, smallest label), in pixels.
    figure_labels: list[tuple[str, float, float]] = field(default_factory=list)


IMAGES_JS = """async () => {
  const images = Array.from(document.images);
  // Lazy images below the fold would never load in a headless window: load them all.
  images.forEach(img => { img.loading = "eager"; });
  await Promise.all(images.map(img => img.complete ? null : Promise.race([
    new Promise(done => { img.addEventListener("load", done); img.addEventListener("error", done); }),
    new Promise(done => setTimeout(done, 10000)),
  ])));
  const broken = images.filter(img => !(img.complete && img.naturalWidth > 0))
    .map(img => "image not loaded: " + img.getAttribute("src"));
  const empty = Array.from(document.querySelectorAll("main figure, article figure"))
    .filter(fig => !fig.querySelector("img, svg, object, video, canvas"))
    .map(fig => "figure without an image: #" + (fig.id || "?") + " " + fig.textContent.trim().slice(0, 80));
  return broken.concat(empty);
}"""

UNRESOLVED_JS = """() => {
  const main = document.querySelector("main") || document.body;
  const problems = [];
  // Sphinx keeps the class "xref" on a reference it could not resolve and wraps
  // resolved ones in a link.
  main.querySelectorAll(".xref").forEach(el => {
    if (!el.closest("a")) problems.push("unresolved reference: " + el.textContent.trim());
  });
  main.querySelectorAll(".problematic, .system-message").forEach(el =>
    problems.push("docutils error: " + el.textContent.trim().slice(0, 120)));
  main.querySelectorAll(".bibtex-citation").forEach(el => {
    if (!el.querySelector("a")) problems.push("citation without an entry: " + el.textContent.trim());
  });
  // Code is replaced by a word: "build ." or "(`x`, ...)" are not empty values.
  const withoutCode = el => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll("pre, code, kbd, samp, .highlight").forEach(c => c.replaceWith("CODE"));
    return copy.textContent.replace(/[ \\t]+/g, " ");
  };
  const prose = Array.from(main.querySelectorAll("p, li, dd, td, th, figcaption, h1, h2, h3, h4"))
    .filter(el => !el.closest(".cell_output, .output, pre"))
    .map(withoutCode);
  const text = withoutCode(main);
  return {problems, prose, text};
}"""

READING_VIEW_JS = """(selector) => Array.from(document.querySelectorAll("." + selector)).map(view => ({
  unsafe: Array.from(view.querySelectorAll("%UNSAFE%")).map(el => el.tagName.toLowerCase()),
  attributes: Array.from(view.querySelectorAll("*")).flatMap(el => Array.from(el.attributes)
    .filter(a => a.name.startsWith("on") || /^\\s*javascript:/i.test(a.value))
    .map(a => el.tagName.toLowerCase() + "[" + a.name + "]")),
  // The text a reader sees: without the view's own stylesheet (scripts are flagged above).
  text: (copy => { copy.querySelectorAll("style, script").forEach(el => el.remove()); return copy.textContent; })(view.cloneNode(true)),
}))""".replace("%UNSAFE%", UNSAFE_ELEMENTS)

OVERFLOW_JS = """() => {
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth <= width + 1) return [];
  // Name what sticks out, to say where to look: skip what a scrolling box clips and
  // what is fixed off-screen (the theme's closed sidebars).
  const hidden = el => {
    for (let node = el; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.position === "fixed" || style.visibility === "hidden") return true;
      if (node !== el && style.overflowX !== "visible") return true;
    }
    return false;
  };
  const sticking = Array.from(document.querySelectorAll("body *"))
    .filter(el => el.getBoundingClientRect().right > width + 1 && !hidden(el));
  return ["page is " + document.documentElement.scrollWidth + " px wide at " + width + " px"]
    .concat(sticking.slice(-5).map(el => "  sticks out: " + el.outerHTML.slice(0, 120)));
}"""


# A code cell's input that a reader sees without opening its toggle. myst-nb puts the input
# of a "hide-input" cell inside a closed <details>, which renders nothing until opened.
CODE_INPUTS_JS = """() => Array.from(document.querySelectorAll(".cell_input, div.cell > .highlight"))
  .filter(el => !el.closest("details:not([open])") && el.getClientRects().length > 0
    && (!el.checkVisibility || el.checkVisibility({visibilityProperty: true})))
  .map(el => "code input shown: " + el.textContent.trim().replace(/\\s+/g, " ").slice(0, 80))"""

# A table wider than the text column, whether it widens the page or scrolls inside a box.
WIDE_TABLES_JS = """() => {
  const column = document.querySelector("article.bd-article, main article, main") || document.body;
  const limit = column.clientWidth;
  return Array.from(column.querySelectorAll("table")).filter(table => {
    const width = Math.max(table.scrollWidth, table.getBoundingClientRect().width);
    let scrolls = false;
    for (let node = table; node && node !== column; node = node.parentElement) {
      if (node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflowX !== "visible") scrolls = true;
    }
    return width > limit + 1 || scrolls;
  }).map(table => "table wider than the " + limit + " px column: "
    + Math.round(Math.max(table.scrollWidth, table.getBoundingClientRect().width)) + " px, "
    + table.textContent.trim().replace(/\\s+/g, " ").slice(0, 80));
}"""


# Every figure's smallest label, as displayed. A figure is inline SVG whose text matplotlib
# draws as glyph outlines, one group per text: "translate(x y) [rotate(a)] scale(s -s)",
# where s is the font size over 100 (its glyphs are drawn 100 units to the em). The group's
# screen transform holds that scale times every scale above it (the viewBox fitted to the
# column), so 100 times its vertical scale is the em's height in displayed pixels: measured,
# not declared by the figure. A raster image in a figure cannot be measured, so it is a problem.
FIGURE_LABELS_JS = """() => {
  const figures = Array.from(document.querySelectorAll("figure svg, .cell_output svg, .output svg"))
    .filter(svg => !svg.closest(".svg-inline--fa") && !svg.classList.contains("svg-inline--fa")
      && !(svg.parentElement && svg.parentElement.closest("svg")));
  const textScale = /scale\\(([0-9.e+-]+) -\\1\\)/;
  const measured = figures.map(svg => {
    const sizes = Array.from(svg.querySelectorAll("g[transform]"))
      .filter(g => textScale.test(g.getAttribute("transform")))
      .map(g => { const m = g.getScreenCTM(); return 100 * Math.hypot(m.c, m.d); });
    const name = (svg.closest("figure") || svg).id || svg.getAttribute("aria-label") || "?";
    return {name: name.slice(0, 70), width: svg.getBoundingClientRect().width,
            smallest: sizes.length ? Math.min(...sizes) : null};
  });
  const raster = Array.from(document.querySelectorAll("figure img, .cell_output img, .output img"))
    .map(img => img.getAttribute("src").slice(0, 60));
  return {measured, raster};
}"""


def inspect_page(browser, base_url: str, path: str, viewport: dict, checks: set[str]) -> PageReport:
    """Open ``base_url + path`` in a fresh page of ``viewport`` size and run ``checks``."""
    report = PageReport(path)
    page = browser.new_page(viewport=viewport)
    try:

        # Every fault counts, the theme stack's too (newscompare.report.book_html removes
        # the ones it had): a page error, a console error, a request that fails or that
        # the server answers with an error (a 404 is a response, not a failed request).
        def on_console(message) -> None:
            if message.type == "error":
                report.script_errors.append(f"console error: {message.text} ({message.location.get('url')})")

        def on_page_error(error) -> None:
            report.script_errors.append(f"uncaught script error: {error.message}")

        def on_response(response) -> None:
            if response.status >= 400:
                report.script_errors.append(f"request answered with HTTP {response.status}: {response.url}")

        def on_route(route) -> None:
            # The book must work offline and must not track readers: nothing leaves localhost.
            if route.request.url.startswith(base_url):
                route.continue_()
            else:
                report.script_errors.append(f"request outside the book: {route.request.url}")
                route.abort()

        page.on("console", on_console)
        page.on("pageerror", on_page_error)
        page.on("response", on_response)
        page.on("requestfailed", lambda request: report.script_errors.append(
            f"request failed: {request.url} ({request.failure})"
        ) if request.url.startswith(base_url) else None)
        page.route("**/*", on_route)
        page.goto(base_url + path, wait_until="load")
        if "images" in checks:
            report.broken_images = page.evaluate(IMAGES_JS)
        if "unresolved" in checks:
            found = page.evaluate(UNRESOLVED_JS)
            report.unresolved = list(found["problems"])
            for match in UNRENDERED_MARKUP.finditer(found["text"]):
                start = max(match.start() - 40, 0)
                report.unresolved.append(f"unrendered markup: ...{found['text'][start:match.end() + 40]}...")
            for prose in found["prose"]:
                for match in EMPTY_INLINE_VALUE.finditer(prose):
                    start = max(match.start() - 60, 0)
                    report.unresolved.append(f"empty inline value (missing glue?): ...{prose[start:match.end()]}")
        if "reading_view" in checks:
            report.reading_views = page.evaluate(READING_VIEW_JS, READING_VIEW_CLASS)
        if "overflow" in checks:
            report.overflow = page.evaluate(OVERFLOW_JS)
        if "code_inputs" in checks:
            report.code_inputs = page.evaluate(CODE_INPUTS_JS)
        if "wide_tables" in checks:
            report.wide_tables = page.evaluate(WIDE_TABLES_JS)
        if "figure_labels" in checks:
            found = page.evaluate(FIGURE_LABELS_JS)
            width = viewport["width"]
            for figure in found["measured"]:
                if figure["smallest"] is None:
                    continue  # a figure with no text has no label to read
                report.figure_labels.append((figure["name"], figure["width"], figure["smallest"]))
                if figure["smallest"] < MIN_LABEL_PX:
                    report.small_labels.append(
                        f"figure {figure['name']!r}: smallest label {figure['smallest']:.1f} px at {width} px "
                        f"(shown {figure['width']:.0f} px wide; needs {MIN_LABEL_PX:.0f} px)")
            report.small_labels += [f"raster figure, its labels cannot be measured: {src}" for src in found["raster"]]
        # Let late console messages (async scripts) arrive before the page is closed.
        page.wait_for_load_state("networkidle")
    finally:
        page.close()
    return report


def reading_view_problems(view: dict) -> list[str]:
    """Why one reading view (as returned by READING_VIEW_JS) is unsafe or unreadable."""
    problems = [f"active element <{tag}> inside the reading view" for tag in view["unsafe"]]
    problems += [f"script attribute {name} inside the reading view" for name in view["attributes"]]
    if not view["text"].strip():
        problems.append("reading view is empty")
    for match in RAW_MARKUP_IN_TEXT.finditer(view["text"]):
        start = max(match.start() - 30, 0)
        problems.append(f"raw markup shown as text: ...{view['text'][start:match.end() + 30]}...")
    return problems


def phone_pages(pages: list[str]) -> list[str]:
    """The pages checked at phone width: every page of the book."""
    return list(pages)


ALL_CHECKS = {"images", "unresolved", "reading_view", "code_inputs", "wide_tables"}


@pytest.fixture(scope="session")
def book(browser, serve) -> tuple[list[PageReport], list[PageReport]]:
    """Reports of every book page at desktop width and at phone width."""
    root = html_root()
    if not (root / "index.html").is_file() and not (root / "intro.html").is_file():
        unavailable(f"no built book at {root} (run `make book`, or set ${HTML_DIR_ENV})")
    pages = book_pages(root)
    assert pages, f"{root} holds no content pages"
    base_url = serve(root)
    desktop = [inspect_page(browser, base_url, page, DESKTOP, ALL_CHECKS) for page in pages]
    phone = [inspect_page(browser, base_url, page, PHONE, {"overflow"}) for page in phone_pages(pages)]
    assert phone, "neither intro.html nor any notebooks/*.html page was built"
    return desktop, phone


@pytest.fixture(scope="session")
def figure_phone(browser, serve) -> list[PageReport]:
    """Reports of every book page at :data:`FIGURE_PHONE` width, its figures measured."""
    root = html_root()
    if not (root / "index.html").is_file() and not (root / "intro.html").is_file():
        unavailable(f"no built book at {root} (run `make book`, or set ${HTML_DIR_ENV})")
    base_url = serve(root)
    return [inspect_page(browser, base_url, page, FIGURE_PHONE, {"figure_labels"}) for page in book_pages(root)]


def format_problems(reports: list[PageReport], attribute: str) -> str:
    """One line per problem, prefixed with its page, for an assertion message."""
    return "\n".join(f"{report.path}: {problem}" for report in reports for problem in getattr(report, attribute))


def test_no_console_or_script_errors(book):
    desktop, phone = book
    assert format_problems(desktop + phone, "script_errors") == ""


def test_every_image_loaded_and_every_figure_has_one(book):
    desktop, _ = book
    assert format_problems(desktop, "broken_images") == ""


def test_no_unresolved_reference_glue_or_citation(book):
    desktop, _ = book
    assert format_problems(desktop, "unresolved") == ""


def test_reading_view_shows_escaped_plain_text(book):
    desktop, _ = book
    views = [(report.path, view) for report in desktop for view in report.reading_views]
    if not views:
        pytest.skip(f"no page of the book has a .{READING_VIEW_CLASS} element yet")
    problems = [f"{path}: {problem}" for path, view in views for problem in reading_view_problems(view)]
    assert problems == []


def test_no_sideways_scrolling_at_phone_width(book):
    _, phone = book
    assert format_problems(phone, "overflow") == ""


def test_no_code_input_shown(book):
    desktop, _ = book
    assert format_problems(desktop, "code_inputs") == ""


def test_no_table_wider_than_the_text_column(book):
    desktop, _ = book
    assert format_problems(desktop, "wide_tables") == ""


def test_every_figure_label_readable_on_a_phone(figure_phone):
    assert sum(len(report.figure_labels) for report in figure_phone) > 0, "no figure was measured"
    assert format_problems(figure_phone, "small_labels") == ""


# --- The same checks on a hand-written site with one fault of each kind. -------------

# A 2x2 red PNG, so the good page has a real image to load.
PNG_2X2 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR4nGP4z8DAwMDAxMDAAAAmBQMBwBqu8gAAAABJRU5ErkJggg=="
)
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>t</title>
<link rel="icon" href="data:,"></head>
<body><main>{body}</main></body></html>"""
GOOD_BODY = """
<p>Resolved: <a class="reference internal" href="#f"><span class="xref std std-numref">Fig. 1</span></a>,
value <span class="pasted-text">42</span>. Run <code>jupyter-book build .</code> to rebuild.</p>
<p>Cited <span class="bibtex-citation">[<a href="#b">Knuth, 1984</a>]</span>.</p>
<p><img src="dot.png" alt="a dot"></p>
<figure id="f" class="nc-figure"><svg role="img" aria-label="a label" viewBox="0 0 100 50" style="width: 100%">
<g transform="translate(10 40) scale(0.1 -0.1)"><path d="M 0 0 L 500 0 L 500 700 z"/></g></svg>
<figcaption>Fig. 1 A ten-point label.</figcaption></figure>
<div class="nc-reading-view"><style>.nc-reading-view p {{ overflow-wrap: anywhere; }}</style>
<p>He said: "Prospects for cooperation" &amp; more, 5 &lt; 6.</p></div>
<div class="cell"><details><summary>Show code</summary><div class="cell_input"><pre>hidden()</pre></div></details>
<table><tr><th>Outlet</th><td>a short table</td></tr></table></div>
"""
BAD_BODY = """
<p>Unresolved <code class="xref std std-numref docutils literal"><span class="pre">fig-missing</span></code>,
literal {glue:text}`share:.0f`, value rose by  . Cited <span class="bibtex-citation">[]</span>.</p>
<img src="missing.png" alt="gone">
<figure id="g"><figcaption>Fig. 2 Nothing drawn.</figcaption></figure>
<figure id="tiny" class="nc-figure"><svg role="img" viewBox="0 0 2000 1000" style="width: 100%">
<g transform="translate(10 40) rotate(-90) scale(0.06 -0.06)"><path d="M 0 0 L 500 0 L 500 700 z"/></g></svg></figure>
<figure id="raster"><img src="dot.png" alt="a raster figure"></figure>
<div class="nc-reading-view"><p onclick="steal()">**Bold** &amp;lt;b&amp;gt; text</p>
<script>document.title = "injected";</script></div>
<div style="width: 2000px">too wide</div>
<div class="cell"><div class="cell_input"><pre>shown_code()</pre></div></div>
<div style="overflow-x: auto"><table><tr><td style="min-width: 3000px">a wide table</td></tr></table></div>
<script>console.error("broken widget"); undefinedFunction();</script>
<script>const x = 1;</script><script>const x = 2;</script>
"""


@pytest.fixture(scope="session")
def fake_site(tmp_path_factory, serve) -> str:
    """Base URL of a two-page site: good.html (clean) and bad.html (every fault once)."""
    root = tmp_path_factory.mktemp("fake_site")
    (root / "dot.png").write_bytes(PNG_2X2)
    (root / "good.html").write_text(PAGE.format(body=GOOD_BODY), encoding="utf-8")
    (root / "bad.html").write_text(PAGE.format(body=BAD_BODY), encoding="utf-8")
    return serve(root)


@pytest.fixture(scope="session")
def fake_reports(browser, fake_site) -> dict[str, PageReport]:
    checks = ALL_CHECKS | {"overflow", "figure_labels"}
    return {name: inspect_page(browser, fake_site, f"{name}.html", FIGURE_PHONE, checks) for name in ("good", "bad")}


def test_fake_good_page_passes_every_check(fake_reports):
    good = fake_reports["good"]
    assert good.script_errors == []
    assert good.broken_images == []
    assert good.unresolved == []
    assert good.overflow == []
    assert good.code_inputs == []
    assert good.wide_tables == []
    assert good.small_labels == []
    [(name, _, smallest)] = good.figure_labels
    assert name == "f" and smallest > MIN_LABEL_PX
    assert [reading_view_problems(view) for view in good.reading_views] == [[]]


def test_fake_bad_page_console_and_script_errors_found(fake_reports):
    errors = "\n".join(fake_reports["bad"].script_errors)
    assert "console error: broken widget" in errors
    assert "uncaught script error: undefinedFunction is not defined" in errors
    assert "missing.png" in errors  # the 404 of the broken image
    assert re.search(r"request answered with HTTP 404: \S+/missing.png", errors)
    assert "uncaught script error: Identifier 'x' has already been declared" in errors


def test_fake_bad_page_broken_image_and_empty_figure_found(fake_reports):
    assert fake_reports["bad"].broken_images == [
        "image not loaded: missing.png",
        "figure without an image: #g Fig. 2 Nothing drawn.",
    ]


def test_fake_bad_page_unresolved_items_found(fake_reports):
    unresolved = fake_reports["bad"].unresolved
    assert "unresolved reference: fig-missing" in unresolved
    assert "citation without an entry: []" in unresolved
    assert any(item.startswith("unrendered markup:") and "{glue:text}" in item for item in unresolved)
    assert any(item.startswith("empty inline value") and item.endswith("rose by .") for item in unresolved)


def test_fake_bad_page_unsafe_reading_view_found(fake_reports):
    [view] = fake_reports["bad"].reading_views
    problems = reading_view_problems(view)
    assert "active element <script> inside the reading view" in problems
    assert "script attribute p[onclick] inside the reading view" in problems
    shown = "\n".join(problem for problem in problems if problem.startswith("raw markup shown as text"))
    assert "**Bold" in shown  # markdown left in
    assert "&lt;b&gt;" in shown  # escaped twice


def test_fake_bad_page_overflow_found(fake_reports):
    overflow = fake_reports["bad"].overflow
    assert overflow[0].startswith("page is ") and overflow[0].endswith("wide at 390 px")
    assert '  sticks out: <div style="width: 2000px">too wide</div>' in overflow


def test_fake_bad_page_shown_code_input_found(fake_reports):
    assert fake_reports["bad"].code_inputs == ["code input shown: shown_code()"]


def test_fake_bad_page_small_label_and_raster_figure_found(fake_reports):
    tiny, raster = fake_reports["bad"].small_labels
    # A 6-point label in a 2000-point-wide drawing shown about 370 px wide: about 1 px.
    assert tiny.startswith("figure 'tiny': smallest label ") and " px at 390 px (shown " in tiny
    assert float(tiny.split("smallest label ")[1].split(" px")[0]) < 2
    assert raster == "raster figure, its labels cannot be measured: dot.png"


def test_fake_bad_page_wide_table_found(fake_reports):
    [wide] = fake_reports["bad"].wide_tables
    assert wide.startswith("table wider than the ") and wide.endswith("a wide table")


def test_book_pages_skip_generated_and_redirect_pages(tmp_path):
    for name in ["intro.html", "notebooks/02_x.html", "genindex.html", "search.html", "_static/a.html"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<html><body>page</body></html>", encoding="utf-8")
    (tmp_path / "index.html").write_text('<meta http-equiv="Refresh" content="0; url=intro.html" />')
    assert book_pages(tmp_path) == ["intro.html", "notebooks/02_x.html"]
    assert phone_pages(book_pages(tmp_path)) == ["intro.html", "notebooks/02_x.html"]
