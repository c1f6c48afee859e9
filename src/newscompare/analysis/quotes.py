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

import bisect
import difflib
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span, Token

from newscompare.analysis.entities import entity_mentions, voices_words
from newscompare.analysis.graphs import connected_groups
from newscompare.analysis.quotation_marks import (
    QUOTE_MARK_CHARACTERS,
    CharRanges,
    QuoteSpan,
    find_quote_spans,
    quotation_ranges,
)
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
#: The words that relay a source rather than report its speaking ("according to X", "per X").
RELAYING_WORDS = ("according to", "per")
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
    """(article, [(sentence_index, span), ...]) per paragraph, in corpus order; a paragraph
    the model read in pieces (one over ``MAX_PARSE_CHARS``) gives one entry per piece, since
    quotations are found in, and their offsets point into, the text of one parse."""
    grouped: dict[tuple[str, int], list[tuple[int, Span]]] = {}
    for row in corpus.sentences.itertuples():
        key = (row.article, row.paragraph_index)
        grouped.setdefault(key, []).append((row.sentence_index, corpus.spans[(row.article, row.sentence_index)]))
    units = []
    for article, paragraph in sorted(grouped):
        piece: list[tuple[int, Span]] = []
        for index, span in grouped[(article, paragraph)]:
            if piece and span.doc is not piece[-1][1].doc:
                units.append((article, piece))
                piece = []
            piece.append((index, span))
        units.append((article, piece))
    return units


#: Honorifics that say whether a person is "he" or "she" ("Ms Maxwell"), so that a pronoun
#: is never resolved to a person of the other gender.
_GENDER_OF_HONORIFIC = {"mr": "he", "ms": "she", "mrs": "she", "miss": "she"}
#: Kin words that say whether the person they introduce is "she" or "he" ("his wife Susan").
_FEMALE_KIN = frozenset({"wife", "mother", "daughter", "sister", "widow", "girlfriend"})
_MALE_KIN = frozenset({"husband", "father", "son", "brother", "widower", "boyfriend"})
#: The forms of "he" and "she" that say a person's gender, reflexives and "hers" included
#: (wider than the forms a pronoun speaker takes, :data:`_PRONOUN_FAMILIES`).
_GENDER_OF_PRONOUN = {"he": "he", "him": "he", "his": "he", "himself": "he",
                      "she": "she", "her": "she", "hers": "she", "herself": "she"}
_ORGANISATION_LABELS = ("ORG", "GPE", "LOC", "FAC")
#: Labels of a place or of its people ("U.S.", "Greek"): whose body a name is, not the body.
_PLACE_LABELS = ("GPE", "LOC", "NORP")

_NAMING_VERBS = {"identify", "name", "call", "know"}
_PRONOUN_FAMILIES = {"he": ("he", "him", "his"), "she": ("she", "her"), "it": ("it", "its"),
                     "they": ("they", "them", "their")}


