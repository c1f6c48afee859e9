"""What a reader needs to reproduce the report: the software versions in use and the
checksums of the raw inputs."""

from __future__ import annotations

import hashlib
import importlib.metadata
import platform

import pandas as pd

from newscompare.ingest.corpus import Corpus
from newscompare.ingest.nlp import MODEL_DISTRIBUTION

#: Distributions whose versions decide the results (all pinned in requirements.txt).
KEY_DISTRIBUTIONS = (
    "spacy", MODEL_DISTRIBUTION, "pandas", "numpy", "matplotlib",
    "jupyter-book", "myst-nb", "sphinx", "nbval", "pytest",
)


def environment_versions() -> pd.DataFrame:
    """Python's version and the installed version of each key distribution."""
    rows = [{"software": "python", "version": platform.python_version()}]
    rows += [
        {"software": name, "version": importlib.metadata.version(name)}
        for name in KEY_DISTRIBUTIONS
    ]
    return pd.DataFrame(rows)


def input_checksums(corpus: Corpus) -> pd.DataFrame:
    """SHA-256 of every article file as read now, and whether it matches the manifest."""
    rows = []
    for article in corpus.articles.itertuples():
        actual = hashlib.sha256((corpus.folder / article.file).read_bytes()).hexdigest()
        expected = getattr(article, "sha256", "") or ""
        rows.append({
            "id": article.id, "file": article.file, "sha256": actual,
            "matches_manifest": (actual == expected.lower()) if expected else None,
        })
    return pd.DataFrame(rows)
