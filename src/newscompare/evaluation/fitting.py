"""Fit the analysis's learned parameters on the annotated development events (``make fit``).

Today one model is fitted: the line model of cleaning (:mod:`newscompare.ingest.line_model`),
a multinomial logistic regression over line features, trained on the line roles of every
development event (``heldout/annotations/<event>/line_roles.csv``; the test events are
never read). Its one free setting, the regularisation strength, is chosen by
leave-one-event-out cross-validation (log loss), and the cross-validated figures of the
whole cleaning (shape rules plus the model fitted without that event) are written beside
the weights, with the checksum of the data, to ``ingest/data/line_model.json``. The build
reads that file and never refits; a test refits and must get the same file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

from newscompare.evaluation.heldout import (
    HELDOUT_ANNOTATIONS_DIR, HELDOUT_DIR, figure_row, line_figures, read_annotation, read_split,
)
from newscompare.ingest.cleaning import assign_roles, shape_roles
from newscompare.ingest.corpus import split_lines
from newscompare.ingest.line_model import (
    LINE_CLASSES, LINE_MODEL_FILE, LineModel, line_features,
)
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


def _fit(features: np.ndarray, classes: np.ndarray, c: float) -> LineModel:
    means = features.mean(axis=0)
    scales = features.std(axis=0)
    scales[scales == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit((features - means) / scales, classes)
    order = [list(model.classes_).index(name) for name in LINE_CLASSES]
    return LineModel(
        means=tuple(round(float(v), DECIMALS) for v in means),
        scales=tuple(round(float(v), DECIMALS) for v in scales),
        weights=tuple(tuple(round(float(v), DECIMALS) for v in model.coef_[i]) for i in order),
        intercepts=tuple(round(float(model.intercept_[i]), DECIMALS) for i in order),
    )


def _probabilities(model: LineModel, features: np.ndarray) -> np.ndarray:
    return np.array([[model.probabilities(tuple(row))[name] for name in LINE_CLASSES]
                     for row in features])


def cross_validated_labels(articles: list[ArticleLines], model_for: dict[str, LineModel]) -> pd.DataFrame:
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
    losses = {}
    for c in C_GRID:
        predicted = np.zeros((len(classes), len(LINE_CLASSES)))
        for event in event_names:
            held = events == event
            model = _fit(features[~held], classes[~held], c)
            predicted[held] = _probabilities(model, features[held])
        truth = np.array([LINE_CLASSES.index(name) for name in classes])
        losses[c] = float(-np.mean(np.log(predicted[np.arange(len(truth)), truth])))
    best_c = min(C_GRID, key=lambda c: (round(losses[c], DECIMALS), c))
    held_out_models = {event: _fit(features[events != event], classes[events != event], best_c)
                       for event in event_names}
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




def cross_validated_line_figures(path: Path = LINE_MODEL_FILE) -> pd.DataFrame:
    """The cleaning measures of the held-out scorer, leave-one-event-out on the development
    events, as ``make fit`` recorded them (read from the parameters file, not refitted);
    rows as :func:`newscompare.evaluation.heldout.headline_figures`."""
    counts = json.loads(path.read_text(encoding="utf-8"))["cross_validation"]["successes_of_total"]
    return pd.DataFrame([figure_row(CROSS_VALIDATED, "lines", measure, "ours", successes, total)
                         for measure, (successes, total) in counts.items()])
