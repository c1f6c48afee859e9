"""Run passim on the held-out events and write its table (``make peers``; heldout/README.md).

Usage: python tools/run_passim.py --passim-src DIR --peers-env DIR [--commit SHA]
       [--work DIR] [--out DIR] [--events E1,E2] [--settings defaults]

passim runs in its own environment (``requirements-peers.txt`` and passim installed from
``--passim-src``), through ``spark-submit`` of passim's ``seriatim.py`` with
``--all-pairs --pairwise`` and without ``--packages``: the GraphFrames JAR that passim's
own command asks Maven for is needed only by the final clustering, which comes after
``align.json`` is written and is not used here, so the run ends with that step's
ClassNotFoundException and is accepted when ``align.json`` is complete (its ``_SUCCESS``
marker written).

Steps: the candidate settings (``newscompare.evaluation.passim_peer.CANDIDATE_SETTINGS``)
are run on the development events only and one is chosen by
``passim_peer.choose_setting``; then passim's defaults and the chosen setting are run on
all held-out events. Writes ``heldout/peers/passim_pairs.csv`` and ``passim_pairs.json``
(or into ``--out``). ``--events``/``--settings`` run a part only, without tuning (for the
slow test).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

import pandas as pd

from newscompare.evaluation import passim_peer
from newscompare.ingest.passim import read_passim_alignments

REQUIREMENTS = Path(__file__).resolve().parent.parent / "requirements-peers.txt"


def spark_command(peers_env: Path, passim_src: Path, setting: passim_peer.PassimSetting,
                  input_file: Path, out_dir: Path) -> list[str]:
    """The spark-submit command of one passim run (local mode, both cores)."""
    return [str(peers_env / "bin" / "spark-submit"), "--master", "local[2]",
            str(passim_src / "passim" / "seriatim.py"), "--all-pairs", "--pairwise",
            *setting.arguments(), "--fields", *passim_peer.PASSIM_FIELDS,
            "--filterpairs", passim_peer.PASSIM_FILTER, str(input_file), str(out_dir)]


def run_passim(peers_env: Path, passim_src: Path, setting: passim_peer.PassimSetting,
               input_file: Path, out_dir: Path) -> float:
    """Run passim once; return the wall-clock seconds. Fails unless align.json is complete."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    environment = dict(os.environ, SPARK_CONF_DIR=str(passim_src / "conf"),
                       PYSPARK_PYTHON=str(peers_env / "bin" / "python"))
    command = spark_command(peers_env, passim_src, setting, input_file, out_dir)
    print(" ".join(command), flush=True)
    start = time.monotonic()
    log = out_dir.with_suffix(".log")
    with open(log, "w", encoding="utf-8") as stream:
        finished = subprocess.run(command, env=environment, stdout=stream, stderr=subprocess.STDOUT,
                                  check=False)
    seconds = time.monotonic() - start
    if not (out_dir / "align.json" / "_SUCCESS").is_file():
        sys.exit(f"passim wrote no complete align.json (exit status {finished.returncode}); see {log}")
    print(f"  {seconds:.0f} s, exit status {finished.returncode} "
          "(the clustering after align.json needs the GraphFrames JAR)", flush=True)
    return seconds


