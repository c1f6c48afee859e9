"""What a copy desk changed: word-level edits between aligned sentences of related articles.

:func:`sentence_edits` diffs every group of aligned sentences (verbatim or edited, with
merges and splits taken together; never a paraphrase) from each copy's one likely source
(:func:`directed_pairs`) to the copy and returns one row
per edit: its operation (substitution, insertion, deletion, move, typographic) and its
class (typographic, time_reference, framing, spelling, synonym, dropped_qualifier, wording).
Classes come from the documented word lists in ``data/edit_classes.toml`` and, for
spelling, from :data:`SPELLING_RULES`.
:func:`omissions_and_additions` lists what the copy left out of its source and what it
added, as whole sentences and as longer phrases.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

import pandas as pd
from spacy.lang.en.stop_words import STOP_WORDS

from newscompare.analysis.graphs import connected_groups
from newscompare.analysis.reuse import (
    DEFAULT_THRESHOLDS,
    RELATED_PAIR_RELATIONS,
    ReuseThresholds,
    align_sentences,
    article_pairs,
)
from newscompare.ingest.corpus import Corpus
from newscompare.ingest.paths import ANALYSIS_DATA_DIR
from newscompare.ingest.text import words

EDIT_CLASSES_FILE = ANALYSIS_DATA_DIR / "edit_classes.toml"
EDIT_COLUMNS = [
    "source_article", "source_sentence_index", "copy_article", "copy_sentence_index",
    "edit_index", "operation", "edit_class", "source_text", "copy_text",
    "source_as_printed", "copy_as_printed",
]
OMISSION_COLUMNS = ["source_article", "copy_article", "kind", "level", "article", "sentence_index", "text"]
#: Words a deleted or inserted run needs to be listed as an omitted or added phrase:
#: one or two words are ordinary copy editing, three make a phrase with its own content.
MIN_PHRASE_WORDS = 3
_RAW_TOKEN = re.compile(r"\w+|[^\w\s]")
#: A word of the text as printed: letters and digits, with an apostrophe inside it
#: (straight or curly), the unit that :func:`words` normalises to one comparison word.
_PRINTED_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


def printed_word_spans(text: str) -> list[tuple[int, int] | None]:
    """For each comparison word of ``text`` (:func:`words`), its ``(start, end)`` in
    ``text`` as printed, or None for a word that has no printed counterpart.

    Each printed word is normalised on its own; where the words of the whole text are
    exactly these (nearly always), the spans are direct. Otherwise (markdown around a
    link, whose address the comparison drops) the two sequences are matched word for
    word and only equal words get a span."""
    compared = words(text)
    printed = [(word, match.start(), match.end())
               for match in _PRINTED_WORD.finditer(text) for word in words(match.group(0))]
    if [word for word, _, _ in printed] == compared:
        return [(start, end) for _, start, end in printed]
    spans: list[tuple[int, int] | None] = [None] * len(compared)
    matcher = SequenceMatcher(None, compared, [word for word, _, _ in printed], autojunk=False)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            _, start, end = printed[block.b + offset]
            spans[block.a + offset] = (start, end)
    return spans


def printed_span(text: str, spans: list[tuple[int, int] | None], first: int, last: int) -> str:
    """The text as printed from comparison word ``first`` to word ``last - 1``: case,
    punctuation and typography between them as the text has them ("PM Narendra Modi",
    "July 8"); the normalised words joined by spaces if none of them has a span. A span
    that begins or ends inside a hyphenated word, or inside a time or number the comparison
    reads as two words, shows the rest of it in brackets, so that a fragment reads as one:
    "(state-)owned TASS", not "owned TASS"; "(5:)06 pm", not "06 pm"."""
    found = [span for span in spans[first:last] if span is not None]
    if not found:
        return " ".join(words(text)[first:last])
    start, end = found[0][0], found[-1][1]
    head = start
    while head > 0 and not text[head - 1].isspace():
        head -= 1
    tail = end
    while tail < len(text) and not text[tail].isspace():
        tail += 1
    joined = text[head:start]
    # "(state-)owned", and a time or number the comparison reads as two words: "(5:)06 pm".
    inside_number = bool(re.search(r"\d[:.,]$", joined)) and text[start:start + 1].isdigit()
    before = joined if joined.endswith("-") or inside_number else ""
    after_text = text[end:tail]
    after = after_text if after_text.startswith("-") and any(c.isalnum() for c in after_text) else ""
    return (f"({before})" if before else "") + text[start:end] + (f"({after.rstrip('.,;:!?')})" if after else "")


@dataclass(frozen=True)
class EditWordLists:
    """The word lists that class edits (see ``data/edit_classes.toml``)."""

    time_reference: frozenset[str]
    framing: frozenset[str]
    qualifiers: frozenset[str]
    synonym_groups: tuple[frozenset[str], ...]


@lru_cache(maxsize=4)
def load_edit_word_lists(path: Path = EDIT_CLASSES_FILE) -> EditWordLists:
    """Read the TOML word lists; raise ValueError naming the file if a section is missing."""
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    try:
        return EditWordLists(
            time_reference=frozenset(data["time_reference"]["words"]),
            framing=frozenset(data["framing"]["words"]),
            qualifiers=frozenset(data["qualifiers"]["words"]),
            synonym_groups=tuple(frozenset(group) for group in data["synonyms"]["groups"]),
        )
    except KeyError as missing:
        raise ValueError(f"{path}: missing section or key {missing}") from None


def _mentions(tokens: list[str], terms: frozenset[str]) -> bool:
    """True if ``tokens`` contain any term (a word or a space-separated phrase)."""
    return bool(_terms_in(tokens, terms))


def _terms_in(tokens: list[str], terms: frozenset[str]) -> set[str]:
    """The terms (words or space-separated phrases) that ``tokens`` contain."""
    text = f" {' '.join(tokens)} "
    return {term for term in terms if f" {term} " in text}


#: House spellings of one word (British and American, and two transliterations of one
#: name): each pattern is rewritten the same way in both words, and a word swapped for one
#: that then reads the same is a spelling, not a change of wording ("epicentre" ->
#: "epicenter", "organisation" -> "organization", "Marrakesh" -> "Marrakech").
SPELLING_RULES = (
    (re.compile(r"isation"), "ization"), (re.compile(r"([iy])s(e|ed|es|ing)$"), r"\1z\2"),
    (re.compile(r"our"), "or"), (re.compile(r"tre(s?)$"), r"ter\1"), (re.compile(r"ence$"), "ense"),
    (re.compile(r"ogue$"), "og"), (re.compile(r"amme$"), "am"), (re.compile(r"ll(ed|ing|er)$"), r"l\1"),
    (re.compile(r"sh"), "ch"),
)


def spelling_key(word: str) -> str:
    """``word`` with the house spellings of :data:`SPELLING_RULES` made one."""
    for pattern, replacement in SPELLING_RULES:
        word = pattern.sub(replacement, word)
    return word


#: A synonym swap is a short substitution; a longer one that happens to hold two words of a
#: group ("the statement added" -> "Wikileaks said in a post on X") rewrites a clause.
MAX_SYNONYM_EDIT_WORDS = 5
#: Words before a verb form: "has been fighting" is no name of a conflict, "the fighting" is.
_AUXILIARIES = frozenset({"be", "been", "being", "is", "are", "was", "were", "am", "has", "have", "had",
                          "will", "would", "keep", "kept", "continue", "continued", "stop", "stopped"})


def _names_a_conflict(tokens: list[str], terms: frozenset[str]) -> bool:
    """Whether ``tokens`` hold a name of a conflict (a framing term), not a verb that looks
    like one ("fought" -> "been fighting" changes the tense, not the frame)."""
    found = _terms_in(tokens, terms)
    for term in found:
        first = term.split()[0]
        places = [k for k, token in enumerate(tokens) if token == first]
        if any(k == 0 or tokens[k - 1] not in _AUXILIARIES for k in places):
            return True
    return False


def classify_edit(operation: str, old: list[str], new: list[str], lists: EditWordLists,
                  times_differ: bool = True) -> str:
    """Class of one wording edit from its old and new words (lower-case tokens).

    Order of precedence: time_reference, framing, spelling, synonym, dropped_qualifier,
    wording.
    ``times_differ``: whether the two whole sentences name different times; a substitution
    that only carries "Tuesday" to another place in the sentence changes no time.
    """
    if operation == "move":
        return "wording"
    # A time reference changed into another ("Thursday" -> "yesterday"): both sides name a
    # time. One side alone is other wording that happens to hold a time ("years holed up" ->
    # "seven-year asylum", a clause ending "on Tuesday" replaced by another clause).
    if times_differ and _mentions(old, lists.time_reference) and _mentions(new, lists.time_reference) \
            and operation == "substitution":
        return "time_reference"
    if operation == "substitution" and (_names_a_conflict(old, lists.framing) or _names_a_conflict(new, lists.framing)):
        return "framing"
    if operation == "substitution" and len(old) == len(new) == 1 and len(old[0]) >= 4 \
            and spelling_key(old[0]) == spelling_key(new[0]):
        return "spelling"
    if operation == "substitution" and max(len(old), len(new)) <= MAX_SYNONYM_EDIT_WORDS and any(
        set(old) & group and set(new) & group and not set(old) & set(new) & group
        for group in lists.synonym_groups
    ):
        return "synonym"
    if operation == "deletion" and len(old) <= 2 and set(old) & lists.qualifiers:
        return "dropped_qualifier"
    return "wording"


def diff_words(source: str, copy: str, lists: EditWordLists | None = None) -> list[dict]:
    """Edits turning ``source`` into ``copy``: dicts with ``operation``, ``edit_class``,
    ``source_text``, ``copy_text`` (the comparison words, lower case) and
    ``source_as_printed``, ``copy_as_printed`` (the same words as each text prints them,
    with the punctuation between them: what a reader may quote).

    Wording edits come from a difflib diff of the comparison words (so typography never
    counts); a deleted run that reappears elsewhere is one ``move``. Typographic edits
    (quote style, hyphens, punctuation) come from a diff of the raw tokens, keeping only
    the changes under which the comparison words are equal.
    """
    lists = lists or load_edit_word_lists()
    old, new = words(source), words(copy)
    times_differ = _terms_in(old, lists.time_reference) != _terms_in(new, lists.time_reference)
    old_spans, new_spans = printed_word_spans(source), printed_word_spans(copy)
    # Each edit as (operation, (i1, i2) in old, (j1, j2) in new); an empty range is (i, i).
    edits = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    deleted, inserted = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace":
            edits.append(("substitution", (i1, i2), (j1, j2)))
        elif tag == "delete":
            deleted.append((i1, i2))
        elif tag == "insert":
            inserted.append((j1, j2))
    for i1, i2 in deleted:
        run = old[i1:i2]
        reappears = [(j1, j2) for j1, j2 in inserted if new[j1:j2] == run]
        if reappears and any(word not in STOP_WORDS for word in run):
            inserted.remove(reappears[0])
            edits.append(("move", (i1, i2), reappears[0]))
        else:
            edits.append(("deletion", (i1, i2), (0, 0)))
    edits.extend(("insertion", (0, 0), (j1, j2)) for j1, j2 in inserted)
    rows = []
    for operation, (i1, i2), (j1, j2) in edits:
        before, after = old[i1:i2], new[j1:j2]
        if operation == "substitution" and "".join(before) == "".join(after):
            # "Bankman-Fried's" -> "BankmanFried's": a hyphen or space dropped, no word changed.
            operation = "typographic"
        rows.append({
            "operation": operation,
            "edit_class": "typographic" if operation == "typographic"
            else classify_edit(operation, before, after, lists, times_differ),
            "source_text": " ".join(before),
            "copy_text": " ".join(after),
            "source_as_printed": printed_span(source, old_spans, i1, i2) if before else "",
            "copy_as_printed": printed_span(copy, new_spans, j1, j2) if after else "",
        })
    raw_old, raw_new = _RAW_TOKEN.findall(source), _RAW_TOKEN.findall(copy)
    raw = SequenceMatcher(None, raw_old, raw_new, autojunk=False)
    for tag, i1, i2, j1, j2 in raw.get_opcodes():
        before, after = "".join(raw_old[i1:i2]), "".join(raw_new[j1:j2])
        if tag != "equal" and words(before) == words(after):
            rows.append({
                "operation": "typographic", "edit_class": "typographic",
                "source_text": before, "copy_text": after,
                "source_as_printed": before, "copy_as_printed": after,
            })
    return rows


def stated_directions(pairs: pd.DataFrame) -> set[tuple[str, str]]:
    """(source, copy) of every pair of ``pairs`` (``reuse.article_pairs``) whose likely
    source is one of its two articles: the pairs read as source and copy, where the others
    (a common outside source, or no direction) are two texts compared with each other."""
    return {(row.likely_source, row.article_b if row.likely_source == row.article_a else row.article_a)
            for row in pairs.itertuples() if row.likely_source in (row.article_a, row.article_b)}


def directed_pairs(pairs: pd.DataFrame) -> list[tuple[str, str]]:
    """(source, copy) for each copy: every article that is the copy side of a related pair
    is read against one source only, its likely source, as passim's ``seriatim`` keeps
    the best source of a passage. Among the related pairs it is the copy in (the pair's
    likely source is the other article, or, when undecided, the other has the lower id),
    the source is the one whose direction is decided, then the one containing the largest
    share of the copy's word sequences, then the lower id. So a wire story reprinted by
    300 outlets gives 300 source-to-copy pairs, not one per two reprints. Two reprints of
    a common source outside the collection (``likely_source`` "common") are compared as
    siblings, the lower id read first, as an undecided pair is: what one changed is then
    a difference between two copies, not an edit of the other. Sorted."""
    best: dict[str, tuple[tuple, str]] = {}
    for row in pairs[pairs["relation"].isin(RELATED_PAIR_RELATIONS)].itertuples():
        decided = row.likely_source in (row.article_a, row.article_b)
        source = row.likely_source if decided else row.article_a
        copy = row.article_b if source == row.article_a else row.article_a
        contained = row.containment_b_in_a if copy == row.article_b else row.containment_a_in_b
        rank = (not decided, -contained, source)  # smaller is better
        if copy not in best or rank < best[copy][0]:
            best[copy] = (rank, source)
    return sorted((source, copy) for copy, (_, source) in best.items())


class _AlignmentIndex:
    """The alignment table's matched rows grouped by article pair, in one pass, so that
    the groups of one pair are read without scanning the whole table again."""

    def __init__(self, alignments: pd.DataFrame):
        self.rows: dict[frozenset, list[tuple[str, int, str, list[int], str]]] = defaultdict(list)
        self.relation: dict[tuple[str, int, str], str] = {}
        matched = alignments[alignments["match_sentence_index"].astype(str) != ""]
        for article, index, other, indices, relation in zip(
            matched["article"], matched["sentence_index"], matched["match_article"],
            matched["match_sentence_index"], matched["relation"], strict=True,
        ):
            if relation == "none" or not other:
                continue
            counterparts = [int(k) for k in str(indices).split(";")]
            self.rows[frozenset((article, other))].append((article, int(index), other, counterparts, relation))
            self.relation[(article, int(index), other)] = relation


def _aligned_groups(
    alignments: pd.DataFrame | _AlignmentIndex, source: str, copy: str, relations: tuple[str, ...]
) -> list[tuple[list[int], list[int]]]:
    """Connected groups of (source sentence indices, copy sentence indices) aligned with
    one of ``relations`` in either direction, so merges and splits are diffed whole.

    A link between two sentences is kept only if neither side's own alignment to the
    other article has a relation outside ``relations``: a merge found from an edited
    sentence may reach a neighbour that, read from its own side, is only a paraphrase,
    and a paraphrase is not diffed word by word."""
    index = alignments if isinstance(alignments, _AlignmentIndex) else _AlignmentIndex(alignments)
    edges = []
    for article, k, other, counterparts, relation in index.rows.get(frozenset((source, copy)), ()):
        if relation not in relations:
            continue
        for j in counterparts:
            if index.relation.get((other, j, article), relation) not in relations:
                continue
            if article == source and other == copy:
                edges.append((("s", k), ("c", j)))
            elif article == copy and other == source:
                edges.append((("s", j), ("c", k)))
    result = []
    for members in connected_groups([], edges):
        result.append((
            sorted(k for side, k in members if side == "s"),
            sorted(k for side, k in members if side == "c"),
        ))
    return sorted(result)


def _inputs(corpus: Corpus, thresholds, alignments, pairs):
    sentences = corpus.sentences
    if alignments is None:
        alignments = align_sentences(corpus, thresholds)
    if pairs is None:
        pairs = article_pairs(corpus, thresholds, alignments)
    texts = {
        (str(a), int(i)): t
        for a, i, t in zip(sentences["article"], sentences["sentence_index"], sentences["sentence"], strict=True)
    }
    return texts, alignments, pairs


#: A sentence the alignment leaves unmatched (a quotation alone, which two reports may share
#: without one copying the other) is still carried by the other text when its words are
#: there this nearly (difflib's ratio of the word lists): it is neither left out nor added.
CARRIED_MIN_RATIO = 0.8


def _sentence_windows(sentences: list[tuple[int, str]]) -> list[list[str]]:
    """The words of each sentence of an article and of each two neighbouring ones (where
    :func:`_carried` looks for a sentence of the other text)."""
    single = [words(text) for _, text in sentences]
    return single + [a + b for a, b in zip(single, single[1:])]


def _carried(text: str, windows: list[list[str]]) -> bool:
    """Whether the words of ``text`` stand, nearly unchanged, in one of ``windows``
    (:func:`_sentence_windows` of the other text: one sentence, or two neighbouring ones,
    as where the other text splits a quotation with "he added")."""
    mine = words(text)
    if not mine:
        return False
    for theirs in windows:
        matcher = SequenceMatcher(None, mine, theirs, autojunk=False)
        # Either the two read alike, or nearly all of this sentence is there in runs of
        # three words or more (scattered single words are any two texts on one story).
        matched = sum(block.size for block in matcher.get_matching_blocks() if block.size >= 3)
        if matcher.ratio() >= CARRIED_MIN_RATIO or matched >= CARRIED_MIN_RATIO * len(mine):
            return True
    return False


def _without_repeats(texts: dict[tuple[str, int], str], article: str, indices: list[int]) -> list[int]:
    """``indices`` without a sentence whose words repeat an earlier one of the group: a page
    that prints its lead twice (a teaser, then the story) is matched twice to one sentence,
    and diffing both copies against it would report the second as words replaced."""
    seen, kept = set(), []
    for k in indices:
        key = tuple(words(texts[(article, k)]))
        if key not in seen:
            seen.add(key)
            kept.append(k)
    return kept


def sentence_edits(
    corpus: Corpus,
    thresholds: ReuseThresholds = DEFAULT_THRESHOLDS,
    alignments: pd.DataFrame | None = None,
    pairs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per edit between verbatim or edited aligned sentences of each copy and its
    likely source (:func:`directed_pairs`), read from the source to the copy.

    Columns: ``source_article, source_sentence_index, copy_article, copy_sentence_index``
    (indices joined by ";" for merges and splits), ``edit_index`` (order within the
    group), ``operation``, ``edit_class``, ``source_text``, ``copy_text``. Paraphrased
    sentences are not diffed word by word (nearly every word differs). Pass
    ``alignments`` and ``pairs`` to avoid recomputing them.
    """
    texts, alignments, pairs = _inputs(corpus, thresholds, alignments, pairs)
    lists = load_edit_word_lists()
    index = _AlignmentIndex(alignments)
    rows = []
    for source, copy in directed_pairs(pairs):
        for source_indices, copy_indices in _aligned_groups(index, source, copy, ("verbatim", "edited")):
            source_indices = _without_repeats(texts, source, source_indices)
            copy_indices = _without_repeats(texts, copy, copy_indices)
            old = " ".join(texts[(source, k)] for k in source_indices)
            new = " ".join(texts[(copy, k)] for k in copy_indices)
            for number, edit in enumerate(diff_words(old, new, lists)):
                rows.append([
                    source, ";".join(map(str, source_indices)), copy, ";".join(map(str, copy_indices)),
                    number, edit["operation"], edit["edit_class"], edit["source_text"], edit["copy_text"],
                    edit["source_as_printed"], edit["copy_as_printed"],
                ])
    return pd.DataFrame(rows, columns=EDIT_COLUMNS)


