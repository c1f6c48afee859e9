"""newscompare: compare how several news articles tell the same story.

Load a folder of articles with a manifest (:func:`newscompare.ingest.corpus.load_corpus`),
then compare them: text reuse, edits, voices, framing, claims and timeline.
"""

__version__ = "0.1.0"
