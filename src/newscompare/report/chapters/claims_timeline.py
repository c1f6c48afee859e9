"""Chapter 6, claims and timeline (``06_claims_timeline.ipynb``; only with a story's
catalogues)."""

from __future__ import annotations

import pandas as pd

from newscompare.analysis import timeline
from newscompare.report import figures
from newscompare.report.chapters.book import CLAIMS_FILE, EVENTS_FILE, BookAnalysis
from newscompare.report.chapters.shared import (
    MAX_FIGURE_ARTICLES,
    NOTHING_TO_ADD,
    in_words,
    outlet_headers,
    table_or_note,
    with_phrases,
)
from newscompare.report.presentation import InlineFigure, Note, ReaderTable, plural


def claims_timeline_facts(book: BookAnalysis) -> dict[str, object]:
    """Values of the claims and timeline chapter, for a book with a claims catalogue, an
    events file, or both; ``claims_sentence`` and ``events_sentence`` say in words what
    was checked (or that nothing was, for want of a catalogue)."""
    found, n_articles = book.claim_table, len(book.corpus.ids)
    per_claim = found.groupby("claim_id")["present"].sum()
    n_claims = 0 if book.claims is None else len(book.claims)
    in_all, in_one = int((per_claim == n_articles).sum()), int((per_claim == 1).sum())
    if book.claims is None:
        claims_sentence = f"No claims catalogue was given ({CLAIMS_FILE.as_posix()}), so no claim is checked"
    else:
        claims_sentence = (f"Of the {plural(n_claims, 'claim')} of the catalogue, "
                           f"{in_all} {'is' if in_all == 1 else 'are'} made by every article and "
                           f"{in_one} by a single one. The figure shows which article makes which "
                           "claim; the tables below say what each claim says and, for the claims "
                           "with detail variants, which variant each article gives")
    windows = book.windows
    if book.events is None:
        events_sentence = f"No events file was given ({EVENTS_FILE.as_posix()}), so no event is placed"
    else:
        possible = int((book.known["could_have_known"] == timeline.POSSIBLY).sum())
        events_sentence = (f"The {plural(len(book.events), 'event')} of the events file "
                           f"{'is' if len(book.events) == 1 else 'are'} set against "
                           f"each article's publication window; {plural(possible, 'article x event pair')} "
                           f"{'is' if possible == 1 else 'are'} knowable only if the article was published "
                           "late in its window. The last table says for each event whether each article "
                           "could have reported it (\"yes\" if it happened by the article's earliest possible "
                           "day, \"no\" if after its latest)")
    return with_phrases({
        "n_claims": n_claims,
        "claims_sentence": claims_sentence,
        "n_claims_in_all": in_all,
        "n_claims_in_one": in_one,
        "n_with_detail": int(found.loc[found["detail"] != "", "claim_id"].nunique()),
        "n_events": 0 if book.events is None else len(book.events),
        "events_sentence": events_sentence,
        "n_exact_dates": int(windows["exact"].sum()),
        "n_date_windows": int((~windows["exact"]).sum()),
    }, {"n_exact_dates": ("single day", "single days"), "n_date_windows": ("window", "windows")})


def claims_figure(book: BookAnalysis, comparison: pd.DataFrame | None = None) -> InlineFigure | Note:
    """Claims (rows) detected in each article (columns), or, past
    :data:`MAX_ARTICLE_COLUMNS` articles, a row per article and a column per claim;
    ``comparison`` marks the detections a hand annotation rejects or misses."""
    if book.claims is None:
        return NOTHING_TO_ADD
    made = book.claim_table.groupby("claim_id")["present"].sum()
    alt = (f"Grid of the {plural(len(book.claims), 'claim')} of the catalogue and the {len(book.corpus.ids):,} "
           f"articles, a square where an article makes a claim; {int((made > 0).sum()):,} of the claims are made "
           "by at least one article.")
    return InlineFigure(figures.claims_figure(book.claim_table, book.corpus.articles, book.claims, comparison,
                                              book.family_order), alt)


