"""Scoring on the held-out collection: real coverage of other events, annotated by hand
before any method was run on it (``heldout/README.md``, ``heldout/GUIDELINES.md``).

Each event folder is analysed as its own corpus, exactly as a researcher would run the
package on their story. Every figure is computed per split (``development`` events, on
which rules may be tuned; ``test`` events, scored once the rules are frozen) and per
method: ours, the two baselines (:mod:`newscompare.evaluation.baselines`) and the published peers
(:mod:`newscompare.evaluation.peers`).

The tables are tidy: one row per unit (pair, sentence unit, quotation) with the gold label
and each method's answer; :func:`headline_figures` turns them into proportions with
Wilson 95% intervals, since the counts are small.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from pathlib import Path

import pandas as pd

from newscompare.analysis.entities import entity_table
from newscompare.analysis.pair_model import UNDETERMINED
from newscompare.analysis.quotes import extract_quotes
from newscompare.analysis.reuse import RELATED_PAIR_RELATIONS, align_sentences, article_pairs
from newscompare.evaluation.annotations import evaluate_entities, pair_quotations
from newscompare.evaluation.baselines import align_churnalism, align_difflib, churnalism_pairs, difflib_pairs
from newscompare.evaluation.peers import minhash_pairs, textacy_quotations
from newscompare.evaluation.validation import compare_sentence_labels
from newscompare.ingest.corpus import Corpus, load_corpus
from newscompare.ingest.errors import CorpusError
from newscompare.ingest.paths import PROJECT_ROOT
from newscompare.ingest.text import normalize, words

HELDOUT_DIR = PROJECT_ROOT / "heldout"
HELDOUT_ANNOTATIONS_DIR = HELDOUT_DIR / "annotations"
SPLIT_FILE = HELDOUT_DIR / "split.json"
#: The draw that split the events (``heldout/README.md``, step 4): fixed before the split
#: was made, so that anyone can redo it.
SPLIT_SEED = 20261123
TEST_EVENT_COUNT = 2
SPLITS = ("test", "development")
PAIR_METHODS = ("ours", "churnalism", "difflib", "minhash")
SENTENCE_METHODS = ("ours", "churnalism", "difflib")
QUOTE_METHODS = ("ours", "textacy")
SPEECH_KINDS = ("full", "partial")
#: Two quotation texts are the same quotation when their word lists are equal, or, failing
#: that, when difflib's ratio of the word lists is at least this (an extractor that keeps
#: a trailing comma or splits at an inner mark still found the quotation).
QUOTE_MATCH_RATIO = 0.8
#: z for a two-sided 95% interval.
WILSON_Z = 1.959964
FIGURE_DECIMALS = 3


def event_names(folder: Path = HELDOUT_DIR) -> list[str]:
    """Every event folder (a sub-folder holding a manifest), sorted."""
    return sorted(p.name for p in folder.iterdir() if (p / "manifest.csv").is_file())


def draw_split(events: list[str], seed: int = SPLIT_SEED,
               test_count: int = TEST_EVENT_COUNT) -> dict[str, str]:
    """Event -> "test" or "development" by a seeded draw of ``test_count`` test events."""
    test = set(random.Random(seed).sample(sorted(events), test_count))
    return {event: ("test" if event in test else "development") for event in sorted(events)}


def read_split(path: Path = SPLIT_FILE) -> dict[str, str]:
    """Event -> split, as recorded in ``split.json`` when the split was made."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {event: split for split in SPLITS for event in data[split]}


def read_annotation(event: str, name: str, folder: Path = HELDOUT_ANNOTATIONS_DIR) -> pd.DataFrame:
    """One annotation table of one event (``pairs``, ``sentence_provenance``, ``quotes``,
    ``entities``), every cell as text."""
    path = folder / event / f"{name}.csv"
    if not path.is_file():
        raise CorpusError(path, f"no {name} annotation; expected {path.name} for event {event!r}")
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@dataclass(eq=False)
class EventResult:
    """One event's corpus with every method's output on it."""

    event: str
    split: str
    corpus: Corpus
    alignments: dict[str, pd.DataFrame]  # method -> alignment table
    pairs: dict[str, pd.DataFrame]  # method -> pair table
    quotes: dict[str, pd.DataFrame]  # method -> quotations
    entities: pd.DataFrame


def analyse_event(event: str, split: str, folder: Path = HELDOUT_DIR) -> EventResult:
    """Load one event folder and run our methods, the baselines and the peers on it."""
    corpus = load_corpus(folder / event)
    ours = align_sentences(corpus)
    by_difflib = align_difflib(corpus)  # once: its pairs are read from the same alignment
    return EventResult(
        event=event, split=split, corpus=corpus,
        alignments={"ours": ours, "churnalism": align_churnalism(corpus), "difflib": by_difflib},
        pairs={"ours": article_pairs(corpus, alignments=ours),
               "churnalism": churnalism_pairs(corpus),
               "difflib": difflib_pairs(corpus, alignment=by_difflib),
               "minhash": minhash_pairs(corpus)},
        quotes={"ours": extract_quotes(corpus), "textacy": textacy_quotations(corpus)},
        entities=entity_table(corpus),
    )


@cache
def analyse_collection(splits: tuple[str, ...] = SPLITS) -> tuple[EventResult, ...]:
    """Every event of the chosen splits, analysed (cached: the chapter asks several times)."""
    split_of = read_split()
    return tuple(analyse_event(event, split_of[event]) for event in event_names()
                 if split_of.get(event) in splits)