class _Resolver:
    """Maps a phrase of the parse (subject, "according to" object) to a canonical speaker,
    or to "" when the phrase names no person, body or accepted description, or when what it
    refers back to is ambiguous (the quotation is then left for checking by hand)."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
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
        lists = voices_words()
        self.abbreviations = lists["title_abbreviations"]
        self.titles = set(lists["person_titles"]) | set(self.abbreviations)
        self.person_nouns = set(lists["person_roles"]) | set(lists["anonymous_nouns"]) \
            | {"spokesman", "spokeswoman", "spokesperson"}
        self.body_nouns = set(lists["body_nouns"])
        self.common_body_nouns = set(lists["common_body_nouns"])
        self.oversight_nouns = set(lists["oversight_nouns"])
        self.public_body_words = set(lists["public_body_words"])
        self.role_kinds = {role: set(kinds) for role, kinds in lists["role_kinds"].items()}
        self.voices_of = set(lists["statement_nouns"]) | {"spokesman", "spokeswoman", "spokesperson"}
        # Roles that speak for the body they belong to: its officials, leaders, executives.
        # Not its "chief" or "head": "the Wagner chief said" is one man (whom the article
        # may name another way), not the group speaking.
        self.representatives = {"spokesman", "spokeswoman", "spokesperson", "official", "officials"}.union(
            *(self.role_kinds[kind] for kind in ("official", "leader", "executive"))) - {"chief", "head"}
        self.statements = set(lists["statement_nouns"])
        # A broadcaster or the press owned by a state ("state TV", "state-run media").
        self.state_media_nouns = set(lists["state_media_nouns"])
        self.state_words = set(lists["state_words"])
        self._quoted: dict[int, CharRanges] = {}
        self._antecedents: dict[str, list[tuple[int, int, Token]]] = {}
        self._antecedent_keys: dict[str, list[tuple[int, int]]] = {}
        # Organisations named in each article, by each word of their name, in text order
        # ((sentence_index, token_start) keys beside the mentions): "the ministry" is then
        # the last one before it, found by bisection rather than by reading every mention
        # of the article for each description (quadratic in a long article).
        self.bodies_by_word: dict[tuple[str, str], tuple[list[tuple[int, int]], list]] = {}
        for row in self.mentions.itertuples():
            if row.label in _ORGANISATION_LABELS:
                for word in dict.fromkeys(str(row.canonical).lower().split()):
                    keys, rows = self.bodies_by_word.setdefault((row.article, word), ([], []))
                    keys.append((row.sentence_index, row.token_start))
                    rows.append(row)
        # Organisations (label ORG) named in each article, in text order, with their keys:
        # "the company" is the last one named when that is also the last one made a subject.
        # A news agency relays words and speaks for no one (the guidelines), so it is left out.
        self.agencies = agencies = set(lists["agency_names"])
        self.organisations: dict[str, tuple[list[tuple[int, int]], list]] = {}
        for row in self.mentions.itertuples():
            if row.label == "ORG" and str(row.canonical).lower() not in agencies:
                keys, rows = self.organisations.setdefault(row.article, ([], []))
                keys.append((row.sentence_index, row.token_start))
                rows.append(row)
        self.introductions = self._introductions(corpus)
        self.title_map = self._title_map()
        self.gender = self._genders(corpus)

    # ------------------------------------------------------------------ article facts
    def inside_quotation(self, token: Token) -> bool:
        """Whether ``token`` lies between quotation marks (a name inside a quotation is the
        speaker's word, not the reporter's, so it is never what a pronoun refers to)."""
        return token.idx in self.quoted_ranges(token.doc)

    def quoted_ranges(self, doc) -> CharRanges:
        """The characters of ``doc`` (one paragraph's parse) between quotation marks."""
        ranges = self._quoted.get(id(doc))
        if ranges is None:
            ranges = quotation_ranges(find_quote_spans(doc.text))
            self._quoted[id(doc)] = ranges
        return ranges

    def _introductions(self, corpus: Corpus) -> dict[str, list[tuple[int, int, str, str]]]:
        """Per article, in text order: (sentence_index, token, role words, person) for each
        person introduced with a role: titles before the name ("Judge Alison Nathan",
        "Nepal Police spokesman Kuber Kadayat") or an apposition ("her press secretary,
        Peter Olsen," or "Max Schrems, the Austrian privacy campaigner,")."""
        found: dict[str, list[tuple[int, int, str, str]]] = {}
        # The nationalities among the titles before each introduced name ("indian").
        self.nationalities: dict[tuple[str, int, int], set[str]] = {}
        for row in self.mentions[self.mentions["label"] == "PERSON"].itertuples():
            doc = self.corpus.spans[(row.article, row.sentence_index)].doc
            description = []
            index = row.token_start - 1
            while index >= 0 and (doc[index].lower_.rstrip(".") in self.titles
                                  or doc[index].ent_type_ == "NORP"):
                title = doc[index].lower_.rstrip(".")
                description.insert(0, self.abbreviations.get(title, title))
                index -= 1
            self.nationalities[(row.article, row.sentence_index, row.token_start)] = {
                doc[k].lower_ for k in range(index + 1, row.token_start) if doc[k].ent_type_ == "NORP"}
            roles = [" ".join(description[cut:]) for cut in range(len(description))]
            name_head = doc[row.token_start]
            while name_head.head.i != name_head.i and name_head.head.ent_iob_ == "I" \
                    and name_head.head.ent_type_ == "PERSON":
                name_head = name_head.head
            appositions = [name_head.head] if name_head.dep_ == "appos" else []
            appositions += [child for child in name_head.children if child.dep_ == "appos"]
            roles += [_described(_noun_phrase(noun)) for noun in appositions if noun.pos_ == "NOUN"]
            for role in roles:
                found.setdefault(row.article, []).append(
                    (row.sentence_index, row.token_start, role, str(row.canonical)))
        return found

    def _title_map(self) -> dict[tuple[str, str], str]:
        """(article, "russian president") -> "Vladimir Putin": the descriptions of the
        article's introductions that fit one person only."""
        found: dict[tuple[str, str], set[str]] = {}
        for article, introductions in self.introductions.items():
            for _, _, role, name in introductions:
                found.setdefault((article, role), set()).add(name)
        return {key: next(iter(names)) for key, names in found.items() if len(names) == 1}

    def _genders(self, corpus: Corpus) -> dict[str, str]:
        """Person -> "he" or "she" where the corpus says so with an honorific ("Ms
        Maxwell"), a gendered role word ("spokeswoman") or a pronoun in a sentence about
        them alone; people with both are left out."""
        seen: dict[str, set[str]] = {}
        for row in self.mentions[self.mentions["label"] == "PERSON"].itertuples():
            doc = corpus.spans[(row.article, row.sentence_index)].doc
            before = doc[row.token_start - 1].lower_.rstrip(".") if row.token_start > 0 else ""
            if before in _GENDER_OF_HONORIFIC:
                seen.setdefault(str(row.canonical), set()).add(_GENDER_OF_HONORIFIC[before])
            # "Sheikh Hasina resigned ... as protesters stormed her official residence": the
            # only person of a sentence, its subject, is who a later pronoun of the sentence
            # is, outside quotation marks.
            sentence = corpus.spans[(row.article, row.sentence_index)]
            end = row.token_start
            while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
                end += 1
            people = {ent.start for ent in sentence.ents if ent.label_ == "PERSON"}
            if doc[end].dep_ in ("nsubj", "nsubjpass") and people == {row.token_start}:
                later = {_GENDER_OF_PRONOUN[t.lower_] for t in sentence if t.i > end
                         and t.lower_ in _GENDER_OF_PRONOUN and not self.inside_quotation(t)}
                if len(later) == 1:
                    seen.setdefault(str(row.canonical), set()).update(later)
        for article, introductions in self.introductions.items():
            for _, _, role, name in introductions:
                last = role.split()[-1] if role.split() else ""
                if last.endswith("woman") or last in _FEMALE_KIN:
                    seen.setdefault(name, set()).add("she")
                elif last.endswith("man") or last in _MALE_KIN:
                    seen.setdefault(name, set()).add("he")
        return {name: next(iter(genders)) for name, genders in seen.items() if len(genders) == 1}

    def antecedents(self, article: str) -> list[tuple[int, int, Token]]:
        """The phrases of an article a pronoun can refer back to, in text order: subjects
        and the objects of "according to" outside quotation marks."""
        if article not in self._antecedents:
            found = []
            reporting = set(voices_words()["reporting_verbs"])
            rows = self.corpus.sentences[self.corpus.sentences["article"] == article]
            for sentence_index in sorted(rows["sentence_index"]):
                for token in self.corpus.spans[(article, sentence_index)]:
                    according = (token.dep_ == "pobj" and token.head.lower_ == "to"
                                 and token.head.head.lower_ == "according")
                    # The subject of a relative clause ("the shoe, which Tigist Assefa
                    # used to ...") is said in passing: not whom a later "she" is about.
                    # Nor is the subject of what someone said ("He said Nargeolet was one
                    # of the foremost experts", "Chaudhry said Khan was dragged out"): the
                    # one who said it goes on being the one speaking. ("X has resigned, she
                    # announced" keeps X, the clause coming first; "the release stated that
                    # Brockman was stepping down" keeps Brockman, a statement being no
                    # person.)
                    saying = token.head.head
                    # Nor is the subject of an infinitive ("endorsement for Kamala Harris to
                    # be the nominee"): someone spoken of, not someone speaking.
                    infinitive = any(child.tag_ == "TO" for child in token.head.children)
                    in_passing = token.head.dep_ == "relcl" or infinitive or (
                        token.head.dep_ == "ccomp" and token.head.i > saying.i
                        and saying.lemma_.lower() in reporting
                        and not any(c.dep_ == "nsubj" and c.lemma_.lower() in self.statements
                                    for c in saying.children))
                    # The owner of a subject ("Even Kissinger's appearance seemed ...") is
                    # who a following "he" goes on about, as a reader takes it.
                    owner = token.dep_ == "poss" and token.pos_ == "PROPN" \
                        and token.head.dep_ in ("nsubj", "nsubjpass") and token.head.head.dep_ == "ROOT"
                    # The agent of a passive ("The decision was made by Justice Linda
                    # Chan") is its sentence's actor, whom a following "she" is about.
                    agent = token.dep_ == "pobj" and token.head.dep_ == "agent"
                    if (token.dep_ in ("nsubj", "nsubjpass") or according or owner or agent) and not in_passing \
                            and not self.inside_quotation(token):
                        # "LONDON (AP) — British Prime Minister Liz Truss resigned": the small
                        # model makes the dateline the subject and the person its apposition.
                        if token.dep_ == "nsubj" and (_dateline_place(token) or token.ent_type_ in ("GPE", "LOC")) \
                                and any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in token.children):
                            token = next(c for c in token.children if c.dep_ == "appos" and c.ent_type_ == "PERSON")
                        found.append((sentence_index, token.i, token))
            self._antecedents[article] = found
            self._antecedent_keys[article] = [(s_index, t_index) for s_index, t_index, _ in found]
        return self._antecedents[article]

    def antecedents_before(self, article: str, sentence_index: int, token_index: int
                           ) -> Iterator[tuple[int, int, Token]]:
        """The article's antecedents before token ``token_index`` of sentence
        ``sentence_index``, nearest first, read lazily from a place found by bisection
        (reading the whole article back for each pronoun was quadratic in its length)."""
        found = self.antecedents(article)
        before = bisect.bisect_left(self._antecedent_keys[article], (sentence_index, token_index))
        # Within an earlier sentence, the subject of its main verb comes first: it is who the
        # next sentence goes on about, before one named in a clause after it ('Chew said in a
        # video posted after Biden signed the bill. "...," he said').
        k = before - 1
        while k >= 0:
            s_index = found[k][0]
            start = k
            while start > 0 and found[start - 1][0] == s_index:
                start -= 1
            group = [found[j] for j in range(k, start - 1, -1)]
            if s_index != sentence_index:
                group.sort(key=lambda entry: not _main_subject(entry[2]))
            yield from group
            k = start - 1

    # ------------------------------------------------------------------ resolution
    def entity_of(self, article: str, sentence_index: int, token: Token) -> tuple[str, str] | None:
        """The canonical entity whose mention contains ``token`` (the head of a phrase)."""
        start = token.i
        while start > 0 and token.doc[start].ent_iob_ == "I":
            start -= 1
        return self.by_token.get((article, sentence_index, start))

    def _named(self, article: str, sentence_index: int, token: Token) -> tuple[str, str] | None:
        """The entity a phrase's head names, itself or through a name compounded to it.

        A proper name the recogniser missed, made of a place and proper nouns ("The U.S.
        Coast Guard", "the Greek Coast Guard"), is that body, not the place: the place only
        says whose body it is."""
        entity = self.entity_of(article, sentence_index, token)
        if entity:
            return entity
        for candidate in (c for c in token.children if c.dep_ in ("compound", "nmod", "amod")):
            entity = self.entity_of(article, sentence_index, candidate)
            if entity:
                if entity[1] in _PLACE_LABELS and token.pos_ == "PROPN":
                    own = [t for t in _noun_phrase(token) if t.i <= token.i]
                    if all(t.pos_ == "PROPN" or t.ent_type_ or t.dep_ == "det" for t in own):
                        return described_body(own), "ORG"
                if entity[1] in _PLACE_LABELS and token.pos_ == "NOUN":
                    return None  # "US meteorologists said": people of the place, not the place
                if entity[1] == "PERSON" and token.pos_ == "NOUN":
                    # "The Trump campaign said": the campaign speaks, not the man it is named
                    # after (nor "the Biden administration" the president).
                    own = [t for t in _noun_phrase(token) if t.i <= token.i]
                    return described_body(own), ""
                return entity
        return None

    def pronoun(self, article: str, sentence_index: int, token: Token) -> tuple[str, str]:
        """(speaker, label) a pronoun refers back to: the nearest earlier subject (or
        "according to" object) of the article that fits it: a person of the same gender
        for "he"/"she", a body for "it", a body, coordinated people or a plural
        description for "they". ("", "") when the nearest fitting phrase is an unnamed one
        that cannot be resolved: the reader cannot tell either, so the quotation is left
        for checking by hand."""
        family = next(key for key, forms in _PRONOUN_FAMILIES.items() if token.lower_ in forms)
        for s_index, t_index, candidate in self.antecedents_before(article, sentence_index, token.i):
            if family in ("he", "she") and candidate.lower_ in _PRONOUN_FAMILIES[family]:
                # "... Axel Lehmann, who was emotional when he spoke": a "he" inside a
                # relative clause about a person is that person, and so is the next "he".
                described = next((a.head for a in candidate.ancestors
                                  if a.dep_ == "relcl" and a.head.ent_type_ == "PERSON"), None)
                entity = self._named(article, s_index, described) if described is not None else None
                if entity and entity[1] == "PERSON" and self.gender.get(entity[0], family) == family:
                    return entity
                # "Another passenger, identified as Vi Nguyen, recounted that she woke up. She
                # said": a "she" in a sentence whose subject names one person is that person,
                # and so is the next "she". (A subject the model makes the sentence's root,
                # a noun, counts as its subject.)
                root = candidate.sent.root
                subjects = [c for c in root.children if c.dep_ == "nsubj"] + ([root] if root.pos_ == "NOUN" else [])
                people = {self._named(article, s_index, t) for subject in subjects for t in subject.subtree
                          if t.ent_type_ == "PERSON" and t.ent_iob_ == "B" and t.i < candidate.i}
                people = {p for p in people if p and p[1] == "PERSON"}
                if len(people) == 1:
                    (only,) = people
                    if self.gender.get(only[0], family) == family:
                        return only
            if candidate.lower_ in PRONOUN_LABELS or candidate.tag_ in ("WP", "WDT", "EX"):
                continue  # another pronoun: its own antecedent is further back
            if candidate.lemma_.lower() == "report" and candidate.tag_ == "NNS":
                continue  # "Media reports say ...": reports of no one, never "it"
            if candidate.dep_ == "poss" and family not in ("he", "she"):
                continue  # the owner of a subject is a candidate for a person's pronoun only
            entity = self._named(article, s_index, candidate)
            name, label = entity if entity else ("", "")
            lemma = candidate.lemma_.lower()
            if family in ("he", "she"):
                # "The Adizero sold for $800": a name with an article is a thing the small
                # model read as a person, not someone "he" can be.
                start = candidate.i
                while start > 0 and candidate.doc[start].ent_iob_ == "I":
                    start -= 1
                named_thing = start > 0 and candidate.doc[start - 1].lower_ in ("the", "a", "an")
                if label == "PERSON" and not named_thing and self.gender.get(name, family) == family:
                    return name, label
                # "Microsoft vice chair and president Brad Smith thanked ...": a person's role
                # named with their employer is the person, not the employer.
                if label != "PERSON" and candidate.tag_ == "NN" and lemma in self.person_nouns:
                    described = self.description(article, s_index, candidate)
                    if described[1] == "PERSON" and self.gender.get(described[0], family) == family:
                        return described
                    return "", ""  # an unnamed person is nearer than any named one
            elif family == "it":
                # "... the biggest test of the CMA's power since Britain left the EU. It
                # said ...": one named in a clause of time or cause is background, not who
                # "it" is.
                if candidate.head.dep_ == "advcl" and any(c.dep_ == "mark" for c in candidate.head.children) \
                        and s_index != sentence_index:
                    continue
                if not label and lemma in self.statements:
                    # "the government's statement added ... It added that": the statement
                    # goes on, and speaks for its owner, if the owner is known.
                    return self.phrase(article, s_index, candidate)
                if label in _ORGANISATION_LABELS:
                    return name, label
                if not label and lemma in self.body_nouns:
                    return self.description(article, s_index, candidate)
            else:
                if label in _ORGANISATION_LABELS:
                    return name, label
                if label == "PERSON" and any(c.dep_ == "conj" for c in candidate.children):
                    return name, label  # "Nick Clegg and Jennifer Newstead": the first named
                if not label and candidate.tag_ == "NNS" and lemma in self.person_nouns:
                    return self.description(article, s_index, candidate)
        return "", ""

    def phrase(self, article: str, sentence_index: int, token: Token) -> tuple[str, str]:
        """(speaker, label) for the phrase headed by ``token``; label "" when the speaker is a
        description rather than a named entity, speaker "" when there is none to give."""
        if token.lower_ in PRONOUN_LABELS:
            return self.pronoun(article, sentence_index, token)
        # "His statement added", "the company's spokesman said": a statement or a
        # spokesperson of someone speaks for them.
        possessor = next((c for c in token.children if c.dep_ == "poss"), None)
        if possessor is not None and token.lemma_.lower() in self.voices_of:
            return self.phrase(article, sentence_index, possessor)
        # "a statement from the Beijing Ministry of Commerce said", "a spokesperson for
        # Tesla said": the one it comes from, or speaks for, is named after it.
        if possessor is None and token.lemma_.lower() in self.voices_of:
            owner = next((grandchild for child in token.children
                          if child.dep_ == "prep" and child.lower_ in ("from", "by", "for", "of")
                          for grandchild in child.children if grandchild.dep_ == "pobj"), None)
            if owner is not None:
                named = self.phrase(article, sentence_index, owner)
                if named[0]:
                    return named
            # "the statement said": the statement the article told of before, whose issuer
            # it named ("X said in a statement", "a statement from X").
            # Not "the campaign statement", whose words name someone else's.
            if token.lemma_.lower() in self.statements and any(
                    child.dep_ == "det" and child.lower_ in ("the", "this", "that") for child in token.children
            ) and not any(child.dep_ == "compound" for child in token.children):
                return self._statement_issuer(article, sentence_index, token)
        entity = self.entity_of(article, sentence_index, token)
        if entity:
            return entity if self._unambiguous(article, token, entity) else ("", "")
        lemma = token.lemma_.lower()
        # "Apple's CEO, Tim Cook, said": the role's holder is named beside it.
        if lemma in self.person_nouns or token.lower_ in self.titles:
            holder = next((self.entity_of(article, sentence_index, child) for child in token.children
                           if child.dep_ == "appos" and child.ent_type_ == "PERSON"), None)
            if holder and holder[1] == "PERSON":
                return holder
            # "her son, US-based Sajeeb Wazed Joy, said": a name set beside a person's role
            # is that person's, whatever kind of name the small model took it for.
            named = next((self.entity_of(article, sentence_index, child) for child in token.children
                          if child.dep_ == "appos" and child.pos_ == "PROPN" and child.ent_type_
                          and child.ent_type_ not in _PLACE_LABELS), None)
            if named:
                return named[0], "PERSON"
        # "state TV declared": a state's broadcaster speaks for the state, and is the
        # source as the article describes it (an outlet that only relays, "told NBC", is
        # no subject of a reporting verb).
        # One a country owns ("Australia's state broadcaster") is a body the article may
        # name elsewhere, so it is resolved as any description is.
        if lemma in self.state_media_nouns and possessor is None and any(
                child.dep_ in ("amod", "compound") and child.lower_ in self.state_words for child in token.children):
            return described_body(_noun_phrase(token)), ""
        describes = lemma in self.person_nouns or lemma in self.body_nouns
        if token.pos_ == "NOUN" and describes:
            return self.description(article, sentence_index, token)
        # A role or body word the model tags as a proper noun ("Saudi Aramco CEO and
        # President Amin H. Nasser said", "the UK Government said") is a description too,
        # unless it is someone's ("Boeing's CEO has said"): the article may never say who
        # holds that post, and the name a reader would give comes from outside the text.
        if token.pos_ == "PROPN" and describes and possessor is None:
            return self.description(article, sentence_index, token)
        entity = self._named(article, sentence_index, token)
        return entity if entity else self._introduced_surname(article, token)

    def _statement_issuer(self, article: str, sentence_index: int, token: Token) -> tuple[str, str]:
        """Who issued the latest statement the article told of before ``token``: the
        speaker of "X said in a statement" or "X issued a statement", or the owner of "a
        statement from X" and "X's statement"; ("", "") when none was named."""
        sentences = self.corpus.sentences
        indices = sorted(sentences.loc[(sentences["article"] == article)
                                       & (sentences["sentence_index"] <= sentence_index), "sentence_index"])
        for index in reversed(indices):
            mentions = [t for t in self.corpus.spans[(article, index)]
                        if t.lemma_.lower() in self.statements and (index, t.i) < (sentence_index, token.i)
                        and not self.inside_quotation(t)]
            for mention in reversed(mentions):
                owner = next((c for c in mention.children if c.dep_ == "poss"), None) or next(
                    (grandchild for child in mention.children
                     if child.dep_ == "prep" and child.lower_ in ("from", "by")
                     for grandchild in child.children if grandchild.dep_ == "pobj"), None)
                if owner is None:
                    verb = mention.head.head if mention.dep_ == "pobj" and mention.head.lower_ == "in" \
                        else mention.head if mention.dep_ == "dobj" else None
                    owner = _subject_of(verb) if verb is not None and verb.pos_ == "VERB" else None
                if owner is None or owner.lemma_.lower() in self.statements or owner.lower_ in PRONOUN_LABELS:
                    continue
                return self.phrase(article, index, owner)
        return "", ""

    def _introduced_surname(self, article: str, token: Token) -> tuple[str, str]:
        """A lone proper noun the recogniser did not read as a person ("Metcalfe told ..."
        after a closing quotation mark, tagged a work of art) is the one person of the
        article whose full name ends with it; ("", "") when no one, or more than one, does."""
        # Not a part of a longer name, nor one of two people ("Metcalfe and Boggs described");
        # a title before it is no part of a name ("Mr Berset said").
        if token.pos_ != "PROPN" or any(
                child.dep_ == "conj" or (child.dep_ == "compound" and child.lower_.rstrip(".") not in self.titles)
                for child in token.children):
            return "", ""
        people = {str(m.canonical) for m in self.by_article.get(article, ())
                  if m.label == "PERSON" and len(str(m.canonical).split()) > 1
                  and str(m.canonical).split()[-1] == token.text}
        return (people.pop(), "PERSON") if len(people) == 1 else ("", "")

    def _unambiguous(self, article: str, token: Token, entity: tuple[str, str]) -> bool:
        """Whether a named speaker is one reader's answer: not a dateline place ("Washington,
        (Agency) : President ... said", parsed as the subject), and not one word shared by
        two people of the article ("Lee" beside "Lee Kwan-sup" and "Lee Do-woon")."""
        name, label = entity
        if label in ("GPE", "LOC") and _dateline_place(token):
            return False
        if label == "PERSON" and len(name.split()) == 1:
            sharing = {str(m.canonical) for m in self.by_article.get(article, ())
                       if m.label == "PERSON" and len(str(m.canonical).split()) > 1
                       and name in str(m.canonical).split()}
            return len(sharing) < 2
        return True

    def _last_public_body(self, article: str, sentence_index: int, token: Token) -> tuple[str, str]:
        """"The regulator said", "the watchdog said": the public body the article last named
        (a name holding a public body's word, "... Authority", "... Commission"), if the
        article named one and only one such body before."""
        keys, rows = self.organisations.get(article, ([], []))
        before = bisect.bisect_left(keys, (sentence_index, token.i))
        bodies = {str(row.canonical) for row in rows[:before]
                  if self.public_body_words & set(str(row.canonical).lower().split())}
        return (next(iter(bodies)), "ORG") if len(bodies) == 1 else ("", "")

    def _last_organisation(self, article: str, sentence_index: int, token: Token) -> tuple[str, str]:
        """"The company said", "the group said": the organisation the article last named,
        when it is also the one the article last made a subject (the article is then
        telling its story); when the two differ ("the board fined Meta ... the company
        said"), which one is meant is a guess, and there is no speaker."""
        keys, rows = self.organisations.get(article, ([], []))
        before = bisect.bisect_left(keys, (sentence_index, token.i))
        # A public body ("the Coast Guard", "the ministry") is no company, firm or party: a
        # text that names only such a body before "the company said" names the company
        # another way (or the model missed it), so it is not the one meant.
        while before and self.public_body_words & set(str(rows[before - 1].canonical).lower().split()):
            before -= 1
        if not before:
            return "", ""
        named = rows[before - 1].canonical
        for s_index, _, candidate in self.antecedents_before(article, sentence_index, token.i):
            entity = self._named(article, s_index, candidate)
            if entity and entity[1] == "ORG" and entity[0].lower() not in self.agencies:
                return (str(named), "ORG") if entity[0] == named else ("", "")
        # No organisation was a subject before: only when the article has named one
        # organisation so far is "the company" that one.
        if len({str(row.canonical) for row in rows[:before]}) == 1:
            return str(named), "ORG"
        return "", ""

    def description(self, article: str, sentence_index: int, token: Token) -> tuple[str, str]:
        """A description of a person or body ("the diplomat", "a senior official", "the
        commission"), resolved as the guidelines do.

        A definite description ("the judge", "the press secretary") is the person the
        article last introduced in that role, or in a role of that kind ("the diplomat" for
        an ambassador); a definite body noun ("the commission") is the last organisation
        named with that word. Unresolved, it gives no speaker. An indefinite or possessive
        description of an unnamed source ("a senior official", "a Commission spokesman",
        "Maxwell's lawyers") is the speaker as the article words it; one owned by a pronoun
        ("her attorneys") gives no speaker, since the owner is itself a guess."""
        phrase = _noun_phrase(token)
        described = _described(phrase)
        lemma = token.lemma_.lower()
        determiners = [t.lower_ for t in phrase if t.dep_ == "det" and t.head.i == token.i]
        possessors = [t for t in phrase if t.dep_ == "poss" and t.head.i == token.i]
        if (article, described) in self.title_map:
            return self.title_map[(article, described)], "PERSON"
        if possessors:
            if any(p.lower_ in PRONOUN_LABELS for p in possessors):
                return "", ""
            # "Russia's state-owned TASS news agency": the body the phrase names is the one.
            named = next((self.entity_of(article, sentence_index, t) for t in phrase
                          if t.i < token.i and t.dep_ == "compound" and t.ent_type_ == "ORG"), None)
            if named and named[1] == "ORG":
                return named
            return _phrase_text(phrase), ""
        definite = bool(determiners) and determiners[0] in ("the", "this", "that")
        if definite and lemma in self.body_nouns:
            # "The board of ChatGPT-maker OpenAI said": the organisation it is the body of.
            owner = next((self.entity_of(article, sentence_index, grandchild)
                          for child in token.children if child.dep_ == "prep" and child.lower_ == "of"
                          for grandchild in child.children if grandchild.dep_ == "pobj"), None)
            if owner and owner[1] == "ORG" and owner[0].lower() not in self.agencies:
                return owner
            # The last organisation named with that word anywhere in its name ("the
            # ministry" after "the Ministry of Transport of Kazakhstan", "the central bank"
            # after "the Bank of Japan").
            keys, rows = self.bodies_by_word.get((article, lemma), ([], []))
            before = bisect.bisect_left(keys, (sentence_index, token.i))
            # A body the description places ("the Swiss central bank") is one of that place,
            # not the last bank named ("Silicon Valley Bank"): its name must share the
            # place's stem ("Swiss National Bank").
            places = [t.lower_[:4] for t in phrase if t.i < token.i and t.ent_type_ in ("NORP", "GPE")]
            for row in reversed(rows[:before]):
                stems = {word[:4] for word in str(row.canonical).lower().split()}
                if all(place in stems for place in places):
                    return str(row.canonical), row.label
            # None, but the phrase names whose body it is ("the Kazakh emergency situations
            # ministry", "the EU data protection office"): the body as the article words it.
            # Without a proper name ("the safety regulator") it stays unresolved.
            # A body of which a country has many ("the US company") is not named that way:
            # it stays unresolved too.
            own = [t for t in phrase if t.i <= token.i]
            if lemma not in self.common_body_nouns and any(
                    t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE", "ORG") for t in own if t.i < token.i):
                return described_body(own), ""
            if lemma in self.common_body_nouns and len(own) == 2:
                return self._last_organisation(article, sentence_index, token)
            # "The CMA said it had cleared the deal. '...,' the regulator said": a regulator
            # or watchdog is the one public body (an "... Authority") the article named before.
            if lemma in self.oversight_nouns and len(own) == 2:
                return self._last_public_body(article, sentence_index, token)
            return "", ""
        if lemma in self.body_nouns and not (token.tag_ == "NNS" and not determiners):
            return "", ""  # "a company said": which one is a guess; "unions" is a description
        # The description names its person itself: "Meta president of global affairs Nick
        # Clegg" (an apposition), "a woman identified as Kate".
        naming = [t for child in token.children
                  if child.dep_ == "appos" or (child.dep_ == "acl" and child.lemma_.lower() in _NAMING_VERBS)
                  for t in child.subtree if t.ent_type_ == "PERSON"]
        named_inside = [self.entity_of(article, sentence_index, t) for t in [*phrase, *naming]
                        if t.ent_type_ == "PERSON"]
        named_inside = [entity for entity in named_inside if entity and entity[1] == "PERSON"]
        if named_inside:
            return named_inside[0]
        if definite:
            kinds = {lemma, described} | self.role_kinds.get(lemma, set())
            introductions = [(name, self.nationalities.get((article, s, t), set()))
                             for s, t, role, name in self.introductions.get(article, ())
                             if (s, t) < (sentence_index, token.i)
                             and (role in kinds or role.split()[-1:] and role.split()[-1] in kinds)]
            # "The Indian leader said", after "Indian Prime Minister Narendra Modi" and
            # "Ukrainian President Volodymyr Zelensky": the people introduced with the
            # nationality the description names, else those introduced with none (never
            # one introduced with another).
            nationality = {t.lower_ for t in phrase if t.i < token.i and t.ent_type_ == "NORP"}
            introduced = [name for name, known in introductions if nationality <= known]
            guessed = bool(nationality) and not introduced
            if guessed:
                introduced = [name for name, known in introductions if not known]
            if introduced:
                # Of the people introduced in that role, the one the article last made a
                # subject ("The Russian leader also said" after "Putin dismissed ..."),
                # else the one introduced last.
                for s_index, _, candidate in self.antecedents_before(article, sentence_index, token.i):
                    entity = self._named(article, s_index, candidate)
                    if entity and entity[0] in introduced:
                        return entity
                # Introduced without the nationality named, the one introduced last is a
                # guess ("the Ukrainian leader" is not the last president named).
                return ("", "") if guessed else (introduced[-1], "PERSON")
            # "the Kremlin spokesman", named nowhere: the body speaks through them. Only
            # someone who speaks for a body does ("the Reuters witness" is no voice of
            # Reuters).
            if lemma not in self.representatives:
                return "", ""
            body = self._named(article, sentence_index, token)
            # "The Russia President", which the small model reads as one organisation's
            # name: a name that holds the role word itself is the role, not a body.
            if body and token.lower_ in body[0].lower().split():
                return "", ""
            return body if body and body[1] in _ORGANISATION_LABELS else ("", "")
        if determiners or token.tag_ == "NNS" or any(t.dep_ == "amod" for t in phrase):
            return _phrase_text(phrase), ""
        return "", ""


def _main_subject(token: Token) -> bool:
    """Whether ``token`` is the subject of its sentence's main verb, or of a verb
    coordinated with it ("Charles is planning ..., and Sunak said ...")."""
    verb = token.head
    return token.dep_ in ("nsubj", "nsubjpass") and (
        verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT"))


def described_body(phrase: list[Token]) -> str:
    """A body described by the article ("The Kazakh emergency situations ministry"), up to
    its head noun and without its leading article, as the guidelines give an institution."""
    words_ = [t for t in phrase if not (t.dep_ == "det" and t.i == phrase[0].i)]
    return _phrase_text(words_) if words_ else ""


def _phrase_text(phrase: list[Token]) -> str:
    return normalize(phrase[0].doc[phrase[0].i:phrase[-1].i + 1].text)


def _described(phrase: list[Token]) -> str:
    """A noun phrase's description words, lower-case, without determiners, possessives and
    punctuation ("the president's press secretary" -> "press secretary")."""
    dropped = {t.i for t in phrase if t.dep_ == "poss" for t in t.subtree}
    return " ".join(t.lower_ for t in phrase
                    if t.i not in dropped and t.dep_ not in ("det", "poss", "case", "punct"))


def _noun_phrase(head: Token) -> list[Token]:
    """The tokens of ``head``'s phrase without clauses, appositions or trailing commas
    attached to it ("a senior official" from "a senior official stated on Friday")."""
    dropped = {t.i for child in head.children if child.dep_ in ("acl", "appos", "punct")
               for t in child.subtree}
    # A relative clause anywhere in the phrase is not part of the name: "a source from the
    # presidential office who declined to be named" is "a source from the presidential office".
    dropped |= {t.i for token in head.subtree if token.dep_ == "relcl" for t in token.subtree}
    # Nor is an age or other unnamed apposition further in, with its commas: "a source close
    # to Hasina, 76," is "a source close to Hasina". (One that names someone, "a lawyer for
    # another victim, Virginia Giuffre", says who the phrase is.)
    dropped |= {t.i for token in head.subtree
                if token.dep_ == "appos" and head.i not in (token.i, token.head.i)
                and not any(t.pos_ == "PROPN" for t in token.subtree)
                for t in [*token.subtree, *(c for c in token.head.children if c.dep_ == "punct")]}
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
                           excluded: CharRanges | list[tuple[int, int]] = (), quotation: bool = False
                           ) -> list[tuple[Token, Attribution]]:
    """Every attribution in ``sentence``: (anchor token, attribution) for each reporting verb
    with a subject and each "according to X", skipping tokens inside ``excluded`` char ranges
    (start, end), or a :class:`CharRanges` of them built once by the caller.
    With ``quotation`` (the sentence holds a quotation), the verbs that attribute quoted words
    only ("called ... 'farcical'", "condemned ... as 'inconsistent'") count too.
    """
    if not isinstance(excluded, CharRanges):
        excluded = CharRanges(excluded)
    verbs = set(voices_words()["reporting_verbs"])
    if quotation:
        verbs |= set(voices_words()["quotation_verbs"])
    statements = set(voices_words()["statement_nouns"])
    # Texts that "read" what their author wrote ("the post read"): statements and posts.
    written = statements | set(voices_words()["written_nouns"])
    found = []
    for token in sentence:
        if token.idx in excluded:
            continue
        next_word = token.doc[token.i + 1].lower_ if token.i + 1 < len(token.doc) else ""
        according = token.lower_ == "according" and next_word == "to"
        if according or (token.lower_ == "per" and token.pos_ == "ADP"):
            # "according to X", and "..., per the AP": a source relayed ("per cent", "per
            # day" name no one, so "per" needs a name after it).
            objects = [child for child in (token.nbor(1) if according else token).children
                       if child.dep_ == "pobj"
                       and (according or child.pos_ == "PROPN" or child.ent_type_ in ("ORG", "PERSON"))]
            if objects:
                speaker, label = resolver.phrase(article, sentence_index, objects[0])
                found.append((token, Attribution(speaker, label, "according to" if according else "per",
                                                 objects[0])))
            continue
        says = token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in verbs
        # "the blog post read", "a statement from the palace read": a text reads out what
        # its author wrote (a person who reads does not).
        reads = token.pos_ == "VERB" and token.lemma_.lower() == "read" and any(
            child.dep_ == "nsubj" and child.lemma_.lower() in written for child in token.children)
        says = says or reads
        issues_statement = token.pos_ == "VERB" and any(
            child.dep_ == "dobj" and child.lemma_.lower() in statements for child in token.children)
        if not (says or issues_statement):
            continue
        if any(child.dep_ == "dobj" and child.tag_ == "WP" for child in token.children):
            continue  # "What they're saying:": a heading for what follows, not a speaker
        if token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp") and not any(
                child.dep_ in ("ccomp", "xcomp") for child in token.children) and any(
                child.dep_ == "dobj" and child.pos_ in ("NOUN", "PROPN") and child.idx not in excluded
                for child in token.children):
            continue  # "..., emphasizing the era's focus on peace": the reporter's gloss, not speech
        if token.lemma_.lower() == "report" and any(
                child.dep_ == "dobj" and child.pos_ == "NOUN" and child.lemma_.lower() not in statements
                and child.idx not in excluded for child in token.children):
            continue  # "companies still reported problems": an event reported, not words
        if token.lemma_.lower() in _NAMING_VERBS and any(c.dep_ == "oprd" for c in token.children) \
                and not any(c.dep_ == "dobj" for c in token.children):
            continue  # "the award, often called 'the Nobel Prize of computing'": a name, not speech
        subject = _subject_of(token) or _entity_just_before(token) or _person_before_aside(token, excluded)
        if subject is None or subject.idx in excluded:
            continue  # a subject inside quotation marks ('"Oppenheimer," the biopic, claimed') is no speaker
        if subject.lemma_.lower() == "report" and subject.tag_ == "NNS":
            continue  # "Media reports say": reports of no one named (an unattributed claim)
        # "Deibe's 17-year-old son, Anton, added", parsed with "Deibe" as the subject: the
        # owner is not who speaks, and who does is a guess (left for a check).
        speaker, label = ("", "") if _owner_only(subject) else resolver.phrase(article, sentence_index, subject)
        verb = token.lemma_.lower() if says else f"{token.lemma_.lower()} statement"
        found.append((token, Attribution(speaker, label, verb, subject)))
    return found


