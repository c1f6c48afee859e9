"""Time the whole ``analyze`` command on copy-heavy corpora of real English text, beside
the floor of parsing the same corpus alone (issue 10).

A corpus of ``n`` articles is built, by a seeded generator, from the real English in the
repository: the seed articles' body sentences and the prose sentences of the book's
pages, notebooks and annotation notes. About 40% of the articles are originals
("stories"): a seed article, or sentences drawn from that pool with nine in ten of their
content words swapped, so that each original is new text with English grammar that
shares no content with another. Swapped-in words are the English model's own lower-case
vocabulary, drawn with a Zipf-like frequency (a few common words, many rare ones, as in
news text): with the pool's own thousand words, every word would occur in hundreds of
sentences and the corpus would not be English-like for the reuse index. The
rest are reprints of a story, as a wire story is reprinted by many outlets: the
original with one or two sentences dropped and one to three words changed. Families
have 1 to 30 reprints (mean about 3), whatever ``n``: a corpus ten times larger has ten
times more stories, not stories reprinted ten times more (that would make the pair and
alignment tables grow with the square of ``n`` by their nature, see the README).

Each measurement runs in a fresh Python process (model load included, as a user runs
it) and reports its wall time, CPU time and peak resident memory:

* ``parse``: read and check the corpus, parse every paragraph (the physical floor);
* ``analyze``: ``python -m newscompare analyze CORPUS --out OUT`` (every table).

Run ``python benchmarks/analysis_scaling.py 100 1000`` or through ``make bench``.
"""

from __future__ import annotations

import csv
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from spacy.lang.en.stop_words import STOP_WORDS

from newscompare.ingest.corpus import read_articles
from newscompare.ingest.paths import ANNOTATIONS_DIR, PROJECT_ROOT, SEEDS_DIR

SEED = 20240704
ORIGINAL_SHARE = 0.4
MAX_REPRINTS = 30
SENTENCES_PER_ORIGINAL = (8, 20)
SENTENCES_PER_PARAGRAPH = 3
_PLAIN_SENTENCE = re.compile(r"^[A-Z][A-Za-z0-9 ,;:'\u2019\u201c\u201d\"()%/-]+[.]$")
_MARKUP = re.compile(r"\{[a-z:]+\}`[^`]*`|`[^`]*`|\*\*|\[([^\]]*)\]\([^)]*\)")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_WORD = re.compile(r"[A-Za-z]{3,}")
SWAP_SHARE = 0.9  # content words replaced in a new original: shares no content with its pool sentence


def sentence_pool() -> list[str]:
    """Plain English sentences (8 to 40 words, no markup) from the seeds and the prose."""
    paragraphs = [text for article in read_articles(SEEDS_DIR) for _, text in article.paragraphs]
    prose = [path.read_text(encoding="utf-8")
             for path in sorted([*PROJECT_ROOT.glob("*.md"), *ANNOTATIONS_DIR.glob("*.md")])]
    for path in sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        prose.extend("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    for text in prose:
        # Roles, code and links out; their words, where they are words, stay.
        text = _MARKUP.sub(lambda m: m.group(1) or "", text)
        paragraphs.extend(text.split("\n\n"))
    pool = set()
    for paragraph in paragraphs:
        for sentence in _SENTENCE_SPLIT.split(" ".join(paragraph.split())):
            if _PLAIN_SENTENCE.match(sentence) and 8 <= len(sentence.split()) <= 40:
                pool.add(sentence)
    return sorted(pool)


class Vocabulary:
    """The model's lower-case words in a seeded random rank order, drawn with frequency
    proportional to 1 / (rank + 10)."""

    def __init__(self, rng: random.Random):
        from newscompare.ingest.nlp import load_model

        strings = load_model().vocab.strings
        self.words = sorted(w for w in strings if w.isalpha() and w.islower() and len(w) >= 3)
        rng.shuffle(self.words)
        total, self.cumulative = 0.0, []
        for rank in range(len(self.words)):
            total += 1.0 / (rank + 10)
            self.cumulative.append(total)
        self.rng = rng

    def draw(self) -> str:
        return self.rng.choices(self.words, cum_weights=self.cumulative)[0]


def _new_text(rng: random.Random, pool: list[str], vocabulary: Vocabulary) -> list[str]:
    """Sentences of a new original: pool sentences with most content words swapped."""
    def swap(match: re.Match) -> str:
        word = match.group()
        if word.lower() in STOP_WORDS or rng.random() >= SWAP_SHARE:
            return word
        new = vocabulary.draw()
        return new.capitalize() if word[0].isupper() else new

    count = rng.randint(*SENTENCES_PER_ORIGINAL)
    return [_WORD.sub(swap, rng.choice(pool)) for _ in range(count)]


def _reprint(rng: random.Random, sentences: list[str], vocabulary: Vocabulary) -> list[str]:
    """A copy desk's reprint: one or two sentences dropped, one to three words changed."""
    kept = list(sentences)
    for _ in range(rng.randint(1, 2)):
        if len(kept) > 3:
            del kept[rng.randrange(1, len(kept))]
    for _ in range(rng.randint(1, 3)):
        k = rng.randrange(len(kept))
        words = kept[k].split()
        position = rng.randrange(1, len(words) - 1)
        words[position] = vocabulary.draw()
        kept[k] = " ".join(words)
    return kept


def build_corpus(n_articles: int, folder: Path, seed: int = SEED) -> Path:
    """Write a copy-heavy corpus of ``n_articles`` into ``folder`` (see module docstring)."""
    rng = random.Random(seed)
    pool = sentence_pool()
    vocabulary = Vocabulary(rng)
    seeds = [[s for _, text in a.paragraphs for s in _SENTENCE_SPLIT.split(text)]
             for a in read_articles(SEEDS_DIR)]
    articles: list[tuple[int, list[str]]] = []  # (day offset, sentences)
    story = 0
    while len(articles) < n_articles:
        original = seeds[story] if story < len(seeds) else _new_text(rng, pool, vocabulary)
        day = rng.randrange(0, 60)
        articles.append((day, original))
        # Reprints per story: geometric-like, mean about 1/ORIGINAL_SHARE - 1.
        reprints = 0
        while reprints < MAX_REPRINTS and rng.random() > ORIGINAL_SHARE:
            reprints += 1
        for _ in range(min(reprints, n_articles - len(articles))):
            articles.append((day + rng.randint(0, 3), _reprint(rng, original, vocabulary)))
        story += 1
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "file", "outlet", "url", "published"])
        for k, (day, sentences) in enumerate(articles):
            name = f"{k:05d}.txt"
            paragraphs = [" ".join(sentences[i:i + SENTENCES_PER_PARAGRAPH])
                          for i in range(0, len(sentences), SENTENCES_PER_PARAGRAPH)]
            headline = " ".join(sentences[0].split()[:8]).rstrip(".,;:")
            (folder / name).write_text(f"# {headline}\n\n" + "\n\n".join(paragraphs) + "\n",
                                       encoding="utf-8")
            published = pd.Timestamp("2024-05-01") + pd.Timedelta(days=day)
            writer.writerow([f"{k:05d}", name, f"Outlet {k % 97}", "", published.date().isoformat()])
    return folder


