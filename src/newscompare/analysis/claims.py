"""Which checkable claims each article makes, found by rules from a catalogue.

A catalogue (YAML; the seeds' is ``story/claims.yml``, whose header documents the format)
lists claims, each with a matching rule: groups of alternative phrases that must all
occur in one sentence, optional disqualifying phrases, and optional detail variants.
Phrases are matched on the corpus's parsed sentences with
:class:`newscompare.analysis.framing.PhraseFinder` (lower-case forms and lemmas, whole words).

``claim_table(corpus, claims)`` gives one row per article x claim; 
:func:`newscompare.evaluation.annotations.evaluate_claims` compares it with a hand
annotation (``annotations/claims.csv``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from newscompare.analysis.framing import GAP, PhraseFinder, valid_term
from newscompare.ingest.catalogue import load_yaml_catalogue, short_repr
from newscompare.ingest.corpus import Corpus
from newscompare.ingest.errors import CorpusError


CLAIM_COLUMNS = ["article", "claim_id", "present", "evidence_sentence_index", "detail"]
_CLAIM_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_CLAIM_KEYS = {"id", "statement", "all_of", "none_of", "details"}


@dataclass(frozen=True)
class Claim:
    """One catalogue entry; ``line`` is where it starts in the catalogue file."""

    id: str
    statement: str
    all_of: tuple[tuple[str, ...], ...]
    none_of: tuple[str, ...] = ()
    details: tuple[tuple[str, str], ...] = ()  # (pattern, label), first match wins
    line: int | None = None


def _phrases(value, path: Path, where: str, what: str, line: int | None) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(
        isinstance(v, (str, int)) and valid_term(str(v)) for v in value
    ):
        raise CorpusError(
            path, f"{where}: expected {what} as a non-empty list of phrases "
            f"('{GAP}' only between words), got {short_repr(value)}", line=line,
        )
    return tuple(str(v).strip() for v in value)


def parse_claim(entry, path: Path, line: int | None) -> Claim:
    """Check one catalogue entry and return it as a :class:`Claim` (CorpusError if bad)."""
    if not isinstance(entry, dict):
        raise CorpusError(path, f"expected a mapping with id, statement, all_of; got {short_repr(entry)}",
                          line=line)
    claim_id = entry.get("id")
    if claim_id is None:
        raise CorpusError(path, "a claim without 'id'; expected 'id:' with a snake_case name",
                          line=line)
    if not isinstance(claim_id, str) or not _CLAIM_ID.match(claim_id):
        raise CorpusError(path, f"claim id {short_repr(claim_id)}: expected a snake_case name "
                          "(lower-case letters, digits, _)", line=line)
    where = f"claim {short_repr(claim_id)}"
    unknown = sorted(map(str, set(entry) - _CLAIM_KEYS))
    if unknown:
        raise CorpusError(path, f"{where}: unknown keys {short_repr(unknown)}; expected only "
                          f"{sorted(_CLAIM_KEYS)}", line=line)
    statement = entry.get("statement")
    if not isinstance(statement, str) or not statement.strip():
        raise CorpusError(path, f"{where}: expected a 'statement' in plain words", line=line)
    groups = entry.get("all_of")
    if not isinstance(groups, list) or not groups:
        raise CorpusError(path, f"{where}: expected 'all_of' as a list of groups of "
                          "alternative phrases, e.g. [[visit, trip], [July 8]]", line=line)
    all_of = tuple(
        _phrases(group, path, f"{where}, all_of group {i + 1}", "alternatives", line)
        for i, group in enumerate(groups)
    )
    none_of = ()
    if "none_of" in entry:
        none_of = _phrases(entry["none_of"], path, where, "'none_of'", line)
    details = []
    for i, variant in enumerate(entry.get("details") or []):
        if not (isinstance(variant, dict) and set(variant) == {"pattern", "label"}
                and valid_term(str(variant["pattern"])) and str(variant["label"]).strip()):
            raise CorpusError(path, f"{where}, detail {i + 1}: expected "
                              "{pattern: phrase, label: text}", line=line)
        details.append((str(variant["pattern"]).strip(), str(variant["label"]).strip()))
    return Claim(claim_id, statement.strip(), all_of, none_of, tuple(details), line)


def load_claims(path: Path | str) -> list[Claim]:
    """The claims of a catalogue file, checked; CorpusError names the file, line and claim."""
    path = Path(path)
    data, root = load_yaml_catalogue(path, "a claims catalogue in YAML (like story/claims.yml)")
    if not isinstance(data, dict) or not isinstance(data.get("claims"), list):
        raise CorpusError(path, "expected a top-level 'claims:' list")
    claims_node = next(value for key, value in root.value if key.value == "claims")
    lines = [node.start_mark.line + 1 for node in claims_node.value]
    claims, seen = [], {}
    for entry, line in zip(data["claims"], lines):
        claim = parse_claim(entry, path, line)
        if claim.id in seen:
            raise CorpusError(path, f"claim {short_repr(claim.id)} is defined twice (first on line "
                              f"{seen[claim.id]}); expected unique ids", line=line)
        seen[claim.id] = line
        claims.append(claim)
    if not claims:
        raise CorpusError(path, "the 'claims:' list is empty; expected at least one claim")
    return claims


def _finder(claims: list[Claim]) -> PhraseFinder:
    terms: dict[str, list[str]] = {}
    for claim in claims:
        for i, group in enumerate(claim.all_of):
            terms[f"{claim.id}/all{i}"] = list(group)
        if claim.none_of:
            terms[f"{claim.id}/none"] = list(claim.none_of)
        for j, (pattern, _) in enumerate(claim.details):
            terms[f"{claim.id}/detail{j}"] = [pattern]
    return PhraseFinder(terms)


def claim_table(corpus: Corpus, claims: list[Claim]) -> pd.DataFrame:
    """One row per article x claim: present (bool), evidence_sentence_index (the first
    supporting sentence, <NA> if absent) and detail (label of the first detail variant
    found in a supporting sentence, "" if none). Sorted by article, claim_id."""
    finder = _finder(claims)
    found: dict[tuple[str, int], set[str]] = {
        key: {hit.key for hit in finder.find(span)} for key, span in corpus.spans.items()
    }
    records = []
    for article in sorted(corpus.ids):
        sentence_keys = sorted(
            (index, keys) for (a, index), keys in found.items() if a == article
        )
        for claim in sorted(claims, key=lambda c: c.id):
            supporting = [
                index for index, keys in sentence_keys
                if all(f"{claim.id}/all{i}" in keys for i in range(len(claim.all_of)))
                and f"{claim.id}/none" not in keys
            ]
            detail = ""
            for j, (_, label) in enumerate(claim.details):
                if any(f"{claim.id}/detail{j}" in found[(article, i)] for i in supporting):
                    detail = label
                    break
            records.append(
                {"article": article, "claim_id": claim.id, "present": bool(supporting),
                 "evidence_sentence_index": supporting[0] if supporting else pd.NA,
                 "detail": detail}
            )
    return empty_claim_table() if not records else pd.DataFrame(
        records, columns=CLAIM_COLUMNS
    ).astype({"present": bool, "evidence_sentence_index": "Int64"})


def empty_claim_table() -> pd.DataFrame:
    """The claims table with its columns and no rows (no catalogue given)."""
    return pd.DataFrame(
        {"article": pd.Series(dtype=str), "claim_id": pd.Series(dtype=str),
         "present": pd.Series(dtype=bool), "evidence_sentence_index": pd.Series(dtype="Int64"),
         "detail": pd.Series(dtype=str)}
    )


def claims_in_all(table: pd.DataFrame, claims: list[Claim]) -> list[Claim]:
    """The claims of the catalogue that every article of ``table`` makes, in catalogue
    order: the facts the whole corpus shares."""
    articles = table["article"].nunique()
    counts = table.groupby("claim_id")["present"].sum()
    return [c for c in claims if int(counts.get(c.id, 0)) == articles]


