"""Fit the analysis's learned parameters on the annotated development events (``make fit``).

Two models are fitted, each a multinomial logistic regression trained on every development
event (the test events are never read):

* the line model of cleaning (:mod:`newscompare.ingest.line_model`), on the line roles
  (``heldout/annotations/<event>/line_roles.csv``), written to ``ingest/data/line_model.json``;
* the pair model of reuse (:mod:`newscompare.analysis.pair_model`), on the pair relations
  (``pairs.csv``), over features of the pairs table the analysis computes with the fitted
  line model, written to ``analysis/data/pair_model.json``, with its claim floor.

Each model's one free setting, the regularisation strength, is chosen by
leave-one-event-out cross-validation (log loss), and the cross-validated figures of the
whole decision (the model fitted without that event, deciding that event) are written
beside the weights, with the checksum of the data. The build reads the files and never
refits; a test refits and must get the same files.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

from newscompare.analysis.pair_model import (
    FEATURE_NAMES as PAIR_FEATURE_NAMES,
)
from newscompare.analysis.pair_model import (
    PAIR_CLASSES, PAIR_MODEL_FILE, RELATED_CLASSES, PairModel, table_features,
)
from newscompare.analysis.credits import article_credits
from newscompare.analysis.reuse import article_pairs, different_agencies
from newscompare.evaluation.heldout import (
    HELDOUT_ANNOTATIONS_DIR, HELDOUT_DIR, figure_row, line_figures, pair_figures, read_annotation,
    read_split,
)
from newscompare.ingest.cleaning import assign_roles, shape_roles
from newscompare.ingest.corpus import load_corpus, split_lines
from newscompare.ingest.line_model import FEATURE_NAMES as LINE_FEATURE_NAMES
from newscompare.ingest.line_model import LINE_CLASSES, LINE_MODEL_FILE, line_features
from newscompare.ingest.logistic import LogisticModel
from newscompare.ingest.manifest import read_manifest

#: Regularisation strengths tried (inverse, as scikit-learn's C); cross-validation picks one.
C_GRID = (0.01, 0.1, 1.0, 10.0)
#: The split name under which the cross-validated development figures are shown.
CROSS_VALIDATED = "development, cross-validated"
#: Decimals kept of each fitted number: the file stays readable and byte-stable.
DECIMALS = 6


def gold_class(role: str) -> str:
    """The line model's class of an annotated role (bylines, datelines and credits are
    not article text either: the model only has to keep them out of the body)."""
    if role in ("body", "headline"):
        return role
    return "furniture"


@dataclass(frozen=True)
class ArticleLines:
    event: str
    article: str
    lines: list[str]
    gold: dict[int, str]  # 1-based line number -> annotated role


def development_articles(heldout_dir: Path = HELDOUT_DIR) -> list[ArticleLines]:
    """Every article of the development events that has annotated line roles, in order."""
    split_of = read_split()
    articles = []
    for event in sorted(event for event, split in split_of.items() if split == "development"):
        if not (HELDOUT_ANNOTATIONS_DIR / event / "line_roles.csv").is_file():
            continue
        roles = read_annotation(event, "line_roles")
        for row in read_manifest(heldout_dir / event):
            article_id = row.fields["id"]
            text = (heldout_dir / event / row.fields["file"]).read_text(encoding="utf-8")
            mine = roles[roles["article"] == article_id]
            articles.append(ArticleLines(
                event, article_id, [line for _, line in split_lines(text)],
                {int(n): str(role) for n, role in zip(mine["line"], mine["role"], strict=True)}))
    return articles


def data_checksum(articles: list[ArticleLines]) -> str:
    """sha256 over every text line and annotated role the fit reads."""
    digest = hashlib.sha256()
    for article in articles:
        digest.update(f"{article.event}/{article.article}\n".encode())
        for number, line in enumerate(article.lines, start=1):
            digest.update(f"{number}\t{article.gold.get(number, '')}\t{line}\n".encode())
    return digest.hexdigest()


def training_rows(articles: list[ArticleLines]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, gold classes and event of every annotated line the shape rules leave open."""
    features, classes, events = [], [], []
    for article in articles:
        vectors = line_features(article.lines)
        for index, (decided, vector) in enumerate(
                zip(shape_roles(article.lines), vectors, strict=True)):
            role = article.gold.get(index + 1)
            if decided is None and vector is not None and role is not None:
                features.append(vector)
                classes.append(gold_class(role))
                events.append(article.event)
    return np.array(features), np.array(classes), np.array(events)