def _owner_only(subject: Token) -> bool:
    """Whether the parse made a subject of a name that a possessive ending follows: the
    name owns the phrase that speaks rather than speaking itself."""
    following = subject.doc[subject.i + 1] if subject.i + 1 < len(subject.doc) else None
    # A possessive ending is a particle; "He's said" has a verb there.
    return following is not None and following.text in ("'s", "’s") and following.pos_ == "PART"


#: What ends a dateline's place: "WASHINGTON, (Agency) :", "SAN FRANCISCO — The board said".
_DATELINE_ENDS = {",", "—", "–", "-", ":"}


def _dateline_place(token: Token) -> bool:
    """Whether ``token`` heads a place name that opens its paragraph and is set off by a
    comma, dash or colon: a dateline, which the small model may parse as the subject of
    the sentence's verb, never a speaker."""
    # "NEWFOUNDLAND, CANADA: OceanGate has released ...": words in capitals up to a colon or
    # a dash are a dateline, whatever entity the model reads in them.
    doc = token.doc
    stop = next((k for k in range(min(len(doc), 8)) if doc[k].text in _DATELINE_ENDS - {","}), None)
    if stop and token.i < stop and all(doc[k].text == "," or (doc[k].is_alpha and doc[k].is_upper)
                                       for k in range(stop)):
        return True
    if token.ent_type_ not in ("GPE", "LOC"):
        return False
    start = end = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    return start == 0 and end + 1 < len(doc) and doc[end + 1].text in _DATELINE_ENDS


