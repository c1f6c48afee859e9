"""Every named threshold carries a documented reason, and the table shows live values."""

from __future__ import annotations

from newscompare.analysis.reuse import ReuseThresholds
from newscompare.report.parameters import parameter_table


def test_every_parameter_has_a_reason() -> None:
    table = parameter_table()
    assert not table.empty
    assert (table["reason"].str.len() > 10).all(), table.loc[table["reason"].str.len() <= 10, "name"]


def test_values_are_the_live_defaults() -> None:
    table = parameter_table().set_index("name")
    assert table.at["ReuseThresholds.ngram_size", "value"] == str(ReuseThresholds().ngram_size)
