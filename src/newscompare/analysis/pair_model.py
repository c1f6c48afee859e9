"""The fitted part of the pair decision: are two articles related, and how?

The sentence alignment (:mod:`newscompare.analysis.reuse`) labels each sentence taken,
reworded or not found in the other article, and the written definitions turn those counts
into a relation (``heldout/GUIDELINES.md``, section 3). On real coverage that reading
asserts more than its evidence supports: two independent reports of one event share names,
figures and stock phrases, and a few of their sentences pass as "taken". The final
decision is therefore a small multinomial logistic model over the counts' relation and the
evidence that copying leaves behind (long word sequences shared outside quotation marks),
fitted on the pair relations of the annotated development events (``make fit``,
:mod:`newscompare.evaluation.fitting`) and read from ``data/pair_model.json`` with the
data's checksum and the cross-validated figures.

A pair is stated related only when the model's probability that it is related reaches
the file's ``claim_min_probability``, which ``make fit`` chose as the lowest at which the
cross-validated false links stay within 1% of the development events' unrelated pairs
(a wrong link costs more than a missing one). A pair that the counts call related, or that
the model finds more likely related than not, but below that floor, is ``undetermined``:
the book lists it under "check by hand" instead of stating it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache

from newscompare.ingest.logistic import LogisticModel
from newscompare.ingest.paths import ANALYSIS_DATA_DIR

PAIR_MODEL_FILE = ANALYSIS_DATA_DIR / "pair_model.json"
#: The classes the model tells apart (the annotation's pair relations), in weight-row order.
PAIR_CLASSES = ("copy", "partial_copy", "paraphrase", "unrelated")
RELATED_CLASSES = PAIR_CLASSES[:3]
#: The answer for a pair whose evidence is too weak to state either way.
UNDETERMINED = "undetermined"
#: Below the claim floor, a pair the model finds at least this likely related (more likely
#: related than not) is undetermined rather than unrelated, whatever the counts say.
LEANS_RELATED = 0.5
#: Words in the long sequences counted as a feature: ten words in a row outside quotation
#: marks are seldom a stock phrase or a shared name ("Prime Minister Narendra Modi" is four).
LONG_NGRAM_SIZE = 10
FEATURE_NAMES = (
    "taken share of the shorter article (square root)",
    "reworded share of the shorter article (square root)",
    "5-word sequences shared (larger containment, square root)",
    "10-word sequences shared (larger containment, square root)",
    "counts say copy",
    "counts say partial copy",
    "counts say paraphrase",
)


def pair_features(taken: int, reworded: int, shorter_sentences: int, containment: float,
                  long_containment: float, counted_relation: str) -> tuple[float, ...]:
    """The feature vector of a pair, in :data:`FEATURE_NAMES` order: the shorter article's
    sentences taken and reworded from the other (shares), the larger of the two n-gram
    containments at the reuse n-gram size and at :data:`LONG_NGRAM_SIZE`, and the relation
    the written definitions give from the counts (one-hot).

    The four shares enter as square roots: their bearing on the odds is concave (the step
    from nothing shared to a few sentences or sequences says more than the step from half
    to a little more than half). Chosen on the development events' leave-one-event-out
    figures (24 events, before the later cleaning rules): log loss 0.333 -> 0.319, and at 1%
    false links 340 -> 394 of 535 related pairs found, with the same number of weights (the
    parameters file records the figures of the current fit)."""
    shorter = max(shorter_sentences, 1)
    shares = (taken / shorter, reworded / shorter, containment, long_containment)
    return (*(math.sqrt(max(share, 0.0)) for share in shares),
            *(float(counted_relation == name) for name in RELATED_CLASSES))


@dataclass(frozen=True)
class PairDecision:
    relation: str  # a pair class, or UNDETERMINED
    #: The model's probability that the pair is related (any related class).
    related_probability: float


@dataclass(frozen=True)
class PairModel:
    model: LogisticModel
    #: Lowest probability of "related" at which a pair is stated related.
    claim_min_probability: float

    def decide(self, features: tuple[float, ...], counted_relation: str,
               different_agencies: bool = False) -> PairDecision:
        """The stated relation of a pair: the likeliest related class when the
        probability of "related" reaches the floor, ``undetermined`` when it does not but
        the counts or the model lean to related, else ``unrelated``. Two texts credited
        to different agencies are independent reports (the guidelines' "unrelated") unless
        the counts find a copy: shared officials, quotations and facts are not reuse."""
        probabilities = self.model.probabilities(features)
        related = 1.0 - probabilities["unrelated"]
        if different_agencies and counted_relation != "copy":
            relation = "unrelated"
        elif related >= self.claim_min_probability:
            relation = max(RELATED_CLASSES, key=lambda name: (probabilities[name], -RELATED_CLASSES.index(name)))
        elif counted_relation in RELATED_CLASSES or related >= LEANS_RELATED:
            relation = UNDETERMINED
        else:
            relation = "unrelated"
        return PairDecision(relation, related)

    @classmethod
    def from_json(cls, data: dict) -> PairModel:
        return cls(LogisticModel.from_json(data["model"], PAIR_CLASSES, FEATURE_NAMES, PAIR_MODEL_FILE),
                   float(data["decision"]["claim_min_probability"]))


@cache
def _parameters() -> dict:
    """The parameters file ``make fit`` wrote, read once."""
    return json.loads(PAIR_MODEL_FILE.read_text(encoding="utf-8"))


@cache
def fitted_pair_model() -> PairModel:
    """The model that ``make fit`` wrote (the analysis never refits)."""
    return PairModel.from_json(_parameters())


def table_features(pairs) -> list[tuple[float, ...]]:
    """The feature vector of every row of a pairs table (:func:`~newscompare.analysis.reuse.article_pairs`),
    from its columns: what ``make fit`` trains on, the same numbers the decision read."""
    return [pair_features(int(row.taken), int(row.reworded), min(int(row.sentences_a), int(row.sentences_b)),
                          max(float(row.containment_a_in_b), float(row.containment_b_in_a)),
                          float(row.long_containment), str(row.relation_by_counts))
            for row in pairs.itertuples()]


@dataclass(frozen=True)
class FitSummary:
    """What the parameters file says of its own fit, for the chapters to state."""

    events: int  # development events fitted on
    pairs: int  # annotated pairs fitted on
    claim_min_probability: float
    #: Unrelated pairs linked, and unrelated pairs in all, with each event left out of the fit.
    false_links: tuple[int, int]
    #: Links stated that are right, and links stated in all, likewise.
    links_right: tuple[int, int]


def fit_summary() -> FitSummary:
    data = _parameters()
    counts = data["cross_validation"]["successes_of_total"]
    false_links, links_right = counts["false links, of unrelated pairs"], counts["links that are right"]
    return FitSummary(len(data["data"]["events"]), int(data["data"]["pairs"]),
                      float(data["decision"]["claim_min_probability"]),
                      (int(false_links[0]), int(false_links[1])), (int(links_right[0]), int(links_right[1])))