# --------------------------------------------------------------------------- pairs
def pair_labels(results: tuple[EventResult, ...]) -> pd.DataFrame:
    """One row per annotated pair: event, split, article_a, article_b, gold (relation),
    gold_source and ours_source (the direction: an article id, "common" or "" for
    undetermined), and one column per method in :data:`PAIR_METHODS` (a pair a method does
    not list is unrelated)."""
    frames = []
    for result in results:
        gold = read_annotation(result.event, "pairs")
        table = gold[["article_a", "article_b"]].copy()
        table.insert(0, "split", result.split)
        table.insert(0, "event", result.event)
        table["gold"] = gold["relation"].to_numpy()
        table["gold_source"] = gold["likely_source"].to_numpy()
        ours = {frozenset((r.article_a, r.article_b)): r.likely_source
                for r in result.pairs["ours"].itertuples()}
        table["ours_source"] = [ours.get(frozenset((a, b)), "")
                                for a, b in zip(table["article_a"], table["article_b"])]
        for method in PAIR_METHODS:
            predicted = {frozenset((r.article_a, r.article_b)): r.relation
                         for r in result.pairs[method].itertuples()}
            table[method] = [predicted.get(frozenset((a, b)), "unrelated")
                             for a, b in zip(table["article_a"], table["article_b"])]
        frames.append(table)
    return pd.concat(frames, ignore_index=True)


# --------------------------------------------------------------------------- sentences
def _sub_corpus(corpus: Corpus, ids: set[str]) -> Corpus:
    """The same corpus restricted to ``ids`` (the articles of a provenance annotation)."""
    return Corpus(
        folder=corpus.folder,
        articles=corpus.articles[corpus.articles["id"].isin(ids)].reset_index(drop=True),
        lines=corpus.lines[corpus.lines["article"].isin(ids)].reset_index(drop=True),
        sentences=corpus.sentences[corpus.sentences["article"].isin(ids)].reset_index(drop=True),
        spans={key: span for key, span in corpus.spans.items() if key[0] in ids},
    )


#: Words of ``sentence_start`` compared with the start of a sentence of the corpus.
START_WORDS = 8


