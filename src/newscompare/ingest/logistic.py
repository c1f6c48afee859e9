"""A fitted multinomial logistic model, as ``make fit`` writes it and the analysis reads it.

The models of the package (the line model of cleaning, the pair model of reuse) are small:
a handful of features, a few classes. They are fitted by scikit-learn at ``make fit``
(:mod:`newscompare.evaluation.fitting`) and stored as plain numbers in a JSON file beside
the layer that uses them, so that the analysis needs no pickled estimator and a refit can
be compared byte for byte with the committed file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LogisticModel:
    """Standardisation and multinomial logistic weights, as fitted (one row per class)."""

    classes: tuple[str, ...]
    features: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[tuple[float, ...], ...]
    intercepts: tuple[float, ...]

    def probabilities(self, feature: tuple[float, ...]) -> dict[str, float]:
        """Class -> probability of one feature vector (in :attr:`features` order)."""
        standard = [(value - mean) / scale
                    for value, mean, scale in zip(feature, self.means, self.scales, strict=True)]
        scores = [intercept + sum(w * x for w, x in zip(row, standard, strict=True))
                  for row, intercept in zip(self.weights, self.intercepts, strict=True)]
        top = max(scores)
        exps = [math.exp(score - top) for score in scores]
        total = sum(exps)
        return {name: value / total for name, value in zip(self.classes, exps, strict=True)}

    def to_json(self) -> dict:
        return {"classes": list(self.classes), "features": list(self.features),
                "means": list(self.means), "scales": list(self.scales),
                "weights": [list(row) for row in self.weights],
                "intercepts": list(self.intercepts)}

    @classmethod
    def from_json(cls, data: dict, classes: tuple[str, ...], features: tuple[str, ...],
                  path: Path) -> LogisticModel:
        """The model stored in ``data``, which must be fitted for ``classes`` and
        ``features`` (the code's current ones; ``path`` names the file in the error)."""
        if tuple(data["classes"]) != classes or tuple(data["features"]) != features:
            raise ValueError(f"{path}: fitted for other classes or features; run make fit")
        return cls(classes=classes, features=features,
                   means=tuple(data["means"]), scales=tuple(data["scales"]),
                   weights=tuple(tuple(row) for row in data["weights"]),
                   intercepts=tuple(data["intercepts"]))

    @classmethod
    def uniform(cls, classes: tuple[str, ...], features: tuple[str, ...],
                intercepts: tuple[float, ...]) -> LogisticModel:
        """A model with zero weights, whose intercepts alone decide (for tests)."""
        return cls(classes=classes, features=features, means=(0.0,) * len(features),
                   scales=(1.0,) * len(features), weights=((0.0,) * len(features),) * len(classes),
                   intercepts=intercepts)
