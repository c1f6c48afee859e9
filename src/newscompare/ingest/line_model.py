"""The fitted part of cleaning: is a line article text, a headline, or page furniture?

The shape rules of :mod:`newscompare.ingest.cleaning` decide the lines whose form says what
they are (a markdown heading, "By ...", a bare URL, a known furniture phrase). The lines
they leave open were decided by hand-set positional rules ("a short unpunctuated line
above the body is the headline"), which missed most standfirsts, captions and teaser
lists on real pages. They are now decided by a small logistic model over the features
below, whose weights are fitted on the line roles of the annotated development events
(``make fit``, :mod:`newscompare.evaluation.fitting`) and read from
``data/line_model.json``; the file records the data's checksum and the cross-validated
score, and a test refits it and must get the same file.

The features describe a line's form and its place in the article only, never its site or
its words (apart from the share of common function words, as jusText does): what a
caption or a menu looks like on one site it looks like on the next.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache

from newscompare.ingest.logistic import LogisticModel
from newscompare.ingest.paths import INGEST_DATA_DIR
from newscompare.ingest.text import normalize

LINE_MODEL_FILE = INGEST_DATA_DIR / "line_model.json"
#: The classes the model tells apart, in the order of the weight rows.
LINE_CLASSES = ("body", "headline", "furniture")

# A sentence of running text ends with sentence punctuation, perhaps then a closing mark.
_SENTENCE_END = re.compile(r"[.!?:;]['\"’”»)]*\s*$")
# A teaser's blurb is cut off by the site ("Surprisingly, this year's awards race sees ..."):
# running text ends as a sentence, a teaser's blurb ends with an ellipsis.
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)['\"’”»)]*\s*$")
_BULLET = re.compile(r"^\s*(?:[•·▪►*]|[-–—]\s)")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
#: A line this long and ending as a sentence does is surely article text: it marks where
#: the body starts and ends, for the position features.
ANCHOR_WORDS = 15
# The commonest English function words (a short list in the spirit of jusText's stop-word
# density: running text is full of them, labels, names and headlines much less so).
FUNCTION_WORDS = frozenset("""
a about after against all also an and any are as at be been before being between both but by
can could did do does during each for from had has have he her hers him his how i if in into
is it its just may me more most my no nor not of on once only or other our out over own same
she should so some such than that the their them then there these they this those through to
too under until up very was we were what when where which while who whom why will with would
you your
""".split())

FEATURE_NAMES = (
    "log word count",
    "ends as a sentence",
    "function-word share",
    "capitalised-word share",
    "starts with a bullet",
    "above the first long sentence",
    "below the last long sentence",
    "first non-blank line",
    "last non-blank line",
    "same text earlier in the article",
    "same text later in the article",
    "ends with a question mark",
    "digit share",
    "short and unpunctuated",
    "position among the lines",
    "previous line ends as a sentence",
    "next line ends as a sentence",
    "previous line is short and unpunctuated",
    "next line is short and unpunctuated",
    "ends with an ellipsis",
    "a neighbouring line ends with an ellipsis",
)


#: Index of the feature "above the first long sentence".
ABOVE_BODY = FEATURE_NAMES.index("above the first long sentence")


def _is_anchor(plain: str) -> bool:
    return len(plain.split()) >= ANCHOR_WORDS and bool(_SENTENCE_END.search(plain))


def line_features(lines: list[str]) -> list[tuple[float, ...] | None]:
    """One feature vector per line (``None`` for a blank line), in :data:`FEATURE_NAMES` order."""
    plains = [normalize(line).strip() for line in lines]
    filled = [index for index, plain in enumerate(plains) if plain]
    # Lines that are surely article text mark where the body starts and ends; a short
    # text with no long sentence is marked by its sentences.
    anchors = ([index for index in filled if _is_anchor(plains[index])]
               or [index for index in filled if _SENTENCE_END.search(plains[index])])
    first_anchor = anchors[0] if anchors else len(lines)
    last_anchor = anchors[-1] if anchors else -1
    first_seen: dict[str, int] = {}
    last_seen: dict[str, int] = {}
    for index in filled:
        first_seen.setdefault(plains[index].lower(), index)
        last_seen[plains[index].lower()] = index
    features: list[tuple[float, ...] | None] = [None] * len(lines)
    ends = {index: bool(_SENTENCE_END.search(plains[index])) for index in filled}
    short = {index: len(_WORD.findall(plains[index])) <= 9 and not ends[index] for index in filled}
    cut_off = {index: bool(_ELLIPSIS_END.search(plains[index])) for index in filled}
    for rank, index in enumerate(filled):
        before = filled[rank - 1] if rank > 0 else None
        after = filled[rank + 1] if rank + 1 < len(filled) else None
        plain = plains[index]
        tokens = _WORD.findall(plain)
        n_words = max(len(tokens), 1)
        ends_as_sentence = bool(_SENTENCE_END.search(plain))
        features[index] = (
            math.log(1 + len(tokens)),
            float(ends_as_sentence),
            sum(token.lower() in FUNCTION_WORDS for token in tokens) / n_words,
            sum(token[0].isupper() for token in tokens) / n_words,
            float(bool(_BULLET.match(plain))),
            float(index < first_anchor),
            float(index > last_anchor),
            float(rank == 0),
            float(rank == len(filled) - 1),
            float(first_seen[plain.lower()] < index),
            float(last_seen[plain.lower()] > index),
            float(plain.endswith("?")),
            sum(char.isdigit() for char in plain) / max(len(plain), 1),
            float(len(tokens) <= 9 and not ends_as_sentence),
            rank / max(len(filled) - 1, 1),
            float(before is not None and ends[before]),
            float(after is not None and ends[after]),
            float(before is not None and short[before]),
            float(after is not None and short[after]),
            float(cut_off[index]),
            float((before is not None and cut_off[before]) or (after is not None and cut_off[after])),
        )
    return features


@cache
def fitted_line_model() -> LogisticModel:
    """The model that ``make fit`` wrote (the build never refits)."""
    data = json.loads(LINE_MODEL_FILE.read_text(encoding="utf-8"))
    return LogisticModel.from_json(data["model"], LINE_CLASSES, FEATURE_NAMES, LINE_MODEL_FILE)