def renumber_provenance(gold: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """The provenance annotation with its sentence numbers moved to the corpus as it is
    loaded now.

    Annotators numbered sentences with the line roles of the day; a later cleaning rule
    that drops a furniture line as chrome shifts the numbers. Each annotated sentence is
    found again by its ``sentence_start`` (first words, in order of the article); an
    annotated sentence that is no longer body text (or cannot be found) is dropped with
    every link to it, since it is no longer a unit of the method."""
    mapping: dict[tuple[str, int], int] = {}
    starts = (gold[["article", "sentence_index", "sentence_start"]].drop_duplicates(["article", "sentence_index"])
              .assign(order=lambda t: t["sentence_index"].astype(int))
              .sort_values(["article", "order"]))
    for article, rows in starts.groupby("article"):
        current = corpus.sentences[corpus.sentences["article"] == article].sort_values("sentence_index")
        candidates = [(int(i), words(text)) for i, text in zip(current["sentence_index"], current["sentence"])]
        position = 0
        for row in rows.itertuples():
            target = words(row.sentence_start)[:START_WORDS]
            for k in range(position, len(candidates)):
                if target and candidates[k][1][:len(target)] == target:
                    mapping[(article, int(row.sentence_index))] = candidates[k][0]
                    position = k + 1
                    break
    records = []
    for row in gold.to_dict("records"):
        key = (row["article"], int(row["sentence_index"]))
        if key not in mapping:
            continue
        row["sentence_index"] = str(mapping[key])
        if row["match_article"]:
            moved = [mapping.get((row["match_article"], int(k)))
                     for k in str(row["match_sentence_index"]).split(";") if k.strip()]
            moved = [str(k) for k in moved if k is not None]
            if not moved:
                row.update(match_article="", match_sentence_index="", relation="none")
            else:
                row["match_sentence_index"] = ";".join(moved)
        records.append(row)
    return pd.DataFrame(records, columns=gold.columns)


def sentence_labels(results: tuple[EventResult, ...]) -> pd.DataFrame:
    """One row per (sentence, other article) unit of the provenance annotation: event,
    split, article, sentence_index, other_article, gold, and one column per method in
    :data:`SENTENCE_METHODS`. Units are those among the annotated articles only."""
    frames = []
    for result in results:
        gold = renumber_provenance(read_annotation(result.event, "sentence_provenance"),
                                   result.corpus)
        ids = set(gold["article"])
        sub = _sub_corpus(result.corpus, ids)
        gold = gold[gold["match_article"].isin(ids) | (gold["match_article"] == "")]
        table = None
        for method in SENTENCE_METHODS:
            alignment = result.alignments[method]
            alignment = alignment[alignment["article"].isin(ids)
                                  & (alignment["match_article"].isin(ids)
                                     | (alignment["relation"] == "none"))]
            labels = compare_sentence_labels(gold, alignment, sub)
            if table is None:
                table = labels[["article", "sentence_index", "other_article", "gold"]].copy()
            table[method] = labels["predicted"].to_numpy()
        table.insert(0, "split", result.split)
        table.insert(0, "event", result.event)
        frames.append(table)
    return pd.concat(frames, ignore_index=True)


# --------------------------------------------------------------------------- quotations
def _speaker_forms(speaker: str, acceptable: str) -> set[str]:
    forms = {speaker, *acceptable.split(";")}
    return {_plain(form) for form in forms if form.strip()}


def _plain(name: str) -> str:
    """A name compared without case, article, possessive or punctuation: "A senior police
    officer" is the annotators' "senior police officer", as "the palace" is "palace"."""
    tokens = [w for w in words(normalize(name)) if w not in ("the", "s")]
    if tokens[:1] in (["a"], ["an"]):
        tokens = tokens[1:]
    return " ".join(tokens)


def speaker_acceptable(extracted: str, speaker: str, acceptable: str) -> bool:
    """Whether an extracted speaker names the annotated one: the same name, one of the
    acceptable forms, or the same surname (last word) of a multi-word gold name."""
    got = _plain(extracted)
    if not got or not speaker.strip():
        return False
    forms = _speaker_forms(speaker, acceptable)
    if got in forms:
        return True
    gold_words = _plain(speaker).split()
    return len(gold_words) > 1 and got.split()[-1] == gold_words[-1]


def speaker_right(extracted: str, speaker: str, acceptable: str) -> bool:
    """Whether a reported speaker is right: an acceptable form of the annotated speaker, or
    no speaker where the annotation has none (a text cut off before its attribution)."""
    if not speaker.strip():
        return not extracted.strip()
    return speaker_acceptable(extracted, speaker, acceptable)


def quote_matches(results: tuple[EventResult, ...]) -> pd.DataFrame:
    """Every annotated quoted span and every reported quotation, matched per method.

    One row per (method, annotated span) and per unmatched reported quotation: event,
    split, method, article, quote, gold_kind ("" for a reported quotation with no
    annotated span), gold_speaker, reported (bool), reported_speaker, speaker_ok (bool,
    :func:`speaker_right`; only meaningful for reported speech)."""
    records = []
    for result in results:
        gold = read_annotation(result.event, "quotes")
        for method in QUOTE_METHODS:
            reported = result.quotes[method]
            hits = pair_quotations(reported, gold, QUOTE_MATCH_RATIO)
            used = set(hits.values())
            for position, row in enumerate(gold.itertuples()):
                hit = hits.get(position)
                speaker = "" if hit is None else str(reported.at[hit, "speaker"])
                records.append({
                    "event": result.event, "split": result.split, "method": method,
                    "article": row.article, "quote": row.quote, "gold_kind": row.kind,
                    "gold_speaker": row.speaker, "reported": hit is not None,
                    "reported_speaker": speaker,
                    "speaker_ok": hit is not None and speaker_right(
                        speaker, row.speaker, row.acceptable_speakers),
                })
            for index, row in reported.iterrows():
                if index not in used:
                    records.append({
                        "event": result.event, "split": result.split, "method": method,
                        "article": row["article"], "quote": row["quote"], "gold_kind": "",
                        "gold_speaker": "", "reported": True,
                        "reported_speaker": row["speaker"], "speaker_ok": False,
                    })
    return pd.DataFrame(records)


# --------------------------------------------------------------------------- entities
def entity_figures(results: tuple[EventResult, ...]) -> pd.DataFrame:
    """Entity precision and recall per split (article-level canonical names, as for the
    seeds): split, annotated, extracted, found."""
    records = []
    for split in SPLITS:
        chosen = [r for r in results if r.split == split]
        if not chosen:
            continue
        gold = pd.concat([read_annotation(r.event, "entities")[["article", "canonical", "label"]]
                          for r in chosen], ignore_index=True)
        extracted = pd.concat([r.entities for r in chosen], ignore_index=True)
        row = evaluate_entities(extracted, gold).iloc[-1]
        records.append({"split": split, "annotated": int(row.annotated),
                        "extracted": int(row.extracted), "found": int(row.found)})
    return pd.DataFrame(records)


# --------------------------------------------------------------------------- figures
def wilson_interval(successes: int, total: int, z: float = WILSON_Z) -> tuple[float, float]:
    """Wilson score interval of a proportion (NaNs when ``total`` is 0)."""
    if total == 0:
        return float("nan"), float("nan")
    p = successes / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return max(0.0, centre - half), min(1.0, centre + half)


def figure_row(split: str, task: str, measure: str, method: str, successes: int, total: int
            ) -> dict:
    low, high = wilson_interval(successes, total)
    value = successes / total if total else float("nan")
    return {"split": split, "task": task, "measure": measure, "method": method,
            "successes": successes, "total": total,
            "value": round(value, FIGURE_DECIMALS), "low": round(low, FIGURE_DECIMALS),
            "high": round(high, FIGURE_DECIMALS)}


def _detection_figures(labels: pd.DataFrame, split: str, task: str, methods: tuple[str, ...],
                       is_reuse, measures: tuple[str, str]) -> list[dict]:
    """For each method: reuse found (recall), reuse answers that are right (precision) and
    exact relation. ``is_reuse`` maps a label to True when it says "related"/"reused"."""
    rows = []
    gold = is_reuse(labels["gold"])
    found, right = measures
    for method in methods:
        said = is_reuse(labels[method])
        rows.append(figure_row(split, task, found, method, int((gold & said).sum()), int(gold.sum())))
        rows.append(figure_row(split, task, right, method, int((gold & said).sum()), int(said.sum())))
        rows.append(figure_row(split, task, "exact relation", method,
                            int((labels["gold"] == labels[method]).sum()), len(labels)))
    return rows


def pair_figures(labels: pd.DataFrame, split: str, methods: tuple[str, ...] = PAIR_METHODS) -> list[dict]:
    """Related pairs found (recall), links that are right (precision), exact relation over
    all pairs, exact relation of the gold-related pairs, and false links as a share of the
    gold-unrelated pairs, for every pair method; for ours also the pairs it leaves
    undetermined (listed to check by hand), as a share of all pairs."""
    rows = _detection_figures(labels, split, "pairs", methods,
                              lambda column: column.isin(RELATED_PAIR_RELATIONS),
                              ("related pairs found", "links that are right"))
    related = labels[labels["gold"].isin(RELATED_PAIR_RELATIONS)]
    unrelated = labels[~labels["gold"].isin(RELATED_PAIR_RELATIONS)]
    for method in methods:
        rows.append(figure_row(split, "pairs", "exact relation, of related pairs", method,
                            int((related["gold"] == related[method]).sum()), len(related)))
        rows.append(figure_row(split, "pairs", "false links, of unrelated pairs", method,
                            int(unrelated[method].isin(RELATED_PAIR_RELATIONS).sum()), len(unrelated)))
    if "ours" in methods:
        rows.append(figure_row(split, "pairs", "pairs left undetermined", "ours",
                               int((labels["ours"] == UNDETERMINED).sum()), len(labels)))
    return rows


#: Gold direction classes (guidelines 3a): the source is one of the two articles, or both
#: come from a text outside the collection.
DIRECTION_CLASSES = ("an article", "common")


def direction_class(gold_source: str) -> str:
    """The class of a gold direction: "an article", "common" or "undetermined"."""
    if gold_source == "common":
        return "common"
    return "an article" if gold_source else "undetermined"


def direction_figures(labels: pd.DataFrame, split: str) -> list[dict]:
    """Over gold-related pairs: directions right per gold class (ours, and the answer
    "always common" as the floor a method must beat), and directions stated (any answer
    but undetermined) of all gold-related pairs."""
    related = labels[labels["gold"].isin(RELATED_PAIR_RELATIONS)]
    classes = related["gold_source"].map(direction_class)
    answers = {"ours": related["ours_source"], "always_common": pd.Series("common", index=related.index)}
    rows = []
    for method, said in answers.items():
        for name in DIRECTION_CLASSES:
            chosen = classes == name
            rows.append(figure_row(split, "direction", f"directions right: {name}", method,
                                int((said[chosen] == related["gold_source"][chosen]).sum()),
                                int(chosen.sum())))
        rows.append(figure_row(split, "direction", "directions stated, of related pairs", method,
                            int((said != "").sum()), len(related)))
    return rows


def sentence_figures(labels: pd.DataFrame, split: str) -> list[dict]:
    """Reused sentences found, reuse links that are right, exact relation, and F1 of the
    reuse links (2 right / (2 right + wrong + missed), so it can be counted like a share)."""
    rows = _detection_figures(labels, split, "sentences", SENTENCE_METHODS,
                              lambda column: column != "none",
                              ("reused sentences found", "reuse links that are right"))
    gold = labels["gold"] != "none"
    for method in SENTENCE_METHODS:
        said = labels[method] != "none"
        right, wrong, missed = int((gold & said).sum()), int((~gold & said).sum()), int((gold & ~said).sum())
        rows.append(_f1_figure(split, "sentences", "reuse links, F1", method, right, wrong, missed))
    return rows


def _f1_figure(split: str, task: str, measure: str, method: str, right: int, wrong: int,
               missed: int) -> dict:
    """F1 as successes (2 x right) over total (2 x right + wrong + missed); no interval,
    since F1 is not a proportion of independent units."""
    row = figure_row(split, task, measure, method, 2 * right, 2 * right + wrong + missed)
    row.update(low=float("nan"), high=float("nan"))
    return row


# --------------------------------------------------------------------------- line roles
#: Gold line roles that are page furniture: kept as body, they enter every analysis.
FURNITURE_ROLES = ("chrome", "promo", "caption", "footer")


def line_labels(results: tuple[EventResult, ...]) -> pd.DataFrame:
    """One row per annotated line (events with ``line_roles.csv`` only): event, split,
    article, line, gold role, and ours (the package's role of that line)."""
    frames = []
    for result in results:
        path = HELDOUT_ANNOTATIONS_DIR / result.event / "line_roles.csv"
        if not path.is_file():
            continue
        gold = read_annotation(result.event, "line_roles")
        ours = {(r.article, int(r.line_number)): r.role for r in result.corpus.lines.itertuples()}
        frames.append(pd.DataFrame({
            "event": result.event, "split": result.split, "article": gold["article"],
            "line": gold["line"].astype(int), "gold": gold["role"],
            "ours": [ours.get((a, int(n)), "") for a, n in zip(gold["article"], gold["line"])],
        }))
    columns = ["event", "split", "article", "line", "gold", "ours"]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


def line_figures(labels: pd.DataFrame, split: str) -> list[dict]:
    """Furniture lines kept as body, body lines kept, headlines found."""
    furniture = labels[labels["gold"].isin(FURNITURE_ROLES)]
    body = labels[labels["gold"] == "body"]
    headlines = labels[labels["gold"] == "headline"]
    return [
        figure_row(split, "lines", "furniture lines kept as body", "ours",
                int((furniture["ours"] == "body").sum()), len(furniture)),
        figure_row(split, "lines", "body lines kept as body", "ours",
                int((body["ours"] == "body").sum()), len(body)),
        figure_row(split, "lines", "headlines found", "ours",
                int((headlines["ours"] == "headline").sum()), len(headlines)),
    ]


def quote_figures(matches: pd.DataFrame, split: str) -> list[dict]:
    """Speech found, acceptable speaker among speech found, and the share of reported
    quotations that are non-speech spans, for each quotation method."""
    rows = []
    for method in QUOTE_METHODS:
        mine = matches[matches["method"] == method]
        speech = mine[mine["gold_kind"].isin(SPEECH_KINDS)]
        found = speech[speech["reported"]]
        reported = mine[mine["reported"]]
        rows.append(figure_row(split, "quotations", "speech quotations found", method,
                            len(found), len(speech)))
        rows.append(figure_row(split, "quotations", "acceptable speaker", method,
                            int(found["speaker_ok"].sum()), len(found)))
        named = found["reported_speaker"].astype(str).str.strip() != ""
        rows.append(figure_row(split, "quotations", "wrong named speaker", method,
                            int((named & ~found["speaker_ok"]).sum()), len(found)))
        # No speaker where the text names one (where it names none, no speaker is right):
        # acceptable, wrong named and no speaker add up to the quotations found.
        rows.append(figure_row(split, "quotations", "no speaker", method,
                            int((~named & ~found["speaker_ok"]).sum()), len(found)))
        rows.append(figure_row(split, "quotations", "non-speech among reported", method,
                            int((reported["gold_kind"] == "not_speech").sum()), len(reported)))
        rows.append(figure_row(split, "quotations", "reported that are annotated spans", method,
                            int((reported["gold_kind"] != "").sum()), len(reported)))
    return rows


#: The tasks of each scoring group. The issues "who copied whom" (reuse) and "who said it"
#: (voices) are scored separately on one test split, so that scoring one group's frozen
#: rules shows none of the other group's test figures (heldout/README.md).
TASK_GROUPS = {
    "reuse": ("pairs", "direction", "sentences", "lines"),
    "voices": ("quotations", "entities"),
}


def headline_figures(results: tuple[EventResult, ...],
                     groups: tuple[str, ...] = tuple(TASK_GROUPS)) -> pd.DataFrame:
    """Every held-out figure of the chosen task groups: split, task, measure, method,
    successes, total, value, and its Wilson 95% interval (low, high). Test split first."""
    tasks = {task for group in groups for task in TASK_GROUPS[group]}
    rows = []
    for split in SPLITS:
        chosen = tuple(r for r in results if r.split == split)
        if not chosen:
            continue
        if "pairs" in tasks:
            pairs = pair_labels(chosen)
            rows += pair_figures(pairs, split)
            rows += direction_figures(pairs, split)
        if "sentences" in tasks:
            rows += sentence_figures(sentence_labels(chosen), split)
        if "lines" in tasks:
            lines = line_labels(chosen)
            if len(lines):
                rows += line_figures(lines, split)
        if "quotations" in tasks:
            rows += quote_figures(quote_matches(chosen), split)
        if "entities" in tasks:
            for row in entity_figures(chosen).itertuples():
                rows.append(figure_row(split, "entities", "annotated entities found", "ours",
                                    row.found, row.annotated))
                rows.append(figure_row(split, "entities", "extracted entities that are right", "ours",
                                    row.found, row.extracted))
    return pd.DataFrame(rows)


def collection_summary(results: tuple[EventResult, ...]) -> pd.DataFrame:
    """One row per event: split, articles, annotated pairs by relation, quoted spans by
    kind, provenance units."""
    records = []
    for result in results:
        pairs = read_annotation(result.event, "pairs")
        quotes = read_annotation(result.event, "quotes")
        record = {"event": result.event, "split": result.split,
                  "articles": len(result.corpus.ids), "pairs": len(pairs)}
        for relation in ("copy", "partial_copy", "paraphrase", "unrelated"):
            record[relation] = int((pairs["relation"] == relation).sum())
        for kind in ("full", "partial", "not_speech"):
            record[kind] = int((quotes["kind"] == kind).sum())
        records.append(record)
    return pd.DataFrame(records)


def all_pairs(ids: list[str]) -> list[tuple[str, str]]:
    """Every unordered pair of ``ids`` (a < b), the units of a pair annotation."""
    return list(combinations(sorted(ids), 2))


def figures_table(figures: pd.DataFrame, split: str, task: str | None = None) -> pd.DataFrame:
    """A reader's table of one split's figures (of one ``task``, or all): one row per
    measure, one column per method that applies, each cell "53% (20 of 38; 37–68%)" (the
    share, the counts, and the Wilson 95% interval)."""
    chosen = figures[figures["split"] == split]
    if task is not None:
        chosen = chosen[chosen["task"] == task]
    methods = list(dict.fromkeys(chosen["method"]))
    records = []
    task_column = task is None
    for (task, measure), group in chosen.groupby(["task", "measure"], sort=False):
        record = {"Task": first_upper(task), "Measure": first_upper(measure)} if task_column else {
            "Measure": first_upper(measure)}
        by_method = group.set_index("method")
        for method in methods:
            record[METHOD_NAMES.get(method, method)] = (
                _cell(by_method.loc[method]) if method in by_method.index else "")
        records.append(record)
    return pd.DataFrame(records)


def first_upper(text: str) -> str:
    """``text`` with its first letter upper case and the rest as written ("F1" stays)."""
    return text[:1].upper() + text[1:]


def split_comparison_table(figures: pd.DataFrame, method: str = "ours") -> pd.DataFrame:
    """One method's figures on the development and the test events side by side: Task,
    Measure, Development, Test (each cell as in :func:`figures_table`)."""
    chosen = figures[figures["method"] == method]
    records = []
    for (task, measure), group in chosen.groupby(["task", "measure"], sort=False):
        by_split = group.set_index("split")
        records.append({"Task": first_upper(task), "Measure": first_upper(measure),
                        **{split.capitalize(): _cell(by_split.loc[split]) if split in by_split.index else ""
                           for split in ("development", "test")}})
    return pd.DataFrame(records)


METHOD_NAMES = {"ours": "Ours", "churnalism": "Churnalism rule", "difflib": "difflib ratio",
                "minhash": "MinHash/LSH (datasketch)", "textacy": "textacy",
                "always_common": "Always 'common'"}


def _target_bound(row: pd.Series) -> float | None:
    """The target bound of a figure's measure, if it has one (see :data:`TARGETS`)."""
    return next((bound for task, measure, bound, _ in TARGETS
                 if task == row.get("task") and measure == row.get("measure")), None)


def _cell(row: pd.Series) -> str:
    if not row["total"]:
        return "no units"
    counts = f"{int(row['successes'])} of {int(row['total'])}"
    if pd.isna(row["low"]):  # F1: no interval; its counts are twice the right links over found plus gold
        return f"{_value_text(row)} ({counts}: twice the right links over those found plus those annotated)"
    # The interval from the counts, not from the log's rounded ends (rounding twice moved
    # an end by a point: 43 of 69 is 50.5-72.8%, "51-73%").
    low, high = (bound * 100 for bound in wilson_interval(int(row["successes"]), int(row["total"])))
    # An interval's ends with a decimal where a whole percent would read as nought.
    digits = 1 if high < 10 else 0
    return f"{_value_text(row, _target_bound(row))} ({counts}; {low:.{digits}f}–{high:.{digits}f}%)"


#: The targets on the test split, set before the third split was scored: (task, measure,
#: bound, "at least" or "at most"); a bound of None means "at least as good as the best
#: other method on the same units". Issue "Who copied whom" (reuse) and "Who said it"
#: (voices).
TARGETS = (
    ("pairs", "related pairs found", 0.9, "at least"),
    ("pairs", "exact relation, of related pairs", 0.85, "at least"),
    ("pairs", "false links, of unrelated pairs", 0.01, "at most"),
    ("direction", "directions right: an article", 0.9, "at least"),
    ("direction", "directions right: common", 0.9, "at least"),
    ("direction", "directions stated, of related pairs", 0.7, "at least"),
    ("sentences", "reuse links, F1", None, "at least"),
    ("lines", "furniture lines kept as body", 0.02, "at most"),
    ("lines", "headlines found", 0.9, "at least"),
    ("quotations", "speech quotations found", 0.95, "at least"),
    ("quotations", "acceptable speaker", 0.9, "at least"),
    ("quotations", "wrong named speaker", 0.03, "at most"),
)


def figure(figures: pd.DataFrame, split: str, task: str, measure: str, method: str = "ours"
           ) -> pd.Series:
    """One row of :func:`headline_figures`."""
    chosen = figures[(figures["split"] == split) & (figures["task"] == task)
                     & (figures["measure"] == measure) & (figures["method"] == method)]
    if len(chosen) != 1:
        raise KeyError(f"no single figure for {split}/{task}/{measure}/{method}")
    return chosen.iloc[0]


def figure_text(figures: pd.DataFrame, split: str, task: str, measure: str,
                method: str = "ours") -> str:
    """A figure as a reader reads it, with its counts and, for a share, its 95% Wilson
    interval: "83% (19 of 23; 63–93%)". A share of a few dozen units is read with its
    interval or not at all."""
    return _cell(figure(figures, split, task, measure, method))


def target_table(figures: pd.DataFrame, split: str = "test") -> pd.DataFrame:
    """Each target (:data:`TARGETS`) against our figure on ``split`` and the best other
    method on the same units: Task, Measure, Target, Ours, Met, Best other method, Ours at
    least as good. "At least as good" compares the point values (lower is better for the
    "at most" measures). Targets of a task not in ``figures`` are left out."""
    records = []
    for task, measure, bound, direction in TARGETS:
        if not ((figures["split"] == split) & (figures["task"] == task)).any():
            continue
        ours = figure(figures, split, task, measure)
        others = figures[(figures["split"] == split) & (figures["task"] == task)
                         & (figures["measure"] == measure) & (figures["method"] != "ours")
                         & (figures["total"] > 0)]
        lower_is_better = direction == "at most"
        if len(others):
            best = others.sort_values("value", ascending=lower_is_better, kind="mergesort").iloc[0]
            best_text = f"{METHOD_NAMES.get(best['method'], best['method'])}: {_value_text(best)}"
            as_good = (ours["value"] <= best["value"]) if lower_is_better else (ours["value"] >= best["value"])
        else:
            best_text, as_good = "none", None  # nothing to compare with
        if bound is None:
            met, target = as_good, "at least the best other method"
        else:
            met = ours["value"] <= bound if lower_is_better else ours["value"] >= bound
            target = f"{direction} {bound:.0%}"
        records.append({
            "Task": first_upper(task), "Measure": first_upper(measure), "Target": target,
            "Ours": f"{_value_text(ours, bound)} ({int(ours['successes'])} of {int(ours['total'])})",
            "Met": "yes" if met else "no", "Best other method": best_text,
            "Ours at least as good": "–" if as_good is None else ("yes" if as_good else "no"),
        })
    return pd.DataFrame(records)


def _value_text(row: pd.Series, bound: float | None = None) -> str:
    """A figure's value as read: a share in percent, F1 (no interval) with two decimals.
    Computed from the counts; with one decimal below 10%, and where a whole percent would
    read as the ``bound`` it misses (161 of 179 is 89.9%, not "90%" against a target of 90%)."""
    value = row["successes"] / row["total"] if row["total"] else float("nan")
    if pd.isna(row["low"]):
        return f"{value:.2f}"
    return percent_text(value, bound)


def percent_text(value: float, bound: float | None = None) -> str:
    """A share in percent as the book prints it: whole, with one decimal below 10% (unless
    whole), near nought or the whole, and where a whole percent would read as the ``bound``
    it misses."""
    if bound is not None and round(value * 100) == round(bound * 100) and value != bound:
        return f"{value:.1%}"
    # A count above nought never reads as "0%" (1 of 558 is 0.2%), nor one short of the
    # whole as "100%".
    if 0 < value < 0.005 or 0.995 <= value < 1:
        return f"{value:.1%}"
    # A small share with one decimal, unless it is whole (6 of 536 is 1.1%, not "1%" beside
    # a target of at most 1%; 8 of 100 stays 8%).
    if value < 0.1 and round(value * 100, 1) != round(value * 100):
        return f"{value:.1%}"
    return f"{value:.0%}"


def targets_met(figures: pd.DataFrame, split: str = "test") -> tuple[int, int]:
    """(targets met, targets) on ``split``."""
    table = target_table(figures, split)
    return int((table["Met"] == "yes").sum()), len(table)


EVENTS_FILE = HELDOUT_DIR / "events.csv"
SCORING_LOG_DIR = HELDOUT_DIR / "scoring_log"


def events_table() -> pd.DataFrame:
    """The events of the collection (Event, What happened, When, Split, Articles)."""
    events = pd.read_csv(EVENTS_FILE, dtype=str, keep_default_na=False)
    split_of = read_split()
    events["Split"] = events["event"].map(split_of)
    events["Articles"] = [
        len(pd.read_csv(HELDOUT_DIR / e / "manifest.csv", dtype=str)) for e in events["event"]]
    events["order"] = events["Split"].map({split: k for k, split in enumerate(SPLITS)})
    events = events.sort_values(["order", "event"], kind="mergesort").drop(columns="order")
    return events.rename(columns={"event": "Event", "what happened": "What happened",
                                  "when": "When"}).reset_index(drop=True)


#: The annotation files whose rows carry a note, in which "hard:" opens a call the
#: annotator flagged as hard (the gathering notes are about finding the texts).
NOTED_ANNOTATIONS = ("pairs", "sentence_provenance", "quotes", "line_roles")


def hard_calls() -> int:
    """Rows of the annotation files of :data:`NOTED_ANNOTATIONS` whose note starts with
    "hard:" (calls the annotator flagged, with the reason after it)."""
    count = 0
    for event in event_names():
        for name in NOTED_ANNOTATIONS:
            notes = read_annotation(event, name).get("note", pd.Series(dtype=str))
            count += int(notes.str.strip().str.lower().str.startswith("hard:").sum())
    return count


def scoring_logs() -> list[str]:
    """The logged scorings (``heldout/scoring_log/*.csv``), oldest first, by file stem
    (by the number that opens it: log 10 comes after log 9)."""
    return sorted((path.stem for path in SCORING_LOG_DIR.glob("*.csv")),
                  key=lambda stem: int(stem.split("_", 1)[0]))


def group_scoring_logs(group: str) -> list[str]:
    """The logged scorings of one task group (file stems ``<n>_<group>_…``), oldest first."""
    return [stem for stem in scoring_logs() if stem.split("_")[1:2] == [group]]


def write_scoring_log(results: tuple[EventResult, ...], group: str, name: str) -> Path:
    """Score one task group on every event and write it as the next numbered log,
    ``scoring_log/<n>_<group>_<name>.csv``; refuses to overwrite a log."""
    number = len(scoring_logs()) + 1
    path = SCORING_LOG_DIR / f"{number}_{group}_{name}.csv"
    if path.exists():
        raise FileExistsError(path)
    headline_figures(results, (group,)).to_csv(path, index=False)
    return path


#: The word that names the scoring of the methods as they stood when a split was made
#: (``<n>_<group>_…starting_point_…``); the latest one is that of the current test split.
STARTING_POINT = "starting_point"


def before_after_table(split: str = "test", method: str = "ours") -> pd.DataFrame:
    """Each task group's figures at every scoring of the current split, on the same events:
    Task, Measure, Starting point, Scoring 2, ..., Now (the last; cells as in
    :func:`figures_table`), so that a later scoring that undid part of an earlier gain shows.
    Read from the logs, which the slow test shows the code still reproduces."""
    records = []
    for group in TASK_GROUPS:
        stems = current_split_scorings(group)
        if not any(STARTING_POINT in stem for stem in stems):
            continue
        names = ["Starting point", *(f"Scoring {k}" for k in range(2, len(stems))), "Now"][-len(stems):]
        logs = {}
        for name, stem in zip(names, stems, strict=True):
            log = pd.read_csv(SCORING_LOG_DIR / f"{stem}.csv")
            logs[name] = log[(log["split"] == split) & (log["method"] == method)].set_index(["task", "measure"])
        for task, measure in logs[names[-1]].index:
            # The row keeps its task and measure, so that a share beside its target is
            # printed as every other table prints it (267 of 282 is 94.7%, not "95%").
            records.append({"Task": first_upper(task), "Measure": first_upper(measure),
                            **{name: _cell(pd.concat([log.loc[(task, measure)],
                                                      pd.Series({"task": task, "measure": measure})]))
                               if (task, measure) in log.index else ""
                               for name, log in logs.items()}})
    return pd.DataFrame(records)


def current_split_scorings(group: str) -> list[str]:
    """The logged scorings of one task group on the current test split: its latest
    starting-point log and every log of the group after it, oldest first."""
    stems = group_scoring_logs(group)
    starts = [position for position, stem in enumerate(stems) if STARTING_POINT in stem]
    return stems[starts[-1]:] if starts else stems


#: The first split whose scorings begin with a starting-point log (the first two splits
#: were scored before starting points were logged: logs 1 and 2).
FIRST_SPLIT_WITH_STARTING_POINT = 3


def split_scorings(group: str, split_number: int) -> list[str]:
    """The logged scorings of one task group on the ``split_number``-th split (3 or later,
    as ``split.json`` numbers them): from that split's starting-point log up to the next
    split's, oldest first."""
    stems = group_scoring_logs(group)
    starts = [position for position, stem in enumerate(stems) if STARTING_POINT in stem] + [len(stems)]
    index = split_number - FIRST_SPLIT_WITH_STARTING_POINT
    if not 0 <= index < len(starts) - 1:
        raise ValueError(f"no starting-point log for split {split_number} of {group}")
    return stems[starts[index]:starts[index + 1]]


def previous_split_scorings(group: str) -> list[str]:
    """The logged scorings of one task group on the split before the current one: from its
    starting-point log up to the current split's starting point, oldest first."""
    return split_scorings(group, len(split_history()) - 1)


def scoring_log(stem: str) -> pd.DataFrame:
    """Our figures at one logged scoring: Measure, Development, Test (the events of each
    split are those of that scoring: see ``split.json``)."""
    logged = pd.read_csv(SCORING_LOG_DIR / f"{stem}.csv")
    ours = logged[logged["method"] == "ours"]
    records: dict[str, dict[str, str]] = {}
    for row in ours.itertuples():
        record = records.setdefault(f"{row.task}: {row.measure}",
                                    {"Measure": f"{row.task.capitalize()}: {row.measure}"})
        # From the counts, not the logged value (rounded to three decimals: 251 of 297 is
        # 84.5%, which the logged 0.845 would print as 84%).
        share = row.successes / row.total if row.total else float("nan")
        record[row.split.capitalize()] = f"{share:.0%} ({row.successes} of {row.total})"
    return pd.DataFrame(list(records.values()), columns=["Measure", "Test", "Development"])


def split_history(path: Path = SPLIT_FILE) -> list[dict]:
    """Every split of the collection, first to current, as ``split.json`` records them."""
    return json.loads(path.read_text(encoding="utf-8"))["history"]


def split_test_events(step: int, path: Path = SPLIT_FILE) -> list[str]:
    """The test events of the ``step``-th split (1 is the first), as ``split.json`` records them."""
    return split_history(path)[step - 1]["test"]


def first_split_test_events(path: Path = SPLIT_FILE) -> list[str]:
    """The test events of the first split (before the re-split)."""
    return split_test_events(1, path)


def unmet_targets_text(figures: pd.DataFrame, split: str = "test") -> str:
    """The targets not met on ``split``, in words ("related pairs found: 83%, target at
    least 100%; ..."), or "none"."""
    table = target_table(figures, split)
    missed = table[table["Met"] == "no"]
    if missed.empty:
        return "none"
    return "; ".join(f"{row.Measure[:1].lower() + row.Measure[1:]}: {row.Ours.split(' ')[0]} "
                     f"(target: {row.Target.replace(' (100%)', '')})"
                     for row in missed.itertuples())


def error_counts(results: tuple[EventResult, ...], split: str = "test") -> dict[str, int]:
    """Counts of our errors on ``split``: related pairs missed, false links, pairs related
    but with another relation, speech quotations missed, found with no speaker, and found
    with a wrong speaker."""
    chosen = tuple(r for r in results if r.split == split)
    pairs = pair_labels(chosen)
    gold_related = pairs["gold"].isin(RELATED_PAIR_RELATIONS)
    ours_related = pairs["ours"].isin(RELATED_PAIR_RELATIONS)
    quotes = quote_matches(chosen)
    speech = quotes[(quotes["method"] == "ours") & quotes["gold_kind"].isin(SPEECH_KINDS)]
    wrong = speech[speech["reported"] & ~speech["speaker_ok"]]
    return {
        "pairs_missed": int((gold_related & ~ours_related).sum()),
        "false_links": int((~gold_related & ours_related).sum()),
        "other_relation": int((gold_related & ours_related & (pairs["gold"] != pairs["ours"])).sum()),
        "speech_missed": int((~speech["reported"]).sum()),
        "no_speaker": int((wrong["reported_speaker"] == "").sum()),
        "wrong_speaker": int((wrong["reported_speaker"] != "").sum()),
    }


def unrelated_share_text(results: tuple[EventResult, ...], split: str = "test") -> str:
    """The share of annotated pairs of ``split`` that are unrelated, as "77% (77 of 100)":
    what a method that links nothing would get right on the exact relation."""
    pairs = pair_labels(tuple(r for r in results if r.split == split))
    unrelated = int((pairs["gold"] == "unrelated").sum())
    return f"{unrelated / len(pairs):.0%} ({unrelated} of {len(pairs)})"
