"""Checks of a hand annotation's form, against the raw texts it labels.

The held-out gold (``heldout/GUIDELINES.md``) is written by hand, by several annotators;
a wrong line number, a pair listed twice or a role outside the guidelines' set would be
scored as a method error. These checks read the raw files and the annotation tables only
(no method of the package), so annotators can run them before anything is scored, and a
test runs them over the committed collection.

Each check returns a list of problems, one line each ("pairs.csv row 4: ..."); an empty
list means the table is well formed.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pandas as pd

from newscompare.ingest.text import normalize, words

RELATIONS = ("copy", "partial_copy", "paraphrase", "unrelated")
SENTENCE_RELATIONS = ("verbatim", "edited", "paraphrase", "none")
QUOTE_KINDS = ("full", "partial", "not_speech")
LINE_ROLES = ("headline", "byline", "dateline", "credit", "body", "caption", "promo", "chrome", "footer")
ENTITY_LABELS = ("PERSON", "GPE", "ORG", "LOC", "EVENT", "FAC", "NORP")
#: Pairs answers besides an article id (guidelines 3a): both from a text outside the
#: collection, or undetermined (empty).
COMMON_SOURCE = "common"
UNDETERMINED = ""

COLUMNS = {
    "pairs": ["event", "article_a", "article_b", "relation", "likely_source", "taken",
              "reworded", "shorter_sentences", "note"],
    "line_roles": ["event", "article", "line", "role", "text_start", "note"],
    "quotes": ["event", "article", "quote", "kind", "speaker", "acceptable_speakers", "note"],
    "entities": ["event", "article", "canonical", "label"],
    "sentence_provenance": ["event", "article", "sentence_index", "sentence_start",
                            "match_article", "match_sentence_index", "relation", "note"],
    "gathering": ["id", "query", "date_evidence", "role", "wire_source", "note"],
}
#: Words of ``text_start`` compared with the start of the numbered line.
TEXT_START_WORDS = 6


def read_table(path: Path) -> pd.DataFrame:
    """An annotation table, every cell as text (empty cells as "")."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def raw_lines(folder: Path, manifest: pd.DataFrame) -> dict[str, list[str]]:
    """Article id -> its raw lines, split at line feeds as ``cat -n`` numbers them."""
    lines = {}
    for row in manifest.itertuples():
        text = (folder / row.file).read_text(encoding="utf-8")
        lines[row.id] = text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")
    return lines


def _columns(table: pd.DataFrame, name: str) -> list[str]:
    expected = COLUMNS[name]
    if list(table.columns) != expected:
        return [f"{name}.csv: columns {list(table.columns)}, expected {expected}"]
    return []


def _identity(where: str, row_event: str, event: str, article: str, known) -> list[str]:
    """A row's event and article checked against the event and its manifest's ids."""
    problems = []
    if row_event != event:
        problems.append(f"{where}: event {row_event!r}, expected {event!r}")
    if article not in known:
        problems.append(f"{where}: article {article!r} is not in the manifest")
    return problems


def check_pairs(table: pd.DataFrame, event: str, ids: list[str]) -> list[str]:
    """Every unordered pair once (a < b), relations and directions from the guidelines' sets."""
    problems = _columns(table, "pairs")
    if problems:
        return problems
    expected = set(combinations(sorted(ids), 2))
    seen: set[tuple[str, str]] = set()
    for number, row in enumerate(table.itertuples(), start=2):
        where = f"pairs.csv line {number}"
        key = (row.article_a, row.article_b)
        if row.event != event:
            problems.append(f"{where}: event {row.event!r}, expected {event!r}")
        if key not in expected:
            problems.append(f"{where}: {key} is not a pair of the manifest's ids with article_a < article_b")
        if key in seen:
            problems.append(f"{where}: pair {key} listed twice")
        seen.add(key)
        if row.relation not in RELATIONS:
            problems.append(f"{where}: relation {row.relation!r}, expected one of {RELATIONS}")
        allowed = {row.article_a, row.article_b, COMMON_SOURCE, UNDETERMINED}
        if row.likely_source not in allowed:
            problems.append(f"{where}: likely_source {row.likely_source!r}, expected one of the "
                            f"two ids, {COMMON_SOURCE!r} or empty")
        if row.relation == "unrelated" and row.likely_source:
            problems.append(f"{where}: an unrelated pair has likely_source {row.likely_source!r}")
        for column in ("taken", "reworded", "shorter_sentences"):
            value = getattr(row, column)
            if value and not value.isdigit():
                problems.append(f"{where}: {column} {value!r} is not a count")
    for key in sorted(expected - seen):
        problems.append(f"pairs.csv: pair {key} missing")
    return problems


