"""Print the single-page HTML book to a PDF with headless Chromium.

Usage: python tools/print_book_pdf.py HTML_DIR OUTPUT_PDF

HTML_DIR is the output of ``jupyter-book build . --builder singlehtml`` (the whole book
on one page, with figures, glued numbers and the bibliography). It is served on
localhost, so that stylesheets and images load as they do for a reader, and printed
with Chromium's own print engine (Playwright's ``page.pdf``), A4.

Nothing is fetched from the web. Exits with status 1, naming the problem, if an image
does not load, the book has math (MathJax comes from a CDN), or the PDF has fewer than
two pages.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from newscompare.report.browser import CHROMIUM_ARGS, CHROMIUM_ENV, chromium_path, serve_folder

MIN_PAGES = 2  # one page means the book did not render beyond its title
REDIRECT_TARGET = re.compile(r'http-equiv="refresh"\s+content="\d+;\s*url=([^"]+)"', re.IGNORECASE)
# Chromium writes one dictionary per page with "/Type /Page" (the page tree is "/Pages").
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")

WAIT_FOR_IMAGES_JS = """async () => {
  const images = Array.from(document.images);
  // Lazy images are not fetched for printing: load every one first.
  images.forEach(img => { img.loading = "eager"; });
  await Promise.all(images.map(img => img.complete ? null : new Promise(done => {
    img.addEventListener("load", done); img.addEventListener("error", done);
  })));
  await document.fonts.ready;
  return images.filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.getAttribute("src"));
}"""


def start_page(html_dir: Path) -> str:
    """The page that holds the book: index.html, or the page it redirects to."""
    index = html_dir / "index.html"
    if not index.is_file():
        raise SystemExit(f"error: {index} not found; build with `jupyter-book build . --builder singlehtml`")
    redirect = REDIRECT_TARGET.search(index.read_text(encoding="utf-8", errors="replace")[:2000])
    return redirect.group(1) if redirect else "index.html"


def count_pdf_pages(pdf: bytes) -> int:
    """Number of page objects in a PDF written by Chromium (uncompressed page dictionaries)."""
    return len(PDF_PAGE.findall(pdf))


def print_pdf(html_dir: Path, output: Path) -> int:
    """Print the book in ``html_dir`` to ``output``; return the number of pages."""
    executable = chromium_path()
    if executable is None:
        raise SystemExit(f"error: Chromium not found (install Debian's chromium or set ${CHROMIUM_ENV})")
    page_name = start_page(html_dir)
    outside: list[str] = []
    output.parent.mkdir(parents=True, exist_ok=True)
    with serve_folder(html_dir) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()

            def keep_local(route) -> None:
                # Print offline and the same everywhere: nothing is fetched from the web.
                if route.request.url.startswith(base_url):
                    route.continue_()
                else:
                    outside.append(route.request.url)
                    route.abort()

            page.route("**/*", keep_local)
            page.goto(base_url + page_name, wait_until="load")
            broken = page.evaluate(WAIT_FOR_IMAGES_JS)
            if broken:
                raise SystemExit("error: images did not load: " + ", ".join(broken))
            if outside:
                # Sphinx's single page always asks for MathJax from a CDN; only math needs it.
                print("warning: not fetched (printing offline): " + ", ".join(outside), file=sys.stderr)
                if page.locator(".math").count():
                    raise SystemExit("error: the book has math, which needs the files above")
            page.emulate_media(media="print")
            pdf = page.pdf(
                path=str(output),
                format="A4",
                print_background=True,
                margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"},
            )
        finally:
            browser.close()
    pages = count_pdf_pages(pdf)
    if pages < MIN_PAGES:
        raise SystemExit(f"error: {output} has {pages} page(s); expected the whole book")
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the single-page HTML book to PDF.")
    parser.add_argument("html_dir", type=Path, help="output folder of the singlehtml build")
    parser.add_argument("output", type=Path, help="PDF file to write")
    args = parser.parse_args(argv)
    pages = print_pdf(args.html_dir, args.output)
    print(f"{args.output}: {pages} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
