"""Shared fixtures: tiny corpora written from hand-made texts, and the seeds."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from newscompare.ingest.corpus import Corpus, load_corpus
from newscompare.ingest.paths import SEEDS_DIR

MANIFEST_COLUMNS = ["id", "file", "outlet", "url", "published"]


def write_corpus_folder(
    folder: Path, texts: dict[str, str], published: dict[str, str] | None = None
) -> Path:
    """Write ``texts`` (id -> article text) and a minimal manifest into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    published = published or {}
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(MANIFEST_COLUMNS)
        for article_id, text in texts.items():
            name = f"{article_id}.txt"
            (folder / name).write_text(text, encoding="utf-8")
            writer.writerow(
                [article_id, name, f"Outlet {article_id}", "", published.get(article_id, "2024-07-04")]
            )
    return folder


@pytest.fixture
def make_corpus(tmp_path: Path) -> Callable[..., Corpus]:
    """Return a function: texts (id -> text), optional published dates -> loaded Corpus."""
    counter = iter(range(10_000))

    def make(texts: dict[str, str], published: dict[str, str] | None = None) -> Corpus:
        folder = write_corpus_folder(tmp_path / f"corpus{next(counter)}", texts, published)
        return load_corpus(folder)

    return make


@pytest.fixture(scope="session")
def seeds() -> Corpus:
    """The five seed articles, loaded once for the whole test session."""
    return load_corpus(SEEDS_DIR)