def _bracketed(token: Token) -> bool:
    """Whether ``token`` stands alone in round brackets ("(AP)")."""
    doc = token.doc
    return 0 < token.i < len(doc) - 1 and doc[token.i - 1].text == "(" and doc[token.i + 1].text == ")"


def _entity_just_before(verb: Token) -> Token | None:
    """The head of a person or organisation name that ends right before ``verb``, for a
    reporting verb the small model leaves without a subject ('..." WHO chief Tedros
    Adhanom Ghebreyesus told a press conference', parsed as a clause of "chief")."""
    previous = verb.doc[verb.i - 1] if verb.i > 0 else None
    if previous is None or previous.ent_type_ not in ("PERSON", "ORG") or previous.ent_iob_ == "O":
        return None
    return previous


def _person_before_aside(verb: Token, excluded: CharRanges) -> Token | None:
    """For a reporting verb the small model leaves without a subject, the person named
    before it with only an aside between ("Col Maj Amadou Abdramane, alongside nine other
    soldiers, said:", parsed as an apposition of the day before): the nearest person's name
    back to the sentence's start, set off by a comma, if no other verb and no quotation mark
    stands between. Only for a verb with a tense of its own ("..., saying:" reports for the
    clause it hangs from)."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    for index in range(verb.i - 1, verb.sent.start - 1, -1):
        token = verb.doc[index]
        if token.idx in excluded or token.text in QUOTE_MARK_CHARACTERS or token.pos_ in ("VERB", "AUX"):
            return None
        if token.ent_type_ == "PERSON":
            after = verb.doc[index + 1]
            return token if after.text == "," and after.i < verb.i - 1 else None
    return None


def _quoting_verb(verb: Token) -> Token | None:
    """The verb "quote" that a participle "saying" hangs from, directly or through "as"
    ("quoted X as saying", "was quoted saying"), else None."""
    if verb.tag_ != "VBG":
        return None
    head = verb.head
    if head.dep_ == "prep" and head.lower_ == "as":
        head = head.head
    return head if head.pos_ == "VERB" and head.lemma_.lower() in ("quote", "cite") else None


def _quotation_mark_between(first: Token, second: Token) -> bool:
    low, high = sorted((first.i, second.i))
    return any(t.text in QUOTE_MARK_CHARACTERS and t.text not in ("'", "’") for t in first.doc[low + 1:high])


def _inside_quotation(token: Token) -> bool:
    """Whether an odd number of quotation marks (apostrophes aside) open the sentence before
    ``token``: it is a word of a quotation."""
    marks = sum(t.text in QUOTE_MARK_CHARACTERS and t.text not in ("'", "’")
                for t in token.doc[token.sent.start:token.i])
    return marks % 2 == 1


def _subject_of(verb: Token) -> Token | None:
    """The active subject of ``verb`` or of the verb it is coordinated with; for a verb
    the small model attaches to the noun just before it ("a senior official stated",
    parsed as a reduced relative clause), that noun. Passive subjects are not speakers."""
    # "Interfax quoted the deputy prime minister as saying", "Metcalfe was quoted saying":
    # the one quoted speaks, not the one quoting.
    quoting = _quoting_verb(verb)
    if quoting is not None:
        return next((c for c in quoting.children if c.dep_ in ("dobj", "nsubjpass")), None)
    # A participle without a subject ("..., saying the board had ordered ...") reports for
    # the subject of the clause it hangs from.
    # Not when that clause is itself subordinate ("..., despite companies still reporting
    # problems, claiming that ..."): whose claim it is becomes a guess.
    participle = verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG"
    if participle and verb.head.dep_ in ("advcl", "pcomp", "ccomp", "relcl", "acl"):
        return None
    # "..., as reported by Nippon TV": the agent of a reported statement reports it.
    agent = next((grandchild for child in verb.children if child.dep_ == "agent"
                  for grandchild in child.children if grandchild.dep_ == "pobj"), None)
    if agent is not None and verb.tag_ == "VBN":
        return agent
    for candidate in (verb, verb.head if verb.dep_ == "conj" or participle else None):
        if candidate is None:
            continue
        # '"Rest assured — we aren't going anywhere," CEO Shou Zi Chew said': the small model
        # may give the verb a second subject inside the quotation; the one outside it,
        # with no quotation mark between it and the verb, comes first. So does a subject
        # before a relative pronoun the model also hangs on the verb ("his wife Susan, who
        # he said found him": "he" said it, "who" is the one found).
        subjects = [c for c in candidate.children if c.dep_ == "nsubj"]
        relative_second = len(subjects) > 1 and any(c.tag_ not in ("WP", "WDT") for c in subjects)
        for child in sorted(candidate.children, key=lambda c: c.dep_ == "nsubj" and (
                _quotation_mark_between(c, candidate) or (relative_second and c.tag_ in ("WP", "WDT")))):
            # '"Argentines have chosen a different path," remarked Massa': the model may make
            # the reporting verb a conjunct of the quotation's verb; the quotation's own
            # subject, across a quotation mark from the reporting verb, is not its speaker.
            if candidate is not verb and child.dep_ == "nsubj" and _inside_quotation(candidate):
                continue
            if child.dep_ == "nsubj" and _bracketed(child):
                # "(AP) — Swiss President Alain Berset said": the agency's credit in
                # brackets is no speaker; the name the parse hangs on it is.
                return next((c for c in child.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
            if child.dep_ == "nsubj" and not _dateline_place(child):
                # "a woman identified as Kate who told jurors": the relative pronoun stands
                # for the noun its clause describes.
                if child.tag_ in ("WP", "WDT") and candidate.dep_ == "relcl":
                    return candidate.head
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
        # '"...," said Truss, who was supported only by her husband ...': the model may hang
        # the name on a later verb; a person's name right after the verb is the speaker.
        following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
        if following is not None and following.ent_type_ == "PERSON" and following.pos_ == "PROPN":
            end = following
            while end.i + 1 < len(verb.doc) and verb.doc[end.i + 1].ent_iob_ == "I":
                end = verb.doc[end.i + 1]
            return end
    return None


_REPORTING_WORD_AT_END = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|stated|states|declared|wrote|writes|tweeted)$", re.IGNORECASE)


def _kind(paragraph: str, sentence: Span, span: QuoteSpan) -> str:
    """"full" when the quotation stands on its own (starts its sentence, or follows a colon,
    or a comma with a capital letter), "partial" when it is part of the reporter's sentence."""
    before = paragraph[sentence.start_char:span.opening_mark].rstrip()
    quoted = paragraph[span.start:span.end].lstrip()
    if not before or before.endswith(":"):
        return "full"
    if before.endswith(",") and quoted[:1].isupper():
        return "full"
    # 'Eckhardtova said "Fico was brought into our hospital."': a whole sentence after its
    # reporting verb, without the comma or colon some styles put there.
    if quoted[:1].isupper() and _REPORTING_WORD_AT_END.search(before):
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
def resolver_for(corpus: Corpus) -> _Resolver:
    """The corpus's resolver, built once (its entity mentions and introductions) and
    shared by the quotations, their fidelity and the sources; its look-ups only memoise."""
    return _Resolver(corpus)