def _child(what: str, corpus: str, out: str) -> None:
    """Run one measurement in this (fresh) process and print it as JSON."""
    start = time.perf_counter()
    if what == "parse":
        from newscompare.ingest.corpus import load_corpus

        load_corpus(corpus)  # read, check and parse: nothing else
    else:
        from newscompare.cli import main

        code = main(["analyze", corpus, "--out", out])
        if code != 0:
            raise SystemExit(code)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    # CPU time as well as wall time: on a shared machine the wall time of two runs
    # differs with the load, their CPU time much less.
    print(json.dumps({"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime,
                      "peak_memory_mb": usage.ru_maxrss / 1024}))  # ru_maxrss: KiB on Linux


def measure(what: str, corpus: Path, out: Path) -> dict:
    completed = subprocess.run(
        [sys.executable, __file__, "--child", what, str(corpus), str(out)],
        capture_output=True, text=True, check=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def run(sizes: tuple[int, ...] = (100, 1000, 5000)) -> pd.DataFrame:
    """One row per size: articles, sentences, parse and analyze time and peak memory,
    their ratio, and the growth of the analyze time per article against the previous size."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="newscompare-bench-") as scratch:
        for size in sizes:
            corpus = build_corpus(size, Path(scratch) / f"corpus-{size}")
            out = Path(scratch) / f"out-{size}"
            parse = measure("parse", corpus, out)
            analyze = measure("analyze", corpus, out)
            sentences = sum(1 for _ in open(out / "sentences.csv", encoding="utf-8")) - 1
            pairs = pd.read_csv(out / "pairs.csv", dtype=str, keep_default_na=False)
            rows.append({
                "n_articles": size, "n_sentences": sentences,
                "related_pairs": int((pairs["relation"] != "unrelated").sum()),
                "parse_seconds": round(parse["seconds"], 1),
                "analyze_seconds": round(analyze["seconds"], 1),
                "ratio_to_parse": round(analyze["seconds"] / parse["seconds"], 2),
                "parse_cpu_seconds": round(parse["cpu_seconds"], 1),
                "analyze_cpu_seconds": round(analyze["cpu_seconds"], 1),
                "cpu_ratio_to_parse": round(analyze["cpu_seconds"] / parse["cpu_seconds"], 2),
                "parse_peak_mb": round(parse["peak_memory_mb"]),
                "analyze_peak_mb": round(analyze["peak_memory_mb"]),
                "ms_per_article": round(1000 * analyze["seconds"] / size, 1),
            })
            print(pd.DataFrame(rows[-1:]).to_string(index=False), file=sys.stderr, flush=True)
    return pd.DataFrame(rows)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(*sys.argv[2:5])
    else:
        sizes = tuple(int(arg) for arg in sys.argv[1:]) or (100, 1000, 5000)
        print(run(sizes).to_string(index=False))
