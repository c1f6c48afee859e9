"""Which framing words each article uses, from a story's lexicon.

Terms come from a lexicon (a YAML file of categories of terms; this story's is
``story/framing_lexicon.yml``, which documents the format). A lexicon belongs to a story,
like a claims catalogue: the words that frame one story (how a war is named) mean nothing
in another, so no lexicon ships with the package. Terms are matched word by word on the
corpus's already-parsed sentences (``corpus.spans``), with spaCy's
:class:`~spacy.matcher.Matcher` on lemmas (a text word matches a term word when its lemma
is the term word's lemma or the word itself). So inflections match ("abstained" ~
"abstain") and a term never matches part of another word ("war" does not match "award" or
"warship").

``framing_table(corpus, lexicon)`` gives one row per hit; ``frame_counts`` counts them per article
and category; ``frame_changes`` compares the terms of aligned sentences (the alignment
schema of ``newscompare.analysis.reuse.align_sentences``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Span
from spacy.util import filter_spans

from newscompare.ingest.catalogue import line_of, load_yaml_catalogue, short_repr
from newscompare.ingest.corpus import Corpus
from newscompare.ingest.errors import CorpusError
from newscompare.ingest.nlp import load_model

#: A "..." in a term skips at most this many words: enough for "not joined its Western
#: allies in leveling sanctions" (5 words between), short enough to stay in one clause.
MAX_GAP_TOKENS = 6
GAP = "..."
#: Double quotation marks only: the apostrophe (’) also marks possessives.
QUOTE_CHARS = frozenset('"“”«»')

FRAMING_COLUMNS = [
    "article", "sentence_index", "category", "term", "matched_text", "in_quotation", "evidence",
]
COUNT_COLUMNS = ["article", "category", "hits", "hits_outside_quotations"]
CHANGE_COLUMNS = [
    "article", "sentence_index", "sentence_indices", "match_article", "match_sentence_index",
    "relation", "category", "terms", "match_terms", "change",
]

@dataclass(frozen=True)
class Hit:
    """One match of a term in a sentence: token offsets within the sentence span."""

    key: str
    term: str
    start: int
    end: int


class PhraseFinder:
    """Find terms in parsed sentences, word by word on lemmas (see :func:`word_forms`).

    ``terms`` maps a key (e.g. a category) to its terms. A term is a phrase; ``...``
    inside it is a gap of up to :data:`MAX_GAP_TOKENS` words. Terms are parsed once with
    ``nlp`` (they are short); sentences are never parsed again.
    """

    def __init__(self, terms: dict[str, Iterable[str]], nlp: Language | None = None):
        nlp = nlp or load_model()
        self.matcher = Matcher(nlp.vocab)
        self._labels: dict[int, tuple[str, str]] = {}
        keyed = [(key, term) for key, key_terms in terms.items() for term in key_terms]
        parts = sorted({part.strip() for _, term in keyed for part in term.split(GAP)})
        parsed = dict(zip(parts, nlp.pipe(parts)))  # one pass: terms are short
        for key, term in keyed:
            label = f"{key}\x1f{term}"
            self._labels[nlp.vocab.strings.add(label)] = (key, term)
            self.matcher.add(label, term_patterns(term, parsed))

    def find(self, span: Span) -> list[Hit]:
        """Every term found in ``span``; within one key only the longest of overlapping hits."""
        by_key: dict[str, list[tuple[Span, str]]] = {}
        for match_id, start, end in self.matcher(span):
            key, term = self._labels[match_id]
            by_key.setdefault(key, []).append((span[start:end], term))
        hits = []
        for key, found in by_key.items():
            term_of = {(s.start, s.end): term for s, term in found}
            for kept in filter_spans([s for s, _ in found]):
                hits.append(
                    Hit(key, term_of[(kept.start, kept.end)],
                        kept.start - span.start, kept.end - span.start)
                )
        return sorted(hits, key=lambda h: (h.start, h.key, h.term))


def word_forms(token) -> list[str]:
    """The lemmas a text word may have to match this term word: the term word's lemma
    and its lower-case form, each as written, lower-case and capitalised (spaCy keeps
    the case of proper-noun lemmas: "Rostec", "NATO")."""
    forms = {token.text, token.lemma_}
    return sorted(forms | {f.lower() for f in forms} | {f.capitalize() for f in forms})


def term_patterns(term: str, parsed: dict) -> list[list[dict]]:
    """Matcher patterns for ``term`` (``parsed``: each part of a term between "..." -> its
    parsed Doc): one where each word matches a token whose lemma is one of its
    :func:`word_forms`, and one on the words as written (lower-case), for words whose
    lemma depends on the sentence ("complicated" adjective or verb). ``...`` becomes a
    gap of up to MAX_GAP_TOKENS tokens."""
    by_lemma: list[dict] = []
    as_written: list[dict] = []
    for part_index, part in enumerate(term.split(GAP)):
        part = part.strip()
        if not part:
            raise ValueError(f"term {term!r}: '...' must stand between words")
        if part_index:
            by_lemma.append({"OP": f"{{0,{MAX_GAP_TOKENS}}}"})
            as_written.append({"OP": f"{{0,{MAX_GAP_TOKENS}}}"})
        for token in parsed[part]:
            if not token.is_space:
                by_lemma.append({"LEMMA": {"IN": word_forms(token)}})
                as_written.append({"LOWER": token.lower_})
    return [by_lemma, as_written]


def valid_term(term: str) -> bool:
    """True if ``term`` has words and every ``...`` in it stands between words."""
    return bool(term.strip()) and all(part.strip() for part in term.split(GAP))


def in_quotation(span: Span, token_start: int) -> bool:
    """True if an odd number of double quotation marks precede the token in the sentence."""
    before = span.text[: span[token_start].idx - span.start_char]
    return sum(before.count(mark) for mark in QUOTE_CHARS) % 2 == 1


@dataclass(frozen=True)
class Lexicon:
    """Category -> terms, and category -> phrases that cancel the hits they overlap."""

    terms: dict[str, list[str]]
    exclude: dict[str, list[str]]
    #: Category -> the short name readers see ("names of the war" for ``war_naming``);
    #: a category without one is shown by its key, underscores read as spaces.
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def categories(self) -> list[str]:
        return list(self.terms)

    def label(self, category: str) -> str:
        return self.labels.get(category) or category.replace("_", " ")


def _phrase_list(path: Path, root: yaml.Node | None, name: str, entry: dict, field_name: str,
                 required: bool) -> list[str]:
    """The phrases of ``entry[field_name]``; a fault names the line of the bad phrase, or
    of the field (of the category when the field is missing)."""
    values = entry.get(field_name, None if required else [])
    where: tuple[str | int, ...] = ("categories", name, field_name)
    ok = isinstance(values, list) and (values or not required)
    if ok:
        bad = [i for i, v in enumerate(values) if not (isinstance(v, str) and valid_term(v))]
        if bad:
            ok, where = False, (*where, bad[0])
    if not ok:
        raise CorpusError(
            path, f"category {short_repr(name)}: expected '{field_name}:' with a list of phrases "
            f"('{GAP}' only between words)", line=line_of(root, *where)
        )
    return [v.strip() for v in values]


def load_lexicon(path: Path | str) -> Lexicon:
    """The lexicon in a YAML file (format documented in this story's
    ``story/framing_lexicon.yml``). A fault names the file and the line of the entry."""
    path = Path(path)
    data, root = load_yaml_catalogue(path, "a framing lexicon in YAML (like story/framing_lexicon.yml)")
    categories = data.get("categories") if isinstance(data, dict) else None
    if not isinstance(categories, dict) or not categories:
        raise CorpusError(path, "expected a mapping 'categories:' of category -> {terms: [...]}",
                          line=line_of(root, "categories") or 1)
    terms, exclude, labels = {}, {}, {}
    for name, entry in categories.items():
        if not isinstance(entry, dict):
            raise CorpusError(path, f"category {short_repr(name)}: expected a mapping with 'terms:'",
                              line=line_of(root, "categories", name))
        terms[str(name)] = _phrase_list(path, root, name, entry, "terms", required=True)
        exclude[str(name)] = _phrase_list(path, root, name, entry, "exclude", required=False)
        label = entry.get("label")
        if label is not None and not (isinstance(label, str) and label.strip()):
            raise CorpusError(path, f"category {short_repr(name)}: expected 'label:' with a short name",
                              line=line_of(root, "categories", name, "label"))
        if label:
            labels[str(name)] = label.strip()
    return Lexicon(terms, exclude, labels)


def empty_framing_table() -> pd.DataFrame:
    """The framing table with no hit: its columns only (a corpus without a lexicon)."""
    return pd.DataFrame(columns=FRAMING_COLUMNS).astype({"in_quotation": bool})


def framing_table(corpus: Corpus, lexicon: Lexicon) -> pd.DataFrame:
    """One row per lexicon hit: article, sentence_index, category, term (as in the
    lexicon), matched_text, in_quotation, evidence (the sentence). Sorted by article,
    sentence, position."""
    finder = PhraseFinder(lexicon.terms)
    exclusions = {k: v for k, v in lexicon.exclude.items() if v}
    # A Matcher without patterns warns when called: build one only if there is something to exclude.
    excluder = PhraseFinder(exclusions) if exclusions else None
    records = []
    for (article, sentence_index), span in sorted(corpus.spans.items()):
        excluded = excluder.find(span) if excluder is not None else []
        hits = finder.find(span)
        for hit in hits:
            if any(e.key == hit.key and e.start < hit.end and hit.start < e.end for e in excluded):
                continue
            # One occurrence is one hit: a term inside a longer term of another category
            # ("unprovoked" in "unprovoked invasion") is that longer term's occurrence.
            if any(other.key != hit.key and other.start <= hit.start and hit.end <= other.end
                   and other.end - other.start > hit.end - hit.start for other in hits):
                continue
            records.append(
                {"article": article, "sentence_index": sentence_index, "category": hit.key,
                 "term": hit.term, "matched_text": span[hit.start:hit.end].text,
                 "in_quotation": in_quotation(span, hit.start), "evidence": span.text}
            )
    return pd.DataFrame(records, columns=FRAMING_COLUMNS).astype({"in_quotation": bool})


def frame_counts(table: pd.DataFrame, article_ids: Iterable[str],
                 categories: Iterable[str]) -> pd.DataFrame:
    """Hits per article and category (zeros included), with the count outside quotations."""
    rows = []
    for article in sorted(article_ids):
        for category in categories:
            hits = table[(table["article"] == article) & (table["category"] == category)]
            rows.append({"article": article, "category": category, "hits": len(hits),
                         "hits_outside_quotations": int((~hits["in_quotation"]).sum())})
    return pd.DataFrame(rows, columns=COUNT_COLUMNS)


def frame_changes(
    table: pd.DataFrame, alignments: pd.DataFrame, sources: dict[str, str] | None = None
) -> pd.DataFrame:
    """Frames that differ between aligned sentences.

    ``table`` is a :func:`framing_table`; ``alignments`` has the columns of
    ``reuse.align_sentences`` (article, sentence_index, match_article,
    match_sentence_index, similarity, relation). Rows without a match (empty or missing
    match_article, relation "none") are skipped; a match_sentence_index of several
    sentences joined by ";" (a merge or split) counts the terms of all of them. If
    ``sources`` (article -> the article it copies) is given, only alignments of an
    article with its source are kept.

    The article is read as the rewrite of its match: per category, ``change`` is "added"
    (terms only in the article's sentence), "removed" (only in the match) or "replaced"
    (different terms in both); ``terms`` and ``match_terms`` list the terms, ";"-joined
    and sorted; ``sentence_indices`` holds every sentence of the article the change reads
    ("8;9" where its match was split in two), ``sentence_index`` the first. Categories
    whose terms agree give no row.
    """
    terms_of: dict[tuple[str, int, str], set[str]] = {}
    for row in table.itertuples():
        terms_of.setdefault((row.article, int(row.sentence_index), row.category), set()).add(
            row.term
        )
    categories = sorted(set(table["category"]))
    match_article = alignments["match_article"].fillna("").astype(str)
    linked = alignments[(match_article != "") & (alignments["relation"] != "none")]
    if sources is not None:
        linked = linked[[sources.get(a) == m for a, m in zip(linked["article"], linked["match_article"])]]
    # A source sentence split over several sentences of the copy: the copy's terms are
    # those of all its parts, and the change is listed once, at the first part.
    parts: dict[tuple[str, str, int], set[int]] = {}
    for row in linked.itertuples():
        for i in str(row.match_sentence_index).split(";"):
            parts.setdefault((row.article, row.match_article, int(i)), set()).add(int(row.sentence_index))
    records = []
    seen: set[tuple[str, str, frozenset[int]]] = set()
    for row in linked.itertuples():
        match_indices = [int(i) for i in str(row.match_sentence_index).split(";")]
        group = frozenset().union(*(parts[(row.article, row.match_article, i)] for i in match_indices))
        if (row.article, row.match_article, group) in seen:
            continue
        seen.add((row.article, row.match_article, group))
        for category in categories:
            mine = set().union(*(terms_of.get((row.article, k, category), set()) for k in group))
            theirs = set().union(
                *(terms_of.get((row.match_article, i, category), set()) for i in match_indices)
            )
            if mine == theirs:
                continue
            change = "added" if not theirs else "removed" if not mine else "replaced"
            records.append(
                {"article": row.article, "sentence_index": int(row.sentence_index),
                 "sentence_indices": ";".join(str(k) for k in sorted(group)),
                 "match_article": row.match_article,
                 "match_sentence_index": str(row.match_sentence_index),
                 "relation": row.relation, "category": category,
                 "terms": ";".join(sorted(mine)), "match_terms": ";".join(sorted(theirs)),
                 "change": change}
            )
    result = pd.DataFrame(records, columns=CHANGE_COLUMNS)
    return result.sort_values(
        ["article", "sentence_index", "match_article", "category"], kind="mergesort"
    ).reset_index(drop=True)


def sources_from_pairs(pairs: pd.DataFrame) -> dict[str, str]:
    """Article -> the article it is read against: its likely source, from a pair table with
    columns article_a, article_b and likely_source (an id, "common" or "", as
    ``reuse.article_pairs`` gives). A text with no stated source that shares a common source
    outside the collection with another (two reprints of one wire story) is read against
    that sibling, the lower id first, as :func:`newscompare.analysis.edits.directed_pairs`
    does: its changes are differences between two copies, not edits of the other."""
    sources, siblings = {}, {}
    for row in pairs.itertuples():
        if row.likely_source in (row.article_a, row.article_b):
            copy = row.article_b if row.likely_source == row.article_a else row.article_a
            sources[copy] = row.likely_source
        elif row.likely_source == "common":
            siblings.setdefault(row.article_b, row.article_a)
    for copy, sibling in siblings.items():
        sources.setdefault(copy, sibling)
    return dict(sorted(sources.items()))


def siblings_from_pairs(pairs: pd.DataFrame) -> set[str]:
    """The texts that :func:`sources_from_pairs` reads against a sibling (both reprint one
    text outside the collection) rather than against a stated source: what they lack is
    a difference between two reprints, not an edit of the other."""
    stated = {row.article_b if row.likely_source == row.article_a else row.article_a
              for row in pairs.itertuples() if row.likely_source in (row.article_a, row.article_b)}
    return set(sources_from_pairs(pairs)) - stated


def term_matrix(table: pd.DataFrame, article_ids: Iterable[str], category: str) -> pd.DataFrame:
    """Hits of each term of ``category`` (columns, sorted) per article (rows, all
    articles, zeros included): a wide view of :func:`framing_table` for reading."""
    chosen = table[table["category"] == category]
    counts = chosen.groupby(["article", "term"]).size().unstack(fill_value=0)
    counts = counts.reindex(index=sorted(article_ids), fill_value=0)
    return counts.reindex(columns=sorted(counts.columns)).fillna(0).astype(int)


#: Columns of :func:`war_renamings` and :func:`term_losses`.
RENAMING_COLUMNS = [
    "copy_article", "copy_sentence_index", "source_article", "source_sentence_index",
    "relation", "source_terms", "copy_terms", "change", "source_sentence", "copy_sentence",
]
LOSS_COLUMNS = [
    "copy_article", "source_article", "source_sentence_index", "category", "term", "how",
    "copy_terms", "source_sentence", "copy_sentence",
]
WAR_CATEGORY = "war_naming"


def _sentence_texts(table: pd.DataFrame, corpus_sentences: pd.DataFrame | None) -> dict:
    if corpus_sentences is not None:
        return {(str(a), int(i)): str(t) for a, i, t in zip(
            corpus_sentences["article"], corpus_sentences["sentence_index"],
            corpus_sentences["sentence"], strict=True)}
    return {(r.article, int(r.sentence_index)): r.evidence for r in table.itertuples()}


def war_renamings(table: pd.DataFrame, alignments: pd.DataFrame, sources: dict[str, str],
                  sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """The places where a copy does not keep its source's name for the war: the one
    computation of "war renamings" in the book.

    A renaming is an aligned sentence of a copy (any relation: verbatim, edited or
    paraphrase) whose source sentence names the war outside quotation marks with terms
    the copy's sentence does not use: the name is replaced ("war" -> "campaign") or
    dropped ("Moscow's war in Ukraine" -> "its actions in Ukraine"). Words inside
    quotation marks are a speaker's, not the outlet's, and are left out on both sides, so
    a reworded quotation ("not of war") is not a renaming; nor is a copy that names the war
    where its source did not. ``sentences`` (article, sentence_index, sentence) supplies
    the texts of sentences without any hit. Sorted by copy and sentence.
    """
    outside = table[(table["category"] == WAR_CATEGORY) & ~table["in_quotation"].astype(bool)]
    changes = frame_changes(outside, alignments, sources)
    changes = changes[changes["change"].isin(["replaced", "removed"])]
    texts = _sentence_texts(table, sentences)
    records = []
    for row in changes.itertuples():
        source_indices = [int(i) for i in str(row.match_sentence_index).split(";")]
        records.append({
            "copy_article": row.article, "copy_sentence_index": int(row.sentence_index),
            "source_article": row.match_article,
            "source_sentence_index": str(row.match_sentence_index),
            "relation": row.relation, "source_terms": row.match_terms,
            "copy_terms": row.terms, "change": row.change,
            "source_sentence": " ".join(texts.get((row.match_article, i), "") for i in source_indices),
            "copy_sentence": texts.get((row.article, int(row.sentence_index)), ""),
        })
    return pd.DataFrame(records, columns=RENAMING_COLUMNS)


def term_losses(table: pd.DataFrame, alignments: pd.DataFrame, sources: dict[str, str],
                categories: Iterable[str] = (WAR_CATEGORY, "emphasis"),
                sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every term of ``categories`` that a source uses outside quotation marks and its
    copy does not carry over: ``how`` is "sentence dropped" (the source sentence has no
    counterpart in the copy) or "word dropped" (the aligned copy sentence lacks the term;
    ``copy_terms`` then lists what the copy uses in that category instead, if anything).
    Read with :func:`term_gains` (the same, from the copy's side) to see whether a copy
    softens its source consistently or only rewords it. Sorted by copy, sentence, term."""
    categories = list(categories)
    hits = table[table["category"].isin(categories) & ~table["in_quotation"].astype(bool)]
    texts = _sentence_texts(table, sentences)
    match_article = alignments["match_article"].fillna("").astype(str)
    linked = alignments[(match_article != "") & (alignments["relation"] != "none")]
    records = []
    for copy, source in sorted(sources.items()):
        counterpart: dict[int, list[int]] = {}
        for row in linked[(linked["article"] == copy) & (linked["match_article"] == source)].itertuples():
            for i in str(row.match_sentence_index).split(";"):
                counterpart.setdefault(int(i), []).append(int(row.sentence_index))
        copy_terms: dict[tuple[int, str], set[str]] = {}
        for row in hits[hits["article"] == copy].itertuples():
            copy_terms.setdefault((int(row.sentence_index), row.category), set()).add(row.term)
        for row in hits[hits["article"] == source].itertuples():
            index = int(row.sentence_index)
            if index not in counterpart:
                how, kept = "sentence dropped", set()
            else:
                kept = set().union(*(copy_terms.get((c, row.category), set()) for c in counterpart[index]))
                if row.term in kept:
                    continue
                how = "word dropped"
            records.append({
                "copy_article": copy, "source_article": source, "source_sentence_index": index,
                "category": row.category, "term": row.term, "how": how,
                "copy_terms": ";".join(sorted(kept)), "source_sentence": texts.get((source, index), ""),
                "copy_sentence": " ".join(texts.get((copy, c), "") for c in counterpart.get(index, [])),
            })
    result = pd.DataFrame(records, columns=LOSS_COLUMNS)
    return result.sort_values(["copy_article", "source_sentence_index", "term"], kind="mergesort").reset_index(drop=True)


def term_gains(table: pd.DataFrame, alignments: pd.DataFrame, sources: dict[str, str],
               categories: Iterable[str] = (WAR_CATEGORY, "emphasis")) -> pd.DataFrame:
    """Terms of ``categories`` a copy uses outside quotation marks in a sentence whose
    source counterpart lacks them, or in a sentence with no counterpart (added): the
    mirror of :func:`term_losses`. Columns: copy_article, sentence_index, category, term."""
    categories = list(categories)
    hits = table[table["category"].isin(categories) & ~table["in_quotation"].astype(bool)]
    source_terms = {(r.article, int(r.sentence_index), r.category): set() for r in hits.itertuples()}
    for row in hits.itertuples():
        source_terms[(row.article, int(row.sentence_index), row.category)].add(row.term)
    match_article = alignments["match_article"].fillna("").astype(str)
    linked = alignments[(match_article != "") & (alignments["relation"] != "none")]
    records = []
    for copy, source in sorted(sources.items()):
        mine = linked[(linked["article"] == copy) & (linked["match_article"] == source)]
        matched = {int(r.sentence_index): [int(i) for i in str(r.match_sentence_index).split(";")]
                   for r in mine.itertuples()}
        for row in hits[hits["article"] == copy].itertuples():
            theirs = set().union(*(source_terms.get((source, i, row.category), set())
                                   for i in matched.get(int(row.sentence_index), [])))
            if row.term not in theirs:
                records.append({"copy_article": copy, "sentence_index": int(row.sentence_index),
                                "category": row.category, "term": row.term})
    return pd.DataFrame(records, columns=["copy_article", "sentence_index", "category", "term"])


def copy_kinds(pairs: pd.DataFrame) -> dict[str, str]:
    """Copy article -> how readers call its relation to its likely source: "copy",
    "partial copy" or "rewrite" (a paraphrase), from ``reuse.article_pairs``."""
    kinds = {}
    for copy, source in sources_from_pairs(pairs).items():
        row = pairs[((pairs["article_a"] == copy) & (pairs["article_b"] == source))
                    | ((pairs["article_a"] == source) & (pairs["article_b"] == copy))].iloc[0]
        kinds[copy] = "rewrite" if row["relation"] == "paraphrase" else str(row["relation"]).replace("_", " ")
    return kinds