@functools.lru_cache(maxsize=4)
def _quoted_spans(corpus: Corpus) -> pd.DataFrame:
    """Every quoted span with its speaker, kind (full, partial, not_speech) and reason.

    Each step looks up what it needs (the sentences a quotation covers, the latest
    attribution before it, the token where it starts) by bisection, and each sentence's
    attributions are read once, so that the cost grows with the paragraph's length rather
    than with its length times its quotations (issue 23: 1,000 nested quotation marks in
    one sentence took 255 s)."""
    resolver = resolver_for(corpus)
    records = []
    previous_article, closing_speaker = "", None
    paragraphs = _paragraphs(corpus)
    last_paragraph = {article: sentences[0][1].doc for article, sentences in paragraphs}
    introduction: list[tuple[Token, Attribution]] = []
    for article, sentences in paragraphs:
        if article != previous_article:
            previous_article, closing_speaker, introduction = article, None, []
        doc = sentences[0][1].doc
        text = doc.text
        tokens = _TokenOffsets(doc)
        spans = find_quote_spans(text)
        excluded = quotation_ranges(spans)
        # Sentences of one parse are in text order and do not overlap, so both their starts
        # and their ends increase.
        sentence_starts = [sentence.start_char for _, sentence in sentences]
        sentence_ends = [sentence.end_char for _, sentence in sentences]

        def covered_positions(span: QuoteSpan) -> range:
            """Positions in ``sentences`` of the sentences the quotation overlaps."""
            return range(bisect.bisect_right(sentence_ends, span.opening_mark),
                          bisect.bisect_right(sentence_starts, span.end))

        attributions_of: dict[tuple[int, bool], list[tuple[Token, Attribution]]] = {}

        def attributions(position: int, quotation: bool) -> list[tuple[Token, Attribution]]:
            """The attributions of the sentence at ``position``, read once per paragraph."""
            if (position, quotation) not in attributions_of:
                index, sentence = sentences[position]
                attributions_of[(position, quotation)] = reporting_attributions(
                    sentence, resolver, article, index, excluded, quotation=quotation)
            return attributions_of[(position, quotation)]

        # A speaker carries into the next paragraph only in the news convention of a
        # continued quotation: the paragraph is nothing but quotation, and the paragraph
        # before closed with a quotation attributed in its last sentence ('"...," Ortberg
        # said.' then '"We will only move forward ..."'). On the twenty development events
        # of the fifth split that carry was right for 16 of 19 quotations, two of the three
        # wrong ones repeating a speaker already wrong in the paragraph before. The looser
        # carry it replaces (any paragraph opening with a quotation took the last speaker
        # of the paragraph before, statements without quotation included) was wrong 13
        # times in 33: a paragraph opening with a quotation as often brings a new voice.
        quoting = {position for span in spans for position in covered_positions(span)}
        # Attributions of the paragraph's sentences without quotations ("..., Tedros said."),
        # which a following quotation with no attribution of its own continues. In text
        # order, so the latest before a quotation is found by bisection.
        # Not a source relayed ("..., according to the electoral authority."): it vouches
        # for a fact, and a later quotation is no more of its words.
        reported = [(token.idx, attribution) for position in range(len(sentences))
                    if position not in quoting
                    for token, attribution in attributions(position, quotation=False)
                    if attribution.verb not in RELAYING_WORDS]
        reported_offsets = [offset for offset, _ in reported]
        in_paragraph: tuple[int, Attribution] | None = None
        end_of_previous = 0  # offset after the closing mark of the latest quotation
        carried = closing_speaker if _wholly_quoted(text, spans) else None
        closing_speaker = None
        last_start = sentences[-1][1].start_char
        for span in spans:
            covered = covered_positions(span)
            first_index, first_sentence = sentences[covered[0]]
            candidates = [(token, attribution) for position in covered
                          for token, attribution in attributions(position, quotation=True)
                          if not _background_clause(token, span)]
            # A colon-ended sentence just before the quotation introduces it ("He said:").
            position = covered[0]
            if not candidates and position > 0 and sentences[position - 1][1].text.rstrip().endswith(":"):
                candidates = attributions(position - 1, quotation=True)
            # So does one closing the paragraph before, when the quotation opens this one
            # ('Prigozhin said:' then a paragraph of his words).
            if not candidates and position == 0 and not text[:span.opening_mark].strip():
                candidates = introduction
            kind = _kind(text, first_sentence, span)
            # The cue of a name is read after the quotation before it in the sentence: the
            # text from the sentence's start, normalized again for each of its quotations,
            # made a sentence of many quotations quadratic.
            before_start = max(first_sentence.start_char, min(end_of_previous, span.opening_mark))
            reason = _term_reason(text, before_start, span, kind, bool(candidates), tokens)
            end_of_previous = max(end_of_previous, span.end + 1)
            latest_reported = bisect.bisect_left(reported_offsets, span.opening_mark)
            earlier = [item for item in [reported[latest_reported - 1] if latest_reported else None,
                                         in_paragraph] if item and item[0] < span.opening_mark]
            continuing = max(earlier, key=lambda item: item[0])[1] if earlier else carried
            # A sentence that tells of someone else in its own words ("An alert from
            # Crowdstrike indicated that its ... 'Blue Screen of Death'") does not continue
            # the speaker of a statement before it.
            if continuing is not None and any(_own_subject(sentences[position][1], excluded)
                                              for position in covered):
                continuing = None
            # A quotation the stored text cuts off before its attribution (the article's
            # last words, ending on a comma) has only the speaker named before it in its
            # own sentence: the one who said it may have come after.
            if last_paragraph[article] is doc and _cut_off(text, span):
                continuing = None
                candidates = [item for item in candidates if item[0].idx < span.opening_mark]
            if reason:
                attribution = None
            else:
                attribution = _asker(tokens, span, resolver, article, first_index)
                if attribution is None:  # a question's asker does not carry to the answer
                    attribution = _nearest(candidates, span, continuing)
                    if attribution is not None:
                        in_paragraph = (span.opening_mark, attribution)
            # The speaker of a quotation that closes the paragraph, in its last sentence,
            # with no reported statement after it, continues into a next paragraph made
            # only of quotation.
            later_reported = reported_offsets and reported_offsets[-1] > span.end
            closing_speaker = (attribution if attribution and attribution.speaker
                               and span.end >= last_start and not later_reported
                               and kind != "not_speech" and not reason else None)
            records.append({
                "article": article, "sentence_index": first_index,
                "quote": normalize(text[span.start:span.end]),
                "speaker": attribution.speaker if attribution else "",
                "verb": attribution.verb if attribution else "",
                "kind": "not_speech" if reason else kind,
                "reason": reason,
                "offset": span.opening_mark,
            })
        last_index, last_sentence = sentences[-1]
        introduction = (reporting_attributions(last_sentence, resolver, article, last_index, excluded,
                                               quotation=True)
                        if last_sentence.text.rstrip().endswith(":") else [])
    table = pd.DataFrame(records, columns=[*QUOTE_COLUMNS, "reason", "offset"])
    return (table.sort_values(["article", "sentence_index", "offset"])
            .drop(columns="offset").reset_index(drop=True))


