"""Tables and a figure that introduce a corpus: where each article comes from, what the
cleaner removed, and how long each article is."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from newscompare.ingest.corpus import ARTICLE_COLUMNS, Corpus
from newscompare.ingest.text import words
from newscompare.report.plotting import (
    FIGURE_WIDTH, LINE_INCHES, SMALL_FONT, article_colors, article_labels, new_figure, wrapped_label,
)

PROVENANCE_COLUMNS = [
    "id", "outlet", "published", "published_confidence", "outlet_confidence",
    "wire_source", "url", "evidence",
]
#: Manifest columns that are not the researcher's notes on provenance: the file and its
#: checksum (in the reproducibility appendix) and the columns the package derives.
NOT_PROVENANCE = {"file", "sha256", *ARTICLE_COLUMNS} - {"id", "outlet", "url", "published"}


def provenance_table(corpus: Corpus) -> pd.DataFrame:
    """The manifest's provenance columns, one row per article: the known ones
    (:data:`PROVENANCE_COLUMNS`) that exist, then every further column the researcher
    wrote (``note``, ``family``, ...), in the manifest's order."""
    known = [c for c in PROVENANCE_COLUMNS if c in corpus.articles.columns]
    further = [c for c in corpus.articles.columns if c not in known and c not in NOT_PROVENANCE]
    return corpus.articles[known + further].sort_values("id").reset_index(drop=True)


#: Manifest columns read as an article's title and its retrieval date, first found first:
#: the manifest format names neither, so the usual spellings are accepted.
TITLE_COLUMNS = ("title",)
RETRIEVED_COLUMNS = ("retrieved", "accessed", "retrieved_on", "accessed_on")


def _first_column(articles: pd.DataFrame, names: tuple[str, ...]) -> pd.Series:
    """The first of the columns ``names`` that ``articles`` has, as text; else blanks."""
    found = [articles[name].fillna("").astype(str) for name in names if name in articles.columns]
    return found[0] if found else pd.Series([""] * len(articles), index=articles.index)


def _inferred(confidence: object) -> bool:
    """Whether the manifest's ``published_confidence`` marks a date as inferred: any value
    but "high" (a date read from the page or its address); no value says nothing."""
    return isinstance(confidence, str) and confidence.strip().lower() not in ("", "high")


def reference_list(corpus: Corpus) -> pd.DataFrame:
    """One reference per article, from the manifest: ``id, outlet, title`` (the
    manifest's title, else the headline found in the text, else empty), ``published``
    (in words, see :func:`~newscompare.report.presentation.published_words`, then
    "(inferred)" when the manifest's ``published_confidence`` is not high), ``address``
    (the URL) and ``retrieved`` (when the manifest records it). Sorted by outlet (case
    ignored), earliest possible day, id."""
    from newscompare.report.presentation import published_words

    articles = corpus.articles
    title = _first_column(articles, TITLE_COLUMNS)
    table = pd.DataFrame({
        "id": articles["id"].astype(str),
        "outlet": articles["outlet"].astype(str),
        "title": title.where(title != "", articles["headline"].fillna("").astype(str)),
        "published": [published_words(str(p), str(s), str(e)) + (" (inferred)" if _inferred(c) else "")
                      for p, s, e, c in zip(articles["published"], articles["published_start"],
                                            articles["published_end"], _first_column(articles, ("published_confidence",)),
                                            strict=True)],
        "address": articles["url"].fillna("").astype(str),
        "retrieved": _first_column(articles, RETRIEVED_COLUMNS),
        "start": articles["published_start"].astype(str),
    })
    table["order"] = table["outlet"].str.casefold()
    table = table.sort_values(["order", "start", "id"], kind="mergesort")
    return table.drop(columns=["order", "start"]).reset_index(drop=True)


def removed_lines(corpus: Corpus) -> pd.DataFrame:
    """Every non-blank line that is not body text, with its role and the rule that set it."""
    lines = corpus.lines
    kept = lines[~lines["role"].isin(["body", "blank"])]
    return kept[["article", "line_number", "role", "rule", "text"]].reset_index(drop=True)


def role_counts(corpus: Corpus) -> pd.DataFrame:
    """Non-blank lines per article (rows) and role (columns)."""
    lines = corpus.lines[corpus.lines["role"] != "blank"]
    table = pd.crosstab(lines["article"], lines["role"]).reindex(corpus.ids, fill_value=0)
    table.columns.name = None
    table.index.name = "article"
    return table


