"""passim, the field's own text-reuse detector, as a measured peer on the held-out events.

passim (David A. Smith; Apache Spark) is not on the package index and runs on a Java
virtual machine, so it never runs in the book or the unit tests: ``make peers``
(``tools/run_passim.py``) runs it in its own environment on the held-out texts and writes
a small committed table, ``heldout/peers/passim_pairs.csv``, with a sidecar
``passim_pairs.json`` recording passim's commit, the settings, the commands, how long they
took and the sha256 of every text it ran on. This module writes passim's input, turns its
alignments into that table, and reads and scores the table (no Spark needed).

What passim is given (:func:`peer_records`): each article's cleaned body, the text our
methods see (the body paragraphs joined by blank lines, as ``export-passim`` writes it),
with two changes that belong to the peer run and not to ``export-passim``'s format:

* every article is its own series, since passim never compares two texts of one series and
  later takes of one agency must be compared;
* the text starts with :data:`PASSIM_PAD` spaces: passim misses a reused passage that
  starts within the first n characters of a text (its choice of a source never leaves its
  initial score of minus infinity), and leading spaces move every passage past that.

passim answers "related or not" for a pair (it aligns passages; it states no relation
kind), so it is scored on that alone, like the MinHash peer's links.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from newscompare.analysis.reuse import RELATED_PAIR_RELATIONS
from newscompare.evaluation.heldout import (
    HELDOUT_DIR,
    METHOD_NAMES,
    SPLITS,
    event_names,
    figure_row,
    figure_text,
    first_upper,
    read_annotation,
    read_split,
)
from newscompare.ingest.corpus import read_articles
from newscompare.ingest.errors import CorpusError

PEERS_DIR = HELDOUT_DIR / "peers"
PAIRS_FILE = PEERS_DIR / "passim_pairs.csv"
RUN_FILE = PEERS_DIR / "passim_pairs.json"
#: Leading spaces given to every text: more than the largest n-gram order tried (see the
#: module docstring; the default n is 25).
PASSIM_PAD = 64
PAIR_COLUMNS = ["setting", "event", "article_a", "article_b", "passages", "longest_passage"]
#: The pair filter of passim's own ``passim`` command (texts of one series are never
#: compared), restricted to pairs of one event, since each event is its own story.
PASSIM_FIELDS = ("xxhash64(series) as gid", "xxhash64(event) as eid")
PASSIM_FILTER = "gid < gid2 AND eid = eid2"
DEFAULT = "defaults"
SHORT_NEWS = "short_news"
PASSIM_MEASURES = ("related pairs found", "links that are right", "false links, of unrelated pairs")


@dataclass(frozen=True)
class PassimSetting:
    """passim's n-gram and alignment parameters (its defaults unless given)."""

    n: int = 25  # character n-gram order
    min_df: int = 2  # an n-gram must occur in at least this many texts to be indexed
    max_df: int = 100  # ... and in at most this many
    min_match: int = 5  # matching n-grams before two texts are aligned
    min_align: int = 50  # characters of an aligned passage
    gap: int = 600  # passages further apart are aligned separately

    def arguments(self) -> list[str]:
        """passim's command-line options for this setting."""
        return ["-n", str(self.n), "--minDF", str(self.min_df), "--maxDF", str(self.max_df),
                "--min-match", str(self.min_match), "--min-align", str(self.min_align),
                "--gap", str(self.gap)]


DEFAULT_SETTING = PassimSetting()
#: The settings tried on the development events for short news texts. passim's defaults
#: were made for books and newspaper archives; independent reports of one event share
#: quotations, names and figures, which five matching 25-character n-grams and a 50-character
#: aligned passage are enough to link. The candidates ask for more evidence: a longer
#: aligned passage (150 characters, about one sentence of news), more matching n-grams
#: before a pair is aligned (15, about the n-grams of one long shared sentence), or both.
CANDIDATE_SETTINGS = {
    "min_align_150": PassimSetting(min_align=150),
    "min_match_15": PassimSetting(min_match=15),
    "min_match_15_min_align_150": PassimSetting(min_match=15, min_align=150),
}


def heldout_events(folder: Path = HELDOUT_DIR) -> dict[str, str]:
    """Event -> split, for the events of the development/test split."""
    split = read_split()
    return {event: split[event] for event in event_names(folder) if event in split}


