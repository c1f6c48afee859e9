"""Time the reuse analysis on generated corpora of growing size (no spaCy needed).

Corpora are made by a seeded generator from a fixed pseudo-word vocabulary with a
Zipf-like word frequency; a fifth of the articles are copies of an earlier article with
a few words substituted, a sentence dropped and another story appended. Run:

    python benchmarks/reuse_scaling.py            # 50, 500 and 5,000 articles

Prints n_articles, n_sentences, seconds, peak memory (tracemalloc) and the growth factor
of the time against the previous size; ``run(sizes)`` returns the same table.
"""

from __future__ import annotations

import sys
import time
import tracemalloc

import numpy as np
import pandas as pd

from newscompare.analysis import reuse
from newscompare.ingest.corpus import Corpus

SEED = 20240704
VOCABULARY_SIZE = 20_000
SENTENCES_PER_ARTICLE = (8, 20)
WORDS_PER_SENTENCE = (8, 28)
COPY_SHARE = 0.2  # share of articles that copy an earlier one
_SYLLABLES = ["ka", "lo", "mi", "nu", "pe", "ra", "si", "tu", "ve", "zo", "an", "el", "or", "ut"]


def vocabulary(size: int = VOCABULARY_SIZE) -> list[str]:
    """``size`` distinct pseudo-words built deterministically from syllables."""
    words, n = [], 0
    while len(words) < size:
        k, parts = n, []
        while True:
            parts.append(_SYLLABLES[k % len(_SYLLABLES)])
            k //= len(_SYLLABLES)
            if k == 0:
                break
        words.append("".join(parts) + "x" * (len(parts) < 2))
        n += 1
    return words


def generate_sentences(n_articles: int, seed: int = SEED) -> pd.DataFrame:
    """A sentences table (article, sentence_index, sentence) of ``n_articles`` articles."""
    rng = np.random.default_rng(seed)
    vocab = np.array(vocabulary())
    weights = 1.0 / np.arange(1, len(vocab) + 1)
    weights /= weights.sum()

    def sentence() -> str:
        length = rng.integers(*WORDS_PER_SENTENCE)
        return " ".join(rng.choice(vocab, size=length, p=weights)).capitalize() + "."

    articles: list[list[str]] = []
    for k in range(n_articles):
        if k > 0 and rng.random() < COPY_SHARE:
            original = articles[int(rng.integers(0, k))]
            copied = []
            for text in original:
                tokens = text.split()
                for _ in range(int(rng.integers(0, 3))):
                    tokens[int(rng.integers(0, len(tokens)))] = str(rng.choice(vocab))
                copied.append(" ".join(tokens))
            if len(copied) > 2:
                del copied[int(rng.integers(0, len(copied)))]
            copied.extend(sentence() for _ in range(int(rng.integers(0, 5))))
            articles.append(copied)
        else:
            articles.append([sentence() for _ in range(int(rng.integers(*SENTENCES_PER_ARTICLE)))])
    rows = [
        (f"g{k:05d}", index, text)
        for k, texts in enumerate(articles)
        for index, text in enumerate(texts)
    ]
    return pd.DataFrame(rows, columns=["article", "sentence_index", "sentence"])


def run(sizes: tuple[int, ...] = (50, 500, 5000)) -> pd.DataFrame:
    """Time :func:`reuse.align_sentences` plus :func:`reuse.article_pairs` per size."""
    rows = []
    previous = None
    for size in sizes:
        corpus = Corpus.from_sentences(generate_sentences(size))
        tracemalloc.start()
        start = time.perf_counter()
        alignments = reuse.align_sentences(corpus)
        pairs = reuse.article_pairs(corpus, alignments=alignments)
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows.append({
            "n_articles": size, "n_sentences": len(corpus.sentences), "seconds": round(seconds, 2),
            "peak_memory_mb": round(peak / 2**20, 1),
            "growth_factor": round(seconds / previous, 1) if previous else float("nan"),
            "related_pairs": int((pairs["relation"] != "unrelated").sum()),
        })
        previous = seconds
    return pd.DataFrame(rows)


if __name__ == "__main__":
    sizes = tuple(int(arg) for arg in sys.argv[1:]) or (50, 500, 5000)
    print(run(sizes).to_string(index=False))