def article_statistics(corpus: Corpus, quotations: pd.Series | None = None) -> pd.DataFrame:
    """Per article: paragraphs, sentences, words, mean words per sentence and, when given,
    the number of direct quotations (a Series indexed by article id)."""
    table = corpus.articles[["id", "outlet", "paragraphs", "sentences", "words"]].copy()
    table["mean_sentence_words"] = (table["words"] / table["sentences"]).round(1)
    if quotations is not None:
        table["direct_quotations"] = (
            table["id"].map(quotations).fillna(0).astype(int)
        )
    return table.sort_values("id").reset_index(drop=True)


#: Inches per article row of the sentence-length figure: roomy for a handful of articles,
#: and past a dozen as tight as a 9-point label allows, so that 100 articles stay one
#: readable column rather than a page-long strip.
ROW_INCHES, DENSE_ROW_INCHES, DENSE_FROM = 0.6, 0.3, 13


def plot_sentence_lengths(corpus: Corpus) -> Figure:
    """Words per body sentence, one row of dots per article, with each article's mean."""
    colors = article_colors(corpus.ids)
    labels = article_labels(corpus.articles)
    row_inches = ROW_INCHES if len(corpus.ids) < DENSE_FROM else DENSE_ROW_INCHES
    names = [wrapped_label(labels[i], 20) for i in corpus.ids]
    lines = max((name.count("\n") + 1 for name in names), default=1)
    fig, ax = new_figure(FIGURE_WIDTH, (row_inches + LINE_INCHES * (lines - 1)) * len(corpus.ids) + 1.2)
    for row, article_id in enumerate(corpus.ids):
        sentences = corpus.sentences[corpus.sentences["article"] == article_id]
        lengths = [len(words(s)) for s in sentences["sentence"]]
        ax.scatter(lengths, [row] * len(lengths), color=colors[article_id], alpha=0.7, s=28)
        if lengths:  # an article left out of the English analyses has no sentences
            mean = sum(lengths) / len(lengths)
            ax.plot([mean, mean], [row - 0.3, row + 0.3], color="black", linewidth=1.5)
    ax.set_yticks(range(len(corpus.ids)), names, fontsize=SMALL_FONT)
    ax.invert_yaxis()
    ax.set_xlabel("words per sentence (black bar: article mean)")
    ax.set_xlim(left=0)
    fig.tight_layout()
    plt.close(fig)
    return fig


def at_a_glance(corpus: Corpus) -> pd.DataFrame:
    """One line per article for the report's front page: outlet, date, headline, length."""
    table = corpus.articles[["id", "outlet", "published", "headline", "words"]].copy()
    table["headline"] = table["headline"].replace("", "(none in the text)")
    return table.sort_values("id").set_index("id")


#: The link of an outside source that a text only quotes ("according to TASS").
QUOTED_LINK = "quoted"
SUMMARY_COLUMNS = ["article", "outlet", "published", "came_from", "changed_from_source",
                   "quotes", "names_the_war"]


def _when(start: str, end: str, inferred: bool = False) -> str:
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    if start == end:
        return f"{first.day} {first:%B %Y}" + (" (inferred)" if inferred else "")
    return f"{first.day} {first:%B} to {last.day} {last:%B %Y} (window{', inferred' if inferred else ''})"


#: The summary's cell for what a text changed when none of the corpus is its source: a
#: blank would read as "changed nothing".
NO_SOURCE_IN_CORPUS = "(no source in the corpus)"
#: How the evidence of a link in ``story/outside_sources.csv`` begins when the link rests
#: on the researcher's provenance notes (the manifest), not on a line of the texts.
PROVENANCE_EVIDENCE = "manifest"


