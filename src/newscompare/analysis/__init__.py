"""The analyses: reuse, edits, entities, quotations, sources, framing, claims and
timeline, each a function of the loaded :class:`~newscompare.ingest.corpus.Corpus` that
returns a tidy table keyed by article (or by pair); word lists and lexicons in ``data/``.

May import :mod:`newscompare.ingest`, never evaluation, report or the commands.
"""
