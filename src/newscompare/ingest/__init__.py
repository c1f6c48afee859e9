"""Reading: the manifest, cleaning of each raw file, text normalization, the spaCy
pipeline (with its rule files in ``data/``) and the loaded :class:`~newscompare.ingest.corpus.Corpus`.

The lowest layer: it imports nothing from the other layers of the package.
"""
