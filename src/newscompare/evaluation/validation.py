"""Measure a text-reuse method against the hand annotation of sentence provenance.

The gold standard is ``annotations/sentence_provenance.csv`` (rules in
``annotations/sentence_provenance.md``): for each body sentence, the other article and
sentence(s) it derives from or is derived by, and the relation ``verbatim``, ``edited``,
``paraphrase`` or ``none``.

**Unit of scoring** at sentence level: every (article, sentence_index, other article)
triple of the corpus, i.e. each sentence once per other article. Its label is the relation
of the row for that other article, or ``none`` when there is no such row. When a method
gives several rows for one triple, the strongest relation counts. With n articles, every
sentence is scored n - 1 times: most units are ``none``, so accuracy is inflated and the
per-relation and binary "reused or not" scores are the ones to read.

**Gold pair relations** (:func:`gold_pair_relations`) are derived from the annotation by
the written definitions (``heldout/GUIDELINES.md``, section 3), with the function our
method uses (:func:`newscompare.analysis.reuse.pair_relation_from_counts`): on the shorter
article's side, the sentences whose gold label for the other article is verbatim or
edited are *taken*, those labelled paraphrase are *reworded*.

Every score comes with the counts behind it: the seed corpus is tiny.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields, replace
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd

from newscompare.analysis.reuse import pair_relation_from_counts
from newscompare.ingest.corpus import Corpus
from newscompare.ingest.errors import CorpusError
from newscompare.ingest.paths import ANNOTATIONS_DIR

SENTENCE_RELATIONS = ("verbatim", "edited", "paraphrase", "none")  # strongest first
PAIR_RELATIONS = ("copy", "partial_copy", "paraphrase", "unrelated")
COPY_RELATIONS = ("verbatim", "edited")
PROVENANCE_FILE = ANNOTATIONS_DIR / "sentence_provenance.csv"
PROVENANCE_COLUMNS = [
    "article", "sentence_index", "match_article", "match_sentence_index", "relation", "note",
]
SCORE_COLUMNS = [
    "relation", "gold_count", "predicted_count", "true_positives", "precision", "recall", "f1",
]
#: A threshold value is "stable" when it changes at most this many sentence labels (of
#: all sentence x other-article units) and no pair relation, relative to the defaults:
#: fewer than the three sentences the annotation itself flags as borderline.
STABLE_MAX_CHANGED_LABELS = 2
SCORE_DECIMALS = 3


# --------------------------------------------------------------------------- gold
def _split_indices(value) -> tuple[int, ...]:
    """``"1;2"``, ``3``, ``""`` or NA -> sorted tuple of ints."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ()
    text = str(value).strip()
    if not text:
        return ()
    return tuple(sorted(int(float(part)) for part in text.split(";") if part.strip()))


def load_sentence_provenance(path: Path | str = PROVENANCE_FILE, corpus: Corpus | None = None
                             ) -> pd.DataFrame:
    """Read and check the annotation; return it with ``article`` and ``match_article`` as
    strings and ``match_sentence_index`` as a ";"-joined string.

    Raises :class:`CorpusError` (file, line, expectation) on an unknown relation, a
    missing match for a link or a match on a ``none`` row, a repeated (sentence, other
    article) row, and, when ``corpus`` is given, a sentence not in the corpus, a body
    sentence without any row, or a link recorded in one direction only.
    """
    path = Path(path)
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != PROVENANCE_COLUMNS:
            raise CorpusError(path, f"header is {reader.fieldnames}; expected {PROVENANCE_COLUMNS}",
                              line=1)
        records, seen = [], {}
        for line, row in enumerate(reader, start=2):
            relation = row["relation"]
            if relation not in SENTENCE_RELATIONS:
                raise CorpusError(path, f"relation {relation!r}; expected one of "
                                  f"{', '.join(SENTENCE_RELATIONS)}", line=line)
            try:
                sentence_index = int(row["sentence_index"])
                matches = _split_indices(row["match_sentence_index"])
            except ValueError as error:
                raise CorpusError(path, f"{error}; expected integer sentence indices "
                                  "(';'-joined if several)", line=line) from error
            linked = bool(row["match_article"]) or bool(matches)
            if relation == "none" and linked:
                raise CorpusError(path, "relation none with a match; expected empty match fields",
                                  line=line)
            if relation != "none" and not (row["match_article"] and matches):
                raise CorpusError(path, f"relation {relation} without match_article and "
                                  "match_sentence_index; expected both", line=line)
            key = (row["article"], sentence_index, row["match_article"])
            if key in seen:
                raise CorpusError(path, f"second row for sentence {key[0]}:{key[1]} and other "
                                  f"article {key[2]!r} (first on line {seen[key]}); expected one",
                                  line=line)
            seen[key] = line
            records.append({**row, "sentence_index": sentence_index,
                            "match_sentence_index": ";".join(map(str, matches)), "source_line": line})
    table = pd.DataFrame(records, columns=[*PROVENANCE_COLUMNS, "source_line"])
    if corpus is not None:
        _check_against_corpus(path, table, corpus)
    return table.drop(columns="source_line").sort_values(
        ["article", "sentence_index", "match_article"], kind="mergesort").reset_index(drop=True)