def claims_view(book: BookAnalysis) -> ReaderTable | Note:
    """The catalogue: each claim's short name, in words as the claims figure labels its
    rows ("russian oil" for ``russian_oil``; the CSV keeps the id), and its statement."""
    if book.claims is None:
        return NOTHING_TO_ADD
    catalogue = book.claims
    table = pd.DataFrame([(c.id, c.statement) for c in catalogue], columns=["claim_id", "statement"])
    return table_or_note(in_words(table, "claim_id"), CLAIMS_FILE.as_posix(), "No claims catalogue was given.",
                         headers={"claim_id": "Claim (as the figure names it)", "statement": "Statement"})


#: Cells of the details table where an article gives no listed variant: it makes the
#: claim in other words, or it does not make the claim at all.
NO_VARIANT, NOT_MADE = "(made, no listed variant)", "(not made)"


def claim_details_view(book: BookAnalysis) -> ReaderTable | Note:
    """For claims with detail variants: which variant each article gives, or that it
    makes the claim with no listed variant, or does not make it."""
    found = book.claim_table
    details = found[found["detail"] != ""]
    if book.claims is None:
        return NOTHING_TO_ADD
    if details.empty:
        has_variants = any(claim.details for claim in book.claims)
        return Note("No article gives a detail variant of a claim of the catalogue." if has_variants
                    else "The catalogue defines no detail variants.")
    statements = {c.id: c.statement for c in book.claims or []}
    # Every article has a cell, so a blank never means two things: an article that makes
    # the claim without a listed variant, or one that does not make it, says which.
    rows = found[found["claim_id"].isin(set(details["claim_id"]))]
    cells = rows["detail"].where(rows["detail"] != "",
                                 rows["present"].map({True: NO_VARIANT, False: NOT_MADE}))
    table = (rows.assign(detail=cells).pivot(index="claim_id", columns="article", values="detail")
             .reindex(index=sorted(set(details["claim_id"])))
             .rename(columns=book.labels, index=statements))
    return table_or_note(table, "claims.csv", "", headers={"claim_id": "Claim", **outlet_headers(book)})


def windows_view(book: BookAnalysis) -> ReaderTable | Note:
    """Each article's publication window, narrowed where its source appeared later."""
    windows = book.windows
    return table_or_note(windows.assign(start_raised_by_source=windows["start_raised_by_source"].map(book.labels).fillna("")),
                         "articles.csv", "No article.",
                         headers={"article": "Text", "published_start": "Earliest day", "published_end": "Latest day",
                           "window_days": "Days", "exact": "Single day", "published_confidence": "Date confidence",
                           "start_raised_by_source": "Earliest day set by its source"},
                         columns=["article", "published_start", "published_end", "window_days", "exact",
                           "published_confidence", "start_raised_by_source"],
                         names=book.labels)


def timeline_figure(book: BookAnalysis) -> InlineFigure | Note:
    """Publication windows of the articles (a row each, earliest first) among the
    numbered events."""
    if book.events is None:
        return NOTHING_TO_ADD
    windows = book.windows
    alt = (f"Timeline with a row per article ({len(windows):,}, earliest first): a point for each of the "
           f"{plural(int(windows['exact'].sum()), 'article')} published on a known day, a bar for each of the "
           f"{int((~windows['exact']).sum()):,} with a window; dashed lines for the "
           f"{plural(len(book.events), 'numbered event')} listed below it.")
    return InlineFigure(figures.timeline_figure(book.corpus, book.events, book.stated_sources), alt)


def known_view(book: BookAnalysis) -> ReaderTable | Note:
    """Event (rows) x article (columns): could the article have reported the event?"""
    if book.events is None:
        return NOTHING_TO_ADD
    table = book.known.pivot(index=["event_date", "event"], columns="article", values="could_have_known")
    if table.shape[1] > MAX_FIGURE_ARTICLES:
        # Too wide as a grid: one row per event and article, which the caption's download holds whole.
        rows = book.known.sort_values(["event_date", "event", "article"], kind="mergesort")
        return table_or_note(rows, "events_known.csv", "",
                             caption=f"With {table.shape[1]:,} articles, a column per article would be too wide "
                                     "to read; one row per event and article instead.",
                             headers={"event_date": "Date", "event": "Event", "article": "Text",
                                      "could_have_known": "Could have known"},
                             columns=["event_date", "event", "article", "could_have_known"], names=book.labels)
    return table_or_note(table.rename(columns=book.labels), "events_known.csv", "",
                         headers={"event_date": "Date", "event": "Event", **outlet_headers(book)})
