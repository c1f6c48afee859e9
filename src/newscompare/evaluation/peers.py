"""Published tools run beside our methods on the same texts, for validation only.

Nothing in the analysis path imports this module: the peers are yardsticks, not parts of
the package's answer.

* :func:`textacy_quotations`: ``textacy.extract.direct_quotations`` (Burton DeWilde's
  textacy 0.13), a rule-based extractor of direct quotations with their speakers, run on
  each article's body text (paragraphs joined by blank lines, parsed by the same spaCy
  model as ours), so that it sees the same text our extractor sees.
* :func:`minhash_pairs`: near-duplicate pairs by MinHash and locality-sensitive hashing
  (``datasketch``) with word 3-gram shingles and 200 hash functions, the defaults of the
  R package textreuse (Mullen 2020), in 50 bands of 4 rows (textreuse's ``lsh()`` sets no
  number of bands; 200 hashes in 50 bands is its vignette's example). Candidate pairs are labelled by
  the containment of their shingles, with the same containment rule as our baselines
  (:func:`newscompare.evaluation.baselines.pair_relation_from_containment`).
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd
from datasketch import MinHash, MinHashLSH
from textacy.extract import direct_quotations

from newscompare.evaluation.baselines import pair_relation_from_containment
from newscompare.ingest.corpus import Corpus
from newscompare.ingest.nlp import load_model
from newscompare.ingest.text import normalize, words

#: textreuse's defaults ``TextReuseCorpus(tokenizer = tokenize_ngrams, n = 3)`` and
#: ``minhash_generator(n = 200)``; ``lsh(bands = 50)`` has no default, 50 bands (4 rows per
#: band) is the example of textreuse's vignette (``lsh_threshold(h = 200, b = 50)``).
MINHASH_SHINGLE = 3
MINHASH_PERMUTATIONS = 200
MINHASH_BANDS = 50
MINHASH_ROWS = MINHASH_PERMUTATIONS // MINHASH_BANDS
#: Fixed seed of the hash functions, so that the peer's answer is reproducible.
MINHASH_SEED = 1
PEER_QUOTE_COLUMNS = ["article", "quote", "speaker", "verb"]
PEER_PAIR_COLUMNS = [
    "article_a", "article_b", "containment_a_in_b", "containment_b_in_a", "relation",
    "likely_source",
]


def body_texts(corpus: Corpus) -> dict[str, str]:
    """Article id -> body text, paragraphs joined by a blank line (headline and chrome
    excluded, as our methods see it)."""
    paragraphs: dict[str, dict[int, list[str]]] = {}
    for row in corpus.sentences.itertuples():
        paragraphs.setdefault(row.article, {}).setdefault(row.paragraph_index, []).append(row.sentence)
    return {article: "\n\n".join(" ".join(parts) for _, parts in sorted(by_paragraph.items()))
            for article, by_paragraph in paragraphs.items()}


def textacy_quotations(corpus: Corpus) -> pd.DataFrame:
    """textacy's direct quotations of every article: article, quote (marks stripped,
    typography normalized), speaker (the speaker tokens' text, "" if none), verb (cue)."""
    nlp = load_model()
    records = []
    for article, text in sorted(body_texts(corpus).items()):
        for triple in _textacy_triples(nlp, text):
            quote = normalize(triple.content.text).strip().strip("\"'“”‘’«» ")
            speaker = " ".join(token.text for token in triple.speaker)
            cue = " ".join(token.text for token in triple.cue)
            records.append({"article": article, "quote": quote, "speaker": normalize(speaker),
                            "verb": cue})
    return pd.DataFrame(records, columns=PEER_QUOTE_COLUMNS)


def _textacy_triples(nlp, text: str) -> list:
    """textacy's quotations of one body text. textacy refuses a text with an odd number of
    quotation marks (ValueError: it will not guess which one is unclosed), which real
    pages with cut-off ends often have; then it is run paragraph by paragraph, and a
    paragraph it still refuses gives no quotations, as textacy intends."""
    try:
        return list(direct_quotations(nlp(text)))
    except ValueError:
        triples = []
        for paragraph in text.split("\n\n"):
            try:
                triples += list(direct_quotations(nlp(paragraph)))
            except ValueError:
                continue
        return triples


def _shingles(text: str) -> set[str]:
    tokens = words(text)
    if len(tokens) < MINHASH_SHINGLE:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[k:k + MINHASH_SHINGLE]) for k in range(len(tokens) - MINHASH_SHINGLE + 1)}


def minhash_pairs(corpus: Corpus) -> pd.DataFrame:
    """Every unordered article pair, labelled ``unrelated`` unless LSH proposes it as a
    candidate; candidates get copy / partial_copy / unrelated from their shingle
    containment. Columns :data:`PEER_PAIR_COLUMNS` (``likely_source`` always empty)."""
    texts = body_texts(corpus)
    shingles = {article: _shingles(text) for article, text in texts.items()}
    lsh = MinHashLSH(num_perm=MINHASH_PERMUTATIONS, params=(MINHASH_BANDS, MINHASH_ROWS))
    hashes = {}
    for article in sorted(shingles):
        signature = MinHash(num_perm=MINHASH_PERMUTATIONS, seed=MINHASH_SEED)
        for shingle in sorted(shingles[article]):
            signature.update(shingle.encode("utf-8"))
        hashes[article] = signature
        lsh.insert(article, signature)
    candidates = {tuple(sorted((article, other)))
                  for article in hashes for other in lsh.query(hashes[article]) if other != article}
    records = []
    for a, b in combinations(sorted(corpus.ids), 2):
        in_a = in_b = 0.0
        relation = "unrelated"
        if (a, b) in candidates and shingles.get(a) and shingles.get(b):
            common = len(shingles[a] & shingles[b])
            in_a, in_b = common / len(shingles[a]), common / len(shingles[b])
            relation = pair_relation_from_containment(in_a, in_b)
        records.append({"article_a": a, "article_b": b, "containment_a_in_b": round(in_a, 4),
                        "containment_b_in_a": round(in_b, 4), "relation": relation,
                        "likely_source": ""})
    return pd.DataFrame(records, columns=PEER_PAIR_COLUMNS)
