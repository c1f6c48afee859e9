"""Who is given voice in each article, and with which reporting verbs.

Every reporting verb with a subject ("Ushakov said", "India urged", "Rostec issued its
statement") and every "according to X" in the body is a source mention; so is a sentence in
which the outlet reports its own request for comment ("CNN has contacted ... for comment").
Sources are classed by kind:

* ``person``: a named person, or one the text describes by a role that one person
  holds ("Slovakia's interior minister"); ``institution``: a named organisation,
  government or country ("Kremlin", "India");
* ``agency``: a news agency cited (a name in the agency list, or a phrase such as
  "Russia's state news agency");
* ``anonymous``: an unnamed person or group ("a senior official");
* ``own_reporting``: the outlet's own reporting (request for comment);
* ``unattributed``: a claim the text attributes to nobody ("there have been reports",
  "reportedly"), so that a reader sees what rests on no named source;
* ``other``: a subject that is none of these (e.g. "reports").

The word lists are in ``data/voices_words.json``.
"""

from __future__ import annotations

import bisect
import re

import pandas as pd

from newscompare.analysis.credits import article_credits, is_agency
from newscompare.analysis.entities import voices_words
from newscompare.analysis.quotes import find_quote_spans, reporting_attributions, resolver_for
from newscompare.ingest.corpus import Corpus

SOURCE_COLUMNS = ["article", "sentence_index", "source", "kind", "verb"]


def classify_source(source: str, label: str) -> str:
    """The kind of a resolved source (see the module docstring) from its name and entity label."""
    lists = voices_words()
    lowered = source.lower()
    # "Kyodo News", "the Jiji Press": an agency named as a credit names it (not by
    # initials: a person "Alexei Petrov" is no AP).
    if is_agency(source, by_initials=False) or any(noun in lowered for noun in lists["agency_nouns"]):
        return "agency"
    if label == "PERSON":
        return "person"
    if label:
        return "institution"
    # The description's own noun comes before what places it: "a spokesman at Japan
    # Airlines", "a coast guard official at Haneda Airport, one of the world's busiest".
    words = _DESCRIPTION_END.split(lowered, maxsplit=1)[0].split()
    head = words[-1] if words else ""
    if head in lists["anonymous_nouns"]:
        return "anonymous"
    if head in lists["person_roles"]:
        # "A Japan Airlines spokesperson": someone described but not named; "Slovakia's
        # interior minister": the one person who holds that role.
        return "anonymous" if words[0] in ("a", "an") else "person"
    return "other"


#: Where a description's own words end: a comma, or a preposition that places the person.
_DESCRIPTION_END = re.compile(r",|\s(?:at|for|with|from|of|in|on|to|by)\s")


def source_mentions(corpus: Corpus) -> pd.DataFrame:
    """One row per source mention: article, sentence_index, source, kind, verb.

    ``verb`` is the reporting verb's lemma, "according to", "<verb> statement" for a verb
    whose object is a statement, or, for own reporting, the matched phrase. Sorted.
    """
    resolver = resolver_for(corpus)
    own_patterns = [re.compile(rf"\b{p}\b", re.IGNORECASE)
                    for p in voices_words()["own_reporting_patterns"]]
    unattributed_patterns = [re.compile(rf"\b{p}\b", re.IGNORECASE)
                             for p in voices_words()["unattributed_patterns"]]
    records = []
    quoted = _QuotedRanges()
    # A wire text's "declined to comment" is the agency's reporting, not the reprinting
    # site's: only an article that credits no one else, and carries no syndicated feed's
    # notice, reports in its own outlet's name.
    credits = article_credits(corpus)
    # Every line, furniture included (the notice is often classed so); a corpus of sentences
    # alone has only its sentences.
    lines = corpus.lines if corpus.lines is not None and not corpus.lines.empty else None
    texts = zip(lines["article"], lines["text"]) if lines is not None else \
        zip(corpus.sentences["article"], corpus.sentences["sentence"])
    syndicated = {str(article) for article, text in texts if _SYNDICATED.search(str(text))}
    own_outlet = {article for article, credit in credits.items()
                  if not credit.is_credited() and article not in syndicated}
    for (article, sentence_index), span in sorted(corpus.spans.items()):
        own = [p.search(span.text) for p in own_patterns]
        own = [m for m in own if m]
        # Verbs inside quotations are the speaker's words, not the outlet's attributions.
        inside = quoted.within(span)
        for token, attribution in reporting_attributions(span, resolver, article, sentence_index, inside):
            if not attribution.speaker:
                continue  # a fragment ("the statement") or an unresolved reference: no source
            records.append({"article": article, "sentence_index": sentence_index,
                            "source": attribution.speaker,
                            "kind": classify_source(attribution.speaker, attribution.label),
                            "verb": attribution.verb})
        hedges = [m for m in (p.search(span.text) for p in unattributed_patterns) if m]
        if hedges:
            records.append({"article": article, "sentence_index": sentence_index,
                            "source": "(no source named)", "kind": "unattributed",
                            "verb": min(hedges, key=lambda m: m.start()).group(0).lower()})
        subject = _own_subject(span, own[0].start()) if own else ""
        # "declined to comment when contacted by CBS": the organisation that asked is named,
        # and it is not the outlet; the request is that organisation's reporting, relayed.
        asker = _ASKED_BY.search(span.text) if own else None
        if asker:
            records.append({"article": article, "sentence_index": sentence_index,
                            "source": asker.group(1), "kind": "agency" if is_agency(asker.group(1)) else "other",
                            "verb": own[0].group(0).lower()})
        # In a wire text, only a news organisation named as the one asking ("Reuters
        # could not reach ...") reports for itself.
        elif own and (article in own_outlet or (subject and is_agency(subject))):
            records.append({"article": article, "sentence_index": sentence_index,
                            "source": subject or corpus.outlet(article), "kind": "own_reporting",
                            "verb": own[0].group(0).lower()})
    table = pd.DataFrame(records, columns=SOURCE_COLUMNS)
    return table.sort_values(SOURCE_COLUMNS).reset_index(drop=True)