def _fit(features: np.ndarray, classes: np.ndarray, c: float,
         class_names: tuple[str, ...] = LINE_CLASSES,
         feature_names: tuple[str, ...] = LINE_FEATURE_NAMES) -> LogisticModel:
    means = features.mean(axis=0)
    scales = features.std(axis=0)
    scales[scales == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit((features - means) / scales, classes)
    order = [list(model.classes_).index(name) for name in class_names]
    return LogisticModel(
        classes=class_names, features=feature_names,
        means=tuple(round(float(v), DECIMALS) for v in means),
        scales=tuple(round(float(v), DECIMALS) for v in scales),
        weights=tuple(tuple(round(float(v), DECIMALS) for v in model.coef_[i]) for i in order),
        intercepts=tuple(round(float(model.intercept_[i]), DECIMALS) for i in order),
    )


def _probabilities(model: LogisticModel, features: np.ndarray) -> np.ndarray:
    return np.array([[model.probabilities(tuple(row))[name] for name in model.classes]
                     for row in features])


def _choose_c(features: np.ndarray, classes: np.ndarray, events: np.ndarray,
              class_names: tuple[str, ...], feature_names: tuple[str, ...]
              ) -> tuple[float, dict[float, float], dict[str, LogisticModel]]:
    """The regularisation strength of :data:`C_GRID` with the lowest leave-one-event-out
    log loss (ties to the stronger regularisation), the losses, and the model fitted
    without each event at that strength."""
    event_names = sorted(set(events))
    truth = np.array([class_names.index(name) for name in classes])
    losses = {}
    for c in C_GRID:
        predicted = np.zeros((len(classes), len(class_names)))
        for event in event_names:
            held = events == event
            model = _fit(features[~held], classes[~held], c, class_names, feature_names)
            predicted[held] = _probabilities(model, features[held])
        losses[c] = float(-np.mean(np.log(predicted[np.arange(len(truth)), truth])))
    best_c = min(C_GRID, key=lambda c: (round(losses[c], DECIMALS), c))
    held_out = {event: _fit(features[events != event], classes[events != event], best_c,
                            class_names, feature_names) for event in event_names}
    return best_c, losses, held_out


def cross_validated_labels(articles: list[ArticleLines], model_for: dict[str, LogisticModel]) -> pd.DataFrame:
    """One row per annotated line (gold role, ours), each event's lines decided by
    ``model_for[event]``: the table the held-out scorer's line measures read."""
    rows = []
    for article in articles:
        roles = assign_roles(article.lines, model_for[article.event])
        rows += [{"gold": gold, "ours": roles[number - 1].role} for number, gold in article.gold.items()]
    return pd.DataFrame(rows, columns=["gold", "ours"])


def fit_line_model(heldout_dir: Path = HELDOUT_DIR) -> dict:
    """Fit the line model; return the parameters file's content (see the module text)."""
    articles = development_articles(heldout_dir)
    features, classes, events = training_rows(articles)
    event_names = sorted(set(events))
    best_c, losses, held_out_models = _choose_c(features, classes, events, LINE_CLASSES, LINE_FEATURE_NAMES)
    cross_validated = {row["measure"]: [row["successes"], row["total"]] for row in line_figures(
        cross_validated_labels(articles, held_out_models), CROSS_VALIDATED)}
    model = _fit(features, classes, best_c)
    return {
        "what": "line model of cleaning (newscompare.ingest.line_model), fitted by make fit",
        "data": {"events": event_names, "articles": len(articles), "lines": int(len(classes)),
                 "sha256": data_checksum(articles)},
        "cross_validation": {
            "procedure": "leave one development event out",
            "log_loss_by_C": {str(c): round(losses[c], DECIMALS) for c in C_GRID},
            "chosen_C": best_c,
            "successes_of_total": cross_validated,
        },
        "model": model.to_json(),
    }


def parameters_text(parameters: dict) -> str:
    return json.dumps(parameters, indent=1, ensure_ascii=False) + "\n"


def write_line_model(path: Path = LINE_MODEL_FILE) -> Path:
    path.write_text(parameters_text(fit_line_model()), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the pair model
#: Floors tried for stating a pair related (the model's probability of "related").
CLAIM_FLOORS = tuple(round(0.5 + 0.05 * step, 2) for step in range(10))
#: The most false links the chosen floor may let through in cross-validation, as a share
#: of the development events' unrelated pairs: the target of the reuse issue, chosen
#: because a wrong link costs more than a missing one.
MAX_FALSE_LINK_SHARE = 0.01
#: A stand-in that decides nothing, to compute the pairs table's features before any
#: model is fitted (the features do not depend on the model).
_NO_MODEL = PairModel(LogisticModel.uniform(PAIR_CLASSES, PAIR_FEATURE_NAMES, (0.0,) * len(PAIR_CLASSES)), 1.0)


def development_pairs(heldout_dir: Path = HELDOUT_DIR) -> pd.DataFrame:
    """Every annotated pair of the development events: ``event``, ``gold`` (relation),
    ``different_agencies`` (credited to different agencies) and the columns of our pairs
    table that the pair model reads."""
    split_of = read_split()
    frames = []
    for event in sorted(event for event, split in split_of.items() if split == "development"):
        corpus = load_corpus(heldout_dir / event)
        table = article_pairs(corpus, model=_NO_MODEL)
        credits = article_credits(corpus)
        gold = read_annotation(event, "pairs")
        ours = {frozenset(key): position for position, key in
                enumerate(zip(table["article_a"], table["article_b"], strict=True))}
        rows = table.iloc[[ours[frozenset((a, b))] for a, b in
                           zip(gold["article_a"], gold["article_b"], strict=True)]].reset_index(drop=True)
        frames.append(rows.assign(
            event=event, gold=gold["relation"].to_numpy(),
            different_agencies=[bool(different_agencies(a, b, credits))
                                for a, b in zip(rows["article_a"], rows["article_b"], strict=True)]))
    return pd.concat(frames, ignore_index=True)


def pairs_checksum(pairs: pd.DataFrame, features: list[tuple[float, ...]]) -> str:
    """sha256 over every pair's event, ids, gold relation and features: what the fit reads."""
    digest = hashlib.sha256()
    for event, a, b, gold, vector in zip(pairs["event"], pairs["article_a"], pairs["article_b"],
                                         pairs["gold"], features, strict=True):
        digest.update(f"{event}\t{a}\t{b}\t{gold}\t{' '.join(f'{v:.6f}' for v in vector)}\n".encode())
    return digest.hexdigest()


def fit_pair_model(heldout_dir: Path = HELDOUT_DIR) -> dict:
    """Fit the pair model and choose its claim floor; return the parameters file's content."""
    pairs = development_pairs(heldout_dir)
    vectors = table_features(pairs)
    features, classes, events = np.array(vectors), pairs["gold"].to_numpy(), pairs["event"].to_numpy()
    best_c, losses, held_out = _choose_c(features, classes, events, PAIR_CLASSES, PAIR_FEATURE_NAMES)
    counted = pairs["relation_by_counts"].tolist()

    def cross_validated(floor: float) -> pd.DataFrame:
        said = [PairModel(held_out[event], floor).decide(vector, relation, independent).relation
                for event, vector, relation, independent in
                zip(events, vectors, counted, pairs["different_agencies"], strict=True)]
        return pd.DataFrame({"gold": classes, "ours": said})

    unrelated = int((~pairs["gold"].isin(RELATED_CLASSES)).sum())
    false_links = {}
    for floor in CLAIM_FLOORS:
        labels = cross_validated(floor)
        false_links[floor] = int((~labels["gold"].isin(RELATED_CLASSES) & labels["ours"].isin(RELATED_CLASSES)).sum())
    floor = next((f for f in CLAIM_FLOORS if false_links[f] <= MAX_FALSE_LINK_SHARE * unrelated), CLAIM_FLOORS[-1])
    figures = {row["measure"]: [row["successes"], row["total"]]
               for row in pair_figures(cross_validated(floor), CROSS_VALIDATED, ("ours",))}
    model = _fit(features, classes, best_c, PAIR_CLASSES, PAIR_FEATURE_NAMES)
    return {
        "what": "pair model of reuse (newscompare.analysis.pair_model), fitted by make fit",
        "data": {"events": sorted(set(events)), "pairs": len(pairs), "related": len(pairs) - unrelated,
                 "sha256": pairs_checksum(pairs, vectors)},
        "cross_validation": {
            "procedure": "leave one development event out",
            "log_loss_by_C": {str(c): round(losses[c], DECIMALS) for c in C_GRID},
            "chosen_C": best_c,
            "false_links_by_floor": {f"{f:.2f}": false_links[f] for f in CLAIM_FLOORS},
            "floor_rule": (f"the lowest floor whose cross-validated false links are at most "
                           f"{MAX_FALSE_LINK_SHARE:.0%} of the {unrelated} unrelated pairs"),
            "successes_of_total": figures,
        },
        "decision": {"claim_min_probability": floor},
        "model": model.to_json(),
    }


def write_pair_model(path: Path = PAIR_MODEL_FILE) -> Path:
    path.write_text(parameters_text(fit_pair_model()), encoding="utf-8")
    return path


def cross_validated_line_figures(path: Path = LINE_MODEL_FILE) -> pd.DataFrame:
    """The cleaning measures of the held-out scorer, leave-one-event-out on the development
    events, as ``make fit`` recorded them (read from the parameters file, not refitted);
    rows as :func:`newscompare.evaluation.heldout.headline_figures`."""
    return _recorded_figures(path, "lines")


def cross_validated_pair_figures(path: Path = PAIR_MODEL_FILE) -> pd.DataFrame:
    """The pair measures of the held-out scorer, leave-one-event-out on the development
    events with the chosen floor, as ``make fit`` recorded them."""
    return _recorded_figures(path, "pairs")


def _recorded_figures(path: Path, task: str) -> pd.DataFrame:
    counts = json.loads(path.read_text(encoding="utf-8"))["cross_validation"]["successes_of_total"]
    return pd.DataFrame([figure_row(CROSS_VALIDATED, task, measure, "ours", successes, total)
                         for measure, (successes, total) in counts.items()])