def java_version() -> str:
    shown = subprocess.run(["java", "-version"], capture_output=True, text=True, check=True)
    return shown.stderr.splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passim-src", type=Path, required=True, help="passim's source folder")
    parser.add_argument("--peers-env", type=Path, required=True,
                        help="virtual environment with requirements-peers.txt and passim")
    parser.add_argument("--commit", default="", help="passim's commit (default: git rev-parse "
                        "in --passim-src)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newscompare-passim"),
                        help="scratch folder for passim's input and output")
    parser.add_argument("--out", type=Path, default=passim_peer.PEERS_DIR)
    parser.add_argument("--events", default="", help="comma-separated events (default: all)")
    parser.add_argument("--settings", default="", help="comma-separated settings to run, "
                        f"without tuning (of {passim_peer.DEFAULT} and the candidates)")
    args = parser.parse_args()
    # Everything a run needs, checked before anything is written: one line each.
    if not (args.passim_src / "passim" / "seriatim.py").is_file():
        sys.exit(f"error: {args.passim_src}: not a passim checkout (no passim/seriatim.py); "
                 "expected PASSIM_SRC to name passim's source folder")
    if not (args.peers_env / "bin" / "spark-submit").is_file():
        sys.exit(f"error: {args.peers_env}: has no bin/spark-submit; expected the environment "
                 "that `make peers` installs from requirements-peers.txt")
    if shutil.which("java") is None:
        sys.exit("error: java: not found; expected Java 17 (Debian: apt-get install openjdk-17-jre-headless)")
    commit = args.commit
    if not commit:
        found = subprocess.run(["git", "-C", str(args.passim_src), "rev-parse", "HEAD"],
                               capture_output=True, text=True, check=False)
        if found.returncode != 0:
            sys.exit(f"error: {args.passim_src}: not a git checkout; expected PASSIM_COMMIT=<passim's "
                     "commit> for a source folder without its history")
        commit = found.stdout.strip()

    split_of = passim_peer.heldout_events()
    events = sorted(args.events.split(",")) if args.events else sorted(split_of)
    development = [event for event in events if split_of[event] == "development"]
    args.work.mkdir(parents=True, exist_ok=True)
    records = passim_peer.peer_records(events)
    event_of = {record["id"]: record["event"] for record in records}
    inputs = {"all": passim_peer.records_jsonl(records),
              "development": passim_peer.records_jsonl([r for r in records if r["event"] in development])}
    for name, text in inputs.items():
        (args.work / f"{name}.jsonl").write_text(text, encoding="utf-8")
    settings = {passim_peer.DEFAULT: passim_peer.DEFAULT_SETTING, **passim_peer.CANDIDATE_SETTINGS}
    seconds: dict[str, float] = {}
    tuning: dict[str, dict[str, int]] = {}

    def run(name: str, setting: passim_peer.PassimSetting, on: str) -> pd.DataFrame:
        out_dir = args.work / f"{on}-{name}"
        seconds[f"{name} ({on} events)"] = round(run_passim(
            args.peers_env, args.passim_src, setting, args.work / f"{on}.jsonl", out_dir), 1)
        return passim_peer.alignment_pairs(read_passim_alignments(out_dir / "align.json"), event_of, name)

    if args.settings:
        chosen_names = args.settings.split(",")
        tables = [run(name, settings[name], "all") for name in chosen_names]
        recorded = {name: asdict(settings[name]) for name in chosen_names}
        chosen = ""
    else:
        for name, setting in passim_peer.CANDIDATE_SETTINGS.items():
            tuning[name] = passim_peer.link_counts(run(name, setting, "development"), development)
        chosen = passim_peer.choose_setting(tuning)
        tables = [run(passim_peer.DEFAULT, passim_peer.DEFAULT_SETTING, "all"),
                  run(chosen, settings[chosen], "all").assign(setting=passim_peer.SHORT_NEWS)]
        recorded = {passim_peer.DEFAULT: asdict(passim_peer.DEFAULT_SETTING),
                    passim_peer.SHORT_NEWS: asdict(settings[chosen])}
    seriatim = args.passim_src / "passim" / "seriatim.py"
    run_record = {
        "tool": "passim (https://github.com/dasmiq/passim)",
        "passim_commit": commit,
        "seriatim_sha256": hashlib.sha256(seriatim.read_bytes()).hexdigest(),
        "java": java_version(),
        "requirements": [line.split()[0] for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines()
                         if line and not line.startswith((" ", "#"))],
        "command": " ".join(spark_command(Path("ENV"), Path("PASSIM_SRC"), passim_peer.DEFAULT_SETTING,
                                          Path("input.jsonl"), Path("out"))),
        "padding": passim_peer.PASSIM_PAD,
        "series": "each article is its own series (its id); pairs are compared within an event",
        "settings": recorded,
        "short_news_chosen_as": chosen,
        "tuning_on_development": {name: {**counts, "f1": round(passim_peer.link_f1(counts), 4)}
                                  for name, counts in tuning.items()},
        "seconds": seconds,
        "events": events,
        "input_sha256": passim_peer.sha256_text(inputs["all"]),
        "texts": passim_peer.text_checksums(events),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    pd.concat(tables, ignore_index=True).to_csv(args.out / passim_peer.PAIRS_FILE.name, index=False,
                                                lineterminator="\n")
    (args.out / passim_peer.RUN_FILE.name).write_text(json.dumps(run_record, indent=1) + "\n",
                                                      encoding="utf-8")
    print(f"wrote {args.out / passim_peer.PAIRS_FILE.name} and {passim_peer.RUN_FILE.name}")


if __name__ == "__main__":
    main()
