"""What each chapter of a book shows, for any corpus: one function per table, figure,
reading view or set of glued facts, each called in one line from a notebook cell.
Each chapter has its module, named like its notebook in a generated book
(``corpus`` for ``01_corpus.ipynb``, ... ``check_by_hand`` for ``07_check_by_hand.ipynb``);
``book`` holds the analysis they share and ``shared`` what they show it with. Notebooks
call every function through this package (``chapters.pairs_view(book)``).

The chapters of a generated book (the template notebooks in ``newscompare/templates``)
and the chapters of this report call the same functions, so the code that shows a
corpus, its related pairs, its edits, voices and frames exists once. Every function takes
a :class:`BookAnalysis`: the corpus of a book folder and every analysis of it, each
computed once, on first use, and kept for the notebook's kernel.

A book folder holds ``_config.yml``, the corpus in ``seeds/`` (article files and
``manifest.csv``) and, optionally, the story's catalogues in ``story/claims.yml`` and
``story/events.csv``. Notebooks run with their own folder as the working directory, so
:func:`book_root` finds the book by searching upward for ``_config.yml``.

Tables are :func:`~newscompare.report.presentation.reader_table` objects (escaped HTML);
where a table would be empty a :class:`~newscompare.report.presentation.Note` says so in
words, and where it would be long (a corpus of hundreds of articles) it is cut at
:data:`~newscompare.report.chapters.shared.MAX_ROWS` rows with a caption naming how many are not shown and the CSV that has
them all. Sentences that name facts are generated from the tables they summarise.
"""

from newscompare.report.chapters import shared
from newscompare.report.chapters.book import (
    CLAIMS_FILE,
    CORPUS_FOLDER,
    EVENTS_FILE,
    LEXICON_FILE,
    BookAnalysis,
    book_analysis,
    book_root,
)
from newscompare.report.chapters.check_by_hand import (
    borderline_view,
    check_facts,
    no_speaker_view,
    undetermined_view,
    unsure_pairs_view,
    warnings_view,
)
from newscompare.report.chapters.claims_timeline import (
    claim_details_view,
    claims_figure,
    claims_timeline_facts,
    claims_view,
    known_view,
    timeline_figure,
    windows_view,
)
from newscompare.report.chapters.corpus import (
    corpus_facts,
    evidence_view,
    length_view,
    provenance_view,
    publication_figure,
    references_view,
    removed_lines_view,
    role_view,
    sentence_length_figure,
)
from newscompare.report.chapters.edits import (
    edit_classes_figure,
    edits_facts,
    omissions_view,
    reading_views,
    wording_edits_view,
)
from newscompare.report.chapters.framing import category_view, frame_changes_view, frames_figure, framing_facts
from newscompare.report.chapters.reuse import (
    blocks_view,
    containment_figure,
    families_view,
    pairs_view,
    reuse_facts,
    sentence_relations_figure,
)
from newscompare.report.chapters.voices import (
    entities_figure,
    fidelity_view,
    quotations_view,
    sources_figure,
    sources_view,
    voices_facts,
)

#: What a notebook calls as ``chapters.NAME``.
__all__ = [
    "shared",
    "CLAIMS_FILE",
    "CORPUS_FOLDER",
    "EVENTS_FILE",
    "LEXICON_FILE",
    "BookAnalysis",
    "book_analysis",
    "book_root",
    "borderline_view",
    "check_facts",
    "no_speaker_view",
    "undetermined_view",
    "unsure_pairs_view",
    "warnings_view",
    "claim_details_view",
    "claims_figure",
    "claims_timeline_facts",
    "claims_view",
    "known_view",
    "timeline_figure",
    "windows_view",
    "corpus_facts",
    "evidence_view",
    "length_view",
    "provenance_view",
    "publication_figure",
    "references_view",
    "removed_lines_view",
    "role_view",
    "sentence_length_figure",
    "edit_classes_figure",
    "edits_facts",
    "omissions_view",
    "reading_views",
    "wording_edits_view",
    "category_view",
    "frame_changes_view",
    "frames_figure",
    "framing_facts",
    "blocks_view",
    "containment_figure",
    "families_view",
    "pairs_view",
    "reuse_facts",
    "sentence_relations_figure",
    "entities_figure",
    "fidelity_view",
    "quotations_view",
    "sources_figure",
    "sources_view",
    "voices_facts",
]
