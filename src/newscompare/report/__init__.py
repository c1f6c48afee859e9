"""What the book shows: figures, reading views, tables for readers, sentences generated
from tables, the data dictionary, parameters, reproducibility facts, the browser checks.

May import ingest, analysis and evaluation; never the commands.
"""