def _cut_off(text: str, span: QuoteSpan) -> bool:
    """Whether a closed quotation ends on a comma with nothing after its closing mark: the
    attribution the comma announces ('"...," he said') is missing. (A quotation cut off
    mid-sentence without its closing mark is not: the annotators credit it to the speaker
    the paragraph has been quoting, 9 times in 12 on the development events.)"""
    return span.closed and not text[span.end + 1:].strip() \
        and text[span.start:span.end].rstrip().endswith(",")


#: Words that open a clause telling when or why, not what was said ("before he announced").
_SUBORDINATORS = frozenset({"before", "after", "when", "as", "since", "while", "until", "because",
                            "although", "though", "once", "if"})


def _background_clause(verb: Token, span: QuoteSpan) -> bool:
    """Whether a reporting verb heads a subordinate clause that tells of a statement in
    passing ("Just before Biden announced that he was stepping aside, Manchin ... urged him
    '...'") and the quotation lies outside that clause: it is no attribution of it."""
    if verb.dep_ != "advcl" or not any(child.lower_ in _SUBORDINATORS for child in verb.children
                                       if child.dep_ in ("mark", "advmod", "prep")):
        return False
    start = verb.left_edge.idx
    end = verb.right_edge.idx + len(verb.right_edge.text)
    return not start <= span.opening_mark < end


