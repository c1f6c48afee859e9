"""Two simple text-reuse detectors to measure our method against.

Both return the same tables as :mod:`newscompare.analysis.reuse`, so one scorer
(:mod:`newscompare.evaluation.validation`) applies to all three:

* ``align_*`` -> one row per (sentence, other article it reuses), columns
  :data:`ALIGNMENT_COLUMNS`; a sentence with no counterpart in any other article has one
  row with relation ``none`` and empty match fields.
* ``*_pairs`` -> one row per unordered article pair, columns :data:`PAIR_COLUMNS`.

The baselines
-------------

**Churnalism rule** (:func:`align_churnalism`, :func:`churnalism_pairs`): after the
approach of churnalism.com (Media Standards Trust, 2011), text counts as copied when more
than :data:`CHURNALISM_MIN_COVERAGE` of it is covered by 15-character strings that also
occur in the other text. Texts are compared as ``normalize(text).lower()``. Every
15-character window (:data:`CHURNALISM_WINDOW`) of a sentence is looked up among the
windows of the other text; windows are taken *within* sentences, never across a sentence
boundary. The **coverage** of a text by another is the number of its characters that lie
inside at least one shared window, divided by its length in characters.

* sentence level: coverage of the sentence by the whole other article (the union of the
  windows of its sentences); the match is the other article's sentence that alone covers
  most of it;
* article-pair level: coverage of all of A's sentence characters by B's windows (and the
  reverse), i.e. characters covered summed over A's sentences / characters of A's sentences.

**difflib ratio** (:func:`align_difflib`, :func:`difflib_pairs`): the best
``difflib.SequenceMatcher`` ratio between the sentence's word tokens
(:func:`newscompare.ingest.text.words`) and those of any sentence of the other article; the
sentence counts as reused when that ratio >= :data:`DIFFLIB_MIN_RATIO`. At the pair level,
the containment of A in B is the share of A's sentences reused in B.

Neither baseline grades its matches: a reused sentence is labelled ``verbatim`` when its
words equal its counterpart's and ``edited`` otherwise; they never say ``paraphrase``.
Pairs are labelled by :func:`pair_relation_from_containment` (``copy``,
``partial_copy`` or ``unrelated``, never ``paraphrase``). Compare them with our method on
the binary "reused or not" scores.
"""

from __future__ import annotations

import difflib
from itertools import combinations

import pandas as pd

from newscompare.ingest.corpus import Corpus
from newscompare.ingest.text import normalize, words

ALIGNMENT_COLUMNS = [
    "article", "sentence_index", "match_article", "match_sentence_index", "similarity", "relation",
]
PAIR_COLUMNS = [
    "article_a", "article_b", "containment_a_in_b", "containment_b_in_a", "relation",
    "likely_source",
]

#: Churnalism.com's shingle: long enough that a shared string is rarely chance.
CHURNALISM_WINDOW = 15
#: Churnalism.com's rule: "more than 20%" of the text covered counts as copied.
CHURNALISM_MIN_COVERAGE = 0.20
#: Midpoint of the ratio scale, chosen before looking at any gold label (not tuned):
#: at 0.5 about half the words of the two sentences line up in order.
DIFFLIB_MIN_RATIO = 0.5
#: A pair is a "copy" when at least this share of one article is found in the other, the
#: analogue of METER's "wholly derived"; the same share derives the gold pair relations.
WHOLLY_DERIVED_SHARE = 0.8
#: Below this containment both ways a pair is unrelated (the Churnalism 20% rule, reused).
PARTLY_DERIVED_SHARE = 0.20

SIMILARITY_DECIMALS = 4


def pair_relation_from_containment(containment_a_in_b: float, containment_b_in_a: float) -> str:
    """``copy`` if either containment >= WHOLLY_DERIVED_SHARE, ``partial_copy`` if either
    is > PARTLY_DERIVED_SHARE, else ``unrelated``."""
    larger = max(containment_a_in_b, containment_b_in_a)
    if larger >= WHOLLY_DERIVED_SHARE:
        return "copy"
    if larger > PARTLY_DERIVED_SHARE:
        return "partial_copy"
    return "unrelated"


def _comparable(text: str) -> str:
    return normalize(text).lower()


def _windows(text: str, width: int) -> set[str]:
    return {text[i : i + width] for i in range(len(text) - width + 1)}


def _covered(text: str, windows: set[str], width: int) -> int:
    """Number of characters of ``text`` inside at least one window found in ``windows``."""
    mask = [False] * len(text)
    for i in range(len(text) - width + 1):
        if text[i : i + width] in windows:
            mask[i : i + width] = [True] * width
    return sum(mask)


def _sentence_texts(corpus: Corpus) -> dict[str, list[tuple[int, str]]]:
    """Article id -> [(sentence_index, original sentence)] in order."""
    table = corpus.sentences.sort_values(["article", "sentence_index"])
    result: dict[str, list[tuple[int, str]]] = {article_id: [] for article_id in corpus.ids}
    for row in table.itertuples():
        result[row.article].append((int(row.sentence_index), row.sentence))
    return result


def _relation(text: str, counterpart: str) -> str:
    return "verbatim" if words(text) == words(counterpart) else "edited"


def _alignment_frame(records: list[dict]) -> pd.DataFrame:
    table = pd.DataFrame(records, columns=ALIGNMENT_COLUMNS)
    return table.sort_values(["article", "sentence_index", "match_article"]).reset_index(drop=True)


def _with_none_rows(records: list[dict], sentences: dict[str, list[tuple[int, str]]]) -> list[dict]:
    """Add one ``none`` row for every sentence that matched no other article."""
    matched = {(r["article"], r["sentence_index"]) for r in records}
    for article_id, items in sentences.items():
        for index, _ in items:
            if (article_id, index) not in matched:
                records.append(
                    {"article": article_id, "sentence_index": index, "match_article": "",
                     "match_sentence_index": "", "similarity": 0.0, "relation": "none"}
                )
    return records