def omissions_and_additions(
    corpus: Corpus,
    thresholds: ReuseThresholds = DEFAULT_THRESHOLDS,
    alignments: pd.DataFrame | None = None,
    pairs: pd.DataFrame | None = None,
    edits: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """What each copy left out of its likely source (:func:`directed_pairs`) and what it added.

    Columns: ``source_article, copy_article, kind`` (``omitted`` or ``added``), ``level``
    (``sentence``: a whole sentence with no counterpart in the other article of the pair;
    ``phrase``: a deleted or inserted run of at least ``MIN_PHRASE_WORDS`` words inside an
    aligned sentence), ``article`` and ``sentence_index`` (where the text is; ";"-joined
    for a phrase in a merged group) and ``text`` (as the article prints it).
    """
    texts, alignments, pairs = _inputs(corpus, thresholds, alignments, pairs)
    if edits is None:
        edits = sentence_edits(corpus, thresholds, alignments, pairs)
    index = _AlignmentIndex(alignments)
    by_article: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for (article, k), text in sorted(texts.items()):
        by_article[article].append((k, text))
    by_pair = {key: group for key, group in edits.groupby(["source_article", "copy_article"])}
    rows = []
    for source, copy in directed_pairs(pairs):
        groups = _aligned_groups(index, source, copy, ("verbatim", "edited", "paraphrase"))
        covered_source = {k for s, _ in groups for k in s}
        covered_copy = {k for _, c in groups for k in c}
        # In (article, index) order, as before: the lower id's sentences first.
        windows: dict[str, list[list[str]]] = {}  # read once per pair, and only if needed
        for article in sorted((source, copy)):
            other = copy if article == source else source
            for k, text in by_article[article]:
                if k in (covered_source if article == source else covered_copy):
                    continue
                if other not in windows:
                    windows[other] = _sentence_windows(by_article[other])
                if _carried(text, windows[other]):
                    continue
                if article == source:
                    rows.append([source, copy, "omitted", "sentence", source, str(k), text])
                else:
                    rows.append([source, copy, "added", "sentence", copy, str(k), text])
        mine = by_pair.get((source, copy), edits.iloc[:0])
        for edit in mine.itertuples():
            if edit.operation == "deletion" and len(edit.source_text.split()) >= MIN_PHRASE_WORDS:
                rows.append([source, copy, "omitted", "phrase", source, edit.source_sentence_index,
                             edit.source_as_printed])
            elif edit.operation == "insertion" and len(edit.copy_text.split()) >= MIN_PHRASE_WORDS:
                rows.append([source, copy, "added", "phrase", copy, edit.copy_sentence_index, edit.copy_as_printed])
    return pd.DataFrame(rows, columns=OMISSION_COLUMNS)