#: The one who asked for comment, named after the request: "when contacted by CBS",
#: "when asked by Reuters".
_ASKED_BY = re.compile(r"\b(?:contacted|asked|reached)\s+by\s+((?:the\s+)?[A-Z][\w&'’-]*(?:[\s.]+[A-Z][\w&'’-]*){0,3})")
#: A syndication notice: "auto-generated from a syndicated feed", "sourced from a third
#: party syndicated feed".
_SYNDICATED = re.compile(r"\bsyndicated feed\b", re.IGNORECASE)


class _QuotedRanges:
    """Character ranges of the quotations (marks included) of each parsed paragraph,
    found once per paragraph and looked up per sentence by bisection, so that a long
    paragraph is not scanned again for each of its sentences."""

    def __init__(self) -> None:
        self._doc = None
        self._ranges: list[tuple[int, int]] = []
        self._ends: list[int] = []

    def within(self, span) -> list[tuple[int, int]]:
        """The ranges that overlap ``span`` (in the offsets of its paragraph)."""
        if span.doc is not self._doc:
            self._doc = span.doc
            self._ranges = [(q.opening_mark, q.end + 1) for q in find_quote_spans(span.doc.text)]
            self._ends = [end for _, end in self._ranges]  # increasing: quotations never nest
        found = []
        for start, end in self._ranges[bisect.bisect_right(self._ends, span.start_char):]:
            if start >= span.end_char:
                break
            found.append((start, end))
        return found


def _own_subject(span, char_offset: int) -> str:
    """The words before an own-reporting phrase ("CNN" in "CNN has contacted ...")."""
    before = span.text[:char_offset].strip()
    return before if before and len(before.split()) <= 3 else ""


def sources_by_kind(sources: pd.DataFrame, article_ids: list[str]) -> pd.DataFrame:
    """Source mentions per article (rows, all of ``article_ids``) and kind (columns)."""
    kinds = ["person", "institution", "agency", "anonymous", "own_reporting", "unattributed", "other"]
    table = pd.crosstab(sources["article"], sources["kind"])
    return table.reindex(index=article_ids, columns=kinds, fill_value=0).rename_axis(
        index="article", columns="kind")


def verbs_by_article(sources: pd.DataFrame) -> pd.DataFrame:
    """Reporting verbs (rows) by article (columns), counted; sorted by total, then verb."""
    table = pd.crosstab(sources["verb"], sources["article"])
    order = table.sum(axis=1).rename("total").reset_index().sort_values(
        ["total", "verb"], ascending=[False, True])
    return table.loc[order["verb"]]


def sources_summary(sources: pd.DataFrame) -> pd.DataFrame:
    """One row per (article, source, kind): the reporting verbs used (sorted, joined by
    ", ") and the number of mentions. Sorted by article, then mentions (descending), source."""
    table = (sources.groupby(["article", "source", "kind"])
             .agg(verbs=("verb", lambda v: ", ".join(sorted(set(v)))), mentions=("verb", "size"))
             .reset_index())
    return table.sort_values(["article", "mentions", "source"],
                             ascending=[True, False, True]).reset_index(drop=True)
