"""Agreement between two annotators: known answers on a tiny double-annotated event."""

from __future__ import annotations

import math

import pytest

from newscompare.evaluation import agreement

PAIRS_HEADER = "event,article_a,article_b,relation,likely_source,taken,reworded,shorter_sentences,note\n"
QUOTES_HEADER = "event,article,quote,kind,speaker,acceptable_speakers,note\n"
LINES_HEADER = "event,article,line,role,text_start,note\n"


@pytest.fixture
def double(tmp_path, monkeypatch):
    files = {
        "first/pairs.csv": PAIRS_HEADER + "e,a,b,copy,common,3,0,3,\ne,a,c,unrelated,,0,0,2,\ne,b,c,paraphrase,b,0,2,2,\n",
        "second/pairs.csv": PAIRS_HEADER + "e,a,b,copy,a,3,0,3,\ne,a,c,unrelated,,0,0,2,\ne,b,c,partial_copy,b,2,0,2,\n",
        "first/quotes.csv": QUOTES_HEADER + 'e,a,we will act,full,Jane Roe,Roe,\ne,a,Fury,not_speech,,,\ne,b,never,partial,John Doe,,\n',
        "second/quotes.csv": QUOTES_HEADER + 'e,a,we will act.,full,Roe,,\ne,a,Fury,partial,the minister,,\ne,b,never,partial,Jane Roe,,\n',
        "first/line_roles.csv": LINES_HEADER + "e,a,1,headline,,\ne,a,2,body,,\ne,a,3,body,,\ne,a,4,promo,,\n",
        "second/line_roles.csv": LINES_HEADER + "e,a,1,headline,,\ne,a,2,body,,\ne,a,3,body,,\ne,a,4,chrome,,\n",
    }
    for name, text in files.items():
        path = tmp_path / "double" / "e" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    gold = tmp_path / "gold" / "e"
    gold.mkdir(parents=True)
    (gold / "pairs.csv").write_text(
        PAIRS_HEADER + "e,a,b,copy,common,3,0,3,\ne,a,c,unrelated,,0,0,2,\ne,b,c,paraphrase,b,0,2,2,\n",
        encoding="utf-8")
    monkeypatch.setattr(agreement, "DOUBLE_DIR", tmp_path / "double")
    monkeypatch.setattr(agreement, "HELDOUT_ANNOTATIONS_DIR", tmp_path / "gold")
    return tmp_path


def test_agreement_known_answers(double):
    assert agreement.double_annotated_events(double / "double") == ["e"]
    table = agreement.agreement_table(["e"]).set_index("measure")
    every_pair = table.loc["relation, every pair"]
    assert (every_pair["agreeing"], every_pair["units"]) == (2, 3)
    # observed 2/3; chance: first (copy, unrelated, paraphrase), second (copy, unrelated,
    # partial_copy) -> p_e = 2/9; kappa = (2/3 - 2/9) / (1 - 2/9) = 4/7
    assert math.isclose(every_pair["kappa"], 4 / 7)
    assert table.loc["relation, of gold-related pairs", ["agreeing", "units"]].tolist() == [1, 2]
    assert table.loc["likely source, of pairs both call related", ["agreeing", "units"]].tolist() == [1, 2]
    assert table.loc["line role, every non-blank line", ["agreeing", "units"]].tolist() == [3, 4]
    assert table.loc["kind, of quotations both list", ["agreeing", "units"]].tolist() == [2, 3]
    # speech by both: "we will act" (Jane Roe / Roe: agree), "never" (John Doe / Jane Roe: not)
    assert table.loc["speaker, of speech quotations both list", ["agreeing", "units"]].tolist() == [1, 2]


def test_an_agreement_one_short_of_the_whole_is_not_printed_as_100_percent():
    import pandas as pd

    from newscompare.evaluation.agreement import share_text

    assert share_text(pd.Series({"percent": 707 / 710, "agreeing": 707, "units": 710})) == "99.6% (707 of 710)"
    assert share_text(pd.Series({"percent": 44 / 45, "agreeing": 44, "units": 45})) == "98% (44 of 45)"