def check_line_roles(table: pd.DataFrame, event: str, lines: dict[str, list[str]]) -> list[str]:
    """Every non-blank line of every article once, with a role of the guidelines and the
    first words of that line."""
    problems = _columns(table, "line_roles")
    if problems:
        return problems
    seen: set[tuple[str, int]] = set()
    for number, row in enumerate(table.itertuples(), start=2):
        where = f"line_roles.csv line {number}"
        problems += _identity(where, row.event, event, row.article, lines)
        if row.article not in lines:
            continue
        if not row.line.isdigit() or not 1 <= int(row.line) <= len(lines[row.article]):
            problems.append(f"{where}: line {row.line!r} is not a line number of {row.article}")
            continue
        line_number = int(row.line)
        text = lines[row.article][line_number - 1]
        if not text.strip():
            problems.append(f"{where}: {row.article} line {line_number} is blank")
        if (row.article, line_number) in seen:
            problems.append(f"{where}: {row.article} line {line_number} labelled twice")
        seen.add((row.article, line_number))
        if row.role not in LINE_ROLES:
            problems.append(f"{where}: role {row.role!r}, expected one of {LINE_ROLES}")
        start = words(normalize(row.text_start))[:TEXT_START_WORDS]
        if start and words(normalize(text))[:len(start)] != start:
            problems.append(f"{where}: text_start {row.text_start!r} does not begin "
                            f"{row.article} line {line_number}")
    for article, article_lines in sorted(lines.items()):
        for line_number, text in enumerate(article_lines, start=1):
            if text.strip() and (article, line_number) not in seen:
                problems.append(f"line_roles.csv: {article} line {line_number} has no role")
    return problems


def check_quotes(table: pd.DataFrame, event: str, lines: dict[str, list[str]]) -> list[str]:
    """Kinds from the guidelines' set; each quotation found in its article's text."""
    problems = _columns(table, "quotes")
    if problems:
        return problems
    texts = {article: words(normalize("\n".join(article_lines)))
             for article, article_lines in lines.items()}
    joined = {article: " " + " ".join(tokens) + " " for article, tokens in texts.items()}
    for number, row in enumerate(table.itertuples(), start=2):
        where = f"quotes.csv line {number}"
        problems += _identity(where, row.event, event, row.article, lines)
        if row.article not in lines:
            continue
        if row.kind not in QUOTE_KINDS:
            problems.append(f"{where}: kind {row.kind!r}, expected one of {QUOTE_KINDS}")
        if row.kind == "not_speech" and row.speaker:
            problems.append(f"{where}: a not_speech span has a speaker")
        quoted = " ".join(words(normalize(row.quote)))
        if quoted and f" {quoted} " not in joined[row.article]:
            problems.append(f"{where}: quotation {row.quote[:40]!r} not found in {row.article}")
    return problems


def check_simple(table: pd.DataFrame, name: str, event: str, ids: list[str]) -> list[str]:
    """Columns, event and article ids (and labels) of entities, provenance and gathering."""
    problems = _columns(table, name)
    if problems:
        return problems
    id_column = "id" if name == "gathering" else "article"
    for number, row in enumerate(table.to_dict("records"), start=2):
        where = f"{name}.csv line {number}"
        # gathering.csv has no event column: it lives in the event's folder.
        problems += _identity(where, row.get("event", event), event, row[id_column], ids)
        if name == "entities" and row["label"] not in ENTITY_LABELS:
            problems.append(f"{where}: label {row['label']!r}, expected one of {ENTITY_LABELS}")
        if name == "sentence_provenance" and row["relation"] not in SENTENCE_RELATIONS:
            problems.append(f"{where}: relation {row['relation']!r}, expected one of {SENTENCE_RELATIONS}")
    return problems


def check_event(corpus_dir: Path, annotation_dir: Path) -> list[str]:
    """Every annotation table present in ``annotation_dir`` checked against the event's
    raw texts in ``corpus_dir`` (tables that are absent are not reported: a second
    annotation has only pairs, quotes and line roles)."""
    event = corpus_dir.name
    manifest = read_table(corpus_dir / "manifest.csv")
    ids = list(manifest["id"])
    lines = raw_lines(corpus_dir, manifest)
    problems = []
    for name in COLUMNS:
        path = annotation_dir / f"{name}.csv"
        if not path.is_file():
            continue
        table = read_table(path)
        if name == "pairs":
            found = check_pairs(table, event, ids)
        elif name == "line_roles":
            found = check_line_roles(table, event, lines)
        elif name == "quotes":
            found = check_quotes(table, event, lines)
        else:
            found = check_simple(table, name, event, ids)
        problems += found
    return problems
