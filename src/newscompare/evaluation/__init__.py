"""How right the analyses are: hand annotations, scoring against them, baselines and
peer tools, threshold sweeps and the held-out collection.

May import :mod:`newscompare.ingest` and :mod:`newscompare.analysis`; never report or
the commands.
"""