def _check_against_corpus(path: Path, table: pd.DataFrame, corpus: Corpus) -> None:
    known = set(zip(corpus.sentences["article"], corpus.sentences["sentence_index"].astype(int)))
    for row in table.itertuples():
        if (row.article, row.sentence_index) not in known:
            raise CorpusError(path, f"sentence {row.article}:{row.sentence_index} is not a body "
                              "sentence of the corpus", line=row.source_line)
        for index in _split_indices(row.match_sentence_index):
            if (row.match_article, index) not in known:
                raise CorpusError(path, f"match {row.match_article}:{index} is not a body "
                                  "sentence of the corpus", line=row.source_line)
    annotated = set(zip(table["article"], table["sentence_index"]))
    missing = sorted(known - annotated)
    if missing:
        article, index = missing[0]
        raise CorpusError(path, f"{len(missing)} body sentences have no row, first "
                          f"{article}:{index}; expected at least one row per sentence")
    links = {(r.article, r.sentence_index, r.match_article, j)
             for r in table.itertuples() for j in _split_indices(r.match_sentence_index)}
    for row in table.itertuples():
        for index in _split_indices(row.match_sentence_index):
            if (row.match_article, index, row.article, row.sentence_index) not in links:
                raise CorpusError(path, f"link {row.article}:{row.sentence_index} -> "
                                  f"{row.match_article}:{index} has no reverse row; expected "
                                  "links in both directions", line=row.source_line)


# --------------------------------------------------------------------------- units
def _strength(relation: str, order: Iterable[str]) -> int:
    return list(order).index(relation)