def _wholly_quoted(text: str, spans: list[QuoteSpan]) -> bool:
    """Whether the paragraph is nothing but quotation: no letter or digit outside its
    quotation marks (a bullet or a dash may stand before it)."""
    if not spans:
        return False
    outside, position = [], 0
    for span in sorted(spans, key=lambda item: item.opening_mark):
        if span.opening_mark > position:
            outside.append(text[position:span.opening_mark])
        position = max(position, span.end + 1)
    outside.append(text[position:])
    return not any(character.isalnum() for part in outside for character in part)


class _TokenOffsets:
    """A parse's tokens looked up by character offset (bisection), and for each token the
    next one that is not punctuation, so that a quotation's first word and the word after
    it are found without reading the parse from its start for every quotation."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.starts = [token.idx for token in doc]
        self._next_word: list[int] | None = None

    def first_inside(self, start: int, end: int) -> Token | None:
        """The first token starting in ``[start, end)``, or None."""
        index = bisect.bisect_left(self.starts, start)
        return self.doc[index] if index < len(self.starts) and self.starts[index] < end else None

    def first_word_after(self, offset: int) -> Token | None:
        """The first token starting after ``offset`` that is not punctuation, or None."""
        if self._next_word is None:
            # From the end: the next word at or after each token (len(doc) for none).
            self._next_word = [len(self.starts)] * (len(self.starts) + 1)
            for index in range(len(self.starts) - 1, -1, -1):
                self._next_word[index] = index if not self.doc[index].is_punct else self._next_word[index + 1]
        index = self._next_word[bisect.bisect_right(self.starts, offset)]
        return self.doc[index] if index < len(self.starts) else None


def _asker(tokens: _TokenOffsets, span: QuoteSpan, resolver: _Resolver, article: str,
           sentence_index: int) -> Attribution | None:
    """For a quotation inside the question of "asked" ('Asked if Russia was waging a "cyber
    war", Putin said'), the asker: the subject of "ask" or its "by" agent, else an empty
    speaker (the interviewer is not named there), since the words are the question's and
    not the answer's. None when the quotation is not inside a question."""
    first = tokens.first_inside(span.start, span.end)
    if first is None:
        return None
    for ancestor in first.ancestors:
        # The quotation's own "ask" ('"... so we're asking everyone to stay out," the mayor
        # said') is a word of the speaker, not a question put to them.
        if ancestor.lemma_.lower() == "ask" and ancestor.pos_ == "VERB" \
                and not span.start <= ancestor.idx < span.end:
            asker = next((c for c in ancestor.children if c.dep_ == "nsubj"), None)
            agent = next((c for c in ancestor.children if c.dep_ == "agent"), None)
            if asker is None and agent is not None:
                asker = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if asker is None or asker.idx >= span.opening_mark:
                return Attribution("", "", "ask", ancestor)
            speaker, label = resolver.phrase(article, sentence_index, asker)
            return Attribution(speaker, label, "ask", asker)
    return None


def _term_reason(paragraph: str, before_start: int, span: QuoteSpan, kind: str,
                 attributed: bool, tokens: _TokenOffsets) -> str:
    """Why a quoted span is a name or term rather than speech, or "" when it is speech.

    Only a span inside the reporter's sentence ("partial") can be a term: a quotation
    standing as its own sentence is speech. Rules, most specific first: a naming cue just
    before it ("so-called", "dubbed", "known as"; "called" before a capitalised span), read
    in the words from ``before_start`` (the sentence's start, or the end of the quotation
    before in the sentence) to the opening mark; a short capitalised span that modifies the
    noun after it ("Mango" shells); a span of at most :data:`TERM_MAX_WORDS` words in a
    sentence that attributes nothing to anyone.
    """
    if kind != "partial":
        return ""
    quoted = paragraph[span.start:span.end].strip()
    before = normalize(paragraph[before_start:span.opening_mark]).lower().rstrip()
    if any(before.endswith(cue) for cue in voices_words()["naming_cues"]):
        return "named"
    capitalised = quoted[:1].isupper()
    if before.endswith("called") and capitalised:
        return "named"
    quoted_words = words(quoted)
    ends_in_punctuation = quoted[-1:] in ",.;:!?"
    if (capitalised and not ends_in_punctuation and len(quoted_words) <= NAME_MAX_WORDS
            and _next_token_is_noun(tokens, span)):
        return "name before a noun"
    if not attributed and len(quoted_words) <= TERM_MAX_WORDS:
        return "no speaker"
    if _title_cased(quoted) and not ends_in_punctuation:
        return "a title-cased name"
    return ""


#: Words a title or nickname leaves in lower case ("Wolf of Wall Street", "King of Crypto").
_TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "in", "on", "for", "to", "at", "by", "or"})
#: The most words of a title-cased span read as a name (a film, a book, a nickname).
TITLE_MAX_WORDS = 6


def _title_cased(quoted: str) -> bool:
    """Whether a quoted span of two to :data:`TITLE_MAX_WORDS` words capitalises every word
    but the small ones, as a name, title or nickname does and speech does not."""
    tokens = [token.strip("'’\"“”,.;:!?()") for token in quoted.split()]
    tokens = [token for token in tokens if token]
    # Two capitalised words alone may be a cry ("Allahu Akbar"); a small word inside, or a
    # third word, makes the title ("King of Crypto", "Blue Screen of Death").
    return 2 <= len(tokens) <= TITLE_MAX_WORDS and tokens[0][:1].isupper() and all(
        token[:1].isupper() or token in _TITLE_SMALL_WORDS for token in tokens) and (
        len(tokens) > 2 or any(token in _TITLE_SMALL_WORDS for token in tokens))


def _next_token_is_noun(tokens: _TokenOffsets, span: QuoteSpan) -> bool:
    """Whether the word right after the closing mark is a common noun."""
    following = tokens.first_word_after(span.end)
    return following is not None and following.pos_ == "NOUN"


def _own_subject(sentence: Span, excluded: CharRanges) -> bool:
    """Whether ``sentence`` has a subject of its own outside quotation marks that is a noun
    or a name, not a pronoun (a pronoun may refer back to the speaker)."""
    return any(token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("NOUN", "PROPN")
               and token.idx not in excluded for token in sentence)


def _unnamed_plural(head: Token) -> bool:
    """Whether a speaker's phrase is a bare plural of unnamed people ("Officials")."""
    return head.tag_ == "NNS" and not head.ent_type_ and not any(
        child.dep_ in ("det", "poss", "compound", "amod") for child in head.children)


def _nearest(candidates: list[tuple[Token, Attribution]], span: QuoteSpan,
             previous: Attribution | None) -> Attribution | None:
    """The attribution nearest the quotation; a reporting verb beats "according to" (the
    agency relays, the subject speaks); with none, ``previous``: the latest attribution
    before it in the paragraph (a quotation broken by its attribution, or one that follows
    "..., Tedros said.")."""
    if not candidates:
        return previous

    def distance(item: tuple[Token, Attribution]) -> tuple[int, int]:
        token, attribution = item
        gap = span.opening_mark - token.idx if token.idx < span.opening_mark else token.idx - span.end
        return (attribution.verb in RELAYING_WORDS, gap)

    anchor, nearest = min(candidates, key=distance)
    # 'he added: "...," Zelenskyy said': a pronoun's antecedent is a guess that the name
    # attributing the same quotation settles.
    if nearest.head.lower_ in PRONOUN_LABELS:
        named = [item for item in candidates if item[1].head.lower_ not in PRONOUN_LABELS
                 and item[1].label and item[1].verb not in RELAYING_WORDS]
        if named:
            anchor, nearest = min(named, key=distance)
    if _unnamed_plural(nearest.head) and nearest.verb not in RELAYING_WORDS:
        # "Officials warned of '...', according to a statement from the governor's office":
        # unnamed people relay what the source the sentence names said.
        named = [attribution for _, attribution in candidates
                 if attribution.verb in RELAYING_WORDS and attribution.speaker
                 and any(t.pos_ == "PROPN" for t in attribution.head.subtree)]
        if named:
            return named[0]
    if not nearest.speaker:
        # "The agency says its investigation found ... 'foreseeable misuse'": a speaker
        # the nearest verb lacks is the one of the reporting verb whose clause holds it.
        reporting = {token.i: attribution for token, attribution in candidates if attribution.speaker}
        for ancestor in anchor.ancestors:
            if ancestor.i in reporting:
                return reporting[ancestor.i]
    return nearest