def _match(originals: dict[str, dict[int, str]], article_id: str, index: int, other: str,
           best: int, similarity: float) -> dict:
    """One alignment row: sentence ``index`` of ``article_id`` matched to sentence ``best``
    of ``other``, with the relation its wording shows."""
    return {"article": article_id, "sentence_index": index, "match_article": other,
            "match_sentence_index": str(best),
            "similarity": round(similarity, SIMILARITY_DECIMALS),
            "relation": _relation(originals[article_id][index], originals[other][best])}


def align_churnalism(
    corpus: Corpus,
    window: int = CHURNALISM_WINDOW,
    min_coverage: float = CHURNALISM_MIN_COVERAGE,
) -> pd.DataFrame:
    """Sentence alignment by the Churnalism rule (module docstring).

    Returns one row per (sentence, other article) whose windows cover more than
    ``min_coverage`` of the sentence; ``similarity`` is that coverage (0-1).
    """
    sentences = _sentence_texts(corpus)
    texts = {a: [(i, _comparable(s)) for i, s in items] for a, items in sentences.items()}
    windows = {a: {i: _windows(t, window) for i, t in items} for a, items in texts.items()}
    originals = {a: dict(items) for a, items in sentences.items()}
    records = []
    for article_id, items in texts.items():
        for other in corpus.ids:
            if other == article_id:
                continue
            union = set().union(*windows[other].values()) if windows[other] else set()
            for index, text in items:
                if not text:
                    continue
                coverage = _covered(text, union, window) / len(text)
                if coverage <= min_coverage:
                    continue
                best = max(
                    windows[other],
                    key=lambda j: (_covered(text, windows[other][j], window), -j),
                )
                records.append(_match(originals, article_id, index, other, best, coverage))
    return _alignment_frame(_with_none_rows(records, sentences))


def churnalism_pairs(
    corpus: Corpus,
    window: int = CHURNALISM_WINDOW,
) -> pd.DataFrame:
    """Article pairs by the Churnalism rule: containment = share of an article's sentence
    characters covered by windows of the other article (module docstring)."""
    texts = {a: [_comparable(s) for _, s in items] for a, items in _sentence_texts(corpus).items()}
    windows = {a: set().union(set(), *(_windows(t, window) for t in ts)) for a, ts in texts.items()}

    def containment(a: str, b: str) -> float:
        total = sum(len(t) for t in texts[a])
        covered = sum(_covered(t, windows[b], window) for t in texts[a])
        return covered / total if total else 0.0

    return _pair_frame(corpus, containment)


def _best_ratio(tokens: list[str], candidates: list[tuple[int, list[str]]]) -> tuple[float, int]:
    """Highest SequenceMatcher ratio of ``tokens`` against each candidate, and its index
    (lowest index on ties)."""
    best_ratio, best_index = -1.0, -1
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(tokens)  # seq2 is the one difflib caches
    for index, candidate in candidates:
        matcher.set_seq1(candidate)
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best_ratio, best_index = ratio, index
    return best_ratio, best_index


def align_difflib(corpus: Corpus, min_ratio: float = DIFFLIB_MIN_RATIO) -> pd.DataFrame:
    """Sentence alignment by the best ``difflib`` word-sequence ratio (module docstring).

    Returns one row per (sentence, other article) whose best ratio >= ``min_ratio``;
    ``similarity`` is that ratio.
    """
    sentences = _sentence_texts(corpus)
    tokens = {a: [(i, words(s)) for i, s in items] for a, items in sentences.items()}
    originals = {a: dict(items) for a, items in sentences.items()}
    records = []
    for article_id, items in tokens.items():
        for other in corpus.ids:
            if other == article_id or not tokens[other]:
                continue
            for index, sentence_tokens in items:
                ratio, best = _best_ratio(sentence_tokens, tokens[other])
                if ratio < min_ratio:
                    continue
                records.append(_match(originals, article_id, index, other, best, ratio))
    return _alignment_frame(_with_none_rows(records, sentences))


def difflib_pairs(corpus: Corpus, min_ratio: float = DIFFLIB_MIN_RATIO,
                  alignment: pd.DataFrame | None = None) -> pd.DataFrame:
    """Article pairs from :func:`align_difflib`: containment of A in B = share of A's
    sentences whose best ratio against B's sentences >= ``min_ratio``. Pass the
    ``alignment`` :func:`align_difflib` made at that ratio to avoid computing it twice."""
    if alignment is None:
        alignment = align_difflib(corpus, min_ratio)
    reused = alignment[alignment["relation"] != "none"]
    counts = corpus.sentences.groupby("article").size()

    def containment(a: str, b: str) -> float:
        hits = reused[(reused["article"] == a) & (reused["match_article"] == b)]
        total = int(counts.get(a, 0))
        return hits["sentence_index"].nunique() / total if total else 0.0

    return _pair_frame(corpus, containment)


def _pair_frame(corpus: Corpus, containment) -> pd.DataFrame:
    records = []
    for a, b in combinations(sorted(corpus.ids), 2):
        a_in_b, b_in_a = containment(a, b), containment(b, a)
        records.append(
            {"article_a": a, "article_b": b,
             "containment_a_in_b": round(a_in_b, SIMILARITY_DECIMALS),
             "containment_b_in_a": round(b_in_a, SIMILARITY_DECIMALS),
             "relation": pair_relation_from_containment(a_in_b, b_in_a),
             # Baselines do not say which text came first.
             "likely_source": ""}
        )
    return pd.DataFrame(records, columns=PAIR_COLUMNS)
