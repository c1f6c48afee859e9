"""Every path the project uses, derived from this file's location, so that notebooks
and tests never spell out relative paths such as ``../seeds``."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/newscompare
# Rule and word-list files travel with the layer that reads them.
INGEST_DATA_DIR = PACKAGE_DIR / "ingest" / "data"
ANALYSIS_DATA_DIR = PACKAGE_DIR / "analysis" / "data"
# src/newscompare -> src -> project root. Meaningful in a source checkout (editable
# install), which is how the book and the tests use the package.
PROJECT_ROOT = PACKAGE_DIR.parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
ANNOTATIONS_DIR = PROJECT_ROOT / "annotations"
STORY_DIR = PROJECT_ROOT / "story"  # catalogues specific to this story (claims, events)
STORY_CLAIMS_FILE = STORY_DIR / "claims.yml"
STORY_EVENTS_FILE = STORY_DIR / "events.csv"
STORY_LEXICON_FILE = STORY_DIR / "framing_lexicon.yml"
