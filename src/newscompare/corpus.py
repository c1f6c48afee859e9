"""Load a folder of articles with a manifest into tidy tables.

``load_corpus(folder)`` returns a :class:`Corpus` with

* ``articles``: one row per article (manifest fields, headline, byline, dateline,
  counts of words, sentences and paragraphs);
* ``lines``: one row per line of each raw file with its role and the rule that set it;
* ``sentences``: one row per body sentence, with its original text, a normalized form
  for comparison and character offsets into the raw file.

Raw files are only read, never written.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from spacy.tokens import Span

from .cleaning import assign_roles
from .errors import CorpusError
from .manifest import MANIFEST_NAME, ManifestRow, decode_utf8, read_manifest
from .nlp import load_model
from .text import normalize, strip_markdown, words

ARTICLE_SUFFIX = ".txt"  # files in a corpus folder that must have a manifest row
_LINE = re.compile(r"[^\n]*(?:\n|$)")

ARTICLE_COLUMNS = [
    "id", "outlet", "file", "url", "published", "published_start", "published_end",
    "headline", "byline", "dateline", "paragraphs", "sentences", "words",
]
LINE_COLUMNS = ["article", "line_number", "role", "rule", "text", "start", "end"]
SENTENCE_COLUMNS = [
    "article", "paragraph_index", "sentence_index", "sentence", "normalized", "start", "end",
]


@dataclass(eq=False)  # compared and hashed by identity: a loaded corpus is not changed
class Corpus:
    """The tables of one corpus folder, and the parsed sentences behind them."""

    folder: Path
    articles: pd.DataFrame
    lines: pd.DataFrame
    sentences: pd.DataFrame
    #: spaCy sentence spans keyed by (article id, sentence_index), so that later
    #: analyses (entities, quotes) reuse the parse instead of running the model again.
    spans: dict[tuple[str, int], Span] = field(repr=False, default_factory=dict)

    @property
    def ids(self) -> list[str]:
        return list(self.articles["id"])

    def outlet(self, article_id: str) -> str:
        """The outlet name shown for an article in tables and figures."""
        return str(self.articles.set_index("id").at[article_id, "outlet"])

    def labels(self) -> dict[str, str]:
        """Article id -> "id outlet" label, for figures and tables."""
        return {row.id: f"{row.id} {row.outlet}" for row in self.articles.itertuples()}


def _split_lines(text: str) -> list[tuple[int, str]]:
    """Lines of ``text`` with their start offsets; line ends (\\n, \\r\\n) excluded."""
    result = []
    for match in _LINE.finditer(text):
        if match.start() == len(text) and match.group() == "":
            break
        result.append((match.start(), match.group().rstrip("\r\n")))
    return result


def _check_files(folder: Path, rows: list[ManifestRow]) -> None:
    manifest_path = folder / MANIFEST_NAME
    listed = set()
    for row in rows:
        name = row.fields["file"]
        path = (folder / name).resolve()
        if folder.resolve() not in path.parents:
            raise CorpusError(
                manifest_path, f"file {name!r} is outside the corpus folder; "
                "expected a file name inside it", line=row.line
            )
        if not path.is_file():
            raise CorpusError(
                manifest_path, f"file {name!r} not found in {folder}; "
                "expected an article file for this row", line=row.line
            )
        listed.add(path)
    for path in sorted(folder.glob(f"*{ARTICLE_SUFFIX}")):
        if path.resolve() not in listed:
            raise CorpusError(
                path, f"article file has no row in {MANIFEST_NAME}; "
                "expected one row naming it in the 'file' column"
            )


def _read_article(folder: Path, row: ManifestRow) -> str:
    path = folder / row.fields["file"]
    data = path.read_bytes()
    expected = row.fields.get("sha256", "").lower()
    if expected:
        actual = hashlib.sha256(data).hexdigest()
        if actual != expected:
            raise CorpusError(
                folder / MANIFEST_NAME,
                f"sha256 of {row.fields['file']} is {actual}, expected {expected} "
                "as the manifest says (the file changed, or the manifest is wrong)",
                line=row.line,
            )
    return decode_utf8(path, data)


def _display(line: str) -> str:
    """A header line as a reader would see it: markdown removed, "By " dropped."""
    return re.sub(r"^by\s+", "", normalize(strip_markdown(line)), flags=re.IGNORECASE)


def load_corpus(folder: Path | str) -> Corpus:
    """Read, check and parse every article listed in ``folder/manifest.csv``."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(folder, "not a folder; expected a corpus folder with a manifest.csv")
    rows = read_manifest(folder)
    _check_files(folder, rows)
    nlp = load_model()

    article_records, line_records, sentence_records = [], [], []
    spans: dict[tuple[str, int], Span] = {}
    for row in sorted(rows, key=lambda r: r.fields["id"]):
        article_id = row.fields["id"]
        text = _read_article(folder, row)
        raw_lines = _split_lines(text)
        roles = assign_roles([line for _, line in raw_lines])
        header = {"headline": "", "byline": "", "dateline": ""}
        paragraphs: list[tuple[int, str]] = []  # (offset of first non-space char, text)
        for number, ((start, line), role) in enumerate(zip(raw_lines, roles), start=1):
            line_records.append(
                {"article": article_id, "line_number": number, "role": role.role,
                 "rule": role.rule, "text": line, "start": start, "end": start + len(line)}
            )
            if role.role in header and not header[role.role]:
                header[role.role] = _display(line)
            if role.role == "body":
                stripped = line.strip()
                paragraphs.append((start + line.index(stripped[0]), stripped))
        if not paragraphs:
            raise CorpusError(
                folder / row.fields["file"],
                "no body text found (every line is blank, a header, caption, chrome, promo "
                "or footer); expected at least one paragraph of article text",
            )
        sentence_index = 0
        docs = nlp.pipe([paragraph for _, paragraph in paragraphs])
        for paragraph_index, ((offset, _), doc) in enumerate(zip(paragraphs, docs)):
            for sent in doc.sents:
                if not sent.text.strip():
                    continue
                sentence_records.append(
                    {"article": article_id, "paragraph_index": paragraph_index,
                     "sentence_index": sentence_index, "sentence": sent.text,
                     "normalized": normalize(sent.text),
                     "start": offset + sent.start_char, "end": offset + sent.end_char}
                )
                spans[(article_id, sentence_index)] = sent
                sentence_index += 1
        body_words = sum(len(words(paragraph)) for _, paragraph in paragraphs)
        article_records.append(
            {**row.fields,
             "published_start": row.published.start.isoformat(),
             "published_end": row.published.end.isoformat(),
             "headline": header["headline"],
             "byline": header["byline"] or row.fields.get("byline", ""),
             "dateline": header["dateline"],
             "paragraphs": len(paragraphs), "sentences": sentence_index, "words": body_words}
        )
    articles = pd.DataFrame(article_records)
    extra = [c for c in articles.columns if c not in ARTICLE_COLUMNS]
    articles = articles[ARTICLE_COLUMNS + extra].reset_index(drop=True)
    return Corpus(
        folder=folder,
        articles=articles,
        lines=pd.DataFrame(line_records, columns=LINE_COLUMNS),
        sentences=pd.DataFrame(sentence_records, columns=SENTENCE_COLUMNS),
        spans=spans,
    )