def peer_records(events: list[str], folder: Path = HELDOUT_DIR) -> list[dict[str, str]]:
    """passim's input for the events: ``id``, ``series`` (the id itself), ``event``,
    ``date`` (earliest possible day) and ``text`` (:data:`PASSIM_PAD` spaces, then the
    cleaned body paragraphs joined by blank lines), by event then id."""
    return [
        {"id": article.row.fields["id"], "series": article.row.fields["id"], "event": event,
         "date": article.row.published.start.isoformat(),
         "text": " " * PASSIM_PAD + "\n\n".join(text for _, text in article.paragraphs)}
        for event in sorted(events) for article in read_articles(folder / event)
    ]


def records_jsonl(records: list[dict[str, str]]) -> str:
    """The records as JSON lines, as passim reads them."""
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def text_checksums(events: list[str], folder: Path = HELDOUT_DIR) -> dict[str, str]:
    """Path (``heldout/EVENT/FILE``) -> sha256 of the bytes, for every file of the events'
    folders that passim's input is made from (the manifest and the article texts)."""
    sums = {}
    for event in sorted(events):
        for path in sorted((folder / event).iterdir()):
            if path.is_file() and path.suffix in (".txt", ".csv"):
                sums[f"{folder.name}/{event}/{path.name}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return sums


def alignment_pairs(alignments: pd.DataFrame, event_of: dict[str, str], setting: str) -> pd.DataFrame:
    """passim's aligned passages (:func:`newscompare.ingest.passim.read_passim_alignments`)
    as one row per linked article pair (:data:`PAIR_COLUMNS`): how many passages, and the
    longest one's length in characters (the longer of its two sides)."""
    if alignments.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    table = alignments.copy()
    table["article_a"] = table[["id", "id2"]].min(axis=1)
    table["article_b"] = table[["id", "id2"]].max(axis=1)
    table["length"] = (table["end"] - table["begin"]).combine(table["end2"] - table["begin2"], max)
    pairs = (table.groupby(["article_a", "article_b"])
             .agg(passages=("length", "size"), longest_passage=("length", "max")).reset_index())
    pairs.insert(0, "event", pairs["article_a"].map(event_of))
    pairs.insert(0, "setting", setting)
    return pairs[PAIR_COLUMNS].sort_values(["event", "article_a", "article_b"], ignore_index=True)


def link_counts(pairs: pd.DataFrame, events: list[str]) -> dict[str, int]:
    """On the gold pairs of ``events``: related (gold), found (related and linked),
    unrelated (gold) and false_links (unrelated but linked)."""
    linked = {frozenset(p) for p in zip(pairs["article_a"], pairs["article_b"])}
    counts = {"related": 0, "found": 0, "unrelated": 0, "false_links": 0}
    for event in events:
        gold = read_annotation(event, "pairs")
        for a, b, relation in zip(gold["article_a"], gold["article_b"], gold["relation"]):
            said = frozenset((a, b)) in linked
            if relation in RELATED_PAIR_RELATIONS:
                counts["related"] += 1
                counts["found"] += said
            else:
                counts["unrelated"] += 1
                counts["false_links"] += said
    return counts


def link_f1(counts: dict[str, int]) -> float:
    """F1 of "related or not" from :func:`link_counts`."""
    linked = counts["found"] + counts["false_links"]
    return 2 * counts["found"] / (counts["related"] + linked) if counts["related"] + linked else 0.0


def choose_setting(tuning: dict[str, dict[str, int]]) -> str:
    """The candidate with the highest "related or not" F1 on the development events (ties:
    the first in :data:`CANDIDATE_SETTINGS` order): F1 weighs the related pairs missed
    against the unrelated pairs linked, the two errors a reader of a pair table pays for."""
    return max(tuning, key=lambda name: (link_f1(tuning[name]), -list(tuning).index(name)))


# --------------------------------------------------------------------------- the table
def read_peer_table(pairs_file: Path = PAIRS_FILE, run_file: Path = RUN_FILE
                    ) -> tuple[pd.DataFrame, dict]:
    """The committed passim table and its sidecar (what was run, on what, how long)."""
    for path in (pairs_file, run_file):
        if not path.is_file():
            raise CorpusError(path, "missing; expected the table `make peers` writes")
    pairs = pd.read_csv(pairs_file, dtype={"passages": int, "longest_passage": int},
                        keep_default_na=False)
    if list(pairs.columns) != PAIR_COLUMNS:
        raise CorpusError(pairs_file, f"has columns {list(pairs.columns)}; expected {PAIR_COLUMNS}",
                          line=1)
    return pairs, json.loads(run_file.read_text(encoding="utf-8"))


def stale_texts(run: dict, folder: Path = HELDOUT_DIR) -> list[str]:
    """The texts whose sha256 no longer matches the one recorded when passim ran (changed,
    added or removed), as project-relative paths; empty when the table is current."""
    current = text_checksums(list(run["events"]), folder)
    recorded = run["texts"]
    return sorted(path for path in set(current) | set(recorded) if current.get(path) != recorded.get(path))


def passim_pair_labels(pairs: pd.DataFrame, settings: tuple[str, ...] = (DEFAULT, SHORT_NEWS)
                       ) -> pd.DataFrame:
    """One row per gold pair of the held-out events: event, split, article_a, article_b,
    gold (relation), and one column per setting, ``related`` when passim linked the pair
    at that setting, else ``unrelated``."""
    frames = []
    for event, split in heldout_events().items():
        gold = read_annotation(event, "pairs")
        table = pd.DataFrame({"event": event, "split": split, "article_a": gold["article_a"],
                              "article_b": gold["article_b"], "gold": gold["relation"]})
        for setting in settings:
            chosen = pairs[(pairs["setting"] == setting) & (pairs["event"] == event)]
            linked = {frozenset(p) for p in zip(chosen["article_a"], chosen["article_b"])}
            table[f"passim_{setting}"] = ["related" if frozenset(p) in linked else "unrelated"
                                          for p in zip(table["article_a"], table["article_b"])]
        frames.append(table)
    return pd.concat(frames, ignore_index=True)


def passim_figures(labels: pd.DataFrame) -> pd.DataFrame:
    """The figures of :data:`PASSIM_MEASURES` for each passim column of ``labels``
    (:func:`passim_pair_labels`), per split, as rows of the held-out figures table (task
    ``pairs``, method ``passim_<setting>``)."""
    rows = []
    methods = [column for column in labels.columns if column.startswith("passim_")]
    for split in SPLITS:
        chosen = labels[labels["split"] == split]
        if chosen.empty:
            continue
        related = chosen["gold"].isin(RELATED_PAIR_RELATIONS)
        for method in methods:
            said = chosen[method] == "related"
            rows.append(figure_row(split, "pairs", PASSIM_MEASURES[0], method,
                                   int((related & said).sum()), int(related.sum())))
            rows.append(figure_row(split, "pairs", PASSIM_MEASURES[1], method,
                                   int((related & said).sum()), int(said.sum())))
            rows.append(figure_row(split, "pairs", PASSIM_MEASURES[2], method,
                                   int((~related & said).sum()), int((~related).sum())))
    return pd.DataFrame(rows)


PASSIM_NAMES = {f"passim_{DEFAULT}": "passim (its defaults)",
                f"passim_{SHORT_NEWS}": "passim (short news)"}


def passim_comparison_table(figures: pd.DataFrame, passim: pd.DataFrame,
                            others: tuple[str, ...] = ("ours", "minhash")) -> pd.DataFrame:
    """Split, Measure, then one column per method (``others`` from the held-out figures,
    then passim's settings), each cell as in :func:`heldout.figures_table`, for the
    measures passim answers."""
    chosen = pd.concat([figures[figures["method"].isin(others)], passim], ignore_index=True)
    methods = list(others) + list(dict.fromkeys(passim["method"]))
    records = []
    for split in SPLITS:
        for measure in PASSIM_MEASURES:
            # Our development figures come from the models fitted on all of it (the
            # leave-one-event-out ones are in the reuse chapter), as the table of figures says.
            events = first_upper(split) + (" (our models fitted on all of it)" if split == "development" else "")
            records.append({"Events": events, "Measure": first_upper(measure),
                            **{PASSIM_NAMES.get(m, METHOD_NAMES.get(m, m)):
                               figure_text(chosen, split, "pairs", measure, m) for m in methods}})
    return pd.DataFrame(records)


def describe_setting(setting: PassimSetting) -> str:
    """The passim options of ``setting`` that differ from its defaults, named without their
    leading dashes (which typesetting would turn into a dash), e.g. "min-align 300"
    ("passim's defaults" when none does)."""
    default = asdict(DEFAULT_SETTING)
    changed = [f"{option.lstrip('-')} {value}" for (field, value), option in
               zip(asdict(setting).items(), setting.arguments()[0::2]) if default[field] != value]
    return ", ".join(changed) or "passim's defaults"


def setting_text(run: dict, name: str) -> str:
    """:func:`describe_setting` of a setting recorded in the run (its sidecar)."""
    return describe_setting(PassimSetting(**run["settings"][name]))


def candidates_text() -> str:
    """The candidate settings for short news, described, joined by semicolons."""
    return "; ".join(describe_setting(setting) for setting in CANDIDATE_SETTINGS.values())