def outlet_summary(corpus: Corpus, windows: pd.DataFrame, links: pd.DataFrame,
                   omissions: pd.DataFrame, quotations: pd.DataFrame, frames: pd.DataFrame,
                   losses: pd.DataFrame, outside: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per text, in plain words: when it appeared (the manifest's day or window,
    "inferred" unless its confidence is high; where ``timeline.publication_windows``
    starts the window later, at its source's publication, that day and why, as derived),
    where it came from (``story_map.story_links``; a link whose evidence in ``outside``
    rests on the manifest is marked "by the provenance notes"), what it changed from its
    source (``edits.omissions_and_additions`` and, counted, ``framing.term_losses``), whom
    it quotes (``quotes.extract_quotes``) and how it names the war
    (``framing.framing_table``, outside quotation marks, most frequent first). Every cell
    is generated from those tables, so it changes when they do."""
    from newscompare.report.presentation import day_words, join_words, plural

    names = {str(r.id): str(r.outlet) for r in corpus.articles.itertuples()}
    manifest = corpus.articles.set_index("id")
    from_notes = set()
    if outside is not None:
        noted = outside[outside["evidence"].astype(str).str.startswith(PROVENANCE_EVIDENCE)]
        from_notes = set(zip(noted["source"], noted["target"], strict=True))
    rows = []
    for window in windows.sort_values("article").itertuples():
        article = window.article
        incoming = links[links["target"] == article]
        # A source it only quotes is not where the text came from: it is named apart.
        quoting = incoming["link"] == QUOTED_LINK
        came_from = join_words(
            f"{names.get(r.source, r.source)} ({r.link}"
            + (", by the provenance notes" if (r.source, r.target) in from_notes else "") + ")"
            for r in incoming[~quoting].itertuples())
        quoted_sources = join_words(names.get(r.source, r.source) for r in incoming[quoting].itertuples())
        mine = omissions[omissions["copy_article"] == article]
        changed = ""
        if not mine.empty:
            sentences = mine[mine["level"] == "sentence"]
            omitted = int((sentences["kind"] == "omitted").sum())
            added = int((sentences["kind"] == "added").sum())
            source = names.get(str(mine["source_article"].iloc[0]), "")
            kept = (f"keeps every sentence of {source}" if omitted == 0
                    else f"leaves out {plural(omitted, 'sentence')} of {source}")
            changed = kept + (f", adds {plural(added, 'sentence')}" if added else ", adds none")
            lost = losses[losses["copy_article"] == article]
            if not lost.empty:
                changed += f"; does not carry over {len(lost)} of {source}'s names of the war and sharpening words"
        else:
            # The first of two reprints of one outside text (the edits read a sibling pair in
            # id order): what differs is said from its side, as the column's heading promises.
            linked = set(links.loc[links["source"] == article, "target"])
            sibling = omissions[(omissions["source_article"] == article) & (omissions["level"] == "sentence")
                                & ~omissions["copy_article"].isin(linked)]
            if not sibling.empty:
                other = str(sibling["copy_article"].iloc[0])
                kinds = sibling.loc[sibling["copy_article"] == other, "kind"]
                mine_only, theirs_only = int((kinds == "omitted").sum()), int((kinds == "added").sum())
                changed = (f"{NO_SOURCE_IN_CORPUS}; against {names.get(other, other)}, the other reprint: "
                           + (f"holds {plural(mine_only, 'sentence')} it lacks" if mine_only else "holds nothing it lacks")
                           + (f", lacks {plural(theirs_only, 'sentence')} of it" if theirs_only else ""))
        quoted = quotations[quotations["article"] == article]
        speakers = quoted["speaker"].replace("", "unattributed").value_counts()
        quotes = (f"{plural(len(quoted), 'quotation')}: "
                  + join_words(f"{s} ({n})" if n > 1 else s for s, n in speakers.items())
                  if len(quoted) else "nobody directly")
        war = frames[(frames["article"] == article) & (frames["category"] == "war_naming")
                     & ~frames["in_quotation"].astype(bool)]
        terms = war["term"].value_counts()
        named = join_words(f'"{t}"' + (f" ({n}x)" if n > 1 else "") for t, n in terms.items()) or "does not name it"
        row = manifest.loc[article]
        published = _when(str(row["published_start"]), str(row["published_end"]),
                          _inferred(row.get("published_confidence", "")))
        raised_by = str(getattr(window, "start_raised_by_source", "") or "")
        if raised_by and window.published_start != row["published_start"]:
            # The window moves only with a source the direction names without a credit
            # line, which is a reading to check (the reuse chapter), so it says so.
            source_name = names.get(raised_by, raised_by)
            published += (f"; not before {day_words(str(window.published_start))}, when {source_name} "
                          f"appeared, if {source_name} is its source (the reuse chapter's reading, to check)")
        rows.append({"article": article, "outlet": names[article], "published": published,
                     "came_from": (came_from or "no source found in or outside the corpus")
                     + (f"; quotes {quoted_sources}" if quoted_sources else ""),
                     "changed_from_source": changed or NO_SOURCE_IN_CORPUS, "quotes": quotes,
                     "names_the_war": named})
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
