"""Direct quotations: what is in quotation marks, who said it, and how outlets copied it.

Quotations are found per paragraph (a quotation can run over several sentences of the
corpus) between quotation marks: double, guillemets, and single marks where they cannot be
an apostrophe (the rules are in :mod:`newscompare.analysis.quotation_marks`). A quoted span that
is a name or a term rather than speech is set aside (:func:`quoted_terms`).

Each quotation gets its speaker from the reporting verb nearest to it, outside any
quotation, in the sentences it spans ("X said", "said X", "it said in its statement",
"according to X", a colon introduction); pronouns and role descriptions ("added the
diplomat") are resolved to a person named before; a quotation opening a paragraph of its
own keeps the previous speaker (:func:`extract_quotes`).
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

import pandas as pd
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span, Token

from newscompare.analysis.entities import entity_mentions, voices_words
from newscompare.analysis.graphs import connected_groups
from newscompare.analysis.quotation_marks import QUOTE_MARK_CHARACTERS, QuoteSpan, find_quote_spans
from newscompare.ingest.corpus import Corpus
from newscompare.ingest.text import normalize, words

QUOTE_COLUMNS = ["article", "sentence_index", "quote", "speaker", "verb", "kind"]
_QUOTE_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")
PRONOUN_LABELS = {  # which entity labels a pronoun can stand for
    "he": ("PERSON",), "him": ("PERSON",), "his": ("PERSON",),
    "she": ("PERSON",), "her": ("PERSON",),
    "it": ("ORG", "GPE", "LOC", "FAC"), "its": ("ORG", "GPE", "LOC", "FAC"),
    "they": ("PERSON", "ORG", "GPE", "LOC", "FAC"), "them": ("PERSON", "ORG", "GPE", "LOC", "FAC"),
}
#: Two quoted texts are the same quotation when difflib's ratio of their word lists is at
#: least this: "stay away from this conflict" in two outlets is 1.0; unrelated short quotes
#: of the seeds score below 0.3.
SAME_QUOTE_RATIO = 0.6
#: A capitalised quoted span of at most this many words right before a common noun is a
#: name ("Mango" shells, the "Sputnik V" vaccine), not a quotation.
NAME_MAX_WORDS = 4
#: A quoted span of at most this many words inside a sentence that attributes nothing to
#: anyone is a scare quote or term ("old friends"), not a quotation. Longer unattributed
#: spans are kept as speech with no speaker, since a reader would look for who said them.
TERM_MAX_WORDS = 3
#: A sentence without quotation marks renders a quotation indirectly when it holds at least
#: this share of the quotation's content words (stop words dropped) ...
INDIRECT_COVERAGE = 0.6
#: ... and the quotation has at least this many content words (one or two words, such as
#: "concerns", are found in many sentences by chance).
INDIRECT_MIN_WORDS = 3


def _paragraphs(corpus: Corpus) -> list[tuple[str, list[tuple[int, Span]]]]:
    """(article, [(sentence_index, span), ...]) per paragraph, in corpus order."""
    grouped: dict[tuple[str, int], list[tuple[int, Span]]] = {}
    for row in corpus.sentences.itertuples():
        key = (row.article, row.paragraph_index)
        grouped.setdefault(key, []).append((row.sentence_index, corpus.spans[(row.article, row.sentence_index)]))
    return [(article, grouped[(article, paragraph)]) for article, paragraph in sorted(grouped)]


class _Resolver:
    """Maps a phrase of the parse (subject, "according to" object) to a canonical speaker."""

    def __init__(self, corpus: Corpus):
        self.mentions = entity_mentions(corpus)
        self.by_token = {
            (row.article, row.sentence_index, row.token_start): (row.canonical, row.label)
            for row in self.mentions.itertuples()
        }
        self.label_of = {}
        for canonical, label in zip(self.mentions["canonical"], self.mentions["label"]):
            self.label_of.setdefault(canonical, label)
        # Mentions per article, in text order: a lookup reads one article, not the corpus.
        self.by_article: dict[str, list] = {}
        for row in self.mentions.itertuples():
            self.by_article.setdefault(row.article, []).append(row)
        self.titles = set(voices_words()["person_titles"])
        self.roles = set(voices_words()["person_roles"])
        self.voices_of = set(voices_words()["statement_nouns"]) | {"spokesman", "spokeswoman", "spokesperson"}
        self.title_map = self._title_map(corpus)

    def _title_map(self, corpus: Corpus) -> dict[tuple[str, str], str]:
        """(article, "russian president") -> "Vladimir Putin", from "Russian President
        Vladimir Putin" in that article, and (article, "press secretary") -> "Peter Olsen"
        from an apposition ("her press secretary, Peter Olsen," or "Peter Olsen, the press
        secretary,"); descriptions that fit several people are dropped."""
        found: dict[tuple[str, str], set[str]] = {}
        for row in self.mentions[self.mentions["label"] == "PERSON"].itertuples():
            doc = corpus.spans[(row.article, row.sentence_index)].doc
            description = []
            index = row.token_start - 1
            while index >= 0 and (doc[index].lower_ in self.titles or doc[index].ent_type_ == "NORP"):
                description.insert(0, doc[index].lower_)
                index -= 1
            for cut in range(len(description)):
                found.setdefault((row.article, " ".join(description[cut:])), set()).add(row.canonical)
            name_head = doc[row.token_start]
            while name_head.head.i != name_head.i and name_head.head.ent_iob_ == "I" \
                    and name_head.head.ent_type_ == "PERSON":
                name_head = name_head.head
            appositions = [name_head.head] if name_head.dep_ == "appos" else []
            appositions += [child for child in name_head.children if child.dep_ == "appos"]
            for noun in appositions:
                if noun.pos_ == "NOUN":
                    found.setdefault((row.article, _described(_noun_phrase(noun))), set()).add(row.canonical)
        return {key: next(iter(names)) for key, names in found.items() if len(names) == 1}

    def person_before(self, article: str, sentence_index: int, token: Token) -> str:
        """The nearest preceding person named as a subject (else named at all) in the
        article, for a description that refers back ("added the diplomat")."""
        return self._nearest_entity(article, sentence_index, token, ("PERSON",))

    def entity_of(self, article: str, sentence_index: int, token: Token) -> tuple[str, str] | None:
        """The canonical entity whose mention contains ``token`` (the head of a phrase)."""
        start = token.i
        while start > 0 and token.doc[start].ent_iob_ == "I":
            start -= 1
        return self.by_token.get((article, sentence_index, start))

    def pronoun(self, article: str, sentence_index: int, token: Token) -> str:
        """The nearest preceding subject entity of a fitting kind ("he" -> a person)."""
        return self._nearest_entity(article, sentence_index, token, PRONOUN_LABELS.get(token.lower_, ()))

    def _nearest_entity(self, article: str, sentence_index: int, token: Token,
                        labels: tuple[str, ...]) -> str:
        before = [m for m in self.by_article.get(article, ())
                  if (m.sentence_index, m.token_start) < (sentence_index, token.i) and m.label in labels]
        for pool in ([m for m in before if m.is_subject], before):
            if pool:
                return str(pool[-1].canonical)
        return ""

    def phrase(self, article: str, sentence_index: int, token: Token) -> tuple[str, str]:
        """(speaker, label) for the phrase headed by ``token``; label "" when not an entity."""
        if token.lower_ in PRONOUN_LABELS:
            name = self.pronoun(article, sentence_index, token)
            return name, self.label_of.get(name, "")
        # "His statement added", "the company's spokesman said": a statement or a
        # spokesperson of someone speaks for them.
        possessor = next((c for c in token.children if c.dep_ == "poss"), None)
        if possessor is not None and token.lemma_.lower() in self.voices_of:
            return self.phrase(article, sentence_index, possessor)
        # The head's own entity, else a name compounded to it ("Rostec corporation").
        for candidate in [token, *(c for c in token.children if c.dep_ in ("compound", "nmod", "amod"))]:
            entity = self.entity_of(article, sentence_index, candidate)
            if entity:
                return entity
        phrase = _noun_phrase(token)
        if not any(t.pos_ in ("NOUN", "PROPN", "PRON") and t.lower_ not in ("the", "a", "an")
                   for t in phrase):
            return "", ""  # no noun at all: a text cut off inside its attribution
        described = _described(phrase)
        if (article, described) in self.title_map:
            return self.title_map[(article, described)], "PERSON"
        # "the diplomat", "the spokesman": a definite description of a person's role
        # refers back to the person last named. With a possessive ("the president's
        # press secretary") it names someone else, so it is left as the description.
        definite = any(t.dep_ == "det" and t.lower_ in ("the", "this", "that") and t.head.i == token.i
                       for t in phrase)
        possessive = any(t.dep_ == "poss" for t in phrase)
        if definite and not possessive and token.lemma_.lower() in self.roles:
            name = self.person_before(article, sentence_index, token)
            if name:
                return name, "PERSON"
        return normalize(token.doc[phrase[0].i:phrase[-1].i + 1].text), ""


def _described(phrase: list[Token]) -> str:
    """A noun phrase's description words, lower-case, without determiners, possessives and
    punctuation ("the president's press secretary" -> "press secretary")."""
    dropped = {t.i for t in phrase if t.dep_ == "poss" for t in t.subtree}
    return " ".join(t.lower_ for t in phrase
                    if t.i not in dropped and t.dep_ not in ("det", "poss", "case", "punct"))


def _noun_phrase(head: Token) -> list[Token]:
    """The tokens of ``head``'s phrase without clauses, appositions or trailing commas
    attached to it ("a senior official" from "a senior official stated on Friday")."""
    dropped = {t.i for child in head.children if child.dep_ in ("acl", "relcl", "appos", "punct")
               for t in child.subtree}
    tokens = [t for t in head.subtree if t.i not in dropped]
    # Keep a contiguous run around the head (a dropped clause may sit in the middle).
    start = end = tokens.index(head)
    while start > 0 and tokens[start - 1].i == tokens[start].i - 1:
        start -= 1
    while end < len(tokens) - 1 and tokens[end + 1].i == tokens[end].i + 1:
        end += 1
    return tokens[start:end + 1]


@dataclass(frozen=True)
class Attribution:
    speaker: str
    label: str  # entity label of the speaker, "" when it is not a named entity
    verb: str  # lemma of the reporting verb, or "according to"
    head: Token  # the phrase the speaker was read from


def reporting_attributions(sentence: Span, resolver: _Resolver, article: str, sentence_index: int,
                           excluded: list[tuple[int, int]] = (), quotation: bool = False
                           ) -> list[tuple[Token, Attribution]]:
    """Every attribution in ``sentence``: (anchor token, attribution) for each reporting verb
    with a subject and each "according to X", skipping tokens inside ``excluded`` char ranges.
    With ``quotation`` (the sentence holds a quotation), the verbs that attribute quoted words
    only ("called ... 'farcical'", "condemned ... as 'inconsistent'") count too.
    """
    verbs = set(voices_words()["reporting_verbs"])
    if quotation:
        verbs |= set(voices_words()["quotation_verbs"])
    statements = set(voices_words()["statement_nouns"])
    found = []
    for token in sentence:
        if any(start <= token.idx < end for start, end in excluded):
            continue
        next_word = token.doc[token.i + 1].lower_ if token.i + 1 < len(token.doc) else ""
        if token.lower_ == "according" and next_word == "to":
            objects = [child for child in token.nbor(1).children if child.dep_ == "pobj"]
            if objects:
                speaker, label = resolver.phrase(article, sentence_index, objects[0])
                found.append((token, Attribution(speaker, label, "according to", objects[0])))
            continue
        says = token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in verbs
        issues_statement = token.pos_ == "VERB" and any(
            child.dep_ == "dobj" and child.lemma_.lower() in statements for child in token.children)
        if not (says or issues_statement):
            continue
        subject = _subject_of(token) or _entity_just_before(token)
        if subject is None:
            continue
        speaker, label = resolver.phrase(article, sentence_index, subject)
        verb = token.lemma_.lower() if says else f"{token.lemma_.lower()} statement"
        found.append((token, Attribution(speaker, label, verb, subject)))
    return found


def _entity_just_before(verb: Token) -> Token | None:
    """The head of a person or organisation name that ends right before ``verb``, for a
    reporting verb the small model leaves without a subject ('..." WHO chief Tedros
    Adhanom Ghebreyesus told a press conference', parsed as a clause of "chief")."""
    previous = verb.doc[verb.i - 1] if verb.i > 0 else None
    if previous is None or previous.ent_type_ not in ("PERSON", "ORG") or previous.ent_iob_ == "O":
        return None
    return previous


def _subject_of(verb: Token) -> Token | None:
    """The active subject of ``verb`` or of the verb it is coordinated with; for a verb
    the small model attaches to the noun just before it ("a senior official stated",
    parsed as a reduced relative clause), that noun. Passive subjects are not speakers."""
    for candidate in (verb, verb.head if verb.dep_ == "conj" else None):
        if candidate is None:
            continue
        for child in candidate.children:
            if child.dep_ == "nsubj":
                return child
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i == verb.i - 1:
        return verb.head
    # Inverted attribution right after a quotation ('"...," added the diplomat'): the small
    # model often parses the speaker as the verb's object.
    previous = verb.doc[verb.i - 1] if verb.i > 0 else None
    if previous is not None and previous.text in QUOTE_MARK_CHARACTERS:
        for child in verb.rights:
            if child.dep_ in ("dobj", "attr", "npadvmod") and child.pos_ in ("NOUN", "PROPN"):
                return child
    return None


def _kind(paragraph: str, sentence: Span, span: QuoteSpan) -> str:
    """"full" when the quotation stands on its own (starts its sentence, or follows a colon,
    or a comma with a capital letter), "partial" when it is part of the reporter's sentence."""
    before = paragraph[sentence.start_char:span.opening_mark].rstrip()
    quoted = paragraph[span.start:span.end].lstrip()
    if not before or before.endswith(":"):
        return "full"
    if before.endswith(",") and quoted[:1].isupper():
        return "full"
    return "partial"


def extract_quotes(corpus: Corpus) -> pd.DataFrame:
    """Every direct quotation of speech in the corpus, with its speaker.

    Columns: article, sentence_index (sentence of the opening mark), quote (text inside the
    marks, typography normalized), speaker (canonical entity, a resolved pronoun or
    description, the describing phrase such as "a senior official", or "" when none is
    found), verb (lemma of the reporting verb, "according to", or ""), kind ("full" or
    "partial"). Quoted spans that are not speech (names, terms, scare quotes: see
    :func:`quoted_terms`) are left out. Sorted by article and position.
    """
    table = _quoted_spans(corpus)
    speech = table[table["kind"] != "not_speech"]
    return speech[QUOTE_COLUMNS].reset_index(drop=True)


def quoted_terms(corpus: Corpus) -> pd.DataFrame:
    """Quoted spans that are not speech: article, sentence_index, quote, reason ("named" for
    a span introduced as a name or term, "name before a noun" for a capitalised span
    modifying a noun, "no speaker" for a short span in a sentence that attributes nothing)."""
    table = _quoted_spans(corpus)
    terms = table[table["kind"] == "not_speech"]
    return terms[["article", "sentence_index", "quote", "reason"]].reset_index(drop=True)


@functools.lru_cache(maxsize=4)
def _quoted_spans(corpus: Corpus) -> pd.DataFrame:
    """Every quoted span with its speaker, kind (full, partial, not_speech) and reason."""
    resolver = _Resolver(corpus)
    records = []
    previous_article, previous = "", None
    for article, sentences in _paragraphs(corpus):
        if article != previous_article:
            previous_article, previous = article, None
        doc = sentences[0][1].doc
        text = doc.text
        spans = find_quote_spans(text)
        excluded = [(s.opening_mark, s.end + 1) for s in spans]
        # The speaker of the previous quotation carries into a paragraph only when that
        # paragraph opens with a quotation (news style continues a speaker that way).
        opens_with_quote = bool(spans) and not any(c.isalnum() for c in text[:spans[0].opening_mark])
        carried = previous if opens_with_quote else None
        in_paragraph: Attribution | None = None
        for span in spans:
            covered = [(i, s) for i, s in sentences
                       if s.start_char <= span.end and s.end_char > span.opening_mark]
            first_index, first_sentence = covered[0]
            candidates = []
            for index, sentence in covered:
                candidates += reporting_attributions(sentence, resolver, article, index, excluded,
                                                     quotation=True)
            # A colon-ended sentence just before the quotation introduces it ("He said:").
            position = [i for i, _ in sentences].index(first_index)
            if not candidates and position > 0 and sentences[position - 1][1].text.rstrip().endswith(":"):
                index, sentence = sentences[position - 1]
                candidates = reporting_attributions(sentence, resolver, article, index, excluded,
                                                    quotation=True)
            kind = _kind(text, first_sentence, span)
            reason = _term_reason(text, first_sentence, span, kind, bool(candidates))
            if reason:
                attribution = None
            else:
                attribution = _nearest(candidates, span, in_paragraph or carried)
                in_paragraph = attribution or in_paragraph
            records.append({
                "article": article, "sentence_index": first_index,
                "quote": normalize(text[span.start:span.end]),
                "speaker": attribution.speaker if attribution else "",
                "verb": attribution.verb if attribution else "",
                "kind": "not_speech" if reason else kind,
                "reason": reason,
                "offset": span.opening_mark,
            })
        previous = in_paragraph or carried
    table = pd.DataFrame(records, columns=[*QUOTE_COLUMNS, "reason", "offset"])
    return (table.sort_values(["article", "sentence_index", "offset"])
            .drop(columns="offset").reset_index(drop=True))


def _term_reason(paragraph: str, sentence: Span, span: QuoteSpan, kind: str,
                 attributed: bool) -> str:
    """Why a quoted span is a name or term rather than speech, or "" when it is speech.

    Only a span inside the reporter's sentence ("partial") can be a term: a quotation
    standing as its own sentence is speech. Rules, most specific first: a naming cue just
    before it ("so-called", "dubbed", "known as"; "called" before a capitalised span); a
    short capitalised span that modifies the noun after it ("Mango" shells); a span of at
    most :data:`TERM_MAX_WORDS` words in a sentence that attributes nothing to anyone.
    """
    if kind != "partial":
        return ""
    quoted = paragraph[span.start:span.end].strip()
    before = normalize(paragraph[sentence.start_char:span.opening_mark]).lower().rstrip()
    if any(before.endswith(cue) for cue in voices_words()["naming_cues"]):
        return "named"
    capitalised = quoted[:1].isupper()
    if before.endswith("called") and capitalised:
        return "named"
    quoted_words = words(quoted)
    ends_in_punctuation = quoted[-1:] in ",.;:!?"
    if (capitalised and not ends_in_punctuation and len(quoted_words) <= NAME_MAX_WORDS
            and _next_token_is_noun(sentence, span)):
        return "name before a noun"
    if not attributed and len(quoted_words) <= TERM_MAX_WORDS:
        return "no speaker"
    return ""


def _next_token_is_noun(sentence: Span, span: QuoteSpan) -> bool:
    """Whether the word right after the closing mark is a common noun."""
    doc = sentence.doc
    for token in doc:
        if token.idx > span.end and not token.is_punct:
            return token.pos_ == "NOUN"
    return False


def _nearest(candidates: list[tuple[Token, Attribution]], span: QuoteSpan,
             previous: Attribution | None) -> Attribution | None:
    """The attribution nearest the quotation; a reporting verb beats "according to" (the
    agency relays, the subject speaks); with none, the previous quotation's speaker in the
    same paragraph (a quotation broken by its attribution)."""
    if not candidates:
        return previous

    def distance(item: tuple[Token, Attribution]) -> tuple[int, int]:
        token, attribution = item
        gap = span.opening_mark - token.idx if token.idx < span.opening_mark else token.idx - span.end
        return (attribution.verb == "according to", gap)

    return min(candidates, key=distance)[1]


def count_direct_quotations(corpus: Corpus) -> pd.Series:
    """Number of direct quotations (full and partial) per article, 0 where there are none;
    indexed by article id, named "direct_quotations"."""
    counts = extract_quotes(corpus).groupby("article").size()
    return counts.reindex(corpus.ids, fill_value=0).rename("direct_quotations").rename_axis("article")


def _content_words(text: str) -> list[str]:
    return [word for word in words(text) if word not in STOP_WORDS]


def quote_fidelity(quotes: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """How quotations reappear in the other articles, one row per pair of appearances.

    For each quotation and each other article: the most similar quotation there (difflib
    ratio of word lists >= SAME_QUOTE_RATIO) is classed "exact" (same normalized text),
    "punctuation-only" (same words) or "reworded"; such a match is listed once per pair of
    articles, from the article with the smaller id (the same two quotations, read from
    the other side, are the same finding). Failing a quotation, the sentence holding the
    largest share of the content words of one sentence of the quotation, if >=
    INDIRECT_COVERAGE of at least INDIRECT_MIN_WORDS words, is classed "indirect" (rendered
    without quotation marks; each quoted sentence is tried, since a rewrite may keep one).
    Articles with neither get no row. Columns: article, sentence_index, quote, speaker,
    other_article, other_sentence_index, other_text, fidelity, similarity (3 decimals).

    Candidates come from inverted indexes of content words (quotations and sentences
    sharing a word), so the cost grows with the matches, not with the square of the corpus.
    """
    quote_rows = list(quotes.itertuples())
    quote_words = [words(row.quote) for row in quote_rows]
    by_word: dict[str, set[int]] = {}
    for k, tokens in enumerate(quote_words):
        for word in _index_words(tokens):
            by_word.setdefault(word, set()).add(k)
    sentence_rows = list(corpus.sentences.itertuples())
    sentence_words = [set(words(row.sentence)) for row in sentence_rows]
    sentences_by_word: dict[str, set[int]] = {}
    for k, found in enumerate(sentence_words):
        for word in found:
            sentences_by_word.setdefault(word, set()).add(k)
    records = []
    for k, row in enumerate(quote_rows):
        candidates = set().union(*(by_word.get(w, set()) for w in _index_words(quote_words[k])))
        best_by_article: dict[str, tuple[float, int]] = {}
        for other_k in sorted(candidates):
            other = quote_rows[other_k]
            if other.article == row.article:
                continue
            ratio = difflib.SequenceMatcher(None, quote_words[k], quote_words[other_k], autojunk=False).ratio()
            held = best_by_article.get(other.article)
            if ratio >= SAME_QUOTE_RATIO and (held is None or ratio > held[0]):
                best_by_article[other.article] = (ratio, other_k)
        for other_article in corpus.ids:
            if other_article == row.article:
                continue
            if other_article in best_by_article:
                if other_article < row.article:
                    continue  # listed from the other side
                ratio, other_k = best_by_article[other_article]
                candidate = quote_rows[other_k]
                if normalize(candidate.quote) == normalize(row.quote):
                    fidelity = "exact"
                elif quote_words[other_k] == quote_words[k]:
                    fidelity = "punctuation-only"
                else:
                    fidelity = "reworded"
                records.append(_fidelity_row(row, other_article, candidate.sentence_index,
                                             candidate.quote, fidelity, ratio))
        pieces = [set(_content_words(piece)) for piece in _QUOTE_SENTENCE_BREAK.split(row.quote)]
        pieces = [piece for piece in pieces if len(piece) >= INDIRECT_MIN_WORDS]
        best_sentence: dict[str, tuple[float, int, int]] = {}
        for piece in pieces:
            for s_k in set().union(*(sentences_by_word.get(w, set()) for w in piece)):
                sentence = sentence_rows[s_k]
                if sentence.article == row.article or sentence.article in best_by_article:
                    continue
                coverage = len(piece & sentence_words[s_k]) / len(piece)
                key = (coverage, -sentence.sentence_index)
                held = best_sentence.get(sentence.article)
                if held is None or key > held[:2]:
                    best_sentence[sentence.article] = (*key, s_k)
        for other_article in sorted(best_sentence):
            coverage, _, s_k = best_sentence[other_article]
            if coverage >= INDIRECT_COVERAGE:
                sentence = sentence_rows[s_k]
                records.append(_fidelity_row(row, other_article, sentence.sentence_index,
                                             sentence.normalized, "indirect", coverage))
    columns = ["article", "sentence_index", "quote", "speaker", "other_article",
               "other_sentence_index", "other_text", "fidelity", "similarity"]
    return (pd.DataFrame(records, columns=columns)
            .sort_values(["article", "sentence_index", "quote", "other_article"]).reset_index(drop=True))


def _index_words(tokens: list[str]) -> set[str]:
    """Index keys of a quotation: its content words, or, for a quotation of stop words
    only ("No, no."), the whole word sequence."""
    content = {word for word in tokens if word not in STOP_WORDS}
    return content or {"\0" + " ".join(tokens)}


def _fidelity_row(row, other: str, other_sentence: int, other_text: str, fidelity: str,
                  similarity: float) -> dict:
    return {"article": row.article, "sentence_index": row.sentence_index, "quote": row.quote,
            "speaker": row.speaker, "other_article": other, "other_sentence_index": other_sentence,
            "other_text": other_text, "fidelity": fidelity, "similarity": round(similarity, 3)}


def quotes_table(corpus: Corpus) -> pd.DataFrame:
    """The exported ``quotes`` table (see :func:`extract_quotes`)."""
    return extract_quotes(corpus)


def count_distinct_quotations(quotes: pd.DataFrame, fidelity: pd.DataFrame) -> int:
    """Quotations counted as a reader counts them: one quotation repeated by a copy (exact,
    punctuation-only or reworded, as :func:`quote_fidelity` found it) is one quotation,
    however many articles carry it. Indirect renderings are not quotations."""
    keys = [(row.article, int(row.sentence_index), row.quote) for row in quotes.itertuples()]
    links = [((row.article, int(row.sentence_index), row.quote),
              (row.other_article, int(row.other_sentence_index), row.other_text))
             for row in fidelity.itertuples() if row.fidelity != "indirect"]
    return len(connected_groups(keys, links))
