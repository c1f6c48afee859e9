"""Hand annotations of quotations, entities and claims, and the scores of the analyses
against them.

Each annotation is a CSV file kept with its guidelines (``annotations/`` for the seeds,
``heldout/annotations/`` for the held-out collection); these functions read one, check its
columns, and compare it with the table an analysis produced.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pandas as pd

from newscompare.ingest.errors import CorpusError
from newscompare.ingest.text import normalize, words


def read_quote_annotation(path: Path) -> pd.DataFrame:
    """The hand annotation of quotations (article, quote, speaker, kind, ...), as text."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"article", "quote", "speaker", "kind"} - set(table.columns)
    if missing:
        raise CorpusError(path, f"missing columns {sorted(missing)}; expected article, quote, "
                          "speaker, kind", line=1)
    table["quote"] = table["quote"].map(normalize)
    return table


def speech_annotation(annotation: pd.DataFrame) -> pd.DataFrame:
    """The annotated quotations of speech: rows whose kind is not ``not_speech``."""
    return annotation[annotation["kind"] != "not_speech"].reset_index(drop=True)


def pair_quotations(extracted: pd.DataFrame, annotation: pd.DataFrame,
                    min_ratio: float | None = None) -> dict[int, int]:
    """Annotated quotation (position in ``annotation``) -> index of the extracted quotation
    of the same article that is the same quotation; each extracted one is used once.

    The same quotation has equal word lists (:func:`newscompare.ingest.text.words`: punctuation
    inside or outside the marks does not matter); failing that, with ``min_ratio``, the
    first one whose difflib ratio of word lists is at least ``min_ratio`` (an extractor that
    cut the span at an inner mark still found it)."""
    used: set[int] = set()
    hits: dict[int, int] = {}
    for position, row in enumerate(annotation.itertuples()):
        target = words(normalize(row.quote))
        candidates = [(index, words(quote)) for index, quote
                      in extracted.loc[extracted["article"] == row.article, "quote"].items()]
        hit = next((index for index, found in candidates if index not in used and found == target), None)
        if hit is None and min_ratio is not None and target:
            hit = next((index for index, found in candidates if index not in used and found
                        and difflib.SequenceMatcher(None, found, target, autojunk=False).ratio() >= min_ratio),
                       None)
        if hit is not None:
            used.add(hit)
            hits[position] = hit
    return hits


def match_quotes(extracted: pd.DataFrame, annotation: pd.DataFrame) -> pd.DataFrame:
    """Pair each annotated quotation with the extracted one of the same article and words.

    Quotations match when their word lists (:func:`newscompare.ingest.text.words`) are equal, so
    punctuation inside or outside the marks does not matter; each extracted quotation is
    used once. Returns one row per annotated and per unmatched extracted quotation:
    article, quote, annotated_speaker, extracted_speaker, annotated_kind, extracted_kind,
    match ("found", "missed" or "spurious"), speaker_correct (bool).
    """
    annotation = speech_annotation(annotation)
    hits = pair_quotations(extracted, annotation)
    used = set(hits.values())
    records = []
    for position, row in enumerate(annotation.itertuples()):
        hit = hits.get(position)
        if hit is None:
            records.append({"article": row.article, "quote": row.quote,
                            "annotated_speaker": row.speaker, "extracted_speaker": "",
                            "annotated_kind": row.kind, "extracted_kind": "", "match": "missed"})
            continue
        found = extracted.loc[hit]
        records.append({"article": row.article, "quote": row.quote,
                        "annotated_speaker": row.speaker, "extracted_speaker": found["speaker"],
                        "annotated_kind": row.kind, "extracted_kind": found["kind"], "match": "found"})
    for index, row in extracted.iterrows():
        if index not in used:
            records.append({"article": row["article"], "quote": row["quote"],
                            "annotated_speaker": "", "extracted_speaker": row["speaker"],
                            "annotated_kind": "", "extracted_kind": row["kind"], "match": "spurious"})
    table = pd.DataFrame(records)
    table["speaker_correct"] = (table["match"] == "found") & (
        table["annotated_speaker"] == table["extracted_speaker"])
    return table.sort_values(["article", "match", "quote"]).reset_index(drop=True)


