"""The data dictionary: every column of every table the command line writes.

One source for the README's dictionary and the book's reproducibility appendix; a test
checks that it covers exactly the columns the exports produce.
"""

from __future__ import annotations

import pandas as pd

#: table name -> (chapter that explains it, {column: meaning})
DATA_DICTIONARY: dict[str, tuple[str, dict[str, str]]] = {
    "articles": ("01_corpus", {
        "id": "article id from the manifest",
        "outlet": "outlet name shown in the book",
        "file": "file name in the corpus folder",
        "url": "where the text was found (may be empty)",
        "published": "publication date as given in the manifest: a day, a month or a window",
        "published_start": "earliest possible publication day (ISO date)",
        "published_end": "latest possible publication day (ISO date)",
        "headline": "headline found in the text (empty if none)",
        "byline": "byline found in the text, else the manifest's byline",
        "dateline": "date line found in the text (empty if none)",
        "paragraphs": "number of body paragraphs",
        "sentences": "number of body sentences",
        "words": "number of body words (hyphenated compounds count as two)",
        "*": "any further manifest column (e.g. published_confidence, evidence), unchanged",
    }),
    "lines": ("01_corpus", {
        "article": "article id",
        "line_number": "line number in the raw file, from 1",
        "role": "headline, byline, dateline, caption, chrome, promo, footer, body or blank",
        "rule": "the cleaning rule that set the role",
        "text": "the line as in the raw file",
        "start": "character offset of the line's start in the raw file",
        "end": "character offset of the line's end (exclusive, line break excluded)",
    }),
    "sentences": ("01_corpus", {
        "article": "article id",
        "paragraph_index": "body paragraph number within the article, from 0",
        "sentence_index": "body sentence number within the article, from 0",
        "sentence": "the sentence as in the raw file",
        "normalized": "the sentence with typography unified and markdown removed",
        "start": "character offset of the sentence in the raw file",
        "end": "character offset of the sentence's end (exclusive)",
    }),
}


def data_dictionary_table() -> pd.DataFrame:
    """The dictionary as one tidy table: table, column, meaning, chapter."""
    rows = [
        {"table": f"{table}.csv", "column": column, "meaning": meaning, "chapter": chapter}
        for table, (chapter, columns) in DATA_DICTIONARY.items()
        for column, meaning in columns.items()
    ]
    return pd.DataFrame(rows, columns=["table", "column", "meaning", "chapter"])


def data_dictionary_markdown() -> str:
    """The dictionary as markdown, one table per CSV (pasted into the README)."""
    parts = []
    for table, (chapter, columns) in DATA_DICTIONARY.items():
        parts.append(f"**`{table}.csv`** (chapter `{chapter}`)\n")
        parts.append("| column | meaning |\n| --- | --- |")
        parts.extend(f"| `{column}` | {meaning} |" for column, meaning in columns.items())
        parts.append("")
    return "\n".join(parts).strip() + "\n"
