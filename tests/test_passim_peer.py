"""passim as a peer: its committed table is current, and its scoring has known answers.

The table in heldout/peers/ is written by `make peers` (Spark); these tests read it only,
except the slow one, which reruns passim when Java and the peers' environment are there
(NEWSCOMPARE_PEERS_ENV and PASSIM_SRC name them).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pandas as pd
import pytest

from newscompare.evaluation import passim_peer
from newscompare.evaluation.heldout import PROJECT_ROOT


def test_passim_table_ran_on_the_current_heldout_texts():
    # A held-out text changed, added or removed since `make peers` makes the table stale.
    _, run = passim_peer.read_peer_table()
    assert passim_peer.stale_texts(run) == [], (
        "heldout texts changed since passim ran: rerun `make peers PASSIM_SRC=... PEERS_ENV=...`")


def test_passim_table_ran_on_the_current_cleaned_input():
    # The same for passim's input as the cleaning makes it now (a changed cleaning rule).
    _, run = passim_peer.read_peer_table()
    text = passim_peer.records_jsonl(passim_peer.peer_records(run["events"]))
    assert passim_peer.sha256_text(text) == run["input_sha256"], (
        "passim's input changed since passim ran: rerun `make peers PASSIM_SRC=... PEERS_ENV=...`")


def test_stale_texts_names_a_changed_text(tmp_path):
    folder = tmp_path / "heldout"
    shutil.copytree(passim_peer.HELDOUT_DIR / "aviation", folder / "aviation")
    run = {"events": ["aviation"], "texts": passim_peer.text_checksums(["aviation"])}
    assert passim_peer.stale_texts(run, folder) == []
    (folder / "aviation" / "aviation-03.txt").write_text("changed\n", encoding="utf-8")
    assert passim_peer.stale_texts(run, folder) == ["heldout/aviation/aviation-03.txt"]


def test_peer_records_give_each_article_its_own_series_and_pad_the_text():
    records = passim_peer.peer_records(["aviation"])
    assert [r["series"] for r in records] == [r["id"] for r in records]
    assert all(r["text"].startswith(" " * passim_peer.PASSIM_PAD) for r in records)
    assert not records[0]["text"][passim_peer.PASSIM_PAD].isspace()


def test_alignment_pairs_counts_passages_per_unordered_pair():
    alignments = pd.DataFrame({"id": ["b", "a", "a"], "id2": ["a", "b", "c"],
                               "begin": [0, 10, 0], "end": [100, 50, 60],
                               "begin2": [0, 0, 5], "end2": [120, 30, 65]})
    pairs = passim_peer.alignment_pairs(alignments, {"a": "e", "b": "e", "c": "e"}, "defaults")
    assert pairs.to_dict("records") == [
        {"setting": "defaults", "event": "e", "article_a": "a", "article_b": "b",
         "passages": 2, "longest_passage": 120},
        {"setting": "defaults", "event": "e", "article_a": "a", "article_b": "c",
         "passages": 1, "longest_passage": 60},
    ]


def test_link_f1_and_choice():
    # F1 = 2 * found / (related + linked): 2*8 / (10 + 8 + 2) = 0.8; 2*6 / (10 + 6) = 0.75.
    tuning = {"loose": {"related": 10, "found": 8, "unrelated": 50, "false_links": 2},
              "strict": {"related": 10, "found": 6, "unrelated": 50, "false_links": 0}}
    assert passim_peer.link_f1(tuning["loose"]) == pytest.approx(0.8)
    assert passim_peer.link_f1(tuning["strict"]) == pytest.approx(0.75)
    assert passim_peer.choose_setting(tuning) == "loose"


def test_passim_figures_count_found_right_and_false_links():
    labels = pd.DataFrame({"split": ["test"] * 4, "gold": ["copy", "paraphrase", "unrelated", "unrelated"],
                           "passim_defaults": ["related", "unrelated", "related", "unrelated"]})
    figures = passim_peer.passim_figures(labels).set_index("measure")
    assert figures.loc["related pairs found", ["successes", "total"]].tolist() == [1, 2]
    assert figures.loc["links that are right", ["successes", "total"]].tolist() == [1, 2]
    assert figures.loc["false links, of unrelated pairs", ["successes", "total"]].tolist() == [1, 2]


def test_setting_text_names_what_differs_from_passim_defaults():
    run = {"settings": {"defaults": {}, "short": {"min_align": 300}}}
    assert passim_peer.setting_text(run, "defaults") == "passim's defaults"
    assert passim_peer.setting_text(run, "short") == "min-align 300"


def test_recorded_tuning_is_that_of_the_candidate_settings():
    # The sidecar names the candidates; the package defines them: the two must agree.
    _, run = passim_peer.read_peer_table()
    assert list(run["tuning_on_development"]) == list(passim_peer.CANDIDATE_SETTINGS)
    chosen = passim_peer.CANDIDATE_SETTINGS[run["short_news_chosen_as"]]
    assert run["settings"][passim_peer.SHORT_NEWS] == asdict(chosen)
    assert run["settings"][passim_peer.DEFAULT] == asdict(passim_peer.DEFAULT_SETTING)
    assert run["short_news_chosen_as"] == passim_peer.choose_setting(
        {name: {key: counts[key] for key in ("related", "found", "unrelated", "false_links")}
         for name, counts in run["tuning_on_development"].items()})


def _peers_missing() -> str:
    """Why passim cannot be rerun here ("" when it can)."""
    if shutil.which("java") is None:
        return "no `java` on PATH (passim runs on Spark, which needs Java 17)"
    for variable in ("NEWSCOMPARE_PEERS_ENV", "PASSIM_SRC"):
        if not os.environ.get(variable):
            return (f"{variable} is not set (NEWSCOMPARE_PEERS_ENV: the environment `make peers` "
                    "installs; PASSIM_SRC: a passim source checkout)")
    if not (Path(os.environ["NEWSCOMPARE_PEERS_ENV"]) / "bin" / "spark-submit").is_file():
        return "NEWSCOMPARE_PEERS_ENV has no bin/spark-submit (run `make peers` once)"
    return ""


@pytest.mark.slow
def test_passim_rerun_gives_the_committed_pairs(tmp_path):
    reason = _peers_missing()
    if reason:
        pytest.skip(f"passim not rerun: {reason}")
    committed, run = passim_peer.read_peer_table()
    subprocess.run([sys.executable, str(PROJECT_ROOT / "tools" / "run_passim.py"),
                    "--passim-src", os.environ["PASSIM_SRC"],
                    "--peers-env", os.environ["NEWSCOMPARE_PEERS_ENV"],
                    "--commit", run["passim_commit"], "--settings", passim_peer.DEFAULT,
                    "--work", str(tmp_path / "work"), "--out", str(tmp_path / "out")], check=True)
    rerun, _ = passim_peer.read_peer_table(tmp_path / "out" / passim_peer.PAIRS_FILE.name,
                                           tmp_path / "out" / passim_peer.RUN_FILE.name)
    expected = committed[committed["setting"] == passim_peer.DEFAULT].reset_index(drop=True)
    pd.testing.assert_frame_equal(rerun, expected)


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
@pytest.mark.parametrize("variable", ["PASSIM_SRC", "PEERS_ENV"])
def test_make_peers_refuses_a_dollar_on_its_command_line(tmp_path, variable):
    # make expands $(...) in a command-line value before the recipe sees it: PEERS_ENV=a/$(x)b
    # would make an environment at a/b, a folder nobody named. Refused before anything is made.
    passim = tmp_path / "passim"
    (passim / "passim").mkdir(parents=True)
    (passim / "passim" / "seriatim.py").write_text("")
    values = {"PASSIM_SRC": str(passim), "PEERS_ENV": str(tmp_path / "env")}
    values[variable] = str(tmp_path / f"$(touch {tmp_path}/injected)x")
    result = subprocess.run(["make", "-s", "-C", str(PROJECT_ROOT), "-o", ".venv/.installed",
                             f"BIN={Path(sys.executable).parent}", "peers",
                             *(f"{name}={value}" for name, value in values.items())],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    # make's own "make: ***" line (or "make[3]: ***" when the tests run under make).
    errors = [line for line in result.stderr.splitlines() if not re.match(r"make(\[\d+\])?: \*\*\*", line)]
    assert len(errors) == 1 and errors[0].startswith(f"error: make peers: {variable} holds a $")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["passim"]
