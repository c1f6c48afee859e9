"""The data dictionary: every column of every table the command line writes.

One source for the README's dictionary and the book's reproducibility appendix; a test
checks that it covers exactly the columns of the tables in :mod:`newscompare.tables`.
"""

from __future__ import annotations

import pandas as pd

#: table name -> (chapter that explains it, {column: meaning})
DATA_DICTIONARY: dict[str, tuple[str, dict[str, str]]] = {
    "articles": ("01_corpus", {
        "id": "article id from the manifest",
        "outlet": "outlet name shown in the book",
        "file": "file name in the corpus folder",
        "url": "where the text was found (may be empty)",
        "published": "publication date as given in the manifest: a day, a month or a window",
        "published_start": "earliest possible publication day (ISO date)",
        "published_end": "latest possible publication day (ISO date)",
        "headline": "headline found in the text (empty if none)",
        "byline": "byline found in the text, else the manifest's byline",
        "dateline": "date line found in the text (empty if none)",
        "paragraphs": "number of body paragraphs",
        "sentences": "number of body sentences",
        "words": "number of body words (hyphenated compounds count as two)",
        "*": "any further manifest column (e.g. published_confidence, evidence), unchanged",
    }),
    "lines": ("01_corpus", {
        "article": "article id",
        "line_number": "line number in the raw file, from 1",
        "role": "headline, byline, dateline, caption, chrome, promo, footer, body or blank",
        "rule": "the cleaning rule that set the role",
        "text": "the line as in the raw file",
        "start": "character offset of the line's start in the raw file",
        "end": "character offset of the line's end (exclusive, line break excluded)",
    }),
    "sentences": ("01_corpus", {
        "article": "article id",
        "paragraph_index": "body paragraph number within the article, from 0",
        "sentence_index": "body sentence number within the article, from 0",
        "sentence": "the sentence as in the raw file",
        "normalized": "the sentence with typography unified, markdown and invisible format characters (zero-width, bidi controls) removed",
        "start": "character offset of the sentence in the raw file",
        "end": "character offset of the sentence's end (exclusive)",
    }),
    "pairs": ("02_text_reuse", {
        "article_a": "first article id of the pair (article_a < article_b)",
        "article_b": "second article id of the pair",
        "containment_a_in_b": "share of article_a's five-word sequences (outside quotation marks) found in article_b",
        "containment_b_in_a": "share of article_b's five-word sequences (outside quotation marks) found in article_a",
        "symmetric_score": "shared five-word sequences over the union of both articles' sequences",
        "long_containment": ("the larger share of either article's ten-word sequences (outside quotation marks) "
                             "found in the other"),
        "aligned_a": "body sentences of article_a aligned to article_b",
        "aligned_b": "body sentences of article_b aligned to article_a",
        "sentences_a": "body sentences in article_a",
        "sentences_b": "body sentences in article_b",
        "in_order_share": "share of the shorter article's aligned sentences on one in-order run",
        "sentence_relations": "counts of the sentence relations between the two, e.g. 'edited 8; verbatim 3'",
        "taken": "sentences of the shorter article taken (verbatim or edited) from the other",
        "reworded": "sentences of the shorter article reworded (paraphrase) from the other",
        "relation_by_counts": ("copy, partial_copy, paraphrase or unrelated: the written definitions applied "
                               "to the counts taken and reworded"),
        "relation": ("the stated relation: copy, partial_copy, paraphrase or unrelated (the book writes copy, "
                     "partial copy, rewrite, unrelated), decided by the pair model fitted on annotated events; "
                     "undetermined when the evidence is too weak to state either way (listed to check by hand)"),
        "related_probability": "the pair model's probability that the two are related (0-1)",
        "likely_source": ("id of the article the other was made from, 'common' when both were made from one "
                          "text outside the collection (two reprints of one wire story), empty if undetermined"),
        "evidence": ("the direction evidence, in words (credit lines and the manifest's credits, an outlet's "
                     "own text that another text credits, dates, 'said Thursday' -> 'said yesterday', coverage); "
                     "a direction it names without a credit line of either text is listed to check by hand"),
        "family": "copy family label (F1, F2, ...; the book writes family 1, family 2), empty unless the pair is stated related",
    }),
    "alignments": ("02_text_reuse", {
        "article": "article id",
        "sentence_index": "body sentence number within the article",
        "sentence": "the sentence as in the raw file",
        "match_article": "id of the other article holding its counterpart (empty for none)",
        "match_sentence_index": "counterpart sentence number(s), ';'-joined for a merge or split",
        "similarity": "0-1: 1 for verbatim, word-sequence ratio or cover for edited, rarity-weighted overlap for paraphrase",
        "relation": "verbatim, edited, paraphrase or none",
    }),
    "edits": ("03_edits", {
        "source_article": "the text the copy is compared with: its likely source where a direction is decided (else, of two texts related without a stated direction, such as two reprints of one outside text, the lower id, compared as siblings), the most contained first; each copy is read against one such text only",
        "source_sentence_index": "sentence number(s) in the source, ';'-joined",
        "copy_article": "article that carries the copy",
        "copy_sentence_index": "sentence number(s) in the copy, ';'-joined",
        "edit_index": "order of the edit within the aligned group",
        "operation": "substitution, insertion, deletion, move or typographic",
        "edit_class": "typographic, time_reference, framing, spelling, synonym, dropped_qualifier or wording",
        "source_text": "the words before the edit, as compared (lower case, typography unified, punctuation dropped)",
        "copy_text": "the words after the edit, as compared",
        "source_as_printed": "the same words as the source prints them (case, punctuation and typography as in the file; the rest of a hyphenated word cut by the edit in brackets, as in `(state-)owned`)",
        "copy_as_printed": "the same words as the copy prints them",
    }),
    "unmatched_blocks": ("02_text_reuse", {
        "article": "article id",
        "first_sentence_index": "first sentence of a run with no counterpart in any other article",
        "last_sentence_index": "last sentence of the run",
        "length": "sentences in the run",
        "share_of_article": "the run's share of the article's body sentences",
        "first_sentence": "text of the run's first sentence",
    }),
    "entities": ("04_voices", {
        "article": "article id",
        "sentence_index": "body sentence of the mention",
        "text": "the mention as printed",
        "canonical": "one name per entity after alias merging ('PM Modi' -> 'Narendra Modi')",
        "label": "PERSON, GPE, LOC, ORG, EVENT or FAC (majority label of the merged mentions)",
    }),
    "quotes": ("04_voices", {
        "article": "article id",
        "sentence_index": "sentence holding the opening quotation mark",
        "quote": "the text inside the marks, typography unified",
        "speaker": "canonical entity, resolved pronoun or descriptive phrase; empty if none",
        "verb": "reporting verb's base form ('say', 'tell'), 'according to', or empty",
        "kind": "full (stands on its own) or partial (a phrase inside the reporter's sentence)",
    }),
    "sources": ("04_voices", {
        "article": "article id",
        "sentence_index": "sentence of the source mention",
        "source": "who is cited (canonical name or phrase)",
        "kind": "person, institution, agency, anonymous, own_reporting, unattributed (a claim such as 'there have been reports' that names no source) or other",
        "verb": "reporting verb's base form, 'according to', '<verb> statement' or the own-reporting phrase",
    }),
    "framing": ("05_framing", {
        "article": "article id (header only without --lexicon)",
        "sentence_index": "body sentence of the hit",
        "category": "the lexicon category (this story's: war_naming, russia_position, india_russia_ties, india_stance, emphasis)",
        "term": "the lexicon term that matched, as written in the lexicon",
        "matched_text": "the words that matched",
        "in_quotation": "True if the hit is inside quotation marks in that sentence",
        "evidence": "the sentence",
    }),
    "claims": ("06_claims_timeline", {
        "article": "article id (one row per article and claim; header only without --claims)",
        "claim_id": "claim id from the catalogue",
        "present": "True if a sentence satisfies the claim's rule",
        "evidence_sentence_index": "first supporting sentence (empty if absent)",
        "detail": "label of the first detail variant found (empty if none)",
    }),
    "events_known": ("06_claims_timeline", {
        "article": "article id (header only without --events)",
        "published_start": "earliest possible publication day",
        "published_end": "latest possible publication day",
        "event_date": "day the event happened",
        "event": "the event, from the events file",
        "could_have_known": "yes, no, or 'only if published late in its window'",
    }),
}


def data_dictionary_table() -> pd.DataFrame:
    """The dictionary as one tidy table: table, column, meaning, chapter."""
    rows = [
        {"table": f"{table}.csv", "column": column, "meaning": meaning, "chapter": chapter}
        for table, (chapter, columns) in DATA_DICTIONARY.items()
        for column, meaning in columns.items()
    ]
    return pd.DataFrame(rows, columns=["table", "column", "meaning", "chapter"])


def data_dictionary_markdown() -> str:
    """The dictionary as markdown, one table per CSV (pasted into the README)."""
    parts = []
    for table, (chapter, columns) in DATA_DICTIONARY.items():
        parts.append(f"**`{table}.csv`** (chapter `{chapter}`)\n")
        parts.append("| column | meaning |\n| --- | --- |")
        parts.extend(f"| `{column}` | {meaning} |" for column, meaning in columns.items())
        parts.append("")
    return "\n".join(parts).strip() + "\n"
