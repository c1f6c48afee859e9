"""The data dictionary documents exactly the columns the command writes, and the README
carries it."""

from __future__ import annotations

import pytest

from newscompare.ingest.paths import PROJECT_ROOT
from newscompare.report.datadict import DATA_DICTIONARY, data_dictionary_markdown
from newscompare.tables import TABLES, AnalysisOptions


def test_every_exported_table_is_documented() -> None:
    assert sorted(DATA_DICTIONARY) == sorted(TABLES)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_documented_columns_match_the_export(seeds, name: str) -> None:
    produced = list(TABLES[name](seeds, AnalysisOptions()).columns)
    documented = [c for c in DATA_DICTIONARY[name][1] if c != "*"]
    if "*" in DATA_DICTIONARY[name][1]:
        produced = produced[: len(documented)]
    assert produced == documented


def test_readme_carries_the_dictionary() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert data_dictionary_markdown() in readme