def evaluate_quotes(extracted: pd.DataFrame, annotation: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of quotation extraction and of speaker attribution.

    One row per measure ("quotes", "speakers", "kind"): annotated, extracted, correct,
    precision, recall (3 decimals). A speaker is correct when the quotation is found and
    the extracted speaker equals the annotated canonical name; speaker precision is over
    extracted quotations that have a speaker. Kind is scored over found quotations.
    """
    annotation = speech_annotation(annotation)
    matched = match_quotes(extracted, annotation)
    found = matched[matched["match"] == "found"]
    with_speaker = int((extracted["speaker"] != "").sum())
    correct_speakers = int(found["speaker_correct"].sum())
    correct_kind = int((found["annotated_kind"] == found["extracted_kind"]).sum())

    def ratio(part: int, whole: int) -> float:
        return round(part / whole, 3) if whole else float("nan")

    rows = [
        ("quotes", len(annotation), len(extracted), len(found)),
        ("speakers", len(annotation), with_speaker, correct_speakers),
        ("kind", len(found), len(found), correct_kind),
    ]
    return pd.DataFrame(
        [{"measure": name, "annotated": annotated, "extracted": made, "correct": correct,
          "precision": ratio(correct, made), "recall": ratio(correct, annotated)}
         for name, annotated, made, correct in rows]
    )


def read_entity_annotation(path: Path) -> pd.DataFrame:
    """The hand annotation of entities (columns article, canonical, label), ids as text."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"article", "canonical", "label"} - set(table.columns)
    if missing:
        raise CorpusError(path, f"missing columns {sorted(missing)}; expected article, "
                          "canonical, label", line=1)
    return table


def entity_errors(entities: pd.DataFrame, annotation: pd.DataFrame) -> pd.DataFrame:
    """Differences between extracted and hand-annotated entities, per article.

    One row per (article, canonical) that is missed (annotated, not extracted), spurious
    (extracted, not annotated) or found with another label. Columns: article, canonical,
    error, annotated_label, extracted_label, extracted_as (the printed forms).
    """
    extracted = (entities.groupby(["article", "canonical"])
                 .agg(label=("label", "first"), texts=("text", lambda t: "; ".join(sorted(set(t)))))
                 .reset_index())
    merged = annotation.merge(extracted, on=["article", "canonical"], how="outer",
                              suffixes=("_annotated", "_extracted"), indicator="side")
    records = []
    for row in merged.itertuples():
        if row.side == "left_only":
            error = "missed"
        elif row.side == "right_only":
            error = "spurious"
        elif row.label_annotated != row.label_extracted:
            error = "label"
        else:
            continue
        records.append({"article": row.article, "canonical": row.canonical, "error": error,
                        "annotated_label": "" if pd.isna(row.label_annotated) else row.label_annotated,
                        "extracted_label": "" if pd.isna(row.label_extracted) else row.label_extracted,
                        "extracted_as": "" if pd.isna(row.texts) else row.texts})
    columns = ["article", "canonical", "error", "annotated_label", "extracted_label", "extracted_as"]
    return (pd.DataFrame(records, columns=columns)
            .sort_values(["error", "article", "canonical"]).reset_index(drop=True))


def evaluate_entities(entities: pd.DataFrame, annotation: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of canonical entities per article (and "all"), and label accuracy.

    An (article, canonical) pair counts as found when the extractor names it anywhere in
    the article. Columns: article, annotated, extracted, found, precision, recall,
    label_accuracy (share of found entities with the annotated label); rounded to 3 places.
    """
    extracted = entities.groupby(["article", "canonical"])["label"].first().reset_index()
    records = []
    groups = sorted(set(annotation["article"]) | set(extracted["article"]))
    for article in [*groups, "all"]:
        gold = annotation if article == "all" else annotation[annotation["article"] == article]
        found_rows = extracted if article == "all" else extracted[extracted["article"] == article]
        both = gold.merge(found_rows, on=["article", "canonical"], suffixes=("_a", "_e"))
        records.append({
            "article": article, "annotated": len(gold), "extracted": len(found_rows),
            "found": len(both),
            "precision": round(len(both) / len(found_rows), 3) if len(found_rows) else float("nan"),
            "recall": round(len(both) / len(gold), 3) if len(gold) else float("nan"),
            "label_accuracy": (round(float((both["label_a"] == both["label_e"]).mean()), 3)
                               if len(both) else float("nan")),
        })
    return pd.DataFrame(records)




CLAIM_ANNOTATION_COLUMNS = ["claim_id", "article", "present", "evidence_note"]


def read_claim_annotation(path: Path | str) -> pd.DataFrame:
    """The hand annotation (claim_id, article, present 0/1, evidence_note), checked."""
    path = Path(path)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in CLAIM_ANNOTATION_COLUMNS if c not in table.columns]
    if missing:
        raise CorpusError(path, f"missing columns {missing}; expected {CLAIM_ANNOTATION_COLUMNS}",
                          line=1)
    bad = table.index[~table["present"].isin(["0", "1"])]
    if len(bad):
        raise CorpusError(path, f"present is {table.at[bad[0], 'present']!r}; expected 0 or 1",
                          line=int(bad[0]) + 2)  # + header line, 1-based
    duplicated = table.index[table.duplicated(["claim_id", "article"])]
    if len(duplicated):
        row = table.loc[duplicated[0]]
        raise CorpusError(path, f"claim {row.claim_id!r} x article {row.article!r} is "
                          "annotated twice; expected one row each", line=int(duplicated[0]) + 2)
    table["present"] = table["present"] == "1"
    return table[CLAIM_ANNOTATION_COLUMNS].sort_values(["article", "claim_id"]).reset_index(drop=True)


def compare_claims(detected: pd.DataFrame, annotation: pd.DataFrame) -> pd.DataFrame:
    """Detected and annotated presence side by side, one row per article x claim, with
    ``outcome``: true/false positive/negative. Raises ValueError if the two tables do not
    cover the same article x claim pairs (so nothing is dropped silently)."""
    keys = ["article", "claim_id"]
    merged = detected[keys + ["present", "evidence_sentence_index", "detail"]].merge(
        annotation[keys + ["present", "evidence_note"]], on=keys, how="outer",
        suffixes=("_detected", "_annotated"), indicator=True,
    )
    unmatched = merged[merged["_merge"] != "both"]
    if len(unmatched):
        pairs = ", ".join(f"{r.claim_id} x {r.article}" for r in unmatched.head(5).itertuples())
        raise ValueError(f"detection and annotation differ in coverage ({len(unmatched)} "
                         f"pairs, e.g. {pairs}); expected the same article x claim pairs")
    merged = merged.drop(columns="_merge")
    detected_, annotated = merged["present_detected"], merged["present_annotated"]
    merged["outcome"] = [
        ("true" if d == a else "false") + (" positive" if d else " negative")
        for d, a in zip(detected_.astype(bool), annotated.astype(bool))
    ]
    return merged.sort_values(keys).reset_index(drop=True)


def evaluate_claims(detected: pd.DataFrame, annotation: pd.DataFrame) -> dict[str, float]:
    """Precision and recall of detection against the annotation, with the counts
    (true_positives, false_positives, false_negatives, true_negatives); precision or
    recall is NaN when undefined (nothing detected / nothing annotated)."""
    outcomes = compare_claims(detected, annotation)["outcome"].value_counts()
    tp, fp = int(outcomes.get("true positive", 0)), int(outcomes.get("false positive", 0))
    fn, tn = int(outcomes.get("false negative", 0)), int(outcomes.get("true negative", 0))
    return {
        "true_positives": tp, "false_positives": fp, "false_negatives": fn,
        "true_negatives": tn,
        "precision": round(tp / (tp + fp), 3) if tp + fp else float("nan"),
        "recall": round(tp / (tp + fn), 3) if tp + fn else float("nan"),
    }
