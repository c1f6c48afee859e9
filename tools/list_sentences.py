"""Number the body sentences of a corpus folder, for annotators (heldout/GUIDELINES.md, section 2).

Usage: python tools/list_sentences.py CORPUS_DIR [ARTICLE_ID ...]

Prints, per article, each body sentence with its 0-based index, as the package numbers
them (``load_corpus`` only: reading, line roles and sentence splitting; no analysis).
Annotators write the line roles of an article (section 7) before running this on it,
since the listing shows which lines the package keeps as body.
"""

from __future__ import annotations

import argparse

from newscompare.ingest.corpus import load_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus_dir")
    parser.add_argument("articles", nargs="*", help="only these article ids (default: all)")
    args = parser.parse_args()
    corpus = load_corpus(args.corpus_dir)
    wanted = set(args.articles) or set(corpus.ids)
    for article_id, sentences in corpus.sentences.groupby("article", sort=True):
        if article_id not in wanted:
            continue
        print(f"== {article_id} ({len(sentences)} body sentences)")
        for row in sentences.itertuples():
            print(f"{article_id}-{row.sentence_index}\t{row.sentence}")
        print()


if __name__ == "__main__":
    main()