def sentence_units(alignment: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """Label of every (article, sentence_index, other_article) unit of ``corpus`` from an
    alignment-shaped table (gold or predicted).

    Returns columns article, sentence_index, other_article, relation, matches (tuple of
    counterpart indices), sorted. Triples without a row are ``none``; several rows for one
    triple keep the strongest relation and the union of matched indices.
    """
    best: dict[tuple[str, int, str], tuple[str, set[int]]] = {}
    for row in alignment.itertuples():
        if row.relation == "none" or not row.match_article:
            continue
        key = (str(row.article), int(row.sentence_index), str(row.match_article))
        relation, matches = best.get(key, ("none", set()))
        if _strength(row.relation, SENTENCE_RELATIONS) < _strength(relation, SENTENCE_RELATIONS):
            relation = row.relation
        best[key] = (relation, matches | set(_split_indices(row.match_sentence_index)))
    records = []
    for row in corpus.sentences.sort_values(["article", "sentence_index"]).itertuples():
        for other in sorted(corpus.ids):
            if other == row.article:
                continue
            relation, matches = best.get((row.article, int(row.sentence_index), other),
                                         ("none", set()))
            records.append({"article": row.article, "sentence_index": int(row.sentence_index),
                            "other_article": other, "relation": relation,
                            "matches": tuple(sorted(matches))})
    return pd.DataFrame(records, columns=["article", "sentence_index", "other_article",
                                          "relation", "matches"])


def compare_sentence_labels(gold: pd.DataFrame, predicted: pd.DataFrame, corpus: Corpus
                            ) -> pd.DataFrame:
    """Gold and predicted label of every sentence unit side by side.

    Columns: article, sentence_index, other_article, gold, predicted, same_counterpart
    (True when both say reused and the predicted counterpart indices share one with the
    gold ones; False when both say reused but point elsewhere; NA otherwise).
    """
    gold_units = sentence_units(gold, corpus)
    predicted_units = sentence_units(predicted, corpus)
    table = gold_units[["article", "sentence_index", "other_article"]].copy()
    table["gold"] = gold_units["relation"].to_numpy()
    table["predicted"] = predicted_units["relation"].to_numpy()
    both = (table["gold"] != "none") & (table["predicted"] != "none")
    same = [bool(set(g) & set(p)) for g, p in zip(gold_units["matches"], predicted_units["matches"])]
    table["same_counterpart"] = pd.array(
        [s if b else pd.NA for s, b in zip(same, both)], dtype="boolean")
    return table


# --------------------------------------------------------------------------- scores
def _prf(true_positives: int, gold_count: int, predicted_count: int) -> tuple[float, float, float]:
    """Precision, recall, F1. Precision (recall) is NaN when nothing was predicted (is in
    the gold); F1 = 2 TP / (gold + predicted), which is 0 when either side is empty and
    the other is not, and NaN only when both are."""
    precision = true_positives / predicted_count if predicted_count else float("nan")
    recall = true_positives / gold_count if gold_count else float("nan")
    total = gold_count + predicted_count
    f1 = 2 * true_positives / total if total else float("nan")
    return precision, recall, f1


def relation_scores(gold: pd.Series, predicted: pd.Series, relations: Iterable[str]) -> pd.DataFrame:
    """Precision, recall and F1 of each relation (one-vs-rest), with the counts behind
    them; columns :data:`SCORE_COLUMNS`, one row per relation in the order given."""
    gold, predicted = gold.to_numpy(), predicted.to_numpy()
    records = []
    for relation in relations:
        tp = int(((gold == relation) & (predicted == relation)).sum())
        g, p = int((gold == relation).sum()), int((predicted == relation).sum())
        records.append(dict(zip(SCORE_COLUMNS, (relation, g, p, tp, *_prf(tp, g, p)))))
    return _rounded(pd.DataFrame(records, columns=SCORE_COLUMNS))


def binary_scores(gold: pd.Series, predicted: pd.Series, negative: str) -> pd.DataFrame:
    """One-row table: "reused" = any label other than ``negative``; columns
    :data:`SCORE_COLUMNS` with relation ``reused``."""
    return relation_scores((gold != negative).map({True: "reused", False: negative}),
                           (predicted != negative).map({True: "reused", False: negative}),
                           ["reused"])


def confusion_matrix(gold: pd.Series, predicted: pd.Series, relations: Iterable[str]
                     ) -> pd.DataFrame:
    """Counts: rows gold relation, columns predicted relation (both in the given order)."""
    relations = list(relations)
    table = pd.crosstab(pd.Categorical(gold, categories=relations),
                        pd.Categorical(predicted, categories=relations), dropna=False)
    table.index.name, table.columns.name = "gold", "predicted"
    return table.reindex(index=relations, columns=relations, fill_value=0).astype(int)


def _rounded(table: pd.DataFrame) -> pd.DataFrame:
    for column in ("precision", "recall", "f1"):
        table[column] = table[column].astype(float).round(SCORE_DECIMALS)
    return table


# --------------------------------------------------------------------------- pairs
def gold_pair_relations(gold: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """Gold relation of every unordered article pair, derived from the sentence
    annotation by the written definitions (module docstring).

    Columns: article_a, article_b, sentences_a, sentences_b, linked_a, linked_b,
    share_a_in_b, share_b_in_a, copy_links, paraphrase_links, relation.
    """
    units = sentence_units(gold, corpus)
    linked = units[units["relation"] != "none"]
    sizes = corpus.sentences.groupby("article").size()
    records = []
    for a, b in combinations(sorted(corpus.ids), 2):
        a_side = linked[(linked["article"] == a) & (linked["other_article"] == b)]
        b_side = linked[(linked["article"] == b) & (linked["other_article"] == a)]
        both = pd.concat([a_side, b_side])
        n_a, n_b = int(sizes.get(a, 0)), int(sizes.get(b, 0))
        share_a = len(a_side) / n_a if n_a else 0.0
        share_b = len(b_side) / n_b if n_b else 0.0
        copy_links = int(both["relation"].isin(COPY_RELATIONS).sum())
        paraphrase_links = int((both["relation"] == "paraphrase").sum())
        # The written definitions, read on the shorter article's side, by the one function
        # our method uses too.
        shorter = a_side if n_a <= n_b else b_side
        relation = pair_relation_from_counts(
            int(shorter["relation"].isin(COPY_RELATIONS).sum()),
            int((shorter["relation"] == "paraphrase").sum()), min(n_a, n_b))
        records.append({"article_a": a, "article_b": b, "sentences_a": n_a, "sentences_b": n_b,
                        "linked_a": len(a_side), "linked_b": len(b_side),
                        "share_a_in_b": round(share_a, SCORE_DECIMALS),
                        "share_b_in_a": round(share_b, SCORE_DECIMALS),
                        "copy_links": copy_links, "paraphrase_links": paraphrase_links,
                        "relation": relation})
    return pd.DataFrame(records)


def compare_pair_relations(gold_pairs: pd.DataFrame, predicted_pairs: pd.DataFrame
                           ) -> pd.DataFrame:
    """Gold and predicted relation of every pair; columns article_a, article_b, gold,
    predicted. Pairs are matched regardless of the order of a and b; a pair missing from
    ``predicted_pairs`` counts as ``unrelated``."""
    predicted = {frozenset((r.article_a, r.article_b)): r.relation
                 for r in predicted_pairs.itertuples()}
    table = gold_pairs[["article_a", "article_b"]].copy()
    table["gold"] = gold_pairs["relation"].to_numpy()
    table["predicted"] = [predicted.get(frozenset((a, b)), "unrelated")
                          for a, b in zip(table["article_a"], table["article_b"])]
    return table


# --------------------------------------------------------------------------- one method
@dataclass(frozen=True)
class MethodScores:
    """Every score of one method against the annotation."""

    method: str
    sentence_labels: pd.DataFrame  # compare_sentence_labels
    sentence_relations: pd.DataFrame  # relation_scores per sentence relation
    sentence_binary: pd.DataFrame  # binary_scores, reused vs none
    sentence_confusion: pd.DataFrame
    pair_labels: pd.DataFrame  # compare_pair_relations
    pair_relations: pd.DataFrame
    pair_binary: pd.DataFrame
    pair_confusion: pd.DataFrame


def score_method(method: str, alignment: pd.DataFrame, pairs: pd.DataFrame,
                 gold: pd.DataFrame, corpus: Corpus) -> MethodScores:
    """Score an alignment (columns as ``reuse.align_sentences``) and a pair table
    (columns as ``reuse.article_pairs``) against the gold annotation."""
    labels = compare_sentence_labels(gold, alignment, corpus)
    pair_labels = compare_pair_relations(gold_pair_relations(gold, corpus), pairs)
    return MethodScores(
        method=method,
        sentence_labels=labels,
        sentence_relations=relation_scores(labels["gold"], labels["predicted"], SENTENCE_RELATIONS),
        sentence_binary=binary_scores(labels["gold"], labels["predicted"], "none"),
        sentence_confusion=confusion_matrix(labels["gold"], labels["predicted"], SENTENCE_RELATIONS),
        pair_labels=pair_labels,
        pair_relations=relation_scores(pair_labels["gold"], pair_labels["predicted"],
                                       PAIR_RELATIONS),
        pair_binary=binary_scores(pair_labels["gold"], pair_labels["predicted"], "unrelated"),
        pair_confusion=confusion_matrix(pair_labels["gold"], pair_labels["predicted"],
                                        PAIR_RELATIONS),
    )


def summary_table(results: Iterable[MethodScores]) -> pd.DataFrame:
    """One row per method and level (sentence, pair): binary reused-vs-not precision,
    recall and F1 with their counts, the share of units whose exact relation is right
    (with the number of units), the macro F1 over relations that occur in the gold, and
    the share of correctly found sentence links that point at a gold counterpart."""
    records = []
    for result in results:
        for level, labels, binary, relations in (
            ("sentence", result.sentence_labels, result.sentence_binary,
             result.sentence_relations),
            ("pair", result.pair_labels, result.pair_binary, result.pair_relations),
        ):
            row = binary.iloc[0]
            present = relations[relations["gold_count"] > 0]
            same = labels["same_counterpart"].dropna() if "same_counterpart" in labels else None
            records.append({
                "method": result.method, "level": level, "units": len(labels),
                "gold_reused": int(row.gold_count), "predicted_reused": int(row.predicted_count),
                "true_positives": int(row.true_positives), "precision": row.precision,
                "recall": row.recall, "f1": row.f1,
                "exact_relation_correct": int((labels["gold"] == labels["predicted"]).sum()),
                "relation_accuracy": round(float((labels["gold"] == labels["predicted"]).mean()),
                                           SCORE_DECIMALS),
                "macro_f1": round(float(present["f1"].fillna(0.0).mean()), SCORE_DECIMALS),
                "links_to_gold_counterpart": (int(same.sum()) if same is not None else pd.NA),
            })
    return pd.DataFrame(records)


# --------------------------------------------------------------------------- sensitivity
def threshold_grid(defaults) -> dict[str, list]:
    """Values to sweep for each numeric field of the dataclass ``defaults``.

    Fractions (floats in [0, 1]) sweep 0.05 to 0.95 in steps of 0.1; integers sweep
    0.5x to 2x the default; the default itself is always included.
    """
    grid = {}
    for field in fields(defaults):
        default = getattr(defaults, field.name)
        if isinstance(default, bool) or not isinstance(default, (int, float)):
            continue
        if isinstance(default, float) and 0.0 <= default <= 1.0:
            values = {round(v, 2) for v in np.linspace(0.05, 0.95, 10)} | {default}
        elif isinstance(default, int):
            factors = (0.5, 0.625, 0.75, 0.875, 1.0, 1.25, 1.5, 1.75, 2.0)
            values = {max(1, int(round(default * f))) for f in factors} | {default}
            if default == 0:
                values = {0, 1, 2}
        else:
            values = {default * f for f in (0.5, 0.75, 1.0, 1.5, 2.0)}
        grid[field.name] = sorted(values)
    return grid


def sweep_thresholds(
    corpus: Corpus,
    gold: pd.DataFrame,
    defaults,
    align: Callable[..., pd.DataFrame],
    pairs: Callable[..., pd.DataFrame],
    grid: dict[str, list] | None = None,
) -> pd.DataFrame:
    """Move each threshold of ``defaults`` over its grid, the others at default.

    ``align(corpus, thresholds=...)`` and ``pairs(corpus, thresholds=..., alignments=...)``
    are the method (e.g.
    ``reuse.align_sentences`` and ``reuse.article_pairs``). Returns one row per
    (threshold, value): is_default, sentence binary precision/recall/F1, relation accuracy,
    sentence_labels_changed and pair_relations_changed (units whose label differs from the
    run at the defaults), pair binary F1 and stable (see :data:`STABLE_MAX_CHANGED_LABELS`).
    """
    grid = threshold_grid(defaults) if grid is None else grid
    gold_pairs = gold_pair_relations(gold, corpus)
    base_alignment = align(corpus, thresholds=defaults)
    base_labels = compare_sentence_labels(gold, base_alignment, corpus)
    base_pairs = compare_pair_relations(
        gold_pairs, pairs(corpus, thresholds=defaults, alignments=base_alignment)
    )
    records = []
    for name, values in grid.items():
        default = getattr(defaults, name)
        for value in values:
            thresholds = replace(defaults, **{name: value})
            alignment = align(corpus, thresholds=thresholds)
            labels = compare_sentence_labels(gold, alignment, corpus)
            # The pairs are derived from this alignment: pass it rather than align again.
            pair_labels = compare_pair_relations(
                gold_pairs, pairs(corpus, thresholds=thresholds, alignments=alignment)
            )
            binary = binary_scores(labels["gold"], labels["predicted"], "none").iloc[0]
            pair_binary = binary_scores(pair_labels["gold"], pair_labels["predicted"],
                                        "unrelated").iloc[0]
            changed = int((labels["predicted"] != base_labels["predicted"]).sum())
            pairs_changed = int((pair_labels["predicted"] != base_pairs["predicted"]).sum())
            records.append({
                "threshold": name, "value": float(value), "is_default": value == default,
                "sentence_precision": binary.precision, "sentence_recall": binary.recall,
                "sentence_f1": binary.f1,
                "relation_accuracy": round(float((labels["gold"] == labels["predicted"]).mean()),
                                           SCORE_DECIMALS),
                "sentence_labels_changed": changed, "pair_f1": pair_binary.f1,
                "pair_relations_changed": pairs_changed,
                "stable": changed <= STABLE_MAX_CHANGED_LABELS and pairs_changed == 0,
            })
    return pd.DataFrame(records)


def stability_summary(sweep: pd.DataFrame) -> pd.DataFrame:
    """Per threshold: default, the widest run of consecutive stable grid values that
    contains the default (stable_from, stable_to), how many of the swept values are
    stable, and knife_edge = True when a grid neighbour of the default is already unstable."""
    records = []
    for name, group in sweep.groupby("threshold", sort=True):
        group = group.sort_values("value").reset_index(drop=True)
        at = int(group.index[group["is_default"]][0])
        low = at
        while low > 0 and group.at[low - 1, "stable"]:
            low -= 1
        high = at
        while high < len(group) - 1 and group.at[high + 1, "stable"]:
            high += 1
        neighbours = [i for i in (at - 1, at + 1) if 0 <= i < len(group)]
        records.append({
            "threshold": name, "default": group.at[at, "value"],
            "stable_from": group.at[low, "value"], "stable_to": group.at[high, "value"],
            "stable_values": int(group["stable"].sum()), "values": len(group),
            "knife_edge": any(not group.at[i, "stable"] for i in neighbours),
        })
    return pd.DataFrame(records)


# --------------------------------------------------------------------------- reporting
#: Average F1 of the METER corpus study for wholly / partially / non-derived newspaper
#: texts (Clough et al., 2002, ACL); quoted for context only: different data and labels.
METER_AVERAGE_F1 = 0.664


def annotation_summary(gold: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """Per article: body sentences, sentences linked to any other article, and sentences
    by their strongest gold relation (verbatim, edited, paraphrase, none)."""
    units = sentence_units(gold, corpus)
    units["strength"] = units["relation"].map(SENTENCE_RELATIONS.index)
    strongest = units.groupby(["article", "sentence_index"])["strength"].min()
    strongest = strongest.map(dict(enumerate(SENTENCE_RELATIONS))).rename("relation").reset_index()
    table = pd.crosstab(strongest["article"], strongest["relation"]).reindex(
        columns=list(SENTENCE_RELATIONS), fill_value=0)
    table.insert(0, "sentences", table.sum(axis=1))
    table.insert(1, "linked", table["sentences"] - table["none"])
    table.columns.name = None
    return table.reset_index().sort_values("article").reset_index(drop=True)


def relation_table(results: Iterable[MethodScores], level: str = "sentence") -> pd.DataFrame:
    """Per-relation scores of several methods in one long table (method first)."""
    attribute = "sentence_relations" if level == "sentence" else "pair_relations"
    return pd.concat(
        [getattr(r, attribute).assign(method=r.method) for r in results], ignore_index=True
    )[["method", *SCORE_COLUMNS]]


def pair_label_table(results: Iterable[MethodScores]) -> pd.DataFrame:
    """Gold relation of every pair and each method's prediction, one column per method."""
    results = list(results)
    table = results[0].pair_labels[["article_a", "article_b", "gold"]].copy()
    for result in results:
        table[result.method] = result.pair_labels["predicted"].to_numpy()
    return table


def compare_to_baselines(summary: pd.DataFrame, method: str, metric: str = "f1"
                         ) -> pd.DataFrame:
    """Per level: ``method``'s value of ``metric``, the best other method's, and the
    verdict "better", "equal" or "worse" (compared at the table's rounding)."""
    records = []
    for level, group in summary.groupby("level", sort=False):
        ours = float(group.loc[group["method"] == method, metric].iloc[0])
        others = group[group["method"] != method]
        best = others.loc[others[metric].idxmax()]
        verdict = "better" if ours > best[metric] else "equal" if ours == best[metric] else "worse"
        records.append({"level": level, "metric": metric, method: ours,
                        "best_baseline": best["method"], "baseline_value": float(best[metric]),
                        "verdict": verdict})
    return pd.DataFrame(records)