def count_direct_quotations(corpus: Corpus) -> pd.Series:
    """Number of direct quotations (full and partial) per article, 0 where there are none;
    indexed by article id, named "direct_quotations"."""
    counts = extract_quotes(corpus).groupby("article").size()
    return counts.reindex(corpus.ids, fill_value=0).rename("direct_quotations").rename_axis("article")


def _content_words(text: str) -> list[str]:
    return [word for word in words(text) if word not in STOP_WORDS]


#: Marks a quotation found word for word inside the other article's quoted words, across
#: split or joined quotation marks (not a difflib ratio, which is at most 1.0).
SPLIT_OR_JOINED = 2.0
#: Content words one rendering of a quotation may hold that the other lacks, at most (or
#: this share of its content words, if more): a copy desk changes a word or two ("vessel",
#: "vehicle"); one official's two statements in one frame ("consistent with a catastrophic
#: loss of the pressure chamber", "... a catastrophic implosion of the vessel") differ in more.
REWORDED_MAX_OWN_WORDS = 2
REWORDED_MAX_OWN_SHARE = 0.25


def _one_statement(first: list[str], second: list[str]) -> bool:
    """Whether two similar quotations are renderings of one statement rather than two
    statements of one speaker: neither holds more content words of its own than a copy
    desk changes."""
    a = [w for w in first if w not in STOP_WORDS]
    b = [w for w in second if w not in STOP_WORDS]
    own_a, own_b = set(a) - set(b), set(b) - set(a)
    return all(len(own) <= max(REWORDED_MAX_OWN_WORDS, REWORDED_MAX_OWN_SHARE * len(words_))
               for own, words_ in ((own_a, a), (own_b, b)))


def quote_fidelity(quotes: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """How quotations reappear in the other articles, one row per pair of appearances.

    For each quotation and each other article: the most similar quotation there (difflib
    ratio of word lists >= SAME_QUOTE_RATIO) is classed "exact" (same normalized text),
    "punctuation-only" (same words) or "reworded"; a quotation whose words (at least
    INDIRECT_MIN_WORDS) stand in the same order inside the other article's quotation marks,
    split by an attribution or joined into one, is "exact" too (the words were copied, only
    the marks moved; ``other_text`` is the quotation where they begin). Such a match is listed once per pair of
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
    resolver = resolver_for(corpus)
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
    # Each article's quoted words in reading order, as one string: a quotation whose words
    # stand inside quotation marks in another article, however the marks were split
    # ('"X," he said, "Y"') or joined, was copied word for word.
    quoted_text: dict[str, str] = {}
    first_quote: dict[str, list[tuple[int, int]]] = {}
    for k, row in enumerate(quote_rows):
        start = len(quoted_text.get(row.article, ""))
        quoted_text[row.article] = quoted_text.get(row.article, "") + " " + " ".join(quote_words[k])
        first_quote.setdefault(row.article, []).append((start, k))
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
            if ratio >= SAME_QUOTE_RATIO and (held is None or ratio > held[0]) \
                    and _one_statement(quote_words[k], quote_words[other_k]):
                best_by_article[other.article] = (ratio, other_k)
        needle = " " + " ".join(quote_words[k]) + " "
        for other_article in sorted({quote_rows[other_k].article for other_k in candidates}):
            if other_article == row.article or len(quote_words[k]) < INDIRECT_MIN_WORDS:
                continue
            held = best_by_article.get(other_article)
            if held is not None and quote_words[held[1]] == quote_words[k]:
                continue  # already the same words in one quotation
            position = (quoted_text[other_article] + " ").find(needle)
            if position >= 0:
                # The quotation of the other article where the words begin.
                begin = max(q for start, q in first_quote[other_article] if start <= position)
                best_by_article[other_article] = (SPLIT_OR_JOINED, begin)
        for other_article in corpus.ids:
            if other_article == row.article:
                continue
            if other_article in best_by_article:
                if other_article < row.article:
                    continue  # listed from the other side
                ratio, other_k = best_by_article[other_article]
                candidate = quote_rows[other_k]
                if ratio == SPLIT_OR_JOINED:
                    records.append(_fidelity_row(row, other_article, candidate.sentence_index,
                                                 candidate.quote, "exact", 1.0))
                    continue
                if normalize(candidate.quote) == normalize(row.quote):
                    fidelity = "exact"
                elif "".join(quote_words[other_k]) == "".join(quote_words[k]):
                    fidelity = "punctuation-only"  # the same letters: only marks, hyphens or spaces differ
                elif _words_within(quote_words[k], quote_words[other_k]) \
                        or _words_within(quote_words[other_k], quote_words[k]):
                    # '"The case has dragged on for too long," he said' and 'said his case had
                    # "dragged on for too long"': a part quoted word for word, not reworded.
                    fidelity = "exact"
                else:
                    fidelity = "reworded"
                records.append(_fidelity_row(row, other_article, candidate.sentence_index,
                                             candidate.quote, fidelity, ratio))
        pieces = [set(_content_words(piece)) for piece in _QUOTE_SENTENCE_BREAK.split(row.quote)]
        pieces = [piece for piece in pieces if len(piece) >= INDIRECT_MIN_WORDS]
        # Per other article, every sentence holding enough of one quoted sentence's content
        # words, best first: the best by words alone may be another source's report of the
        # same facts, and the rendering the one after it.
        covering: dict[str, dict[int, float]] = {}
        if str(row.speaker).strip():  # an unattributed quotation is rendered by no one
            for piece in pieces:
                for s_k in set().union(*(sentences_by_word.get(w, set()) for w in piece)):
                    sentence = sentence_rows[s_k]
                    if sentence.article == row.article or sentence.article in best_by_article:
                        continue
                    coverage = len(piece & sentence_words[s_k]) / len(piece)
                    if coverage >= INDIRECT_COVERAGE:
                        held = covering.setdefault(sentence.article, {})
                        held[s_k] = max(held.get(s_k, 0.0), coverage)
        for other_article in sorted(covering):
            ranked = sorted(covering[other_article].items(),
                            key=lambda item: (-item[1], sentence_rows[item[0]].sentence_index))
            for s_k, coverage in ranked:
                sentence = sentence_rows[s_k]
                if _reports_as_indirect(row, sentence, pieces, resolver):
                    records.append(_fidelity_row(row, other_article, sentence.sentence_index,
                                                 sentence.normalized, "indirect", coverage))
                    break
    columns = ["article", "sentence_index", "quote", "speaker", "other_article",
               "other_sentence_index", "other_text", "fidelity", "similarity"]
    return (pd.DataFrame(records, columns=columns)
            .sort_values(["article", "sentence_index", "quote", "other_article"]).reset_index(drop=True))


def _reports_as_indirect(quote, sentence, pieces: list[set[str]], resolver: _Resolver) -> bool:
    """Whether ``sentence`` (a row of the corpus's sentences) renders ``quote`` as indirect
    speech: the quotation's speaker is named, the sentence or the one before it in its
    paragraph attributes words to that speaker (the same name, or the same last word of
    it), and the quotation's content words stand in the sentence outside quotation marks. Shared words alone are not enough: reports of
    one event repeat the same facts ("the police detained the suspect") from other sources,
    and words still inside quotation marks are the quotation reworded, not rendered."""
    if not str(quote.speaker).strip():
        return False
    span = resolver.corpus.spans[(sentence.article, sentence.sentence_index)]
    quoted = resolver.quoted_ranges(span.doc)
    outside = set(words("".join(character if span.start_char + i not in quoted else " "
                                for i, character in enumerate(span.text))))
    if not any(len(piece & outside) >= INDIRECT_COVERAGE * len(piece) for piece in pieces):
        return False
    wanted = str(quote.speaker).lower().split()
    # The attribution may stand in the sentence itself or in the one before it in its
    # paragraph ("..., with Kremlin aide Yuri Ushakov confirming the plans. The exact dates
    # ... will be announced by both parties in agreement").
    attributing = [(sentence.sentence_index, span)]
    before = resolver.corpus.spans.get((sentence.article, sentence.sentence_index - 1))
    if before is not None and before.doc is span.doc:
        attributing.insert(0, (sentence.sentence_index - 1, before))
    for index, part in attributing:
        for _, attribution in reporting_attributions(part, resolver, sentence.article, index):
            said = attribution.speaker.lower().split()
            if said and (said == wanted or said[-1] == wanted[-1]):
                return True
    return False


def _index_words(tokens: list[str]) -> set[str]:
    """Index keys of a quotation: its content words, or, for a quotation of stop words
    only ("No, no."), the whole word sequence."""
    content = {word for word in tokens if word not in STOP_WORDS}
    return content or {"\0" + " ".join(tokens)}


def _words_within(part: list[str], whole: list[str]) -> bool:
    """Whether ``part`` (at least INDIRECT_MIN_WORDS words) stands in ``whole`` as a run."""
    return len(part) >= INDIRECT_MIN_WORDS and f" {' '.join(part)} " in f" {' '.join(whole)} "


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
